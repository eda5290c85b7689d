//! Author lists: "Afraz, N., Hussain, S. T., and Khan, U." → surnames with given names, in order.
//!
//! The list is cut into groups at unambiguous separators (";", "/", "&", "and", "und"), each
//! group into comma segments, and segments are paired: a lone surname takes the initials or given
//! names of the segment after it ("Bergk, V.", with particles printed after them: "Tulder, R.
//! van"), a segment that is a whole name is read in its own order ("J. T. Hecht", "Marras WS",
//! "APPELBAUM Eileen", "Von der Lippe").
//!
//! The whole list decides one ambiguity: after an inverted first name, "Aaa, Anna, Anna van Bbb,
//! and Anna Ccc" (Chicago, ASA, MLA) prints the other names given name first, which a last name
//! without its comma shows; "Anna van Bbb" is then a name, not a compound surname waiting for
//! "Anna Ccc" as its given names.

use serde::Serialize;

use super::grammar::initials;
use super::tables::{
    CORPORATE_JOINERS, CORPORATE_WORDS, EDITOR_MARKERS, NAME_CONJUNCTIONS, NAME_PARTICLES,
    NAME_SUFFIXES,
};

/// One person or corporate body as printed in a reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    /// Family name or corporate name as printed ("Lund-Thomsen", "Puppim de Oliveira",
    /// "APPELBAUM", "Ethical Trading Initiative").
    pub surname: String,
    /// Given names or initials as printed ("N.", "S. T.", "Eileen"), if any.
    pub given: Option<String>,
}

/// What an author block held besides the names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AuthorList {
    /// The names in order.
    pub names: Vec<Name>,
    /// An editor marker ("(eds.)", "(Hrsg.)") followed the names.
    pub edited: bool,
    /// "et al." or "u.a." ended the list.
    pub et_al: bool,
    /// A bracketed abbreviation of a corporate author ("(ETI)").
    pub abbreviation: Option<String>,
}

/// Strip brackets and trailing punctuation to compare a word with a table.
fn bare(word: &str) -> String {
    word.trim_end_matches([',', ';', ':', '.'])
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ';' | ':'))
        .to_lowercase()
}

/// An editor marker: "(eds.)", "eds.,", "(Hrsg.):", "Hg.".
pub(crate) fn is_editor_marker(word: &str) -> bool {
    let word = bare(word);
    EDITOR_MARKERS.contains(&word.as_str())
        || EDITOR_MARKERS.contains(&word.trim_end_matches('.'))
        || EDITOR_MARKERS.contains(&format!("{word}.").as_str())
}

/// A bracketed all-capitals abbreviation such as "(ETI)" or "(ILO).": returns "ETI".
pub(crate) fn bracketed_abbreviation(word: &str) -> Option<&str> {
    let inner = word
        .trim_end_matches(['.', ',', ';', ':'])
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    let upper = inner.chars().filter(|c| c.is_uppercase()).count();
    (letters >= 2 && upper * 2 > letters && inner.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .then_some(inner)
}

/// A word that is all initials: "J.", "J.A.", "W.-P.", "MJ", "Th.".
pub(crate) fn is_initials(word: &str) -> bool {
    let word = word.trim_end_matches([',', ';', ':']);
    matches!(initials(word), Ok((rest, _)) if rest.is_empty())
}

/// A capital and one or two lower-case letters with a period: an abbreviated given name ("Th.",
/// "Chr.") to the grammar of initials, but also a short surname closed by the sentence's period
/// ("Anna Lee.", "Wei Li.").
fn is_mixed_case_abbreviation(word: &str) -> bool {
    let Some(core) = word.strip_suffix('.') else {
        return false;
    };
    let mut chars = core.chars();
    chars.next().is_some_and(char::is_uppercase)
        && core.chars().count() >= 2
        && chars.all(char::is_lowercase)
}

fn is_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word.to_lowercase().as_str())
}

/// A lower-case particle, with or without a closing period ("van", "von der", "de.").
fn is_lower_particle(word: &str) -> bool {
    word.starts_with(char::is_lowercase)
        && (is_particle(word) || is_particle(word.trim_end_matches(['.', ','])))
}

