//! The nom productions of the author-year citation grammar (`grammar/citation.ungram`).
//!
//! Each function is named after its production and quotes it. Inputs are slices of one
//! normalised text, and results keep slices of it, so the scanner recovers byte offsets by
//! pointer difference. No production allocates per byte or backtracks more than a few words.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize, verify};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

use super::lexicon::{contains_ignore_case, CONJUNCTIONS, ET_AL, LEAD_IN_ENDINGS, PARTICLES};

/// The most names read in one author list: longer lists are not citations, and the bound keeps
/// every parse short.
const MAX_NAMES: usize = 40;
/// The most years read in one year list.
const MAX_YEARS: usize = 60;

/// The result type of every production.
pub type PResult<'a, T> = IResult<&'a str, T>;

fn fail<T>(input: &str) -> PResult<'_, T> {
    Err(nom::Err::Error(Error::new(input, ErrorKind::Verify)))
}

/// Any apostrophe: straight, right single quotation mark, modifier letter, or a left quotation
/// mark misused as one.
#[must_use]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_range_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑')
}

// ws = white space, line breaks included
fn ws(i: &str) -> PResult<'_, &str> {
    take_while(char::is_whitespace).parse(i)
}

fn ws1(i: &str) -> PResult<'_, &str> {
    take_while1(char::is_whitespace).parse(i)
}

/// The next character is not a letter or digit (or the input ends).
fn at_word_end(i: &str) -> bool {
    i.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

// ---- authors ----------------------------------------------------------------------------------

/// A surname or corporate name as printed, with its initials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<'a> {
    /// The whole name as printed, initials included.
    pub full: &'a str,
    /// Initials printed before the surname ("R. M.").
    pub initials: Option<&'a str>,
    /// The surname ("Locke", "Puppim de Oliveira", "Clean Clothes Campaign/SOMO").
    pub surname: &'a str,
}

/// A list of authors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authors<'a> {
    /// The names in order.
    pub names: Vec<Name<'a>>,
    /// "et al." or an equivalent followed them.
    pub et_al: bool,
    /// The list is one organisation of several words.
    pub organisation: bool,
}

// name_word = upper letter* ("'" upper letter*)*   // at least two letters in all
fn name_word(i: &str) -> PResult<'_, &str> {
    let (rest, word) = recognize((
        satisfy(char::is_uppercase),
        take_while(char::is_alphabetic),
        nom::multi::many0((
            satisfy(is_apostrophe),
            satisfy(char::is_uppercase),
            take_while(char::is_alphabetic),
        )),
    ))
    .parse(i)?;
    if word.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return fail(i);
    }
    Ok((rest, word))
}

// name_part = name_word ('-' name_word)*
fn name_part(i: &str) -> PResult<'_, &str> {
    recognize((
        name_word,
        nom::multi::many0((satisfy(is_hyphen), name_word)),
    ))
    .parse(i)
}

// particle = 'van' | 'von' | 'de' | ...
fn particle(i: &str) -> PResult<'_, &str> {
    verify(
        take_while1(|c: char| c.is_alphabetic() || c == '.'),
        |w: &str| contains_ignore_case(PARTICLES, w),
    )
    .parse(i)
}

// particle_run = particle (ws particle)*
fn particle_run(i: &str) -> PResult<'_, &str> {
    recognize((particle, nom::multi::many0((ws1, particle)))).parse(i)
}

// surname = (particle_run ws)? name_part (ws particle_run ws name_part)*
fn surname(i: &str) -> PResult<'_, &str> {
    recognize((
        opt((particle_run, ws1)),
        name_part,
        nom::multi::many0((ws1, particle_run, ws1, name_part)),
    ))
    .parse(i)
}

// initial = upper upper? '.' ('-' upper '.')?
fn initial(i: &str) -> PResult<'_, &str> {
    recognize((
        take_while_m_n(1, 2, char::is_uppercase),
        char('.'),
        opt((satisfy(is_hyphen), satisfy(char::is_uppercase), char('.'))),
    ))
    .parse(i)
}

// initials = (initial ws?)+
fn initials(i: &str) -> PResult<'_, &str> {
    let (rest, run) = recognize(nom::multi::many1((initial, ws))).parse(i)?;
    Ok((rest, run.trim_end()))
}

// person = initials? surname
fn person(i: &str) -> PResult<'_, Name<'_>> {
    let (rest, (initials, surname)) = (opt(initials), surname).parse(i)?;
    let full = &i[..i.len() - rest.len()];
    Ok((
        rest,
        Name {
            full,
            initials,
            surname,
        },
    ))
}

// conj = 'and' | '&' | 'und' | 'y' | 'et'
fn conj(i: &str) -> PResult<'_, &str> {
    verify(
        alt((tag("&"), take_while1(char::is_alphabetic))),
        |w: &str| contains_ignore_case(CONJUNCTIONS, w) && w.chars().all(|c| !c.is_uppercase()),
    )
    .parse(i)
}

