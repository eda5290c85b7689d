//! Why a metric could not be computed.

use thiserror::Error;

/// A metric that failed, or input that no metric accepts.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum MetricsError {
    /// An edge weight is negative, infinite or NaN.
    #[error("edge {edge} has weight {weight}; weights must be finite and non-negative")]
    InvalidWeight {
        /// Index of the offending edge in the input graph.
        edge: usize,
        /// The weight the weight function returned.
        weight: f64,
    },
    /// A configuration value is out of range.
    #[error("invalid {field}: {reason}")]
    InvalidConfig {
        /// The configuration field, e.g. `pagerank.alpha`.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A power iteration did not reach its tolerance within its iteration budget.
    #[error("{metric} did not converge within {max_iter} iterations")]
    NotConverged {
        /// The metric, e.g. `pagerank`.
        metric: &'static str,
        /// The iteration budget that ran out.
        max_iter: usize,
    },
    /// The metric has no value on this graph, e.g. HITS on a graph without edges.
    #[error("{metric} is undefined here: {reason}")]
    Undefined {
        /// The metric, e.g. `hits`.
        metric: &'static str,
        /// Why it is undefined.
        reason: &'static str,
    },
}

/// The result of one metric.
pub type MetricResult<T> = Result<T, MetricsError>;
