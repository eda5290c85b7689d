//! DOT for a [`Diagram`]: built from graphviz-rust structures, every id and value through
//! [`quoted`], printed with graphviz-rust's printer.
//!
//! What the drawing encodes:
//! - paradigms are bold boxes, all in one column on the right of an argument map, labelled
//!   with how many holders support and critique them; documents are folded pages filled light
//!   blue; works and authors are ellipses;
//! - supports: green (#009E73) solid line, filled arrow; critiques: vermilion (#D55E00) dashed
//!   line ending in a bar; mentions: gray dotted line, open arrow; cites: dark gray, thin arrow;
//! - line width grows with the edge's weight (log scale, same in every diagram); supports and
//!   critiques edges of weight 2 or more carry the number of sentences;
//! - node size and font size grow with the size metric (e.g. PageRank), by area;
//! - clusters (boxes) by a node's `cluster` field or by community, when the engine draws them;
//!   in co-citation, coupling and co-author maps communities also tint the fill;
//! - tooltips (SVG) name each node and, for each edge, the sentences behind it with file:line;
//! - a legend cluster explains the kinds and encodings present; a pruned diagram says what
//!   was cut under its title.
//!
//! Nodes are sorted by id and edges by (source, target, kind), numbers are printed with fixed
//! precision: the same diagram gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use serde::{Deserialize, Serialize};

use super::diagram::{
    clean_value, Diagram, DiagramEdge, DiagramError, DiagramKind, DiagramNode, EdgeKind, NodeKind,
    RESERVED_ID_PREFIX,
};
use super::graphviz::Engine;
use super::prune::{prune, Cut, RankBy};
use super::quote::{number, quoted, truncate, wrap};
use super::style::{font_size, min_width, penwidth, Style, FONT};

/// Node labels are wrapped at this many characters.
const LABEL_WIDTH: usize = 22;
/// Evidence sentences in a tooltip are cut at this many characters.
const TOOLTIP_SENTENCE: usize = 280;
/// Node kinds in the order the legend lists them.
const LEGEND_NODE_KINDS: [NodeKind; 4] = [
    NodeKind::Paradigm,
    NodeKind::Document,
    NodeKind::Work,
    NodeKind::Author,
];
/// Holders named in a paradigm's tooltip.
const TOOLTIP_NAMES: usize = 40;
/// The default of [`DotOptions::max_nodes`].
pub const DEFAULT_MAX_NODES: usize = 150;

/// What to draw as clusters (boxes around groups of nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClusterBy {
    /// No clusters.
    None,
    /// The nodes' `cluster` field (nodes without one stay outside).
    #[default]
    Field,
    /// The nodes' community ("community 3").
    Community,
}

/// Which layout engine to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineChoice {
    /// By graph size ([`Engine::choose`]).
    #[default]
    Auto,
    /// This one.
    Fixed(Engine),
}

/// How a diagram is turned into DOT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotOptions {
    /// Colour or grayscale print.
    pub style: Style,
    /// What clusters to draw.
    pub clusters: ClusterBy,
    /// Draw a legend.
    pub legend: bool,
    /// Keep at most this many nodes (see [`prune`]); `None` keeps all.
    pub max_nodes: Option<usize>,
    /// What nodes are ranked by when pruning.
    pub rank_by: RankBy,
    /// Evidence sentences shown in an edge's tooltip.
    pub tooltip_evidence: usize,
    /// The layout engine.
    pub engine: EngineChoice,
}

impl Default for DotOptions {
    fn default() -> Self {
        Self {
            style: Style::Color,
            clusters: ClusterBy::Field,
            legend: true,
            max_nodes: Some(DEFAULT_MAX_NODES),
            rank_by: RankBy::Size,
            tooltip_evidence: 5,
            engine: EngineChoice::Auto,
        }
    }
}

