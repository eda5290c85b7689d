#!/usr/bin/env python3
"""The Python side of the PageRank and betweenness comparison (run by scripts/bench.sh).

Reads an edge list written by `cargo run --release --example metrics_compare write DIR` and
prints the best wall time of networkx or rustworkx computing one metric on it, as
`LIBRARY METRIC FILE SECONDS`, with the same settings as citegraph: PageRank alpha 0.85,
tolerance 1e-6, at most 100 iterations; betweenness exact, normalised, directed.

    python3 scripts/compare_metrics.py networkx|rustworkx pagerank|betweenness FILE [REPEATS]

`convert GRAPH.json FILE` writes a graph exported by `citegraph graph --format json` as such an
edge list (nodes numbered in file order; parallel edges and self-loops dropped, weights ignored,
as on the generated graphs) and prints `NODES EDGES`:

    python3 scripts/compare_metrics.py convert GRAPH.json FILE
"""

import sys
import time
from pathlib import Path


def read(path):
    lines = Path(path).read_text().split("\n")
    nodes, _ = map(int, lines[0].split())
    edges = [tuple(map(int, line.split())) for line in lines[1:] if line.strip()]
    return nodes, edges


def build(library, nodes, edges):
    if library == "networkx":
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(range(nodes))
        graph.add_edges_from(edges)
        return graph
    import rustworkx as rx

    graph = rx.PyDiGraph()
    graph.add_nodes_from(range(nodes))
    graph.add_edges_from_no_data(edges)
    return graph


def run(library, metric, graph):
    if library == "networkx":
        import networkx as nx

        if metric == "pagerank":
            return nx.pagerank(graph, alpha=0.85, tol=1e-6, max_iter=100)
        return nx.betweenness_centrality(graph, normalized=True)
    import rustworkx as rx

    if metric == "pagerank":
        return rx.pagerank(graph, alpha=0.85, tol=1e-6, max_iter=100)
    return rx.digraph_betweenness_centrality(graph, normalized=True)


def convert(source, target):
    import json

    graph = json.loads(Path(source).read_text())
    index = {node["id"]: position for position, node in enumerate(graph["nodes"])}
    edges = sorted(
        {
            (index[edge["source"]], index[edge["target"]])
            for edge in graph["edges"]
            if edge["source"] != edge["target"]
        }
    )
    lines = [f"{len(index)} {len(edges)}"] + [f"{a} {b}" for a, b in edges]
    Path(target).write_text("\n".join(lines) + "\n")
    print(f"{len(index)} {len(edges)}")


def main():
    if sys.argv[1] == "convert":
        convert(sys.argv[2], sys.argv[3])
        return
    library, metric, path = sys.argv[1:4]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    nodes, edges = read(path)
    graph = build(library, nodes, edges)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run(library, metric, graph)
        best = min(best, time.perf_counter() - started)
    print(f"{library} {metric} {Path(path).name} {best:.6f}")


if __name__ == "__main__":
    main()
