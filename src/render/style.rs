//! How a diagram looks: the colour-blind-safe colour style and the grayscale print style, the
//! look of each node and edge kind, and how weights and metrics become sizes.
//!
//! Colours are from the Okabe–Ito palette, which stays distinct for the common forms of colour
//! blindness. Colour is never the only cue: supports is a solid line with a filled arrow,
//! critiques a dashed line ending in a bar (⊣), mentions a dotted line with an open arrow; node
//! kinds differ by shape (paradigm: box, document: folded page, work and author: ellipse).

use serde::{Deserialize, Serialize};

use super::diagram::{clean_value, EdgeKind, NodeKind};

/// The look of a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Okabe–Ito colours, for screens and colour print.
    #[default]
    Color,
    /// Black, white and grays only, for grayscale print; the same dashes, arrowheads and shapes.
    Print,
}

/// The font of every diagram (Graphviz maps it to Liberation Sans or Arial where Helvetica is
/// missing; the metrics are the same).
pub const FONT: &str = "Helvetica";

/// The look of one node kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeLook {
    /// Graphviz shape.
    pub shape: &'static str,
    /// Graphviz style.
    pub style: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// Outline colour.
    pub outline: &'static str,
    /// Outline width.
    pub penwidth: f64,
    /// What the legend calls it.
    pub legend: &'static str,
}

/// The look of one edge kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeLook {
    /// Line colour (and the colour of its label).
    pub color: &'static str,
    /// Graphviz style: solid, dashed or dotted.
    pub style: &'static str,
    /// Arrowhead of directed edges.
    pub arrowhead: &'static str,
}

/// Okabe–Ito: bluish green.
pub const GREEN: &str = "#009E73";
/// Okabe–Ito: vermilion.
pub const VERMILION: &str = "#D55E00";
/// Okabe–Ito: blue.
pub const BLUE: &str = "#0072B2";

/// Light tints of the Okabe–Ito colours (orange, sky blue, bluish green, yellow, blue,
/// vermilion, reddish purple) filling the nodes of each community, cycling after seven.
const COMMUNITY_TINTS: [&str; 7] = [
    "#FBE2B3", "#CCE8F8", "#B3E2D5", "#FAF6C1", "#B3D4E8", "#F2CFB3", "#F0D7E6",
];

impl Style {
    /// The look of nodes of `kind`.
    #[must_use]
    pub fn node(self, kind: NodeKind) -> NodeLook {
        let (fill, outline) = match (self, kind) {
            (Style::Color, NodeKind::Paradigm) => ("#FDF7CC", "#000000"),
            (Style::Color, NodeKind::Document) => ("#D4EBF8", BLUE),
            (Style::Color, NodeKind::Work | NodeKind::Author) => ("#FFFFFF", "#4D4D4D"),
            (Style::Print, NodeKind::Paradigm) => ("#D9D9D9", "#000000"),
            (Style::Print, NodeKind::Document) => ("#EDEDED", "#000000"),
            (Style::Print, NodeKind::Work | NodeKind::Author) => ("#FFFFFF", "#404040"),
        };
        match kind {
            NodeKind::Paradigm => NodeLook {
                shape: "box",
                style: "filled,bold",
                fill,
                outline,
                penwidth: 2.0,
                legend: "paradigm",
            },
            NodeKind::Document => NodeLook {
                shape: "note",
                style: "filled",
                fill,
                outline,
                penwidth: 1.4,
                legend: "analysed document",
            },
            NodeKind::Work => NodeLook {
                shape: "ellipse",
                style: "filled",
                fill,
                outline,
                penwidth: 1.0,
                legend: "cited work",
            },
            NodeKind::Author => NodeLook {
                shape: "ellipse",
                style: "filled,dashed",
                fill,
                outline,
                penwidth: 1.0,
                legend: "author",
            },
        }
    }

