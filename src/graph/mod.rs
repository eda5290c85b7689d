//! The graph model: documents, works, authors and paradigms as typed nodes, and typed edges
//! that carry their evidence (file, line, bytes, citation or sentence); pure functions, no I/O.
//!
//! Fill a [`CorpusInput`] (with [`from_pipeline`] from a corpus analysis), resolve it once with
//! [`Corpus::new`], then build any [`GraphKind`] with [`Corpus::graph`]:
//!
//! | kind | nodes | edges | weight |
//! |---|---|---|---|
//! | citation | every document, every cited work | document → work `cites` | occurrences |
//! | argument | every document and paradigm, works holding claims or cited with a stance | holder → paradigm `supports`/`critiques`; document → work `supports`/`critiques`/`mentions` | evidence sentences (mean confidence kept) |
//! | cocitation | works cited in one bracket with another | work — work `co_cited` | brackets citing both |
//! | coupling | every document | document — document `coupled` | works both cite |
//! | coauthor | authors with a co-author | author — author `co_authored` | works written together |
//! | author-cocitation | first authors cited in one bracket with another | author — author `author_co_cited` | brackets |
//!
//! A document is also a work: citations of its key or aliases point to its `doc:` node. Node
//! ids are derived from keys (see [`ids`]), nodes are stored in id order and edges in (source,
//! target, kind) order, so the same input always gives the same graph. [`graph_metrics`]
//! computes every metric once per graph; [`paradigm_summaries`] reads supporters and critics
//! off an argument graph.

mod corpus;
pub mod ids;
mod input;
mod metrics;
mod model;
mod paradigm;

pub use corpus::{Corpus, GraphWarning};
pub use input::{
    from_pipeline, CitationInput, CitingSentence, ClaimInput, CorpusInput, DocInput, Holder,
    ParadigmInput, Stance, WorkRelation, WorkStance,
};
pub use metrics::{graph_metrics, GraphMetrics, NodeRow};
pub use model::{CiteGraph, Edge, EdgeKind, Evidence, EvidenceKind, GraphKind, Node, NodeKind};
pub use paradigm::{paradigm_summaries, HolderStance, ParadigmSummary};
