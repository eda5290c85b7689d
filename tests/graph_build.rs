//! Building every graph kind from small hand-made inputs: node sets, weights, evidence,
//! documents merged with the works that cite them, co-citation per bracket, coupling,
//! co-authorship, the argument graph and the paradigm summary.

use std::collections::BTreeMap;

use citegraph::graph::{
    paradigm_summaries, CitationInput, CitingSentence, ClaimInput, Corpus, CorpusInput, DocInput,
    EdgeKind, EvidenceKind, GraphKind, GraphWarning, Holder, NodeKind, ParadigmInput, Stance,
    WorkRelation, WorkStance,
};

fn document(name: &str, key: Option<&str>, aliases: &[&str], authors: &[&str]) -> DocInput {
    DocInput {
        name: name.to_string(),
        label: key.unwrap_or(name).to_string(),
        work_key: key.map(str::to_string),
        aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        authors: authors.iter().map(|a| (*a).to_string()).collect(),
        year: None,
        title: None,
    }
}

fn cite(
    doc: usize,
    key: &str,
    authors: &[&str],
    line: usize,
    start: usize,
    bracket: usize,
) -> CitationInput {
    CitationInput {
        doc,
        work_key: key.to_string(),
        work_label: key.to_string(),
        authors: authors.iter().map(|a| (*a).to_string()).collect(),
        et_al: key.contains("et al."),
        year: key.rsplit(' ').next().map(str::to_string),
        line,
        start,
        end: start + key.len(),
        raw: key.to_string(),
        bracket: Some(bracket),
        stance: None,
        sentence: None,
    }
}

/// a (Alpha and Beta 2014, also cited as 2013) cites Locke and Romis; b cites a, Locke et al.
/// twice and Locke and Romis; c cites a, Locke et al. and Locke and Romis.
fn input() -> CorpusInput {
    CorpusInput {
        documents: vec![
            document(
                "corpus/a.txt",
                Some("Alpha and Beta 2014"),
                &["Alpha and Beta 2013"],
                &["Alpha", "Beta"],
            ),
            document("corpus/b.txt", None, &[], &[]),
            document("corpus/c.txt", Some("Gamma 2016"), &[], &["Gamma"]),
        ],
        citations: vec![
            cite(1, "Alpha and Beta 2013", &["Alpha", "Beta"], 2, 100, 99),
            cite(1, "Locke et al. 2009", &["Locke"], 2, 125, 99),
            cite(1, "Locke and Romis 2007", &["Locke", "Romis"], 2, 150, 99),
            cite(1, "Locke et al. 2009", &["Locke"], 9, 700, 690),
            cite(2, "Alpha and Beta 2014", &["Alpha", "Beta"], 4, 40, 39),
            cite(2, "Locke et al. 2009", &["Locke"], 4, 62, 39),
            cite(2, "Locke and Romis 2007", &["Locke", "Romis"], 8, 300, 290),
            cite(0, "Locke and Romis 2007", &["Locke", "Romis"], 3, 30, 20),
        ],
        claims: Vec::new(),
        paradigms: Vec::new(),
    }
}

const A: &str = "doc:a.txt";
const B: &str = "doc:b.txt";
const C: &str = "doc:c.txt";
const ETAL: &str = "work:locke-et-al-2009";
const ROMIS: &str = "work:locke-and-romis-2007";

fn ids(graph: &citegraph::graph::CiteGraph) -> Vec<&str> {
    graph.nodes().map(|node| node.id.as_str()).collect()
}

#[test]
fn citation_graph_merges_documents_with_the_works_citing_them() {
    let corpus = Corpus::new(input());
    assert!(corpus.warnings().is_empty(), "{:?}", corpus.warnings());
    let graph = corpus.graph(GraphKind::Citation);
    assert!(graph.is_directed());
    assert_eq!(ids(&graph), vec![A, B, C, ROMIS, ETAL]);
    assert_eq!(graph.edge_count(), 7);
    // "Alpha and Beta 2013" (an alias) and "... 2014" (the key) both point to a's node.
    let b_to_a = graph
        .edge(B, A, EdgeKind::Cites)
        .expect("b cites a by its alias");
    assert_eq!(b_to_a.weight, 1.0);
    assert_eq!(b_to_a.evidence[0].text, "Alpha and Beta 2013");
    assert!(graph.edge(C, A, EdgeKind::Cites).is_some());
    assert!(graph.node(A).is_some_and(|n| n.kind == NodeKind::Document));
    // Occurrences are the weight, and each is evidence, in line order.
    let b_to_etal = graph
        .edge(B, ETAL, EdgeKind::Cites)
        .expect("b cites Locke et al.");
    assert_eq!(b_to_etal.weight, 2.0);
    let lines: Vec<Option<usize>> = b_to_etal.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![Some(2), Some(9)]);
    let first = &b_to_etal.evidence[0];
    assert_eq!(first.doc, "corpus/b.txt");
    assert_eq!((first.start, first.end), (Some(125), Some(142)));
    assert_eq!(first.kind, EvidenceKind::Citation);
    let work = graph.node(ROMIS).expect("Locke and Romis");
    assert_eq!(work.kind, NodeKind::Work);
    assert_eq!(work.label, "Locke and Romis 2007");
    assert_eq!(work.authors, vec!["Locke", "Romis"]);
    assert_eq!(work.year.as_deref(), Some("2007"));
}