/// A diagram as a DOT graph, with the engine chosen for it and what pruning cut.
#[derive(Debug, Clone, PartialEq)]
pub struct DotDiagram {
    /// The graphviz-rust graph.
    pub graph: Graph,
    /// The engine named in it (`layout=`).
    pub engine: Engine,
    /// What was left out, when the diagram was pruned.
    pub cut: Option<Cut>,
    /// Nodes drawn (without the legend).
    pub nodes: usize,
    /// Edges drawn (without the legend).
    pub edges: usize,
}

impl DotDiagram {
    /// The DOT text, printed by graphviz-rust, ending with a line break.
    #[must_use]
    pub fn text(&self) -> String {
        let mut text = self.graph.print(&mut PrinterContext::default());
        text.push('\n');
        text
    }
}

/// An attribute whose name is one of ours and whose value is quoted.
/// The longest attribute value, in characters. Graphviz rejects a quoted string over 16384
/// bytes ("syntax error … longer than 16384?"); 3000 characters stay under it even when every
/// character takes four bytes, or two once escaped.
const MAX_VALUE_CHARS: usize = 3000;

fn attr(name: &'static str, value: &str) -> Attribute {
    Attribute(
        Id::Plain(name.to_string()),
        quoted(&truncate(value, MAX_VALUE_CHARS)),
    )
}

/// A numeric attribute, printed with at most `decimals` places.
fn num(name: &'static str, value: f64, decimals: usize) -> Attribute {
    attr(name, &number(value, decimals))
}

fn node_stmt(id: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(quoted(id), None), attributes))
}

fn edge_stmt(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(from), None)),
            Vertex::N(NodeId(quoted(to), None)),
        ),
        attributes,
    })
}

/// Whether the diagram links nodes without direction and is coloured by community.
fn is_association(kind: DiagramKind) -> bool {
    matches!(
        kind,
        DiagramKind::Cocitation
            | DiagramKind::Coupling
            | DiagramKind::Coauthor
            | DiagramKind::AuthorCocitation
    )
}

/// Holders of one side, by paradigm id: each holder's label by its id.
type Side<'a> = BTreeMap<&'a str, BTreeMap<&'a str, &'a str>>;

/// Who supports and who critiques each paradigm (distinct holders, by id).
struct Stances<'a> {
    supporters: Side<'a>,
    critics: Side<'a>,
}

impl<'a> Stances<'a> {
    fn of(diagram: &'a Diagram) -> Self {
        let labels: BTreeMap<&str, &str> = diagram
            .nodes
            .iter()
            .map(|node| (node.id.as_str(), node.label.as_str()))
            .collect();
        let paradigms: BTreeSet<&str> = diagram
            .nodes
            .iter()
            .filter(|node| node.kind == NodeKind::Paradigm)
            .map(|node| node.id.as_str())
            .collect();
        let mut stances = Stances {
            supporters: BTreeMap::new(),
            critics: BTreeMap::new(),
        };
        for edge in &diagram.edges {
            if !paradigms.contains(edge.to.as_str()) {
                continue;
            }
            let holder = labels.get(edge.from.as_str()).copied().unwrap_or("");
            let side = match edge.kind {
                EdgeKind::Supports => &mut stances.supporters,
                EdgeKind::Critiques => &mut stances.critics,
                _ => continue,
            };
            side.entry(edge.to.as_str())
                .or_default()
                .insert(edge.from.as_str(), holder);
        }
        stances
    }

    fn count(side: &Side<'_>, id: &str) -> usize {
        side.get(id).map_or(0, BTreeMap::len)
    }

    /// The holders' labels in label order, at most [`TOOLTIP_NAMES`] of them.
    fn names(side: &Side<'_>, id: &str) -> String {
        let mut names: Vec<&str> = side
            .get(id)
            .map(|holders| holders.values().copied().collect())
            .unwrap_or_default();
        names.sort_unstable();
        if names.len() > TOOLTIP_NAMES {
            let more = names.len() - TOOLTIP_NAMES;
            names.truncate(TOOLTIP_NAMES);
            format!("{}; … and {more} more (see the report)", names.join("; "))
        } else {
            names.join("; ")
        }
    }
}

