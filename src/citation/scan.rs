//! The citation scanner: finds the brackets of a document, reads them with the grammar, and
//! turns what it read into [`Citation`] records with offsets and lines of the original file.
//!
//! Passes, in order: brackets (parenthetical clusters, and brackets opening with a year that
//! belong to a name before them), the names before those brackets (narrative citations), years
//! printed without brackets after a name ("Posthuma and Nathan, 2010, refer to"), yearless
//! mentions of scholars cited elsewhere in the document, then "ibid." and bare locators, which
//! point at the citation before them. Reference lists and front-matter citation blocks are
//! skipped. Every pass is linear in the length of the text.

use std::collections::HashSet;
use std::ops::Range;

use rayon::prelude::*;

use super::grammar::{self, Authors, Item, NarrativeBracket, Year};
use super::lexicon::{
    contains_ignore_case, is_stop_word, CONJUNCTIONS, LONGEST_PARTICLE, PARTICLES,
};
use super::{Citation, CitationKind};
use crate::ingest::Document;

/// The longest bracket read as a citation cluster, in bytes.
const MAX_BRACKET: usize = 2000;
/// How far before a narrative bracket its authors may start, in bytes.
const MAX_SUBJECT: usize = 200;
/// How far after a citation a bare locator bracket may stand and still belong to it, in bytes.
const MAX_LOCATOR_DISTANCE: usize = 600;

/// How many bytes of a document one thread reads at a time: smaller documents are read by one
/// thread (a corpus is parallel across its documents).
const PART_BYTES: usize = 4 << 20;

/// Extracts every citation of a document, in text order. A document larger than a few
/// megabytes is read in parts on several threads, with the same result.
#[must_use]
pub fn extract(document: &Document) -> Vec<Citation> {
    extract_in_parts(document, PART_BYTES)
}

/// [`extract`], reading the document in parts of about `part_bytes` bytes on the threads of
/// rayon. The result does not depend on `part_bytes`:
///
/// - the brackets are independent of each other, so they are read in runs, one run per part,
///   and their records put back in bracket order; so are the names before narrative brackets
///   (once the brackets have told which surnames the document cites);
/// - the yearless pass skips the text of a mention it found; a part is read from its start
///   assuming no mention runs into it, and read again, after the part before it, in the rare
///   case that one does;
/// - reference lists, years printed without brackets, "ibid." and locators are read by one
///   thread over the whole document.
#[must_use]
pub fn extract_in_parts(document: &Document, part_bytes: usize) -> Vec<Citation> {
    let text = document.normalized.text.as_str();
    let excluded = excluded_ranges(text);
    let parts = text.len().div_ceil(part_bytes.max(1)).max(1);
    let mut scan = Scan::new(text, &excluded);
    scan.brackets(parts);
    scan.narratives(parts);
    scan.unbracketed();
    scan.yearless(parts);
    scan.finish(document, parts)
}

/// Runs `work` over `items` in `parts` runs (on rayon's threads when there are several) and
/// concatenates what the runs return, in order.
fn in_runs<T: Sync, R: Send>(
    items: &[T],
    parts: usize,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if parts <= 1 || items.len() < 2 {
        return work(items);
    }
    let run = items.len().div_ceil(parts).max(1);
    let results: Vec<Vec<R>> = items.par_chunks(run).map(&work).collect();
    results.into_iter().flatten().collect()
}

/// A citation found in the normalised text, before ibid and locator resolution.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: CitationKind,
    authors: Vec<String>,
    initials: Vec<Option<String>>,
    et_al: bool,
    year: Option<String>,
    locator: Option<String>,
    prefix: Option<String>,
    ibid: bool,
    /// Normalised offset of the bracket it is printed in.
    bracket: Option<usize>,
}

/// Something found in the text, in text order.
#[derive(Debug, Clone)]
enum Event {
    Citation(Found),
    /// "ibid." at this span, with its own locator.
    Ibid {
        start: usize,
        end: usize,
        locator: Option<String>,
    },
    /// A bracket holding only a locator.
    Locator {
        at: usize,
        locator: String,
    },
}

impl Event {
    fn position(&self) -> usize {
        match self {
            Event::Citation(found) => found.start,
            Event::Ibid { start, .. } => *start,
            Event::Locator { at, .. } => *at,
        }
    }
}

/// What the yearless pass looks for, shared by the parts of a document.
#[derive(Clone, Copy)]
struct LookedFor<'s> {
    /// Folded personal surnames cited or listed.
    personal: &'s HashSet<String>,
    /// Their first words.
    first_words: &'s HashSet<String>,
    /// Those first words that are particles.
    particle_first_words: &'s [&'s str],
    /// The spans of the citations found, sorted.
    covered: &'s [Range<usize>],
    /// Bytes that can start a mention.
    may_start: &'s [bool; 256],
}

/// What reading a bracket gives: records, or a narrative bracket waiting for its names.
enum Either<E, P> {
    Event(E),
    Pending(P),
}

/// A bracket opening with a year, waiting for the name before it.
struct PendingNarrative<'a> {
    open: usize,
    close: usize,
    bracket: NarrativeBracket<'a>,
}

