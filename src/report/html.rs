//! Small HTML writing helpers: escaping and the page skeleton with its print-friendly style.

use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style sheet: readable on screen, one column, charts and tables kept whole when printed.
const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Ubuntu, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; margin: 0 auto;
  max-width: 1200px; padding: 24px 32px 48px; color: #1d2430; background: #fff; line-height: 1.45; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; border-bottom: 1px solid #d5dae3; padding-bottom: 4px; }
h3 { font-size: 1.08em; margin: 22px 0 6px; }
.meta { color: #5b6678; margin: 0 0 12px; }
nav ol { margin: 6px 0 0; padding-left: 22px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 0.92em; }
th, td { border: 1px solid #d5dae3; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f1f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.waived td { color: #7a8496; }
.sev { font-weight: 600; white-space: nowrap; }
.sev-error { color: #b3261e; } .sev-warning { color: #9a6700; } .sev-info { color: #1f6feb; }
.bad { color: #b3261e; font-weight: 600; } .good { color: #1a7f37; }
.counts span { margin-right: 16px; }
figure { margin: 8px 0 16px; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #5b6678; font-size: 0.9em; margin-top: 4px; }
.diagram { border: 1px solid #d5dae3; padding: 8px; overflow: auto; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
.note { color: #5b6678; font-size: 0.92em; }
footer { margin-top: 40px; color: #7a8496; font-size: 0.85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { page-break-after: avoid; break-after: avoid; }
  table, tr { page-break-inside: avoid; break-inside: avoid; }
  .diagram { border: none; overflow: visible; }
}
"#;

/// Wraps `body` in a complete, self-contained HTML document titled `title`.
pub fn page(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + 512);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"Daedalus\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// Strips the XML declaration (and anything before the root element) from an SVG document so it
/// can be inlined in HTML.
pub fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn inline_svg_drops_the_declaration() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"1\"></svg>";
        assert_eq!(inline_svg(svg), "<svg width=\"1\"></svg>");
    }

    #[test]
    fn page_escapes_the_title() {
        let p = page("a<b", "<p>x</p>");
        assert!(p.contains("<title>a&lt;b</title>"));
        assert!(p.ends_with("</html>\n"));
    }
}
