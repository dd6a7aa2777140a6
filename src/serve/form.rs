//! The editor's forms, generated from the plan's own JSON Schema (`renja schema`) and its text:
//! every scalar a schema definition allows becomes an input at its JSON path, every object a
//! group, every list of objects a list of groups whose rows can be copied and removed. Nothing
//! here is written per field by hand, so a field added to the plan's types appears by itself.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::editor::Kind;
use crate::compute::Computed;
use crate::diagnostic::Diagnostic;

/// A group of inputs: an object of the plan (the identity, a program, an indicator).
#[derive(Debug, Serialize)]
pub struct Node {
    pub path: String,
    pub id: String,
    pub title: String,
    pub fields: Vec<Field>,
    /// Figures of this node computed by the library, shown read-only.
    pub derived: Vec<Derived>,
    pub groups: Vec<Node>,
    pub lists: Vec<List>,
    /// Findings located on the node itself rather than on one of its inputs.
    pub findings: Vec<FindingView>,
    /// Whether this node is an element of a list (so it can be copied or removed).
    pub row: bool,
    /// What copying or removing the row sends (htmx `hx-vals`), as JSON.
    pub vals: String,
    /// A single object that may also be a list (one indicator or several): it can grow into one.
    pub grow: bool,
    /// As a row of its list's grid: one cell per column of the list (its own inputs and those
    /// of its one-level groups, such as a Tabel 2.1 row's indicator), `None` where it has none.
    pub cells: Vec<Option<Field>>,
    /// The ids of the groups whose inputs became this row's cells: a finding's link to such a
    /// group still lands on the row.
    pub merged: Vec<String>,
    /// Optional objects of this node not written yet (a kegiatan's `hasil_analisis` for Tabel
    /// 2.3): a button adds each, blank.
    pub absent: Vec<Absent>,
    /// As a row: it has groups or written lists, shown in a row of their own below it (an
    /// optional list not written yet is only a button among the row's actions).
    pub detail: bool,
}

/// A list of objects (program, kegiatan, sub-kegiatan, indicators, the rows of a table),
/// shown as a grid: one row per element, one column per input.
#[derive(Debug, Serialize)]
pub struct List {
    pub path: String,
    pub title: String,
    pub help: Option<String>,
    pub items: Vec<Node>,
    /// The grid's columns, in the schema's order.
    pub columns: Vec<Column>,
    /// The list is absent from the file (an optional list): only a button adds its first row.
    pub absent: bool,
    /// Some row has figures computed by the library (a column "Dihitung").
    pub derived: bool,
    /// What the button adding a row sends (htmx `hx-vals`), as JSON.
    pub vals: String,
    /// A blank row of this list (the schema's required keys, empty), as JSON text.
    #[serde(skip)]
    pub blank: Value,
}

/// An optional object not written yet, added blank by a button.
#[derive(Debug, Serialize)]
pub struct Absent {
    pub path: String,
    pub title: String,
    pub help: Option<String>,
    /// What the button sends (htmx `hx-vals`), as JSON.
    pub vals: String,
    #[serde(skip)]
    pub blank: Value,
}

/// A column of a grid: the input's path below the row (`kode`, `indikator.target_n2`).
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub key: String,
    pub title: String,
    pub help: Option<String>,
}

/// One input.
#[derive(Debug, Serialize)]
pub struct Field {
    pub path: String,
    pub id: String,
    /// The schema's `title` of the key, else the key in words.
    pub label: String,
    /// The schema's `description` of the key: help shown below the label.
    pub help: Option<String>,
    /// The id of the `<datalist>` offering the plan's codes, where the key refers to a node
    /// of `rencana` (the schema's `x-rujukan`).
    pub choices: Option<String>,
    pub kind: Kind,
    /// A choice among fixed values (the schema's `enum`).
    pub options: Vec<String>,
    /// Long text: a text area.
    pub long: bool,
    pub value: String,
    pub findings: Vec<FindingView>,
    /// What a change of this input sends besides its value (htmx `hx-vals`), as JSON.
    pub vals: String,
    /// An error is found at this input (`aria-invalid`).
    pub invalid: bool,
}

/// A figure the library derives (never typed, never recomputed in the page).
#[derive(Debug, Serialize)]
pub struct Derived {
    pub id: String,
    pub label: String,
    /// As the document prints it: "1.073.384.000".
    pub printed: String,
    /// The exact figure: "1073384000".
    pub exact: String,
}

/// A check finding as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub error: bool,
    pub code: &'static str,
    pub message: String,
    pub path: Option<String>,
    /// Line and column in the plan file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub hint: Option<String>,
    /// The id of the input or group it is shown in.
    pub anchor: Option<String>,
    /// The view (tab) that input is in.
    pub view: Option<&'static str>,
}

