//! What `terraform fmt` does that hcl-rs does not: `=` aligned over consecutive one-line
//! attributes, and empty blocks written `{}`. Also puts comments back in place of their
//! placeholders.
//!
//! The alignment follows HashiCorp's `hclwrite` formatter: a line is an *assignment* when it has
//! an `=` after its first token and the rest of the line opens no bracket it does not close; a
//! run of consecutive assignment lines has its `=` signs aligned one space after the longest
//! left-hand side. Any other line (a block header, a closing bracket, a blank line, a comment)
//! ends the run.
//!
//! # Complexity
//! O(n) in the length of the text.

use super::COMMENT_KEY;

/// Replaces each placeholder line `__daedalus_comment = N` by `# comments[N]`, keeping its
/// indentation.
pub fn replace_comments(text: &str, comments: &[String]) -> String {
    if comments.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(COMMENT_KEY) {
            let n = rest.trim_start().trim_start_matches('=').trim();
            if let Some(c) = n.parse::<usize>().ok().and_then(|i| comments.get(i)) {
                let indent = &line[..line.len() - trimmed.len()];
                out.push_str(indent);
                out.push_str("# ");
                out.push_str(c);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Collapses empty blocks and aligns assignments, as `terraform fmt` would.
pub fn finish(text: &str) -> String {
    let lines: Vec<String> = collapse_empty_blocks(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chain: Vec<(String, String)> = Vec::new();
    let flush = |chain: &mut Vec<(String, String)>, out: &mut String| {
        let width = chain
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        for (lead, rest) in chain.drain(..) {
            out.push_str(&lead);
            for _ in lead.chars().count()..width {
                out.push(' ');
            }
            out.push_str(" = ");
            out.push_str(&rest);
            out.push('\n');
        }
    };
    let mut blank = true;
    for line in &lines {
        if line.trim().is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        match split_assignment(line) {
            Some((lead, rest)) => chain.push((lead.to_owned(), rest.to_owned())),
            None => {
                flush(&mut chain, &mut out);
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
    }
    flush(&mut chain, &mut out);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `x {` directly followed by its `}` (possibly with only whitespace between) becomes `x {}`.
fn collapse_empty_blocks(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(head) = t.strip_suffix('}') {
            // `allow {    }` on one line.
            let head = head.trim_end();
            if let Some(open) = head.strip_suffix('{')
                && !open.trim().is_empty()
                && !open.contains('=')
            {
                let indent = &line[..line.len() - line.trim_start().len()];
                lines.push(format!("{indent}{} {{}}", open.trim_end()));
                continue;
            }
        }
        if t == "}"
            && let Some(prev) = lines.last_mut()
        {
            let p = prev.trim_end();
            if p.ends_with(" {") && !p.contains('=') && !p.trim_start().starts_with('#') {
                let collapsed = format!("{}}}", p);
                *prev = collapsed;
                continue;
            }
        }
        lines.push(line.to_owned());
    }
    lines
}

/// Splits an assignment line into its left-hand side (with indentation, trailing spaces
/// removed) and what follows the `=` (leading spaces removed); `None` for any other line.
fn split_assignment(line: &str) -> Option<(&str, &str)> {
    let eq = assignment_position(line)?;
    let lead = line[..eq].trim_end();
    if lead.trim().is_empty() {
        return None;
    }
    Some((lead, line[eq + 1..].trim()))
}

/// Byte position of the line's assignment `=`, if it is an assignment line.
fn assignment_position(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with("//") || trimmed.is_empty() {
        return None;
    }
    let mut eq = None;
    let mut i = 0;
    // Find the first `=` outside strings (and their `${...}` interpolations) that is not part of
    // `==`, `!=`, `<=`, `>=`, `=>`. Each frame: true = inside a string, false = code.
    let mut stack: Vec<bool> = vec![false];
    while i < bytes.len() {
        let c = bytes[i];
        let in_string = stack.last().copied().unwrap_or(false);
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(false);
                    i += 1;
                }
                _ => {}
            }
        } else if stack.len() > 1 {
            match c {
                b'"' => stack.push(true),
                b'}' => {
                    stack.pop();
                }
                _ => {}
            }
        } else {
            match c {
                b'"' => stack.push(true),
                b'#' | b'{' | b'[' | b'(' => return None,
                b'=' => {
                    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                    if next != b'=' && next != b'>' && !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        eq = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    let eq = eq?;
    (net_brackets(&line[eq + 1..]) == 0 && !line[eq + 1..].trim_start().starts_with("<<"))
        .then_some(eq)
}

/// Brackets opened minus brackets closed, outside strings; string templates (`"${...}"`) may
/// nest strings.
fn net_brackets(s: &str) -> i64 {
    // Each frame: true = inside a string, false = inside an interpolation / code.
    let mut stack: Vec<bool> = vec![false];
    let mut net = 0i64;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let in_string = stack.last().copied().unwrap_or(false);
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(false);
                    i += 1;
                }
                _ => {}
            }
        } else {
            match c {
                b'"' => stack.push(true),
                b'#' if stack.len() == 1 => break,
                b'{' | b'[' | b'(' if stack.len() == 1 => net += 1,
                b'}' if stack.len() > 1 => {
                    stack.pop();
                }
                b'}' | b']' | b')' if stack.len() == 1 => net -= 1,
                _ => {}
            }
        }
        i += 1;
    }
    net
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_runs_of_assignments() {
        let text = "resource \"a\" \"b\" {\n  x = 1\n  long_name = \"s = t\"\n  tags = {\n    Name = \"n\"\n    Environment = \"prod\"\n  }\n\n  y = [1, 2]\n}\n";
        let want = "resource \"a\" \"b\" {\n  x         = 1\n  long_name = \"s = t\"\n  tags = {\n    Name        = \"n\"\n    Environment = \"prod\"\n  }\n\n  y = [1, 2]\n}\n";
        assert_eq!(finish(text), want);
    }

    #[test]
    fn comparison_and_templates_are_not_assignments() {
        assert_eq!(
            assignment_position("  id = \"${substr(local.name, 0, 11)}-x\""),
            Some(5)
        );
        assert_eq!(net_brackets(" \"${substr(local.name, 0, 11)}-x\""), 0);
        assert_eq!(assignment_position("  a == b"), None);
        assert_eq!(assignment_position("  x = \"${join(\"}\", y)}\""), Some(4));
        assert_eq!(assignment_position("  x = {"), None);
        assert_eq!(assignment_position("  # a = b"), None);
        assert_eq!(assignment_position("  c = a >= b ? 1 : 2"), Some(4));
    }

    #[test]
    fn empty_blocks_collapse() {
        assert_eq!(finish("a {\n  allow {\n  }\n}\n"), "a {\n  allow {}\n}\n");
        assert_eq!(finish("a {\n  allow {    }\n}\n"), "a {\n  allow {}\n}\n");
    }

    #[test]
    fn comments_replace_placeholders() {
        let text = format!("b {{\n  {COMMENT_KEY} = 0\n  x = 1\n}}\n");
        assert_eq!(
            replace_comments(&text, &["checkov:skip=X:why".to_owned()]),
            "b {\n  # checkov:skip=X:why\n  x = 1\n}\n"
        );
    }
}
