//! DOT output and Graphviz runs: our DOT parses back with graphviz-rust and renders with
//! Graphviz; hostile text survives; output is deterministic; pruning says what it cut; a
//! missing Graphviz still leaves the DOT file and says how to install it; a slow layout is
//! killed at its time limit. Tests that need `dot` print SKIPPED without it.
#![allow(clippy::print_stdout)]

mod render_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use citegraph::render::graphviz::{render_bytes, INSTALL_HINT};
use citegraph::render::quote::unquoted;
use citegraph::render::{
    build_dot, export_diagram, graphviz_version, ClusterBy, DiagramKind, DotOptions, EdgeKind,
    Engine, EngineChoice, ExportConfig, Format, GraphvizConfig, NodeKind, RenderError,
};
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Stmt};
use render_support::{
    edge, example_map, graphviz, hostile_as_printed, hostile_map, node, svg_texts, svg_tooltips,
    tangled, HOSTILE,
};

/// Every node statement of a parsed graph (inside clusters too), as (id, attributes).
fn nodes(graph: &Graph) -> Vec<(String, Vec<Attribute>)> {
    fn walk(stmts: &[Stmt], out: &mut Vec<(String, Vec<Attribute>)>) {
        for stmt in stmts {
            match stmt {
                Stmt::Node(node) if !node.attributes.is_empty() => {
                    out.push((
                        unquoted(&node.id.0).unwrap_or_default(),
                        node.attributes.clone(),
                    ));
                }
                Stmt::Subgraph(subgraph) => walk(&subgraph.stmts, out),
                _ => {}
            }
        }
    }
    let stmts = match graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    let mut out = Vec::new();
    walk(stmts, &mut out);
    out
}

fn attribute(attributes: &[Attribute], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|Attribute(key, _)| *key == Id::Plain(name.to_string()))
        .and_then(|Attribute(_, value)| unquoted(value))
}

fn graph_label(graph: &Graph) -> String {
    let stmts = match graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    stmts
        .iter()
        .find_map(|stmt| match stmt {
            Stmt::GAttribute(graphviz_rust::dot_structures::GraphAttributes::Graph(attrs)) => {
                attribute(attrs, "label")
            }
            _ => None,
        })
        .unwrap_or_default()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn dot_parses_back_with_graphviz_rust_to_the_same_graph() {
    for style in [
        citegraph::render::Style::Color,
        citegraph::render::Style::Print,
    ] {
        let options = DotOptions {
            style,
            ..DotOptions::default()
        };
        let dot = build_dot(&example_map(), &options).expect("valid");
        let parsed = graphviz_rust::parse(&dot.text()).expect("our DOT parses");
        assert_eq!(parsed, dot.graph);
    }
}

#[test]
fn hostile_text_survives_into_dot() {
    let map = hostile_map();
    let dot = build_dot(&map, &DotOptions::default()).expect("valid");
    let parsed = graphviz_rust::parse(&dot.text()).expect("hostile DOT parses");
    assert_eq!(parsed, dot.graph);
    let found = nodes(&parsed);
    let ids: BTreeSet<&str> = found
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| !id.starts_with("citegraph-legend:"))
        .collect();
    let expected: BTreeSet<&str> = map.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids, expected,
        "ids such as Smith-2001, node and a.b stay one node each"
    );
    let printed = hostile_as_printed();
    let label_of = |id: &str| {
        found
            .iter()
            .find(|(found, _)| found == id)
            .and_then(|(_, attrs)| attribute(attrs, "label"))
            .unwrap_or_default()
    };
    assert_eq!(
        words(&label_of("node")),
        words(&printed),
        "label wrapped, words intact"
    );
    assert_eq!(label_of("a.b"), "Müller & Küttin 2019a");
    let tooltip = found
        .iter()
        .find(|(id, _)| id == "doc:Smith-2001")
        .and_then(|(_, attrs)| attribute(attrs, "tooltip"))
        .unwrap_or_default();
    assert!(tooltip.contains(&printed), "{tooltip:?}");
    assert!(graph_label(&parsed).starts_with(&format!("Map {printed}")));
    let text = dot.text();
    assert!(!text.contains('\r') && !text.contains('\u{7}') && !text.contains('\u{0}'));
}

