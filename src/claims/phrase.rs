//! Phrase sets: the words of a data file compiled into a matcher over tokens.
//!
//! Phrase syntax (the same in `data/paradigms.toml` and `grammar/stance.toml`):
//! - words separated by spaces, matched case-insensitively after the folding of
//!   [`super::text`] ("Codes of Conduct" = "codes of conduct");
//! - a hyphen is a word break, so "multi-stakeholder" also matches "multi stakeholder";
//! - a word ending in `*` matches any word it begins ("audit*" matches "audits", "auditing");
//! - punctuation other than `*`, hyphens and apostrophes is matched literally.
//!
//! Matching tries, at every token, only the phrases whose first word is that token (or a prefix
//! of it), so it is linear in the text for a fixed phrase set (plus a sort of the matches).

use std::collections::HashMap;

use super::text::{tokenize, Token, TokenKind};

/// One word of a compiled phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// The token's folded form equals this.
    Exact(String),
    /// The token's folded form starts with this.
    Prefix(String),
    /// A punctuation token equal to this character.
    Punct(char),
}

impl Pattern {
    fn matches(&self, token: &Token) -> bool {
        match (self, token.kind) {
            (Pattern::Exact(word), TokenKind::Word) => token.norm == *word,
            (Pattern::Prefix(prefix), TokenKind::Word) => token.norm.starts_with(prefix.as_str()),
            (Pattern::Punct(c), TokenKind::Punct(d)) => *c == d,
            _ => false,
        }
    }
}

/// A match of one phrase: tokens `first..last` (exclusive) of the searched slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    /// Index of the first matched token.
    pub first: usize,
    /// Index one past the last matched token.
    pub last: usize,
    /// Which phrase matched (its insertion order).
    pub phrase: usize,
}

/// A compiled set of phrases, each carrying a payload.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSet<T> {
    patterns: Vec<Vec<Pattern>>,
    payloads: Vec<T>,
    by_exact_first: HashMap<String, Vec<usize>>,
    by_prefix_first: HashMap<String, Vec<usize>>,
    by_punct_first: HashMap<char, Vec<usize>>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            patterns: Vec::new(),
            payloads: Vec::new(),
            by_exact_first: HashMap::new(),
            by_prefix_first: HashMap::new(),
            by_punct_first: HashMap::new(),
        }
    }
}

/// Compiles a phrase into patterns; `Err` says why it cannot be used.
fn compile(phrase: &str) -> Result<Vec<Pattern>, String> {
    let tokens = tokenize(phrase, 0..phrase.len());
    let mut patterns: Vec<Pattern> = Vec::with_capacity(tokens.len());
    let mut previous_end = None;
    for token in &tokens {
        match token.kind {
            TokenKind::Punct('*') => {
                // A star glued to the word before it makes that word a prefix.
                match patterns.last_mut() {
                    Some(last @ Pattern::Exact(_)) if previous_end == Some(token.start) => {
                        if let Pattern::Exact(word) = last {
                            *last = Pattern::Prefix(std::mem::take(word));
                        }
                    }
                    _ => {
                        return Err(format!(
                            "in phrase {phrase:?}: `*` must follow a word directly"
                        ))
                    }
                }
            }
            TokenKind::Word => patterns.push(Pattern::Exact(token.norm.clone())),
            TokenKind::Punct(c) => patterns.push(Pattern::Punct(c)),
        }
        previous_end = Some(token.end);
    }
    if !patterns.iter().any(|p| !matches!(p, Pattern::Punct(_))) {
        return Err(format!("phrase {phrase:?} has no words"));
    }
    Ok(patterns)
}

impl<T> PhraseSet<T> {
    /// Adds a phrase; `Err` explains a phrase that cannot match anything.
    pub fn insert(&mut self, phrase: &str, payload: T) -> Result<(), String> {
        let patterns = compile(phrase)?;
        let index = self.patterns.len();
        match &patterns[0] {
            Pattern::Exact(word) => self.by_exact_first.entry(word.clone()).or_default(),
            Pattern::Prefix(prefix) => self.by_prefix_first.entry(prefix.clone()).or_default(),
            Pattern::Punct(c) => self.by_punct_first.entry(*c).or_default(),
        }
        .push(index);
        self.patterns.push(patterns);
        self.payloads.push(payload);
        Ok(())
    }

    /// Whether the set has no phrases.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The payload of phrase `index`.
    pub fn payload(&self, index: usize) -> &T {
        &self.payloads[index]
    }

