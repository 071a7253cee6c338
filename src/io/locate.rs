//! Finds where an element, a field or a value is written in a `.ron` source, so that semantic
//! problems get a `FILE:LINE:COL` like syntax errors do.
//!
//! A small tokenizer tracks strings, comments and bracket nesting; it never fails, whatever the
//! text, and only runs when there is something to report.
//!
//! # Complexity
//! O(n) in the length of the source to build, O(k) per lookup in the tokens of one element.

use std::collections::HashMap;

use crate::model::check::Locus;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Open,
    Close,
    Colon,
    Other,
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    pos: Position,
}

/// Top-level lists whose entries are elements with an `id` field.
const ELEMENT_LISTS: [&str; 6] = [
    "regions",
    "environments",
    "containers",
    "components",
    "connections",
    "peerings",
];

/// Top-level lists whose entries have no id; problems point at an entry by position.
const ANONYMOUS_LISTS: [&str; 1] = ["waivers"];

/// Index of a source: where each element is defined and where its tokens are.
pub struct SourceMap {
    tokens: Vec<Token>,
    /// Per id, every definition: (position of the id, token range of the element).
    definitions: HashMap<String, Vec<(Position, std::ops::Range<usize>)>>,
    layout_keys: HashMap<String, Position>,
    policy_fields: HashMap<String, Position>,
    top_fields: HashMap<String, Position>,
    /// Per anonymous list, the position of each entry.
    list_entries: HashMap<String, Vec<Position>>,
}

struct Frame {
    open: usize,
    field: Option<String>,
    element: Option<String>,
}

/// The field name that opened bracket level `depth`, if any.
fn field_at(stack: &[Frame], depth: usize) -> Option<&str> {
    stack.get(depth).and_then(|f| f.field.as_deref())
}

impl SourceMap {
    /// Tokenizes and indexes `source`.
    pub fn new(source: &str) -> Self {
        let tokens = tokenize(source);
        let mut map = SourceMap {
            tokens: Vec::new(),
            definitions: HashMap::new(),
            layout_keys: HashMap::new(),
            policy_fields: HashMap::new(),
            top_fields: HashMap::new(),
            list_entries: HashMap::new(),
        };
        let mut stack: Vec<Frame> = Vec::new();
        let mut pending_field: Option<String> = None;
        for i in 0..tokens.len() {
            let followed_by_colon = matches!(
                tokens.get(i + 1),
                Some(Token {
                    tok: Tok::Colon,
                    ..
                })
            );
            match &tokens[i].tok {
                Tok::Open => {
                    if stack.len() == 2
                        && let Some(list) =
                            field_at(&stack, 1).filter(|f| ANONYMOUS_LISTS.contains(f))
                    {
                        map.list_entries
                            .entry(list.to_owned())
                            .or_default()
                            .push(tokens[i].pos);
                    }
                    stack.push(Frame {
                        open: i,
                        field: pending_field.take(),
                        element: None,
                    });
                }
                Tok::Close => {
                    if let Some(frame) = stack.pop()
                        && let Some(id) = frame.element
                        && let Some(def) = map.definitions.get_mut(&id).and_then(|d| d.last_mut())
                    {
                        def.1 = frame.open..i + 1;
                    }
                }
                Tok::Ident(name) if followed_by_colon => {
                    match stack.len() {
                        1 => {
                            map.top_fields.entry(name.clone()).or_insert(tokens[i].pos);
                        }
                        2 if field_at(&stack, 1) == Some("policies") => {
                            map.policy_fields
                                .entry(name.clone())
                                .or_insert(tokens[i].pos);
                        }
                        _ => {}
                    }
                    pending_field = Some(name.clone());
                    if name == "id"
                        && stack.len() == 3
                        && field_at(&stack, 1).is_some_and(|f| ELEMENT_LISTS.contains(&f))
                        && let Some(Token {
                            tok: Tok::Str(id), ..
                        }) = tokens.get(i + 2)
                    {
                        let open = stack[2].open;
                        map.definitions
                            .entry(id.clone())
                            .or_default()
                            .push((tokens[i + 2].pos, open..open + 1));
                        stack[2].element = Some(id.clone());
                    }
                }
                Tok::Str(s) => {
                    let in_zones = stack.len() == 4
                        && field_at(&stack, 1) == Some("regions")
                        && field_at(&stack, 3) == Some("zones");
                    if in_zones {
                        let at = i..i + 1;
                        map.definitions
                            .entry(s.clone())
                            .or_default()
                            .push((tokens[i].pos, at));
                    }
                    if followed_by_colon
                        && stack.len() == 3
                        && field_at(&stack, 1) == Some("layout")
                    {
                        map.layout_keys.entry(s.clone()).or_insert(tokens[i].pos);
                    }
                    pending_field = None;
                }
                Tok::Colon => {}
                _ => pending_field = None,
            }
        }
        map.tokens = tokens;
        map
    }