#[test]
fn hostile_text_survives_into_svg() {
    if !graphviz("hostile_text_survives_into_svg") {
        return;
    }
    let map = hostile_map();
    let dot = build_dot(&map, &DotOptions::default()).expect("valid");
    let (bytes, _) = render_bytes(
        &dot.text(),
        dot.engine,
        Format::Svg,
        &GraphvizConfig::default(),
    )
    .expect("dot renders our DOT");
    let svg = String::from_utf8(bytes).expect("UTF-8 SVG");
    assert!(!svg.contains("<script"), "markup in labels must stay text");
    assert!(
        svg.chars().all(|c| c >= ' ' || c == '\n' || c == '\t'),
        "no control character may reach the XML"
    );
    let drawn = svg.matches("class=\"node\"").count();
    let legend = nodes(&dot.graph)
        .iter()
        .filter(|(id, attrs)| {
            id.starts_with("citegraph-legend:")
                && attribute(attrs, "style").as_deref() != Some("invis")
        })
        .count();
    assert_eq!(
        drawn,
        map.nodes.len() + legend,
        "no id was split into two nodes"
    );
    let printed = hostile_as_printed();
    let texts = svg_texts(&svg).join(" ");
    for word in words(&printed) {
        assert!(
            texts.contains(word),
            "{word:?} missing from the drawn labels: {texts}"
        );
    }
    assert!(texts.contains("Müller & Küttin"));
    let tooltips = svg_tooltips(&svg);
    assert!(
        tooltips.iter().any(|t| t.contains(&printed)),
        "the evidence and tooltip text survive exactly: {tooltips:?}"
    );
    assert!(
        tooltips.iter().any(|t| t.contains("<b>&amp; R&D</b>")),
        "entities stay literal"
    );
}

#[test]
fn same_diagram_gives_the_same_bytes_in_any_order() {
    let map = example_map();
    let first = build_dot(&map, &DotOptions::default())
        .expect("valid")
        .text();
    let mut shuffled = map.clone();
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    shuffled.nodes.rotate_left(3);
    let second = build_dot(&shuffled, &DotOptions::default())
        .expect("valid")
        .text();
    assert_eq!(first, second);
    if !graphviz("same_diagram_gives_the_same_bytes_in_any_order (rendering)") {
        return;
    }
    let config = GraphvizConfig::default();
    for diagram in [map, tangled(400, 900)] {
        let dot = build_dot(&diagram, &DotOptions::default()).expect("valid");
        let once = render_bytes(&dot.text(), dot.engine, Format::Svg, &config).expect("renders");
        let twice = render_bytes(&dot.text(), dot.engine, Format::Svg, &config).expect("renders");
        assert_eq!(once.0, twice.0, "{} layout is deterministic", dot.engine);
    }
}

#[test]
fn pruning_keeps_the_top_n_and_says_what_was_cut() {
    let diagram = tangled(400, 900);
    let options = DotOptions {
        max_nodes: Some(40),
        ..DotOptions::default()
    };
    let dot = build_dot(&diagram, &options).expect("valid");
    assert_eq!(dot.nodes, 40);
    let kept: BTreeSet<String> = nodes(&dot.graph)
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| !id.starts_with("citegraph-legend:"))
        .collect();
    let top: BTreeSet<String> = (0..40)
        .map(|i| format!("work:author-{i:04}-2001"))
        .collect();
    assert_eq!(
        kept, top,
        "sizes fall with the index, so the top 40 are 0..40"
    );
    let label = graph_label(&dot.graph);
    assert!(
        label.contains("Pruned: showing 40 of 400 nodes, the top by PageRank"),
        "{label}"
    );
    assert!(label.contains("not shown: 360 works"), "{label}");
    let cut = dot.cut.as_ref().expect("a cut");
    assert_eq!(cut.cut_nodes.len(), 360);
    assert_eq!(cut.total_edges - cut.kept_edges, 900 - dot.edges);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = ExportConfig {
        dot: options,
        ..ExportConfig::default()
    };
    let outcome = export_diagram(&diagram, &dir.path().join("big"), &config).expect("written");
    assert!(
        outcome.messages[0].ends_with(&cut.summary()),
        "the cut is reported: {:?}",
        outcome.messages
    );
}