#[test]
fn cocitation_counts_brackets_citing_both() {
    let graph = Corpus::new(input()).graph(GraphKind::Cocitation);
    assert!(!graph.is_directed());
    assert_eq!(ids(&graph), vec![A, ROMIS, ETAL]);
    // b's bracket 99 co-cites all three; c's bracket 39 co-cites a and Locke et al. again.
    let a_etal = graph
        .edge(ETAL, A, EdgeKind::CoCited)
        .expect("co-cited twice");
    assert_eq!(a_etal.weight, 2.0);
    assert_eq!(a_etal.evidence.len(), 2);
    assert_eq!(
        a_etal.evidence[0].text,
        "Alpha and Beta 2013; Locke et al. 2009; Locke and Romis 2007"
    );
    assert_eq!(
        (a_etal.evidence[0].start, a_etal.evidence[0].end),
        (Some(100), Some(170))
    );
    assert_eq!(
        graph.edge(A, ROMIS, EdgeKind::CoCited).map(|e| e.weight),
        Some(1.0)
    );
    assert_eq!(
        graph.edge(ROMIS, ETAL, EdgeKind::CoCited).map(|e| e.weight),
        Some(1.0)
    );
    assert_eq!(graph.edge_count(), 3);
}

#[test]
fn coupling_counts_shared_works_with_a_citation_from_each_side() {
    let graph = Corpus::new(input()).graph(GraphKind::Coupling);
    assert_eq!(ids(&graph), vec![A, B, C]);
    let b_c = graph
        .edge(C, B, EdgeKind::Coupled)
        .expect("b and c share three works");
    assert_eq!(b_c.weight, 3.0);
    assert_eq!(b_c.evidence.len(), 6);
    // The first citation of Locke et al. in b (line 2), not the second (line 9).
    assert!(b_c.evidence.iter().all(|e| e.line != Some(9)));
    assert_eq!(
        graph.edge(A, B, EdgeKind::Coupled).map(|e| e.weight),
        Some(1.0)
    );
    assert_eq!(
        graph.edge(A, C, EdgeKind::Coupled).map(|e| e.weight),
        Some(1.0)
    );
}

#[test]
fn coauthorship_comes_from_author_lists_printed_together() {
    let graph = Corpus::new(input()).graph(GraphKind::Coauthor);
    assert_eq!(
        ids(&graph),
        vec![
            "author:alpha",
            "author:beta",
            "author:locke",
            "author:romis"
        ]
    );
    let alpha_beta = graph
        .edge("author:alpha", "author:beta", EdgeKind::CoAuthored)
        .expect("a's authors");
    // One work (a), with its manifest record and the two citations printing both names.
    assert_eq!(alpha_beta.weight, 1.0);
    let kinds: Vec<EvidenceKind> = alpha_beta.evidence.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            EvidenceKind::Metadata,
            EvidenceKind::Citation,
            EvidenceKind::Citation
        ]
    );
    assert_eq!(
        alpha_beta.evidence[0].text,
        "authors of Alpha and Beta 2014: Alpha, Beta"
    );
    let locke_romis = graph
        .edge("author:locke", "author:romis", EdgeKind::CoAuthored)
        .expect("Locke and Romis");
    assert_eq!(locke_romis.weight, 1.0);
    assert_eq!(locke_romis.evidence.len(), 3);
    assert_eq!(
        graph.node("author:locke").map(|n| n.label.as_str()),
        Some("Locke")
    );
    // "Locke et al." names one author: no edge from it.
    assert_eq!(graph.edge_count(), 2);
}

#[test]
fn a_second_work_of_one_key_does_not_make_false_coauthors() {
    let mut input = input();
    // Two different "Locke et al. 2007" papers print different co-authors.
    input.citations = vec![
        cite(1, "Locke et al. 2007", &["Locke", "Qin", "Brause"], 1, 0, 0),
        cite(
            2,
            "Locke et al. 2007",
            &["Locke", "Amengual", "Mangla"],
            1,
            0,
            0,
        ),
    ];
    let graph = Corpus::new(input).graph(GraphKind::Coauthor);
    assert!(graph
        .edge("author:qin", "author:locke", EdgeKind::CoAuthored)
        .is_some());
    assert!(graph
        .edge("author:qin", "author:amengual", EdgeKind::CoAuthored)
        .is_none());
}