    /// Where `locus` is written, as precisely as can be found.
    pub fn locate(&self, locus: &Locus) -> Option<Position> {
        match locus {
            Locus::Element {
                id,
                nth,
                field,
                value,
            } => {
                let (pos, range) = self.definitions.get(id.as_str())?.get(*nth)?;
                let Some(field) = field else {
                    return Some(*pos);
                };
                Some(
                    self.find_in(range.clone(), field, value.as_deref())
                        .unwrap_or(*pos),
                )
            }
            Locus::LayoutEntry(id) => self.layout_keys.get(id.as_str()).copied(),
            Locus::Policies(field) => self
                .policy_fields
                .get(*field)
                .or_else(|| self.top_fields.get("policies"))
                .copied(),
            Locus::Topology(field) => self.top_fields.get(*field).copied(),
            Locus::ListEntry { list, index } => {
                let entries = self.list_entries.get(*list);
                entries
                    .and_then(|e| e.get(*index))
                    .or_else(|| self.top_fields.get(*list))
                    .copied()
            }
        }
    }

    /// Position of the first `//` or `/* */` comment in `source`, if there is one.
    pub fn first_comment(source: &str) -> Option<Position> {
        let mut comment = None;
        tokenize_with(source, &mut |pos| {
            comment.get_or_insert(pos);
        });
        comment
    }

    /// Position of a top-level field such as `version`.
    pub fn top_field(&self, name: &str) -> Option<Position> {
        self.top_fields.get(name).copied()
    }

    fn find_in(
        &self,
        range: std::ops::Range<usize>,
        field: &str,
        value: Option<&str>,
    ) -> Option<Position> {
        let tokens = self.tokens.get(range)?;
        let start = tokens.iter().enumerate().position(|(i, t)| {
            t.tok == Tok::Ident(field.to_owned())
                && matches!(
                    tokens.get(i + 1),
                    Some(Token {
                        tok: Tok::Colon,
                        ..
                    })
                )
        })?;
        let Some(value) = value else {
            return Some(tokens[start].pos);
        };
        let found = tokens[start..]
            .iter()
            .find(|t| matches!(&t.tok, Tok::Str(s) if s == value));
        Some(found.map_or(tokens[start].pos, |t| t.pos))
    }
}

/// Splits RON text into the few token kinds the locator needs. Never fails.
fn tokenize(source: &str) -> Vec<Token> {
    tokenize_with(source, &mut |_| {})
}

