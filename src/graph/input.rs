//! The plain-data input of the graph stage, and how to fill it from documents and their
//! extracted citations.
//!
//! The graph does not call the parsers: whatever produces documents, cited works, claims and
//! stances (today `extract` and the corpus manifest; later the reference linker and the claims
//! stage) fills a [`CorpusInput`], and [`super::Corpus::new`] resolves it into nodes.

use crate::citation::{work_key, Citation};

use super::manifest::ManifestDocument;

/// Everything the graphs are built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusInput {
    /// The analysed documents; other records refer to them by index.
    pub documents: Vec<DocInput>,
    /// Every citation of a dated work, in any order.
    pub citations: Vec<CitationInput>,
    /// Every stance of a sentence toward a paradigm, in any order.
    pub claims: Vec<ClaimInput>,
    /// The paradigms of the debate (id and label), including those no claim names.
    pub paradigms: Vec<ParadigmInput>,
}

/// One analysed document. A document is also a work: citations whose work key equals its
/// `work_key` or one of its `aliases` (compared by slug, see [`super::ids::slug`]) point to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInput {
    /// Its name in evidence records: the path as given.
    pub name: String,
    /// A label for people: "Palpacuer 2018", or a description, or the file name.
    pub label: String,
    /// The key other documents cite it by ("Lund-Thomsen and Lindgreen 2014"), if known.
    pub work_key: Option<String>,
    /// Other keys it is cited by ("Lund-Thomsen and Lindgreen 2013", "van Oosterzee
    /// forthcoming").
    pub aliases: Vec<String>,
    /// Its authors' surnames, in order.
    pub authors: Vec<String>,
    /// Its year of publication.
    pub year: Option<String>,
    /// Its title.
    pub title: Option<String>,
}

/// One occurrence of a dated work cited in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CitationInput {
    /// Index of the citing document in [`CorpusInput::documents`].
    pub doc: usize,
    /// The identity of the cited work ("Locke et al. 2009", or a linker's work identity).
    pub work_key: String,
    /// A label of the cited work for people.
    pub work_label: String,
    /// The surnames printed in the citation.
    pub authors: Vec<String>,
    /// "et al." followed the names, so `authors` is not the whole list.
    pub et_al: bool,
    /// The year as printed ("2009", "2010a", "forthcoming").
    pub year: Option<String>,
    /// 1-based line of the citing document where the citation starts.
    pub line: usize,
    /// Byte offset where the citation starts in the document's text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The citation as printed.
    pub raw: String,
    /// Offset of the bracket it is printed in; citations of one document sharing it were cited
    /// together (co-citation).
    pub bracket: Option<usize>,
    /// The citing sentence's stance toward the work, when the claims stage ran.
    pub stance: Option<WorkStance>,
    /// The citing sentence, when known; it becomes the evidence of stance edges.
    pub sentence: Option<String>,
}

/// The stance of a citing sentence toward the cited work.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkStance {
    /// Supports, critiques or only mentions.
    pub relation: WorkRelation,
    /// 0..1.
    pub confidence: f64,
    /// The words that decided it.
    pub cue: Option<String>,
}

/// What a citing sentence does with a cited work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorkRelation {
    /// Agrees with, confirms or praises it.
    Supports,
    /// Contradicts or faults it.
    Critiques,
    /// Only mentions, uses or describes it.
    Mentions,
}

/// One stance of one sentence toward one paradigm.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimInput {
    /// Index of the document the sentence is in.
    pub doc: usize,
    /// Whose stance it is: the document's authors or a work it cites.
    pub holder: Holder,
    /// The paradigm's id (as in [`ParadigmInput::id`]).
    pub paradigm: String,
    /// Supports or critiques.
    pub stance: Stance,
    /// 0..1.
    pub confidence: f64,
    /// 1-based line where the sentence starts.
    pub line: usize,
    /// Byte offset where the sentence starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The sentence.
    pub sentence: String,
    /// The words that decided the stance.
    pub cue: String,
}

/// Who holds a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// The authors of the document with this index.
    Document(usize),
    /// A cited work, by key (resolved like [`CitationInput::work_key`]) and label.
    Work {
        /// The work's key.
        key: String,
        /// A label for people.
        label: String,
    },
}

/// A stance toward a paradigm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    /// The sentence says the paradigm works or is right.
    Supports,
    /// The sentence says it fails or is wrong.
    Critiques,
}

