//! `docs/rules.md` documents exactly the registered rules, with their severity, rationale and fix
//! as the registry has them; every rationale cites the Icarus document with quotations and
//! section names that are really in it.

use std::collections::BTreeSet;

use daedalus::validate::RULES;

const DOC: &str = include_str!("../docs/rules.md");
const ICARUS: &str = include_str!("fixtures/icarus-infrastructure.md");

/// The `### ID — title` sections of the rules page: (id, title, body).
fn sections() -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for line in DOC.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            let (id, title) = heading.split_once(" — ").unwrap_or((heading, ""));
            out.push((id.to_owned(), title.to_owned(), String::new()));
        } else if line.starts_with("## ") {
            out.push((String::new(), String::new(), String::new()));
        } else if let Some(last) = out.last_mut() {
            last.2.push_str(line);
            last.2.push('\n');
        }
    }
    out.retain(|(id, _, _)| !id.is_empty());
    out
}

#[test]
fn the_rules_page_documents_exactly_the_registry() {
    let documented: BTreeSet<String> = sections().into_iter().map(|s| s.0).collect();
    let registered: BTreeSet<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&documented).collect();
    let unknown: Vec<_> = documented.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "registered but not in docs/rules.md: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "in docs/rules.md but not registered: {unknown:?}"
    );
    assert_eq!(sections().len(), RULES.len(), "a rule documented twice");
}

#[test]
fn every_section_says_what_the_registry_says() {
    let sections = sections();
    for r in RULES {
        let (_, title, body) = sections
            .iter()
            .find(|s| s.0 == r.id)
            .unwrap_or_else(|| panic!("{} not documented", r.id));
        assert_eq!(title, r.title, "{}", r.id);
        for line in [
            format!("- **Severity:** {}", r.severity),
            format!("- **Rationale:** {}", r.rationale),
            format!("- **Fix:** {}", r.fix),
        ] {
            assert!(
                body.lines().any(|l| l == line),
                "{}: missing {line:?}",
                r.id
            );
        }
        assert!(
            body.lines()
                .any(|l| l.starts_with("- **Checks:** ") && l.len() > 40),
            "{}: no Checks",
            r.id
        );
    }
}

/// Headings of the Icarus document, without the `#`s.
fn icarus_headings() -> BTreeSet<&'static str> {
    ICARUS
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .collect()
}

#[test]
fn every_rationale_quotes_the_icarus_document() {
    let text = ICARUS.replace("**", "");
    let headings = icarus_headings();
    for r in RULES {
        let Some(cites) = r.rationale.strip_prefix("Icarus: ") else {
            panic!("{}: the rationale does not start with \"Icarus: \"", r.id);
        };
        // Quotations are the odd pieces between single quotes.
        let quotes: Vec<&str> = cites.split('\'').skip(1).step_by(2).collect();
        assert!(!quotes.is_empty(), "{}: no quotation", r.id);
        for q in &quotes {
            assert!(
                text.contains(q),
                "{}: '{q}' is not in the Icarus document",
                r.id
            );
        }
        // Each citation is `Section › Subsection: 'quote'`, citations separated by `; `.
        let mut paths = 0;
        for (at, _) in cites.match_indices(": '") {
            let before = &cites[..at];
            let start = before.rfind("; ").map_or(0, |i| i + 2);
            let path = &before[start..];
            if path.contains('\'') {
                continue; // a colon inside a quotation
            }
            paths += 1;
            for section in path.split(" › ") {
                assert!(
                    headings.contains(section),
                    "{}: section {section:?} is not a heading of the Icarus document",
                    r.id
                );
            }
        }
        assert!(paths > 0, "{}: no section named", r.id);
    }
}