/// Builds the DOT graph of `diagram`: validates it, prunes it to `options.max_nodes`, chooses
/// the engine, and styles every node and edge.
///
/// # Errors
/// [`DiagramError`] when the diagram is not valid ([`Diagram::validate`]).
pub fn build_dot(diagram: &Diagram, options: &DotOptions) -> Result<DotDiagram, DiagramError> {
    diagram.validate()?;
    // Paradigm labels count holders in the whole diagram, not only those drawn.
    let stances = Stances::of(diagram);
    let (mut shown, cut) = match options.max_nodes {
        Some(max) => prune(diagram, max, &options.rank_by),
        None => (diagram.clone(), None),
    };
    shown.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    shown
        .edges
        .sort_by(|a, b| (&a.from, &a.to, a.kind).cmp(&(&b.from, &b.to, b.kind)));

    let wants_clusters = match options.clusters {
        ClusterBy::None => false,
        ClusterBy::Field => shown.nodes.iter().any(|n| n.cluster.is_some()),
        ClusterBy::Community => shown.nodes.iter().any(|n| n.community.is_some()),
    };
    let engine = match options.engine {
        EngineChoice::Fixed(engine) => engine,
        EngineChoice::Auto => Engine::choose(shown.directed, shown.nodes.len(), shown.edges.len()),
    };

    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attributes(
            &shown,
            engine,
            cut.as_ref(),
        ))),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr("fontsize", "10"),
            attr("margin", "0.08,0.04"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("fontsize", "9"),
            attr("arrowsize", "0.8"),
        ])),
    ];

    let max_size = shown
        .nodes
        .iter()
        .filter(|node| node.kind != NodeKind::Paradigm)
        .map(|node| clean_value(node.size_metric))
        .fold(0.0, f64::max);
    let color_communities = is_association(shown.kind);
    let mut clusters: BTreeMap<(usize, String), Vec<Stmt>> = BTreeMap::new();
    for node in &shown.nodes {
        let stmt = node_stmt(
            &node.id,
            node_attributes(
                node,
                &shown,
                options.style,
                max_size,
                color_communities,
                &stances,
            ),
        );
        let key = if wants_clusters && engine.draws_clusters() {
            match options.clusters {
                ClusterBy::None => None,
                ClusterBy::Field => node.cluster.clone().map(|name| (0, name)),
                ClusterBy::Community => node
                    .community
                    .map(|community| (community, format!("community {community}"))),
            }
        } else {
            None
        };
        match key {
            Some(key) => clusters.entry(key).or_default().push(stmt),
            None => stmts.push(stmt),
        }
    }
    for (index, ((_, name), members)) in clusters.into_iter().enumerate() {
        let mut cluster = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &name),
            attr("style", "rounded"),
            attr("color", options.style.cluster_color()),
            attr("fontcolor", options.style.cluster_color()),
            attr("fontsize", "11"),
        ]))];
        cluster.extend(members);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: quoted(&format!("cluster_{index}")),
            stmts: cluster,
        }));
    }

    // Spring engines ignore cluster boxes, so a legend cluster would be scattered over the
    // drawing: they get the legend as one boxed node instead.
    let legend = options.legend.then(|| {
        if engine.draws_clusters() {
            legend(&shown, options.style, color_communities)
        } else {
            legend_node(&shown, options.style, color_communities)
        }
    });
    if shown.kind == DiagramKind::Argument && engine == Engine::Dot {
        // Paradigms in one column on the right; the legend's left column beside them, so it
        // sits in the right-hand margin above or below the paradigms.
        let mut column = vec![Stmt::Attribute(attr("rank", "same"))];
        let paradigms = shown
            .nodes
            .iter()
            .filter(|node| node.kind == NodeKind::Paradigm)
            .map(|node| node.id.as_str());
        let legend_column = legend
            .iter()
            .flat_map(|legend| legend.column.iter().map(String::as_str));
        column.extend(
            paradigms
                .chain(legend_column)
                .map(|id| node_stmt(id, Vec::new())),
        );
        if column.len() > 2 {
            stmts.push(Stmt::Subgraph(Subgraph {
                id: quoted("paradigms"),
                stmts: column,
            }));
        }
    }

    let labels: BTreeMap<&str, &str> = shown
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), node.label.as_str()))
        .collect();
    for edge in &shown.edges {
        stmts.push(edge_stmt(
            &edge.from,
            &edge.to,
            edge_attributes(edge, &shown, options, &labels),
        ));
    }

    if let Some(legend) = legend {
        stmts.push(legend.cluster);
    }

    let id = quoted(&shown.title);
    let graph = if shown.directed {
        Graph::DiGraph {
            id,
            strict: false,
            stmts,
        }
    } else {
        Graph::Graph {
            id,
            strict: false,
            stmts,
        }
    };
    Ok(DotDiagram {
        graph,
        engine,
        cut,
        nodes: shown.nodes.len(),
        edges: shown.edges.len(),
    })
}

