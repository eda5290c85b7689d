//! Reference lists: where they are in a document.

pub mod section;

pub use section::find_reference_sections;