fn is_suffix(word: &str) -> bool {
    NAME_SUFFIXES.contains(&word.to_lowercase().as_str())
}

fn is_conjunction(word: &str) -> bool {
    NAME_CONJUNCTIONS.contains(&word.to_lowercase().as_str())
}

/// An upper-case word of two or more letters: "APPELBAUM", "UNCTAD", "MÜNZ".
fn is_capitals(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn is_corporate(words: &[&str]) -> bool {
    (words.len() >= 5 && !words.iter().any(|w| is_initials(w) || is_particle(w)))
        || words.iter().any(|w| {
            let lower = w.to_lowercase();
            let lower = lower.trim_end_matches([',', '.']);
            // "der" joins "Bundesministerium der Finanzen" but is a particle in "van der Pol".
            CORPORATE_WORDS.contains(&lower)
                || (CORPORATE_JOINERS.contains(&lower) && !is_particle(lower))
        })
}

// author_list = name_group (group_separator name_group)* et_al? editor_marker?
// group_separator = ';' | '/' | '&' | 'and' | 'und' | 'u.' | 'et' | 'with'
/// Read an author block into names, flags and a corporate abbreviation.
pub(crate) fn author_list(block: &str) -> AuthorList {
    let mut list = AuthorList::default();
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    let words: Vec<&str> = block.split_whitespace().collect();
    let mut index = 0;
    while let Some(&word) = words.get(index) {
        index += 1;
        let lower = word.to_lowercase();
        if lower == "et" && words.get(index).is_some_and(|w| w.starts_with("al")) {
            list.et_al = true;
            index += 1;
            continue;
        }
        if matches!(
            lower.as_str(),
            "u.a." | "u.a" | "…" | "..." | "et.al." | "etal."
        ) || (lower == "others" && index >= 2)
        {
            list.et_al = true;
            continue;
        }
        if lower == "u." && words.get(index).is_some_and(|w| w.starts_with("a.")) {
            list.et_al = true;
            index += 1;
            continue;
        }
        if is_editor_marker(word) {
            list.edited = true;
            continue;
        }
        if let Some(abbreviation) = bracketed_abbreviation(word) {
            if list.abbreviation.is_none() {
                list.abbreviation = Some(abbreviation.to_string());
            }
            continue;
        }
        // "M.(Hrsg.)": an editor marker glued to a name.
        let word = match word.split_once('(') {
            Some((name, marker)) if !name.is_empty() && is_editor_marker(&format!("({marker}")) => {
                list.edited = true;
                name
            }
            _ => word,
        };
        // A role in brackets ("Völker (Rektor).") is not a name.
        if word.starts_with('(') && word.trim_end_matches(['.', ',', ';', ':']).ends_with(')') {
            continue;
        }
        // "Luijn,H.;": a comma without its space.
        let word = match word.split_once(',') {
            Some((head, tail)) if !head.is_empty() && tail.starts_with(char::is_uppercase) => {
                if let Some(group) = groups.last_mut() {
                    group.push(format!("{head},"));
                }
                tail
            }
            _ => word,
        };
        if is_conjunction(word.trim_end_matches(',')) && !is_initials(word) {
            groups.push(Vec::new());
            continue;
        }
        // "A./Stauber," and "Sigrid/" carry a group break inside the word.
        let pieces: Vec<&str> = word.split('/').collect();
        for (number, piece) in pieces.iter().enumerate() {
            if number > 0 {
                groups.push(Vec::new());
            }
            let piece = piece.trim_start_matches(['(', '[', '"', '“']);
            if piece.is_empty() {
                continue;
            }
            if let Some(group) = groups.last_mut() {
                group.push(piece.trim_end_matches(';').to_string());
            }
            if piece.ends_with(';') {
                groups.push(Vec::new());
            }
        }
    }
    groups.retain(|g| !g.is_empty());
    let form = list_form(&groups);
    for (number, group) in groups.iter().enumerate() {
        if form.natural_last && number + 1 == groups.len() {
            let segments = comma_segments(group);
            list.names.extend(segments.first().map(|s| natural_name(s)));
            continue;
        }
        let form = ListForm {
            natural_rest: form.natural_rest && number == 0,
            ..form
        };
        name_group(group, &mut list.names, form);
    }
    list
}

/// What the whole list shows about how its names are printed.
#[derive(Debug, Clone, Copy, Default)]
struct ListForm {
    /// The first name is inverted with a comma ("Aaa, Anna"), so a later name without a comma,
    /// "Anna Lee.", is a given name and a surname: the style would print "Lee, A." with its comma.
    comma_inverted: bool,
    /// The names after the first may be printed given name first: the last one, after the
    /// conjunction, is ("Aaa, Anna, Anna van Bbb, and Anna Ccc": Chicago, ASA, MLA), or there is
    /// no conjunction after an inverted first name. They are read so when they all look so.
    natural_rest: bool,
    /// After an inverted first name, the last group is one name printed given name first.
    natural_last: bool,
}

fn list_form(groups: &[Vec<String>]) -> ListForm {
    let first = groups
        .first()
        .map(|g| comma_segments(g))
        .unwrap_or_default();
    let comma_inverted = match first.as_slice() {
        [surname, given, ..] => {
            let lone_surname = match surname.as_slice() {
                [word] => !is_initials(word),
                [particle, .., _] => is_particle(particle) && surname.len() <= 3,
                [] => false,
            };
            lone_surname && (all_initials(given) || is_given_like(given))
        }
        _ => false,
    };
    let natural_rest = match groups {
        // "Aaa, Anna, Anna van Bbb, Anna Ccc, et al.": no conjunction to go by.
        [_] => comma_inverted,
        [_, .., last] => {
            let segments = comma_segments(last);
            matches!(segments.as_slice(), [only] if is_natural_name(only, comma_inverted))
        }
        [] => false,
    };
    ListForm {
        comma_inverted,
        natural_rest,
        natural_last: natural_rest && comma_inverted && groups.len() >= 2,
    }
}

/// Cut a group's words into comma segments, keeping printed spelling.
fn comma_segments(group: &[String]) -> Vec<Vec<&str>> {
    let mut segments: Vec<Vec<&str>> = vec![Vec::new()];
    for word in group {
        let ends_segment = word.ends_with(',');
        let clean = word.trim_end_matches(',');
        if !clean.is_empty() {
            if let Some(segment) = segments.last_mut() {
                segment.push(clean);
            }
        }
        if ends_segment {
            segments.push(Vec::new());
        }
    }
    segments.retain(|s| !s.is_empty());
    segments
}

/// Given names as they follow an inverted surname: one word, or initials only at the end
/// ("Juan", "Antonia M.", "J. A."), unlike a natural-order name ("Wilhelm H. Schröder").
fn is_short_given(segment: &[&str]) -> bool {
    let first_initial = segment.iter().position(|w| is_initials(w));
    segment.len() == 1
        || first_initial.is_some_and(|at| segment.iter().skip(at).all(|w| is_initials(w)))
}

/// A segment that is a whole name printed given name first: "Anna van Bbb", "K. Ccc", "María
/// José Ddd" (not "Hickman Mary J.", "De Neve" or "APPELBAUM Eileen").
fn is_natural_name(segment: &[&str], comma_inverted: bool) -> bool {
    let (Some(first), Some(last)) = (segment.first(), segment.last()) else {
        return false;
    };
    (2..=6).contains(&segment.len())
        // After a person's inverted name, "Sam Union" and "Anna Van Amt" are persons too.
        && (!is_corporate(segment) || (comma_inverted && corporate_only_by_surname(segment)))
        // Only particles are in lower case: "Refiguring the Real" is a title.
        && segment
            .iter()
            .all(|w| !w.starts_with(char::is_lowercase) || is_particle(w))
        && (is_initials(first)
            || (first.starts_with(char::is_uppercase) && !is_capitals(first) && !is_particle(first)))
        && last.starts_with(char::is_uppercase)
        && !is_particle(last)
        && !is_suffix(last)
        && (!is_initials(last) || (comma_inverted && is_mixed_case_abbreviation(last)))
}

/// Only the last word of the segment is a corporate word, printed like a surname after one given
/// name or a particle ("Sam Union", "Anna van Amt"; not "World Bank", "Human Rights Commission",
/// "Prognos AG" or "Acme Inc.").
fn corporate_only_by_surname(segment: &[&str]) -> bool {
    let Some((last, rest)) = segment.split_last() else {
        return false;
    };
    (rest.len() == 1 || rest.last().is_some_and(|w| is_particle(w)))
        && !is_corporate(rest)
        && !last.ends_with('.')
        && last.chars().skip(1).all(|c| !c.is_uppercase())
}

fn all_initials(segment: &[&str]) -> bool {
    !segment.is_empty() && segment.iter().all(|w| is_initials(w))
}

/// Given names after an inverted surname: "Igor", "Judith C.", "Ronald S.", "V.", "M das GC";
/// particles printed after them do not count ("M. J. von der").
fn is_given_like(segment: &[&str]) -> bool {
    let particles = segment
        .iter()
        .rev()
        .take_while(|w| is_lower_particle(w))
        .count();
    let segment = segment.get(..segment.len() - particles).unwrap_or(&[]);
    !segment.is_empty()
        && segment.len() <= 3
        && segment.iter().all(|w| {
            is_initials(w)
                || is_particle(w)
                || is_lower_particle(w)
                || (w.starts_with(char::is_uppercase)
                    && !is_capitals(w)
                    && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c)))
        })
}

