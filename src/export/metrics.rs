//! The output of `citegraph metrics`: one row per node, ranked by PageRank, as a table, CSV or
//! JSON; for an argument graph also each paradigm's supporters and critics.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::graph::{HolderStance, NodeKind, NodeRow};
use crate::metrics::Method;

use super::graphml::method as describe_method;
use super::json::NodeMetricsData;
use super::{format_float, positive_zero, MetricsFormat, MetricsReport};

/// The version of the `metrics` JSON format.
pub const METRICS_JSON_SCHEMA_VERSION: u32 = 1;

/// The CSV columns, in order (also those of the all-graph table after its `graph` column).
pub(crate) const CSV_COLUMNS: [&str; 15] = [
    "id",
    "kind",
    "label",
    "in_degree",
    "out_degree",
    "weighted_in_degree",
    "weighted_out_degree",
    "pagerank",
    "betweenness",
    "closeness",
    "eigenvector",
    "hub",
    "authority",
    "katz",
    "community",
];

/// Longest label printed in a table; longer ones end in "…".
const TABLE_LABEL_WIDTH: usize = 40;

/// Writes `report` in `format`.
///
/// Rows are ranked by PageRank, highest first, then by id, and cut to `report.top`.
///
/// - `table`: a summary (graph kind, node and edge counts, whether betweenness and closeness
///   were exact or sampled and from how many sources, communities, metrics that failed), then
///   aligned columns rounded to 6 decimals, `-` for a metric not computed; for an argument
///   graph, each paradigm's balance, supporters and critics (most central first).
/// - `csv`: the header `id,kind,label,in_degree,out_degree,weighted_in_degree,
///   weighted_out_degree,pagerank,betweenness,closeness,eigenvector,hub,authority,katz,
///   community`, one row per node, an empty field for a metric not computed. CSV has no place
///   for the sampling note: the command prints it on standard error.
/// - `json`, version 1:
///
/// ```text
/// {"version": 1, "graph": "citation", "directed": true, "node_count": 40, "edge_count": 57,
///  "betweenness": {"method": "exact"} | {"method": "sampled", "sources": 1000, "seed": …},
///  "closeness": {…same…}, "communities": 3, "modularity": 0.41|null,
///  "failed": {"eigenvector": "…"},
///  "rows": [{"rank": 1, "id": "work:locke-2013", "kind": "work", "label": "Locke 2013",
///            "in_degree": 3, "out_degree": 0, "weighted_in_degree": 13.0,
///            "weighted_out_degree": 0.0, "pagerank": 0.05|null, "betweenness": 0.0,
///            "closeness": 0.12, "eigenvector": …|null, "hub": …|null, "authority": …|null,
///            "katz": …|null, "community": 1}],
///  "paradigms": [{"id": "paradigm:cooperation", "label": "…", "support": 0.9,
///                 "critique": 2.1, "balance": -0.4|null,
///                 "supporters": [{"id", "kind", "label", "sentences", "mean_confidence",
///                                 "centrality", "first_evidence": "file:line"}],
///                 "critics": […]}]}
/// ```
///
/// `paradigms` is empty except for argument graphs. Floats are the shortest decimals that read
/// back as the same doubles.
///
/// # Errors
/// Any error of the writer.
pub fn write_metrics(
    out: &mut dyn Write,
    format: MetricsFormat,
    report: &MetricsReport<'_>,
) -> io::Result<()> {
    let mut rows = report.metrics.ranked();
    if let Some(top) = report.top {
        rows.truncate(top);
    }
    match format {
        MetricsFormat::Table => write_table(out, report, &rows),
        MetricsFormat::Csv => write_csv(out, &rows),
        MetricsFormat::Json => write_json(out, report, &rows),
    }
}

fn optional(value: Option<f64>) -> String {
    value.map(format_float).unwrap_or_default()
}

fn write_csv(out: &mut dyn Write, rows: &[&NodeRow]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    for row in rows {
        writer.write_record([
            row.id.as_str(),
            row.kind.name(),
            row.label.as_str(),
            &row.in_degree.to_string(),
            &row.out_degree.to_string(),
            &format_float(row.weighted_in_degree),
            &format_float(row.weighted_out_degree),
            &optional(row.pagerank),
            &format_float(row.betweenness),
            &format_float(row.closeness),
            &optional(row.eigenvector),
            &optional(row.hub),
            &optional(row.authority),
            &optional(row.katz),
            &row.community.to_string(),
        ])?;
    }
    writer.flush()
}

