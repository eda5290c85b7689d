//! The writers on an argument graph built from hand-made claims: the paradigm section of the
//! metrics table and JSON, and parallel supports/critiques edges in GraphML and JSON.

mod graphml_reader;

use std::collections::BTreeMap;

use citegraph::export::{write_graph, write_metrics, GraphFormat, MetricsFormat, MetricsReport};
use citegraph::graph::{
    graph_metrics, paradigm_summaries, ClaimInput, Corpus, CorpusInput, DocInput, GraphKind,
    Holder, ParadigmInput, Stance,
};
use citegraph::metrics::MetricsConfig;
use serde_json::Value;

fn claim(doc: usize, stance: Stance, line: usize, sentence: &str) -> ClaimInput {
    ClaimInput {
        doc,
        holder: Holder::Document(doc),
        paradigm: "cooperation".into(),
        stance,
        confidence: 0.8,
        line,
        start: line * 10,
        end: line * 10 + sentence.len(),
        sentence: sentence.into(),
        cue: "cue".into(),
    }
}

/// x critiques cooperation once and supports it once; y supports it.
fn corpus() -> Corpus {
    let document = |name: &str| DocInput {
        name: name.into(),
        label: name.into(),
        ..DocInput::default()
    };
    Corpus::new(CorpusInput {
        documents: vec![document("x.txt"), document("y.txt")],
        citations: Vec::new(),
        claims: vec![
            claim(
                0,
                Stance::Critiques,
                3,
                "Cooperation is <not> enough & never was.",
            ),
            claim(0, Stance::Supports, 8, "Yet \"cooperation\" helps here."),
            claim(1, Stance::Supports, 2, "Cooperation works."),
        ],
        paradigms: vec![ParadigmInput {
            id: "cooperation".into(),
            label: "cooperation paradigm".into(),
        }],
    })
}

fn metrics_output(format: MetricsFormat) -> String {
    let corpus = corpus();
    let graph = corpus.graph(GraphKind::Argument);
    let metrics = graph_metrics(&graph, &MetricsConfig::default()).expect("metrics");
    let centrality: BTreeMap<String, f64> = [("doc:y.txt".to_string(), 0.5)].into_iter().collect();
    let paradigms = paradigm_summaries(&graph, &centrality);
    let mut out = Vec::new();
    write_metrics(
        &mut out,
        format,
        &MetricsReport {
            graph: &graph,
            metrics: &metrics,
            top: None,
            paradigms: &paradigms,
        },
    )
    .expect("write");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn metrics_table_lists_supporters_and_critics_per_paradigm() {
    let table = metrics_output(MetricsFormat::Table);
    let section: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("paradigms"))
        .collect();
    assert_eq!(
        section[1],
        "paradigm:cooperation (cooperation paradigm): 2 supporters, 1 critic; balance +0.333 \
         (support 1.600, critique 0.800)"
    );
    // y has a centrality, so it comes first among supporters.
    assert!(section[2].contains("supports") && section[2].contains("doc:y.txt"));
    assert!(section[2].contains("first at y.txt:2"));
    assert!(section[3].contains("supports") && section[3].contains("doc:x.txt"));
    assert!(section[4].contains("critiques") && section[4].contains("first at x.txt:3"));
    assert_eq!(section.len(), 5);
}

#[test]
fn metrics_json_carries_the_paradigm_summaries() {
    let json: Value = serde_json::from_str(&metrics_output(MetricsFormat::Json)).expect("JSON");
    let paradigm = &json["paradigms"][0];
    assert_eq!(paradigm["id"], "paradigm:cooperation");
    assert_eq!(paradigm["supporters"][0]["id"], "doc:y.txt");
    assert_eq!(paradigm["supporters"][0]["centrality"], 0.5);
    assert_eq!(paradigm["critics"][0]["id"], "doc:x.txt");
    assert_eq!(paradigm["critics"][0]["first_evidence"], "x.txt:3");
    let balance = paradigm["balance"].as_f64().expect("balance");
    assert!((balance - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn parallel_supports_and_critiques_edges_survive_both_formats() {
    let corpus = corpus();
    let graph = corpus.graph(GraphKind::Argument);
    let metrics = graph_metrics(&graph, &MetricsConfig::default()).expect("metrics");
    let mut graphml = Vec::new();
    write_graph(&mut graphml, GraphFormat::Graphml, &graph, Some(&metrics)).expect("write");
    let parsed = graphml_reader::parse(&String::from_utf8(graphml).expect("UTF-8"));
    let from_x: Vec<(&str, &str)> = parsed
        .edges
        .iter()
        .filter(|e| e.attribute("source") == "doc:x.txt")
        .map(|e| (e.attribute("target"), e.data["kind"].as_str()))
        .collect();
    assert_eq!(
        from_x,
        vec![
            ("paradigm:cooperation", "supports"),
            ("paradigm:cooperation", "critiques")
        ]
    );
    let critique = parsed
        .edges
        .iter()
        .find(|e| e.data["kind"] == "critiques")
        .expect("critique edge");
    assert_eq!(critique.data["confidence"], "0.8");
    let evidence: Value = serde_json::from_str(&critique.data["evidence"]).expect("JSON");
    assert_eq!(
        evidence[0]["text"],
        "Cooperation is <not> enough & never was."
    );
    assert_eq!(evidence[0]["kind"], "sentence");
    assert_eq!(evidence[0]["cue"], "cue");

    let mut json = Vec::new();
    write_graph(&mut json, GraphFormat::Json, &graph, Some(&metrics)).expect("write");
    let json: Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(json["multigraph"], true);
    let keys: Vec<&str> = json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter_map(|e| e["key"].as_str())
        .collect();
    assert_eq!(keys, vec!["supports", "critiques", "supports"]);
}
