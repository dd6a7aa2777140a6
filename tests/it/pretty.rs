//! A deterministic pretty-printer of the generated Typst source, so that its goldens can be
//! read and diffed: every call, array and dictionary that does not fit in [`WIDTH`] columns is
//! broken with one element a line, indented by its depth; one that fits stays on one line.
//!
//! Only whitespace changes: string literals and content blocks are copied verbatim, and a
//! trailing comma is kept exactly where the source has one (`("a",)` is an array, `("a")` is
//! not), so the printed text is the same Typst program.

/// The width a group must fit in to stay on one line.
pub const WIDTH: usize = 100;

/// A piece of one source line: text outside any parentheses, or a parenthesised group.
#[derive(Debug)]
enum Piece {
    Text(String),
    Group(Group),
}

/// `( … )`: elements separated by commas at its own depth.
#[derive(Debug)]
struct Group {
    elements: Vec<Vec<Piece>>,
    trailing_comma: bool,
}

/// The source with every line longer than it fits broken into one element a line.
pub fn pretty(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    for line in source.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let pieces = parse(body);
        write_pieces(&pieces, 0, 0, &mut 0, &mut out);
        out.push_str(end);
    }
    out
}

/// Splits a line into text and groups. An unbalanced `)` or an unclosed `(` (not expected in
/// generated source) leaves the rest of the line as text, so nothing is ever lost.
fn parse(line: &str) -> Vec<Piece> {
    let chars: Vec<char> = line.chars().collect();
    let mut at = 0;
    let pieces = parse_sequence(&chars, &mut at, false);
    match pieces {
        Some(pieces) if at == chars.len() => pieces,
        _ => vec![Piece::Text(line.to_owned())],
    }
}

/// Reads pieces until the end of the line, or (inside a group) until a `,` or `)` at this depth,
/// which it leaves unread. `None` when a group is not closed on the line.
fn parse_sequence(chars: &[char], at: &mut usize, in_group: bool) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    while *at < chars.len() {
        let c = chars[*at];
        match c {
            '"' => {
                let end = string_end(chars, *at)?;
                text.extend(&chars[*at..end]);
                *at = end;
            }
            '[' => {
                let end = block_end(chars, *at)?;
                text.extend(&chars[*at..end]);
                *at = end;
            }
            '(' => {
                *at += 1;
                let group = parse_group(chars, at)?;
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Group(group));
            }
            ',' | ')' if in_group => break,
            ')' => return None,
            _ => {
                text.push(c);
                *at += 1;
            }
        }
    }
    if *at == chars.len() && in_group {
        return None;
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Some(pieces)
}

/// The elements of a group whose `(` was just read, up to and including its `)`.
fn parse_group(chars: &[char], at: &mut usize) -> Option<Group> {
    let mut elements = Vec::new();
    let mut trailing_comma = false;
    loop {
        skip_spaces(chars, at);
        if chars.get(*at) == Some(&')') {
            *at += 1;
            return Some(Group { elements, trailing_comma });
        }
        let mut element = parse_sequence(chars, at, true)?;
        trim_end(&mut element);
        elements.push(element);
        match chars.get(*at)? {
            ',' => {
                *at += 1;
                trailing_comma = true;
            }
            _ => trailing_comma = false,
        }
    }
}

fn skip_spaces(chars: &[char], at: &mut usize) {
    while chars.get(*at).is_some_and(|c| *c == ' ' || *c == '\t') {
        *at += 1;
    }
}

fn trim_end(pieces: &mut Vec<Piece>) {
    if let Some(Piece::Text(text)) = pieces.last_mut() {
        let kept = text.trim_end().len();
        text.truncate(kept);
        if text.is_empty() {
            pieces.pop();
        }
    }
}

