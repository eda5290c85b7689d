//! GraphML, written with quick-xml (which escapes text and attributes).

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::graph::{CiteGraph, GraphMetrics, NodeRow};
use crate::metrics::Method;

use super::format_float;

/// The version of the GraphML layout below; written as the graph attribute `citegraph_schema`.
pub const GRAPHML_SCHEMA_VERSION: u32 = 1;

/// A `<key>` declaration: id, domain, name, type.
struct Key {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
}

const fn key(
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
) -> Key {
    Key {
        id,
        domain,
        name,
        kind,
    }
}

const GRAPH_KEYS: [Key; 7] = [
    key("g_schema", "graph", "citegraph_schema", "int"),
    key("g_kind", "graph", "kind", "string"),
    key("g_betweenness", "graph", "betweenness_method", "string"),
    key("g_closeness", "graph", "closeness_method", "string"),
    key("g_communities", "graph", "communities", "int"),
    key("g_modularity", "graph", "modularity", "double"),
    key("g_failed", "graph", "failed_metrics", "string"),
];

const NODE_KEYS: [Key; 6] = [
    key("n_kind", "node", "kind", "string"),
    key("n_label", "node", "label", "string"),
    key("n_file", "node", "file", "string"),
    key("n_year", "node", "year", "string"),
    key("n_authors", "node", "authors", "string"),
    key("n_title", "node", "title", "string"),
];

const METRIC_KEYS: [Key; 12] = [
    key("m_in_degree", "node", "in_degree", "int"),
    key("m_out_degree", "node", "out_degree", "int"),
    key(
        "m_weighted_in_degree",
        "node",
        "weighted_in_degree",
        "double",
    ),
    key(
        "m_weighted_out_degree",
        "node",
        "weighted_out_degree",
        "double",
    ),
    key("m_pagerank", "node", "pagerank", "double"),
    key("m_betweenness", "node", "betweenness", "double"),
    key("m_closeness", "node", "closeness", "double"),
    key("m_eigenvector", "node", "eigenvector", "double"),
    key("m_hub", "node", "hub", "double"),
    key("m_authority", "node", "authority", "double"),
    key("m_katz", "node", "katz", "double"),
    key("m_community", "node", "community", "int"),
];

const EDGE_KEYS: [Key; 5] = [
    key("e_kind", "edge", "kind", "string"),
    key("e_weight", "edge", "weight", "double"),
    key("e_confidence", "edge", "confidence", "double"),
    key("e_evidence_count", "edge", "evidence_count", "int"),
    key("e_evidence", "edge", "evidence", "string"),
];