#[derive(Serialize)]
struct JsonRow<'a> {
    rank: usize,
    id: &'a str,
    kind: NodeKind,
    label: &'a str,
    #[serde(flatten)]
    metrics: NodeMetricsData,
}

#[derive(Serialize)]
struct JsonHolder<'a> {
    id: &'a str,
    kind: NodeKind,
    label: &'a str,
    sentences: usize,
    mean_confidence: Option<f64>,
    centrality: Option<f64>,
    first_evidence: Option<&'a str>,
}

impl<'a> JsonHolder<'a> {
    fn new(holder: &'a HolderStance) -> Self {
        Self {
            id: &holder.id,
            kind: holder.kind,
            label: &holder.label,
            sentences: holder.sentences,
            mean_confidence: holder.mean_confidence,
            centrality: holder.centrality.map(positive_zero),
            first_evidence: holder.first_evidence.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct JsonParadigm<'a> {
    id: &'a str,
    label: &'a str,
    support: f64,
    critique: f64,
    balance: Option<f64>,
    supporters: Vec<JsonHolder<'a>>,
    critics: Vec<JsonHolder<'a>>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    graph: &'static str,
    directed: bool,
    node_count: usize,
    edge_count: usize,
    betweenness: Method,
    closeness: Method,
    communities: usize,
    modularity: Option<f64>,
    failed: BTreeMap<&'static str, String>,
    rows: Vec<JsonRow<'a>>,
    paradigms: Vec<JsonParadigm<'a>>,
}

fn write_json(
    out: &mut dyn Write,
    report: &MetricsReport<'_>,
    rows: &[&NodeRow],
) -> io::Result<()> {
    let take = report.top.unwrap_or(usize::MAX);
    let metrics = report.metrics;
    let document = JsonReport {
        version: METRICS_JSON_SCHEMA_VERSION,
        graph: report.graph.kind().name(),
        directed: report.graph.is_directed(),
        node_count: report.graph.node_count(),
        edge_count: report.graph.edge_count(),
        betweenness: metrics.betweenness_method,
        closeness: metrics.closeness_method,
        communities: metrics.community_count,
        modularity: metrics.modularity.map(positive_zero),
        failed: metrics
            .failures
            .iter()
            .map(|(name, error)| (*name, error.to_string()))
            .collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(index, row)| JsonRow {
                rank: index + 1,
                id: &row.id,
                kind: row.kind,
                label: &row.label,
                metrics: NodeMetricsData::new(row),
            })
            .collect(),
        paradigms: report
            .paradigms
            .iter()
            .map(|summary| JsonParadigm {
                id: &summary.id,
                label: &summary.label,
                support: positive_zero(summary.support),
                critique: positive_zero(summary.critique),
                balance: summary.balance.map(positive_zero),
                supporters: summary
                    .supporters
                    .iter()
                    .take(take)
                    .map(JsonHolder::new)
                    .collect(),
                critics: summary
                    .critics
                    .iter()
                    .take(take)
                    .map(JsonHolder::new)
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

/// A value rounded for people, `-` when missing.
fn rounded(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{:.6}", positive_zero(v)))
}

/// A label cut to `TABLE_LABEL_WIDTH` characters.
fn short_label(label: &str) -> String {
    if label.chars().count() <= TABLE_LABEL_WIDTH {
        label.to_string()
    } else {
        let mut cut: String = label.chars().take(TABLE_LABEL_WIDTH - 1).collect();
        cut.push('…');
        cut
    }
}

/// "exact", or "sampled from N sources (seed S)", for the table's summary.
fn sampling_note(name: &str, method: Method) -> String {
    format!("{name} {}", describe_method(method))
}

fn write_table(
    out: &mut dyn Write,
    report: &MetricsReport<'_>,
    rows: &[&NodeRow],
) -> io::Result<()> {
    let graph = report.graph;
    let metrics = report.metrics;
    writeln!(
        out,
        "{} graph: {} nodes, {} edges, {}",
        graph.kind(),
        graph.node_count(),
        graph.edge_count(),
        if graph.is_directed() {
            "directed"
        } else {
            "undirected"
        }
    )?;
    writeln!(
        out,
        "{}; {}",
        sampling_note("betweenness", metrics.betweenness_method),
        sampling_note("closeness", metrics.closeness_method)
    )?;
    let modularity = metrics.modularity.map_or_else(
        || "none".to_string(),
        |m| format!("{:.6}", positive_zero(m)),
    );
    writeln!(
        out,
        "communities: {}, modularity {modularity}",
        metrics.community_count
    )?;
    for (name, error) in &metrics.failures {
        writeln!(out, "{name}: not computed: {error}")?;
    }
    if rows.len() < metrics.rows.len() {
        writeln!(
            out,
            "showing the top {} of {} nodes by PageRank",
            rows.len(),
            metrics.rows.len()
        )?;
    }
    writeln!(out)?;
    let header: Vec<String> = [
        "rank",
        "id",
        "kind",
        "label",
        "in",
        "out",
        "w_in",
        "w_out",
        "pagerank",
        "betweenness",
        "closeness",
        "eigenvector",
        "hub",
        "authority",
        "katz",
        "community",
    ]
    .iter()
    .map(|h| (*h).to_string())
    .collect();
    let mut table: Vec<Vec<String>> = vec![header];
    for (index, row) in rows.iter().enumerate() {
        table.push(vec![
            (index + 1).to_string(),
            row.id.clone(),
            row.kind.name().to_string(),
            short_label(&row.label),
            row.in_degree.to_string(),
            row.out_degree.to_string(),
            format_float(row.weighted_in_degree),
            format_float(row.weighted_out_degree),
            rounded(row.pagerank),
            rounded(Some(row.betweenness)),
            rounded(Some(row.closeness)),
            rounded(row.eigenvector),
            rounded(row.hub),
            rounded(row.authority),
            rounded(row.katz),
            row.community.to_string(),
        ]);
    }
    // Columns 1..=3 (id, kind, label) are text, aligned left; the others are numbers.
    write_aligned(out, &table, |column| (1..=3).contains(&column))?;
    if !report.paradigms.is_empty() {
        writeln!(out)?;
        write_paradigms(out, report)?;
    }
    Ok(())
}

/// Writes `table` in columns two spaces apart, numbers aligned right.
fn write_aligned(
    out: &mut dyn Write,
    table: &[Vec<String>],
    is_text: impl Fn(usize) -> bool,
) -> io::Result<()> {
    let columns = table.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            table
                .iter()
                .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in table {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            if column > 0 {
                line.push_str("  ");
            }
            let padding = " ".repeat(widths[column].saturating_sub(cell.chars().count()));
            if is_text(column) {
                line.push_str(cell);
                line.push_str(&padding);
            } else {
                line.push_str(&padding);
                line.push_str(cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn write_paradigms(out: &mut dyn Write, report: &MetricsReport<'_>) -> io::Result<()> {
    let take = report.top.unwrap_or(usize::MAX);
    writeln!(
        out,
        "paradigms (holders most central first: PageRank in the citation graph)"
    )?;
    for summary in report.paradigms {
        let balance = summary.balance.map_or_else(
            || "none".to_string(),
            |b| format!("{:+.3}", positive_zero(b)),
        );
        writeln!(
            out,
            "{} ({}): {}, {}; balance {balance} (support {:.3}, critique {:.3})",
            summary.id,
            summary.label,
            count(summary.supporters.len(), "supporter"),
            count(summary.critics.len(), "critic"),
            summary.support,
            summary.critique
        )?;
        let mut table: Vec<Vec<String>> = Vec::new();
        let sides = [
            ("supports", &summary.supporters),
            ("critiques", &summary.critics),
        ];
        for (stance, holders) in sides {
            for holder in holders.iter().take(take) {
                table.push(vec![
                    format!("  {stance}"),
                    holder.id.clone(),
                    short_label(&holder.label),
                    count(holder.sentences, "sentence"),
                    format!("confidence {}", rounded(holder.mean_confidence)),
                    format!("centrality {}", rounded(holder.centrality)),
                    holder
                        .first_evidence
                        .as_ref()
                        .map_or_else(String::new, |e| format!("first at {e}")),
                ]);
            }
        }
        write_aligned(out, &table, |_| true)?;
    }
    Ok(())
}

/// "1 critic", "2 critics".
fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}
