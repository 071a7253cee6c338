//! Finding the Mermaid diagrams in a Markdown document: every ```` ```mermaid ```` (or
//! `~~~mermaid`) fence, with the line it starts on. A file without fences is one diagram.

/// One diagram's text and the file line its first line is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    /// 1-based position among the document's Mermaid fences.
    pub number: usize,
    /// The line of the fence's first content line.
    pub first_line: usize,
    /// The diagram text.
    pub text: String,
}

/// An opening fence that is never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// The line of the opening fence.
    pub line: usize,
}

/// The Mermaid diagrams of `source`. A source with no Mermaid fence at all is taken as a
/// plain `.mmd` diagram.
pub fn fences(source: &str) -> Result<Vec<Fence>, Unclosed> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::new();
    let mut any_fence = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start();
        let marker = if line.starts_with("```") {
            "```"
        } else if line.starts_with("~~~") {
            "~~~"
        } else {
            ""
        };
        if marker.is_empty() {
            i += 1;
            continue;
        }
        let info = line
            .trim_start_matches(marker.chars().next().unwrap_or('`'))
            .trim();
        let is_mermaid = info
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("mermaid"));
        let start = i;
        let mut end = None;
        for (j, l) in lines.iter().enumerate().skip(i + 1) {
            if l.trim_start().starts_with(marker)
                && l.trim()
                    .trim_start_matches(marker.chars().next().unwrap_or('`'))
                    .is_empty()
            {
                end = Some(j);
                break;
            }
        }
        let Some(end) = end else {
            if is_mermaid {
                return Err(Unclosed { line: start + 1 });
            }
            break;
        };
        if is_mermaid {
            any_fence = true;
            out.push(Fence {
                number: out.len() + 1,
                first_line: start + 2,
                text: lines[start + 1..end].join("\n"),
            });
        }
        i = end + 1;
    }
    if !any_fence {
        return Ok(vec![Fence {
            number: 1,
            first_line: 1,
            text: source.to_owned(),
        }]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_fence_with_its_line() {
        let doc = "# Title\n\n```mermaid\ngraph TB\n A-->B\n```\n\ntext\n\n~~~ mermaid\nflowchart LR\n C-->D\n~~~\n```rust\nfn main() {}\n```\n";
        let f = fences(doc).expect("fences");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].number, f[0].first_line), (1, 4));
        assert_eq!(f[0].text, "graph TB\n A-->B");
        assert_eq!((f[1].number, f[1].first_line), (2, 11));
    }

    #[test]
    fn a_plain_diagram_is_one_fence_and_unclosed_fences_are_errors() {
        let f = fences("graph TB\nA-->B").expect("plain");
        assert_eq!((f.len(), f[0].first_line), (1, 1));
        assert_eq!(
            fences("intro\n```mermaid\ngraph TB\n"),
            Err(Unclosed { line: 2 })
        );
    }
}