#[test]
fn diagrams_render_with_graphviz_in_every_format() {
    if !graphviz("diagrams_render_with_graphviz_in_every_format") {
        return;
    }
    let version = graphviz_version(&GraphvizConfig::default()).expect("dot -V runs");
    assert!(version.contains("graphviz version"), "{version}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = ExportConfig {
        formats: Format::ALL.to_vec(),
        ..ExportConfig::default()
    };
    let outcome =
        export_diagram(&hostile_map(), &dir.path().join("hostile"), &config).expect("written");
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let names: Vec<String> = outcome
        .rendered
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(names, ["hostile.svg", "hostile.pdf", "hostile.png"]);
    assert_only_files(
        dir.path(),
        &["hostile.dot", "hostile.pdf", "hostile.png", "hostile.svg"],
    );
}

#[test]
fn undirected_maps_are_laid_out_with_springs_and_community_clusters() {
    let mut map = tangled(30, 60);
    map.kind = DiagramKind::Cocitation;
    map.directed = false;
    for (index, node) in map.nodes.iter_mut().enumerate() {
        node.community = Some(index % 3);
    }
    for edge in &mut map.edges {
        edge.kind = EdgeKind::CoCited;
    }
    // Chosen automatically, an undirected map is laid out by neato (fdp is not deterministic);
    // fdp, asked for, draws the community clusters.
    let auto = build_dot(
        &map,
        &DotOptions {
            clusters: ClusterBy::Community,
            ..DotOptions::default()
        },
    )
    .expect("valid");
    assert_eq!(auto.engine, Engine::Neato);
    let options = DotOptions {
        clusters: ClusterBy::Community,
        engine: EngineChoice::Fixed(Engine::Fdp),
        ..DotOptions::default()
    };
    let dot = build_dot(&map, &options).expect("valid");
    assert_eq!(dot.engine, Engine::Fdp);
    let text = dot.text();
    assert!(text.starts_with("graph "));
    for community in 0..3 {
        assert!(text.contains(&format!("label=\"community {community}\"")));
    }
    assert!(text.contains(" -- "));
    let plain = build_dot(&map, &DotOptions::default()).expect("valid");
    assert_eq!(
        plain.engine,
        Engine::Neato,
        "no cluster field: springs without boxes"
    );
    if !graphviz("undirected_maps_are_laid_out_with_springs_and_community_clusters") {
        return;
    }
    for dot in [dot, plain] {
        let (svg, _) = render_bytes(
            &dot.text(),
            dot.engine,
            Format::Svg,
            &GraphvizConfig::default(),
        )
        .expect("renders");
        assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    }
}

/// Asserts that `dir` holds exactly these files (no temporary file left behind).
fn assert_only_files(dir: &Path, expected: &[&str]) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, expected);
}

#[test]
fn a_slow_layout_is_killed_at_the_time_limit() {
    if !graphviz("a_slow_layout_is_killed_at_the_time_limit") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = ExportConfig {
        dot: DotOptions {
            engine: EngineChoice::Fixed(Engine::Dot),
            max_nodes: None,
            ..DotOptions::default()
        },
        formats: vec![Format::Svg],
        graphviz: GraphvizConfig {
            timeout: Duration::from_secs(1),
            ..GraphvizConfig::default()
        },
    };
    let started = Instant::now();
    // 150 nodes and 500 edges with many cycles: dot needs minutes (measured > 100 s).
    let outcome = export_diagram(&tangled(150, 500), &dir.path().join("slow"), &config)
        .expect("the DOT is written");
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(15), "took {elapsed:?}");
    assert!(
        matches!(
            outcome.problems.as_slice(),
            [RenderError::TimedOut {
                engine: Engine::Dot,
                ..
            }]
        ),
        "{:?}",
        outcome.problems
    );
    assert!(outcome
        .messages
        .iter()
        .any(|m| m.contains("did not finish within 1 s")));
    assert_only_files(dir.path(), &["slow.dot"]);
}