// name_group = segment (',' segment)*
// segment = corporate_name | initials+ surname | surname initials+ | SURNAME given+
//         | particle surname_word+ | given+ surname | surname
//
/// With `form.natural_rest`, the segments after the first name are whole names in natural order
/// when they all read as such.
fn name_group(group: &[String], names: &mut Vec<Name>, form: ListForm) {
    let segments = comma_segments(group);
    let first_name = names.len();
    let mut natural: Option<bool> = None;
    let mut pending: Option<usize> = None;
    let mut index = 0;
    while let Some(segment) = segments.get(index) {
        if form.natural_rest && natural.is_none() && pending.is_none() && names.len() > first_name {
            natural = Some(segments.get(index..).is_some_and(|rest| {
                rest.iter().all(|s| {
                    s.iter().all(|w| is_suffix(w)) || is_natural_name(s, form.comma_inverted)
                })
            }));
        }
        index += 1;
        let next = segments.get(index);
        if segment.iter().all(|w| is_suffix(w)) {
            continue;
        }
        if natural == Some(true) {
            names.push(natural_name(segment));
            continue;
        }
        if let Some(waiting) = pending.take() {
            // "Lund-Thomsen, P. Lindgreen, A.": the initials close the waiting name, the rest
            // opens the next one.
            let leading = segment.iter().take_while(|w| is_initials(w)).count();
            if leading > 0 && leading < segment.len() && next.is_some_and(|n| all_initials(n)) {
                if let Some(name) = names.get_mut(waiting) {
                    name.given = Some(given_text(segment.get(..leading).unwrap_or(&[])));
                }
                names.push(Name {
                    surname: surname_text(segment.get(leading..).unwrap_or(&[])),
                    given: None,
                });
                pending = Some(names.len() - 1);
                continue;
            }
            if all_initials(segment) || is_given_like(segment) {
                if let Some(name) = names.get_mut(waiting) {
                    name.given = Some(given_text(segment));
                }
                continue;
            }
        }
        let waits = segment_name(segment, next.map(Vec::as_slice), names, form);
        if waits {
            pending = Some(names.len() - 1);
        }
    }
}