// et_al = ws? ','? ws? ('et al.' | 'et al' | 'et. al.' | 'and colleagues' | 'and others')
fn et_al(i: &str) -> PResult<'_, &str> {
    let (after_lead, _) = (ws, opt(char(',')), ws).parse(i)?;
    // Every form starts with "a", "e" or "u": most inputs are rejected at their first byte.
    if !matches!(
        after_lead.as_bytes().first(),
        Some(b'a' | b'A' | b'e' | b'E' | b'u' | b'U')
    ) {
        return fail(i);
    }
    for form in ET_AL {
        if let Ok((rest, matched)) = phrase(form, after_lead) {
            // "et al" without its period must end a word.
            if form.ends_with('.') || at_word_end(rest) {
                return Ok((rest, matched));
            }
        }
    }
    fail(i)
}

/// Matches the words of `form` case-insensitively, with any white space (line breaks
/// included) where `form` has a space.
fn phrase<'a>(form: &str, i: &'a str) -> PResult<'a, &'a str> {
    let mut rest = i;
    for (index, word) in form.split(' ').enumerate() {
        if index > 0 {
            rest = ws1(rest)?.0;
        }
        rest = tag_no_case(word).parse(rest)?.0;
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

// list_sep = ws? ',' ws? conj ws | ws conj ws | ws? ',' ws?
fn list_sep(i: &str) -> PResult<'_, &str> {
    alt((
        recognize((ws, char(','), ws, conj, ws1)),
        recognize((ws1, conj, ws1)),
        recognize((ws, char(','), ws)),
    ))
    .parse(i)
}

// person_list = person (list_sep person)* et_al?
/// A list of persons: "A", "A and B", "A, B, and C", "A et al.", "A and colleagues".
///
/// # Errors
/// When no person name starts the input.
pub fn person_list(i: &str) -> PResult<'_, Authors<'_>> {
    let (mut rest, first) = person(i)?;
    let mut names = vec![first];
    while names.len() < MAX_NAMES {
        if let Ok((after, _)) = et_al(rest) {
            return Ok((
                after,
                Authors {
                    names,
                    et_al: true,
                    organisation: false,
                },
            ));
        }
        match (list_sep, person).parse(rest) {
            Ok((after, (_, name))) => {
                names.push(name);
                rest = after;
            }
            Err(_) => break,
        }
    }
    Ok((
        rest,
        Authors {
            names,
            et_al: false,
            organisation: false,
        },
    ))
}

// connector = 'of' | 'for' | 'the' | 'on' | 'in' | 'de' | 'du' | 'des' | 'für'
fn connector(i: &str) -> PResult<'_, &str> {
    verify(take_while1(char::is_alphabetic), |w: &str| {
        matches!(
            w,
            "of" | "for" | "the" | "on" | "in" | "de" | "du" | "des" | "für"
        )
    })
    .parse(i)
}

// org_joiner = ws | ws? '&' ws? | ws connector ws | '/'
fn org_joiner(i: &str) -> PResult<'_, &str> {
    alt((
        recognize((ws, char('&'), ws)),
        recognize((ws1, connector, ws1)),
        recognize(char('/')),
        ws1,
    ))
    .parse(i)
}

// organisation = org_word (org_joiner org_word)+
/// A corporate author of several words: "Clean Clothes Campaign/SOMO", "Fashion & Sourcing
/// Network".
///
/// # Errors
/// When the input does not start with two or more capitalised words.
pub fn organisation(i: &str) -> PResult<'_, Authors<'_>> {
    let (rest, full) =
        recognize((name_part, nom::multi::many1((org_joiner, name_part)))).parse(i)?;
    Ok((
        rest,
        Authors {
            names: vec![Name {
                full,
                initials: None,
                surname: full,
            }],
            et_al: false,
            organisation: true,
        },
    ))
}

// possessive = "'" 's'?
fn possessive(i: &str) -> PResult<'_, &str> {
    recognize((satisfy(is_apostrophe), opt(char('s')))).parse(i)
}

// narrative_subject = person_list possessive? ws?
/// The words before a narrative bracket: "Locke et al.’s ", "Blowfield and Frynas’ ".
///
/// # Errors
/// When no person list starts the input.
pub fn narrative_subject(i: &str) -> PResult<'_, Authors<'_>> {
    let (rest, authors) = person_list(i)?;
    let (rest, _) = opt(possessive).parse(rest)?;
    let (rest, _) = ws(rest)?;
    Ok((rest, authors))
}

// ---- years and locators -------------------------------------------------------------------------

/// One cited year, expanded from suffix lists: "2015a,b" gives "2015a" and "2015b".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year<'a> {
    /// "2009", "2010a", "forthcoming", "in press", "n.d.".
    pub value: String,
    /// The printed text up to and including this year (its end marks where the year ends).
    pub text: &'a str,
}