/// The index just past the string literal that opens at `start`.
fn string_end(chars: &[char], start: usize) -> Option<usize> {
    let mut at = start + 1;
    while at < chars.len() {
        match chars[at] {
            '\\' => at += 2,
            '"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// The index just past the content block that opens at `start` (markup: copied verbatim).
fn block_end(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    while at < chars.len() {
        match chars[at] {
            '\\' => at += 1,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The pieces on one line.
fn flat(pieces: &[Piece], out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Group(group) => flat_group(group, out),
        }
    }
}

fn flat_group(group: &Group, out: &mut String) {
    out.push('(');
    for (i, element) in group.elements.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        flat(element, out);
    }
    if group.trailing_comma {
        out.push(',');
    }
    out.push(')');
}

fn flat_width(pieces: &[Piece]) -> usize {
    let mut text = String::new();
    flat(pieces, &mut text);
    text.chars().count()
}

/// Writes pieces starting at `column` (updated), followed on their line by `after` more
/// characters (a comma), breaking every group that does not fit.
fn write_pieces(pieces: &[Piece], indent: usize, after: usize, column: &mut usize, out: &mut String) {
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(text) => {
                out.push_str(text);
                *column += text.chars().count();
            }
            Piece::Group(group) => {
                // What must follow the group on its line (say `)` of an enclosing call) counts too.
                let rest = flat_width(&pieces[i + 1..]) + after;
                let mut one_line = String::new();
                flat_group(group, &mut one_line);
                if *column + one_line.chars().count() + rest <= WIDTH || group.elements.is_empty() {
                    *column += one_line.chars().count();
                    out.push_str(&one_line);
                } else {
                    write_broken(group, indent, out);
                    *column = indent + 1;
                }
            }
        }
    }
}

fn write_broken(group: &Group, indent: usize, out: &mut String) {
    out.push('(');
    let inner = indent + 2;
    let last = group.elements.len() - 1;
    for (i, element) in group.elements.iter().enumerate() {
        out.push('\n');
        out.push_str(&" ".repeat(inner));
        let mut column = inner;
        let comma = i < last || group.trailing_comma;
        write_pieces(element, inner, usize::from(comma), &mut column, out);
        if comma {
            out.push(',');
        }
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source without whitespace outside string literals: what `pretty` may not change.
    fn without_layout(source: &str) -> String {
        let mut out = String::new();
        let mut in_string = false;
        let mut escaped = false;
        for c in source.chars() {
            if in_string {
                out.push(c);
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
            } else if c == '"' {
                in_string = true;
                out.push(c);
            } else if !c.is_whitespace() {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn a_short_call_stays_on_its_line() {
        let source = "#bab(\"I\", \"Pendahuluan\", halaman-baru: false)\n";
        assert_eq!(pretty(source), source);
    }

    #[test]
    fn a_long_call_puts_one_element_a_line_and_keeps_short_ones_whole() {
        let long = "x".repeat(90);
        let source = format!("#f((\"a\": 1, \"b\": (1, 2, ), ), \"{long}\", k: none)\n");
        let want = format!("#f(\n  (\"a\": 1, \"b\": (1, 2,),),\n  \"{long}\",\n  k: none\n)\n");
        assert_eq!(pretty(&source), want);
    }

    #[test]
    fn nested_groups_break_by_depth_and_keep_trailing_commas_where_they_were() {
        let word = "y".repeat(50);
        let source = format!("#g((\"{word}\", (\"{word}\", \"{word}\", ), ), (\"{word}\"))");
        let want = format!(
            "#g(\n  (\n    \"{word}\",\n    (\n      \"{word}\",\n      \"{word}\",\n    ),\n  ),\n  (\"{word}\")\n)"
        );
        assert_eq!(pretty(&source), want);
    }

    #[test]
    fn strings_and_content_blocks_are_copied_verbatim() {
        let pad = "z".repeat(100);
        let source = format!("#h(\"a, (b) \\\" c)\", [teks (dengan, koma], \"{pad}\")\n");
        let printed = pretty(&source);
        assert!(printed.contains("\n  \"a, (b) \\\" c)\",\n"), "{printed}");
        assert!(printed.contains("\n  [teks (dengan, koma],\n"), "{printed}");
        assert_eq!(without_layout(&printed), without_layout(&source));
    }

    #[test]
    fn an_unbalanced_line_is_left_as_it_is() {
        let source = format!("#f(\"{}\", (1, 2)\n#g(1))\n", "q".repeat(120));
        assert_eq!(pretty(&source), source);
    }

    #[test]
    fn the_flagship_source_changes_only_in_layout_and_fits_the_width() {
        let source = crate::support::FLAGSHIP_PDF.sources.main();
        let printed = pretty(source);
        assert_eq!(without_layout(&printed), without_layout(source));
        // A line wider than WIDTH holds no group it could have broken: only one literal element.
        for (n, line) in printed.lines().enumerate() {
            if line.chars().count() > WIDTH {
                let pieces = parse(line.trim_start());
                assert!(
                    pieces.iter().all(|p| matches!(p, Piece::Text(_))),
                    "line {} is {} wide and holds a group: {}",
                    n + 1,
                    line.chars().count(),
                    &line[..line.char_indices().nth(WIDTH).map_or(line.len(), |(i, _)| i)]
                );
            }
        }
        assert!(printed.lines().count() > 20 * source.lines().count(), "{} lines", printed.lines().count());
    }
}
