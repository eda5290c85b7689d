//! The HTML report: everything taken from the text is escaped, the file is self-contained,
//! the map is embedded as inline SVG (with Graphviz; SKIPPED without), and a missing Graphviz
//! is explained in the report.
#![allow(clippy::print_stdout)]

mod render_support;

use std::path::PathBuf;

use citegraph::render::graphviz::INSTALL_HINT;
use citegraph::render::html::escape;
use citegraph::render::{
    report_html, write_report, CorpusSummary, DocumentSummary, ExportConfig, Finding,
    GraphvizConfig, MapDrawing, NodeKind, Ranking, RenderError, Report, Severity,
};
use render_support::{
    example_report, graphviz, hostile_as_printed, hostile_map, keep_dir, xml_unescape, HOSTILE,
};

fn hostile_report() -> Report {
    let map = hostile_map();
    Report {
        title: HOSTILE.to_string(),
        corpus: CorpusSummary {
            documents: vec![DocumentSummary {
                file: HOSTILE.to_string(),
                title: Some(HOSTILE.to_string()),
                authors: vec![HOSTILE.to_string()],
                year: Some("2001".to_string()),
                citations: 3,
                references: 2,
                claims: 1,
            }],
            cited_works: 2,
        },
        rankings: Ranking::from_diagram(&map, 5, &[NodeKind::Work]),
        argument_map: map,
        findings: Some(vec![Finding {
            severity: Severity::Error,
            file: HOSTILE.to_string(),
            line: Some(3),
            kind: "unmatched-citation".to_string(),
            message: HOSTILE.to_string(),
            text: Some(HOSTILE.to_string()),
        }]),
        notes: vec![HOSTILE.to_string()],
    }
}

/// Elements the report may contain; any other tag means text leaked in as markup.
const REPORT_TAGS: [&str; 30] = [
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "nav",
    "ul",
    "ol",
    "li",
    "a",
    "section",
    "figure",
    "figcaption",
    "table",
    "tr",
    "th",
    "td",
    "span",
    "q",
    "mark",
    "div",
    "details",
    "summary",
];

/// The tags of `html` outside any `<svg>` element, checked to nest properly.
fn checked_tags(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with("!DOCTYPE") {
            continue;
        }
        if rest.starts_with("svg") {
            let end = rest.find("</svg>").expect("closed svg");
            rest = &rest[end + "</svg>".len()..];
            continue;
        }
        let end = rest.find('>').expect("closed tag");
        let tag = &rest[..end];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if closing {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "misnested </{name}>"
            );
        } else if name != "meta" {
            stack.push(name.clone());
        }
        names.push(name);
        rest = &rest[end..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    names
}

#[test]
fn everything_taken_from_the_text_is_escaped() {
    let report = hostile_report();
    let html = report_html(&report, &MapDrawing::Missing(HOSTILE.to_string()), None);
    for tag in checked_tags(&html) {
        assert!(
            REPORT_TAGS.contains(&tag.as_str()),
            "unexpected <{tag}>: text became markup"
        );
    }
    assert!(!html.contains("</script>") && !html.contains("<script"));
    assert!(!html.contains("]]>") && !html.contains("<b>"));
    assert!(
        html.chars().all(|c| c >= ' ' || c == '\n'),
        "no control character"
    );
    let printed = hostile_as_printed();
    let escaped = escape(&printed);
    assert!(escaped.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;"));
    assert!(escaped.contains("&quot;quoted&quot; back\\slash\\"));
    assert!(escaped.contains("&lt;b&gt;&amp;amp; R&amp;D&lt;/b&gt;"));
    assert!(escaped.contains("bell\u{2407}nul\u{2400} ☃ 東京"));
    // Title, notes, findings, corpus and the paradigm evidence all carry the text intact.
    assert!(html.matches(escaped.as_str()).count() >= 8, "{html}");
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap_or_default();
    assert_eq!(xml_unescape(title), printed);
}

#[test]
fn the_report_is_self_contained() {
    let html = report_html(
        &example_report(),
        &MapDrawing::Missing("not drawn in this test".to_string()),
        None,
    );
    for needle in [
        "http:", "https:", "src=", "<link", "@import", "url(", "<script", "//fonts",
    ] {
        assert!(!html.contains(needle), "{needle} in the report");
    }
    for section in [
        "id=\"map\"",
        "id=\"paradigms\"",
        "id=\"rankings\"",
        "id=\"corpus\"",
        "id=\"check\"",
    ] {
        assert!(html.contains(section), "{section}");
    }
    // Each paradigm's critics are listed with file:line and the sentence, its cue marked.
    assert!(html.contains("<span class=\"loc\">data/01_audits_without_teeth.txt:6</span>"));
    assert!(
        html.contains("has <mark>failed to protect</mark>")
            || html.contains("<mark>has failed to protect</mark>")
    );
    assert!(html.contains("Supported by 4 · critiqued by 2"));
    assert!(html.contains("Supported by 0 · critiqued by 5"));
    assert!(html.contains("apostrophe-variant"));
}

#[test]
fn the_map_is_embedded_as_inline_svg() {
    if !graphviz("the_map_is_embedded_as_inline_svg") {
        return;
    }
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let dir = keep_dir().unwrap_or_else(|| temporary.path().to_path_buf());
    for (report, name) in [
        (example_report(), "example-report.html"),
        (hostile_report(), "hostile-report.html"),
    ] {
        let path = dir.join(name);
        let outcome = write_report(&path, &report, &ExportConfig::default()).expect("written");
        assert!(outcome.problem.is_none(), "{:?}", outcome.problem);
        let html = std::fs::read_to_string(&path).expect("report");
        assert_eq!(html.matches("<svg").count(), 1);
        assert!(!html.contains("<?xml") && !html.contains("<!DOCTYPE svg"));
        assert!(!html.contains("<script"));
        let drawn = html.matches("class=\"node\"").count();
        let legend = outcome.dot.text().matches("\"citegraph-legend:").count();
        assert!(
            drawn >= report.argument_map.nodes.len() && legend > 0,
            "{drawn}"
        );
        for (index, _) in html.match_indices("http") {
            let before = &html[index.saturating_sub(20)..index];
            assert!(
                before.ends_with("xmlns=\"") || before.ends_with("xmlns:xlink=\""),
                "only namespace names may mention http: {before}"
            );
        }
        let again = dir.join(format!("again-{name}"));
        write_report(&again, &report, &ExportConfig::default()).expect("written");
        assert_eq!(
            std::fs::read(&path).ok(),
            std::fs::read(&again).ok(),
            "deterministic"
        );
        std::fs::remove_file(&again).expect("removed");
        println!("wrote {}", path.display());
    }
}

#[test]
fn a_report_without_graphviz_says_why_the_map_is_missing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("report.html");
    let config = ExportConfig {
        graphviz: GraphvizConfig {
            program: PathBuf::from("citegraph-no-such-dot"),
            ..GraphvizConfig::default()
        },
        ..ExportConfig::default()
    };
    let outcome = write_report(&path, &example_report(), &config).expect("written");
    assert!(matches!(outcome.problem, Some(RenderError::Missing { .. })));
    assert!(outcome.messages.iter().any(|m| m.contains(INSTALL_HINT)));
    let html = std::fs::read_to_string(&path).expect("report");
    assert!(html.contains("The map was not drawn: Graphviz is not installed"));
    assert!(html.contains(&escape(INSTALL_HINT)));
    assert!(!html.contains("<svg"));
}
