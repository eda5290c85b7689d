#!/usr/bin/env python3
"""Write networkx reference values for the metrics tests to tests/fixtures/metrics/*.json.

Run once, from the repository root, after `pip install -r scripts/requirements-metrics.txt`:

    python3 scripts/metrics_fixtures.py

Every graph is stored with its edge list (nodes 0..n-1, edges [u, v, weight], parallel edges
allowed), so the Rust test rebuilds exactly the graph networkx saw. Metrics networkx refuses on
multigraphs (eigenvector, Katz, _hits_python) are computed on the simple graph with parallel
edge weights summed, which is what citegraph's MetricGraph computes on. Communities use the
undirected view with the weights of u->v and v->u added, as citegraph's Louvain does.
A metric that fails in networkx is stored as {"error": "..."}.
"""

import json
import math
import random
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import scipy

from networkx.algorithms.link_analysis.hits_alg import _hits_python

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "metrics"
SAMPLE_SEED = 42


def multigraph(directed, node_count, edges):
    graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
    graph.add_nodes_from(range(node_count))
    for u, v, w in edges:
        graph.add_edge(u, v, weight=w)
    return graph


def simple(directed, node_count, edges):
    """Parallel edges merged, weights summed (citegraph's MetricGraph)."""
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(range(node_count))
    for u, v, w in edges:
        if graph.has_edge(u, v):
            graph[u][v]["weight"] += w
        else:
            graph.add_edge(u, v, weight=w)
    return graph


def undirected_view(node_count, edges):
    graph = nx.Graph()
    graph.add_nodes_from(range(node_count))
    for u, v, w in edges:
        if graph.has_edge(u, v):
            graph[u][v]["weight"] += w
        else:
            graph.add_edge(u, v, weight=w)
    return graph


def as_list(values, node_count):
    return [float(values[n]) for n in range(node_count)]


def attempt(function):
    try:
        return function()
    except (nx.PowerIterationFailedConvergence, ZeroDivisionError, nx.NetworkXException) as error:
        return {"error": type(error).__name__ + ": " + str(error)}


def membership_of(communities, node_count):
    membership = [0] * node_count
    for index, community in enumerate(communities):
        for node in community:
            membership[node] = index
    return membership


def communities_of(membership):
    groups = {}
    for node, label in enumerate(membership):
        groups.setdefault(label, set()).add(node)
    return list(groups.values())


def top_singular_gap(graph, node_count):
    """Relative gap between the two largest singular values of the adjacency matrix; networkx's
    svds-based hits is unique (comparable) only when it is clearly positive."""
    matrix = nx.to_numpy_array(graph, nodelist=range(node_count), weight="weight")
    values = np.linalg.svd(matrix, compute_uv=False)
    if len(values) < 2 or values[0] == 0:
        return 0.0
    return float((values[0] - values[1]) / values[0])