#[test]
fn author_cocitation_counts_brackets_of_first_authors() {
    let graph = Corpus::new(input()).graph(GraphKind::AuthorCocitation);
    assert_eq!(ids(&graph), vec!["author:alpha", "author:locke"]);
    let edge = graph
        .edge("author:locke", "author:alpha", EdgeKind::AuthorCoCited)
        .expect("Alpha and Locke co-cited");
    assert_eq!(edge.weight, 2.0);
}

fn claim(
    doc: usize,
    holder: Holder,
    paradigm: &str,
    stance: Stance,
    confidence: f64,
    line: usize,
) -> ClaimInput {
    ClaimInput {
        doc,
        holder,
        paradigm: paradigm.to_string(),
        stance,
        confidence,
        line,
        start: line * 100,
        end: line * 100 + 50,
        sentence: format!("sentence on line {line}"),
        cue: "cue".to_string(),
    }
}

fn argument_input() -> CorpusInput {
    let mut input = input();
    input.paradigms = vec![
        ParadigmInput {
            id: "cooperation".into(),
            label: "cooperation paradigm".into(),
        },
        ParadigmInput {
            id: "public".into(),
            label: "public regulation".into(),
        },
    ];
    input.claims = vec![
        claim(
            0,
            Holder::Document(0),
            "cooperation",
            Stance::Critiques,
            0.8,
            3,
        ),
        claim(
            0,
            Holder::Document(0),
            "cooperation",
            Stance::Critiques,
            0.6,
            7,
        ),
        claim(
            1,
            Holder::Document(1),
            "cooperation",
            Stance::Supports,
            0.9,
            5,
        ),
        // c reports what a says: a's key resolves to a's document node.
        claim(
            2,
            Holder::Work {
                key: "Alpha and Beta 2014".into(),
                label: "Alpha and Beta 2014".into(),
            },
            "cooperation",
            Stance::Critiques,
            0.7,
            4,
        ),
        claim(
            1,
            Holder::Work {
                key: "Locke et al. 2009".into(),
                label: "Locke et al. 2009".into(),
            },
            "compliance",
            Stance::Critiques,
            0.5,
            2,
        ),
    ];
    input.citations[3].stance = Some(WorkStance {
        relation: WorkRelation::Critiques,
        confidence: 0.75,
        cue: Some("fails to".into()),
    });
    input.citations[3].sentence = Some(CitingSentence {
        text: "Locke et al. (2009) fails to see it.".into(),
        line: input.citations[3].line,
        start: input.citations[3].start,
        end: input.citations[3].end,
    });
    input.citations[4].stance = Some(WorkStance {
        relation: WorkRelation::Mentions,
        confidence: 1.0,
        cue: None,
    });
    input
}

#[test]
fn argument_graph_joins_holders_to_paradigms_with_their_sentences() {
    let graph = Corpus::new(argument_input()).graph(GraphKind::Argument);
    assert!(graph.is_directed());
    assert_eq!(
        ids(&graph),
        vec![
            A,
            B,
            C,
            "paradigm:compliance",
            "paradigm:cooperation",
            "paradigm:public",
            ETAL
        ]
    );
    let critique = graph
        .edge(A, "paradigm:cooperation", EdgeKind::Critiques)
        .expect("a critiques cooperation, in its own text and as reported by c");
    assert_eq!(critique.weight, 3.0);
    assert!(critique.confidence.is_some_and(|c| (c - 0.7).abs() < 1e-12));
    let docs: Vec<&str> = critique.evidence.iter().map(|e| e.doc.as_str()).collect();
    assert_eq!(docs, vec!["corpus/a.txt", "corpus/a.txt", "corpus/c.txt"]);
    assert_eq!(critique.evidence[0].text, "sentence on line 3");
    assert_eq!(critique.evidence[0].kind, EvidenceKind::Sentence);
    assert_eq!(critique.evidence[0].cue.as_deref(), Some("cue"));
    let support = graph
        .edge(B, "paradigm:cooperation", EdgeKind::Supports)
        .expect("b supports cooperation");
    assert_eq!(support.weight, 1.0);
    assert!(graph
        .edge(ETAL, "paradigm:compliance", EdgeKind::Critiques)
        .is_some());
    // A paradigm no claim names is still a node; undeclared ones get their id as label.
    assert_eq!(
        graph.node("paradigm:compliance").map(|n| n.label.as_str()),
        Some("compliance")
    );
    // Stance toward a cited work, with the citing sentence as evidence.
    let toward = graph
        .edge(B, ETAL, EdgeKind::Critiques)
        .expect("b critiques Locke et al.");
    assert_eq!(
        toward.evidence[0].text,
        "Locke et al. (2009) fails to see it."
    );
    assert_eq!(toward.evidence[0].line, Some(9));
    assert_eq!(toward.confidence, Some(0.75));
    assert!(graph.edge(C, A, EdgeKind::Mentions).is_some());
    assert!(!graph.is_multigraph());
}

