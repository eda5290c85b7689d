//! The HTML report in a real headless browser (Chromium): the DOM holds the map's SVG with its
//! nodes and edges, and a screenshot is not blank and shows the supports (green) and critiques
//! (vermilion) lines. SKIPPED, with the reason, when Chromium or Graphviz is absent.
//!
//! `CITEGRAPH_CHECK_REPORT=FILE` checks that report instead of the example (see
//! `scripts/check_report.sh`); `CITEGRAPH_RENDER_OUT=DIR` keeps the screenshot there.
#![allow(clippy::print_stdout)]

mod render_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use citegraph::render::process::{run_with_timeout, RunOutcome};
use citegraph::render::{write_report, ExportConfig};
use render_support::{example_report, graphviz, keep_dir};

const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium binary: `$CHROMIUM`, or the first of the usual names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs headless Chromium on `report` with `mode` (`--dump-dom` or `--screenshot=…`) and a
/// fresh profile; gives its standard output.
fn run_chromium(browser: &Path, profile: &Path, mode: &str, report: &Path) -> Vec<u8> {
    let url = format!("file://{}", report.display());
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1400,1400",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command.arg(mode).arg(url);
    match run_with_timeout(&mut command, BROWSER_TIMEOUT) {
        Ok(RunOutcome::Exited {
            status,
            stdout,
            stderr,
        }) => {
            assert!(
                status.success(),
                "chromium failed: {status}: {}",
                String::from_utf8_lossy(&stderr)
            );
            stdout
        }
        Ok(RunOutcome::TimedOut { .. }) => panic!("chromium did not finish in {BROWSER_TIMEOUT:?}"),
        Err(error) => panic!("cannot run {}: {error}", browser.display()),
    }
}

/// Pixel statistics of a screenshot.
struct Pixels {
    total: usize,
    not_white: usize,
    green: usize,
    vermilion: usize,
}

fn near(pixel: [u8; 3], target: [u8; 3]) -> bool {
    pixel.iter().zip(target).all(|(a, b)| a.abs_diff(b) <= 40)
}

fn pixels(png_bytes: &[u8]) -> Pixels {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    let channels = info.color_type.samples();
    assert!(
        channels >= 3,
        "colour screenshot expected, got {:?}",
        info.color_type
    );
    let mut stats = Pixels {
        total: 0,
        not_white: 0,
        green: 0,
        vermilion: 0,
    };
    for pixel in buffer[..info.buffer_size()].chunks_exact(channels) {
        let rgb = [pixel[0], pixel[1], pixel[2]];
        stats.total += 1;
        if rgb.iter().any(|&c| c < 235) {
            stats.not_white += 1;
        }
        if near(rgb, [0x00, 0x9E, 0x73]) {
            stats.green += 1;
        }
        if near(rgb, [0xD5, 0x5E, 0x00]) {
            stats.vermilion += 1;
        }
    }
    stats
}

#[test]
fn the_report_renders_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        println!("SKIPPED the_report_renders_in_a_headless_browser: Chromium is not installed (apt-get install chromium)");
        return;
    };
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let out = keep_dir().unwrap_or_else(|| temporary.path().to_path_buf());
    let (report, example) = match std::env::var_os("CITEGRAPH_CHECK_REPORT") {
        Some(path) => (
            std::fs::canonicalize(&path).expect("the report to check exists"),
            false,
        ),
        None => {
            if !graphviz("the_report_renders_in_a_headless_browser") {
                return;
            }
            let path = out.join("example-report.html");
            let outcome =
                write_report(&path, &example_report(), &ExportConfig::default()).expect("written");
            assert!(outcome.problem.is_none(), "{:?}", outcome.problem);
            (std::fs::canonicalize(&path).expect("written"), true)
        }
    };
    let profile = tempfile::tempdir().expect("a browser profile directory");

    let dom = String::from_utf8(run_chromium(
        &browser,
        profile.path(),
        "--dump-dom",
        &report,
    ))
    .expect("UTF-8 DOM");
    assert!(
        dom.contains("<svg"),
        "the DOM has no <svg>: the map was not embedded"
    );
    let nodes = dom.matches("class=\"node\"").count();
    let edges = dom.matches("class=\"edge\"").count();
    assert!(
        nodes > 0 && edges > 0,
        "{nodes} nodes, {edges} edges in the DOM"
    );
    if example {
        let map = example_report().argument_map;
        assert!(
            nodes > map.nodes.len(),
            "{nodes} drawn nodes for {} (+ legend)",
            map.nodes.len()
        );
        assert!(
            edges > map.edges.len(),
            "{edges} drawn edges for {} (+ legend)",
            map.edges.len()
        );
        assert!(dom.contains("Supported by 4 · critiqued by 2"));
    }

    let screenshot = out.join("report-screenshot.png");
    run_chromium(
        &browser,
        profile.path(),
        &format!("--screenshot={}", screenshot.display()),
        &report,
    );
    let bytes = std::fs::read(&screenshot).expect("chromium wrote the screenshot");
    let stats = pixels(&bytes);
    let share = stats.not_white as f64 / stats.total as f64;
    println!(
        "browser check: {} — {nodes} nodes, {edges} edges in the DOM; screenshot {} ({:.1} % not white, {} green and {} vermilion pixels)",
        report.display(),
        screenshot.display(),
        share * 100.0,
        stats.green,
        stats.vermilion
    );
    assert!(
        share > 0.02,
        "the screenshot is blank ({:.2} % not white)",
        share * 100.0
    );
    if example {
        assert!(
            stats.green > 200,
            "supports lines not visible: {} green pixels",
            stats.green
        );
        assert!(
            stats.vermilion > 200,
            "critiques lines not visible: {} pixels",
            stats.vermilion
        );
    }
}