/// The graph's own attributes: title (and what was cut), font, engine and its settings.
fn graph_attributes(diagram: &Diagram, engine: Engine, cut: Option<&Cut>) -> Vec<Attribute> {
    let mut label = diagram.title.clone();
    if let Some(cut) = cut {
        label.push('\n');
        label.push_str(&wrap(&format!("Pruned: {}", cut.summary()), 100));
    }
    let mut attributes = vec![
        attr("layout", engine.name()),
        attr("label", &label),
        attr("labelloc", "t"),
        attr("fontname", FONT),
        attr("fontsize", "14"),
        attr("bgcolor", "white"),
        attr("pad", "0.3"),
        attr("outputorder", "edgesfirst"),
        attr("forcelabels", "true"),
    ];
    match engine {
        Engine::Dot => {
            if diagram.directed {
                attributes.push(attr("rankdir", "LR"));
            }
            attributes.extend([
                attr("newrank", "true"),
                attr("nodesep", "0.22"),
                attr("ranksep", "0.9"),
            ]);
        }
        Engine::Neato | Engine::Fdp => {
            attributes.extend([
                attr("overlap", "prism"),
                attr("sep", "+6"),
                attr("splines", "true"),
                attr("start", "1"),
            ]);
        }
        Engine::Sfdp => {
            attributes.extend([
                attr("overlap", "prism"),
                attr("splines", "false"),
                attr("start", "1"),
            ]);
        }
    }
    attributes
}

fn node_attributes(
    node: &DiagramNode,
    diagram: &Diagram,
    style: Style,
    max_size: f64,
    color_communities: bool,
    stances: &Stances<'_>,
) -> Vec<Attribute> {
    let look = style.node(node.kind);
    let fill = node
        .community
        .filter(|_| color_communities)
        .and_then(|community| style.community_fill(community))
        .unwrap_or(look.fill);
    let mut tooltip = format!("{} ({})", node.label, node.kind.name());
    if !node.tooltip.is_empty() {
        tooltip.push('\n');
        tooltip.push_str(&node.tooltip);
    }
    let (label, fontsize, width) = if node.kind == NodeKind::Paradigm {
        let supporters = Stances::count(&stances.supporters, &node.id);
        let critics = Stances::count(&stances.critics, &node.id);
        for (side, names) in [
            (
                "supported by",
                Stances::names(&stances.supporters, &node.id),
            ),
            ("critiqued by", Stances::names(&stances.critics, &node.id)),
        ] {
            if !names.is_empty() {
                tooltip.push_str(&format!("\n{side}: {names}"));
            }
        }
        let label = format!(
            "{}\nsupported by {supporters} · critiqued by {critics}",
            wrap(&node.label, 30)
        );
        (label, 13.0, 1.6)
    } else {
        let size = clean_value(node.size_metric);
        tooltip.push_str(&format!("\n{}: {}", diagram.size_metric, number(size, 4)));
        (
            wrap(&node.label, LABEL_WIDTH),
            font_size(size, max_size),
            min_width(size, max_size),
        )
    };
    if let Some(community) = node.community {
        tooltip.push_str(&format!("\ncommunity {community}"));
    }
    vec![
        attr("label", &label),
        attr("shape", look.shape),
        attr("style", look.style),
        attr("fillcolor", fill),
        attr("color", look.outline),
        num("penwidth", look.penwidth, 2),
        num("fontsize", fontsize, 1),
        num("width", width, 2),
        attr("tooltip", &tooltip),
    ]
}

