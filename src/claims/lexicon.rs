//! The paradigm lexicon: which phrases denote which paradigm, read from a TOML file.
//!
//! The default lexicon is `data/paradigms.toml`, embedded in the binary; a scholar replaces it
//! with their own file (`--paradigms FILE`). The file format is documented at the top of
//! `data/paradigms.toml`.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::error::DataError;
use super::phrase::PhraseSet;
use super::text::{tokenize, Token};

/// The default lexicon, shipped as `data/paradigms.toml`.
pub const DEFAULT_PARADIGMS: &str = include_str!("../../data/paradigms.toml");

/// Most spelling variants tried for one phrase.
const MAX_VARIANTS: usize = 16;

/// One paradigm (position, approach, school) of the debate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Paradigm {
    /// Short id used in claim records: "compliance".
    pub id: String,
    /// Name shown to readers: "Compliance paradigm".
    pub label: String,
    /// What the paradigm holds, if given.
    pub description: Option<String>,
    /// Work keys of works that define or name the paradigm ("Locke 2013").
    pub defined_by: Vec<String>,
    /// The phrases that denote it, as written in the file.
    pub phrases: Vec<String>,
    /// Generic words that denote it less surely ("cluster").
    pub weak_phrases: Vec<String>,
}

/// Where a sentence names a paradigm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParadigmMention {
    /// Index of the paradigm in [`Lexicon::paradigms`].
    pub paradigm: usize,
    /// Byte offset of the first matched word.
    pub start: usize,
    /// Byte offset one past the last matched word.
    pub end: usize,
    /// Matched by one of the paradigm's weak phrases.
    pub weak: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    version: Spanned<u32>,
    #[serde(default = "default_weak_factor")]
    weak_factor: Spanned<f64>,
    #[serde(default)]
    spellings: Vec<Spanned<Vec<String>>>,
    #[serde(default)]
    paradigm: Vec<RawParadigm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParadigm {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    defined_by: Vec<String>,
    phrases: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    weak_phrases: Vec<Spanned<String>>,
}

fn default_weak_factor() -> Spanned<f64> {
    Spanned::new(0..0, 0.8)
}

/// What a compiled phrase stands for.
#[derive(Debug, Clone, Copy)]
struct PhraseInfo {
    paradigm: usize,
    weak: bool,
    /// Written all in lower case in the lexicon (a common noun, not a name).
    lower: bool,
}

/// A mention found in tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenMention {
    pub paradigm: usize,
    pub first: usize,
    pub last: usize,
    pub weak: bool,
    pub lower: bool,
}

/// A set of paradigms and a matcher for their phrases.
#[derive(Debug, Clone)]
pub struct Lexicon {
    paradigms: Vec<Paradigm>,
    matcher: PhraseSet<PhraseInfo>,
    weak_factor: f64,
}

impl Default for Lexicon {
    /// The lexicon of `data/paradigms.toml`, embedded in the binary.
    fn default() -> Self {
        Lexicon::from_toml(DEFAULT_PARADIGMS)
            .expect("the embedded data/paradigms.toml is valid (a unit test parses it)")
    }
}

/// Whether an id is short and plain: letters, digits, `_`, `-`, `:`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':'))
}

/// Every spelling variant of `phrase` (itself first), at most [`MAX_VARIANTS`].
fn spelling_variants(phrase: &str, spellings: &[Vec<String>]) -> Vec<String> {
    let mut variants = vec![String::new()];
    for (position, word) in phrase.split_whitespace().enumerate() {
        let (stem, star) = match word.strip_suffix('*') {
            Some(stem) => (stem, "*"),
            None => (word, ""),
        };
        let lowered = stem.to_lowercase();
        // Swap each hyphen-separated part of the word independently.
        let mut forms: Vec<String> = vec![String::new()];
        for (part_index, part) in lowered.split('-').enumerate() {
            let mut alternatives = vec![part.to_string()];
            for group in spellings {
                if group.iter().any(|spelling| spelling == part) {
                    for spelling in group {
                        if !alternatives.contains(spelling) {
                            alternatives.push(spelling.clone());
                        }
                    }
                }
            }
            let mut next = Vec::new();
            for form in &forms {
                for alternative in &alternatives {
                    let joiner = if part_index == 0 { "" } else { "-" };
                    next.push(format!("{form}{joiner}{alternative}"));
                }
            }
            next.truncate(MAX_VARIANTS);
            forms = next;
        }
        let mut next = Vec::new();
        for variant in &variants {
            for form in &forms {
                let space = if position == 0 { "" } else { " " };
                next.push(format!("{variant}{space}{form}{star}"));
            }
        }
        next.truncate(MAX_VARIANTS);
        variants = next;
    }
    variants
}

