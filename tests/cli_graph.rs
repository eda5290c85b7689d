//! The `metrics` and `graph` commands as a user runs them: formats, ids shared between
//! metrics and GraphML, evidence that points at the file, manifests, sampling notes, bad input,
//! escaping, atomic output and byte-identical reruns.

mod graphml_reader;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn citegraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("citegraph runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeeded(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
    stdout(output)
}

const A: &str = "Audits fail (Locke et al., 2009; Gereffi, 1994).\nAs Brenner (2018) shows, codes \
                 travel (Locke et al., 2009).\n";
const B: &str = "Brenner's own study of ledgers (Gereffi, 1994; Locke et al., 2009).\n";
const C: &str = "Notes that cite nobody.\n";
const MANIFEST: &str = "[[document]]\nfile = \"b.txt\"\nauthors = [\"Brenner\"]\nyear = \"2018\"\n\n\
                        [[document]]\nfile = \"c.txt\"\nlabel = \"Notes <&> \\\"quoted\\\" 'x' \\u0001\"\n";

/// A corpus directory `texts/` with a manifest: a cites b (by its manifest key), both cite
/// Gereffi 1994 and Locke et al. 2009, c cites nothing.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let texts = dir.path().join("texts");
    fs::create_dir(&texts).expect("mkdir");
    fs::write(texts.join("a.txt"), A).expect("write");
    fs::write(texts.join("b.txt"), B).expect("write");
    fs::write(texts.join("c.txt"), C).expect("write");
    fs::write(texts.join("corpus.toml"), MANIFEST).expect("write");
    dir
}

#[test]
fn metrics_table_ranks_nodes_and_says_how_they_were_computed() {
    let dir = corpus();
    let output = citegraph(&["metrics", "texts"], dir.path());
    let table = succeeded(&output);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "citation graph: 5 nodes, 5 edges, directed");
    assert_eq!(lines[1], "betweenness exact; closeness exact");
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with("rank"))
        .expect("header row");
    assert!(lines[header].contains("pagerank  betweenness  closeness"));
    let rows = &lines[header + 1..];
    assert_eq!(rows.len(), 5);
    // Locke et al. 2009 is cited three times from two documents: first by PageRank.
    assert!(rows[0].contains("work:locke-et-al-2009"), "{}", rows[0]);
    let top = succeeded(&citegraph(&["metrics", "texts", "--top", "2"], dir.path()));
    assert!(top.contains("showing the top 2 of 5 nodes by PageRank"));
    assert_eq!(
        top.lines()
            .skip_while(|l| !l.trim_start().starts_with("rank"))
            .count(),
        3
    );
}

#[test]
fn metrics_csv_ids_are_the_graphml_node_ids() {
    let dir = corpus();
    for kind in [
        "citation",
        "cocitation",
        "coupling",
        "coauthor",
        "author-cocitation",
    ] {
        let csv = succeeded(&citegraph(
            &["metrics", "texts", "--graph", kind, "--format", "csv"],
            dir.path(),
        ));
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some(
                "id,kind,label,in_degree,out_degree,weighted_in_degree,weighted_out_degree,\
                 pagerank,betweenness,closeness,eigenvector,hub,authority,katz,community"
            )
        );
        let mut csv_ids: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|record| record.expect("CSV row")[0].to_string())
            .collect();
        let graphml = graphml_reader::parse(&succeeded(&citegraph(
            &["graph", "texts", "--graph", kind],
            dir.path(),
        )));
        let mut graphml_ids: Vec<String> = graphml
            .nodes
            .iter()
            .map(|node| node.attribute("id").to_string())
            .collect();
        csv_ids.sort();
        graphml_ids.sort();
        assert_eq!(csv_ids, graphml_ids, "{kind}");
    }
}

#[test]
fn metrics_json_is_versioned_and_ranked() {
    let dir = corpus();
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &["metrics", "texts", "--format", "json"],
        dir.path(),
    )))
    .expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["graph"], "citation");
    assert_eq!(json["betweenness"]["method"], "exact");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 5);
    let ranks: Vec<f64> = rows
        .iter()
        .map(|r| r["pagerank"].as_f64().expect("pagerank"))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    assert!((ranks.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["id"], "work:locke-et-al-2009");
    assert_eq!(rows[0]["in_degree"], 2);
    assert_eq!(rows[0]["weighted_in_degree"], 3.0);
}

