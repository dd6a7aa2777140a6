//! Every type and shape error of a plan at once.
//!
//! serde stops at the first value that does not fit. When it does, the plan text is validated
//! against the plan's own JSON Schema (the one `renja schema` prints), which reports every
//! value that does not fit; each becomes a located diagnostic in the words serde's would use.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Locator, suggest};

/// The first error serde found, together with every other the schema finds, in file order.
/// serde's own diagnostic is kept for its path: its words are the more specific.
pub fn every_error(source: &str, first: Diagnostic) -> Vec<Diagnostic> {
    // A plan nested deeper than serde_json's recursion limit has only the one error.
    let Ok(value) = serde_json::from_str::<Value>(source) else { return vec![first] };
    let schema = crate::plan::json_schema();
    let Ok(validator) = jsonschema::validator_for(&schema) else { return vec![first] };
    let locator = Locator::new(source);
    let mut found: Vec<Diagnostic> = Vec::new();
    for error in validator.iter_errors(&value) {
        for diagnostic in translate(&schema, &error) {
            if diagnostic.path != first.path && !found.iter().any(|d| d.path == diagnostic.path) {
                found.push(diagnostic);
            }
        }
    }
    // serde may stop inside a value the schema rejects whole (an object written as an array is
    // read as its fields): then the schema's word on the whole value is the one that helps.
    let inside =
        |path: &str, outer: &str| path.starts_with(&format!("{outer}.")) || path.starts_with(&format!("{outer}["));
    let first_path = first.path.clone().unwrap_or_default();
    let covered = |d: &Diagnostic| d.code == "plan.tipe" && d.path.as_deref().is_some_and(|p| inside(&first_path, p));
    let mut all = if found.iter().any(covered) { Vec::new() } else { vec![first] };
    all.extend(found.into_iter().map(|d| match d.path.as_deref().and_then(|p| locator.locate(p)) {
        Some(location) => d.at(location),
        None => d,
    }));
    all.sort_by_key(|d| d.location.map_or(usize::MAX, |l| l.range.0));
    all
}

/// The schema node at a schema path such as `/properties/rencana/$ref/properties/program`,
/// following each `$ref` into `$defs`.
fn schema_at<'s>(schema: &'s Value, schema_path: &str) -> Option<&'s Value> {
    let mut node = schema;
    for segment in schema_path.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        node = if segment == "$ref" { resolve(schema, node)? } else { index(node, &segment)? };
    }
    Some(node)
}

fn index<'s>(node: &'s Value, segment: &str) -> Option<&'s Value> {
    match node {
        Value::Array(items) => items.get(segment.parse::<usize>().ok()?),
        other => other.get(segment),
    }
}

/// The definition a `{ "$ref": "#/$defs/X" }` node points to.
fn resolve<'s>(schema: &'s Value, node: &'s Value) -> Option<&'s Value> {
    let reference = node.get("$ref")?.as_str()?;
    schema.pointer(reference.strip_prefix('#')?)
}

/// A schema node with its `$ref` followed, and of an optional value (an `anyOf` with null) its
/// non-null branch. A field's own `description` is help for the planner (the editor shows it),
/// not what the value must be: an optional field is described by its type.
fn essence<'s>(schema: &'s Value, node: &'s Value) -> &'s Value {
    let node = resolve(schema, node).unwrap_or(node);
    let null = Value::from("null");
    let branches = node.get("anyOf").and_then(Value::as_array);
    let optional = branches.is_some_and(|b| b.iter().any(|b| b.get("type") == Some(&null)));
    if !optional && node.get("description").is_some() {
        return node;
    }
    match branches.and_then(|b| b.iter().find(|b| b.get("type") != Some(&null))) {
        Some(branch) => resolve(schema, branch).unwrap_or(branch),
        None => node,
    }
}

/// What a value is, as a planner would say it: `string "2019"`, `angka 12`, `larik [ … ]`.
pub fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("angka {n}"),
        Value::String(text) => {
            let shown: String = text.chars().take(60).collect();
            let more = if text.chars().count() > 60 { "…" } else { "" };
            format!("string \"{shown}{more}\"")
        }
        Value::Array(_) => "larik [ … ]".to_owned(),
        Value::Object(_) => "objek { … }".to_owned(),
    }
}

/// What a schema node asks for, in words.
fn describe_schema(schema: &Value, node: &Value) -> String {
    let node = essence(schema, node);
    if let Some(description) = node.get("description").and_then(Value::as_str)
        && node.get("anyOf").or(node.get("pattern")).is_some()
    {
        return description.trim_end_matches('.').to_owned();
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ if node.get("properties").is_some() => vec!["object"],
        _ if node.get("enum").is_some() => return format!("salah satu dari: {}", options(node).join(", ")),
        _ => vec![],
    };
    let words: Vec<&str> = types
        .iter()
        .filter(|t| **t != "null" || types.len() == 1)
        .map(|t| match *t {
            "string" => "string",
            "integer" => "bilangan bulat",
            "number" => "angka",
            "boolean" => "true/false",
            "array" => "larik [ … ]",
            "object" => "objek { … }",
            _ => "null",
        })
        .collect();
    if words.is_empty() { "nilai lain".to_owned() } else { words.join(" atau ") }
}

fn options(node: &Value) -> Vec<String> {
    node.get("enum")
        .and_then(Value::as_array)
        .map(|o| o.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect())
        .unwrap_or_default()
}

