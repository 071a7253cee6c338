//! A parser for Mermaid flowcharts (`graph` / `flowchart`): nested subgraphs, node shapes,
//! labels with `<br/>`, every link style with `|label|` or `-- label -->`, chains, `&`,
//! comments and styling lines. Errors carry the line and column.
//!
//! # Complexity
//! O(n) in the length of the text, plus O(k) hash lookups per mentioned node.

use std::collections::HashMap;

use super::ast::{Diagram, Edge, Hint, Node, Pos, Shape, Stroke, Subgraph};

/// Why a flowchart could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}: {message}", pos.line, pos.column)]
pub struct ParseError {
    /// Where.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

/// Parses `text`, whose first line is line `first_line` of the file.
pub fn parse(text: &str, first_line: usize) -> Result<Diagram, ParseError> {
    let mut p = Parser {
        d: Diagram::default(),
        stack: Vec::new(),
        ids: HashMap::new(),
        header: false,
    };
    for (i, line) in text.lines().enumerate() {
        let n = first_line + i;
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        if let Some(rest) = trimmed.strip_prefix("%%") {
            p.comment(
                rest,
                Pos {
                    line: n,
                    column: indent + 1,
                },
            );
            continue;
        }
        let code = strip_comment(line);
        for (start, statement) in split_statements(&code) {
            let lead = statement.chars().count() - statement.trim_start().chars().count();
            let column = start + lead + 1;
            let statement = statement.trim();
            if statement.is_empty() {
                continue;
            }
            p.statement(statement, Pos { line: n, column })?;
        }
    }
    if !p.header {
        return Err(ParseError {
            pos: Pos {
                line: first_line,
                column: 1,
            },
            message: "not a flowchart: expected `graph` or `flowchart` first".into(),
        });
    }
    if let Some(&open) = p.stack.last() {
        let sg = &p.d.subgraphs[open];
        return Err(ParseError {
            pos: sg.pos,
            message: format!("subgraph `{}` is not closed: add `end`", sg.id),
        });
    }
    p.finish()
}

/// What an id names so far.
#[derive(Clone, Copy)]
enum Named {
    Node(usize),
    Subgraph,
}

struct Parser {
    d: Diagram,
    stack: Vec<usize>,
    ids: HashMap<String, Named>,
    header: bool,
}

/// The text of `line` before a `%%` comment (outside quotes).
fn strip_comment(line: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            quoted = !quoted;
        }
        if !quoted && c == '%' && chars.peek() == Some(&'%') {
            break;
        }
        out.push(c);
    }
    out
}

/// Splits a line at `;` outside quotes, brackets and `|labels|`; yields (start column, text).
fn split_statements(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut start, mut depth, mut quoted, mut piped) = (0usize, 0i32, false, false);
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            '[' | '(' | '{' if !quoted => depth += 1,
            ']' | ')' | '}' if !quoted => depth -= 1,
            '|' if !quoted && depth <= 0 => piped = !piped,
            ';' if !quoted && depth <= 0 && !piped => {
                out.push((start, std::mem::take(&mut current)));
                start = i + 1;
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push((start, current));
    out
}