    /// Candidate phrases whose first pattern may match `token`, in insertion order.
    fn candidates(&self, token: &Token) -> Vec<usize> {
        let mut found = Vec::new();
        match token.kind {
            TokenKind::Word => {
                if let Some(list) = self.by_exact_first.get(&token.norm) {
                    found.extend_from_slice(list);
                }
                if !self.by_prefix_first.is_empty() {
                    for (boundary, _) in token.norm.char_indices().skip(1) {
                        if let Some(list) = self.by_prefix_first.get(&token.norm[..boundary]) {
                            found.extend_from_slice(list);
                        }
                    }
                    if let Some(list) = self.by_prefix_first.get(&token.norm) {
                        found.extend_from_slice(list);
                    }
                }
            }
            TokenKind::Punct(c) => {
                if let Some(list) = self.by_punct_first.get(&c) {
                    found.extend_from_slice(list);
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// Every match in `tokens`, ordered by first token, then longer first, then phrase order.
    pub fn find_all(&self, tokens: &[Token]) -> Vec<PhraseMatch> {
        let mut matches = Vec::new();
        if self.is_empty() {
            return matches;
        }
        for first in 0..tokens.len() {
            for phrase in self.candidates(&tokens[first]) {
                let patterns = &self.patterns[phrase];
                let last = first + patterns.len();
                if last <= tokens.len()
                    && patterns
                        .iter()
                        .zip(&tokens[first..last])
                        .all(|(pattern, token)| pattern.matches(token))
                {
                    matches.push(PhraseMatch {
                        first,
                        last,
                        phrase,
                    });
                }
            }
        }
        matches.sort_by(|a, b| {
            a.first
                .cmp(&b.first)
                .then(b.last.cmp(&a.last))
                .then(a.phrase.cmp(&b.phrase))
        });
        matches
    }

    /// Matches that do not overlap each other, longer ones chosen first (then leftmost), in
    /// text order: "lower than those reported" beats "lower than".
    pub fn find_longest(&self, tokens: &[Token]) -> Vec<PhraseMatch> {
        let mut candidates = self.find_all(tokens);
        candidates.sort_by(|a, b| {
            (b.last - b.first)
                .cmp(&(a.last - a.first))
                .then(a.first.cmp(&b.first))
                .then(a.phrase.cmp(&b.phrase))
        });
        let mut taken = vec![false; tokens.len()];
        let mut chosen: Vec<PhraseMatch> = Vec::new();
        for found in candidates {
            if taken[found.first..found.last].iter().any(|&t| t) {
                continue;
            }
            taken[found.first..found.last]
                .iter_mut()
                .for_each(|t| *t = true);
            chosen.push(found);
        }
        chosen.sort_by_key(|found| found.first);
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[&str]) -> PhraseSet<usize> {
        let mut set = PhraseSet::default();
        for (index, phrase) in phrases.iter().enumerate() {
            set.insert(phrase, index).unwrap();
        }
        set
    }

    fn spans(set: &PhraseSet<usize>, text: &str) -> Vec<String> {
        let tokens = tokenize(text, 0..text.len());
        set.find_longest(&tokens)
            .into_iter()
            .map(|m| text[tokens[m.first].start..tokens[m.last - 1].end].to_string())
            .collect()
    }

    #[test]
    fn matches_case_insensitively_and_across_hyphens() {
        let codes = set(&["codes of conduct", "multi-stakeholder initiative*"]);
        assert_eq!(
            spans(&codes, "Codes of Conduct and multi stakeholder initiatives"),
            ["Codes of Conduct", "multi stakeholder initiatives"]
        );
    }

    #[test]
    fn prefers_the_longest_match() {
        let cues = set(&["limited", "limited improvements"]);
        assert_eq!(
            spans(&cues, "brought about limited improvements"),
            ["limited improvements"]
        );
    }

    #[test]
    fn a_star_makes_a_prefix() {
        let cues = set(&["fail* to"]);
        assert_eq!(
            spans(&cues, "it failed to, it fails to"),
            ["failed to", "fails to"]
        );
    }

    #[test]
    fn unicode_case_is_folded() {
        let names = set(&["égalité"]);
        assert_eq!(spans(&names, "ÉGALITÉ"), ["ÉGALITÉ"]);
    }

    #[test]
    fn rejects_phrases_that_cannot_match() {
        let mut phrases: PhraseSet<()> = PhraseSet::default();
        assert!(phrases.insert("  ", ()).is_err());
        assert!(phrases.insert("* of", ()).is_err());
        assert!(phrases.insert("(", ()).is_err());
    }
}
