//! Edits of a plan's JSON text at a JSON path, in place: the rest of the file (its order, its
//! indentation, every other value's spelling) stays byte for byte as the planner wrote it, so a
//! change in the editor is a one-line change in the file.

use jsonc_parser::ast::{Array, Object, Value};
use jsonc_parser::common::Ranged;

use crate::diagnostic::{Segment, segments};

/// Why an edit could not be applied to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The plan's text is not JSON (edited meanwhile by another program).
    NotJson,
    /// The path names nothing in the plan, nor a missing key of an existing object.
    NoSuchPath(String),
    /// The path names something else than the edit needs (an element of a list, a list).
    WrongKind(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            EditError::NotJson => write!(f, "berkas rencana bukan JSON yang utuh"),
            EditError::NoSuchPath(path) => write!(f, "jalur {path} tidak ada di rencana"),
            EditError::WrongKind(path) => write!(f, "jalur {path} tidak dapat diubah dengan cara ini"),
        }
    }
}

fn child<'a, 'b>(node: &'b Value<'a>, segment: Segment) -> Option<&'b Value<'a>> {
    match (node, segment) {
        (Value::Object(object), Segment::Key(key)) => object.get(key).map(|p| &p.value),
        (Value::Array(array), Segment::Index(i)) => array.elements.get(i),
        _ => None,
    }
}

fn parse(source: &str) -> Result<Value<'_>, EditError> {
    jsonc_parser::parse_to_ast(source, &Default::default(), &Default::default())
        .ok()
        .and_then(|r| r.value)
        .ok_or(EditError::NotJson)
}

/// Where `path`'s parent is, and the last segment.
fn parent_and_last<'a, 'b, 'p>(root: &'b Value<'a>, path: &'p str) -> Result<(&'b Value<'a>, Segment<'p>), EditError> {
    let (segments, whole) = segments(path);
    if !whole {
        return Err(EditError::NoSuchPath(path.to_owned()));
    }
    let (last, parents) = segments.split_last().ok_or_else(|| EditError::WrongKind(path.to_owned()))?;
    let mut node = root;
    for segment in parents {
        node = child(node, *segment).ok_or_else(|| EditError::NoSuchPath(path.to_owned()))?;
    }
    Ok((node, *last))
}

/// The indentation of the line `offset` stands on.
fn indent_at(source: &str, offset: usize) -> &str {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &source[line_start..];
    &line[..line.len() - line.trim_start().len()]
}

/// `source` with the value at `path` replaced by the JSON text `value`; a key missing from an
/// existing object is added to it, after its last property.
pub fn set(source: &str, path: &str, value: &str) -> Result<String, EditError> {
    let root = parse(source)?;
    let (parent, last) = parent_and_last(&root, path)?;
    if let Some(node) = child(parent, last) {
        if matches!(node, Value::Object(_) | Value::Array(_)) {
            return Err(EditError::WrongKind(path.to_owned()));
        }
        let range = node.range();
        return Ok(format!("{}{value}{}", &source[..range.start], &source[range.end..]));
    }
    match (parent, last) {
        (Value::Object(object), Segment::Key(key)) => Ok(insert_property(source, object, key, value)),
        _ => Err(EditError::NoSuchPath(path.to_owned())),
    }
}

fn insert_property(source: &str, object: &Object, key: &str, value: &str) -> String {
    let key = serde_json::to_string(key).unwrap_or_default();
    match object.properties.last() {
        Some(last) => {
            let end = last.range.end;
            let indent = indent_at(source, last.range.start);
            format!("{},\n{indent}{key}: {value}{}", &source[..end], &source[end..])
        }
        None => {
            // `{}` (whitespace and comments inside are dropped) → `{ "key": value }`.
            let range = object.range;
            format!("{}{{ {key}: {value} }}{}", &source[..range.start], &source[range.end..])
        }
    }
}

/// The list at `path`, or an error naming it.
fn array_at<'a, 'b>(root: &'b Value<'a>, path: &str) -> Result<&'b Array<'a>, EditError> {
    let (parent, last) = parent_and_last(root, path)?;
    match child(parent, last) {
        Some(Value::Array(array)) => Ok(array),
        Some(_) => Err(EditError::WrongKind(path.to_owned())),
        None => Err(EditError::NoSuchPath(path.to_owned())),
    }
}

