//! Helpers of the rendering tests: the example report, hostile text, generated large diagrams,
//! and skipping loudly when Graphviz or Chromium is absent.
#![allow(dead_code, clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use citegraph::render::{
    Diagram, DiagramEdge, DiagramKind, DiagramNode, EdgeKind, Evidence, NodeKind, Report,
};

/// The fixture folder.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render")
}

/// The example report, built by hand from four documents of `data/`.
pub fn example_report() -> Report {
    let path = fixtures().join("report.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The example argument map.
pub fn example_map() -> Diagram {
    example_report().argument_map
}

/// Whether Graphviz's `dot` runs; prints why a test is skipped when it does not.
pub fn graphviz(test: &str) -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        println!("SKIPPED {test}: Graphviz (dot) is not installed; apt-get install graphviz");
    }
    found
}

/// A directory to keep outputs in, from `CITEGRAPH_RENDER_OUT`, for looking at them.
pub fn keep_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("CITEGRAPH_RENDER_OUT")?);
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// Text with everything that breaks DOT, XML or HTML: quotes, backslashes, a line break, a
/// carriage return, markup, an entity, `</script>`, `]]>`, control characters and non-ASCII.
pub const HOSTILE: &str = "Zandén \"quoted\" back\\slash\\ two\r\nlines <b>&amp; R&D</b> </script><script>alert(1)</script> ]]> bell\u{7}nul\u{0} ☃ 東京";

/// `HOSTILE` as it should read once drawn or printed: carriage return dropped, control
/// characters made visible.
pub fn hostile_as_printed() -> String {
    HOSTILE
        .replace('\r', "")
        .replace('\u{7}', "\u{2407}")
        .replace('\u{0}', "\u{2400}")
}

/// A node with the given fields and no metrics beyond the size.
pub fn node(id: &str, kind: NodeKind, label: &str, size: f64) -> DiagramNode {
    DiagramNode {
        id: id.to_string(),
        kind,
        label: label.to_string(),
        size_metric: size,
        community: None,
        cluster: None,
        tooltip: String::new(),
        metrics: BTreeMap::from([("pagerank".to_string(), size)]),
    }
}

/// An edge with one piece of evidence.
pub fn edge(from: &str, to: &str, kind: EdgeKind, weight: f64, text: &str) -> DiagramEdge {
    DiagramEdge {
        from: from.to_string(),
        to: to.to_string(),
        kind,
        weight,
        evidence: vec![Evidence {
            file: "data/x.txt".to_string(),
            line: Some(7),
            text: text.to_string(),
            cue: None,
        }],
    }
}

/// An argument map whose ids, labels, tooltips and evidence are hostile, and whose ids would
/// break unquoted DOT (`Smith-2001`, `node`, `a.b`).
pub fn hostile_map() -> Diagram {
    let mut document = node("doc:Smith-2001", NodeKind::Document, "Smith-2001", 0.3);
    document.tooltip = HOSTILE.to_string();
    Diagram {
        title: format!("Map {HOSTILE}"),
        kind: DiagramKind::Argument,
        directed: true,
        size_metric: "PageRank".to_string(),
        nodes: vec![
            node("paradigm:x\"y\\z", NodeKind::Paradigm, "Compliance", 0.0),
            document,
            node("node", NodeKind::Work, HOSTILE, 0.2),
            node("a.b", NodeKind::Work, "Müller & Küttin 2019a", 0.1),
        ],
        edges: vec![
            edge(
                "doc:Smith-2001",
                "paradigm:x\"y\\z",
                EdgeKind::Critiques,
                3.0,
                HOSTILE,
            ),
            edge("node", "paradigm:x\"y\\z", EdgeKind::Supports, 1.0, HOSTILE),
            edge(
                "doc:Smith-2001",
                "a.b",
                EdgeKind::Mentions,
                1.0,
                "(Müller & Küttin, 2019a)",
            ),
            edge(
                "doc:Smith-2001",
                "node",
                EdgeKind::Cites,
                2.0,
                "see ]]> and </script>",
            ),
        ],
    }
}

/// A deterministic pseudo-random directed graph with many cycles (slow for `dot`):
/// `nodes` works, `edges` distinct "cites" edges.
pub fn tangled(nodes: usize, edges: usize) -> Diagram {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % bound as u64).unwrap_or(0)
    };
    let id = |i: usize| format!("work:author-{i:04}-2001");
    let diagram_nodes = (0..nodes)
        .map(|i| {
            let size = 1.0 / (1.0 + i as f64);
            node(
                &id(i),
                NodeKind::Work,
                &format!("Author {i} et al. 2001"),
                size,
            )
        })
        .collect();
    let mut pairs = std::collections::BTreeSet::new();
    while pairs.len() < edges {
        let (a, b) = (next(nodes), next(nodes));
        if a != b {
            pairs.insert((a, b));
        }
    }
    Diagram {
        title: format!("{nodes} works, {edges} citations"),
        kind: DiagramKind::Citation,
        directed: true,
        size_metric: "PageRank".to_string(),
        nodes: diagram_nodes,
        edges: pairs
            .into_iter()
            .map(|(a, b)| edge(&id(a), &id(b), EdgeKind::Cites, 1.0, "(Author, 2001)"))
            .collect(),
    }
}

/// The text of every `<text>` element of an SVG, entities decoded, in order.
pub fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| {
            let start = part.find('>')? + 1;
            let end = part.find("</text>")?;
            Some(xml_unescape(part.get(start..end)?))
        })
        .collect()
}

/// The value of every `xlink:title` attribute of an SVG (Graphviz's tooltips), decoded.
pub fn svg_tooltips(svg: &str) -> Vec<String> {
    svg.split("xlink:title=\"")
        .skip(1)
        .filter_map(|part| Some(xml_unescape(&part[..part.find('"')?])))
        .collect()
}

/// Decodes the entities Graphviz writes.
pub fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let Some(semi) = after.find(';') else {
            out.push_str(after);
            return out;
        };
        let entity = &after[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
