//! Metrics against reference values computed once with networkx (tests/fixtures/metrics,
//! written by scripts/metrics_fixtures.py).

use std::fs;
use std::path::{Path, PathBuf};

use citegraph::metrics::{
    betweenness, betweenness_with_sources, closeness, eigenvector, hits, katz, louvain, modularity,
    pagerank, BetweennessConfig, ClosenessConfig, CommunityConfig, EigenvectorConfig, HitsConfig,
    KatzConfig, MetricGraph, MetricResult, MetricsError, PageRankConfig, Weighting,
};
use petgraph::graph::{Graph, NodeIndex};
use petgraph::{Directed, EdgeType, Undirected};
use serde_json::Value;

fn fixture_paths() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metrics");
    let mut paths: Vec<PathBuf> = fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 6,
        "expected the networkx fixtures in {}",
        directory.display()
    );
    paths
}

struct Fixture {
    name: String,
    json: Value,
    graph: MetricGraph,
}

fn build<Ty: EdgeType>(node_count: usize, edges: &[Value]) -> MetricGraph {
    let mut graph = Graph::<(), f64, Ty>::default();
    for _ in 0..node_count {
        graph.add_node(());
    }
    for edge in edges {
        let endpoint = |position: usize| {
            let value = edge[position].as_u64().expect("node index");
            NodeIndex::new(usize::try_from(value).expect("small index"))
        };
        graph.add_edge(endpoint(0), endpoint(1), edge[2].as_f64().expect("weight"));
    }
    MetricGraph::from_graph(&graph, |w| *w).expect("fixture weights are valid")
}

fn load(path: &Path) -> Fixture {
    let text =
        fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let json: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let node_count =
        usize::try_from(json["node_count"].as_u64().expect("node_count")).expect("small");
    let edges = json["edges"].as_array().expect("edges");
    let graph = if json["directed"].as_bool().expect("directed") {
        build::<Directed>(node_count, edges)
    } else {
        build::<Undirected>(node_count, edges)
    };
    Fixture {
        name: json["name"].as_str().expect("name").to_owned(),
        json,
        graph,
    }
}

fn floats(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected a list of numbers, got {value}"))
        .iter()
        .map(|number| number.as_f64().expect("number"))
        .collect()
}

/// Assert `actual` is within `tolerance` of `expected` everywhere; return the largest gap.
fn assert_close(label: &str, actual: &[f64], expected: &[f64], tolerance: f64) -> f64 {
    assert_eq!(actual.len(), expected.len(), "{label}: length");
    let mut largest: f64 = 0.0;
    for (node, (a, e)) in actual.iter().zip(expected).enumerate() {
        let gap = (a - e).abs();
        assert!(
            gap <= tolerance,
            "{label}: node {node}: ours {a}, networkx {e}, gap {gap:e} > {tolerance:e}"
        );
        largest = largest.max(gap);
    }
    eprintln!("{label}: largest gap {largest:.1e} (tolerance {tolerance:.0e})");
    largest
}

/// Compare a vector-valued metric with a fixture entry that is a list, or `{"error": ...}` when
/// networkx failed to converge; then ours must report non-convergence too.
fn check_vector(label: &str, ours: MetricResult<Vec<f64>>, expected: &Value, tolerance: f64) {
    if let Some(error) = expected.get("error") {
        assert!(
            matches!(ours, Err(MetricsError::NotConverged { .. })),
            "{label}: networkx failed ({error}), ours gave {ours:?}"
        );
        eprintln!("{label}: both fail to converge");
        return;
    }
    let ours = ours.unwrap_or_else(|error| panic!("{label}: {error}"));
    assert_close(label, &ours, &floats(expected), tolerance);
}

#[test]
fn degrees_match_networkx() {
    for path in fixture_paths() {
        let fixture = load(&path);
        let degree = &fixture.json["degree"];
        let counts = |key: &str| -> Vec<usize> {
            floats(&degree[key])
                .iter()
                .map(|&value| value as usize)
                .collect()
        };
        assert_eq!(fixture.graph.in_degree(), counts("in"), "{}", fixture.name);
        assert_eq!(
            fixture.graph.out_degree(),
            counts("out"),
            "{}",
            fixture.name
        );
        assert_eq!(
            fixture.graph.weighted_in_degree(),
            floats(&degree["weighted_in"])
        );
        assert_eq!(
            fixture.graph.weighted_out_degree(),
            floats(&degree["weighted_out"])
        );
    }
}