impl FindingView {
    pub fn of(diagnostic: &Diagnostic) -> FindingView {
        FindingView {
            error: diagnostic.is_error(),
            code: diagnostic.code,
            message: diagnostic.message.clone(),
            path: diagnostic.path.clone(),
            line: diagnostic.location.map(|l| l.line),
            column: diagnostic.location.map(|l| l.column),
            expected: diagnostic.expected.clone(),
            found: diagnostic.found.clone(),
            hint: diagnostic.hint.clone(),
            anchor: None,
            view: None,
        }
    }
}

/// A view: its name, its title, and the plan's top-level keys it shows with their titles.
pub type View = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// The editor's views, each a tab: (name, title, the plan's top-level keys with their titles).
pub const VIEWS: &[View] = &[
    ("rencana", "Rencana program dan kegiatan", &[("rencana", "Rencana program dan kegiatan")]),
    (
        "umum",
        "Identitas, keputusan, penandatangan",
        &[
            ("identitas", "Identitas"),
            ("keputusan", "Keputusan"),
            ("penandatangan", "Penandatangan"),
            ("pengaturan", "Pengaturan"),
        ],
    ),
    (
        "narasi",
        "Narasi Bab I–V",
        &[("bab_1", "Bab I"), ("bab_2", "Bab II"), ("bab_3", "Bab III"), ("bab_4", "Bab IV"), ("bab_5", "Bab V")],
    ),
    (
        "evaluasi",
        "Tabel 2.1–2.4",
        &[
            ("evaluasi", "Tabel 2.1: evaluasi pelaksanaan Renja tahun lalu"),
            ("kinerja_pelayanan", "Tabel 2.2: kinerja pelayanan"),
            ("usulan_masyarakat", "Tabel 2.4: usulan masyarakat"),
        ],
    ),
    (
        "lampiran",
        "Lampiran",
        &[("pohon_kinerja", "Pohon kinerja"), ("indikator_kinerja_utama", "Indikator kinerja utama")],
    ),
];

/// The view shown when none is asked for.
pub const VIEW: &str = "rencana";

/// A safe HTML id for a JSON path: `$.rencana.program[0].pagu` → `f-rencana-program-0-pagu`.
pub fn anchor(path: &str) -> String {
    let mut id = String::from("f");
    for c in path.trim_start_matches('$').chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// "kepala_daerah" → "Kepala daerah".
fn label(key: &str) -> String {
    let text = key.replace('_', " ");
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The schema's Indonesian `title` of a key, else the key in words.
fn title_of(property: &Value, key: &str) -> String {
    property.get("title").and_then(Value::as_str).map_or_else(|| label(key), str::to_owned)
}

/// The schema's `description` of a key (the key's own, not its type's): the help below it.
fn help_of(property: &Value) -> Option<String> {
    property.get("description").and_then(Value::as_str).map(str::to_owned)
}

/// The `<datalist>` of the plan's codes a key referring to a node of `rencana` offers: the
/// level of the row it is in (a Tabel 2.1 kegiatan row offers the kegiatan codes).
fn choices_for(property: &Value, path: &str) -> Option<String> {
    property.get("x-rujukan")?;
    let level = steps(path).iter().rev().find(|(_, i)| i.is_some()).map_or("", |(key, _)| *key);
    Some(match level {
        "program" | "kegiatan" | "sub_kegiatan" => format!("kode-{level}"),
        _ => "kode-semua".to_owned(),
    })
}

/// The values a schema allows when it is a fixed choice: its `enum`, or a `oneOf` whose every
/// branch is a `const` or an `enum` (schemars writes an enum whose variants have docs so).
fn choices(schema: &Value) -> Option<Vec<Value>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.clone());
    }
    let mut out = vec![];
    for branch in schema.get("oneOf")?.as_array()? {
        match (branch.get("const"), branch.get("enum").and_then(Value::as_array)) {
            (Some(value), _) => out.push(value.clone()),
            (None, Some(values)) => out.extend(values.iter().cloned()),
            (None, None) => return None,
        }
    }
    Some(out)
}