fn edge_attributes(
    edge: &DiagramEdge,
    diagram: &Diagram,
    options: &DotOptions,
    labels: &BTreeMap<&str, &str>,
) -> Vec<Attribute> {
    let look = options.style.edge(edge.kind);
    let weight = clean_value(edge.weight);
    let from = labels.get(edge.from.as_str()).copied().unwrap_or("");
    let to = labels.get(edge.to.as_str()).copied().unwrap_or("");
    let mut tooltip = format!(
        "{from} {} {to}: {}",
        edge.kind.verb(),
        super::diagram::weight_with_unit(edge.kind, weight)
    );
    for evidence in edge.evidence.iter().take(options.tooltip_evidence) {
        tooltip.push_str(&format!(
            "\n{}: {}",
            evidence.location(),
            truncate(&evidence.text.replace('\n', " "), TOOLTIP_SENTENCE)
        ));
    }
    if edge.evidence.len() > options.tooltip_evidence {
        tooltip.push_str(&format!(
            "\n… and {} more (see the report)",
            edge.evidence.len() - options.tooltip_evidence
        ));
    }
    let mut attributes = vec![
        attr("color", look.color),
        attr("style", look.style),
        num("penwidth", penwidth(weight), 2),
        attr("tooltip", &tooltip),
    ];
    if diagram.directed {
        attributes.push(attr("arrowhead", look.arrowhead));
    }
    let counted = matches!(edge.kind, EdgeKind::Supports | EdgeKind::Critiques);
    if counted && weight >= 2.0 {
        // An external label: placed after layout, so it stays by its line.
        attributes.push(attr("xlabel", &number(weight, 2)));
        attributes.push(attr("fontcolor", look.color));
        attributes.push(attr("fontsize", "10"));
    }
    attributes
}

/// The legend cluster, and the ids of its left column (ranked beside the paradigms).
struct Legend {
    cluster: Stmt,
    column: Vec<String>,
}

