//! Graphs as tables for other tools: GEXF (Gephi), VOSviewer map and network files, and CSV of
//! edges and of every graph's metrics.

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;

use crate::graph::{CiteGraph, GraphKind, GraphMetrics, NodeRow};

use super::format_float;
use super::graphml::xml_safe;

/// The version of the GEXF layout below (GEXF 1.3), written as the graph's `citegraph_schema`
/// attribute.
pub const GEXF_SCHEMA_VERSION: u32 = 1;

/// The columns of the metrics CSV after `graph` (as `citegraph metrics --format csv` prints
/// them).
const METRIC_COLUMNS: [&str; 15] = super::metrics::CSV_COLUMNS;

fn optional(value: Option<f64>) -> String {
    value.map(format_float).unwrap_or_default()
}

fn metric_values(row: &NodeRow) -> [String; 15] {
    [
        row.id.clone(),
        row.kind.name().to_string(),
        row.label.clone(),
        row.in_degree.to_string(),
        row.out_degree.to_string(),
        format_float(row.weighted_in_degree),
        format_float(row.weighted_out_degree),
        optional(row.pagerank),
        format_float(row.betweenness),
        format_float(row.closeness),
        optional(row.eigenvector),
        optional(row.hub),
        optional(row.authority),
        optional(row.katz),
        row.community.to_string(),
    ]
}

/// Writes the metrics of several graphs as one CSV: a `graph` column, then the columns of
/// `citegraph metrics --format csv`, nodes in id order within each graph.
///
/// # Errors
/// Any error of the writer.
pub fn write_all_metrics_csv(
    out: &mut dyn Write,
    graphs: &[(GraphKind, &GraphMetrics)],
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec!["graph"];
    header.extend(METRIC_COLUMNS);
    writer.write_record(&header)?;
    for (kind, metrics) in graphs {
        for row in &metrics.rows {
            let values = metric_values(row);
            writer.write_record(
                std::iter::once(kind.name()).chain(values.iter().map(String::as_str)),
            )?;
        }
    }
    writer.flush()
}

/// Writes the edges of a graph as CSV: `source,target,kind,weight,confidence,evidence_count,
/// first_evidence` (the first evidence as "file:line: text"), in the graph's edge order.
///
/// # Errors
/// Any error of the writer.
pub fn write_edges_csv(out: &mut dyn Write, graph: &CiteGraph) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "source",
        "target",
        "kind",
        "weight",
        "confidence",
        "evidence_count",
        "first_evidence",
    ])?;
    for (source, target, edge) in graph.edges() {
        let first = edge.evidence.first().map(|e| match e.line {
            Some(line) => format!("{}:{line}: {}", e.doc, e.text),
            None => format!("{}: {}", e.doc, e.text),
        });
        writer.write_record([
            source.id.as_str(),
            target.id.as_str(),
            edge.kind.name(),
            &format_float(edge.weight),
            &optional(edge.confidence),
            &edge.evidence.len().to_string(),
            first.as_deref().unwrap_or(""),
        ])?;
    }
    writer.flush()
}

/// Writes a VOSviewer map file (tab-separated: `id`, `label`, `cluster`, `weight<Links>`,
/// `weight<Total link strength>`, `score<PageRank>`) and network file (`id id strength`, one
/// line per linked pair; VOSviewer links have no direction, so the weights of both directions
/// are summed). VOSviewer ids are numbers: node `i` of the graph's id order is `i + 1`.
///
/// # Errors
/// Any error of the writers.
pub fn write_vosviewer(
    map: &mut dyn Write,
    network: &mut dyn Write,
    graph: &CiteGraph,
    metrics: &GraphMetrics,
) -> io::Result<()> {
    let number: BTreeMap<&str, usize> = graph
        .nodes()
        .enumerate()
        .map(|(index, node)| (node.id.as_str(), index + 1))
        .collect();
    let mut pairs: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (source, target, edge) in graph.edges() {
        let (Some(&a), Some(&b)) = (
            number.get(source.id.as_str()),
            number.get(target.id.as_str()),
        ) else {
            continue;
        };
        if a == b {
            continue;
        }
        *pairs.entry((a.min(b), a.max(b))).or_default() += edge.weight;
    }
    let mut links = vec![0usize; number.len() + 1];
    let mut strength = vec![0.0f64; number.len() + 1];
    for (&(a, b), &weight) in &pairs {
        links[a] += 1;
        links[b] += 1;
        strength[a] += weight;
        strength[b] += weight;
    }
    writeln!(
        map,
        "id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\tscore<PageRank>"
    )?;
    for (node, row) in graph.nodes().zip(&metrics.rows) {
        let id = number.get(node.id.as_str()).copied().unwrap_or(0);
        let label: String = node
            .label
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        writeln!(
            map,
            "{id}\t{label}\t{}\t{}\t{}\t{}",
            row.community + 1,
            links[id],
            format_float(strength[id]),
            optional(row.pagerank)
        )?;
    }
    for ((a, b), weight) in pairs {
        writeln!(network, "{a}\t{b}\t{}", format_float(weight))?;
    }
    Ok(())
}