/// `source` with a copy of the list's element `index` added right after it (the planner then
/// changes what differs: a new row starts as its neighbour, so it always loads).
pub fn duplicate(source: &str, list: &str, index: usize) -> Result<String, EditError> {
    let root = parse(source)?;
    let array = array_at(&root, list)?;
    let element = array.elements.get(index).ok_or_else(|| EditError::NoSuchPath(format!("{list}[{index}]")))?;
    let range = element.range();
    let indent = indent_at(source, range.start);
    let copy = &source[range.start..range.end];
    Ok(format!("{},\n{indent}{copy}{}", &source[..range.end], &source[range.end..]))
}

/// `source` with the single object at `path` turned into a list of it and a copy of it (an
/// indicator written as one object, which may also be a list: the planner adds a second one).
pub fn grow(source: &str, path: &str) -> Result<String, EditError> {
    let root = parse(source)?;
    let (parent, last) = parent_and_last(&root, path)?;
    let node = child(parent, last).ok_or_else(|| EditError::NoSuchPath(path.to_owned()))?;
    if !matches!(node, Value::Object(_)) {
        return Err(EditError::WrongKind(path.to_owned()));
    }
    let range = node.range();
    let indent = indent_at(source, range.start);
    let object = &source[range.start..range.end];
    Ok(format!("{}[{object},\n{indent}{object}]{}", &source[..range.start], &source[range.end..]))
}

/// `source` with the list's elements `index` and `index + 1` in each other's place (a row
/// moved down one; the text between them, commas and indentation, stays).
pub fn swap(source: &str, list: &str, index: usize) -> Result<String, EditError> {
    let root = parse(source)?;
    let array = array_at(&root, list)?;
    let missing = |i: usize| EditError::NoSuchPath(format!("{list}[{i}]"));
    let a = array.elements.get(index).ok_or_else(|| missing(index))?.range();
    let b = array.elements.get(index + 1).ok_or_else(|| missing(index + 1))?.range();
    Ok(format!(
        "{}{}{}{}{}",
        &source[..a.start],
        &source[b.start..b.end],
        &source[a.end..b.start],
        &source[a.start..a.end],
        &source[b.end..]
    ))
}

/// `source` with `element` (JSON text) added as the last element of the list at `path`; a list
/// not written yet (an optional key of an existing object) is added holding it.
pub fn append(source: &str, path: &str, element: &str) -> Result<String, EditError> {
    let root = parse(source)?;
    let (parent, last) = parent_and_last(&root, path)?;
    match child(parent, last) {
        None => set(source, path, &format!("[{element}]")),
        Some(Value::Array(array)) => match array.elements.last() {
            Some(last) => {
                let range = last.range();
                let indent = indent_at(source, range.start);
                Ok(format!("{},\n{indent}{element}{}", &source[..range.end], &source[range.end..]))
            }
            None => {
                let range = array.range;
                Ok(format!("{}[{element}]{}", &source[..range.start], &source[range.end..]))
            }
        },
        Some(_) => Err(EditError::WrongKind(path.to_owned())),
    }
}

/// `source` with `value` (JSON text) added at `path`, a key its object does not have yet; a
/// key already written is refused (it is changed with [`set`]).
pub fn insert(source: &str, path: &str, value: &str) -> Result<String, EditError> {
    let root = parse(source)?;
    let (parent, last) = parent_and_last(&root, path)?;
    match child(parent, last) {
        None => set(source, path, value),
        Some(_) => Err(EditError::WrongKind(path.to_owned())),
    }
}