/// The legend: a sample of every edge and node kind drawn, and what sizes, widths and numbers
/// mean.
fn legend(diagram: &Diagram, style: Style, color_communities: bool) -> Legend {
    let id = |part: &str| format!("{RESERVED_ID_PREFIX}{part}");
    let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", "Legend"),
        attr("style", "rounded"),
        attr("color", style.cluster_color()),
        attr("fontcolor", "#000000"),
        attr("fontsize", "11"),
        attr("margin", "10"),
    ]))];
    let mut column = Vec::new();
    let edge_kinds: BTreeSet<EdgeKind> = diagram.edges.iter().map(|edge| edge.kind).collect();
    for kind in EdgeKind::ALL {
        if !edge_kinds.contains(&kind) {
            continue;
        }
        let look = style.edge(kind);
        let (from, to) = (
            id(&format!("{}:from", kind.name())),
            id(&format!("{}:to", kind.name())),
        );
        // "supports ——▶": the name on the left, in the column beside the paradigms, then a
        // sample line to a point.
        column.push(from.clone());
        stmts.push(node_stmt(
            &from,
            vec![
                attr("label", kind.verb()),
                attr("shape", "plaintext"),
                attr("fontsize", "10"),
                attr("height", "0.25"),
            ],
        ));
        stmts.push(node_stmt(
            &to,
            vec![
                attr("label", ""),
                attr("shape", "point"),
                attr("width", "0.05"),
                attr("style", "invis"),
            ],
        ));
        let mut attributes = vec![
            attr("color", look.color),
            attr("style", look.style),
            attr("penwidth", "1.5"),
            // Keeps the sample line straight.
            attr("weight", "100"),
            attr("tooltip", kind.verb()),
        ];
        if diagram.directed {
            attributes.push(attr("arrowhead", look.arrowhead));
        }
        stmts.push(edge_stmt(&from, &to, attributes));
    }
    let node_kinds: BTreeSet<NodeKind> = diagram.nodes.iter().map(|node| node.kind).collect();
    for kind in LEGEND_NODE_KINDS {
        if !node_kinds.contains(&kind) {
            continue;
        }
        let look = style.node(kind);
        column.push(id(kind.name()));
        stmts.push(node_stmt(
            &id(kind.name()),
            vec![
                attr("label", look.legend),
                attr("shape", look.shape),
                attr("style", look.style),
                attr("fillcolor", look.fill),
                attr("color", look.outline),
                num("penwidth", look.penwidth, 2),
                attr("fontsize", "9"),
                attr("width", "0.6"),
                attr("height", "0.3"),
                attr("tooltip", look.legend),
            ],
        ));
    }
    let notes = legend_notes(diagram, &edge_kinds, style, color_communities);
    if !notes.is_empty() {
        column.push(id("notes"));
        stmts.push(node_stmt(
            &id("notes"),
            vec![
                attr("label", &notes.join("\n")),
                attr("shape", "plaintext"),
                attr("fontsize", "9"),
            ],
        ));
    }
    Legend {
        cluster: Stmt::Subgraph(Subgraph {
            id: quoted("cluster_legend"),
            stmts,
        }),
        column,
    }
}

/// What sizes, widths and fill colours mean, one line each.
fn legend_notes(
    diagram: &Diagram,
    edge_kinds: &BTreeSet<EdgeKind>,
    style: Style,
    color_communities: bool,
) -> Vec<String> {
    let mut notes = Vec::new();
    if diagram
        .nodes
        .iter()
        .any(|node| node.kind != NodeKind::Paradigm && clean_value(node.size_metric) > 0.0)
    {
        notes.push(format!("node size: {}", diagram.size_metric));
    }
    let stance = [EdgeKind::Supports, EdgeKind::Critiques];
    if stance.iter().any(|kind| edge_kinds.contains(kind)) {
        notes.push("line width and number: sentences of evidence".to_string());
    }
    let mut by_unit: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for kind in edge_kinds.iter().filter(|kind| !stance.contains(kind)) {
        by_unit
            .entry(kind.weight_unit())
            .or_default()
            .push(kind.verb());
    }
    let single = by_unit.len() == 1 && !stance.iter().any(|kind| edge_kinds.contains(kind));
    for (unit, verbs) in by_unit {
        if single {
            notes.push(format!("line width: number of {unit}"));
        } else {
            notes.push(format!("{}: width by number of {unit}", verbs.join(", ")));
        }
    }
    if color_communities
        && diagram.nodes.iter().any(|node| node.community.is_some())
        && style == Style::Color
    {
        notes.push("fill colour: community".to_string());
    }
    notes
}