/// Read one segment as a whole name; returns whether it is a surname waiting for given names.
fn segment_name(
    segment: &[&str],
    next: Option<&[&str]>,
    names: &mut Vec<Name>,
    form: ListForm,
) -> bool {
    let next_is_given = next.is_some_and(|n| all_initials(n) || is_given_like(n));
    let push = |names: &mut Vec<Name>, surname: &[&str], given: &[&str]| {
        names.push(Name {
            surname: surname_text(surname),
            given: (!given.is_empty()).then(|| given_text(given)),
        });
    };
    match segment {
        [] => false,
        [only] => {
            push(names, &[only], &[]);
            !is_capitals(only) || next_is_given
        }
        // "van Amt, Anna": a name that opens with a lower-case particle is a person's.
        _ if is_corporate(segment) && !segment.first().is_some_and(|w| is_lower_particle(w)) => {
            push(names, segment, &[]);
            false
        }
        _ => {
            let leading = segment.iter().take_while(|w| is_initials(w)).count();
            // After "Aaa, Anna", "Anna Lee." ends in a short surname and the sentence's period.
            let short_surname_last = form.comma_inverted
                && segment.len() >= 2
                && segment
                    .last()
                    .is_some_and(|w| is_mixed_case_abbreviation(w))
                && segment
                    .get(segment.len() - 2)
                    .is_some_and(|w| !is_initials(w) && !is_capitals(w));
            let trailing = if short_surname_last {
                0
            } else {
                segment.iter().rev().take_while(|w| is_initials(w)).count()
            };
            let capitals = segment
                .iter()
                .take_while(|w| is_capitals(w) && !is_initials(w))
                .count();
            let first_particle = segment.iter().position(|w| is_particle(w));
            let has_initial = segment.iter().any(|w| is_initials(w));
            if leading > 0 && leading < segment.len() {
                // "J. T. Hecht", "W.-P. de Roever"
                push(
                    names,
                    segment.get(leading..).unwrap_or(&[]),
                    segment.get(..leading).unwrap_or(&[]),
                );
                false
            } else if trailing > 0 && trailing < segment.len() {
                // "Marras WS", "Bykov A.M."; "Hickman Mary J." is surname, given name, initial.
                let mut split = segment.len() - trailing;
                if split == 2 && first_particle.is_none() && !segment.iter().any(|w| is_capitals(w))
                {
                    split = 1;
                }
                push(
                    names,
                    segment.get(..split).unwrap_or(&[]),
                    segment.get(split..).unwrap_or(&[]),
                );
                false
            } else if capitals > 0 && capitals < segment.len() {
                // "APPELBAUM Eileen", "VAN DER LINDEN Marcel"
                push(
                    names,
                    segment.get(..capitals).unwrap_or(&[]),
                    segment.get(capitals..).unwrap_or(&[]),
                );
                false
            } else if first_particle == Some(0)
                || (next_is_given
                    && (first_particle.is_some()
                        || (next.is_some_and(is_short_given) && leading == 0 && !has_initial)))
            {
                // "Von der Lippe", "De Neve, G.", "Puppim de Oliveira, JA.",
                // "Salling Olesen, Henning", "Ruiz Jiménez, Antonia M."
                push(names, segment, &[]);
                next_is_given
            } else {
                names.push(natural_split(segment, first_particle));
                false
            }
        }
    }
}

