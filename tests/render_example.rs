//! The example argument map (built by hand from four documents of `data/`), exported in every
//! format and style. Set `CITEGRAPH_RENDER_OUT=DIR` to keep the files and look at them.
#![allow(clippy::print_stdout)]

mod render_support;

use citegraph::render::{
    build_dot, export_diagram, DotOptions, Engine, ExportConfig, Format, NodeKind, Style,
};
use render_support::{example_map, graphviz, keep_dir};

#[test]
fn example_map_is_drawn_with_dot_in_every_format_and_style() {
    let map = example_map();
    let dot = build_dot(&map, &DotOptions::default()).expect("the example is valid");
    assert_eq!(dot.engine, Engine::Dot);
    assert_eq!(dot.nodes, map.nodes.len());
    assert!(dot.cut.is_none());
    let text = dot.text();
    assert!(text.contains(r#"label="Cooperation paradigm\nsupported by 4 · critiqued by 2""#));
    assert!(text.contains(r#"label="Compliance paradigm\nsupported by 0 · critiqued by 5""#));
    if !graphviz("example_map_is_drawn_with_dot_in_every_format_and_style") {
        return;
    }
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let dir = keep_dir().unwrap_or_else(|| temporary.path().to_path_buf());
    for (style, name) in [
        (Style::Color, "example-map"),
        (Style::Print, "example-map-print"),
    ] {
        let config = ExportConfig {
            dot: DotOptions {
                style,
                ..DotOptions::default()
            },
            formats: Format::ALL.to_vec(),
            ..ExportConfig::default()
        };
        let outcome = export_diagram(&map, &dir.join(name), &config).expect("exported");
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_eq!(outcome.rendered.len(), 3);
        let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).expect("svg");
        let pdf = std::fs::read(dir.join(format!("{name}.pdf"))).expect("pdf");
        let png = std::fs::read(dir.join(format!("{name}.png"))).expect("png");
        assert!(svg.contains("<svg"));
        assert!(pdf.starts_with(b"%PDF"));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let drawn = svg.matches("class=\"node\"").count();
        let paradigms = map
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Paradigm)
            .count();
        assert!(
            drawn > map.nodes.len(),
            "{drawn} nodes drawn, legend missing?"
        );
        assert!(paradigms == 2);
        if style == Style::Print {
            for colour in ["#009e73", "#d55e00", "#009E73", "#D55E00"] {
                assert!(!svg.contains(colour), "print style uses colour {colour}");
            }
        }
        println!("wrote {}", dir.join(name).display());
    }
}