#[test]
fn pagerank_matches_networkx() {
    for path in fixture_paths() {
        let fixture = load(&path);
        let name = &fixture.name;
        check_vector(
            &format!("{name} pagerank"),
            pagerank(&fixture.graph, &PageRankConfig::default()),
            &fixture.json["pagerank"],
            1e-9,
        );
        let unweighted = PageRankConfig {
            weighting: Weighting::Unweighted,
            ..PageRankConfig::default()
        };
        check_vector(
            &format!("{name} pagerank unweighted"),
            pagerank(&fixture.graph, &unweighted),
            &fixture.json["pagerank_unweighted"],
            1e-9,
        );
    }
}

#[test]
fn hits_matches_networkx_power_iteration_step_for_step() {
    // networkx's _hits_python with its own budget of 100 iterations.
    let config = HitsConfig {
        max_iter: 100,
        ..HitsConfig::default()
    };
    for path in fixture_paths() {
        let fixture = load(&path);
        let expected = &fixture.json["hits_python"];
        let ours = hits(&fixture.graph, &config);
        let label = format!("{} hits (_hits_python)", fixture.name);
        if let Some(error) = expected.get("error") {
            assert!(
                matches!(ours, Err(MetricsError::NotConverged { .. })),
                "{label}: networkx failed ({error}), ours gave {ours:?}"
            );
            eprintln!("{label}: both fail to converge in 100 iterations");
            continue;
        }
        let ours = ours.unwrap_or_else(|error| panic!("{label}: {error}"));
        assert_close(
            &format!("{label} hub"),
            &ours.hub,
            &floats(&expected["hub"]),
            1e-12,
        );
        assert_close(
            &format!("{label} authority"),
            &ours.authority,
            &floats(&expected["authority"]),
            1e-12,
        );
    }
}

#[test]
fn hits_matches_networkx_public_hits() {
    // networkx's hits uses ARPACK's svds: the leading singular vectors, unique when the top
    // singular value is simple. Our default power iteration must land on the same vectors, to
    // the accuracy its stopping rule allows (L1 step < 1e-8; the slowest fixture, with
    // (σ2/σ1)² ≈ 0.92, ends about 1e-7 away).
    for path in fixture_paths() {
        let fixture = load(&path);
        let gap = fixture.json["hits_singular_gap"].as_f64().expect("gap");
        let label = format!("{} hits (svds)", fixture.name);
        assert!(
            gap > 1e-3,
            "{label}: fixture with a degenerate top singular value"
        );
        let expected = &fixture.json["hits_svds"];
        let ours = hits(&fixture.graph, &HitsConfig::default())
            .unwrap_or_else(|error| panic!("{label}: {error}"));
        assert_close(
            &format!("{label} hub"),
            &ours.hub,
            &floats(&expected["hub"]),
            1e-6,
        );
        assert_close(
            &format!("{label} authority"),
            &ours.authority,
            &floats(&expected["authority"]),
            1e-6,
        );
    }
}

#[test]
fn betweenness_matches_networkx_exact_and_sampled() {
    for path in fixture_paths() {
        let fixture = load(&path);
        let name = &fixture.name;
        let expected = &fixture.json["betweenness"];
        let normalized = BetweennessConfig::default();
        let raw = BetweennessConfig {
            normalized: false,
            ..BetweennessConfig::default()
        };
        let ours = betweenness(&fixture.graph, &normalized).expect("valid config");
        assert_close(
            &format!("{name} betweenness"),
            &ours.values,
            &floats(&expected["normalized"]),
            1e-12,
        );
        let ours = betweenness(&fixture.graph, &raw).expect("valid config");
        assert_close(
            &format!("{name} betweenness raw"),
            &ours.values,
            &floats(&expected["raw"]),
            1e-9,
        );

        // networkx's k-source estimate, from the very sources its seeded sample drew.
        let sampled = &expected["sampled"];
        let sources: Vec<usize> = floats(&sampled["sources"])
            .iter()
            .map(|&s| s as usize)
            .collect();
        assert_eq!(sources.len() as u64, sampled["k"].as_u64().expect("k"));
        let ours = betweenness_with_sources(&fixture.graph, &sources, &normalized).expect("valid");
        assert_close(
            &format!("{name} betweenness k={}", sources.len()),
            &ours,
            &floats(&sampled["normalized"]),
            1e-12,
        );
        let ours = betweenness_with_sources(&fixture.graph, &sources, &raw).expect("valid");
        assert_close(
            &format!("{name} betweenness raw k={}", sources.len()),
            &ours,
            &floats(&sampled["raw"]),
            1e-9,
        );
    }
}

