#!/usr/bin/env python3
"""Check citegraph's metrics against networkx on citegraph's own GraphML export.

For each GraphML file written by `citegraph graph ... --format graphml`, read it with
networkx's `read_graphml`, recompute PageRank (weighted, networkx defaults), betweenness
(normalised, hop counts), closeness (Wasserman-Faust, incoming distances on directed graphs) and
in/out degrees, and compare them with the values citegraph wrote on each node. Betweenness and
closeness are compared only when the file says they were exact (graph attributes
`betweenness_method`, `closeness_method`); sampled values are reported and skipped.

Run from the repository root, after `pip install -r scripts/requirements-metrics.txt`:

    cargo run --release -- graph ../shared/corpus --graph citation --format graphml -o /tmp/citation.graphml
    python3 scripts/check_networkx.py /tmp/citation.graphml

Exit status: 0 when every value agrees within --tolerance (default 1e-6), 1 when one does not,
2 when a file cannot be read or carries no metrics.

With --write-reference OUT.json the networkx values of the (single) file are also written, with
sorted keys, for the Rust test tests/graph_networkx.rs (tests/fixtures/graph/).
"""

import argparse
import json
import math
import sys

import networkx as nx


def exact(graph, attribute):
    return graph.graph.get(attribute, "exact") == "exact"


def reference(graph):
    """networkx's values for every node, by metric name."""
    values = {
        "pagerank": nx.pagerank(graph, weight="weight"),
    }
    if exact(graph, "betweenness_method"):
        values["betweenness"] = nx.betweenness_centrality(graph)
    if exact(graph, "closeness_method"):
        values["closeness"] = nx.closeness_centrality(graph)
    if graph.is_directed():
        values["in_degree"] = dict(graph.in_degree())
        values["out_degree"] = dict(graph.out_degree())
    else:
        values["in_degree"] = dict(graph.degree())
        values["out_degree"] = dict(graph.degree())
    return values


def compare(path, graph, values, tolerance):
    """Print the largest difference of each metric; True when all are within tolerance."""
    ok = True
    kind = graph.graph.get("kind", "?")
    print(f"{path}: {kind} graph, {graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} edges, networkx {nx.__version__}")
    for attribute in ("betweenness_method", "closeness_method"):
        if not exact(graph, attribute):
            print(f"  {attribute.split('_')[0]}: {graph.graph[attribute]}; not compared")
    for metric, expected in values.items():
        worst, worst_node, missing = 0.0, None, []
        for node, value in expected.items():
            ours = graph.nodes[node].get(metric)
            if ours is None:
                missing.append(node)
                continue
            difference = abs(float(ours) - float(value))
            if difference > worst or math.isnan(difference):
                worst, worst_node = difference, node
        if missing:
            print(f"  {metric}: FAIL, {len(missing)} nodes carry no value (first: {missing[0]})")
            ok = False
            continue
        verdict = "ok" if worst <= tolerance else "FAIL"
        ok = ok and worst <= tolerance
        where = f" at {worst_node}" if worst_node is not None else ""
        print(f"  {metric}: max |citegraph - networkx| = {worst:.3e}{where}: {verdict}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graphml", nargs="+", help="GraphML files written by citegraph graph")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    parser.add_argument("--write-reference", metavar="OUT.json",
                        help="also write networkx's values of the one file given")
    args = parser.parse_args()
    if args.write_reference and len(args.graphml) != 1:
        parser.error("--write-reference takes exactly one GraphML file")
    all_ok = True
    for path in args.graphml:
        try:
            graph = nx.read_graphml(path)
        except Exception as error:  # networkx raises several kinds on bad files
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            return 2
        if graph.number_of_nodes() and not all("pagerank" in d for _, d in graph.nodes(data=True)):
            print(f"{path}: nodes carry no pagerank; export without --no-metrics", file=sys.stderr)
            return 2
        values = reference(graph)
        all_ok = compare(path, graph, values, args.tolerance) and all_ok
        if args.write_reference:
            document = {
                "networkx": nx.__version__,
                "graph": graph.graph.get("kind"),
                "values": {metric: {node: float(v) for node, v in sorted(by_node.items())}
                           for metric, by_node in sorted(values.items())},
            }
            with open(args.write_reference, "w", encoding="utf-8") as out:
                json.dump(document, out, indent=1, sort_keys=True)
                out.write("\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
