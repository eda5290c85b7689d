//! citegraph: map the argument inside a literature from plain-text articles.
//!
//! The pipeline is ingest → citations → references → claims → graph → metrics → export; see
//! `ARCHITECTURE.md` for the bird's-eye view.

pub mod analyse;
pub mod check;
pub mod citation;
pub mod claims;
pub mod cli;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod link;
pub mod manifest;
pub mod metrics;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod reference;
pub mod render;
pub mod synth;
