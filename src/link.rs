//! Linking an in-text citation to the reference entry it names, and saying what differs when
//! the match is not exact.
//!
//! A citation matches an entry on its first surname and year (suffix included); the other names,
//! the author count ("et al." against two or one) and printed initials ("A. Khan" against
//! "F. Khan") decide between entries that share both. A corporate abbreviation matches the
//! entry that spells it out ("ETI 2006" → "Ethical Trading Initiative (ETI). (2006)").
//! Anything short of an exact match is kept with the differences found: a surname spelled
//! differently, cut short, the co-authors spelled differently, another author count or order
//! (linked, and reported by `check`), or another year (not linked: the likely entry is only
//! suggested). Pure functions, no I/O.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::citation::Citation;
use crate::reference::ReferenceEntry;

/// What differs between a citation and the entry it is linked to or that is suggested for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Discrepancy {
    /// The first surname is spelled differently ("Tandler" cited, "Tendler" listed).
    FirstAuthorSpelling {
        /// As cited.
        cited: String,
        /// As listed.
        listed: String,
    },
    /// The first surname is cut short ("Puppim" for "Puppim de Oliveira").
    FirstAuthorShortened {
        /// As cited.
        cited: String,
        /// As listed.
        listed: String,
    },
    /// A co-author is spelled differently ("Shrank" cited, "Schrank" listed).
    CoAuthorSpelling {
        /// As cited.
        cited: String,
        /// As listed.
        listed: String,
    },
    /// The citation names another number of authors than the entry lists.
    AuthorCount {
        /// Names cited ("et al." counts as three or more).
        cited: String,
        /// Names listed.
        listed: usize,
    },
    /// The same authors in another order.
    AuthorOrder,
    /// Another year ("2014" cited, "2013" listed).
    Year {
        /// As cited.
        cited: String,
        /// As listed.
        listed: String,
    },
    /// The printed initials are not the entry's ("A. Khan" cited, "Khan, F." listed).
    Initials {
        /// As cited.
        cited: String,
        /// As listed.
        listed: String,
    },
}

impl Discrepancy {
    /// One line for people.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::FirstAuthorSpelling { cited, listed } => {
                format!("author spelled differently: \"{cited}\" cited, \"{listed}\" listed")
            }
            Self::FirstAuthorShortened { cited, listed } => {
                format!("surname cut short: \"{cited}\" cited, \"{listed}\" listed")
            }
            Self::CoAuthorSpelling { cited, listed } => {
                format!("co-author spelled differently: \"{cited}\" cited, \"{listed}\" listed")
            }
            Self::AuthorCount { cited, listed } => {
                format!("{cited} cited, {listed} listed")
            }
            Self::AuthorOrder => "authors in another order".to_string(),
            Self::Year { cited, listed } => {
                format!("year differs: {cited} cited, {listed} listed")
            }
            Self::Initials { cited, listed } => {
                format!("initials differ: {cited} cited, {listed} listed")
            }
        }
    }
}

/// How a citation resolves against a list of entries (indices into that list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Resolution {
    /// It matches this entry exactly.
    Exact {
        /// The entry.
        entry: usize,
    },
    /// It is linked to the entry it most likely names, which differs as said.
    Near {
        /// The entry.
        entry: usize,
        /// What differs.
        differences: Vec<Discrepancy>,
    },
    /// Several entries fit equally well.
    Ambiguous {
        /// The entries.
        entries: Vec<usize>,
    },
    /// No entry fits; `suggestion` is the entry it may have meant (another year).
    Unmatched {
        /// A likely entry and what differs.
        suggestion: Option<(usize, Vec<Discrepancy>)>,
    },
}

impl Resolution {
    /// The entry the citation is linked to (exact or near), if any.
    #[must_use]
    pub fn entry(&self) -> Option<usize> {
        match self {
            Self::Exact { entry } | Self::Near { entry, .. } => Some(*entry),
            _ => None,
        }
    }
}

/// The form in which names are compared exactly: NFC, lower case, one kind of apostrophe and
/// hyphen, single spaces, no trailing full stop.
#[must_use]
pub fn fold(name: &str) -> String {
    // NFC leaves ASCII unchanged. Linking folds every listed year and surname once per
    // citation, so the normaliser is skipped where it has nothing to do.
    if name.is_ascii() {
        fold_chars(name, name.chars())
    } else {
        fold_chars(name, name.nfc())
    }
}

