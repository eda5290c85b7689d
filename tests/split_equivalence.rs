//! Reading a document in parts on several threads gives exactly what reading it whole gives:
//! the same records, in the same order, for part sizes from one byte up, on synthetic texts of
//! both layouts, the example corpus, the shared corpus when present, and texts built so that a
//! yearless mention runs across a part boundary.

mod common;

use citegraph::citation::scan::extract_in_parts;
use citegraph::citation::Citation;
use citegraph::ingest::Document;
use citegraph::synth::{generate, SynthConfig};

const PART_SIZES: [usize; 6] = [1, 7, 64, 997, 4096, 65_536];

fn same_in_parts(name: &str, text: &str) -> usize {
    let document = Document::from_text(name, text.to_string());
    let whole: Vec<Citation> = extract_in_parts(&document, usize::MAX);
    for part in PART_SIZES {
        let in_parts = extract_in_parts(&document, part);
        assert_eq!(in_parts, whole, "{name}: parts of {part} bytes");
    }
    whole.len()
}

#[test]
fn synthetic_texts_in_parts() {
    let config = SynthConfig {
        docs: 6,
        seed: 4,
        bytes: 600_000,
    };
    let mut total = 0;
    for document in generate(&config) {
        total += same_in_parts(&document.file, &document.text);
    }
    assert!(total > 500, "only {total} citations");
}

#[test]
fn mentions_across_part_boundaries() {
    // Yearless mentions, possessives and two-name mentions at every alignment of a short
    // repeated stretch, so some part boundary falls inside each of them.
    let mut text = String::from("Clusters (Schmitz and Nadvi, 1999; Day, 2004; van Tulder 2001). ");
    for filler in 0..40 {
        text.push_str(&"x".repeat(filler));
        text.push_str(
            " As Schmitz and Nadvi argue, what Day calls a politics, Day’s view, and van Tulder. ",
        );
    }
    let found = same_in_parts("boundaries", &text);
    assert!(found > 100, "only {found} citations");
}

#[test]
fn example_and_shared_corpora_in_parts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("data")];
    if let Some(shared) = common::shared() {
        dirs.push(shared.join("corpus"));
    }
    let mut total = 0;
    for dir in dirs {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("corpus directory")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("a text");
            total += same_in_parts(&path.display().to_string(), &text);
        }
    }
    assert!(total > 100, "only {total} citations");
}