impl Lexicon {
    /// Parses a lexicon in the format of `data/paradigms.toml`.
    ///
    /// # Errors
    /// TOML syntax errors, unknown or missing fields, an unsupported version, a bad or
    /// duplicate id, a paradigm without phrases or a phrase without words, each located by
    /// line and column.
    pub fn from_toml(source: &str) -> Result<Self, DataError> {
        let raw: RawLexicon =
            toml::from_str(source).map_err(|error| DataError::from_toml(source, &error))?;
        if *raw.version.get_ref() != 1 {
            return Err(DataError::spanned(
                source,
                Some(raw.version.span()),
                format!("unsupported version {}, expected 1", raw.version.get_ref()),
            ));
        }
        let mut spellings = Vec::new();
        for group in &raw.spellings {
            if group.get_ref().len() < 2 {
                return Err(DataError::spanned(
                    source,
                    Some(group.span()),
                    "a spelling group needs at least two spellings",
                ));
            }
            spellings.push(group.get_ref().iter().map(|s| s.to_lowercase()).collect());
        }
        let weak_factor = *raw.weak_factor.get_ref();
        if !(0.0..=1.0).contains(&weak_factor) {
            return Err(DataError::spanned(
                source,
                Some(raw.weak_factor.span()),
                format!("weak_factor must be between 0 and 1, found {weak_factor}"),
            ));
        }
        if raw.paradigm.is_empty() {
            return Err(DataError::at(
                source,
                0,
                "the lexicon defines no [[paradigm]]",
            ));
        }
        let mut seen = BTreeSet::new();
        let mut paradigms = Vec::with_capacity(raw.paradigm.len());
        let mut matcher = PhraseSet::default();
        for (index, entry) in raw.paradigm.into_iter().enumerate() {
            let id = entry.id.get_ref().trim().to_string();
            if !valid_id(&id) {
                return Err(DataError::spanned(
                    source,
                    Some(entry.id.span()),
                    format!("paradigm id {id:?} must be 1 to 64 letters, digits, `_`, `-` or `:`"),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(DataError::spanned(
                    source,
                    Some(entry.id.span()),
                    format!("paradigm id {id:?} is defined twice"),
                ));
            }
            if entry.phrases.get_ref().is_empty() {
                return Err(DataError::spanned(
                    source,
                    Some(entry.phrases.span()),
                    format!("paradigm {id:?} has no phrases"),
                ));
            }
            let mut phrases = Vec::new();
            let mut weak_phrases = Vec::new();
            let strong = entry.phrases.get_ref().iter().map(|phrase| (phrase, false));
            let weak = entry.weak_phrases.iter().map(|phrase| (phrase, true));
            for (phrase, is_weak) in strong.chain(weak) {
                for variant in spelling_variants(phrase.get_ref(), &spellings) {
                    let info = PhraseInfo {
                        paradigm: index,
                        weak: is_weak,
                        lower: !phrase.get_ref().chars().any(char::is_uppercase),
                    };
                    matcher.insert(&variant, info).map_err(|message| {
                        DataError::spanned(source, Some(phrase.span()), message)
                    })?;
                }
                if is_weak {
                    weak_phrases.push(phrase.get_ref().clone());
                } else {
                    phrases.push(phrase.get_ref().clone());
                }
            }
            paradigms.push(Paradigm {
                id,
                label: entry.label,
                description: entry.description,
                defined_by: entry.defined_by,
                phrases,
                weak_phrases,
            });
        }
        Ok(Lexicon {
            paradigms,
            matcher,
            weak_factor,
        })
    }

    /// The paradigms, in file order.
    #[must_use]
    pub fn paradigms(&self) -> &[Paradigm] {
        &self.paradigms
    }

    /// The paradigm with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Paradigm> {
        self.paradigms.iter().find(|paradigm| paradigm.id == id)
    }

    /// The confidence factor of a mention by a weak phrase.
    #[must_use]
    pub fn weak_factor(&self) -> f64 {
        self.weak_factor
    }

    /// Mentions of paradigms in `text[range]` (leftmost-longest, not overlapping), with byte
    /// offsets into `text`.
    #[must_use]
    pub fn mentions(&self, text: &str, range: Range<usize>) -> Vec<ParadigmMention> {
        let tokens = tokenize(text, range);
        self.mentions_in_tokens(&tokens)
            .into_iter()
            .map(|m| ParadigmMention {
                paradigm: m.paradigm,
                start: tokens[m.first].start,
                end: tokens[m.last - 1].end,
                weak: m.weak,
            })
            .collect()
    }

    /// Mentions with token positions.
    pub(crate) fn mentions_in_tokens(&self, tokens: &[Token]) -> Vec<TokenMention> {
        self.matcher
            .find_longest(tokens)
            .into_iter()
            .map(|found| {
                let info = *self.matcher.payload(found.phrase);
                TokenMention {
                    paradigm: info.paradigm,
                    first: found.first,
                    last: found.last,
                    weak: info.weak,
                    lower: info.lower,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_lexicon_parses_and_has_the_debate_ids() {
        let lexicon = Lexicon::default();
        let ids: Vec<&str> = lexicon.paradigms().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "compliance",
                "cooperation",
                "gvc",
                "gpn",
                "clusters",
                "public_regulation",
                "ifa",
                "msi",
                "intl_orgs",
                "fair_trade"
            ]
        );
    }

    #[test]
    fn finds_mentions_with_variants() {
        let lexicon = Lexicon::default();
        let text = "Private social auditing and Labour Inspection, unlike GVCs.";
        let found: Vec<(&str, &str)> = lexicon
            .mentions(text, 0..text.len())
            .into_iter()
            .map(|m| {
                (
                    lexicon.paradigms()[m.paradigm].id.as_str(),
                    &text[m.start..m.end],
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("compliance", "Private social auditing"),
                ("public_regulation", "Labour Inspection"),
                ("gvc", "GVCs")
            ]
        );
    }

    #[test]
    fn spelling_variants_multiply_within_a_bound() {
        let spellings = vec![vec!["labor".to_string(), "labour".to_string()]];
        assert_eq!(
            spelling_variants("labor-law* enforcement", &spellings),
            ["labor-law* enforcement", "labour-law* enforcement"]
        );
        let many = "labor ".repeat(10);
        assert_eq!(spelling_variants(&many, &spellings).len(), MAX_VARIANTS);
    }

    #[test]
    fn a_malformed_file_is_an_error_with_line_and_column() {
        let cases: &[(&str, (usize, usize), &str)] = &[
            (
                "version = 1\n[[paradigm]\n",
                (2, 11),
                "invalid table header",
            ),
            (
                "version = 1\n[[paradigm]]\nid = \"a b\"\nlabel = \"A\"\nphrases = [\"x\"]\n",
                (3, 6),
                "paradigm id \"a b\"",
            ),
            (
                "version = 1\n[[paradigm]]\nid = \"a\"\nlabel = \"A\"\nphrases = [\"x\"]\n\
[[paradigm]]\nid = \"a\"\nlabel = \"B\"\nphrases = [\"y\"]\n",
                (7, 6),
                "defined twice",
            ),
            (
                "version = 1\n[[paradigm]]\nid = \"a\"\nlabel = \"A\"\nphrases = [\"x\", \"--\"]\n",
                (5, 17),
                "has no words",
            ),
            (
                "version = 1\n[[paradigm]]\nid = \"a\"\nlabel = \"A\"\nphrases = []\n",
                (5, 11),
                "has no phrases",
            ),
            (
                "version = 2\n[[paradigm]]\nid = \"a\"\nlabel = \"A\"\nphrases = [\"x\"]\n",
                (1, 11),
                "unsupported version",
            ),
            (
                "version = 1\n[[paradigm]]\nid = \"a\"\nlable = \"A\"\nphrases = [\"x\"]\n",
                (4, 1),
                "unknown field",
            ),
        ];
        for (source, (line, column), message) in cases {
            let error = Lexicon::from_toml(source).unwrap_err();
            assert_eq!(
                (error.line, error.column),
                (*line, *column),
                "{source}: {error}"
            );
            assert!(error.message.contains(message), "{source}: {error}");
        }
    }
}