fn fold_chars(name: &str, chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in chars {
        let c = match c {
            '’' | 'ʼ' | '‘' | '`' | '´' => '\'',
            '‐' | '‑' | '–' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    let kept = out.trim_end_matches('.').len();
    out.truncate(kept);
    out
}

/// The form in which names are compared loosely: `fold`, without accents, '&' / "and", and
/// punctuation.
fn loose(name: &str) -> String {
    fold(name)
        .replace(['/', '&'], " ")
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .replace(" and ", " ")
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names of an entry as cited: a corporate author with an abbreviation is cited by it.
fn listed_surnames(entry: &ReferenceEntry) -> Vec<&str> {
    entry.authors.iter().map(|a| a.surname.as_str()).collect()
}

fn first_author_exact(cited: &str, entry: &ReferenceEntry) -> bool {
    let cited = fold(cited);
    entry
        .authors
        .first()
        .is_some_and(|a| fold(&a.surname) == cited || fold(&strip_particles(&a.surname)) == cited)
        || entry
            .abbreviation
            .as_deref()
            .is_some_and(|abbreviation| fold(abbreviation) == cited)
}

/// "van Tulder" → "Tulder": listed surnames sometimes carry their particle after the given
/// names ("Tulder, R. van").
fn strip_particles(surname: &str) -> String {
    let words: Vec<&str> = surname.split_whitespace().collect();
    let first_capital = words
        .iter()
        .position(|w| w.starts_with(char::is_uppercase) && !is_particle(w))
        .unwrap_or(0);
    words[first_capital..].join(" ")
}

fn is_particle(word: &str) -> bool {
    crate::citation::lexicon::contains_ignore_case(crate::citation::lexicon::PARTICLES, word)
}

fn year_of(entry: &ReferenceEntry) -> Option<String> {
    entry.year.as_deref().map(fold)
}

/// How close two surnames are: 0 equal (folded), else the edit distance between their loose
/// forms.
fn distance(a: &str, b: &str) -> usize {
    if fold(a) == fold(b) {
        return 0;
    }
    strsim::damerau_levenshtein(&loose(a), &loose(b)).max(1)
}

/// Near enough to be a misspelling: one edit in a short name, two in a longer one.
fn misspelt(cited: &str, listed: &str) -> bool {
    let d = distance(cited, listed);
    let len = loose(cited)
        .chars()
        .count()
        .min(loose(listed).chars().count());
    d > 0 && (d <= 1 || (d <= 2 && len >= 6))
}

/// "Puppim" for "Puppim de Oliveira": the cited name is the first words of the listed one.
fn shortened(cited: &str, listed: &str) -> bool {
    let cited = fold(cited);
    let listed = fold(listed);
    listed.len() > cited.len() && listed.starts_with(&format!("{cited} "))
}

fn initial_letter(initials: &str) -> Option<char> {
    initials
        .chars()
        .find(|c| c.is_alphabetic())
        .map(|c| c.to_lowercase().next().unwrap_or(c))
}

/// What differs between the citation's author list and an entry whose first author and year
/// match, and a score for choosing between such entries.
fn compare_authors(citation: &Citation, entry: &ReferenceEntry) -> (i32, Vec<Discrepancy>) {
    let mut score = 0;
    let mut differences = Vec::new();
    let listed = listed_surnames(entry);
    let cited = &citation.authors;
    let count_fits = if citation.et_al {
        listed.len() >= 3 || (listed.len() == 2 && cited.len() == 1)
    } else {
        listed.len() == cited.len() || (cited.len() >= 3 && listed.len() >= 3)
    };
    if count_fits {
        score += 4;
        if citation.et_al && listed.len() >= 3 {
            score += 1;
        }
    } else {
        differences.push(Discrepancy::AuthorCount {
            cited: if citation.et_al {
                format!("{} and others", cited.len())
            } else {
                cited.len().to_string()
            },
            listed: listed.len(),
        });
    }
    for (index, name) in cited.iter().enumerate().skip(1) {
        let Some(listed_name) = listed.get(index) else {
            continue;
        };
        if fold(name) == fold(listed_name) {
            score += 2;
        } else if misspelt(name, listed_name) {
            score += 1;
            differences.push(Discrepancy::CoAuthorSpelling {
                cited: name.clone(),
                listed: (*listed_name).to_string(),
            });
        } else {
            score -= 2;
        }
    }
    if let (Some(Some(cited_initials)), Some(listed_first)) =
        (citation.initials.first(), entry.authors.first())
    {
        if let Some(given) = listed_first.given.as_deref() {
            match (initial_letter(cited_initials), initial_letter(given)) {
                (Some(a), Some(b)) if a == b => score += 3,
                (Some(_), Some(_)) => {
                    score -= 6;
                    differences.push(Discrepancy::Initials {
                        cited: cited_initials.clone(),
                        listed: given.to_string(),
                    });
                }
                _ => {}
            }
        }
    }
    (score, differences)
}

/// Resolves one citation against `entries`.
#[must_use]
pub fn resolve(citation: &Citation, entries: &[&ReferenceEntry]) -> Resolution {
    let (Some(year), Some(first)) = (citation.year.as_deref(), citation.authors.first()) else {
        return Resolution::Unmatched { suggestion: None };
    };
    let year = fold(year);
    let same_year: Vec<usize> = (0..entries.len())
        .filter(|&i| year_of(entries[i]).as_deref() == Some(year.as_str()))
        .collect();

    // First surname and year.
    let exact: Vec<usize> = same_year
        .iter()
        .copied()
        .filter(|&i| first_author_exact(first, entries[i]))
        .collect();
    if !exact.is_empty() {
        return choose(citation, entries, &exact, &[]);
    }

    // The first surname misspelt or cut short, same year.
    let mut near = Vec::new();
    let mut first_difference = Vec::new();
    for &i in &same_year {
        let Some(listed) = entries[i].authors.first() else {
            continue;
        };
        let listed = listed.surname.as_str();
        if shortened(first, listed) {
            near.push(i);
            first_difference.push(Discrepancy::FirstAuthorShortened {
                cited: first.clone(),
                listed: listed.to_string(),
            });
        } else if misspelt(first, listed) || loose(first) == loose(listed) {
            near.push(i);
            first_difference.push(Discrepancy::FirstAuthorSpelling {
                cited: first.clone(),
                listed: listed.to_string(),
            });
        }
    }
    if near.len() == 1 {
        return choose(citation, entries, &near, &first_difference);
    }
    if near.len() > 1 {
        return Resolution::Ambiguous { entries: near };
    }

    // The same authors in another order, same year.
    if citation.authors.len() >= 2 {
        let mut cited: Vec<String> = citation.authors.iter().map(|a| fold(a)).collect();
        cited.sort();
        let reordered: Vec<usize> = same_year
            .iter()
            .copied()
            .filter(|&i| {
                let mut listed: Vec<String> = listed_surnames(entries[i])
                    .iter()
                    .map(|a| fold(a))
                    .collect();
                listed.sort();
                listed == cited
            })
            .collect();
        if let [only] = reordered[..] {
            return Resolution::Near {
                entry: only,
                differences: vec![Discrepancy::AuthorOrder],
            };
        }
    }

    // The same first author, another year: suggested, not linked.
    let other_years: Vec<usize> = (0..entries.len())
        .filter(|&i| first_author_exact(first, entries[i]))
        .collect();
    let suggestion = other_years
        .iter()
        .copied()
        .max_by_key(|&i| {
            let (score, _) = compare_authors(citation, entries[i]);
            let gap = year_gap(&year, year_of(entries[i]).as_deref().unwrap_or(""));
            (score, std::cmp::Reverse(gap), std::cmp::Reverse(i))
        })
        .map(|i| {
            let (_, mut differences) = compare_authors(citation, entries[i]);
            differences.insert(
                0,
                Discrepancy::Year {
                    cited: citation.year.clone().unwrap_or_default(),
                    listed: entries[i].year.clone().unwrap_or_default(),
                },
            );
            (i, differences)
        });
    Resolution::Unmatched { suggestion }
}

/// Distance between two years (a large number when either is not a number).
fn year_gap(a: &str, b: &str) -> u32 {
    let number = |y: &str| y.get(..4).and_then(|d| d.parse::<u32>().ok());
    match (number(a), number(b)) {
        (Some(a), Some(b)) => a.abs_diff(b),
        _ => 10_000,
    }
}

/// Picks the best of several entries sharing first author and year.
fn choose(
    citation: &Citation,
    entries: &[&ReferenceEntry],
    candidates: &[usize],
    first_difference: &[Discrepancy],
) -> Resolution {
    let scored: Vec<(usize, i32, Vec<Discrepancy>)> = candidates
        .iter()
        .map(|&i| {
            let (score, differences) = compare_authors(citation, entries[i]);
            (i, score, differences)
        })
        .collect();
    let best = scored.iter().map(|(_, s, _)| *s).max().unwrap_or(0);
    let top: Vec<&(usize, i32, Vec<Discrepancy>)> =
        scored.iter().filter(|(_, s, _)| *s == best).collect();
    if top.len() > 1 {
        return Resolution::Ambiguous {
            entries: top.iter().map(|(i, _, _)| *i).collect(),
        };
    }
    let Some((entry, _, differences)) = top.first() else {
        return Resolution::Unmatched { suggestion: None };
    };
    let mut all: Vec<Discrepancy> = first_difference.to_vec();
    all.extend(differences.iter().cloned());
    if all.is_empty() {
        Resolution::Exact { entry: *entry }
    } else {
        Resolution::Near {
            entry: *entry,
            differences: all,
        }
    }
}

/// The key of the work an entry describes, as citations name it: "Locke et al. 2009",
/// "ETI 2006" for a corporate author cited by its abbreviation.
#[must_use]
pub fn entry_key(entry: &ReferenceEntry) -> String {
    let surnames: Vec<String> = match (&entry.abbreviation, entry.authors.len()) {
        (Some(abbreviation), 1) => vec![abbreviation.clone()],
        _ => entry.authors.iter().map(|a| a.surname.clone()).collect(),
    };
    crate::citation::work_key(&surnames, false, entry.year.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citation::CitationKind;
    use crate::reference::{parse_entry, Name};

    fn cite(authors: &[&str], et_al: bool, year: &str, initials: Option<&str>) -> Citation {
        Citation {
            start: 0,
            end: 0,
            line: 1,
            raw: String::new(),
            kind: CitationKind::Parenthetical,
            authors: authors.iter().map(|a| (*a).to_string()).collect(),
            initials: std::iter::once(initials.map(str::to_string))
                .chain(std::iter::repeat(None))
                .take(authors.len())
                .collect(),
            et_al,
            year: Some(year.to_string()),
            locator: None,
            prefix: None,
            ibid: false,
            bracket: None,
            norm_start: 0,
            norm_end: 0,
        }
    }

    fn entry(text: &str) -> ReferenceEntry {
        parse_entry(text).0
    }

    fn entries() -> Vec<ReferenceEntry> {
        [
            "Khan, F. (2007). Representational approaches matter. Journal of Business Ethics, 73(1), 77-89.",
            "Khan, A. (2007). Representing children. Oxford University Press.",
            "Lee, C. (2013). Labor law in China. Working paper.",
            "Gereffi, G. and Lee, J. (2014). Economic and social upgrading. Journal of Business Ethics.",
            "Lund-Thomsen, P. and Lindgreen, A. (2014). CSR in global value chains. Journal of Business Ethics.",
            "Lund-Thomsen, P., Lindgreen, A. and Vanhamme, J. (2014). Industrial clusters and CSR. Journal of Business Ethics.",
            "Tendler, J. (2002). Small firms, the informal sector, and the devil's deal. IDS Bulletin.",
            "Piore, MJ. and Schrank, A. (2008). Toward managed flexibility. International Labour Review.",
            "Puppim de Oliveira, JA. and Jabbour, C. (2015). Environmental management. Journal of Cleaner Production.",
            "Ethical Trading Initiative (ETI). (2006). The ETI code of labour practice. London: ETI.",
            "Fashion Sourcing Network. (2014). Information obtained from the homepage.",
            "Nadvi, K. and Knorrinda, P. (2014). Clusters and CSR. Oxford University Press.",
        ]
        .iter()
        .map(|t| entry(t))
        .collect()
    }

    fn resolve_in(citation: &Citation) -> Resolution {
        let list = entries();
        let refs: Vec<&ReferenceEntry> = list.iter().collect();
        resolve(citation, &refs)
    }

    #[test]
    fn exact_links_and_tie_breaks() {
        assert_eq!(
            resolve_in(&cite(&["Khan"], false, "2007", Some("A."))),
            Resolution::Exact { entry: 1 }
        );
        assert_eq!(
            resolve_in(&cite(&["Khan"], false, "2007", Some("F.R."))),
            Resolution::Exact { entry: 0 }
        );
        assert_eq!(
            resolve_in(&cite(&["Khan"], false, "2007", None)),
            Resolution::Ambiguous {
                entries: vec![0, 1]
            }
        );
        assert_eq!(
            resolve_in(&cite(&["Lund-Thomsen"], true, "2014", None)),
            Resolution::Exact { entry: 5 }
        );
        assert_eq!(
            resolve_in(&cite(&["Lund-Thomsen", "Lindgreen"], false, "2014", None)),
            Resolution::Exact { entry: 4 }
        );
        assert_eq!(
            resolve_in(&cite(&["ETI"], false, "2006", None)),
            Resolution::Exact { entry: 9 }
        );
        assert_eq!(
            resolve_in(&cite(&["Gereffi", "Lee"], false, "2014", None)),
            Resolution::Exact { entry: 3 }
        );
    }

    #[test]
    fn near_misses_say_what_differs() {
        assert_eq!(
            resolve_in(&cite(&["Tandler"], false, "2002", None)),
            Resolution::Near {
                entry: 6,
                differences: vec![Discrepancy::FirstAuthorSpelling {
                    cited: "Tandler".into(),
                    listed: "Tendler".into()
                }]
            }
        );
        assert_eq!(
            resolve_in(&cite(&["Piore", "Shrank"], false, "2008", None)),
            Resolution::Near {
                entry: 7,
                differences: vec![Discrepancy::CoAuthorSpelling {
                    cited: "Shrank".into(),
                    listed: "Schrank".into()
                }]
            }
        );
        assert!(matches!(
            resolve_in(&cite(&["Puppim", "Jabbour"], false, "2015", None)),
            Resolution::Near { entry: 8, ref differences } if matches!(differences[0], Discrepancy::FirstAuthorShortened { .. })
        ));
        assert!(matches!(
            resolve_in(&cite(&["Fashion & Sourcing Network"], false, "2014", None)),
            Resolution::Near { entry: 10, .. }
        ));
        assert!(matches!(
            resolve_in(&cite(&["Nadvi", "Knorringa"], false, "2014", None)),
            Resolution::Near { entry: 11, .. }
        ));
        // Another year: suggested, not linked, and never the entry where Lee is second author.
        assert_eq!(
            resolve_in(&cite(&["Lee"], false, "2014", None)),
            Resolution::Unmatched {
                suggestion: Some((
                    2,
                    vec![Discrepancy::Year {
                        cited: "2014".into(),
                        listed: "2013".into()
                    }]
                ))
            }
        );
        assert_eq!(
            resolve_in(&cite(&["Stiglitz"], false, "2009", None)),
            Resolution::Unmatched { suggestion: None }
        );
    }

    #[test]
    fn author_order_and_count() {
        let list = [entry("Smith, A. and Jones, B. (2001). A title. A journal.")];
        let refs: Vec<&ReferenceEntry> = list.iter().collect();
        assert_eq!(
            resolve(&cite(&["Jones", "Smith"], false, "2001", None), &refs),
            Resolution::Near {
                entry: 0,
                differences: vec![Discrepancy::AuthorOrder]
            }
        );
        assert_eq!(
            resolve(&cite(&["Smith"], false, "2001", None), &refs),
            Resolution::Near {
                entry: 0,
                differences: vec![Discrepancy::AuthorCount {
                    cited: "1".into(),
                    listed: 2
                }]
            }
        );
    }

    #[test]
    fn keys_of_entries() {
        let list = entries();
        assert_eq!(entry_key(&list[5]), "Lund-Thomsen et al. 2014");
        assert_eq!(entry_key(&list[9]), "ETI 2006");
        let named = ReferenceEntry {
            authors: vec![Name {
                surname: "Locke".into(),
                given: Some("R.".into()),
            }],
            year: Some("2013".into()),
            ..ReferenceEntry::default()
        };
        assert_eq!(entry_key(&named), "Locke 2013");
    }
}