struct Scan<'a> {
    text: &'a str,
    excluded: &'a [Range<usize>],
    /// Every bracket pair (open, close), in order of the opening bracket.
    pairs: Vec<(usize, usize)>,
    events: Vec<Event>,
    pending: Vec<PendingNarrative<'a>>,
    /// Surnames cited with a year in brackets or listed in the reference list.
    known: HashSet<String>,
    /// The first surnames of those citations and entries.
    known_first: HashSet<String>,
    /// Personal (not corporate) surnames of the reference list.
    reference_persons: HashSet<String>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, excluded: &'a [Range<usize>]) -> Self {
        let pairs = bracket_pairs(text);
        let mut reference_persons = HashSet::new();
        let mut known = HashSet::new();
        for range in excluded {
            for surname in reference_surnames(&text[range.clone()]) {
                if !is_acronym(&surname) {
                    reference_persons.insert(fold(&surname));
                }
                known.insert(fold(&surname));
            }
        }
        let known_first = known.clone();
        Self {
            text,
            excluded,
            pairs,
            events: Vec::new(),
            pending: Vec::new(),
            known,
            known_first,
            reference_persons,
        }
    }

    fn offset(&self, part: &str) -> usize {
        part.as_ptr() as usize - self.text.as_ptr() as usize
    }

    fn is_excluded(&self, at: usize) -> bool {
        self.excluded.iter().any(|r| r.contains(&at))
    }

    fn is_known(&self, surname: &str) -> bool {
        self.known.contains(&fold(surname))
    }

    /// Pass 1: read every bracket.
    fn brackets(&mut self, parts: usize) {
        let read: Vec<Either<Event, PendingNarrative<'a>>> = in_runs(&self.pairs, parts, |run| {
            let mut out = Vec::new();
            for &(open, close) in run {
                self.read_bracket(open, close, &mut out);
            }
            out
        });
        for item in read {
            match item {
                Either::Event(event) => self.events.push(event),
                Either::Pending(pending) => self.pending.push(pending),
            }
        }
        for event in &self.events {
            if let Event::Citation(found) = event {
                if found.authors.len() == 1 && is_acronym(&found.authors[0]) {
                    continue;
                }
                self.known.extend(found.authors.iter().map(|a| fold(a)));
                self.known_first.insert(fold(&found.authors[0]));
            }
        }
    }

    /// Reads one bracket: its citations, a narrative bracket waiting for its names, or a bare
    /// locator.
    fn read_bracket(
        &self,
        open: usize,
        close: usize,
        out: &mut Vec<Either<Event, PendingNarrative<'a>>>,
    ) {
        if self.is_excluded(open) || close - open > MAX_BRACKET {
            return;
        }
        let content = &self.text[open + 1..close];
        if let Ok((_, bracket)) = grammar::narrative_bracket(content) {
            out.push(Either::Pending(PendingNarrative {
                open,
                close,
                bracket,
            }));
            return;
        }
        let items = grammar::cluster(content);
        if !items.is_empty() {
            let mut events = Vec::new();
            self.items(&items, CitationKind::Parenthetical, open, &mut events);
            out.extend(events.into_iter().map(Either::Event));
            return;
        }
        if let Ok((_, locator)) = grammar::bare_locator(content) {
            let labelled = locator.starts_with(|c: char| !c.is_ascii_digit());
            if labelled || locator.len() >= 2 {
                out.push(Either::Event(Event::Locator {
                    at: open,
                    locator: collapse_ws(locator),
                }));
            }
        }
    }

    /// Records the items of one bracket (or of the rest of a narrative bracket).
    fn items(
        &self,
        items: &[Item<'a>],
        kind: CitationKind,
        bracket: usize,
        events: &mut Vec<Event>,
    ) {
        let mut prefix: Option<String> = None;
        let mut last_work: Option<(usize, Found)> = None;
        for item in items {
            match item {
                Item::Work {
                    prefix: lead_in,
                    work,
                } => {
                    if let Some(lead_in) = lead_in {
                        prefix = Some(collapse_ws(lead_in));
                    }
                    let Some(first) = work.authors.names.first() else {
                        continue;
                    };
                    if !self.acceptable_first_author(&work.authors) {
                        last_work = None;
                        continue;
                    }
                    let start = self.offset(first.full);
                    let mut template = self.found_from(&work.authors, start, kind, prefix.clone());
                    template.bracket = Some(bracket);
                    self.push_years(&template, &work.years, work.locator, events);
                    last_work = Some((start, template));
                }
                Item::MoreYears { years, locator } => {
                    if let Some((_, template)) = &last_work {
                        let template = template.clone();
                        self.push_years(&template, years, *locator, events);
                    }
                }
                Item::Ibid { text, locator } => {
                    let start = self.offset(text);
                    events.push(Event::Ibid {
                        start,
                        end: start + text.len(),
                        locator: locator.map(collapse_ws),
                    });
                }
            }
        }
    }

    /// A work whose first author is a stop word ("In 2013", "May 2013") is not a citation,
    /// unless that word is a surname the document cites elsewhere or lists.
    fn acceptable_first_author(&self, authors: &Authors<'_>) -> bool {
        authors.names.iter().all(|name| {
            let first_word = name.surname.split_whitespace().next().unwrap_or("");
            !is_stop_word(first_word) || self.is_known(name.surname)
        })
    }

    fn found_from(
        &self,
        authors: &Authors<'_>,
        start: usize,
        kind: CitationKind,
        prefix: Option<String>,
    ) -> Found {
        Found {
            start,
            end: start,
            kind,
            authors: authors
                .names
                .iter()
                .map(|n| collapse_ws(n.surname))
                .collect(),
            initials: authors
                .names
                .iter()
                .map(|n| n.initials.map(collapse_ws))
                .collect(),
            et_al: authors.et_al,
            year: None,
            locator: None,
            prefix,
            ibid: false,
            bracket: None,
        }
    }

    /// One citation per year; the locator goes with the last year.
    fn push_years(
        &self,
        template: &Found,
        years: &[Year<'_>],
        locator: Option<&str>,
        events: &mut Vec<Event>,
    ) {
        for (index, year) in years.iter().enumerate() {
            let mut found = template.clone();
            found.end = self.offset(year.text) + year.text.len();
            found.year = Some(year.value.clone());
            if index + 1 == years.len() {
                if let Some(locator) = locator {
                    found.locator = Some(collapse_ws(locator));
                    found.end = self.offset(locator) + locator.len();
                }
            }
            events.push(Event::Citation(found));
        }
    }

    /// Pass 2: the names before brackets that open with a year.
    fn narratives(&mut self, parts: usize) {
        let pending = std::mem::take(&mut self.pending);
        let events = in_runs(&pending, parts, |run| {
            let mut events = Vec::new();
            for narrative in run {
                self.narrative(narrative, &mut events);
            }
            events
        });
        self.events.extend(events);
    }

    fn narrative(&self, narrative: &PendingNarrative<'a>, events: &mut Vec<Event>) {
        let Some((start, authors)) = self.subject_before(narrative.open) else {
            return;
        };
        let mut template = self.found_from(&authors, start, CitationKind::Narrative, None);
        template.bracket = Some(narrative.open);
        let count = narrative.bracket.years.len();
        for (index, year) in narrative.bracket.years.iter().enumerate() {
            let mut found = template.clone();
            let last = index + 1 == count;
            found.end = if last && narrative.bracket.more.is_empty() {
                narrative.close + 1
            } else {
                self.offset(year.text) + year.text.len()
            };
            found.year = Some(year.value.clone());
            if last {
                found.locator = narrative.bracket.locator.map(collapse_ws);
                if let Some(locator) = narrative.bracket.locator {
                    if !narrative.bracket.more.is_empty() {
                        found.end = self.offset(locator) + locator.len();
                    }
                }
            }
            events.push(Event::Citation(found));
        }
        self.items(
            &narrative.bracket.more,
            CitationKind::Parenthetical,
            narrative.open,
            events,
        );
    }

    /// The authors printed right before `end` ("Locke et al.’s " before "(2009)"), and where
    /// they start. The longest reading wins, unless it follows a lower-case word, its first
    /// surname is unknown to the document, and a shorter reading starts with a surname the
    /// document cites first elsewhere: "workers in Asia and Gereffi (1994)" is Gereffi; "As
    /// Neilson and Pritchard (2009)" and "… places. Carswell and De Neve (2013)" stand.
    fn subject_before(&self, end: usize) -> Option<(usize, Authors<'a>)> {
        let text = self.text;
        let mut window_start = end.saturating_sub(MAX_SUBJECT);
        while !text.is_char_boundary(window_start) {
            window_start += 1;
        }
        // No reading can start before a word that cannot be part of a name list: start the
        // search after the last one (most windows are prose up to the name).
        window_start = window_start.max(subject_floor(text, window_start, end));
        let window = &text[window_start..end];
        let mut best: Option<(usize, Authors<'a>)> = None;
        let mut previous: Option<char> = text[..window_start].chars().next_back();
        for (offset, c) in window.char_indices() {
            let at_boundary = previous.is_none_or(is_name_boundary);
            previous = Some(c);
            if !at_boundary || !(c.is_uppercase() || c.is_lowercase()) {
                continue;
            }
            let start = window_start + offset;
            if c.is_lowercase() && !starts_with_particle(&text[start..end]) {
                continue;
            }
            let Ok((rest, authors)) = grammar::narrative_subject(&text[start..end]) else {
                continue;
            };
            if !rest.is_empty() || !self.valid_subject(start, &authors) {
                continue;
            }
            let first_known_first = authors
                .names
                .first()
                .is_some_and(|n| self.known_first.contains(&fold(n.surname)));
            match &best {
                None => best = Some((start, authors)),
                Some((current_start, current)) => {
                    // "von der Leyen" is known when "Leyen" is: reference lists print the
                    // particle after the given name ("Leyen, Ursula von der").
                    let current_known = current.names.first().is_some_and(|n| {
                        self.is_known(n.surname)
                            || self.is_known(without_leading_particles(n.surname))
                    });
                    // Only a longer reading in mid-sentence ("in Asia and Gereffi") gives way;
                    // at a sentence start ("… places. Carswell and De Neve") it stands.
                    let mid_sentence = previous_word(text, *current_start)
                        .is_some_and(|w| w.starts_with(char::is_lowercase));
                    if first_known_first && !current_known && mid_sentence {
                        best = Some((start, authors));
                    }
                }
            }
        }
        best
    }

    /// A subject is valid when none of its surnames is a stop word and it is not the tail of a
    /// longer proper noun ("Rana Plaza", "Sri Lanka"): a capitalised word right before it must be
    /// a sentence opener, or the surname must be one the document cites elsewhere ("Judith
    /// Tendler").
    fn valid_subject(&self, start: usize, authors: &Authors<'_>) -> bool {
        if !self.acceptable_first_author(authors) {
            return false;
        }
        let Some(first) = authors.names.first() else {
            return false;
        };
        match previous_word(self.text, start) {
            Some(word) if word.starts_with(char::is_uppercase) && !is_stop_word(word) => {
                self.is_known(first.surname)
            }
            _ => true,
        }
    }

    /// Pass 3: years printed without brackets after a name: "Posthuma and Nathan, 2010, refer
    /// to". Two or more authors (or "et al.") with a comma, or a surname cited elsewhere.
    fn unbracketed(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut brackets: Vec<(usize, usize)> = self.pairs.clone();
        brackets.sort_unstable();
        let mut index = 0;
        while index + 4 <= bytes.len() {
            // Years start with '1' or '2': jump to the next one.
            let Some(next) = memchr::memchr2(b'1', b'2', &bytes[index..]) else {
                break;
            };
            index += next;
            if index + 4 > bytes.len() {
                break;
            }
            let is_year_start = bytes[index..index + 4].iter().all(u8::is_ascii_digit)
                && (index == 0 || !bytes[index - 1].is_ascii_alphanumeric());
            if !is_year_start {
                index += 1;
                continue;
            }
            let at = index;
            index += 4;
            if self.is_excluded(at) || in_any_bracket(&brackets, at) {
                continue;
            }
            let Ok((after, years)) = grammar::year_list(&text[at..]) else {
                continue;
            };
            // The whole list is read once, accepted or not.
            index = text.len() - after.len();
            let follows_well = after
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | ';' | ':' | ')' | '.') || c.is_whitespace());
            if !follows_well {
                continue;
            }
            let before = text[..at].trim_end();
            let (before, comma) = match before.strip_suffix(',') {
                Some(b) => (b.trim_end(), true),
                None => (before, false),
            };
            let end = before.len();
            if end == 0 || !before.ends_with(|c: char| c.is_alphabetic() || c == '.') {
                continue;
            }
            let Some((start, authors)) = self.subject_before(end) else {
                continue;
            };
            let several = authors.names.len() >= 2 || authors.et_al;
            let known = authors
                .names
                .first()
                .is_some_and(|n| self.is_known(n.surname));
            if !(known || (several && comma)) {
                continue;
            }
            let (after_locator, locator) =
                match grammar::locator_body(after.trim_start_matches([':', ' '])) {
                    Ok((rest, found)) if after.starts_with(':') => (rest, Some(found)),
                    _ => (after, None),
                };
            let template = self.found_from(&authors, start, CitationKind::Narrative, None);
            let count = years.len();
            for (position, year) in years.iter().enumerate() {
                let mut found = template.clone();
                found.end = self.offset(year.text) + year.text.len();
                found.year = Some(year.value.clone());
                if position + 1 == count {
                    if let Some(locator) = locator {
                        found.locator = Some(collapse_ws(locator));
                        found.end = text.len() - after_locator.len();
                    }
                }
                self.events.push(Event::Citation(found));
            }
            index = text.len() - after_locator.len();
        }
    }

    /// Pass 4: scholars named without a year who are cited with one elsewhere in the document or
    /// listed in its references: "what Day calls", "Schmitz and Nadvi", "Pyke’s suggestion".
    fn yearless(&mut self, parts: usize) {
        // Organisations are actors as often as sources: only persons are looked for.
        let mut personal = self.reference_persons.clone();
        for event in &self.events {
            if let Event::Citation(found) = event {
                personal.extend(
                    found
                        .authors
                        .iter()
                        .filter(|a| !is_acronym(a) && !a.contains(['/', '&']))
                        .map(|a| fold(a)),
                );
            }
        }
        if personal.is_empty() {
            return;
        }
        let first_words: HashSet<String> = personal
            .iter()
            .filter_map(|s| s.split_whitespace().next().map(str::to_string))
            .collect();
        // A mention starting lower case starts with a particle ("van Tulder"), which is then
        // the first word of a surname looked for.
        let particle_first_words: Vec<&str> = first_words
            .iter()
            .map(String::as_str)
            .filter(|w| contains_ignore_case(PARTICLES, w))
            .collect();
        let mut covered: Vec<Range<usize>> = self
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Citation(found) => Some(found.start..found.end),
                _ => None,
            })
            .collect();
        covered.sort_by_key(|r| r.start);
        // Only three kinds of byte can start a mention: an upper-case ASCII letter, the lead
        // byte of a non-ASCII character, and the first letter of a particle that starts a
        // surname looked for. Everything else is skipped without decoding.
        let mut may_start = [false; 256];
        for byte in (b'A'..=b'Z').chain(0xC0..=0xFF) {
            may_start[usize::from(byte)] = true;
        }
        for word in &particle_first_words {
            if let Some(&byte) = word.as_bytes().first() {
                may_start[usize::from(byte)] = true;
            }
        }
        let looked_for = LookedFor {
            personal: &personal,
            first_words: &first_words,
            particle_first_words: &particle_first_words,
            covered: &covered,
            may_start: &may_start,
        };
        let len = self.text.len();
        let part = len.div_ceil(parts.max(1)).max(1);
        let bounds: Vec<(usize, usize)> = (0..len.div_ceil(part))
            .map(|k| (k * part, ((k + 1) * part).min(len)))
            .collect();
        // Each part read as if no mention ran into it, in parallel; then, in order, a part is
        // read again when the mention before it does run into it.
        let first_reads: Vec<(Vec<Event>, Option<usize>)> = if bounds.len() > 1 {
            bounds
                .par_iter()
                .map(|&(from, to)| self.yearless_between(from, to, 0, &looked_for))
                .collect()
        } else {
            bounds
                .iter()
                .map(|&(from, to)| self.yearless_between(from, to, 0, &looked_for))
                .collect()
        };
        let mut skip_until = 0;
        for (&(from, to), (events, last_end)) in bounds.iter().zip(first_reads) {
            let (events, last_end) = if skip_until > from {
                self.yearless_between(from, to, skip_until, &looked_for)
            } else {
                (events, last_end)
            };
            skip_until = last_end.unwrap_or(skip_until);
            self.events.extend(events);
        }
    }

    /// The yearless mentions starting in `from..to`, mentions before `skip_until` skipped, and
    /// the end of the last mention found.
    fn yearless_between(
        &self,
        from: usize,
        to: usize,
        mut skip_until: usize,
        looked_for: &LookedFor<'_>,
    ) -> (Vec<Event>, Option<usize>) {
        let LookedFor {
            personal,
            first_words,
            particle_first_words,
            covered,
            may_start,
        } = *looked_for;
        let text = self.text;
        let mut found_here = Vec::new();
        let mut last_end = None;
        let mut folded = String::new();
        let bytes = text.as_bytes();
        let mut next = from;
        while let Some(found) = bytes
            .get(next..to)
            .and_then(|rest| rest.iter().position(|&b| may_start[usize::from(b)]))
        {
            let at = next + found;
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            next = at + c.len_utf8();
            let at_boundary = text[..at]
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric() && !grammar::is_apostrophe(p) && p != '-');
            if at < skip_until || !at_boundary || !(c.is_uppercase() || c.is_lowercase()) {
                continue;
            }
            if c.is_lowercase() {
                if particle_first_words.is_empty() {
                    continue;
                }
                let rest = &text[at..];
                let token_end = rest
                    .char_indices()
                    .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
                    .map_or(rest.len(), |(i, _)| i);
                let token = &rest[..token_end];
                if !particle_first_words
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(token))
                    || !starts_with_particle(rest)
                {
                    continue;
                }
            } else {
                let rest = &text[at..];
                let word_end = rest
                    .char_indices()
                    .find(|&(_, c)| !(c.is_alphabetic() || c == '-' || grammar::is_apostrophe(c)))
                    .map_or(rest.len(), |(i, _)| i);
                let word = rest[..word_end].trim_end_matches(grammar::is_apostrophe);
                let word = word
                    .strip_suffix("’s")
                    .or_else(|| word.strip_suffix("'s"))
                    .unwrap_or(word);
                fold_into(word, &mut folded);
                if !first_words.contains(folded.as_str()) {
                    continue;
                }
            }
            if self.is_excluded(at) || in_ranges(covered, at) {
                continue;
            }
            let window = &text[at..floor_char_boundary(text, at + MAX_SUBJECT)];
            let Ok((rest, authors)) = grammar::narrative_subject(window) else {
                continue;
            };
            if authors.names.iter().any(|n| n.initials.is_some()) {
                continue;
            }
            if !authors
                .names
                .iter()
                .all(|n| personal.contains(&fold(n.surname)))
            {
                continue;
            }
            let consumed = window.len() - rest.len();
            let end = at + text[at..at + consumed].trim_end().len();
            if self.not_a_mention(at, end, &authors) {
                skip_until = end;
                last_end = Some(end);
                continue;
            }
            let mut mention = self.found_from(&authors, at, CitationKind::Yearless, None);
            mention.end = end;
            found_here.push(Event::Citation(mention));
            skip_until = end;
            last_end = Some(end);
        }
        (found_here, last_end)
    }

    /// A name that is a given name's surname ("Frank Pyke"), a byline or reference-style name
    /// ("Pyke, Frank;", "Pyke, F."), or a name before a bracket is not a yearless mention.
    fn not_a_mention(&self, start: usize, end: usize, authors: &Authors<'_>) -> bool {
        if let Some(word) = previous_word(self.text, start) {
            if word.starts_with(char::is_uppercase) && !is_stop_word(word) {
                return true;
            }
        }
        let after = &self.text[end..];
        let trimmed = after.trim_start();
        if trimmed.starts_with('(') {
            return true;
        }
        if let Some(rest) = after.strip_prefix(',') {
            let rest = rest.trim_start();
            let next_word: &str = rest
                .split(|c: char| !(c.is_alphabetic() || c == '.'))
                .next()
                .unwrap_or("");
            let after_word = &rest[next_word.len()..];
            let is_given_name = next_word.starts_with(char::is_uppercase)
                && !is_stop_word(next_word)
                && (after_word.is_empty() || after_word.starts_with([';', ',', '\n', '.', ' ']));
            if is_given_name && authors.names.len() == 1 {
                return true;
            }
            if grammar::year_list(rest).is_ok() {
                return true;
            }
        }
        false
    }

    /// Sorts the events, resolves "ibid." and bare locators, and maps offsets to the original.
    fn finish(self, document: &Document, parts: usize) -> Vec<Citation> {
        let mut events = self.events;
        events.sort_by_key(Event::position);
        let mut citations: Vec<Found> = Vec::new();
        let mut last_dated: Option<usize> = None;
        for event in events {
            match event {
                Event::Citation(found) => {
                    if found.kind != CitationKind::Yearless {
                        last_dated = Some(citations.len());
                    }
                    citations.push(found);
                }
                Event::Ibid {
                    start,
                    end,
                    locator,
                } => {
                    let Some(previous) = last_dated.and_then(|i| citations.get(i)) else {
                        continue;
                    };
                    let mut repeat = previous.clone();
                    repeat.start = start;
                    repeat.end = end;
                    repeat.kind = CitationKind::Parenthetical;
                    repeat.prefix = None;
                    repeat.locator = locator.or(repeat.locator);
                    repeat.ibid = true;
                    repeat.bracket = None;
                    last_dated = Some(citations.len());
                    citations.push(repeat);
                }
                Event::Locator { at, locator } => {
                    if let Some(previous) = last_dated.and_then(|i| citations.get_mut(i)) {
                        if previous.locator.is_none()
                            && at.saturating_sub(previous.end) <= MAX_LOCATOR_DISTANCE
                        {
                            previous.locator = Some(locator);
                        }
                    }
                }
            }
        }
        let text = self.text;
        let to_citation = |found: Found| {
            let start = document.original_offset(found.start);
            let end = document.original_end(found.end).max(start);
            let raw = collapse_ws(&text[found.start..found.end]);
            Citation {
                start,
                end,
                line: document.line_of(start),
                raw,
                kind: found.kind,
                authors: found.authors,
                initials: found.initials,
                et_al: found.et_al,
                year: found.year,
                locator: found.locator,
                prefix: found.prefix,
                ibid: found.ibid,
                bracket: found.bracket.map(|b| document.original_offset(b)),
                norm_start: found.start,
                norm_end: found.end,
            }
        };
        if parts > 1 {
            citations.into_par_iter().map(to_citation).collect()
        } else {
            citations.into_iter().map(to_citation).collect()
        }
    }
}

