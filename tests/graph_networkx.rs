//! citegraph's metrics on its own GraphML export against networkx's values on the same export.
//!
//! The fixture corpus `tests/fixtures/graph/corpus` (five short texts written for this test,
//! citing each other and shared works) is exported by the binary as a user would; the graph
//! must be the one networkx saw (`tests/fixtures/graph/<kind>.graphml`), and every node's
//! PageRank, betweenness, closeness and degrees must equal networkx's
//! (`<kind>.networkx.json`, written by `scripts/check_networkx.py --write-reference`). When the
//! graph itself changes on purpose, regenerate both files:
//!
//! ```text
//! cargo run -- graph tests/fixtures/graph/corpus --graph KIND -q -o tests/fixtures/graph/KIND.graphml
//! python3 scripts/check_networkx.py tests/fixtures/graph/KIND.graphml \
//!     --write-reference tests/fixtures/graph/KIND.networkx.json
//! ```

mod graphml_reader;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn export(kind: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args([
            "graph",
            "tests/fixtures/graph/corpus",
            "--graph",
            kind,
            "-q",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("citegraph runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("GraphML is UTF-8")
}

/// An edge as (source, target, kind, weight).
type EdgeRow = (String, String, String, String);

/// Node ids, and edges, of a GraphML document.
fn structure(graphml: &graphml_reader::GraphMl) -> (Vec<String>, Vec<EdgeRow>) {
    let nodes = graphml
        .nodes
        .iter()
        .map(|node| node.attribute("id").to_string())
        .collect();
    let edges = graphml
        .edges
        .iter()
        .map(|edge| {
            (
                edge.attribute("source").to_string(),
                edge.attribute("target").to_string(),
                edge.data["kind"].clone(),
                edge.data["weight"].clone(),
            )
        })
        .collect();
    (nodes, edges)
}

fn check(kind: &str) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph");
    let ours = graphml_reader::parse(&export(kind));
    let seen_by_networkx = graphml_reader::parse(
        &fs::read_to_string(fixtures.join(format!("{kind}.graphml"))).expect("fixture GraphML"),
    );
    assert_eq!(
        structure(&ours),
        structure(&seen_by_networkx),
        "the {kind} graph of the fixture corpus is no longer the one networkx saw; if that is \
         intended, regenerate the fixtures (see this file's doc comment)"
    );
    let reference: Value = serde_json::from_str(
        &fs::read_to_string(fixtures.join(format!("{kind}.networkx.json")))
            .expect("networkx reference"),
    )
    .expect("reference is JSON");
    let values = reference["values"].as_object().expect("values by metric");
    for metric in [
        "pagerank",
        "betweenness",
        "closeness",
        "in_degree",
        "out_degree",
    ] {
        let by_node: BTreeMap<&String, f64> = values[metric]
            .as_object()
            .unwrap_or_else(|| panic!("networkx {metric} values"))
            .iter()
            .map(|(id, value)| (id, value.as_f64().expect("number")))
            .collect();
        assert_eq!(
            by_node.len(),
            ours.nodes.len(),
            "{kind} {metric}: one value per node"
        );
        for (id, expected) in by_node {
            let node = ours
                .node(id)
                .unwrap_or_else(|| panic!("{kind}: networkx node {id} not exported"));
            let value = node
                .double(metric)
                .unwrap_or_else(|| panic!("{kind}: {id} has no {metric}"));
            assert!(
                (value - expected).abs() <= TOLERANCE,
                "{kind} {metric} of {id}: citegraph {value}, networkx {expected}"
            );
        }
    }
}

#[test]
fn citation_graph_metrics_equal_networkx() {
    check("citation");
}

#[test]
fn cocitation_graph_metrics_equal_networkx() {
    check("cocitation");
}

#[test]
fn the_reference_graphs_are_not_trivial() {
    // Guards the fixtures themselves: a reference where every betweenness is 0 or every
    // PageRank equal would let wrong code pass.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph");
    for kind in ["citation", "cocitation"] {
        let reference: Value = serde_json::from_str(
            &fs::read_to_string(fixtures.join(format!("{kind}.networkx.json")))
                .expect("networkx reference"),
        )
        .expect("JSON");
        let distinct = |metric: &str| {
            let mut values: Vec<String> = reference["values"][metric]
                .as_object()
                .expect("values")
                .values()
                .map(ToString::to_string)
                .collect();
            values.sort();
            values.dedup();
            values.len()
        };
        assert!(distinct("betweenness") >= 3, "{kind}: betweenness varies");
        assert!(distinct("pagerank") >= 3, "{kind}: pagerank varies");
    }
}