/// The legend as one boxed text node, for engines that do not draw clusters: each line style
/// and node shape drawn, then what sizes, widths and colours mean.
fn legend_node(diagram: &Diagram, style: Style, color_communities: bool) -> Legend {
    let mut lines = vec!["Legend".to_string()];
    let edge_kinds: BTreeSet<EdgeKind> = diagram.edges.iter().map(|edge| edge.kind).collect();
    for kind in EdgeKind::ALL {
        if edge_kinds.contains(&kind) {
            lines.push(format!("{} line: {}", style.edge(kind).style, kind.verb()));
        }
    }
    let node_kinds: BTreeSet<NodeKind> = diagram.nodes.iter().map(|node| node.kind).collect();
    for kind in LEGEND_NODE_KINDS {
        if node_kinds.contains(&kind) {
            let look = style.node(kind);
            let shape = match look.shape {
                "note" => "folded box",
                other => other,
            };
            lines.push(format!("{shape}: {}", look.legend));
        }
    }
    lines.extend(legend_notes(diagram, &edge_kinds, style, color_communities));
    let id = format!("{RESERVED_ID_PREFIX}legend");
    let label = lines.join("\n");
    Legend {
        cluster: node_stmt(
            &id,
            vec![
                attr("label", &label),
                attr("shape", "box"),
                attr("style", "rounded"),
                attr("color", style.cluster_color()),
                attr("fontsize", "9"),
                attr("tooltip", "legend"),
            ],
        ),
        column: vec![id],
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::render::diagram::{DiagramNode, Evidence};

    fn node(id: &str, kind: NodeKind, label: &str) -> DiagramNode {
        DiagramNode {
            id: id.into(),
            kind,
            label: label.into(),
            size_metric: 0.0,
            community: None,
            cluster: None,
            tooltip: String::new(),
            metrics: BTreeMap::new(),
        }
    }

    fn stance(from: &str, kind: EdgeKind) -> DiagramEdge {
        DiagramEdge {
            from: from.into(),
            to: "p".into(),
            kind,
            weight: 1.0,
            evidence: vec![Evidence {
                file: "a.txt".into(),
                line: Some(1),
                text: "s".into(),
                cue: None,
            }],
        }
    }

    #[test]
    fn paradigm_labels_count_distinct_holders_even_with_equal_labels() {
        let diagram = Diagram {
            title: "t".into(),
            kind: DiagramKind::Argument,
            directed: true,
            size_metric: "PageRank".into(),
            nodes: vec![
                node("p", NodeKind::Paradigm, "P"),
                node("a", NodeKind::Work, "Smith 2001"),
                node("b", NodeKind::Work, "Smith 2001"),
                node("c", NodeKind::Document, "Jones 2010"),
            ],
            edges: vec![
                stance("a", EdgeKind::Supports),
                stance("b", EdgeKind::Supports),
                stance("c", EdgeKind::Critiques),
                stance("c", EdgeKind::Mentions),
            ],
        };
        let text = build_dot(&diagram, &DotOptions::default())
            .expect("valid")
            .text();
        assert!(
            text.contains(r#"label="P\nsupported by 2 · critiqued by 1""#),
            "{text}"
        );
        assert!(text.contains(r"supported by: Smith 2001; Smith 2001\ncritiqued by: Jones 2010"));
    }

    #[test]
    fn clusters_are_drawn_only_by_engines_that_draw_them() {
        let mut diagram = Diagram {
            title: "t".into(),
            kind: DiagramKind::Citation,
            directed: true,
            size_metric: "PageRank".into(),
            nodes: vec![
                node("a", NodeKind::Document, "A"),
                node("b", NodeKind::Work, "B"),
            ],
            edges: vec![],
        };
        diagram.nodes[1].cluster = Some("compliance".into());
        let dot = build_dot(&diagram, &DotOptions::default())
            .expect("valid")
            .text();
        assert!(dot.contains("subgraph \"cluster_0\""));
        assert!(dot.contains("label=\"compliance\""));
        let sfdp = DotOptions {
            engine: EngineChoice::Fixed(Engine::Sfdp),
            ..DotOptions::default()
        };
        let dot = build_dot(&diagram, &sfdp).expect("valid").text();
        assert!(!dot.contains("cluster_0"));
        let none = DotOptions {
            clusters: ClusterBy::None,
            legend: false,
            ..DotOptions::default()
        };
        let dot = build_dot(&diagram, &none).expect("valid").text();
        assert!(!dot.contains("subgraph"));
    }
}