#[test]
fn graph_json_edges_carry_evidence_that_points_at_the_file() {
    let dir = corpus();
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &["graph", "texts", "--format", "json"],
        dir.path(),
    )))
    .expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["directed"], true);
    assert_eq!(json["multigraph"], false);
    assert_eq!(json["graph"]["kind"], "citation");
    let nodes = json["nodes"].as_array().expect("nodes");
    let b = nodes
        .iter()
        .find(|n| n["id"] == "doc:b.txt")
        .expect("b is a node");
    assert_eq!(b["label"], "Brenner 2018");
    assert_eq!(b["file"], "texts/b.txt");
    assert_eq!(
        b["metrics"]["in_degree"], 1,
        "a cites b by its manifest key"
    );
    let edges = json["edges"].as_array().expect("edges");
    let a_to_locke = edges
        .iter()
        .find(|e| e["source"] == "doc:a.txt" && e["target"] == "work:locke-et-al-2009")
        .expect("a cites Locke et al.");
    assert_eq!(a_to_locke["weight"], 2.0);
    let evidence = a_to_locke["evidence"].as_array().expect("evidence");
    assert_eq!(evidence.len(), 2);
    for item in evidence {
        let start = usize::try_from(item["start"].as_u64().expect("start")).expect("small");
        let end = usize::try_from(item["end"].as_u64().expect("end")).expect("small");
        assert_eq!(item["doc"], "texts/a.txt");
        assert_eq!(&A[start..end], item["text"].as_str().expect("text"));
        let line = A[..start].matches('\n').count() + 1;
        assert_eq!(item["line"], line);
    }
    assert_eq!(evidence[1]["line"], 2);
}

#[test]
fn graphml_declares_typed_keys_and_parses_back() {
    let dir = corpus();
    let output = citegraph(&["graph", "texts", "-o", "out.graphml", "-q"], dir.path());
    assert_eq!(succeeded(&output), "", "-o writes nothing to stdout");
    let text = fs::read_to_string(dir.path().join("out.graphml")).expect("written");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let graphml = graphml_reader::parse(&text);
    assert_eq!(graphml.edge_default, "directed");
    assert_eq!(graphml.graph["kind"], "citation");
    assert_eq!(graphml.graph["citegraph_schema"], "1");
    assert_eq!(graphml.graph["betweenness_method"], "exact");
    let kinds: Vec<(&str, &str)> = graphml
        .keys
        .values()
        .map(|k| (k.name.as_str(), k.kind.as_str()))
        .collect();
    for expected in [
        ("pagerank", "double"),
        ("in_degree", "int"),
        ("community", "int"),
        ("weight", "double"),
        ("evidence", "string"),
        ("label", "string"),
    ] {
        assert!(kinds.contains(&expected), "{expected:?} in {kinds:?}");
    }
    assert_eq!(graphml.nodes.len(), 5);
    assert_eq!(graphml.edges.len(), 5);
    // The label with markup characters and a control character survives as text.
    let c = graphml.node("doc:c.txt").expect("c");
    assert_eq!(c.data["label"], "Notes <&> \"quoted\" 'x' \u{FFFD}");
    let edge = graphml
        .edges
        .iter()
        .find(|e| e.attribute("source") == "doc:a.txt" && e.attribute("target") == "doc:b.txt")
        .expect("a cites b");
    assert_eq!(edge.data["kind"], "cites");
    assert_eq!(edge.data["evidence_count"], "1");
    let evidence: Value = serde_json::from_str(&edge.data["evidence"]).expect("evidence is JSON");
    assert_eq!(evidence[0]["text"], "Brenner (2018)");
    assert_eq!(evidence[0]["line"], 2);
    let cocitation = graphml_reader::parse(&succeeded(&citegraph(
        &["graph", "texts", "--graph", "cocitation"],
        dir.path(),
    )));
    assert_eq!(cocitation.edge_default, "undirected");
    assert_eq!(
        cocitation.edges.len(),
        1,
        "Gereffi and Locke et al. share two brackets"
    );
    assert_eq!(cocitation.edges[0].data["weight"], "2");
}

#[test]
fn graph_without_metrics_has_no_metric_keys() {
    let dir = corpus();
    let graphml = graphml_reader::parse(&succeeded(&citegraph(
        &["graph", "texts", "--no-metrics", "-q"],
        dir.path(),
    )));
    assert!(graphml.keys.values().all(|k| k.name != "pagerank"));
    assert!(graphml
        .nodes
        .iter()
        .all(|n| !n.data.contains_key("pagerank")));
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &["graph", "texts", "--no-metrics", "--format", "json", "-q"],
        dir.path(),
    )))
    .expect("JSON");
    assert!(json["nodes"][0].get("metrics").is_none());
}

#[test]
fn without_the_manifest_a_cited_document_is_just_a_work() {
    let dir = corpus();
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &["graph", "texts", "--format", "json", "--no-manifest"],
        dir.path(),
    )))
    .expect("JSON");
    let ids: Vec<&str> = json["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(ids.contains(&"work:brenner-2018"));
    assert!(ids.contains(&"doc:b.txt"));
    // An explicit manifest works on files given one by one.
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &[
            "graph",
            "texts/a.txt",
            "texts/b.txt",
            "--manifest",
            "texts/corpus.toml",
            "--format",
            "json",
        ],
        dir.path(),
    )))
    .expect("JSON");
    assert!(json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .any(|e| e["source"] == "doc:a.txt" && e["target"] == "doc:b.txt"));
}