/// A name in natural order: given names, then a surname that starts at `surname_start` (its
/// first particle, or after leading initials) or is the last word before any suffix ("Robert D.
/// Hershey Jr.").
fn natural_split(segment: &[&str], surname_start: Option<usize>) -> Name {
    let mut split = surname_start
        .unwrap_or(segment.len().saturating_sub(1))
        .max(1);
    while split > 1 && segment.get(split).is_some_and(|w| is_suffix(w)) {
        split -= 1;
    }
    let surname_end = segment
        .iter()
        .rposition(|w| !is_suffix(w))
        .map_or(segment.len(), |p| p + 1)
        .max(split + 1);
    let given = segment.get(..split).unwrap_or(&[]);
    Name {
        surname: surname_text(segment.get(split..surname_end).unwrap_or(&[])),
        given: (!given.is_empty()).then(|| given_text(given)),
    }
}

// natural_name = (initials | given)+ particle* surname_word
/// A segment that `is_natural_name` accepted: "K. T. van Aaa" splits after its initials, "Anna
/// Van Amt" at its particle, even where a surname is also a corporate word.
fn natural_name(segment: &[&str]) -> Name {
    let leading = segment.iter().take_while(|w| is_initials(w)).count();
    let split = if leading > 0 && leading < segment.len() {
        Some(leading)
    } else {
        // "Vlad I Morariu": a capital alone is an initial, not the Catalan "i".
        segment
            .iter()
            .skip(1)
            .position(|w| is_particle(w) && !is_initials(w))
            .map(|p| p + 1)
    };
    natural_split(segment, split)
}