/// Writes a graph as GEXF 1.3 (Gephi): nodes with their kind and metrics, edges with their
/// kind, weight and evidence count, every text escaped by quick-xml.
///
/// # Errors
/// Any error of the writer.
pub fn write_gexf(
    out: &mut dyn Write,
    graph: &CiteGraph,
    metrics: &GraphMetrics,
) -> io::Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.write_event(Event::Start(
        BytesStart::new("gexf")
            .with_attributes([("xmlns", "http://gexf.net/1.3"), ("version", "1.3")]),
    ))?;
    writer.write_event(Event::Start(BytesStart::new("meta")))?;
    writer
        .create_element("creator")
        .write_text_content(quick_xml::events::BytesText::new("citegraph"))?;
    writer
        .create_element("description")
        .write_text_content(quick_xml::events::BytesText::new(&format!(
            "{} graph (citegraph_schema {GEXF_SCHEMA_VERSION})",
            graph.kind().name()
        )))?;
    writer.write_event(Event::End(BytesEnd::new("meta")))?;
    let edge_type = if graph.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    writer.write_event(Event::Start(
        BytesStart::new("graph")
            .with_attributes([("defaultedgetype", edge_type), ("mode", "static")]),
    ))?;
    let node_attributes: [(&str, &str); 11] = [
        ("kind", "string"),
        ("in_degree", "integer"),
        ("out_degree", "integer"),
        ("pagerank", "double"),
        ("betweenness", "double"),
        ("closeness", "double"),
        ("eigenvector", "double"),
        ("hub", "double"),
        ("authority", "double"),
        ("katz", "double"),
        ("community", "integer"),
    ];
    attributes(&mut writer, "node", &node_attributes)?;
    attributes(
        &mut writer,
        "edge",
        &[("kind", "string"), ("evidence_count", "integer")],
    )?;
    writer.write_event(Event::Start(BytesStart::new("nodes")))?;
    for (node, row) in graph.nodes().zip(&metrics.rows) {
        writer.write_event(Event::Start(BytesStart::new("node").with_attributes([
            ("id", xml_safe(&node.id).as_ref()),
            ("label", xml_safe(&node.label).as_ref()),
        ])))?;
        let values = [
            Some(node.kind.name().to_string()),
            Some(row.in_degree.to_string()),
            Some(row.out_degree.to_string()),
            row.pagerank.map(format_float),
            Some(format_float(row.betweenness)),
            Some(format_float(row.closeness)),
            row.eigenvector.map(format_float),
            row.hub.map(format_float),
            row.authority.map(format_float),
            row.katz.map(format_float),
            Some(row.community.to_string()),
        ];
        attribute_values(
            &mut writer,
            node_attributes.iter().map(|(name, _)| *name).zip(values),
        )?;
        writer.write_event(Event::End(BytesEnd::new("node")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("nodes")))?;
    writer.write_event(Event::Start(BytesStart::new("edges")))?;
    for (index, (source, target, edge)) in graph.edges().enumerate() {
        let id = format!("e{index}");
        let weight = format_float(edge.weight);
        writer.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", xml_safe(&source.id).as_ref()),
            ("target", xml_safe(&target.id).as_ref()),
            ("weight", weight.as_str()),
            ("label", edge.kind.name()),
        ])))?;
        attribute_values(
            &mut writer,
            [
                ("kind", Some(edge.kind.name().to_string())),
                ("evidence_count", Some(edge.evidence.len().to_string())),
            ],
        )?;
        writer.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("edges")))?;
    writer.write_event(Event::End(BytesEnd::new("graph")))?;
    writer.write_event(Event::End(BytesEnd::new("gexf")))?;
    writer.get_mut().write_all(b"\n")
}