    /// The look of edges of `kind`.
    #[must_use]
    pub fn edge(self, kind: EdgeKind) -> EdgeLook {
        let print = self == Style::Print;
        match kind {
            EdgeKind::Supports => EdgeLook {
                color: if print { "#000000" } else { GREEN },
                style: "solid",
                arrowhead: "normal",
            },
            EdgeKind::Critiques => EdgeLook {
                color: if print { "#000000" } else { VERMILION },
                style: "dashed",
                arrowhead: "tee",
            },
            EdgeKind::Mentions => EdgeLook {
                color: if print { "#808080" } else { "#8C8C8C" },
                style: "dotted",
                arrowhead: "onormal",
            },
            EdgeKind::Cites => EdgeLook {
                color: if print { "#404040" } else { "#4D4D4D" },
                style: "solid",
                arrowhead: "vee",
            },
            EdgeKind::CoCited
            | EdgeKind::Coupled
            | EdgeKind::CoAuthored
            | EdgeKind::AuthorCoCited => EdgeLook {
                color: if print { "#666666" } else { "#5A7FA0" },
                style: "solid",
                arrowhead: "none",
            },
        }
    }

    /// The fill of a node of `community` in a diagram that colours communities (colour style
    /// only; print keeps the kind's fill).
    #[must_use]
    pub fn community_fill(self, community: usize) -> Option<&'static str> {
        match self {
            Style::Color => Some(COMMUNITY_TINTS[community % COMMUNITY_TINTS.len()]),
            Style::Print => None,
        }
    }

    /// Outline and label colour of cluster boxes.
    #[must_use]
    pub fn cluster_color(self) -> &'static str {
        match self {
            Style::Color => "#7F7F7F",
            Style::Print => "#555555",
        }
    }
}

/// Line width for an edge of `weight`: 1 for a weight of 1 or less, growing with the logarithm
/// of the weight (2 sentences 1.8, 5 → 2.9, 10 → 3.8), at most 5. The scale is the same in
/// every diagram, so widths can be compared between figures.
#[must_use]
pub fn penwidth(weight: f64) -> f64 {
    let weight = clean_value(weight).max(1.0);
    (1.0 + 1.2 * weight.ln()).min(5.0)
}

/// Font size of a node whose size metric is `value` in a diagram whose largest value is
/// `max`: 10 points, up to 17 for the largest, by the square root of the share (so area, not
/// width, follows the metric).
#[must_use]
pub fn font_size(value: f64, max: f64) -> f64 {
    10.0 + 7.0 * share(value, max)
}

/// Minimum node width in inches, by the same share as [`font_size`]: 0.6 to 1.6.
#[must_use]
pub fn min_width(value: f64, max: f64) -> f64 {
    0.6 + share(value, max)
}

/// The square root of `value / max`, in 0..=1.
fn share(value: f64, max: f64) -> f64 {
    let max = clean_value(max);
    if max <= 0.0 {
        return 0.0;
    }
    (clean_value(value) / max).sqrt().min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn widths_and_sizes_follow_weights_and_metrics() {
        assert!(close(penwidth(1.0), 1.0));
        assert!(close(penwidth(0.2), 1.0));
        assert!(close(penwidth(f64::NAN), 1.0));
        assert!(penwidth(2.0) > 1.5 && penwidth(2.0) < 2.0);
        assert!(close(penwidth(1e9), 5.0));
        assert!(close(font_size(1.0, 1.0), 17.0));
        assert!(close(font_size(0.25, 1.0), 13.5));
        assert!(close(font_size(0.5, 0.0), 10.0));
        assert!(close(min_width(0.0, 1.0), 0.6));
    }

    #[test]
    fn colour_is_never_the_only_cue() {
        for style in [Style::Color, Style::Print] {
            let supports = style.edge(EdgeKind::Supports);
            let critiques = style.edge(EdgeKind::Critiques);
            let mentions = style.edge(EdgeKind::Mentions);
            assert_ne!(supports.style, critiques.style);
            assert_ne!(supports.arrowhead, critiques.arrowhead);
            assert_ne!(mentions.style, supports.style);
            assert_ne!(mentions.style, critiques.style);
            let shapes: Vec<&str> = [NodeKind::Paradigm, NodeKind::Document, NodeKind::Work]
                .iter()
                .map(|kind| style.node(*kind).shape)
                .collect();
            assert_eq!(shapes, ["box", "note", "ellipse"]);
        }
        let print_colors = [EdgeKind::Supports, EdgeKind::Critiques, EdgeKind::Mentions]
            .map(|kind| Style::Print.edge(kind).color);
        for color in print_colors {
            let bytes = color.as_bytes();
            assert!(
                bytes[1..3] == bytes[3..5] && bytes[3..5] == bytes[5..7],
                "{color} is gray"
            );
        }
        assert_eq!(Style::Print.community_fill(3), None);
        assert_eq!(
            Style::Color.community_fill(7),
            Style::Color.community_fill(0)
        );
    }
}