/// A label as written: `<br/>` becomes a line break, entities are decoded, lines trimmed.
fn clean_label(raw: &str) -> String {
    let mut s = raw.to_owned();
    for br in ["<br/>", "<br />", "<br>", "<BR/>", "<BR>", "<Br/>"] {
        s = s.replace(br, "\n");
    }
    let s = s
        .replace("#quot;", "\"")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A cursor over one statement.
struct Cursor {
    chars: Vec<char>,
    i: usize,
    base: Pos,
}

impl Cursor {
    fn new(text: &str, base: Pos) -> Self {
        Self {
            chars: text.chars().collect(),
            i: 0,
            base,
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.base.line,
            column: self.base.column + self.i,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn at(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.chars.get(self.i + k) == Some(&c))
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.at(s) {
            self.i += s.chars().count();
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn done(&self) -> bool {
        self.i >= self.chars.len()
    }

    fn rest(&self) -> String {
        self.chars[self.i.min(self.chars.len())..].iter().collect()
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            pos: self.pos(),
            message: message.into(),
        }
    }

    /// A node id: letters, digits, `_`, and `-` between them.
    fn id(&mut self) -> String {
        let mut id = String::new();
        while let Some(c) = self.peek() {
            let dash_inside = c == '-'
                && !id.is_empty()
                && self.chars.get(self.i + 1).is_some_and(|n| is_id_char(*n))
                && !self.at("-x ")
                && !self.at("-o ");
            if is_id_char(c) || dash_inside {
                id.push(c);
                self.i += 1;
            } else {
                break;
            }
        }
        id
    }

    /// Text up to `close` (or a quoted string followed by `close`).
    fn enclosed(&mut self, open_pos: Pos, closers: &[&str]) -> Result<String, ParseError> {
        self.skip_ws();
        let text = if self.peek() == Some('"') {
            self.i += 1;
            let mut s = String::new();
            loop {
                match self.peek() {
                    Some('"') => {
                        self.i += 1;
                        break;
                    }
                    Some(c) => {
                        s.push(c);
                        self.i += 1;
                    }
                    None => {
                        return Err(ParseError {
                            pos: open_pos,
                            message: "unclosed `\"` in a label".into(),
                        });
                    }
                }
            }
            self.skip_ws();
            s
        } else {
            let mut s = String::new();
            while !self.done() && !closers.iter().any(|c| self.at(c)) {
                s.push(self.chars[self.i]);
                self.i += 1;
            }
            s
        };
        for c in closers {
            if self.eat(c) {
                return Ok(text);
            }
        }
        let expected: Vec<String> = closers.iter().map(|c| format!("`{c}`")).collect();
        Err(ParseError {
            pos: open_pos,
            message: format!("unclosed shape: expected {}", expected.join(" or ")),
        })
    }

    /// The shape and label after an id, if any.
    fn shape(&mut self) -> Result<Option<(Shape, String)>, ParseError> {
        const SHAPES: [(&str, &[&str], Shape); 12] = [
            ("(((", &[")))"], Shape::DoubleCircle),
            ("((", &["))"], Shape::Circle),
            ("([", &["])"], Shape::Stadium),
            ("[[", &["]]"], Shape::Subroutine),
            ("[(", &[")]"], Shape::Cylinder),
            ("[/", &["/]", "\\]"], Shape::Parallelogram),
            ("[\\", &["\\]", "/]"], Shape::Parallelogram),
            ("{{", &["}}"], Shape::Hexagon),
            ("[", &["]"], Shape::Rectangle),
            ("(", &[")"], Shape::Rounded),
            ("{", &["}"], Shape::Rhombus),
            (">", &["]"], Shape::Asymmetric),
        ];
        let open_pos = self.pos();
        for (open, closers, shape) in SHAPES {
            if self.eat(open) {
                let text = self.enclosed(open_pos, closers)?;
                return Ok(Some((shape, clean_label(&text))));
            }
        }
        Ok(None)
    }
}

/// A node mentioned in a statement: id, label and shape if given, classes, position.
struct Mention {
    id: String,
    label: Option<(Shape, String)>,
    classes: Vec<String>,
    pos: Pos,
}

/// A link between two node groups.
struct Link {
    stroke: Stroke,
    arrow: bool,
    both_ways: bool,
    label: Option<String>,
    pos: Pos,
}

impl Parser {
    fn comment(&mut self, rest: &str, pos: Pos) {
        let rest = rest.trim();
        let Some(hint) = rest.strip_prefix("daedalus ") else {
            return;
        };
        let mut words = hint.split_whitespace();
        let (Some(what), Some(target)) = (words.next(), words.next()) else {
            return;
        };
        let fields = words
            .filter_map(|w| {
                w.split_once('=')
                    .map(|(k, v)| (k.to_owned(), v.replace("%20", " ")))
            })
            .collect();
        self.d.hints.push(Hint {
            what: what.to_owned(),
            target: target.to_owned(),
            fields,
            pos,
        });
    }

    fn statement(&mut self, s: &str, pos: Pos) -> Result<(), ParseError> {
        let first = s.split_whitespace().next().unwrap_or_default();
        if !self.header {
            let mut words = s.split_whitespace();
            return match words.next() {
                Some("graph" | "flowchart") => {
                    self.header = true;
                    self.d.direction = words.next().unwrap_or("TB").to_uppercase();
                    Ok(())
                }
                Some(other) => Err(ParseError {
                    pos,
                    message: format!("not a flowchart: starts with `{other}`"),
                }),
                None => Ok(()),
            };
        }
        let rest = s[first.len()..].trim();
        match first {
            "subgraph" => self.subgraph(rest, pos),
            "end" => match self.stack.pop() {
                Some(_) => Ok(()),
                None => Err(ParseError {
                    pos,
                    message: "`end` without a `subgraph`".into(),
                }),
            },
            "direction" => Ok(()),
            "style" => {
                let (id, css) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                self.d.styles.push((id.to_owned(), css.trim().to_owned()));
                Ok(())
            }
            "classDef" => {
                let (name, css) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                self.d
                    .class_defs
                    .push((name.to_owned(), css.trim().to_owned()));
                Ok(())
            }
            "class" => {
                let (ids, class) = rest.rsplit_once(char::is_whitespace).unwrap_or((rest, ""));
                for id in ids.split(',').map(str::trim) {
                    match self.ids.get(id) {
                        Some(Named::Node(n)) => self.d.nodes[*n].classes.push(class.to_owned()),
                        _ => self
                            .d
                            .ignored
                            .push((pos, format!("`class` for unknown node `{id}`"))),
                    }
                }
                Ok(())
            }
            "linkStyle" | "click" | "accTitle" | "accDescr" | "title" => {
                self.d.ignored.push((pos, s.to_owned()));
                Ok(())
            }
            _ => self.chain(s, pos),
        }
    }

    fn subgraph(&mut self, rest: &str, pos: Pos) -> Result<(), ParseError> {
        let mut c = Cursor::new(
            rest,
            Pos {
                line: pos.line,
                column: pos.column + "subgraph ".len(),
            },
        );
        c.skip_ws();
        let (id, title) = if c.peek() == Some('"') {
            let open = c.pos();
            c.i += 1;
            let mut t = String::new();
            loop {
                match c.peek() {
                    Some('"') => break,
                    Some(ch) => t.push(ch),
                    None => {
                        return Err(ParseError {
                            pos: open,
                            message: "unclosed `\"` in a subgraph title".into(),
                        });
                    }
                }
                c.i += 1;
            }
            let t = clean_label(&t);
            (t.clone(), t)
        } else {
            let id = c.id();
            c.skip_ws();
            if c.peek() == Some('[') {
                let open = c.pos();
                c.i += 1;
                let t = c.enclosed(open, &["]"])?;
                (id, clean_label(&t))
            } else if c.done() && !id.is_empty() {
                (id.clone(), id)
            } else {
                let t = rest.trim().to_owned();
                (t.clone(), clean_label(&t))
            }
        };
        if id.is_empty() {
            return Err(ParseError {
                pos,
                message: "`subgraph` needs an id or a title".into(),
            });
        }
        if self.ids.contains_key(&id) {
            return Err(ParseError {
                pos,
                message: format!("`{id}` is already a node or subgraph"),
            });
        }
        let index = self.d.subgraphs.len();
        self.d.subgraphs.push(Subgraph {
            id: id.clone(),
            title,
            parent: self.stack.last().copied(),
            pos,
        });
        self.ids.insert(id, Named::Subgraph);
        self.stack.push(index);
        Ok(())
    }

    /// `A & B --> C -->|x| D …`: node groups joined by links.
    fn chain(&mut self, s: &str, pos: Pos) -> Result<(), ParseError> {
        let mut c = Cursor::new(s, pos);
        let mut groups: Vec<Vec<Mention>> = vec![group(&mut c)?];
        let mut links: Vec<Link> = Vec::new();
        loop {
            c.skip_ws();
            if c.done() {
                break;
            }
            let Some(link) = link(&mut c)? else {
                return Err(c.error(format!(
                    "expected a link such as `-->` or the end of the line, found `{}`",
                    c.rest()
                )));
            };
            c.skip_ws();
            if c.done() {
                return Err(ParseError {
                    pos: link.pos,
                    message: "a link needs a node after it".into(),
                });
            }
            links.push(link);
            groups.push(group(&mut c)?);
        }
        let mut ids: Vec<Vec<String>> = Vec::new();
        for g in groups {
            let mut names = Vec::new();
            for m in g {
                names.push(m.id.clone());
                self.mention(m)?;
            }
            ids.push(names);
        }
        for (k, link) in links.into_iter().enumerate() {
            for from in &ids[k] {
                for to in &ids[k + 1] {
                    self.d.edges.push(Edge {
                        from: from.clone(),
                        to: to.clone(),
                        stroke: link.stroke,
                        arrow: link.arrow,
                        both_ways: link.both_ways,
                        label: link.label.clone(),
                        pos: link.pos,
                    });
                }
            }
        }
        Ok(())
    }

    fn mention(&mut self, m: Mention) -> Result<(), ParseError> {
        let current = self.stack.last().copied();
        match self.ids.get(&m.id).copied() {
            Some(Named::Subgraph) => {
                if m.label.is_some() {
                    return Err(ParseError {
                        pos: m.pos,
                        message: format!("`{}` is a subgraph and cannot be a node too", m.id),
                    });
                }
            }
            Some(Named::Node(n)) => {
                let node = &mut self.d.nodes[n];
                if node.label.is_none()
                    && let Some((shape, label)) = m.label
                {
                    node.shape = shape;
                    node.label = Some(label);
                }
                if node.parent.is_none() {
                    node.parent = current;
                }
                node.classes.extend(m.classes);
            }
            None => {
                let (shape, label) = match m.label {
                    Some((s, l)) => (s, Some(l)),
                    None => (Shape::Rectangle, None),
                };
                let index = self.d.nodes.len();
                self.d.nodes.push(Node {
                    id: m.id.clone(),
                    label,
                    shape,
                    parent: current,
                    pos: m.pos,
                    classes: m.classes,
                });
                self.ids.insert(m.id, Named::Node(index));
            }
        }
        Ok(())
    }

    /// Nodes first mentioned before the subgraph of the same id was opened are that subgraph.
    fn finish(mut self) -> Result<Diagram, ParseError> {
        let subgraph_ids: Vec<String> = self.d.subgraphs.iter().map(|s| s.id.clone()).collect();
        if let Some(n) = self
            .d
            .nodes
            .iter()
            .find(|n| subgraph_ids.contains(&n.id) && n.label.is_some())
        {
            return Err(ParseError {
                pos: n.pos,
                message: format!("`{}` is a subgraph and cannot be a node too", n.id),
            });
        }
        self.d.nodes.retain(|n| !subgraph_ids.contains(&n.id));
        Ok(self.d)
    }
}

/// `A`, `A[label]`, `A:::class`, and `A & B & C`.
fn group(c: &mut Cursor) -> Result<Vec<Mention>, ParseError> {
    let mut out = vec![mention(c)?];
    loop {
        let save = c.i;
        c.skip_ws();
        if c.eat("&") {
            c.skip_ws();
            out.push(mention(c)?);
        } else {
            c.i = save;
            return Ok(out);
        }
    }
}

fn mention(c: &mut Cursor) -> Result<Mention, ParseError> {
    c.skip_ws();
    let pos = c.pos();
    let id = c.id();
    if id.is_empty() {
        let found = c
            .peek()
            .map_or_else(|| "the end of the line".to_owned(), |ch| format!("`{ch}`"));
        return Err(ParseError {
            pos,
            message: format!("expected a node id, found {found}"),
        });
    }
    let label = c.shape()?;
    let mut classes = Vec::new();
    while c.eat(":::") {
        let class = c.id();
        if !class.is_empty() {
            classes.push(class);
        }
    }
    Ok(Mention {
        id,
        label,
        classes,
        pos,
    })
}

/// A link, if one starts here: `-->`, `---`, `-.->`, `-.-`, `==>`, `===`, `--x`, `--o`, `<-->`,
/// with `|label|` after it or `-- label -->` around the label.
fn link(c: &mut Cursor) -> Result<Option<Link>, ParseError> {
    let pos = c.pos();
    let start = c.i;
    let both_ways = c.eat("<");
    let stroke = if c.at("==") {
        while c.eat("=") {}
        Stroke::Thick
    } else if c.at("-.") {
        c.eat("-");
        while c.eat(".") {}
        c.eat("-");
        Stroke::Dotted
    } else if c.at("--") {
        while c.eat("-") {}
        Stroke::Solid
    } else {
        c.i = start;
        if both_ways {
            return Err(ParseError {
                pos,
                message: "`<` must start a link such as `<-->`".into(),
            });
        }
        return Ok(None);
    };
    let body = c.i - start - usize::from(both_ways);
    let mut label = None;
    // `-- text -->`: two characters, then a space, then the label up to the real link.
    // Every stroke opens its labelled form with two characters (`--`, `==`, `-.`).
    let open = body == 2;
    if open && c.peek().is_some_and(char::is_whitespace) && !matches!(c.peek(), Some('>')) {
        let closers: &[&str] = match stroke {
            Stroke::Solid => &["-->", "---", "--x", "--o"],
            Stroke::Dotted => &[".->", ".-"],
            Stroke::Thick => &["==>", "==="],
        };
        let text_start = c.i;
        while !c.done() && !closers.iter().any(|k| c.at(k)) {
            c.i += 1;
        }
        if c.done() {
            c.i = text_start;
            return Err(ParseError {
                pos,
                message: "unfinished link: expected `-->` after the label".into(),
            });
        }
        label = Some(clean_label(
            &c.chars[text_start..c.i].iter().collect::<String>(),
        ));
        while c.peek().is_some_and(|ch| matches!(ch, '-' | '.' | '=')) {
            c.i += 1;
        }
    }
    let arrow = if c.eat(">") {
        true
    } else if (c.at("x") || c.at("o")) && c.chars.get(c.i + 1).is_none_or(|n| n.is_whitespace()) {
        c.i += 1;
        true
    } else {
        false
    };
    let save = c.i;
    c.skip_ws();
    if c.eat("|") {
        let text_start = c.i;
        while !c.done() && c.peek() != Some('|') {
            c.i += 1;
        }
        if c.done() {
            return Err(ParseError {
                pos,
                message: "unclosed `|label|` on a link".into(),
            });
        }
        let text: String = c.chars[text_start..c.i].iter().collect();
        c.i += 1;
        label = Some(clean_label(text.trim_matches('"')));
    } else {
        c.i = save;
    }
    Ok(Some(Link {
        stroke,
        arrow: arrow || both_ways,
        both_ways,
        label,
        pos,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Diagram {
        match parse(text, 1) {
            Ok(d) => d,
            Err(e) => panic!("{e}\n{text}"),
        }
    }

    fn err(text: &str) -> ParseError {
        match parse(text, 1) {
            Ok(d) => panic!("parsed: {d:?}"),
            Err(e) => e,
        }
    }

    fn edges(d: &Diagram) -> Vec<(String, String, Option<String>, Stroke, bool)> {
        d.edges
            .iter()
            .map(|e| {
                (
                    e.from.clone(),
                    e.to.clone(),
                    e.label.clone(),
                    e.stroke,
                    e.arrow,
                )
            })
            .collect()
    }

    fn e(
        from: &str,
        to: &str,
        label: Option<&str>,
        stroke: Stroke,
        arrow: bool,
    ) -> (String, String, Option<String>, Stroke, bool) {
        (from.into(), to.into(), label.map(Into::into), stroke, arrow)
    }

    #[test]
    fn header_and_directions() {
        for h in [
            "graph TB",
            "graph TD",
            "flowchart LR",
            "flowchart RL",
            "graph BT",
            "flowchart",
        ] {
            let d = ok(&format!("{h}\n  A --> B"));
            assert_eq!(d.nodes.len(), 2, "{h}");
        }
        assert!(
            err("sequenceDiagram\n A->>B: hi")
                .message
                .contains("not a flowchart")
        );
    }

    #[test]
    fn node_shapes() {
        let d = ok(
            "graph TB\nA[rect]\nB(round)\nC([stadium])\nD[[sub]]\nE[(db)]\nF((circle))\nG{decide}\nH{{hex}}\nI>flag]\nJ[/para/]\nK[\\alt\\]\nL(((double)))",
        );
        let shapes: Vec<Shape> = d.nodes.iter().map(|n| n.shape).collect();
        use Shape::*;
        assert_eq!(
            shapes,
            [
                Rectangle,
                Rounded,
                Stadium,
                Subroutine,
                Cylinder,
                Circle,
                Rhombus,
                Hexagon,
                Asymmetric,
                Parallelogram,
                Parallelogram,
                DoubleCircle
            ]
        );
        assert_eq!(d.nodes[4].label.as_deref(), Some("db"));
    }

    #[test]
    fn labels_with_breaks_quotes_and_entities() {
        let d = ok(
            "graph TB\nA[Database Cluster<br/>PostgreSQL<br>Primary + Replicas]\nB[\"quoted [brackets] here\"]\nC[say #quot;hi#quot;]",
        );
        assert_eq!(
            d.nodes[0].label.as_deref(),
            Some("Database Cluster\nPostgreSQL\nPrimary + Replicas")
        );
        assert_eq!(d.nodes[1].label.as_deref(), Some("quoted [brackets] here"));
        assert_eq!(d.nodes[2].label.as_deref(), Some("say \"hi\""));
    }

    #[test]
    fn every_link_style_and_label_form() {
        use Stroke::*;
        let d = ok(
            "graph LR\nA --> B\nA --- C\nA -.-> D\nA -.- E\nA ==> F\nA === G\nA -->|HTTPS| B\nA -- SQL --> C\nA -. Logs .-> D\nA == Big ==> F\nA -->|\"quoted\"| G\nA ----> B\nA --x C\nA --o D",
        );
        assert_eq!(
            edges(&d),
            vec![
                e("A", "B", None, Solid, true),
                e("A", "C", None, Solid, false),
                e("A", "D", None, Dotted, true),
                e("A", "E", None, Dotted, false),
                e("A", "F", None, Thick, true),
                e("A", "G", None, Thick, false),
                e("A", "B", Some("HTTPS"), Solid, true),
                e("A", "C", Some("SQL"), Solid, true),
                e("A", "D", Some("Logs"), Dotted, true),
                e("A", "F", Some("Big"), Thick, true),
                e("A", "G", Some("quoted"), Solid, true),
                e("A", "B", None, Solid, true),
                e("A", "C", None, Solid, true),
                e("A", "D", None, Solid, true),
            ]
        );
    }

    #[test]
    fn chains_and_ampersands() {
        let d = ok("graph TB\nA --> B --> C\nX & Y --> Z & W");
        let pairs: Vec<(String, String)> = d
            .edges
            .iter()
            .map(|e| (e.from.clone(), e.to.clone()))
            .collect();
        let want: Vec<(String, String)> = [
            ("A", "B"),
            ("B", "C"),
            ("X", "Z"),
            ("X", "W"),
            ("Y", "Z"),
            ("Y", "W"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(pairs, want);
    }

    #[test]
    fn nested_subgraphs_and_membership() {
        let d = ok(
            "graph TB\nsubgraph VPC[\"🔒 VPC - Production\"]\n  subgraph Pub[Public Subnet]\n    LB[Load Balancer]\n  end\n  direction LR\n  App[App]\nend\nsubgraph Plain\n  X\nend\nsubgraph Two words here\nend\nUsers --> LB\nLB --> Pub",
        );
        assert_eq!(d.subgraphs.len(), 4);
        assert_eq!(d.subgraphs[0].title, "🔒 VPC - Production");
        assert_eq!(d.subgraphs[1].parent, Some(0));
        assert_eq!(d.subgraphs[3].id, "Two words here");
        let node = |id: &str| {
            d.nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.parent)
                .expect("node")
        };
        assert_eq!(node("LB"), Some(1));
        assert_eq!(node("App"), Some(0));
        assert_eq!(node("X"), Some(2));
        assert_eq!(node("Users"), None);
        assert!(
            d.nodes.iter().all(|n| n.id != "Pub"),
            "a subgraph id in an edge is the container, not a node"
        );
    }

    #[test]
    fn comments_styles_and_hints() {
        let d = ok(
            "graph TB\n%% a comment --> not an edge\nA --> B %% trailing\nstyle A fill:#e8f5e9,stroke:#333\nclassDef hot fill:#f00\nclass A,B hot\nB:::cold\nlinkStyle 0 stroke:#f00\n%% daedalus edge A>B#1 kind=Async protocol=Amqp",
        );
        assert_eq!(d.edges.len(), 1);
        assert_eq!(
            d.styles,
            vec![("A".to_owned(), "fill:#e8f5e9,stroke:#333".to_owned())]
        );
        assert_eq!(d.class_defs.len(), 1);
        assert_eq!(d.nodes[0].classes, ["hot"]);
        assert_eq!(d.nodes[1].classes, ["hot", "cold"]);
        assert_eq!(d.ignored.len(), 1);
        assert_eq!(d.hints[0].target, "A>B#1");
        assert_eq!(
            d.hints[0].fields[1],
            ("protocol".to_owned(), "Amqp".to_owned())
        );
    }

    #[test]
    fn semicolons_separate_statements() {
        let d = ok("graph TB; A-->B; B-->C");
        assert_eq!(d.edges.len(), 2);
    }

    #[test]
    fn errors_have_positions() {
        let e = err("graph TB\nsubgraph S[Open]\n  A --> B\n");
        assert_eq!((e.pos.line, e.pos.column), (2, 1));
        assert!(e.message.contains("not closed"));
        let e = err("graph TB\nA --> B\nend");
        assert_eq!(e.pos.line, 3);
        let e = err("graph TB\n  A -->");
        assert_eq!((e.pos.line, e.pos.column), (2, 5));
        assert!(e.message.contains("needs a node"));
        let e = err("graph TB\n  A[unclosed --> B");
        assert_eq!((e.pos.line, e.pos.column), (2, 4));
        let e = err("graph TB\n  A --> B oops");
        assert!(e.message.contains("expected a link"), "{e}");
        let e = err("graph TB\n  A -- label without end");
        assert!(e.message.contains("unfinished link"), "{e}");
        let e = err("graph TB\n  --> B");
        assert!(e.message.contains("expected a node id"), "{e}");
    }
}