fn attributes<W: Write>(
    writer: &mut Writer<W>,
    class: &str,
    declared: &[(&str, &str)],
) -> io::Result<()> {
    writer.write_event(Event::Start(
        BytesStart::new("attributes").with_attributes([("class", class)]),
    ))?;
    for (name, kind) in declared {
        writer
            .create_element("attribute")
            .with_attributes([("id", *name), ("title", *name), ("type", *kind)])
            .write_empty()?;
    }
    writer.write_event(Event::End(BytesEnd::new("attributes")))?;
    Ok(())
}

fn attribute_values<'a, W: Write>(
    writer: &mut Writer<W>,
    values: impl IntoIterator<Item = (&'a str, Option<String>)>,
) -> io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new("attvalues")))?;
    for (name, value) in values {
        if let Some(value) = value {
            writer
                .create_element("attvalue")
                .with_attributes([("for", name), ("value", value.as_str())])
                .write_empty()?;
        }
    }
    writer.write_event(Event::End(BytesEnd::new("attvalues")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{CitationInput, Corpus, CorpusInput, DocInput};
    use crate::metrics::MetricsConfig;

    fn graph() -> (CiteGraph, GraphMetrics) {
        let input = CorpusInput {
            documents: vec![DocInput {
                name: "a <&> \"b\".txt".into(),
                label: "A & B".into(),
                ..DocInput::default()
            }],
            citations: ["Locke 2013", "Gereffi 1994", "Locke 2013"]
                .iter()
                .enumerate()
                .map(|(i, key)| CitationInput {
                    doc: 0,
                    work_key: (*key).into(),
                    work_label: (*key).into(),
                    line: i + 1,
                    raw: (*key).into(),
                    ..CitationInput::default()
                })
                .collect(),
            ..CorpusInput::default()
        };
        let graph = Corpus::new(input).graph(GraphKind::Citation);
        let metrics = crate::graph::graph_metrics(&graph, &MetricsConfig::default())
            .unwrap_or_else(|e| panic!("{e}"));
        (graph, metrics)
    }

    #[test]
    fn vosviewer_numbers_nodes_and_sums_links() {
        let (graph, metrics) = graph();
        let (mut map, mut network) = (Vec::new(), Vec::new());
        write_vosviewer(&mut map, &mut network, &graph, &metrics).unwrap_or_else(|e| panic!("{e}"));
        let map = String::from_utf8(map).unwrap_or_default();
        let network = String::from_utf8(network).unwrap_or_default();
        assert_eq!(map.lines().count(), 4, "{map}");
        assert!(map.starts_with("id\tlabel\tcluster\t"));
        // Document 1 links to two works; the Locke link has strength 2.
        assert_eq!(network.lines().count(), 2, "{network}");
        assert!(network.lines().any(|l| l.ends_with("\t2")), "{network}");
    }

    #[test]
    fn gexf_escapes_and_declares_attributes() {
        let (graph, metrics) = graph();
        let mut out = Vec::new();
        write_gexf(&mut out, &graph, &metrics).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.contains(r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#));
        assert!(text.contains("A &amp; B"), "{text}");
        assert!(text.contains(r#"<attribute id="pagerank" title="pagerank" type="double"/>"#));
        assert_eq!(text.matches("<edge ").count(), 2);
        let mut csv = Vec::new();
        write_edges_csv(&mut csv, &graph).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            String::from_utf8(csv).unwrap_or_default().lines().count(),
            3
        );
        let mut all = Vec::new();
        write_all_metrics_csv(&mut all, &[(GraphKind::Citation, &metrics)])
            .unwrap_or_else(|e| panic!("{e}"));
        let all = String::from_utf8(all).unwrap_or_default();
        assert!(all.starts_with("graph,id,kind,label,"));
        assert_eq!(all.lines().count(), 4);
    }
}