// year_suffixes = lower ((',' ws? | '–' | '-') lower)*
fn year_suffixes(i: &str) -> PResult<'_, Vec<(char, &str)>> {
    fn suffix_letter(i: &str) -> PResult<'_, char> {
        let (rest, c) = satisfy(|c: char| c.is_ascii_lowercase() && c != 's').parse(i)?;
        let next = rest.chars().next();
        if next.is_some_and(|n| n.is_alphabetic() || n == '.') {
            return fail(i);
        }
        Ok((rest, c))
    }
    let (mut rest, first) = suffix_letter(i)?;
    let mut letters = vec![(first, &i[..i.len() - rest.len()])];
    while letters.len() < 26 {
        if let Ok((after, (_, last))) = (satisfy(is_range_dash), suffix_letter).parse(rest) {
            let (from, _) = letters[letters.len() - 1];
            if last <= from || (last as u8 - from as u8) > 12 {
                break;
            }
            let text = &i[..i.len() - after.len()];
            for code in (from as u8 + 1)..=(last as u8) {
                letters.push((char::from(code), text));
            }
            rest = after;
        } else if let Ok((after, (_, _, letter))) = (char(','), ws, suffix_letter).parse(rest) {
            letters.push((letter, &i[..i.len() - after.len()]));
            rest = after;
        } else {
            break;
        }
    }
    Ok((rest, letters))
}

// year = digit{4} year_suffixes? | 'forthcoming' | 'in press' | 'n.d.' | 'nd' | 'no date'
/// One printed year, expanded into the years it names.
///
/// # Errors
/// When the input does not start with a year.
pub fn year(i: &str) -> PResult<'_, Vec<Year<'_>>> {
    let words: &[(&str, &str)] = &[
        ("forthcoming", "forthcoming"),
        ("in press", "in press"),
        ("in print", "in press"),
        ("n.d.", "n.d."),
        ("n. d.", "n.d."),
        ("no date", "n.d."),
        ("nd", "n.d."),
        ("o.J.", "n.d."),
    ];
    // The words start with "f", "i", "n" or "o"; a year printed in digits skips them.
    let may_be_word = matches!(
        i.as_bytes().first(),
        Some(b'f' | b'F' | b'i' | b'I' | b'n' | b'N' | b'o' | b'O')
    );
    for (form, value) in words.iter().filter(|_| may_be_word) {
        if let Ok((rest, matched)) = phrase(form, i) {
            if form.ends_with('.') || at_word_end(rest) {
                let text = matched;
                return Ok((
                    rest,
                    vec![Year {
                        value: (*value).to_string(),
                        text,
                    }],
                ));
            }
        }
    }
    let (rest, digits) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(i);
    }
    let value: u32 = digits.parse().unwrap_or(0);
    if !(1500..=2099).contains(&value) {
        return fail(i);
    }
    if let Ok((after, letters)) = year_suffixes(rest) {
        let years = letters
            .into_iter()
            .map(|(letter, upto)| Year {
                value: format!("{digits}{letter}"),
                text: &i[..digits.len() + upto.len()],
            })
            .collect();
        return Ok((after, years));
    }
    if !at_word_end(rest) {
        return fail(i);
    }
    Ok((
        rest,
        vec![Year {
            value: digits.to_string(),
            text: digits,
        }],
    ))
}

// year_list = year (ws? ',' ws? year)*
/// "2007, 2009", "2015a,b", "forthcoming".
///
/// # Errors
/// When the input does not start with a year.
pub fn year_list(i: &str) -> PResult<'_, Vec<Year<'_>>> {
    let (mut rest, mut years) = year(i)?;
    while years.len() < MAX_YEARS {
        let Ok((after, (_, _, _, more))) = (ws, char(','), ws, year).parse(rest) else {
            break;
        };
        years.extend(more);
        rest = after;
    }
    // Each year's text runs from the start of the list.
    let years = years
        .into_iter()
        .map(|y| {
            let end = y.text.as_ptr() as usize + y.text.len() - i.as_ptr() as usize;
            Year {
                value: y.value,
                text: &i[..end],
            }
        })
        .collect();
    Ok((rest, years))
}

// page_label = 'p.' | 'pp.' | 'S.' | 'pg.' | 'ch.' | 'chap.' | 'sec.' | 'para.' | 'n.' | 'fn.'
//            | 'col.' | '§' | 'Chapter' | 'Section'
fn page_label(i: &str) -> PResult<'_, &str> {
    alt((
        tag("pp."),
        tag("p."),
        tag("S."),
        tag("pg."),
        tag("chap."),
        tag("ch."),
        tag("sec."),
        tag("para."),
        tag("fn."),
        tag("n."),
        tag("col."),
        tag("§"),
        section_word,
    ))
    .parse(i)
}

// 'Chapter' | 'Section': APA's locator labels, read only inside a citation ("(Hu et al., 2001,
// Chapter 3)"); a bracket "(Section 4)" on its own is the document's own section.
fn section_word(i: &str) -> PResult<'_, &str> {
    let (rest, word) = alt((tag("Chapter"), tag("Section"))).parse(i)?;
    if !at_word_end(rest) {
        return fail(i);
    }
    Ok((rest, word))
}