/// Writes `graph` as GraphML 1.0, version 1 of this layout.
///
/// ```text
/// <graphml xmlns="http://graphml.graphdrawing.org/xmlns" …>
///   <key …/>                                    one per attribute below, typed
///   <graph id="citation" edgedefault="directed|undirected">
///     graph data:  citegraph_schema (int, 1), kind (string),
///                  with metrics: betweenness_method, closeness_method ("exact" or
///                  "sampled from N sources, seed S"), communities (int), modularity (double),
///                  failed_metrics (string, "name: reason; …", only when some failed)
///     <node id="doc:002_3ac60e7eb1a25b6f.txt">   the id of `citegraph metrics`
///       kind (document|work|author|paradigm), label, file, year, authors ("; "-joined),
///       title (strings; absent when unknown); with metrics: in_degree, out_degree,
///       community (int), weighted_in_degree, weighted_out_degree, pagerank, betweenness,
///       closeness, eigenvector, hub, authority, katz (double; absent when not computed)
///     <edge id="e0" source="…" target="…">       edges in (source, target, kind) order
///       kind (cites|supports|critiques|mentions|co_cited|coupled|co_authored|
///       author_co_cited), weight (double), confidence (double, argument edges),
///       evidence_count (int), evidence (string: a JSON array of the evidence objects of
///       the JSON format — kind, doc, line, start, end, text, cue, confidence)
/// ```
///
/// Doubles are the shortest decimals that read back as the same values. Characters XML 1.0
/// cannot hold (control characters other than tab and line breaks) are written as U+FFFD.
/// Loadable by networkx `read_graphml` (a `MultiDiGraph` when a pair has two edges, as in an
/// argument graph where a holder both supports and critiques a paradigm), Gephi, yEd and
/// Cytoscape.
///
/// # Errors
/// Any error of the writer.
pub fn write_graphml(
    out: &mut dyn Write,
    graph: &CiteGraph,
    metrics: Option<&GraphMetrics>,
) -> io::Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns \
             http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    let metric_keys: &[Key] = if metrics.is_some() { &METRIC_KEYS } else { &[] };
    for key in GRAPH_KEYS
        .iter()
        .filter(|key| metrics.is_some() || matches!(key.id, "g_schema" | "g_kind"))
        .chain(&NODE_KEYS)
        .chain(metric_keys)
        .chain(&EDGE_KEYS)
    {
        writer
            .create_element("key")
            .with_attributes([
                ("id", key.id),
                ("for", key.domain),
                ("attr.name", key.name),
                ("attr.type", key.kind),
            ])
            .write_empty()?;
    }
    let edge_default = if graph.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    writer.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        ("id", graph.kind().name()),
        ("edgedefault", edge_default),
    ])))?;
    data(&mut writer, "g_schema", &GRAPHML_SCHEMA_VERSION.to_string())?;
    data(&mut writer, "g_kind", graph.kind().name())?;
    if let Some(metrics) = metrics {
        data(
            &mut writer,
            "g_betweenness",
            &method(metrics.betweenness_method),
        )?;
        data(
            &mut writer,
            "g_closeness",
            &method(metrics.closeness_method),
        )?;
        data(
            &mut writer,
            "g_communities",
            &metrics.community_count.to_string(),
        )?;
        if let Some(modularity) = metrics.modularity {
            data(&mut writer, "g_modularity", &format_float(modularity))?;
        }
        if !metrics.failures.is_empty() {
            let failed: Vec<String> = metrics
                .failures
                .iter()
                .map(|(name, error)| format!("{name}: {error}"))
                .collect();
            data(&mut writer, "g_failed", &failed.join("; "))?;
        }
    }
    for (index, node) in graph.nodes().enumerate() {
        writer.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", xml_safe(&node.id).as_ref())]),
        ))?;
        data(&mut writer, "n_kind", node.kind.name())?;
        data(&mut writer, "n_label", &node.label)?;
        if let Some(file) = &node.file {
            data(&mut writer, "n_file", file)?;
        }
        if let Some(year) = &node.year {
            data(&mut writer, "n_year", year)?;
        }
        if !node.authors.is_empty() {
            data(&mut writer, "n_authors", &node.authors.join("; "))?;
        }
        if let Some(title) = &node.title {
            data(&mut writer, "n_title", title)?;
        }
        if let Some(row) = metrics.and_then(|m| m.rows.get(index)) {
            node_metrics(&mut writer, row)?;
        }
        writer.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (index, (source, target, edge)) in graph.edges().enumerate() {
        writer.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", format!("e{index}").as_str()),
            ("source", xml_safe(&source.id).as_ref()),
            ("target", xml_safe(&target.id).as_ref()),
        ])))?;
        data(&mut writer, "e_kind", edge.kind.name())?;
        data(&mut writer, "e_weight", &format_float(edge.weight))?;
        if let Some(confidence) = edge.confidence {
            data(&mut writer, "e_confidence", &format_float(confidence))?;
        }
        data(
            &mut writer,
            "e_evidence_count",
            &edge.evidence.len().to_string(),
        )?;
        let evidence = serde_json::to_string(&edge.evidence).map_err(io::Error::other)?;
        data(&mut writer, "e_evidence", &evidence)?;
        writer.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("graph")))?;
    writer.write_event(Event::End(BytesEnd::new("graphml")))?;
    writer.get_mut().write_all(b"\n")
}

fn node_metrics<W: Write>(writer: &mut Writer<W>, row: &NodeRow) -> io::Result<()> {
    data(writer, "m_in_degree", &row.in_degree.to_string())?;
    data(writer, "m_out_degree", &row.out_degree.to_string())?;
    data(
        writer,
        "m_weighted_in_degree",
        &format_float(row.weighted_in_degree),
    )?;
    data(
        writer,
        "m_weighted_out_degree",
        &format_float(row.weighted_out_degree),
    )?;
    let optional = [
        ("m_pagerank", row.pagerank),
        ("m_betweenness", Some(row.betweenness)),
        ("m_closeness", Some(row.closeness)),
        ("m_eigenvector", row.eigenvector),
        ("m_hub", row.hub),
        ("m_authority", row.authority),
        ("m_katz", row.katz),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            data(writer, key, &format_float(value))?;
        }
    }
    data(writer, "m_community", &row.community.to_string())
}

/// "exact" or "sampled from N sources, seed S".
pub(crate) fn method(method: Method) -> String {
    match method {
        Method::Exact => "exact".to_string(),
        Method::Sampled { sources, seed } => format!("sampled from {sources} sources, seed {seed}"),
    }
}

/// `<data key="…">text</data>`, the text escaped by quick-xml.
fn data<W: Write>(writer: &mut Writer<W>, key: &str, text: &str) -> io::Result<()> {
    writer
        .create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

/// `text` with the characters XML 1.0 cannot hold, even escaped, replaced by U+FFFD.
pub(crate) fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}