fn surname_text(words: &[&str]) -> String {
    let joined = words.join(" ");
    let trimmed = joined.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"'));
    // "Daiger." lost its sentence period; keep the period of an abbreviation like "Co.".
    let keep_period = words.last().is_some_and(|w| {
        let lower = w.to_lowercase();
        CORPORATE_WORDS.contains(&lower.as_str())
            || (is_initials(w) && !is_mixed_case_abbreviation(w))
    });
    if keep_period {
        trimmed.to_string()
    } else {
        trimmed.trim_end_matches('.').to_string()
    }
}

fn given_text(words: &[&str]) -> String {
    let joined = words.join(" ");
    let trimmed = joined.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')'));
    // "Robert." is a given name with a sentence period; "J." and "Th." are initials.
    let last_is_initial = words.last().is_some_and(|w| is_initials(w));
    if last_is_initial {
        trimmed.to_string()
    } else {
        trimmed.trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
type SurnameGiven = (String, Option<String>);

#[cfg(test)]
fn surnames_and_given(block: &str) -> Vec<SurnameGiven> {
    author_list(block)
        .names
        .into_iter()
        .map(|n| (n.surname, n.given))
        .collect()
}

#[test]
fn author_list_cases() {
    let s = |x: &str| x.to_string();
    let cases: Vec<(&str, Vec<SurnameGiven>)> = vec![
        (
            "Afraz, N., Hussain, S. T., and Khan, U.",
            vec![
                (s("Afraz"), Some(s("N."))),
                (s("Hussain"), Some(s("S. T."))),
                (s("Khan"), Some(s("U."))),
            ],
        ),
        ("Amengual, M.", vec![(s("Amengual"), Some(s("M.")))]),
        (
            "Carswell, G., and De Neve, G.",
            vec![
                (s("Carswell"), Some(s("G."))),
                (s("De Neve"), Some(s("G."))),
            ],
        ),
        (
            "Lund-Thomsen, P. Lindgreen, A. and Vanhamme, J.",
            vec![
                (s("Lund-Thomsen"), Some(s("P."))),
                (s("Lindgreen"), Some(s("A."))),
                (s("Vanhamme"), Some(s("J."))),
            ],
        ),
        (
            "Puppim de Oliveira, JA. and Jabbour, C.",
            vec![
                (s("Puppim de Oliveira"), Some(s("JA."))),
                (s("Jabbour"), Some(s("C."))),
            ],
        ),
        (
            "Piore, MJ. and Schrank, A.",
            vec![(s("Piore"), Some(s("MJ."))), (s("Schrank"), Some(s("A.")))],
        ),
        (
            "APPELBAUM Eileen, BATT, Rosemary",
            vec![
                (s("APPELBAUM"), Some(s("Eileen"))),
                (s("BATT"), Some(s("Rosemary"))),
            ],
        ),
        ("Fest, Joachim", vec![(s("Fest"), Some(s("Joachim")))]),
        (
            "Portes, Alejandro / Julia Sensenbrenner",
            vec![
                (s("Portes"), Some(s("Alejandro"))),
                (s("Sensenbrenner"), Some(s("Julia"))),
            ],
        ),
        (
            "Walther, A./Stauber, B.",
            vec![(s("Walther"), Some(s("A."))), (s("Stauber"), Some(s("B.")))],
        ),
        (
            "Marras WS, Lavender SA",
            vec![(s("Marras"), Some(s("WS"))), (s("Lavender"), Some(s("SA")))],
        ),
        (
            "J. T. Hecht, Y. Wang, and S. P. Daiger",
            vec![
                (s("Hecht"), Some(s("J. T."))),
                (s("Wang"), Some(s("Y."))),
                (s("Daiger"), Some(s("S. P."))),
            ],
        ),
        (
            "A. Cau, R. Kuiper, and W.-P. de Roever",
            vec![
                (s("Cau"), Some(s("A."))),
                (s("Kuiper"), Some(s("R."))),
                (s("de Roever"), Some(s("W.-P."))),
            ],
        ),
        (
            "Stravinsky, Igor, and Robert Craft",
            vec![
                (s("Stravinsky"), Some(s("Igor"))),
                (s("Craft"), Some(s("Robert"))),
            ],
        ),
        (
            "Von der Lippe/Breuer",
            vec![(s("Von der Lippe"), None), (s("Breuer"), None)],
        ),
        (
            "Heinrich Best u. Wilhelm H. Schröder",
            vec![
                (s("Best"), Some(s("Heinrich"))),
                (s("Schröder"), Some(s("Wilhelm H."))),
            ],
        ),
        (
            "Ethical Trading Initiative (ETI).",
            vec![(s("Ethical Trading Initiative"), None)],
        ),
        ("UNCTAD.", vec![(s("UNCTAD"), None)]),
        ("Nozick, Robert.", vec![(s("Nozick"), Some(s("Robert")))]),
        (
            "Hershey, Robert D., Jr.",
            vec![(s("Hershey"), Some(s("Robert D.")))],
        ),
        (
            "Goodman, Judith C.; McDonough, Laraine; & Brown, Natasha B.",
            vec![
                (s("Goodman"), Some(s("Judith C."))),
                (s("McDonough"), Some(s("Laraine"))),
                (s("Brown"), Some(s("Natasha B."))),
            ],
        ),
        ("Prognos AG", vec![(s("Prognos AG"), None)]),
        ("Egels-Zandén, N.", vec![(s("Egels-Zandén"), Some(s("N.")))]),
        (
            "Sun Q, Ye Z, Wang X",
            vec![
                (s("Sun"), Some(s("Q"))),
                (s("Ye"), Some(s("Z"))),
                (s("Wang"), Some(s("X"))),
            ],
        ),
        (
            "Coe, N.M. and Jordhus-Lier, D.C.,",
            vec![
                (s("Coe"), Some(s("N.M."))),
                (s("Jordhus-Lier"), Some(s("D.C."))),
            ],
        ),
    ];
    for (block, expected) in cases {
        assert_eq!(surnames_and_given(block), expected, "{block}");
    }
}

#[test]
fn author_list_flags() {
    let list = author_list("Pyke, F., Becattini, G. and Sengenberger, S. (eds.)");
    assert!(list.edited);
    assert_eq!(list.names.len(), 3);
    let list = author_list("International Labour Office. (ILO).");
    assert_eq!(list.abbreviation.as_deref(), Some("ILO"));
    assert_eq!(
        list.names.first().map(|n| n.surname.as_str()),
        Some("International Labour Office")
    );
    let list = author_list("Fues, T. et al.");
    assert!(list.et_al);
    assert_eq!(list.names.len(), 1);
}

#[test]
fn compound_and_uninverted_names() {
    let s = |x: &str| x.to_string();
    let cases: Vec<(&str, Vec<SurnameGiven>)> = vec![
        (
            "Salling Olesen, Henning",
            vec![(s("Salling Olesen"), Some(s("Henning")))],
        ),
        (
            "Ruiz Jiménez, Antonia M. and Antonio Egea de Haro",
            vec![
                (s("Ruiz Jiménez"), Some(s("Antonia M."))),
                (s("de Haro"), Some(s("Antonio Egea"))),
            ],
        ),
        (
            "Jennifer Lees-Marshment, Brian Conley",
            vec![
                (s("Lees-Marshment"), Some(s("Jennifer"))),
                (s("Conley"), Some(s("Brian"))),
            ],
        ),
        (
            "Heinrich Best, Wilhelm H. Schröder",
            vec![
                (s("Best"), Some(s("Heinrich"))),
                (s("Schröder"), Some(s("Wilhelm H."))),
            ],
        ),
        (
            "Hickman Mary J. and Bronwen Walter",
            vec![
                (s("Hickman"), Some(s("Mary J."))),
                (s("Walter"), Some(s("Bronwen"))),
            ],
        ),
    ];
    for (block, expected) in cases {
        assert_eq!(surnames_and_given(block), expected, "{block}");
    }
}

#[test]
fn particles_after_given_names() {
    let s = |x: &str| x.to_string();
    let cases: Vec<(&str, Vec<SurnameGiven>)> = vec![
        ("Tulder, R. van.", vec![(s("Tulder"), Some(s("R. van")))]),
        (
            "Leyen, M. J. von der.",
            vec![(s("Leyen"), Some(s("M. J. von der")))],
        ),
        (
            "Groenou, M. I. B. van, & Tilburg, T. van",
            vec![
                (s("Groenou"), Some(s("M. I. B. van"))),
                (s("Tilburg"), Some(s("T. van"))),
            ],
        ),
        (
            "Harbou, Thea von.",
            vec![(s("Harbou"), Some(s("Thea von")))],
        ),
        // A lower-case particle opens a person's name, even before a corporate word.
        ("de Court, Anna", vec![(s("de Court"), Some(s("Anna")))]),
    ];
    for (block, expected) in cases {
        assert_eq!(surnames_and_given(block), expected, "{block}");
    }
}

#[test]
fn names_after_the_first_in_natural_order() {
    let s = |x: &str| x.to_string();
    let cases: Vec<(&str, Vec<SurnameGiven>)> = vec![
        (
            "Doe, John, and Jane Roe.",
            vec![(s("Doe"), Some(s("John"))), (s("Roe"), Some(s("Jane")))],
        ),
        (
            "Certeau, Michel de, Luce Giard, and Pierre Mayol",
            vec![
                (s("Certeau"), Some(s("Michel de"))),
                (s("Giard"), Some(s("Luce"))),
                (s("Mayol"), Some(s("Pierre"))),
            ],
        ),
        (
            "Leyen, Ursula von der, Ann van Ode, and Bo Ax",
            vec![
                (s("Leyen"), Some(s("Ursula von der"))),
                (s("van Ode"), Some(s("Ann"))),
                (s("Ax"), Some(s("Bo"))),
            ],
        ),
        (
            "Smith, Anna, Carl van Dijk, Eva Lee, et al.",
            vec![
                (s("Smith"), Some(s("Anna"))),
                (s("van Dijk"), Some(s("Carl"))),
                (s("Lee"), Some(s("Eva"))),
            ],
        ),
        // After a person's inverted name, a surname that is also a corporate word.
        (
            "Stevens, Anna, and Sam Union",
            vec![
                (s("Stevens"), Some(s("Anna"))),
                (s("Union"), Some(s("Sam"))),
            ],
        ),
        // The sentence's period after a short surname ("Ren.") is not an initial's.
        (
            "J. Demmel, I. Dhillon, and H. Ren.",
            vec![
                (s("Demmel"), Some(s("J."))),
                (s("Dhillon"), Some(s("I."))),
                (s("Ren"), Some(s("H."))),
            ],
        ),
        (
            "Lee, Anna, and Wei Li.",
            vec![(s("Lee"), Some(s("Anna"))), (s("Li"), Some(s("Wei")))],
        ),
        // A capital alone is an initial, not the Catalan particle "i".
        (
            "Ryan Farrell, Vlad I Morariu, and Larry S Davis",
            vec![
                (s("Farrell"), Some(s("Ryan"))),
                (s("Morariu"), Some(s("Vlad I"))),
                (s("Davis"), Some(s("Larry S"))),
            ],
        ),
        // Every name inverted: the last one keeps its comma.
        (
            "Salling Olesen, Henning, Ruiz Jiménez, Antonia M., and Egea, Antonio",
            vec![
                (s("Salling Olesen"), Some(s("Henning"))),
                (s("Ruiz Jiménez"), Some(s("Antonia M."))),
                (s("Egea"), Some(s("Antonio"))),
            ],
        ),
        // "Ch." after a surname with no comma before it stays an initial.
        ("McDowell Ch.", vec![(s("McDowell"), Some(s("Ch.")))]),
    ];
    for (block, expected) in cases {
        assert_eq!(surnames_and_given(block), expected, "{block}");
    }
}