// page_number = digit+ ('.' digit+)* | roman
fn page_number(i: &str) -> PResult<'_, &str> {
    alt((
        recognize((
            take_while_m_n(1, 6, |c: char| c.is_ascii_digit()),
            nom::multi::many_m_n(
                0,
                4,
                (
                    char('.'),
                    take_while_m_n(1, 6, |c: char| c.is_ascii_digit()),
                ),
            ),
        )),
        take_while_m_n(1, 8, |c: char| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')),
    ))
    .parse(i)
}

// page_range = page_number (('–' | '-' | '—') page_number)? ('ff.' | 'ff' | 'f.' | 'f')?
fn page_range(i: &str) -> PResult<'_, &str> {
    let (rest, range) = recognize((
        page_number,
        opt((satisfy(is_range_dash), page_number)),
        opt(alt((tag("ff."), tag("ff"), tag("f."), tag("f")))),
    ))
    .parse(i)?;
    if !at_word_end(rest) {
        return fail(i);
    }
    Ok((rest, range))
}

// locator_body = page_label ws? page_range | page_range
/// The locator itself: "p. 503", "pp. 3–5", "S.166", "237".
///
/// # Errors
/// When the input does not start with a locator.
pub fn locator_body(i: &str) -> PResult<'_, &str> {
    alt((
        recognize((page_label, ws, page_range)),
        verify(page_range, |r: &str| {
            r.starts_with(|c: char| c.is_ascii_digit())
        }),
    ))
    .parse(i)
}

// locator = ws? (',' | ':') ws? locator_body
fn locator(i: &str) -> PResult<'_, &str> {
    let (rest, (_, _, _, body)) = (ws, alt((char(','), char(':'))), ws, locator_body).parse(i)?;
    Ok((rest, body))
}

// bare_locator = ws? locator_body ws?
/// A bracket holding only a locator, "(S.166)", "(213)": it belongs to the citation before it.
///
/// # Errors
/// When the bracket holds anything else.
pub fn bare_locator(i: &str) -> PResult<'_, &str> {
    let (rest, (_, body, _)) = (ws, locator_body, ws).parse(i)?;
    if !rest.is_empty() {
        return fail(i);
    }
    // "(Section 4)" is the document's own section, "(3.5)" a number: not locators of the
    // citation before them.
    let unlabelled = body.starts_with(|c: char| c.is_ascii_digit());
    if section_word(body).is_ok() || (unlabelled && body.contains('.')) {
        return fail(i);
    }
    Ok((rest, body))
}

// ---- works and clusters ---------------------------------------------------------------------------

/// One cited work with its years: "Locke et al., 2007, 2009".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work<'a> {
    /// Its authors.
    pub authors: Authors<'a>,
    /// Its years, one cited work each.
    pub years: Vec<Year<'a>>,
    /// A locator after the (last) year.
    pub locator: Option<&'a str>,
}

// person_work = person_list ws? ','? ws? year_list locator?
fn person_work(i: &str) -> PResult<'_, Work<'_>> {
    let (rest, (authors, _, _, _, years, locator)) =
        (person_list, ws, opt(char(',')), ws, year_list, opt(locator)).parse(i)?;
    Ok((
        rest,
        Work {
            authors,
            years,
            locator,
        },
    ))
}

// organisation_work = organisation ws? ',' ws? year_list locator?
fn organisation_work(i: &str) -> PResult<'_, Work<'_>> {
    let (rest, (authors, _, _, _, years, locator)) =
        (organisation, ws, char(','), ws, year_list, opt(locator)).parse(i)?;
    Ok((
        rest,
        Work {
            authors,
            years,
            locator,
        },
    ))
}

// work = person_work | organisation_work
/// A cited work: authors, then years, then an optional locator.
///
/// # Errors
/// When the input does not start with a work.
pub fn work(i: &str) -> PResult<'_, Work<'_>> {
    alt((person_work, organisation_work)).parse(i)
}

// prefix = (word ws?)+, accepted when it ends in a lead-in word
fn prefix(text: &str) -> Option<&str> {
    let trimmed = text.trim().trim_end_matches([',', ':', ';']).trim_end();
    if trimmed.is_empty() || trimmed.contains(['(', ')']) {
        return None;
    }
    let lower = trimmed.to_lowercase();
    let last = lower
        .rsplit(|c: char| c.is_whitespace() || c == ',')
        .next()?;
    let ends_in_lead_in = LEAD_IN_ENDINGS.iter().any(|ending| {
        last == *ending || lower.ends_with(&format!(" {ending}")) || lower == *ending
    });
    ends_in_lead_in.then_some(trimmed)
}