/// `source` without the list's element `index` (and the comma that separated it).
pub fn remove(source: &str, list: &str, index: usize) -> Result<String, EditError> {
    let root = parse(source)?;
    let array = array_at(&root, list)?;
    let elements = &array.elements;
    let element = elements.get(index).ok_or_else(|| EditError::NoSuchPath(format!("{list}[{index}]")))?;
    let (start, end) = if index > 0 {
        (elements[index - 1].range().end, element.range().end)
    } else if let Some(next) = elements.get(1) {
        (element.range().start, next.range().start)
    } else {
        (element.range().start, element.range().end)
    };
    Ok(format!("{}{}", &source[..start], &source[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "{\n  \"a\": {\n    \"pagu\": 5067000,\n    \"kode\": \"4.5.1\"\n  },\n  \"list\": [\n    { \"x\": 1 },\n    { \"x\": 2 }\n  ]\n}\n";

    #[test]
    fn a_value_is_replaced_in_place() {
        let edited = set(PLAN, "$.a.pagu", "6067000").unwrap();
        assert_eq!(edited, PLAN.replace("5067000", "6067000"));
        let edited = set(PLAN, "$.list[1].x", "\"dua\"").unwrap();
        assert_eq!(edited, PLAN.replace("{ \"x\": 2 }", "{ \"x\": \"dua\" }"));
    }

    #[test]
    fn a_missing_key_is_added_to_its_object() {
        let edited = set(PLAN, "$.a.nama", "\"Program\"").unwrap();
        assert!(edited.contains("\"kode\": \"4.5.1\",\n    \"nama\": \"Program\"\n  }"), "{edited}");
        let value: serde_json::Value = serde_json::from_str(&edited).unwrap();
        assert_eq!(value["a"]["nama"], "Program");
        let edited = set("{\"a\": {}}", "$.a.b", "1").unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&edited).unwrap()["a"]["b"], 1);
    }

    #[test]
    fn paths_that_name_nothing_or_a_list_are_refused() {
        assert_eq!(set(PLAN, "$.b.pagu", "1"), Err(EditError::NoSuchPath("$.b.pagu".into())));
        assert_eq!(set(PLAN, "$.list", "1"), Err(EditError::WrongKind("$.list".into())));
        assert_eq!(set(PLAN, "$.list[5]", "1"), Err(EditError::NoSuchPath("$.list[5]".into())));
        assert_eq!(set(PLAN, "rencana", "1"), Err(EditError::NoSuchPath("rencana".into())));
        assert_eq!(set("{", "$.a", "1"), Err(EditError::NotJson));
    }

    #[test]
    fn rows_are_duplicated_and_removed() {
        let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        let added = duplicate(PLAN, "$.list", 0).unwrap();
        assert_eq!(value(&added)["list"], serde_json::json!([{ "x": 1 }, { "x": 1 }, { "x": 2 }]));
        assert!(added.contains("    { \"x\": 1 },\n    { \"x\": 1 },\n"), "{added}");
        assert_eq!(value(&remove(PLAN, "$.list", 0).unwrap())["list"], serde_json::json!([{ "x": 2 }]));
        assert_eq!(value(&remove(PLAN, "$.list", 1).unwrap())["list"], serde_json::json!([{ "x": 1 }]));
        let one = remove(PLAN, "$.list", 1).unwrap();
        assert_eq!(value(&remove(&one, "$.list", 0).unwrap())["list"], serde_json::json!([]));
        assert_eq!(remove(PLAN, "$.list", 2), Err(EditError::NoSuchPath("$.list[2]".into())));
        assert_eq!(duplicate(PLAN, "$.a", 0), Err(EditError::WrongKind("$.a".into())));
        let swapped = swap(PLAN, "$.list", 0).unwrap();
        assert_eq!(swapped, PLAN.replace("{ \"x\": 1 },\n    { \"x\": 2 }", "{ \"x\": 2 },\n    { \"x\": 1 }"));
        assert_eq!(swap(&swapped, "$.list", 0).unwrap(), PLAN);
        assert_eq!(swap(PLAN, "$.list", 1), Err(EditError::NoSuchPath("$.list[2]".into())));
        let grown = grow(PLAN, "$.a").unwrap();
        let pair = serde_json::json!({ "pagu": 5067000, "kode": "4.5.1" });
        assert_eq!(value(&grown)["a"], serde_json::json!([pair, pair]));
        assert_eq!(grow(PLAN, "$.list"), Err(EditError::WrongKind("$.list".into())));
    }

    #[test]
    fn rows_are_appended_to_lists_written_empty_or_not_at_all() {
        let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        let added = append(PLAN, "$.list", "{ \"x\": 3 }").unwrap();
        assert!(added.contains("    { \"x\": 2 },\n    { \"x\": 3 }\n  ]"), "{added}");
        let empty = append("{\"a\": {\"l\": []}}", "$.a.l", "{}").unwrap();
        assert_eq!(value(&empty)["a"]["l"], serde_json::json!([{}]));
        let missing = append(PLAN, "$.a.baru", "{ \"y\": 1 }").unwrap();
        assert_eq!(value(&missing)["a"]["baru"], serde_json::json!([{ "y": 1 }]));
        assert_eq!(append(PLAN, "$.a.pagu", "{}"), Err(EditError::WrongKind("$.a.pagu".into())));
        assert_eq!(append(PLAN, "$.b.l", "{}"), Err(EditError::NoSuchPath("$.b.l".into())));
        let inserted = insert(PLAN, "$.a.rkpd", "{ \"pagu\": 0 }").unwrap();
        assert_eq!(value(&inserted)["a"]["rkpd"], serde_json::json!({ "pagu": 0 }));
        assert_eq!(insert(PLAN, "$.a.pagu", "{}"), Err(EditError::WrongKind("$.a.pagu".into())));
    }
}