#[test]
fn closeness_matches_networkx() {
    for path in fixture_paths() {
        let fixture = load(&path);
        let name = &fixture.name;
        let ours = closeness(&fixture.graph, &ClosenessConfig::default()).expect("valid config");
        assert_close(
            &format!("{name} closeness"),
            &ours.values,
            &floats(&fixture.json["closeness"]),
            1e-12,
        );
        let plain = ClosenessConfig {
            wf_improved: false,
            ..ClosenessConfig::default()
        };
        let ours = closeness(&fixture.graph, &plain).expect("valid config");
        assert_close(
            &format!("{name} closeness without wf_improved"),
            &ours.values,
            &floats(&fixture.json["closeness_not_wf_improved"]),
            1e-12,
        );
    }
}

#[test]
fn eigenvector_and_katz_match_networkx() {
    for path in fixture_paths() {
        let fixture = load(&path);
        let name = &fixture.name;
        check_vector(
            &format!("{name} eigenvector"),
            eigenvector(&fixture.graph, &EigenvectorConfig::default()),
            &fixture.json["eigenvector"],
            1e-9,
        );
        let weighted = EigenvectorConfig {
            max_iter: 1000,
            weighting: Weighting::EdgeWeight,
            ..EigenvectorConfig::default()
        };
        check_vector(
            &format!("{name} eigenvector weighted"),
            eigenvector(&fixture.graph, &weighted),
            &fixture.json["eigenvector_weighted"],
            1e-9,
        );
        check_vector(
            &format!("{name} katz"),
            katz(&fixture.graph, &KatzConfig::default()),
            &fixture.json["katz"],
            1e-9,
        );
        let weighted = KatzConfig {
            alpha: 0.01,
            weighting: Weighting::EdgeWeight,
            ..KatzConfig::default()
        };
        check_vector(
            &format!("{name} katz weighted"),
            katz(&fixture.graph, &weighted),
            &fixture.json["katz_weighted"],
            1e-9,
        );
    }
}

#[test]
fn modularity_matches_networkx_and_louvain_is_as_good() {
    for path in fixture_paths() {
        let fixture = load(&path);
        let name = &fixture.name;
        let reference = &fixture.json["modularity"];
        let partitions = reference["partitions"].as_array().expect("partitions");
        for partition in partitions {
            let membership: Vec<usize> = floats(&partition["membership"])
                .iter()
                .map(|&c| c as usize)
                .collect();
            let label = partition["name"].as_str().expect("partition name");
            for (resolution, key) in [(1.0, "modularity"), (2.0, "modularity_resolution_2")] {
                let config = CommunityConfig {
                    resolution,
                    ..CommunityConfig::default()
                };
                let ours = modularity(&fixture.graph, &membership, &config)
                    .expect("valid partition")
                    .expect("graph has edges");
                let expected = partition[key].as_f64().expect("modularity");
                assert!(
                    (ours - expected).abs() < 1e-12,
                    "{name} {label} γ={resolution}: ours {ours}, networkx {expected}"
                );
            }
        }
        let ours = louvain(&fixture.graph, &CommunityConfig::default()).expect("valid config");
        let ours_modularity = ours.modularity.expect("graph has edges");
        let networkx_membership: Vec<usize> = floats(&reference["louvain_networkx"]["membership"])
            .iter()
            .map(|&c| c as usize)
            .collect();
        let networkx_modularity = reference["louvain_networkx"]["modularity"]
            .as_f64()
            .expect("q");
        // Our partition's modularity, by the formula just checked against networkx's.
        let recomputed = modularity(
            &fixture.graph,
            &ours.membership,
            &CommunityConfig::default(),
        )
        .expect("valid")
        .expect("edges");
        assert!((recomputed - ours_modularity).abs() < 1e-12);
        assert!(
            ours_modularity >= networkx_modularity - 0.02,
            "{name}: our Louvain reaches Q = {ours_modularity}, networkx's {networkx_modularity}"
        );
        eprintln!(
            "{name} louvain: ours Q = {ours_modularity:.6} in {} communities, networkx Q = {networkx_modularity:.6} in {}",
            ours.count,
            networkx_membership.iter().max().map_or(0, |m| m + 1)
        );
    }
}