fn hint_for(expected: &str) -> &'static str {
    if expected.contains("Rupiah") {
        "tulis rupiah sebagai angka bulat tanpa titik ribuan, mis. 1073384000"
    } else if expected.contains("Nilai") {
        "tulis angka saja, mis. 80.5; satuan ditulis di kolom \"satuan\""
    } else if expected.contains("Tanggal") {
        "tulis tanggal sebagai \"YYYY-MM-DD\", mis. \"2018-11-30\""
    } else if expected.starts_with("string") {
        "teks ditulis di antara tanda kutip ganda, mis. \"Bag. Adm Kerja Sama\""
    } else if expected.starts_with("bilangan bulat") {
        "tulis bilangan bulat tanpa tanda kutip, mis. 2019"
    } else if expected.starts_with("larik") {
        "daftar ditulis di antara [ dan ], dipisahkan koma"
    } else if expected.starts_with("objek") {
        "objek ditulis di antara { dan } berisi pasangan \"kunci\": nilai"
    } else {
        "sesuaikan nilai dengan tipe yang diharapkan"
    }
}

/// One schema error as diagnostics (an object with two unknown keys gives two), unlocated.
fn translate(schema: &Value, error: &jsonschema::ValidationError<'_>) -> Vec<Diagnostic> {
    use jsonschema::error::ValidationErrorKind as Kind;
    let instance = error.instance.as_ref();
    let path = json_path_of(error);
    let schema_path = error.schema_path.as_str();
    // The node holding the failed keyword: the schema path minus the keyword.
    let keyword_parent = schema_path.rsplit_once('/').map_or("", |(parent, _)| parent);
    let node = schema_at(schema, keyword_parent).unwrap_or(&Value::Null);
    let wrong = |expected: String| {
        let hint = hint_for(&expected);
        Diagnostic::error("plan.tipe", format!("tipe nilai salah: {}", describe_value(instance)))
            .path(path.clone())
            .expected(expected)
            .found(describe_value(instance))
            .hint(hint)
    };
    match &error.kind {
        Kind::Type { .. } => vec![wrong(describe_schema(schema, node))],
        Kind::AnyOf { .. } | Kind::Pattern { .. } => {
            let expected = describe_schema(schema, node);
            let hint = hint_for(&expected);
            vec![
                Diagnostic::error("plan.nilai", format!("nilai tidak valid: {}", describe_value(instance)))
                    .path(path)
                    .expected(expected)
                    .found(describe_value(instance))
                    .hint(hint),
            ]
        }
        Kind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            vec![
                Diagnostic::error("plan.kunci_hilang", format!("kunci wajib \"{name}\" tidak ada"))
                    .path(path.clone())
                    .expected(format!("kunci \"{name}\" di objek {path}"))
                    .found("objek tanpa kunci itu")
                    .hint(format!("tambahkan \"{name}\": … ke objek ini")),
            ]
        }
        Kind::AdditionalProperties { unexpected } => {
            let known: Vec<String> = essence(schema, node)
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .map(|name| {
                    let hint = match suggest(name, &known) {
                        Some(best) => format!("mungkin maksudnya \"{best}\"?"),
                        None => "hapus kunci ini; kunci yang dikenal tercantum di atas".to_owned(),
                    };
                    Diagnostic::error("plan.kunci_tak_dikenal", format!("kunci tidak dikenal \"{name}\""))
                        .path(format!("{path}.{name}"))
                        .expected(if known.is_empty() { "tidak ada kunci lain".to_owned() } else { known.join(", ") })
                        .found(format!("\"{name}\""))
                        .hint(hint)
                })
                .collect()
        }
        Kind::Enum { .. } => {
            let options = options(node);
            let name = instance.as_str().map_or_else(|| instance.to_string(), str::to_owned);
            let hint = match suggest(&name, &options) {
                Some(best) => format!("mungkin maksudnya \"{best}\"?"),
                None => format!("pilih salah satu: {}", options.join(", ")),
            };
            vec![
                Diagnostic::error("plan.pilihan", format!("pilihan tidak dikenal \"{name}\""))
                    .path(path)
                    .expected(options.join(", "))
                    .found(format!("\"{name}\""))
                    .hint(hint),
            ]
        }
        Kind::MinItems { limit } | Kind::MaxItems { limit } => {
            let count = instance.as_array().map_or(0, Vec::len);
            vec![
                Diagnostic::error("plan.panjang", format!("jumlah elemen salah: {count} elemen"))
                    .path(path)
                    .expected(format!("larik berisi {limit} elemen"))
                    .found(format!("{count} elemen"))
                    .hint("isi setiap tahun; tulis null untuk nilai yang tidak ada (dicetak \"-\")"),
            ]
        }
        Kind::Minimum { limit } | Kind::Maximum { limit } => {
            let below = matches!(error.kind, Kind::Minimum { .. });
            vec![
                Diagnostic::error("plan.nilai", format!("nilai tidak valid: {}", describe_value(instance)))
                    .path(path)
                    .expected(format!("angka {} {limit}", if below { "≥" } else { "≤" }))
                    .found(describe_value(instance)),
            ]
        }
        _ => vec![
            Diagnostic::error("plan.nilai", format!("nilai tidak sesuai skema rencana: {}", describe_value(instance)))
                .path(path)
                .expected(describe_schema(schema, node))
                .found(describe_value(instance))
                .hint("bandingkan dengan plan.json contoh atau dengan `renja schema`"),
        ],
    }
}

fn json_path_of(error: &jsonschema::ValidationError<'_>) -> String {
    // The instance path only needs the shape of the values along it; which segments are
    // numbers is enough for arrays, as no key of a plan is a number.
    let pointer = error.instance_path.as_str();
    let mut path = "$".to_owned();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{segment}]"));
        } else {
            path.push('.');
            path.push_str(&segment);
        }
    }
    path
}
