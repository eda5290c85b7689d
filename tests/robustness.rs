//! The parser never panics and stays linear on hostile input. Elapsed times are printed, not
//! asserted: a super-linear path shows up as a test that does not finish.

#![allow(clippy::print_stdout)] // tests print what they measured

use std::time::Instant;

use citegraph::citation::extract;
use citegraph::ingest::Document;

/// A deterministic stream of pseudo-random bytes (xorshift).
fn random_bytes(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn run(name: &str, text: String) -> usize {
    let started = Instant::now();
    let document = Document::from_text(name, text);
    let found = extract(&document).len();
    println!(
        "{name}: {} bytes, {found} citations, {:?}",
        document.text.len(),
        started.elapsed()
    );
    found
}

#[test]
fn ten_thousand_nested_brackets() {
    let text = format!("{}Locke 2013{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(run("nested", text), 1);
    run("unclosed", "(".repeat(10_000) + "Locke 2013");
    run("unopened", ")".repeat(10_000) + "(Locke 2013)");
}

#[test]
fn two_megabytes_of_random_bytes() {
    let bytes = random_bytes(2 << 20, 0x9E37_79B9_7F4A_7C15);
    run("random", String::from_utf8_lossy(&bytes).into_owned());
    // Random text made only of the characters citations are made of.
    let alphabet = b"(); ,.&-abcdeLKMS0123456789 et al. and\n";
    let text: String = random_bytes(2 << 20, 7)
        .into_iter()
        .map(|b| char::from(alphabet[usize::from(b) % alphabet.len()]))
        .collect();
    run("citation alphabet", text);
}

#[test]
fn pathological_repetitions() {
    run(
        "long author list",
        format!("({} 2001)", "Smith, ".repeat(100_000)),
    );
    run(
        "and chain",
        format!("{}(2001)", "Smith and ".repeat(100_000)),
    );
    run("et al chain", "Smith et al. ".repeat(100_000) + "(2001)");
    run("year list", format!("(Smith {})", "2001, ".repeat(100_000)));
    run(
        "suffix list",
        format!("(Smith 2001{})", "a,".repeat(100_000)),
    );
    run("capitals", "Abc ".repeat(200_000) + "(2001)");
    run("one long word", "x".repeat(2 << 20));
    run("hyphen lines", "Mar-\n".repeat(100_000));
    run("digits", "1999 ".repeat(200_000));
    run("ibid", "(ibid.) ".repeat(100_000));
}
