//! The findings section of the report: counts per severity and one table row per finding, waived
//! findings last-column justified and greyed.

use std::fmt::Write as _;

use super::html::esc;
use crate::validate::{Report, Severity};

/// The findings section (`<section id="findings">…</section>`).
pub fn section(report: &Report) -> String {
    let mut out = String::new();
    let s = report.summary();
    out.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"counts\"><span class=\"sev sev-error\">{} error{}</span><span class=\"sev sev-warning\">{} warning{}</span><span class=\"sev sev-info\">{} info</span><span>{} waived</span></p>",
        s.error,
        plural(s.error),
        s.warning,
        plural(s.warning),
        s.info,
        s.waived
    );
    if report.findings.is_empty() {
        out.push_str("<p class=\"good\">No rule found anything to report.</p>\n</section>\n");
        return out;
    }
    out.push_str(
        "<table>\n<thead><tr><th>Severity</th><th>Rule</th><th>Elements</th><th>Finding</th><th>Fix</th></tr></thead>\n<tbody>\n",
    );
    for f in &report.findings {
        let class = if f.is_waived() {
            " class=\"waived\""
        } else {
            ""
        };
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let elements = if f.elements.is_empty() {
            "<em>whole topology</em>".to_owned()
        } else {
            f.elements
                .iter()
                .map(|e| format!("<code>{}</code>", esc(e.as_ref())))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let waiver = match &f.waiver {
            Some(why) => format!("<br><span class=\"note\">Waived: {}</span>", esc(why)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr{class}><td class=\"sev sev-{severity}\">{severity}</td><td><code>{}</code><br>{}</td><td>{elements}</td><td>{}{waiver}</td><td>{}</td></tr>",
            esc(f.rule),
            esc(f.title),
            esc(&f.message),
            esc(f.fix),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