/// What a schema allows at one place, reduced to what the form needs.
enum Shape<'s> {
    /// `plain`: a count or a year (`int32`), written without thousands separators.
    Scalar {
        kind: Kind,
        options: Vec<String>,
        plain: bool,
    },
    Object(&'s Value),
    List(&'s Value),
    /// A fixed number of figures (Tabel 2.2's target n-2…n+1): one input each.
    Tuple {
        kind: Kind,
        len: usize,
    },
    /// Several shapes (a value that may be one indicator or a list of them): the one that fits
    /// the value written.
    Either(Vec<Shape<'s>>),
    Other,
}

struct Schema<'s> {
    root: &'s Value,
}

impl<'s> Schema<'s> {
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        // A chain of references is short; the bound only guards against a cycle.
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else { break };
            let Some(name) = reference.strip_prefix("#/$defs/") else { break };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn shape(&self, schema: &'s Value) -> Shape<'s> {
        let schema = self.resolve(schema);
        if let Some(choices) = choices(schema) {
            // A fixed choice (`enum`, or `oneOf` of `const`s when each value has its doc): text,
            // or figures (the body text size 11 or 12).
            let numbers = choices.iter().all(Value::is_number);
            let options = choices.iter().map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_owned)).collect();
            let kind = if numbers { Kind::Angka } else { Kind::Teks };
            return Shape::Scalar { kind, options, plain: numbers };
        }
        if let Some(variants) = schema.get("anyOf").and_then(Value::as_array) {
            let shapes: Vec<Shape> = variants
                .iter()
                .filter(|v| v.get("type").and_then(Value::as_str) != Some("null"))
                .map(|v| self.shape(v))
                .collect();
            // A figure written as a number or as a numeric string is one figure.
            if shapes.iter().any(|s| matches!(s, Shape::Scalar { kind: Kind::Angka, .. })) {
                let objects = shapes.into_iter().filter(|s| matches!(s, Shape::Object(_) | Shape::List(_)));
                let mut either: Vec<Shape> = vec![Shape::Scalar { kind: Kind::Angka, options: vec![], plain: false }];
                either.extend(objects);
                return if either.len() == 1 { either.pop().unwrap_or(Shape::Other) } else { Shape::Either(either) };
            }
            return match shapes.len() {
                1 => shapes.into_iter().next().unwrap_or(Shape::Other),
                _ => Shape::Either(shapes),
            };
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
            _ => vec![],
        };
        match types.as_slice() {
            ["integer"] | ["number"] => {
                Shape::Scalar { kind: Kind::Angka, options: vec![], plain: schema.get("format").is_some() }
            }
            ["string"] => Shape::Scalar { kind: Kind::Teks, options: vec![], plain: false },
            ["object"] if schema.get("properties").is_some() => Shape::Object(schema),
            ["array"] => schema.get("items").map_or(Shape::Other, |items| match self.shape(items) {
                Shape::Object(item) => Shape::List(item),
                // A fixed number of figures, each of which may be null or written as
                // { nilai, satuan }: one input per figure.
                shape => {
                    let kind = match shape {
                        Shape::Scalar { kind, options, .. } if options.is_empty() => Some(kind),
                        Shape::Either(shapes) => shapes.iter().find_map(|s| match s {
                            Shape::Scalar { kind, options, .. } if options.is_empty() => Some(*kind),
                            _ => None,
                        }),
                        _ => None,
                    };
                    let len = schema.get("minItems").and_then(Value::as_u64).filter(|n| *n > 0);
                    match (kind, len) {
                        (Some(kind), Some(len)) if schema.get("maxItems").and_then(Value::as_u64) == Some(len) => {
                            Shape::Tuple { kind, len: len as usize }
                        }
                        _ => Shape::Other,
                    }
                }
            }),
            _ => Shape::Other,
        }
    }

    /// The smallest value `schema` accepts: its required keys, each empty (`""`, `0`, `[]`, the
    /// first choice), so that a row added by the editor loads and the planner fills it in.
    fn blank(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.resolve(schema);
        if depth > 8 {
            return Value::Null;
        }
        if let Some(first) = choices(schema).and_then(|c| c.into_iter().next()) {
            return first;
        }
        if let Some(variants) = schema.get("anyOf").and_then(Value::as_array) {
            let usable = variants.iter().find(|v| {
                v.get("type").and_then(Value::as_str) != Some("null")
                    && v.get("deprecated").and_then(Value::as_bool) != Some(true)
            });
            return usable.map_or(Value::Null, |v| self.blank(v, depth + 1));
        }
        let kind = match schema.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null"),
            _ if schema.get("properties").is_some() => "object",
            _ => "null",
        };
        match kind {
            "string" => Value::from(""),
            "integer" | "number" => Value::from(0),
            "boolean" => Value::from(false),
            "array" => {
                let n = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
                let item = schema.get("items").map_or(Value::Null, |i| self.blank(i, depth + 1));
                Value::Array(vec![if item.is_number() { Value::Null } else { item }; n])
            }
            "object" => {
                let properties = schema.get("properties");
                let required = schema.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
                let object = required
                    .iter()
                    .filter_map(Value::as_str)
                    .filter_map(|key| Some((key.to_owned(), self.blank(properties?.get(key)?, depth + 1))))
                    .collect();
                Value::Object(object)
            }
            _ => Value::Null,
        }
    }

    /// The shape among `shape`'s that fits `value` (absent: the first scalar one).
    fn fitting<'a>(&self, shape: &'a Shape<'s>, value: Option<&Value>) -> Option<&'a Shape<'s>> {
        let fits = |shape: &Shape| {
            matches!(
                (shape, value),
                (Shape::Scalar { .. }, None | Some(Value::Null | Value::String(_) | Value::Number(_)))
                    | (Shape::Object(_), Some(Value::Object(_)))
                    | (Shape::List(_) | Shape::Tuple { .. }, Some(Value::Array(_)))
            )
        };
        match shape {
            Shape::Either(shapes) => shapes.iter().find(|s| fits(s)),
            Shape::Other => None,
            single => fits(single).then_some(single),
        }
    }
}