#[test]
fn sampled_betweenness_is_announced_in_every_format() {
    let dir = corpus();
    fs::write(
        dir.path().join("metrics.toml"),
        "[betweenness.sampling]\nexact_up_to_nodes = 2\nsample_sources = 3\nseed = 7\n",
    )
    .expect("write");
    let args = ["metrics", "texts", "--metrics-config", "metrics.toml"];
    let table = succeeded(&citegraph(&args, dir.path()));
    assert!(
        table.contains("betweenness sampled from 3 sources, seed 7; closeness exact"),
        "{table}"
    );
    let csv = citegraph(&[&args[..], &["--format", "csv"]].concat(), dir.path());
    succeeded(&csv);
    assert!(stderr(&csv).contains("betweenness was estimated from 3 sampled sources (seed 7)"));
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &[&args[..], &["--format", "json"]].concat(),
        dir.path(),
    )))
    .expect("JSON");
    assert_eq!(json["betweenness"]["method"], "sampled");
    assert_eq!(json["betweenness"]["sources"], 3);
    let graphml = graphml_reader::parse(&succeeded(&citegraph(
        &["graph", "texts", "--metrics-config", "metrics.toml"],
        dir.path(),
    )));
    assert_eq!(
        graphml.graph["betweenness_method"],
        "sampled from 3 sources, seed 7"
    );
}

#[test]
fn bad_input_is_reported_and_the_rest_still_written() {
    let dir = corpus();
    let output = citegraph(
        &["metrics", "texts", "missing.txt", "--format", "csv"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("missing.txt"));
    assert_eq!(stdout(&output).lines().count(), 6, "header and five nodes");

    fs::write(
        dir.path().join("bad.toml"),
        "[[document]]\nfile = \"a.txt\"\nauthor = [\"X\"]\n",
    )
    .expect("write");
    let output = citegraph(&["metrics", "texts", "--manifest", "bad.toml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bad.toml: line 3"),
        "{}",
        stderr(&output)
    );

    fs::write(
        dir.path().join("bad-metrics.toml"),
        "[pagerank]\nalpha = 2.0\n",
    )
    .expect("write");
    let output = citegraph(
        &["metrics", "texts", "--metrics-config", "bad-metrics.toml"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("pagerank.alpha"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");

    let output = citegraph(
        &["graph", "texts", "-o", "no/such/dir/out.graphml"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot write"));
}

#[test]
fn an_argument_graph_without_claims_says_so_and_one_with_claims_shows_them() {
    let dir = corpus();
    fs::write(dir.path().join("texts/a.txt"), "Notes on ledgers.\n").expect("write");
    fs::write(dir.path().join("texts/b.txt"), "More notes.\n").expect("write");
    let output = citegraph(&["metrics", "texts", "--graph", "argument"], dir.path());
    let table = succeeded(&output);
    assert!(table.contains("0 edges"), "{table}");
    assert!(stderr(&output).contains("no claims or stances were read"));

    fs::write(
        dir.path().join("texts/a.txt"),
        "We argue that codes of conduct have brought about limited improvements (Locke et al., 2009).\n",
    )
    .expect("write");
    let json: Value = serde_json::from_str(&succeeded(&citegraph(
        &[
            "graph", "texts", "--graph", "argument", "--format", "json", "-q",
        ],
        dir.path(),
    )))
    .expect("JSON");
    let edges = json["edges"].as_array().expect("edges");
    let critique = edges
        .iter()
        .find(|e| e["source"] == "doc:a.txt" && e["target"] == "paradigm:compliance")
        .expect("a critiques compliance");
    assert_eq!(critique["kind"], "critiques", "{critique}");
    assert!(critique["evidence"][0]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("We argue that codes of conduct")));
}

#[test]
fn every_output_is_byte_identical_across_runs() {
    let dir = corpus();
    for kind in [
        "citation",
        "argument",
        "cocitation",
        "coupling",
        "coauthor",
        "author-cocitation",
    ] {
        for args in [
            vec!["graph", "texts", "--graph", kind, "--format", "graphml"],
            vec!["graph", "texts", "--graph", kind, "--format", "json"],
            vec!["metrics", "texts", "--graph", kind, "--format", "csv"],
            vec!["metrics", "texts", "--graph", kind, "--format", "json"],
            vec!["metrics", "texts", "--graph", kind, "--format", "table"],
        ] {
            let first = citegraph(&args, dir.path());
            let second = citegraph(&args, dir.path());
            assert_eq!(first.status.code(), Some(0), "{args:?}: {}", stderr(&first));
            assert!(!first.stdout.is_empty(), "{args:?}");
            assert_eq!(first.stdout, second.stdout, "{args:?}");
        }
    }
}