def reference(name, directed, node_count, edges, note):
    multi = multigraph(directed, node_count, edges)
    plain = simple(directed, node_count, edges)
    n = node_count
    fixture = {
        "name": name,
        "note": note,
        "generator": "scripts/metrics_fixtures.py",
        "versions": {
            "networkx": nx.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": sys.version.split()[0],
        },
        "directed": directed,
        "node_count": n,
        "edges": [[u, v, w] for u, v, w in edges],
    }
    if directed:
        fixture["degree"] = {
            "in": [multi.in_degree(v) for v in range(n)],
            "out": [multi.out_degree(v) for v in range(n)],
            "weighted_in": [float(multi.in_degree(v, weight="weight")) for v in range(n)],
            "weighted_out": [float(multi.out_degree(v, weight="weight")) for v in range(n)],
        }
    else:
        degree = [multi.degree(v) for v in range(n)]
        weighted = [float(multi.degree(v, weight="weight")) for v in range(n)]
        fixture["degree"] = {"in": degree, "out": degree, "weighted_in": weighted, "weighted_out": weighted}

    fixture["pagerank"] = attempt(lambda: as_list(nx.pagerank(multi), n))
    fixture["pagerank_unweighted"] = attempt(lambda: as_list(nx.pagerank(plain, weight=None), n))

    def hits_pair(function, graph):
        hubs, authorities = function(graph)
        return {"hub": as_list(hubs, n), "authority": as_list(authorities, n)}

    fixture["hits_python"] = attempt(lambda: hits_pair(_hits_python, plain))
    gap = top_singular_gap(plain, n)
    fixture["hits_singular_gap"] = gap
    # nx.hits hands nstart to ARPACK as its start vector v0; without it ARPACK starts from a
    # random vector and the stored values would change in the last digits on every run.
    uniform_start = dict.fromkeys(range(n), 1.0)
    fixture["hits_svds"] = attempt(
        lambda: hits_pair(lambda graph: nx.hits(graph, nstart=uniform_start), multi)
    )

    k = max(2, n // 4)
    sources = random.Random(SAMPLE_SEED).sample(list(multi.nodes()), k)
    fixture["betweenness"] = {
        "normalized": as_list(nx.betweenness_centrality(multi), n),
        "raw": as_list(nx.betweenness_centrality(multi, normalized=False), n),
        "sampled": {
            "k": k,
            "seed": SAMPLE_SEED,
            "sources": sources,
            "normalized": as_list(nx.betweenness_centrality(multi, k=k, seed=SAMPLE_SEED), n),
            "raw": as_list(
                nx.betweenness_centrality(multi, k=k, seed=SAMPLE_SEED, normalized=False), n
            ),
        },
    }
    fixture["closeness"] = as_list(nx.closeness_centrality(multi), n)
    fixture["closeness_not_wf_improved"] = as_list(
        nx.closeness_centrality(multi, wf_improved=False), n
    )
    fixture["eigenvector"] = attempt(lambda: as_list(nx.eigenvector_centrality(plain), n))
    fixture["eigenvector_weighted"] = attempt(
        lambda: as_list(nx.eigenvector_centrality(plain, weight="weight", max_iter=1000), n)
    )
    fixture["katz"] = attempt(lambda: as_list(nx.katz_centrality(plain), n))
    fixture["katz_weighted"] = attempt(
        lambda: as_list(nx.katz_centrality(plain, alpha=0.01, weight="weight"), n)
    )

    view = undirected_view(n, edges)
    partitions = {
        "singletons": list(range(n)),
        "all_in_one": [0] * n,
        "modulo_3": [v % 3 for v in range(n)],
        "halves": [0 if v < n // 2 else 1 for v in range(n)],
    }
    fixture["modularity"] = {}
    if view.size(weight="weight") > 0:
        fixture["modularity"]["partitions"] = [
            {
                "name": label,
                "membership": membership,
                "modularity": nx.community.modularity(view, communities_of(membership)),
                "modularity_resolution_2": nx.community.modularity(
                    view, communities_of(membership), resolution=2.0
                ),
            }
            for label, membership in partitions.items()
        ]
        louvain = nx.community.louvain_communities(view, seed=SAMPLE_SEED)
        fixture["modularity"]["louvain_networkx"] = {
            "membership": membership_of(louvain, n),
            "modularity": nx.community.modularity(view, louvain),
        }
    return fixture


def random_edges(rng, node_count, edge_count, max_weight, allow_self_loops):
    edges = []
    while len(edges) < edge_count:
        u, v = rng.randrange(node_count), rng.randrange(node_count)
        if u == v and not allow_self_loops:
            continue
        edges.append((u, v, rng.randint(1, max_weight)))
    return edges


def citation_edges(rng, node_count, back_edges):
    """Each work cites 1-5 older works (a DAG), plus a few citations of newer works."""
    edges = []
    for citing in range(1, node_count):
        for cited in rng.sample(range(citing), min(citing, rng.randint(1, 5))):
            edges.append((citing, cited, 1))
    for _ in range(back_edges):
        cited = rng.randrange(1, node_count)
        edges.append((rng.randrange(cited), cited, 1))
    return edges


def graphs():
    rng = random.Random(20261123)
    yield (
        "directed_dangling",
        True,
        12,
        [
            (0, 1, 1), (0, 2, 2), (1, 2, 1), (2, 0, 1), (2, 3, 3), (3, 4, 1), (4, 3, 2),
            (4, 5, 1), (1, 5, 1), (1, 5, 2), (6, 6, 1), (6, 7, 1), (7, 8, 4), (8, 6, 1),
            (9, 0, 1), (9, 7, 1),
        ],
        "dangling nodes 5 and 10, isolated 11, parallel edges 1->5, self-loop at 6, "
        "two weakly connected parts",
    )
    yield (
        "directed_random",
        True,
        60,
        random_edges(rng, 60, 240, 5, allow_self_loops=True),
        "random digraph, weights 1-5, parallel edges and self-loops possible",
    )
    yield (
        "citation_near_dag",
        True,
        80,
        citation_edges(rng, 80, 4),
        "works cite 1-5 older works, plus 4 citations forward in time that close cycles",
    )
    yield (
        "undirected_weighted",
        False,
        40,
        [(u, v, w) for u, v, w in random_edges(rng, 25, 70, 4, allow_self_loops=False)]
        + [(25 + u, 25 + v, w) for u, v, w in random_edges(rng, 14, 25, 3, allow_self_loops=False)],
        "co-citation-like: two components of 25 and 14 nodes, weights 1-4, parallel edges, "
        "node 39 isolated",
    )
    karate = nx.karate_club_graph()
    yield (
        "karate_club",
        False,
        34,
        [(u, v, int(d["weight"])) for u, v, d in karate.edges(data=True)],
        "Zachary's karate club with networkx's interaction counts as weights",
    )
    yield (
        "undirected_multi",
        False,
        6,
        [(0, 1, 1), (0, 1, 1), (1, 2, 2), (2, 0, 1), (2, 3, 1), (3, 3, 2), (3, 4, 1), (4, 5, 1), (5, 3, 1)],
        "undirected multigraph: parallel edges 0-1, self-loop at 3, two triangles joined",
    )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, directed, node_count, edges, note in graphs():
        fixture = reference(name, directed, node_count, edges, note)
        path = OUT / f"{name}.json"
        path.write_text(json.dumps(fixture, indent=1) + "\n")
        print(f"wrote {path.relative_to(OUT.parent.parent.parent)}", file=sys.stderr)


if __name__ == "__main__":
    main()