/// Like [`tokenize`], calling `on_comment` with the start of every comment.
fn tokenize_with(source: &str, on_comment: &mut dyn FnMut(Position)) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize, chars: &[char]| {
        if chars.get(*i) == Some(&'\n') {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = Position { line, column: col };
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut col, &chars);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            on_comment(pos);
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut col, &chars);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            on_comment(pos);
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    advance(&mut i, &mut line, &mut col, &chars);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    advance(&mut i, &mut line, &mut col, &chars);
                    if depth == 0 {
                        advance(&mut i, &mut line, &mut col, &chars);
                        break;
                    }
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
        } else if c == '"' || (c == 'r' && matches!(chars.get(i + 1), Some('"' | '#'))) {
            let mut hashes = 0usize;
            let raw = c == 'r';
            if raw {
                advance(&mut i, &mut line, &mut col, &chars);
                while chars.get(i) == Some(&'#') {
                    hashes += 1;
                    advance(&mut i, &mut line, &mut col, &chars);
                }
                if chars.get(i) != Some(&'"') {
                    tokens.push(Token {
                        tok: Tok::Ident("r".into()),
                        pos,
                    });
                    continue;
                }
            }
            advance(&mut i, &mut line, &mut col, &chars);
            let mut value = String::new();
            while i < chars.len() {
                let ch = chars[i];
                if ch == '"' && (!raw || (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#'))) {
                    for _ in 0..=hashes * usize::from(raw) {
                        advance(&mut i, &mut line, &mut col, &chars);
                    }
                    break;
                }
                if ch == '\\' && !raw {
                    advance(&mut i, &mut line, &mut col, &chars);
                    if let Some(&e) = chars.get(i) {
                        value.push(e);
                    }
                } else {
                    value.push(ch);
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
            tokens.push(Token {
                tok: Tok::Str(value),
                pos,
            });
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while i < chars.len()
                && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '-' | '+'))
            {
                word.push(chars[i]);
                advance(&mut i, &mut line, &mut col, &chars);
            }
            tokens.push(Token {
                tok: Tok::Ident(word),
                pos,
            });
        } else {
            let tok = match c {
                '(' | '[' | '{' => Tok::Open,
                ')' | ']' | '}' => Tok::Close,
                ':' => Tok::Colon,
                _ => Tok::Other,
            };
            tokens.push(Token { tok, pos });
            advance(&mut i, &mut line, &mut col, &chars);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    const SRC: &str = r#"(
    version: 1,
    name: "t", // a comment with "quotes" and (parens
    regions: [
        (
            id: "eu",
            name: "EU",
            zones: [
                "eu-a",
                "eu-b",
            ],
        ),
    ],
    policies: (
        rto_min: 5.0,
    ),
    components: [
        (
            id: "web",
            name: "Web /* not a comment */",
            capacity: (
                zones: [
                    "eu-b",
                ],
            ),
        ),
        (
            id: "web",
        ),
    ],
    layout: (
        elements: {
            "web": (x: 1.0, y: 2.0, w: 3.0, h: 4.0),
        },
    ),
)"#;

    fn id(s: &str) -> Id {
        Id::new(s).expect("valid id")
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn finds_definitions_fields_values_and_duplicates() {
        let map = SourceMap::new(SRC);
        let element = |nth, field, value: Option<&str>| Locus::Element {
            id: id("web"),
            nth,
            field,
            value: value.map(str::to_owned),
        };
        assert_eq!(map.locate(&element(0, None, None)), at(19, 17));
        assert_eq!(map.locate(&element(1, None, None)), at(28, 17));
        assert_eq!(map.locate(&element(0, Some("zones"), None)), at(22, 17));
        assert_eq!(
            map.locate(&element(0, Some("zones"), Some("eu-b"))),
            at(23, 21)
        );
        assert_eq!(
            map.locate(&element(0, Some("nonexistent"), None)),
            at(19, 17)
        );
        let zone = Locus::Element {
            id: id("eu-b"),
            nth: 0,
            field: None,
            value: None,
        };
        assert_eq!(map.locate(&zone), at(10, 17));
        assert_eq!(map.locate(&Locus::LayoutEntry(id("web"))), at(33, 13));
        assert_eq!(map.locate(&Locus::Policies("rto_min")), at(15, 9));
        assert_eq!(map.locate(&Locus::Topology("version")), at(2, 5));
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "\"",
            "r#\"",
            "/*",
            "((((",
            "))))",
            "id: \"x\"",
            "r",
            "é\u{0}\"\\",
        ] {
            let map = SourceMap::new(text);
            assert_eq!(map.locate(&Locus::Topology("version")), None);
        }
    }
}