/// The properties of an object schema in the order a planner reads them: the schema's own
/// order (`x-urutan`, the table's columns) where it gives one, then the required ones as the
/// schema lists them (kode, nama, …), then the others by name.
fn ordered_properties(schema: &Value) -> Vec<(&str, &Value)> {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else { return vec![] };
    let listed = |key: &str| schema.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
    let mut required: Vec<&str> = listed("x-urutan").collect();
    required.extend(listed("required").filter(|k| !listed("x-urutan").any(|o| o == *k)));
    let mut out: Vec<(&str, &Value)> = required.iter().filter_map(|k| properties.get(*k).map(|v| (*k, v))).collect();
    out.extend(properties.iter().filter(|(k, _)| !required.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v)));
    out
}

/// Text too long for one line, or written on several.
fn is_long(value: &str) -> bool {
    value.len() > 120 || value.contains('\n')
}

/// How a figure stands in its input: as the document prints it.
fn shown(value: Option<&Value>, kind: Kind) -> String {
    match (value, kind) {
        (None | Some(Value::Null), _) => String::new(),
        (Some(Value::String(text)), Kind::Teks) => text.clone(),
        (Some(Value::Number(n)), Kind::Angka) => {
            n.to_string().parse::<Decimal>().map_or_else(|_| n.to_string(), crate::format::angka)
        }
        (Some(Value::String(text)), Kind::Angka) => {
            text.parse::<Decimal>().map_or_else(|_| text.clone(), crate::format::angka)
        }
        (Some(other), _) => other.to_string(),
    }
}