#[test]
fn an_automatic_engine_that_runs_out_of_time_falls_back_to_sfdp() {
    if !graphviz("an_automatic_engine_that_runs_out_of_time_falls_back_to_sfdp") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = ExportConfig {
        dot: DotOptions {
            max_nodes: None,
            ..DotOptions::default()
        },
        formats: vec![Format::Svg],
        graphviz: GraphvizConfig {
            timeout: Duration::from_secs(2),
            ..GraphvizConfig::default()
        },
    };
    let diagram = tangled(150, 500);
    assert_eq!(
        build_dot(&diagram, &config.dot).expect("valid").engine,
        Engine::Dot
    );
    let outcome = export_diagram(&diagram, &dir.path().join("tangled"), &config).expect("written");
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(outcome.dot.engine, Engine::Sfdp);
    assert!(
        outcome
            .messages
            .iter()
            .any(|m| m.contains("dot did not finish within 2 s; laid out with sfdp instead")),
        "{:?}",
        outcome.messages
    );
    let written = std::fs::read_to_string(dir.path().join("tangled.dot")).expect("dot file");
    assert!(
        written.contains("layout=\"sfdp\""),
        "the DOT file matches the drawing"
    );
    assert_only_files(dir.path(), &["tangled.dot", "tangled.svg"]);
}

const CHILD: &str = "CITEGRAPH_TEST_EMPTY_PATH_DIR";

#[test]
fn graphviz_missing_writes_dot_and_says_how_to_install() {
    if let Some(dir) = std::env::var_os(CHILD) {
        // The child: PATH is empty here, so `dot` cannot be found.
        let config = ExportConfig {
            formats: Format::ALL.to_vec(),
            ..ExportConfig::default()
        };
        let outcome = export_diagram(&example_map(), &Path::new(&dir).join("map"), &config)
            .expect("the DOT is written without Graphviz");
        assert!(matches!(
            outcome.problems.as_slice(),
            [RenderError::Missing { .. }]
        ));
        assert!(outcome.rendered.is_empty());
        print!("{outcome}");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "graphviz_missing_writes_dot_and_says_how_to_install",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PATH", "")
        .env(CHILD, dir.path())
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let messages: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("Graphviz is not installed"))
        .collect();
    assert_eq!(messages.len(), 1, "one line, not one per format: {stdout}");
    assert!(messages[0].contains(INSTALL_HINT), "{stdout}");
    assert!(messages[0].contains("map.dot was written"), "{stdout}");
    assert_only_files(dir.path(), &["map.dot"]);
}

#[test]
fn invalid_diagrams_are_refused_before_anything_is_written() {
    let mut map = example_map();
    map.edges.push(edge(
        "doc:nowhere",
        "paradigm:compliance",
        EdgeKind::Supports,
        1.0,
        "x",
    ));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let error = export_diagram(&map, &dir.path().join("bad"), &ExportConfig::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("doc:nowhere"), "{error}");
    assert_only_files(dir.path(), &[]);
    let mut map = example_map();
    map.nodes
        .push(node("citegraph-legend:x", NodeKind::Work, "x", 0.0));
    assert!(build_dot(&map, &DotOptions::default()).is_err());
    assert!(HOSTILE.contains("</script>"));
}

#[test]
fn a_paradigm_with_thousands_of_holders_still_renders() {
    // Graphviz rejects a quoted string over 16384 bytes: the paradigm's tooltip lists its
    // holders, so it is cut, and every attribute value is bounded.
    let mut map = example_map();
    map.nodes.retain(|n| n.kind == NodeKind::Paradigm);
    map.edges.clear();
    let paradigm = map.nodes[0].id.clone();
    for index in 0..3000 {
        let id = format!("work:w{index:04}");
        map.nodes.push(node(
            &id,
            NodeKind::Work,
            &format!("Ünïcödé-Author-{index:04} et al. 2001"),
            1.0,
        ));
        map.edges.push(edge(
            &id,
            &paradigm,
            EdgeKind::Supports,
            1.0,
            &"a long sentence of evidence ".repeat(100),
        ));
    }
    map.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let dot = build_dot(&map, &DotOptions::default()).expect("valid");
    let text = dot.text();
    let longest = text
        .split("=\"")
        .skip(1)
        .map(|value| {
            value
                .find("\" ")
                .or_else(|| value.find("\"]"))
                .unwrap_or(value.len())
        })
        .max()
        .unwrap_or(0);
    assert!(longest < 16384, "an attribute value of {longest} bytes");
    assert!(text.contains("and 2960 more (see the report)"));
    if !graphviz("a_paradigm_with_thousands_of_holders_still_renders") {
        return;
    }
    let (svg, _) = render_bytes(&text, dot.engine, Format::Svg, &GraphvizConfig::default())
        .expect("Graphviz draws it");
    assert!(!svg.is_empty());
}