// prefixed_work = prefix work
/// A work after a lead-in: "e.g., ETI, 2006", "for a critical review of this discussion, see
/// Büthe 2010". Returns the lead-in as printed (trailing comma dropped) and the work.
///
/// # Errors
/// When no accepted lead-in is followed by a work before the next ';'.
pub fn prefixed_work(i: &str) -> PResult<'_, (&str, Work<'_>)> {
    const MAX_PREFIX_WORDS: usize = 24;
    let segment_end = i.find(';').unwrap_or(i.len());
    let mut words = 0;
    let mut previous_is_boundary = false;
    for (offset, c) in i[..segment_end].char_indices() {
        if previous_is_boundary && !c.is_whitespace() && offset > 0 {
            words += 1;
            if words > MAX_PREFIX_WORDS {
                break;
            }
            let candidate = &i[offset..];
            if let Ok((rest, found)) = work(candidate) {
                if let Some(lead_in) = prefix(&i[..offset]) {
                    return Ok((rest, (lead_in, found)));
                }
            }
        }
        previous_is_boundary = c.is_whitespace() || c == ',';
    }
    fail(i)
}

// ibid = ('ibid.' | 'ibid' | 'ibidem' | 'Ibid.' | 'Ibid') locator?
/// "ibid.", "ibid., p. 4": the previous citation again, with an optional locator.
///
/// # Errors
/// When the input does not start with "ibid".
pub fn ibid(i: &str) -> PResult<'_, Option<&str>> {
    let (rest, word) = take_while1(char::is_alphabetic).parse(i)?;
    if !(word.eq_ignore_ascii_case("ibid") || word.eq_ignore_ascii_case("ibidem")) {
        return fail(i);
    }
    let (rest, _) = opt(char('.')).parse(rest)?;
    let (rest, found) = opt(alt((locator, |i| {
        (ws1, locator_body).parse(i).map(|(r, (_, l))| (r, l))
    })))
    .parse(rest)?;
    Ok((rest, found))
}

/// One item of a bracket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// A cited work, with the lead-in printed before it.
    Work {
        /// "e.g.", "see also".
        prefix: Option<&'a str>,
        /// The work.
        work: Work<'a>,
    },
    /// More years of the previous work: "1999" in "(Schmitz, 1998;1999)".
    MoreYears {
        /// The years.
        years: Vec<Year<'a>>,
        /// A locator after them.
        locator: Option<&'a str>,
    },
    /// "ibid." with its locator.
    Ibid {
        /// Where "ibid" is printed.
        text: &'a str,
        /// Its locator.
        locator: Option<&'a str>,
    },
}

// item_sep = ws? (';' | ',') ws?
fn item_sep(i: &str) -> PResult<'_, char> {
    let (rest, (_, sep, _)) = (ws, alt((char(';'), char(','))), ws).parse(i)?;
    Ok((rest, sep))
}

// item = ibid | work | prefixed_work | year_list
fn item(i: &str, after_work: bool) -> PResult<'_, Item<'_>> {
    if let Ok((rest, locator)) = ibid(i) {
        let text = &i[..i.len() - rest.len()];
        return Ok((rest, Item::Ibid { text, locator }));
    }
    if let Ok((rest, found)) = work(i) {
        return Ok((
            rest,
            Item::Work {
                prefix: None,
                work: found,
            },
        ));
    }
    if after_work {
        if let Ok((rest, (years, locator))) = (year_list, opt(locator)).parse(i) {
            if rest.trim_start().is_empty() || rest.trim_start().starts_with([';', ',']) {
                return Ok((rest, Item::MoreYears { years, locator }));
            }
        }
    }
    let (rest, (lead_in, found)) = prefixed_work(i)?;
    Ok((
        rest,
        Item::Work {
            prefix: Some(lead_in),
            work: found,
        },
    ))
}

// cluster = item (item_sep item)*
/// Reads the content of a bracket into the items it holds. Never fails: an item that cannot be
/// read is skipped up to the next ';'.
#[must_use]
pub fn cluster(i: &str) -> Vec<Item<'_>> {
    cluster_after(i, false)
}

fn cluster_after(i: &str, mut after_work: bool) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut rest = ws(i).map_or(i, |(r, _)| r);
    while !rest.is_empty() {
        match item(rest, after_work) {
            Ok((after, found)) => {
                after_work = matches!(found, Item::Work { .. } | Item::MoreYears { .. })
                    || (after_work && matches!(found, Item::Ibid { .. }));
                items.push(found);
                rest = after;
                // Without a separator, the next item may still follow a lead-in ("Smith 2001
                // and Jones 2003"); if it does not, the loop skips the suffix ("emphasis added").
                rest =
                    item_sep(rest).map_or_else(|_| ws(rest).map_or(rest, |(r, _)| r), |(r, _)| r);
            }
            Err(_) => {
                after_work = false;
                rest = skip_segment(rest);
            }
        }
    }
    items
}

/// Skips past the next ';' (or to the end).
fn skip_segment(i: &str) -> &str {
    match i.find(';') {
        Some(at) => ws(&i[at + 1..]).map_or(&i[at + 1..], |(r, _)| r),
        None => &i[i.len()..],
    }
}

