//! The `citegraph` command-line tool.
fn main() {}