#[test]
fn paradigm_summary_puts_supporters_and_critics_on_their_sides() {
    let corpus = Corpus::new(argument_input());
    let graph = corpus.graph(GraphKind::Argument);
    let centrality: BTreeMap<String, f64> = [(A.to_string(), 0.4), (B.to_string(), 0.1)]
        .into_iter()
        .collect();
    let summaries = paradigm_summaries(&graph, &centrality);
    let ids: Vec<&str> = summaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "paradigm:compliance",
            "paradigm:cooperation",
            "paradigm:public"
        ]
    );
    let cooperation = &summaries[1];
    assert_eq!(cooperation.label, "cooperation paradigm");
    let supporters: Vec<&str> = cooperation
        .supporters
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    let critics: Vec<&str> = cooperation.critics.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(supporters, vec![B]);
    assert_eq!(critics, vec![A]);
    assert_eq!(cooperation.critics[0].sentences, 3);
    assert_eq!(cooperation.critics[0].centrality, Some(0.4));
    assert_eq!(
        cooperation.critics[0].first_evidence.as_deref(),
        Some("corpus/a.txt:3")
    );
    assert!((cooperation.support - 0.9).abs() < 1e-12);
    assert!((cooperation.critique - 2.1).abs() < 1e-12);
    assert!(cooperation.balance.is_some_and(|b| (b + 0.4).abs() < 1e-12));
    assert_eq!(summaries[2].balance, None);
    assert_eq!(summaries[0].balance, Some(-1.0));
}

#[test]
fn a_holder_that_both_supports_and_critiques_makes_parallel_edges() {
    let mut input = argument_input();
    input.claims.push(claim(
        0,
        Holder::Document(0),
        "cooperation",
        Stance::Supports,
        0.5,
        11,
    ));
    let graph = Corpus::new(input).graph(GraphKind::Argument);
    assert!(graph
        .edge(A, "paradigm:cooperation", EdgeKind::Supports)
        .is_some());
    assert!(graph
        .edge(A, "paradigm:cooperation", EdgeKind::Critiques)
        .is_some());
    assert!(graph.is_multigraph());
}

#[test]
fn bad_records_are_left_out_with_a_warning() {
    let mut input = argument_input();
    input.documents.push(document(
        "other/a2.txt",
        Some("Alpha and Beta 2014"),
        &[],
        &[],
    ));
    input
        .citations
        .push(cite(7, "Nobody 2000", &["Nobody"], 1, 0, 0));
    input.claims.push(claim(
        0,
        Holder::Document(0),
        "cooperation",
        Stance::Supports,
        f64::NAN,
        12,
    ));
    input.claims.push(claim(
        0,
        Holder::Document(42),
        "cooperation",
        Stance::Supports,
        0.5,
        13,
    ));
    let corpus = Corpus::new(input);
    let warnings = corpus.warnings();
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(warnings.contains(&GraphWarning::SharedWorkKey {
        key: "Alpha and Beta 2014".into(),
        kept: "corpus/a.txt".into(),
        also: "other/a2.txt".into(),
    }));
    assert!(warnings.contains(&GraphWarning::NoSuchDocument {
        record: "citation",
        index: 7
    }));
    let graph = corpus.graph(GraphKind::Argument);
    assert!(graph
        .edge(A, "paradigm:cooperation", EdgeKind::Supports)
        .is_none());
    assert!(corpus
        .graph(GraphKind::Citation)
        .node("work:nobody-2000")
        .is_none());
    // The shared key still points to the first document.
    assert_eq!(corpus.work_node_id("Alpha and Beta 2014"), A);
}

#[test]
fn the_order_of_the_input_records_does_not_change_any_graph() {
    let forward = Corpus::new(argument_input());
    let mut reversed_input = argument_input();
    reversed_input.citations.reverse();
    reversed_input.claims.reverse();
    let reversed = Corpus::new(reversed_input);
    for kind in GraphKind::ALL {
        let a = forward.graph(kind);
        let b = reversed.graph(kind);
        let nodes_a: Vec<_> = a.nodes().collect();
        let nodes_b: Vec<_> = b.nodes().collect();
        assert_eq!(nodes_a, nodes_b, "{kind}");
        let edges_a: Vec<_> = a.edges().collect();
        let edges_b: Vec<_> = b.edges().collect();
        assert_eq!(edges_a, edges_b, "{kind}");
    }
}