/// A paradigm of the debate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParadigmInput {
    /// Its id ("cooperation").
    pub id: String,
    /// A label for people ("cooperation paradigm").
    pub label: String,
}

/// A document and its extracted citations, with its manifest entry if it has one.
#[derive(Debug, Clone, Copy)]
pub struct ExtractedDocument<'a> {
    /// The path as given.
    pub name: &'a str,
    /// The citations `extract` found, in text order.
    pub citations: &'a [Citation],
    /// Who wrote it, from the corpus manifest.
    pub manifest: Option<&'a ManifestDocument>,
}

/// The input of the graphs from documents and their extracted citations alone: the work key
/// of a citation is [`Citation::key`], a document's own key comes from its manifest entry
/// (authors and year, plus aliases), and yearless mentions are left out (they name a scholar,
/// not a work). No claims or stances.
#[must_use]
pub fn from_extraction(documents: &[ExtractedDocument<'_>]) -> CorpusInput {
    let mut input = CorpusInput::default();
    for (index, document) in documents.iter().enumerate() {
        input.documents.push(document_input(document));
        for citation in document.citations {
            if citation.year.is_none() || citation.authors.is_empty() {
                continue;
            }
            let key = citation.key();
            input.citations.push(CitationInput {
                doc: index,
                work_label: key.clone(),
                work_key: key,
                authors: citation.authors.clone(),
                et_al: citation.et_al,
                year: citation.year.clone(),
                line: citation.line,
                start: citation.start,
                end: citation.end,
                raw: citation.raw.clone(),
                bracket: citation.bracket,
                stance: None,
                sentence: None,
            });
        }
    }
    input
}

/// A document's own record: its manifest entry if any, else just its name.
fn document_input(document: &ExtractedDocument<'_>) -> DocInput {
    let file_label = document
        .name
        .rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(document.name)
        .to_string();
    let Some(entry) = document.manifest else {
        return DocInput {
            name: document.name.to_string(),
            label: file_label,
            ..DocInput::default()
        };
    };
    let key =
        (!entry.authors.is_empty()).then(|| work_key(&entry.authors, false, entry.year.as_deref()));
    let label = entry
        .label
        .clone()
        .or_else(|| key.clone())
        .unwrap_or(file_label);
    DocInput {
        name: document.name.to_string(),
        label,
        work_key: key,
        aliases: entry.aliases.clone(),
        authors: entry.authors.clone(),
        year: entry.year.clone(),
        title: entry.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::{from_extraction, ExtractedDocument};
    use crate::citation::extract;
    use crate::graph::manifest::ManifestDocument;
    use crate::ingest::Document;

    #[test]
    fn extraction_gives_dated_citations_and_manifest_keys() {
        let text = "Codes fail (Locke et al., 2009; Gereffi, 1994). What Locke calls x.\n";
        let document = Document::from_text("dir/a.txt", text.to_string());
        let citations = extract(&document);
        let entry = ManifestDocument {
            file: "a.txt".into(),
            authors: vec!["Palpacuer".into()],
            year: Some("2018".into()),
            aliases: vec!["Palpacuer 2017".into()],
            ..ManifestDocument::default()
        };
        let input = from_extraction(&[
            ExtractedDocument {
                name: "dir/a.txt",
                citations: &citations,
                manifest: Some(&entry),
            },
            ExtractedDocument {
                name: "b.txt",
                citations: &[],
                manifest: None,
            },
        ]);
        assert_eq!(
            input.documents[0].work_key.as_deref(),
            Some("Palpacuer 2018")
        );
        assert_eq!(input.documents[0].label, "Palpacuer 2018");
        assert_eq!(input.documents[0].aliases, vec!["Palpacuer 2017"]);
        assert_eq!(input.documents[1].label, "b.txt");
        assert_eq!(input.documents[1].work_key, None);
        let keys: Vec<&str> = input
            .citations
            .iter()
            .map(|c| c.work_key.as_str())
            .collect();
        assert_eq!(keys, vec!["Locke et al. 2009", "Gereffi 1994"]);
        assert_eq!(input.citations[0].bracket, input.citations[1].bracket);
        assert!(input.citations[0].bracket.is_some());
        assert_eq!(
            &text[input.citations[1].start..input.citations[1].end],
            "Gereffi, 1994"
        );
    }
}