/// What a narrative bracket holds: the subject's years, their locator, and further items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrativeBracket<'a> {
    /// The years of the work named before the bracket.
    pub years: Vec<Year<'a>>,
    /// A locator after them.
    pub locator: Option<&'a str>,
    /// Items after a ';' inside the same bracket ("(2009; see also Locke 2013)").
    pub more: Vec<Item<'a>>,
}

// narrative_bracket = ws? year_list locator? (item_sep cluster)? ws?
/// The content of a bracket that opens with a year: "2005, p. 503", "2001, 2012".
///
/// # Errors
/// When the bracket does not open with a year, or holds text that is not items after it.
pub fn narrative_bracket(i: &str) -> PResult<'_, NarrativeBracket<'_>> {
    let (rest, (_, years, locator, _)) = (ws, year_list, opt(locator), ws).parse(i)?;
    if rest.is_empty() {
        return Ok((
            rest,
            NarrativeBracket {
                years,
                locator,
                more: Vec::new(),
            },
        ));
    }
    let (after, _) = item_sep(rest)?;
    let more = cluster_after(after, false);
    if more.is_empty() {
        return fail(i);
    }
    Ok((
        &after[after.len()..],
        NarrativeBracket {
            years,
            locator,
            more,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surnames(authors: &Authors<'_>) -> Vec<String> {
        authors
            .names
            .iter()
            .map(|n| n.surname.to_string())
            .collect()
    }

    fn years(list: &[Year<'_>]) -> Vec<String> {
        list.iter().map(|y| y.value.clone()).collect()
    }

    #[test]
    fn name_word_cases() {
        assert_eq!(name_word("Locke et al."), Ok((" et al.", "Locke")));
        assert_eq!(name_word("O’Rourke, 2003"), Ok((", 2003", "O’Rourke")));
        assert_eq!(name_word("Zandén)"), Ok((")", "Zandén")));
        assert_eq!(name_word("McCormick"), Ok(("", "McCormick")));
        assert_eq!(name_word("Gereffi’s (1994)"), Ok(("’s (1994)", "Gereffi")));
        assert!(name_word("N = 2014").is_err());
        assert!(name_word("locke").is_err());
    }

    #[test]
    fn surname_cases() {
        let cases = [
            ("Egels-Zandén, 2014", "Egels-Zandén"),
            ("Lund-Thomsen and Coe", "Lund-Thomsen"),
            ("van Tulder 2004", "van Tulder"),
            ("Van Tulder, 2004", "Van Tulder"),
            ("De Neve, 2009", "De Neve"),
            ("Puppim de Oliveira and Fortes", "Puppim de Oliveira"),
            ("Das, 2014", "Das"),
            ("AFL-CIO, 2013", "AFL-CIO"),
            ("von der Leyen 2020", "von der Leyen"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                surname(input).map(|(_, s)| s),
                Ok(expected),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn person_cases() {
        let (rest, name) = person("R. M. Locke 2013").unwrap_or((
            "",
            Name {
                full: "",
                initials: None,
                surname: "",
            },
        ));
        assert_eq!(
            (rest, name.initials, name.surname),
            (" 2013", Some("R. M."), "Locke")
        );
        let (_, name) = person("F.R. Khan, 2007").unwrap_or((
            "",
            Name {
                full: "",
                initials: None,
                surname: "",
            },
        ));
        assert_eq!((name.initials, name.surname), (Some("F.R."), "Khan"));
        let (_, name) = person("A. Khan 2007").unwrap_or((
            "",
            Name {
                full: "",
                initials: None,
                surname: "",
            },
        ));
        assert_eq!((name.initials, name.surname), (Some("A."), "Khan"));
    }

    #[test]
    fn person_list_cases() {
        let cases: &[(&str, &[&str], bool)] = &[
            ("Locke et al., 2007", &["Locke"], true),
            ("Lund-Thomsen, et al., 2014", &["Lund-Thomsen"], true),
            ("Locke and colleagues (2009)", &["Locke"], true),
            ("Locke and Romis, 2007", &["Locke", "Romis"], false),
            ("Gereffi & Lee, 2014", &["Gereffi", "Lee"], false),
            (
                "Gereffi, Humphrey, and Sturgeon 2005",
                &["Gereffi", "Humphrey", "Sturgeon"],
                false,
            ),
            (
                "Gereffi, Humphrey and Sturgeon 2005",
                &["Gereffi", "Humphrey", "Sturgeon"],
                false,
            ),
            (
                "Carswell and De Neve (2013)",
                &["Carswell", "De Neve"],
                false,
            ),
            ("Kolk and Van Tulder, 2004", &["Kolk", "Van Tulder"], false),
            (
                "Djelic and Sahlin-Andersson 2008",
                &["Djelic", "Sahlin-Andersson"],
                false,
            ),
            (
                "Meardi and Marginson 2014: 1038",
                &["Meardi", "Marginson"],
                false,
            ),
            ("R. Locke et al. 2009", &["Locke"], true),
        ];
        for (input, expected, et_al) in cases {
            let Ok((_, authors)) = person_list(input) else {
                panic!("no person list in {input:?}")
            };
            assert_eq!(surnames(&authors), *expected, "input {input:?}");
            assert_eq!(authors.et_al, *et_al, "input {input:?}");
        }
    }

    #[test]
    fn organisation_cases() {
        let cases = [
            (
                "Clean Clothes Campaign/SOMO, 2013",
                "Clean Clothes Campaign/SOMO",
            ),
            (
                "Fashion & Sourcing Network, 2014",
                "Fashion & Sourcing Network",
            ),
            (
                "Ethical Trading Initiative, 2006",
                "Ethical Trading Initiative",
            ),
            (
                "Bureau of Labor Statistics, 2010",
                "Bureau of Labor Statistics",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                organisation(input).map(|(_, a)| a.names[0].surname),
                Ok(expected),
                "input {input:?}"
            );
        }
        assert!(organisation("Oxfam, 2013").is_err());
    }

    #[test]
    fn year_cases() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("2012)", &["2012"], ")"),
            ("2010a, p. 3", &["2010a"], ", p. 3"),
            ("2015a,b; Bartleby", &["2015a", "2015b"], "; Bartleby"),
            ("2015c–e)", &["2015c", "2015d", "2015e"], ")"),
            ("forthcoming)", &["forthcoming"], ")"),
            ("in press)", &["in press"], ")"),
            ("n.d.)", &["n.d."], ")"),
        ];
        for (input, expected, rest) in cases {
            let Ok((after, found)) = year(input) else {
                panic!("no year in {input:?}")
            };
            assert_eq!(years(&found), *expected, "input {input:?}");
            assert_eq!(after, *rest, "input {input:?}");
        }
        for bad in ["20140", "1990s", "999", "2,000", "3000", "2014xy"] {
            assert!(year(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn year_list_cases() {
        let Ok((rest, found)) = year_list("2007, 2009; Locke") else {
            panic!("no year list")
        };
        assert_eq!(years(&found), ["2007", "2009"]);
        assert_eq!(found[1].text, "2007, 2009");
        assert_eq!(rest, "; Locke");
        let Ok((rest, found)) = year_list("2012, p. 3") else {
            panic!("no year list")
        };
        assert_eq!((years(&found), rest), (vec!["2012".to_string()], ", p. 3"));
    }

    #[test]
    fn locator_cases() {
        let cases = [
            (", p. 503", "p. 503"),
            (", pp. 3–5", "pp. 3–5"),
            (": 237", "237"),
            (":237", "237"),
            (", S. 166", "S. 166"),
            (", 45", "45"),
            (", pp. 12ff.", "pp. 12ff."),
            // Chapter and section locators as the author-date styles print them.
            (", chap. 3", "chap. 3"),
            (", sec. 4.2", "sec. 4.2"),
            (", Chapter 3", "Chapter 3"),
            (", Section 4.2.1", "Section 4.2.1"),
            (":4.2", "4.2"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                locator(input).map(|(_, l)| l),
                Ok(expected),
                "input {input:?}"
            );
        }
        assert_eq!(bare_locator("S.166"), Ok(("", "S.166")));
        assert_eq!(bare_locator("213"), Ok(("", "213")));
        assert!(bare_locator("see Figure 1").is_err());
        assert_eq!(bare_locator("sec. 4.2"), Ok(("", "sec. 4.2")));
        assert!(bare_locator("Section 4").is_err());
        assert!(bare_locator("3.5").is_err());
        assert!(locator(", Sections 4").is_err());
        assert!(bare_locator("2,000 workers").is_err());
    }

    #[test]
    fn work_cases() {
        type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a str], Option<&'a str>);
        let cases: &[Case<'_>] = &[
            (
                "Locke et al., 2007, 2009",
                &["Locke"],
                &["2007", "2009"],
                None,
            ),
            ("Hassel 2008: 237", &["Hassel"], &["2008"], Some("237")),
            ("ETI, 2012, p. 3", &["ETI"], &["2012"], Some("p. 3")),
            (
                "Lund-Thomsen and Coe,2013",
                &["Lund-Thomsen", "Coe"],
                &["2013"],
                None,
            ),
            (
                "Egels-Zandén, forthcoming",
                &["Egels-Zandén"],
                &["forthcoming"],
                None,
            ),
            (
                "Clean Clothes Campaign/SOMO, 2013",
                &["Clean Clothes Campaign/SOMO"],
                &["2013"],
                None,
            ),
            (
                "Fashion & Sourcing Network, 2014",
                &["Fashion & Sourcing Network"],
                &["2014"],
                None,
            ),
            ("Aalto 2015a,b", &["Aalto"], &["2015a", "2015b"], None),
        ];
        for (input, authors, expected_years, expected_locator) in cases {
            let Ok((_, found)) = work(input) else {
                panic!("no work in {input:?}")
            };
            assert_eq!(surnames(&found.authors), *authors, "input {input:?}");
            assert_eq!(years(&found.years), *expected_years, "input {input:?}");
            assert_eq!(found.locator, *expected_locator, "input {input:?}");
        }
        for bad in [
            "Rana Plaza 2013",
            "see Figure 1",
            "N = 2014",
            "2,000 workers",
            "Section 4",
        ] {
            assert!(work(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn prefixed_work_cases() {
        let cases = [
            ("e.g., AFL-CIO, 2013", "e.g.", "AFL-CIO"),
            ("see also Lund-Thomsen, 2013", "see also", "Lund-Thomsen"),
            ("cf. Barrientos, 2013", "cf.", "Barrientos"),
            ("for example Alston 2004", "for example", "Alston"),
            (
                "for a critical review of this discussion, see Büthe 2010",
                "for a critical review of this discussion, see",
                "Büthe",
            ),
            (
                "for the following, see Utting 2002",
                "for the following, see",
                "Utting",
            ),
        ];
        for (input, lead_in, author) in cases {
            let Ok((_, (found_lead_in, found))) = prefixed_work(input) else {
                panic!("no prefixed work in {input:?}")
            };
            assert_eq!(found_lead_in, lead_in, "input {input:?}");
            assert_eq!(found.authors.names[0].surname, author, "input {input:?}");
        }
        assert!(prefixed_work("in 2013").is_err());
        assert!(prefixed_work("the Rana Plaza collapse 2013").is_err());
    }

    fn summary(items: &[Item<'_>]) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                Item::Work { prefix, work } => format!(
                    "{}{} {}{}",
                    prefix.map(|p| format!("[{p}] ")).unwrap_or_default(),
                    surnames(&work.authors).join("+"),
                    years(&work.years).join(","),
                    work.locator.map(|l| format!(" @{l}")).unwrap_or_default()
                ),
                Item::MoreYears { years: y, .. } => format!("+ {}", years(y).join(",")),
                Item::Ibid { locator, .. } => format!(
                    "ibid{}",
                    locator.map(|l| format!(" @{l}")).unwrap_or_default()
                ),
            })
            .collect()
    }

    #[test]
    fn cluster_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "e.g., AFL-CIO, 2013; De Neve, 2009; Locke et al., 2007, 2009",
                &["[e.g.] AFL-CIO 2013", "De Neve 2009", "Locke 2007,2009"],
            ),
            ("Schmitz, 1998;1999", &["Schmitz 1998", "+ 1999"]),
            (
                "Rabellotti, 1999; 2001; 2003",
                &["Rabellotti 1999", "+ 2001", "+ 2003"],
            ),
            (
                "Aalto 2015a,b; Bartleby 2010; Aalto 2015c–e",
                &[
                    "Aalto 2015a,2015b",
                    "Bartleby 2010",
                    "Aalto 2015c,2015d,2015e",
                ],
            ),
            (
                "Humphrey and Schmitz, 2002, Schmitz, 2004",
                &["Humphrey+Schmitz 2002", "Schmitz 2004"],
            ),
            (
                "Meardi and Marginson 2014: 1038",
                &["Meardi+Marginson 2014 @1038"],
            ),
            ("ibid.", &["ibid"]),
            ("ibid., p. 4", &["ibid @p. 4"]),
            ("Smith 2001, emphasis added", &["Smith 2001"]),
            ("see Figure 1", &[]),
            ("Section 4", &[]),
            ("2,000 workers", &[]),
            ("N = 2014", &[]),
            ("in 2013", &[]),
            ("or changes", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(summary(&cluster(input)), *expected, "input {input:?}");
        }
    }

    #[test]
    fn narrative_cases() {
        let Ok((_, bracket)) = narrative_bracket("2005, p. 503") else {
            panic!("no narrative bracket")
        };
        assert_eq!(
            (years(&bracket.years), bracket.locator),
            (vec!["2005".to_string()], Some("p. 503"))
        );
        let Ok((_, bracket)) = narrative_bracket("2001, 2012") else {
            panic!("no narrative bracket")
        };
        assert_eq!(years(&bracket.years), ["2001", "2012"]);
        let Ok((_, bracket)) = narrative_bracket("2009; see also Locke 2013") else {
            panic!("no narrative bracket")
        };
        assert_eq!(summary(&bracket.more), ["[see also] Locke 2013"]);
        assert!(narrative_bracket("2013 data").is_err());
        for (input, expected, et_al) in [
            ("Locke et al.’s ", vec!["Locke"], true),
            ("Blowfield and Frynas’ ", vec!["Blowfield", "Frynas"], false),
            ("Gereffi’s ", vec!["Gereffi"], false),
            ("Locke and colleagues ", vec!["Locke"], true),
            ("ETI ", vec!["ETI"], false),
        ] {
            let Ok((rest, authors)) = narrative_subject(input) else {
                panic!("no subject in {input:?}")
            };
            assert_eq!(
                (rest, surnames(&authors), authors.et_al),
                (
                    "",
                    expected.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    et_al
                ),
                "input {input:?}"
            );
        }
    }
}