/// A count or a year as written: "2016".
fn shown_plain(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

struct FormBuilder<'s, 'c> {
    schema: Schema<'s>,
    computed: &'c Computed,
    /// Decimals of a printed percentage (`pengaturan.desimal_persen`).
    desimal: u32,
    /// A blank row is being built for its columns: its own lists need none (a row of Tabel
    /// 2.2 holds rows of its own kind).
    blank: std::cell::Cell<bool>,
}

impl FormBuilder<'_, '_> {
    fn object(&self, path: &str, title: String, value: &Value, schema: &Value, row: bool) -> Node {
        let mut node = Node {
            path: path.to_owned(),
            id: anchor(path),
            title,
            fields: vec![],
            derived: self.derived(path),
            groups: vec![],
            lists: vec![],
            findings: vec![],
            row,
            vals: serde_json::json!({ "jalur": path }).to_string(),
            grow: false,
            cells: vec![],
            merged: vec![],
            absent: vec![],
            detail: false,
        };
        for (key, property) in ordered_properties(schema) {
            let child = value.get(key);
            // Fields kept only for plans of an older shape appear where such a plan uses them.
            if child.is_none() && property.get("deprecated").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let child_path = format!("{path}.{key}");
            let shape = self.schema.shape(property);
            match (child, &shape) {
                (None, Shape::List(item)) => {
                    // An optional list not written yet: a button adds its first row.
                    node.lists.push(self.list(&child_path, key, property, &[], item, true));
                    continue;
                }
                (None, Shape::Object(object)) => {
                    node.absent.push(Absent {
                        vals: serde_json::json!({ "jalur": child_path }).to_string(),
                        path: child_path,
                        title: title_of(property, key),
                        help: help_of(property),
                        blank: self.schema.blank(object, 0),
                    });
                    continue;
                }
                _ => {}
            }
            match self.schema.fitting(&shape, child) {
                Some(Shape::Scalar { kind, options, plain }) => {
                    let value = if *plain { shown_plain(child) } else { shown(child, *kind) };
                    node.fields.push(Field {
                        id: anchor(&child_path),
                        label: title_of(property, key),
                        help: help_of(property),
                        choices: choices_for(property, &child_path),
                        kind: *kind,
                        options: options.clone(),
                        long: *kind == Kind::Teks
                            && options.is_empty()
                            && (is_long(&value)
                                || property.get("$ref").and_then(Value::as_str) == Some("#/$defs/Prosa")),
                        value,
                        vals: serde_json::json!({ "jalur": child_path, "jenis": kind }).to_string(),
                        invalid: false,
                        path: child_path,
                        findings: vec![],
                    });
                }
                Some(Shape::Object(object)) => {
                    if let Some(child) = child {
                        let mut group = self.object(&child_path, title_of(property, key), child, object, false);
                        group.grow = matches!(&shape, Shape::Either(shapes) if shapes.iter().any(|s| matches!(s, Shape::List(_))));
                        node.groups.push(group);
                    }
                }
                Some(Shape::List(item)) => {
                    if let Some(Value::Array(elements)) = child {
                        node.lists.push(self.list(&child_path, key, property, elements, item, false));
                    }
                }
                Some(Shape::Tuple { kind, len }) => {
                    // Each figure at its index, labelled by the schema's `x-kolom` (its year).
                    let names = property.get("x-kolom").and_then(Value::as_array);
                    for i in 0..*len {
                        let suffix = names
                            .and_then(|n| n.get(i))
                            .and_then(Value::as_str)
                            .map_or_else(|| (i + 1).to_string(), str::to_owned);
                        let element_path = format!("{child_path}[{i}]");
                        let element = child.and_then(|c| c.get(i));
                        node.fields.push(Field {
                            id: anchor(&element_path),
                            label: format!("{} {suffix}", title_of(property, key)),
                            help: help_of(property),
                            choices: None,
                            kind: *kind,
                            options: vec![],
                            long: false,
                            value: shown(element, *kind),
                            vals: serde_json::json!({ "jalur": element_path, "jenis": kind }).to_string(),
                            invalid: false,
                            path: element_path,
                            findings: vec![],
                        });
                    }
                }
                Some(Shape::Either(_) | Shape::Other) | None => {}
            }
        }
        node
    }

    /// The list at `path` (the key `key`, its schema `property`) of `elements`, each an object
    /// of schema `item`; its columns start with those of a blank row, so an empty list shows
    /// its grid's header too.
    fn list(&self, path: &str, key: &str, property: &Value, elements: &[Value], item: &Value, absent: bool) -> List {
        let items = elements
            .iter()
            .enumerate()
            .map(|(i, element)| {
                let element_path = format!("{path}[{i}]");
                self.object(&element_path, row_title(key, i, element), element, item, true)
            })
            .collect();
        let blank = self.schema.blank(item, 0);
        let mut columns = vec![];
        if !self.blank.replace(true) {
            let mut template = self.object(&format!("{path}[0]"), String::new(), &blank, item, true);
            for (column, _) in flatten(&mut template) {
                add_column(&mut columns, column);
            }
            self.blank.set(false);
        }
        List {
            path: path.to_owned(),
            title: title_of(property, key),
            help: help_of(property),
            items,
            columns,
            absent,
            derived: false,
            vals: serde_json::json!({ "jalur": path }).to_string(),
            blank,
        }
    }

    /// A top-level part of the plan: an object, or a list of objects (the Lampiran's trees).
    fn section(&self, path: &str, title: &str, value: &Value, property: &Value) -> Option<Node> {
        let shape = self.schema.shape(property);
        match self.schema.fitting(&shape, Some(value))? {
            Shape::Object(schema) => Some(self.object(path, title.to_owned(), value, schema, false)),
            Shape::List(item) => {
                let mut node = self.object(path, title.to_owned(), &Value::Null, &Value::Null, false);
                let key = path.trim_start_matches("$.");
                let mut list = self.list(path, key, property, value.as_array()?, item, false);
                list.title = title.to_owned();
                node.lists.push(list);
                Some(node)
            }
            _ => None,
        }
    }

    /// The library's figures for the node at `path`: the pagu of each level of `rencana` and
    /// JUMLAH; columns 8, 10, 11 and the predikat of each row of Tabel 2.1.
    fn derived(&self, path: &str) -> Vec<Derived> {
        let rupiah = |id: String, label: &str, value: Decimal| Derived {
            id,
            label: label.to_owned(),
            printed: crate::format::rupiah(value),
            exact: value.normalize().to_string(),
        };
        if path == "$.rencana" {
            return vec![rupiah("jumlah-pagu".to_owned(), "JUMLAH pagu (dihitung)", self.computed.jumlah.pagu)];
        }
        let steps = steps(path);
        let names: Vec<&str> = steps.iter().map(|(name, _)| *name).collect();
        let at: Vec<usize> = steps.iter().filter_map(|(_, i)| *i).collect();
        let suffix = at.iter().map(usize::to_string).collect::<Vec<_>>().join("-");
        let computed = self.computed;
        match (names.as_slice(), at.as_slice()) {
            (["rencana", "program"], [p]) => computed.program.get(*p).map_or(vec![], |program| {
                vec![rupiah(format!("pagu-program-{suffix}"), "Pagu program (dihitung)", program.pagu.pagu)]
            }),
            (["rencana", "program", "kegiatan"], [p, k]) => {
                computed.program.get(*p).and_then(|program| program.kegiatan.get(*k)).map_or(vec![], |kegiatan| {
                    vec![rupiah(format!("pagu-kegiatan-{suffix}"), "Pagu kegiatan (dihitung)", kegiatan.pagu)]
                })
            }
            (["evaluasi", "program"], [p]) => {
                computed.evaluasi.get(*p).map_or(vec![], |e| self.evaluation(&suffix, &e.program))
            }
            (["evaluasi", "program", "kegiatan"], [p, k]) => computed
                .evaluasi
                .get(*p)
                .and_then(|e| e.kegiatan.get(*k))
                .map_or(vec![], |e| self.evaluation(&suffix, &e.baris)),
            (["evaluasi", "program", "kegiatan", "sub_kegiatan"], [p, k, s]) => computed
                .evaluasi
                .get(*p)
                .and_then(|e| e.kegiatan.get(*k))
                .and_then(|e| e.sub_kegiatan.get(*s))
                .map_or(vec![], |row| self.evaluation(&suffix, row)),
            _ => vec![],
        }
    }

    /// Columns 8, 10 and 11 and the predikat of a Tabel 2.1 row, printed as the table prints them.
    fn evaluation(&self, suffix: &str, row: &crate::compute::BarisEvaluasi) -> Vec<Derived> {
        let rate = |id: &str, label: &str, rasio: crate::compute::Rasio| Derived {
            id: format!("{id}-{suffix}"),
            label: label.to_owned(),
            printed: match rasio {
                crate::compute::Rasio::Nilai(value) => crate::format::persen(value, self.desimal),
                crate::compute::Rasio::TakTerdefinisi => "-".to_owned(),
                crate::compute::Rasio::TidakBerlaku => "tidak berlaku".to_owned(),
            },
            exact: rasio.nilai().map_or_else(String::new, |v| v.normalize().to_string()),
        };
        vec![
            rate("kolom-8", "Kolom 8: tingkat realisasi (7/6, dihitung)", row.tingkat_realisasi),
            Derived {
                id: format!("predikat-{suffix}"),
                label: "Predikat (dihitung)".to_owned(),
                printed: row.predikat.map_or("-", crate::compute::Predikat::label).to_owned(),
                exact: row.predikat.map_or("", crate::compute::Predikat::label).to_owned(),
            },
            Derived {
                id: format!("kolom-10-{suffix}"),
                label: "Kolom 10: realisasi s.d. tahun n-1 (dihitung)".to_owned(),
                printed: row.realisasi_sd_n1.map_or_else(|| "-".to_owned(), crate::format::angka),
                exact: row.realisasi_sd_n1.map_or_else(String::new, |v| v.normalize().to_string()),
            },
            rate("kolom-11", "Kolom 11: capaian target Renstra (10/4, dihitung)", row.capaian_renstra),
        ]
    }
}

/// `$.evaluasi.program[1].kegiatan[2]` → evaluasi, program 1, kegiatan 2: each key with its
/// index, if it has one.
fn steps(path: &str) -> Vec<(&str, Option<usize>)> {
    let mut out = Vec::new();
    for part in path.trim_start_matches("$.").split('.') {
        match part.split_once('[') {
            Some((key, rest)) => match rest.trim_end_matches(']').parse() {
                Ok(i) => out.push((key, Some(i))),
                Err(_) => return vec![],
            },
            None => out.push((part, None)),
        }
    }
    out
}

/// A row's inputs as grid cells: its own, then those of each group with inputs only (a Tabel
/// 2.1 row's indicator, a kegiatan's `rkpd`), whose findings and figures become the row's. A
/// group with groups or lists of its own, or one that may grow into a list, stays a group.
fn flatten(row: &mut Node) -> Vec<(Column, Field)> {
    let prefix = format!("{}.", row.path);
    let column = |field: &Field, group: Option<&str>| Column {
        key: field.path.strip_prefix(&prefix).unwrap_or(&field.path).to_owned(),
        title: match group {
            Some(group) => format!("{group}: {}", field.label),
            None => field.label.clone(),
        },
        help: field.help.clone(),
    };
    let mut out: Vec<(Column, Field)> = row.fields.drain(..).map(|f| (column(&f, None), f)).collect();
    let mut kept = vec![];
    for mut group in std::mem::take(&mut row.groups) {
        if group.groups.is_empty() && group.lists.is_empty() && !group.grow {
            row.findings.append(&mut group.findings);
            row.merged.push(group.id.clone());
            row.derived.append(&mut group.derived);
            // Only where the bare label is taken does a column carry its group's title.
            for field in group.fields.drain(..) {
                let taken = out.iter().any(|(c, _)| c.title == field.label);
                let c = column(&field, taken.then_some(group.title.as_str()));
                out.push((c, field));
            }
        } else {
            kept.push(group);
        }
    }
    row.groups = kept;
    out
}

fn add_column(columns: &mut Vec<Column>, column: Column) {
    if !columns.iter().any(|c| c.key == column.key) {
        columns.push(column);
    }
}

/// Every list below `node` as a grid: each row's inputs moved into cells, one per column.
fn gridify(node: &mut Node) {
    for group in &mut node.groups {
        gridify(group);
    }
    for list in &mut node.lists {
        let mut rows: Vec<Vec<(Column, Field)>> = vec![];
        for item in &mut list.items {
            let cells = flatten(item);
            // A column only some rows have (the 2019 shape's indicator text) goes after the
            // column that precedes it in those rows, not to the end.
            let mut after = 0;
            for (column, _) in &cells {
                match list.columns.iter().position(|c| c.key == column.key) {
                    Some(at) => after = at + 1,
                    None => {
                        list.columns.insert(after, column.clone());
                        after += 1;
                    }
                }
            }
            rows.push(cells);
            gridify(item);
            item.detail = !item.groups.is_empty() || item.lists.iter().any(|l| !l.absent);
        }
        for (item, cells) in list.items.iter_mut().zip(rows) {
            let mut cells: Vec<(String, Field)> = cells.into_iter().map(|(c, f)| (c.key, f)).collect();
            item.cells = list
                .columns
                .iter()
                .map(|c| cells.iter().position(|(k, _)| *k == c.key).map(|at| cells.remove(at).1))
                .collect();
        }
        list.derived = list.items.iter().any(|item| !item.derived.is_empty());
    }
}

/// The codes of the plan's own program, kegiatan and sub-kegiatan, each level a `<datalist>`
/// (`kode-program`, `kode-kegiatan`, `kode-sub_kegiatan`, and all of them as `kode-semua`), as
/// (code, name) pairs.
pub fn plan_codes(plan: &crate::plan::Plan) -> Vec<(String, Vec<(String, String)>)> {
    let mut program = vec![];
    let mut kegiatan = vec![];
    let mut sub = vec![];
    for p in &plan.rencana.program {
        program.push((p.kode.clone(), p.nama.clone()));
        for k in &p.kegiatan {
            kegiatan.push((k.kode.clone(), k.nama.clone()));
            sub.extend(k.sub_kegiatan.iter().map(|s| (s.kode.clone(), s.nama.clone())));
        }
    }
    let all = [program.clone(), kegiatan.clone(), sub.clone()].concat();
    vec![
        ("kode-program".to_owned(), program),
        ("kode-kegiatan".to_owned(), kegiatan),
        ("kode-sub_kegiatan".to_owned(), sub),
        ("kode-semua".to_owned(), all),
    ]
}

/// What a button adding something blank at `path` adds: a row at the end of the list at
/// `path` (`Blank::Row`, "Tambah baris"), or the optional object at `path` not written yet
/// (`Blank::Object`). None when `path` is neither in the plan (its text as JSON).
pub fn blank_at(plan: &Value, computed: &Computed, path: &str) -> Option<Blank> {
    fn find(node: &Node, path: &str) -> Option<Blank> {
        if let Some(absent) = node.absent.iter().find(|a| a.path == path) {
            return Some(Blank::Object(absent.blank.clone()));
        }
        for list in &node.lists {
            if list.path == path {
                return Some(Blank::Row(list.blank.clone()));
            }
            if let Some(found) = list.items.iter().find_map(|item| find(item, path)) {
                return Some(found);
            }
        }
        node.groups.iter().find_map(|group| find(group, path))
    }
    let (name, _, _) = VIEWS.iter().find(|(_, _, parts)| {
        parts.iter().any(|(key, _)| path.strip_prefix("$.").is_some_and(|rest| rest.starts_with(key)))
    })?;
    let (nodes, _) = sections(plan, computed, &[], None, name, 0);
    nodes.iter().find_map(|node| find(node, path))
}

/// See [`blank_at`].
#[derive(Debug, Clone, PartialEq)]
pub enum Blank {
    Row(Value),
    Object(Value),
}

/// "Kegiatan 1: 4.5.1.1 Penyediaan Jasa Surat Menyurat", "Indikator 2: …".
fn row_title(key: &str, index: usize, element: &Value) -> String {
    let text = |k: &str| element.get(k).and_then(Value::as_str).unwrap_or("").trim().to_owned();
    let name = [text("kode"), text("nama"), text("uraian")].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>();
    format!("{} {}{}{}", label(key), index + 1, if name.is_empty() { "" } else { ": " }, name.join(" "))
}

/// The editor's sections of one view for a plan (its text as JSON), with the library's
/// figures, and every finding placed in the input or group its path is closest to, in whatever
/// view that is. Returns the view's sections and all findings in the order of the check, each
/// knowing where it is shown.
pub fn sections(
    plan: &Value,
    computed: &Computed,
    diagnostics: &[Diagnostic],
    rejected: Option<(&str, &str)>,
    view: &str,
    desimal: u32,
) -> (Vec<Node>, Vec<FindingView>) {
    let root = crate::plan::json_schema();
    let builder = FormBuilder { schema: Schema { root: &root }, computed, desimal, blank: Default::default() };
    let mut views: Vec<(&'static str, Vec<Node>)> = VIEWS
        .iter()
        .map(|(name, _, parts)| {
            let nodes = parts
                .iter()
                .filter_map(|(key, title)| {
                    let property = root.get("properties")?.get(*key)?;
                    builder.section(&format!("$.{key}"), title, plan.get(*key)?, property)
                })
                .collect();
            (*name, nodes)
        })
        .collect();
    if let Some((path, text)) = rejected {
        for node in views.iter_mut().flat_map(|(_, nodes)| nodes) {
            visit_fields(node, &mut |field| {
                if field.path == path {
                    field.value = text.to_owned();
                }
            });
        }
    }
    let mut anchors = BTreeMap::new();
    for (name, nodes) in &views {
        for node in nodes {
            collect_anchors(node, name, &mut anchors);
        }
    }
    let mut findings: Vec<FindingView> = diagnostics.iter().map(FindingView::of).collect();
    let mut placed: BTreeMap<String, Vec<FindingView>> = BTreeMap::new();
    for finding in &mut findings {
        let Some(path) = finding.path.clone() else { continue };
        let mut at = path.as_str();
        let target = loop {
            if let Some(target) = anchors.get_key_value(at) {
                break Some(target);
            }
            match at.rfind(['.', '[']) {
                Some(i) if i > 0 => at = &at[..i],
                _ => break None,
            }
        };
        if let Some((target, name)) = target {
            finding.anchor = Some(anchor(target));
            finding.view = Some(name);
            placed.entry(target.clone()).or_default().push(finding.clone());
        }
    }
    let mut shown = views.into_iter().find(|(name, _)| *name == view).map(|(_, nodes)| nodes).unwrap_or_default();
    for node in &mut shown {
        place(node, &mut placed);
        gridify(node);
    }
    (shown, findings)
}

/// Every input's and group's path, with the view it is in.
fn collect_anchors(node: &Node, view: &'static str, out: &mut BTreeMap<String, &'static str>) {
    out.insert(node.path.clone(), view);
    for field in &node.fields {
        out.insert(field.path.clone(), view);
    }
    for group in &node.groups {
        collect_anchors(group, view, out);
    }
    for item in node.lists.iter().flat_map(|l| &l.items) {
        collect_anchors(item, view, out);
    }
}

fn place(node: &mut Node, placed: &mut BTreeMap<String, Vec<FindingView>>) {
    node.findings = placed.remove(&node.path).unwrap_or_default();
    for field in &mut node.fields {
        field.findings = placed.remove(&field.path).unwrap_or_default();
        field.invalid = field.findings.iter().any(|f| f.error);
    }
    for group in &mut node.groups {
        place(group, placed);
    }
    for item in node.lists.iter_mut().flat_map(|l| &mut l.items) {
        place(item, placed);
    }
}

fn visit_fields(node: &mut Node, f: &mut impl FnMut(&mut Field)) {
    node.fields.iter_mut().for_each(&mut *f);
    node.cells.iter_mut().flatten().for_each(&mut *f);
    for group in &mut node.groups {
        visit_fields(group, f);
    }
    for item in node.lists.iter_mut().flat_map(|l| &mut l.items) {
        visit_fields(item, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_html_ids() {
        assert_eq!(anchor("$.rencana.program[0].kegiatan[12].pagu"), "f-rencana-program-0-kegiatan-12-pagu");
        assert_eq!(anchor("$.identitas"), "f-identitas");
    }

    #[test]
    fn the_flagship_gives_an_input_per_scalar_with_its_path() {
        let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/plan.json")).unwrap();
        let plan = crate::load::parse_str(&source).unwrap();
        let computed = crate::compute::compute(&plan);
        let value: Value = serde_json::from_str(&source).unwrap();
        let mut fields = BTreeMap::new();
        let nodes = VIEWS.iter().flat_map(|(view, _, _)| sections(&value, &computed, &[], None, view, 0).0);
        for node in &mut nodes.collect::<Vec<_>>() {
            visit_fields(node, &mut |f| {
                fields.insert(f.path.clone(), (f.kind, f.value.clone(), f.options.clone()));
            });
        }
        let pagu = &fields["$.rencana.program[0].kegiatan[0].pagu"];
        assert_eq!((pagu.0, pagu.1.as_str()), (Kind::Angka, "5.067.000"));
        assert_eq!(fields["$.identitas.pemda"].1, "Kabupaten Malang");
        assert_eq!(fields["$.identitas.periode_renstra.awal"].1, "2016");
        assert!(fields["$.identitas.tahap"].2.contains(&"rancangan_akhir".to_owned()));
        assert_eq!(fields["$.rencana.program[0].kegiatan[0].kode"].1, "4.5.1.1");
        // The 2019 shape: the indicator written as text on the kegiatan is one text input.
        assert_eq!(fields["$.rencana.program[0].kegiatan[0].indikator"].1, "Jumlah Registrasi surat masuk dan keluar");
        // The Lampiran's lists too.
        assert!(fields.contains_key("$.pohon_kinerja[0].uraian"));
        assert!(fields.contains_key("$.indikator_kinerja_utama[0].indikator"));
        // The narrative is there too, as it is written.
        assert!(fields["$.bab_1.latar_belakang.isi"].1.starts_with("Penyelenggaraan otonomi daerah"));
    }
}