/// The bracket pairs of a text, innermost first within each nest, found in one pass with a
/// stack: linear however deep the nesting. Unmatched brackets are ignored.
fn bracket_pairs(text: &str) -> Vec<(usize, usize)> {
    let mut stack = Vec::new();
    let mut pairs = Vec::new();
    for at in memchr::memchr2_iter(b'(', b')', text.as_bytes()) {
        if text.as_bytes()[at] == b'(' {
            stack.push(at);
        } else if let Some(open) = stack.pop() {
            pairs.push((open, at));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn in_any_bracket(sorted_pairs: &[(usize, usize)], at: usize) -> bool {
    // Pairs are sorted by their opening bracket; any pair opening before `at` may contain it.
    // Nesting means the outermost one decides, so walk back over a bounded number of pairs.
    let index = sorted_pairs.partition_point(|&(open, _)| open < at);
    sorted_pairs[..index]
        .iter()
        .rev()
        .take(64)
        .any(|&(open, close)| open < at && at < close)
}

/// The largest char boundary of `text` at or before `at` (clamped to its length).
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn in_ranges(sorted: &[Range<usize>], at: usize) -> bool {
    let index = sorted.partition_point(|r| r.start <= at);
    sorted[..index]
        .iter()
        .rev()
        .take(8)
        .any(|r| r.contains(&at))
}

/// Where the last stretch of `text[from..end]` that could belong to a name list begins: just
/// after the last character or word that no production of `narrative_subject` reads. Those are
/// characters other than letters, white space, `,` `.` `&`, hyphens and apostrophes, and words
/// (runs of letters) that start with a character that is not upper case, unless they are a name
/// particle, a conjunction, a word of an "et al." form, or the "s" of a possessive.
fn subject_floor(text: &str, from: usize, end: usize) -> usize {
    let window = &text[from..end];
    let mut run_end: Option<usize> = None;
    for (offset, c) in window.char_indices().rev() {
        if c.is_alphabetic() {
            if run_end.is_none() {
                run_end = Some(offset + c.len_utf8());
            }
            continue;
        }
        // A run of letters ends (going backwards) at `offset + len`.
        if let Some(stop) = run_end.take() {
            let run = &window[offset + c.len_utf8()..stop];
            if !may_be_in_subject(run) {
                return from + stop;
            }
        }
        let allowed = c.is_whitespace()
            || matches!(c, ',' | '.' | '&' | '-' | '‐' | '‑')
            || grammar::is_apostrophe(c);
        if !allowed {
            return from + offset + c.len_utf8();
        }
    }
    if let Some(stop) = run_end {
        if !may_be_in_subject(&window[..stop]) {
            return from + stop;
        }
    }
    from
}

/// A run of letters that a name list may hold: one starting upper case, or a lower-case word
/// of the grammar's tables.
fn may_be_in_subject(run: &str) -> bool {
    const WORDS: &[&str] = &[
        "s",
        "colleagues",
        "coworkers",
        "co",
        "workers",
        "others",
        "al",
        "u",
        "a",
        "st",
    ];
    run.starts_with(char::is_uppercase)
        || contains_ignore_case(PARTICLES, run)
        || contains_ignore_case(CONJUNCTIONS, run)
        || contains_ignore_case(WORDS, run)
}

/// A character after which a name may start.
fn is_name_boundary(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '['
                | '"'
                | '“'
                | '‘'
                | '—'
                | '–'
                | '/'
                | ';'
                | ','
                | ':'
                | '.'
                | '*'
                | '_'
                | '\''
        )
}

/// A surname without the particles that open it: "Leyen" for "von der Leyen".
fn without_leading_particles(surname: &str) -> &str {
    let mut rest = surname;
    while let Some((word, after)) = rest.split_once(char::is_whitespace) {
        if !contains_ignore_case(PARTICLES, word) {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

fn starts_with_particle(text: &str) -> bool {
    // Particles are short ASCII words: look at no more than their longest length plus one.
    const LONGEST: usize = LONGEST_PARTICLE;
    let bytes = text.as_bytes();
    let ascii = bytes
        .iter()
        .take(LONGEST + 1)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if ascii == 0 || ascii > LONGEST {
        return false;
    }
    // The word goes on past its ASCII letters when a non-ASCII letter follows.
    if text[ascii..].starts_with(|c: char| !c.is_ascii() && c.is_alphabetic()) {
        return false;
    }
    contains_ignore_case(PARTICLES, &text[..ascii])
}

/// The word right before `at`, if only white space separates them.
fn previous_word(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    let last = trimmed.chars().next_back()?;
    if !last.is_alphabetic() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-')
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    Some(&trimmed[start..])
}

/// An all-capitals name: an organisation's acronym ("ILO", "AFL-CIO").
fn is_acronym(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// The form in which surnames are compared: lower case, apostrophes straightened, a line break
/// inside a name ("di\n\nSorvmann") read as one space.
fn fold(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    fold_into(name, &mut folded);
    folded
}

/// [`fold`] into a buffer that is reused.
fn fold_into(name: &str, folded: &mut String) {
    folded.clear();
    if name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        folded.push_str(name);
        folded.make_ascii_lowercase();
        return;
    }
    let mut in_space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            if !in_space {
                folded.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let c = if grammar::is_apostrophe(c) { '\'' } else { c };
        folded.extend(c.to_lowercase());
    }
}

/// Runs of white space (line breaks included) become one space.
#[must_use]
pub fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Reference-list entries open with the first author's surname: collect those, so that a
/// scholar listed in the references but named without a year in the text is recognised.
fn reference_surnames(section: &str) -> Vec<String> {
    section
        .lines()
        .filter_map(|line| {
            let line = line
                .trim_start()
                .trim_start_matches(['-', '*', '•'])
                .trim_start();
            let (_, authors) = grammar::person_list(line).ok()?;
            let name = authors.names.first()?;
            let rest = &line[name.full.len()..];
            rest.trim_start()
                .starts_with([',', '.', '('])
                .then(|| name.surname.to_string())
        })
        .collect()
}

/// Whether `text.to_lowercase()` starts with `lead` (lower-case ASCII), without allocating: most
/// lines differ at their first character.
fn lowercase_starts_with(text: &str, lead: &str) -> bool {
    let mut expected = lead.chars();
    for c in text.chars().flat_map(char::to_lowercase) {
        match expected.next() {
            None => return true,
            Some(e) if e == c => {}
            Some(_) => return false,
        }
    }
    expected.next().is_none()
}

/// A front-matter block citing the document itself ("Citation for published version (APA):"
/// and the paragraph after it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCitation {
    /// The whole block, lead line included.
    pub block: Range<usize>,
    /// The citation paragraph after the lead line.
    pub citation: Range<usize>,
}

/// The front-matter blocks of `text` that cite the document itself.
#[must_use]
pub fn self_citations(text: &str) -> Vec<SelfCitation> {
    const SELF_CITATION_LEADS: &[&str] = &[
        "citation for published version",
        "to cite this article",
        "cite this article",
        "how to cite",
        "please cite",
        "suggested citation",
        "recommended citation",
    ];
    let mut found = Vec::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        // Most lines differ from every lead at an ASCII first byte; a line opening with a
        // non-ASCII character takes the full comparison.
        let first = trimmed.as_bytes().first().copied().unwrap_or(0);
        if first.is_ascii()
            && !SELF_CITATION_LEADS
                .iter()
                .any(|lead| lead.as_bytes().first() == Some(&first.to_ascii_lowercase()))
        {
            continue;
        }
        if !SELF_CITATION_LEADS
            .iter()
            .any(|lead| lowercase_starts_with(trimmed, lead))
        {
            continue;
        }
        // The lead line and the next paragraph.
        let mut citation_start = None;
        while let Some(next) = lines.peek() {
            if next.trim().is_empty() && citation_start.is_some() {
                break;
            }
            if citation_start.is_none() && !next.trim().is_empty() {
                citation_start = Some(offset);
            }
            offset += next.len();
            lines.next();
        }
        found.push(SelfCitation {
            block: start..offset,
            citation: citation_start.unwrap_or(offset)..offset,
        });
    }
    found
}

/// Ranges of the normalised text that hold no in-text citations: reference lists, and
/// front-matter blocks that cite the document itself ("Citation for published version (APA):").
#[must_use]
pub fn excluded_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = crate::reference::find_reference_sections(text);
    ranges.extend(self_citations(text).into_iter().map(|s| s.block));
    ranges.sort_by_key(|r| r.start);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "kind key [@locator] [prefix]" for each citation of `text`.
    fn found(text: &str) -> Vec<String> {
        let document = Document::from_text("t", text.to_string());
        extract(&document)
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    CitationKind::Parenthetical if c.ibid => "ibid",
                    CitationKind::Parenthetical => "P",
                    CitationKind::Narrative => "N",
                    CitationKind::Yearless => "Y",
                };
                let mut line = format!("{kind} {}", c.key());
                if let Some(locator) = &c.locator {
                    line.push_str(&format!(" @{locator}"));
                }
                if let Some(prefix) = &c.prefix {
                    line.push_str(&format!(" [{prefix}]"));
                }
                line
            })
            .collect()
    }

    #[test]
    fn parenthetical_clusters() {
        let cases: &[(&str, &[&str])] = &[
            (
                "as argued (e.g., AFL-CIO, 2013; De Neve, 2009; Locke et al., 2007, 2009).",
                &[
                    "P AFL-CIO 2013 [e.g.]",
                    "P De Neve 2009 [e.g.]",
                    "P Locke et al. 2007 [e.g.]",
                    "P Locke et al. 2009 [e.g.]",
                ],
            ),
            (
                "growth (Schmitz, 1998;1999).",
                &["P Schmitz 1998", "P Schmitz 1999"],
            ),
            (
                "in Agra (Rabellotti, 1999; 2001; 2003)",
                &[
                    "P Rabellotti 1999",
                    "P Rabellotti 2001",
                    "P Rabellotti 2003",
                ],
            ),
            (
                "(Aalto 2015a,b; Bartleby 2010; Aalto 2015c–e)",
                &[
                    "P Aalto 2015a",
                    "P Aalto 2015b",
                    "P Bartleby 2010",
                    "P Aalto 2015c",
                    "P Aalto 2015d",
                    "P Aalto 2015e",
                ],
            ),
            ("(Gereffi & Lee, 2014)", &["P Gereffi and Lee 2014"]),
            ("(Locke, Qin, and Brause 2007)", &["P Locke et al. 2007"]),
            ("(Locke, Qin and Brause 2007)", &["P Locke et al. 2007"]),
            ("(Locke and colleagues, 2009)", &["P Locke et al. 2009"]),
            ("(R. M. Locke 2013)", &["P Locke 2013"]),
            ("(A. Khan 2007)", &["P Khan 2007"]),
            ("(F.R. Khan, 2007)", &["P Khan 2007"]),
            (
                "(Kolk and van Tulder, 2004)",
                &["P Kolk and van Tulder 2004"],
            ),
            ("(Puppim de Oliveira, 2008)", &["P Puppim de Oliveira 2008"]),
            ("(O’Rourke, 2003)", &["P O’Rourke 2003"]),
            ("(Egels-Zandén, 2014)", &["P Egels-Zandén 2014"]),
            (
                "(Clean Clothes Campaign/SOMO, 2013)",
                &["P Clean Clothes Campaign/SOMO 2013"],
            ),
            (
                "(Fashion & Sourcing Network, 2014)",
                &["P Fashion & Sourcing Network 2014"],
            ),
            ("(ETI 2006)", &["P ETI 2006"]),
            (
                "(Egels-Zandén, forthcoming)",
                &["P Egels-Zandén forthcoming"],
            ),
            ("(Smith, in press)", &["P Smith in press"]),
            ("(Smith n.d.)", &["P Smith n.d."]),
            (
                "(Blowfield and Frynas, 2005, p. 503)",
                &["P Blowfield and Frynas 2005 @p. 503"],
            ),
            ("(Smith 2001, pp. 3–5)", &["P Smith 2001 @pp. 3–5"]),
            ("(Hassel 2008: 237)", &["P Hassel 2008 @237"]),
            // Chapter and section locators (APA, Chicago, Elsevier, ASA as hayagriva prints them).
            (
                "(Hu et al., 2001, Chapter 3; D’Angelo et al., 2003, sec. 4.2)",
                &[
                    "P Hu et al. 2001 @Chapter 3",
                    "P D’Angelo et al. 2003 @sec. 4.2",
                ],
            ),
            ("(Hu et al. 2001:4.2)", &["P Hu et al. 2001 @4.2"]),
            (
                "(Locke, 2013). As shown (Section 4) and (3.5), it holds.",
                &["P Locke 2013"],
            ),
            (
                "(see Müller et al. 2003, 2010)",
                &["P Müller et al. 2003 [see]", "P Müller et al. 2010 [see]"],
            ),
            (
                "(see also Lund-Thomsen, 2013)",
                &["P Lund-Thomsen 2013 [see also]"],
            ),
            ("(cf. Barrientos, 2013)", &["P Barrientos 2013 [cf.]"]),
            (
                "(for example Alston 2004)",
                &["P Alston 2004 [for example]"],
            ),
            (
                "(for a critical review of this discussion, see Büthe 2010)",
                &["P Büthe 2010 [for a critical review of this discussion, see]"],
            ),
            (
                "(for the following, see Utting 2002)",
                &["P Utting 2002 [for the following, see]"],
            ),
            (
                "(Humphrey and Schmitz, 2002, Schmitz, 2004)",
                &["P Humphrey and Schmitz 2002", "P Schmitz 2004"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn narrative_forms() {
        let cases: &[(&str, &[&str])] = &[
            ("Gereffi (1994) proposes", &["N Gereffi 1994"]),
            ("Hughes et al. (2007) observe", &["N Hughes et al. 2007"]),
            (
                "Moreover, Locke et al.’s (2009) examples",
                &["N Locke et al. 2009"],
            ),
            (
                "we use Blowfield and Frynas’ (2005, p. 503) definition",
                &["N Blowfield and Frynas 2005 @p. 503"],
            ),
            (
                "Locke and colleagues (2009) found",
                &["N Locke et al. 2009"],
            ),
            (
                "For example, the ETI (2012, p. 3) says",
                &["N ETI 2012 @p. 3"],
            ),
            ("As (Krause 2012) points out", &["P Krause 2012"]),
            (
                "As Neilson and Pritchard (2009) note",
                &["N Neilson and Pritchard 2009"],
            ),
            (
                "Both Barrientos (2013) and Lund-Thomsen and Coe (2013) show",
                &["N Barrientos 2013", "N Lund-Thomsen and Coe 2013"],
            ),
            (
                "by Fligstein (2001, 2012) stressing",
                &["N Fligstein 2001", "N Fligstein 2012"],
            ),
            (
                "Posthuma and Nathan, 2010, refer to decent work",
                &["N Posthuma and Nathan 2010"],
            ),
            (
                "Chains (Gereffi, 1994). Firms in Asia and Gereffi (1994) agree.",
                &["P Gereffi 1994", "N Gereffi 1994"],
            ),
            (
                "Work (De Neve, 2009). Of places. Carswell \n\nand De Neve (2013) show it.",
                &["P De Neve 2009", "N Carswell and De Neve 2013"],
            ),
            // The reference list prints the particle after the given name; the citation keeps
            // it (found by the hayagriva round trip, Chicago author-date).
            (
                "As shown by von der Leyen et al. (2016) in detail.\n\nReferences\n\nLeyen, Ursula von der, Ann Ode, and Bo Ax. 2016. “Title.” Journal.\n\nOde, Ann. 2001. “Title.” Journal.\n",
                &["N von der Leyen et al. 2016"],
            ),
            ("the collapse of Rana Plaza (2013) killed", &[]),
            ("in Sri Lanka (2012) workers", &[]),
            (
                "we agree with Cooper (2001) that “labour is not a commodity” (213).",
                &["N Cooper 2001 @213"],
            ),
            (
                "(Fransen 2011) defines MSIs as “a universe” (S.166).",
                &["P Fransen 2011 @S.166"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn sloppy_print_and_line_breaks() {
        let cases: &[(&str, &[&str])] = &[
            (
                "codes (Lund-Thomsen and Coe,2013) and",
                &["P Lund-Thomsen and Coe 2013"],
            ),
            (
                "networks (Henderson et al., 2002).In the",
                &["P Henderson et al. 2002"],
            ),
            (
                "models (e.g., Lund-\n\nThomsen, 2008; Locke, 2013)",
                &["P Lund-Thomsen 2008 [e.g.]", "P Locke 2013 [e.g.]"],
            ),
            (
                "emerging (Hassel 2008; Meardi and Mar-\n\nginson 2014).",
                &["P Hassel 2008", "P Meardi and Marginson 2014"],
            ),
            ("metaphor (Coe et \n\nal., 2008).", &["P Coe et al. 2008"]),
            (
                "the relationship (R. M. \n\n12\n\nLocke 2013).",
                &["P Locke 2013"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn ibid_points_to_the_previous_citation() {
        assert_eq!(
            found("in 2001 (Meardi and Marginson 2014: 1038). It is advisory (ibid.)."),
            [
                "P Meardi and Marginson 2014 @1038",
                "ibid Meardi and Marginson 2014 @1038"
            ]
        );
        assert_eq!(
            found("(ibid., p. 4) with nothing before"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn yearless_mentions_of_cited_scholars() {
        let text = "Clusters thrive (Schmitz and Nadvi, 1999). As Schmitz and Nadvi argue, and what Day calls a politics (Day, 2004). Frank Pyke wrote (Pyke, 2010); Pyke’s suggestion.";
        assert_eq!(
            found(text),
            [
                "P Schmitz and Nadvi 1999",
                "Y Schmitz and Nadvi",
                "Y Day",
                "P Day 2004",
                "P Pyke 2010",
                "Y Pyke"
            ]
        );
    }

    #[test]
    fn a_line_break_inside_a_particle_name_is_still_the_same_scholar() {
        let text =
            "Codes fail (Quenby and di Sorvmann, 1994). As Quenby and di\n\nSorvmann argue, codes.";
        assert_eq!(
            found(text),
            ["P Quenby and di Sorvmann 1994", "Y Quenby and di Sorvmann"]
        );
    }

    #[test]
    fn no_subject_reading_starts_before_a_word_outside_name_lists() {
        let cases = [
            (
                "codes (2001), as Smith and van Tulder ",
                " Smith and van Tulder ",
            ),
            ("see e.g. Locke et al.’s ", ". Locke et al.’s "),
            ("in Asia and Gereffi ", " Asia and Gereffi "),
            ("Smith and colleagues ", "Smith and colleagues "),
            ("the 1990s R. M. Locke ", "s R. M. Locke "),
            ("what de la Cruz and Day ", " de la Cruz and Day "),
        ];
        for (text, expected) in cases {
            let floor = subject_floor(text, 0, text.len());
            assert_eq!(&text[floor..], expected, "text {text:?}");
        }
    }

    #[test]
    fn lowercase_prefixes_are_compared_without_allocating() {
        assert!(lowercase_starts_with("How To Cite this", "how to cite"));
        assert!(lowercase_starts_with("how to cite", "how to cite"));
        assert!(!lowercase_starts_with("How to", "how to cite"));
        assert!(!lowercase_starts_with("Show to cite", "how to cite"));
        assert!(lowercase_starts_with("anything", ""));
    }

    #[test]
    fn must_not_report() {
        let cases = [
            "In 1998 the ILO issued a declaration.",
            "During the 1990s and the 2000s trade grew.",
            "Some firms (2,000 workers) moved.",
            "The sample (N = 2014) was large.",
            "The trend (see Figure 1) is clear.",
            "As shown earlier (Section 4), it holds.",
            "Launched in February 2007, the programme grew.",
            "Exporters (in 2013) numbered 720.",
            "It happened (May 2013) in Dhaka.",
            "Firms grew (2013).",
            "The ILO (Table 2010) data.",
        ];
        for text in cases {
            assert_eq!(found(text), Vec::<String>::new(), "text {text:?}");
        }
    }

    #[test]
    fn reference_lists_and_self_citations_are_skipped() {
        let text = "Citation for published version (APA):\n\nPyke, F., & Lund-Thomsen, P. (2015). Clusters. CBS.\n\nBody text (Locke, 2013).\n\nReferences\n\nLocke, R. (2013). The Promise of Private Power. Cambridge (Smith, 2001).\n\nPyke, F. (2015). Clusters, in Smith (2001), pp. 3-5.\n";
        assert_eq!(found(text), ["P Locke 2013"]);
    }

    #[test]
    fn offsets_and_lines_point_at_the_original_text() {
        let text = "First line.\n\nSee (Lund-\n\nThomsen, 2008) here.\n";
        let document = Document::from_text("t", text.to_string());
        let citations = extract(&document);
        assert_eq!(citations.len(), 1);
        let citation = &citations[0];
        assert_eq!(citation.line, 3);
        assert_eq!(
            &text[citation.start..citation.end],
            "Lund-\n\nThomsen, 2008"
        );
        assert_eq!(citation.raw, "Lund-Thomsen, 2008");
        assert_eq!(citation.authors, ["Lund-Thomsen"]);
    }
}
