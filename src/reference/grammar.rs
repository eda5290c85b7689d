//! Token-level nom productions of `grammar/reference.ungram`: labels, years, initials, quotes.
//!
//! Each function is one production, named after it, with the production quoted above it and a
//! table of literal cases right below it. They are small and bounded: none looks further than the
//! token it recognises, so callers may try them at every word without quadratic cost.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize, verify};
use nom::multi::many1;
use nom::{IResult, Parser};

use super::tables::{FORTHCOMING_WORDS, IN_PRESS_WORDS, NO_DATE_WORDS};

/// The result type every production shares.
pub(crate) type PResult<'a, T> = IResult<&'a str, T>;

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

// label = bullet | '[' digit+ ']' | '(' digit+ ')' | digit+ '.'? ws
/// A list marker before an entry: "- ", "• ", "[12] ", "(3) ", "12. ", "33 ".
pub(crate) fn label(input: &str) -> PResult<'_, &str> {
    let bullet = recognize((
        satisfy(|c| matches!(c, '-' | '•' | '*' | '–' | '·' | '▪' | '◦')),
        take_while1(is_space),
    ));
    // "[12]", and alphanumeric keys "[BAUD93]", but not a year "[1990a]".
    let bracketed = verify(
        recognize((
            char('['),
            take_while_m_n(1, 12, |c: char| c.is_alphanumeric() || c == '-'),
            char(']'),
            take_while(is_space),
        )),
        |marker: &str| {
            let inner = marker
                .trim_end()
                .trim_start_matches('[')
                .trim_end_matches(']');
            let all_digits = inner.chars().all(|c| c.is_ascii_digit());
            (all_digits && inner.len() <= 3) || (!all_digits && year(inner).is_err())
        },
    );
    let parenthesised = recognize((
        char('('),
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        char(')'),
        take_while1(is_space),
    ));
    let numbered = recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        opt(char('.')),
        take_while1(is_space),
    ));
    alt((bullet, bracketed, parenthesised, numbered)).parse(input)
}

#[test]
fn label_cases() {
    for (input, expected) in [
        ("- Afraz, N.", Some(("Afraz, N.", "- "))),
        ("• Smith", Some(("Smith", "• "))),
        ("[12] Smith", Some(("Smith", "[12] "))),
        ("[3]Smith", Some(("Smith", "[3]"))),
        ("[BAUD93] Baudel", Some(("Baudel", "[BAUD93] "))),
        ("[1990a] Doe", None),
        ("(3) Smith", Some(("Smith", "(3) "))),
        ("20. Mastropaolo", Some(("Mastropaolo", "20. "))),
        ("33 Bergk", Some(("Bergk", "33 "))),
        ("1994, The", None),
        ("Smith", None),
        ("-Smith", None),
        ("(1990): Ustav", None),
        ("(1974) Ustav", None),
        ("[1999] Title", None),
    ] {
        assert_eq!(label(input).ok(), expected, "{input}");
    }
}

// year = ('1' | '2') digit{3} suffix?      (1400..=2099, not followed by a digit)
// suffix = lower-case letter not followed by a letter
/// A four-digit year with an optional letter suffix: "2010", "2015a".
pub(crate) fn year(input: &str) -> PResult<'_, &str> {
    let digits = verify(
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        |d: &str| {
            let value: u32 = d.parse().unwrap_or(0);
            (1400..=2099).contains(&value)
        },
    );
    let (rest, found) = recognize((digits, opt(year_suffix))).parse(input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, found))
}

// suffix = lower-case letter not followed by a letter
fn year_suffix(input: &str) -> PResult<'_, char> {
    let (rest, letter) = satisfy(|c| c.is_ascii_lowercase()).parse(input)?;
    if rest.starts_with(char::is_alphabetic) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alpha,
        )));
    }
    Ok((rest, letter))
}

#[test]
fn year_cases() {
    for (input, expected) in [
        ("2010", Some(("", "2010"))),
        ("2015a, p. 3", Some((", p. 3", "2015a"))),
        ("1994, The", Some((", The", "1994"))),
        ("1615): Leviathan", Some(("): Leviathan", "1615"))),
        ("2001b.", Some((".", "2001b"))),
        ("2014and", Some(("and", "2014"))),
        ("12345", None),
        ("2150", None),
        ("0999", None),
        ("199", None),
        ("n.d.", None),
    ] {
        assert_eq!(year(input).ok(), expected, "{input}");
    }
}

// year_word = 'n.d.' | 'o.J.' | 's.d.' | 'in press' | 'im Druck' | 'i.E.' | 'forthcoming' | …
/// A word standing in for the year, normalised to "n.d.", "in press" or "forthcoming".
pub(crate) fn year_word(input: &str) -> PResult<'_, &'static str> {
    // Longest spelling in the tables is 14 characters with spaces ("im Erscheinen").
    let mut word = recognize((
        take_while1(|c: char| c.is_alphabetic() || c == '.'),
        opt((
            take_while_m_n(0, 1, |c| c == ' '),
            take_while1(|c: char| c.is_alphabetic() || c == '.'),
        )),
    ));
    let (rest, found) = word.parse(input)?;
    let squashed: String = found
        .chars()
        .filter(|c| *c != ' ')
        .flat_map(char::to_lowercase)
        .collect();
    // Dotted forms must not be initials ("S.D." is a person; "n.d.", "o.J.", "N.d." are not).
    if found.trim_end_matches('.').contains('.') {
        let mut letters = found.chars().filter(|c| c.is_alphabetic());
        let first_lower = letters.next().is_some_and(char::is_lowercase);
        if !first_lower && found != "N.d." {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Tag,
            )));
        }
    }
    let undotted = squashed.trim_end_matches('.');
    let lookup = |table: &[&str]| table.iter().any(|w| *w == squashed || *w == undotted);
    if lookup(NO_DATE_WORDS) {
        return Ok((rest, "n.d."));
    }
    if lookup(IN_PRESS_WORDS) {
        return Ok((rest, "in press"));
    }
    if lookup(FORTHCOMING_WORDS) {
        return Ok((rest, "forthcoming"));
    }
    // "in press" may be followed by more words ("In press. Journal"): try the first word alone.
    let first: String = found
        .split(' ')
        .next()
        .unwrap_or("")
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let first_rest = input
        .get(found.split(' ').next().unwrap_or("").len()..)
        .unwrap_or("");
    if NO_DATE_WORDS.contains(&first.as_str()) {
        return Ok((first_rest, "n.d."));
    }
    if FORTHCOMING_WORDS.contains(&first.as_str()) {
        return Ok((first_rest, "forthcoming"));
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

#[test]
fn year_word_cases() {
    for (input, expected) in [
        ("n.d.). Title", Some(("). Title", "n.d."))),
        ("o.J.: Titel", Some((": Titel", "n.d."))),
        ("o. J.: Titel", Some((": Titel", "n.d."))),
        ("in press). Title", Some(("). Title", "in press"))),
        ("In Press.", Some(("", "in press"))),
        ("im Druck)", Some((")", "in press"))),
        ("i. E.): The", Some(("): The", "in press"))),
        ("forthcoming). X", Some(("). X", "forthcoming"))),
        ("Forthcoming Title", Some((" Title", "forthcoming"))),
        ("in Press", Some(("", "in press"))),
        ("in Schmitz", None),
        ("S.D. (2001)", None),
        ("N.d.", Some(("", "n.d."))),
        ("Smith", None),
    ] {
        assert_eq!(year_word(input).ok(), expected, "{input}");
    }
}

// year_value = year | year_word
/// The year slot's content, normalised ("2010a", "n.d.", "in press", "forthcoming").
pub(crate) fn year_value(input: &str) -> PResult<'_, &str> {
    year(input).or_else(|_| year_word(input))
}

// year_block = '(' ' '* year_value year_extra? ')' | '[' year_value year_extra? ']' | year_value
// year_extra = (any character but ')' or ']'){0,60}      e.g. "/95", " [1867]", ", March 3"
/// A year slot as printed after the authors: "(2010a)", "[1999]", "(1990 [1970])", "2014",
/// "(n.d.)". Returns the normalised year.
pub(crate) fn year_block(input: &str) -> PResult<'_, &str> {
    alt((
        bracketed_year('(', ')'),
        bracketed_year('[', ']'),
        year_value,
    ))
    .parse(input)
}

fn bracketed_year(open: char, close: char) -> impl Fn(&str) -> PResult<'_, &str> {
    move |input: &str| {
        let (rest, _) = (char(open), take_while(|c| c == ' ')).parse(input)?;
        // "([1968] 1982)": the first edition's year in brackets, then the one cited.
        let (rest, _) = opt((char('['), year, char(']'), take_while(|c| c == ' '))).parse(rest)?;
        let (rest, value) = year_value(rest).or_else(|_| edition_year(rest))?;
        let (rest, _) =
            take_while_m_n(0, 60, |c: char| c != close && c != '(' && c != '\n').parse(rest)?;
        let (rest, _) = char(close).parse(rest)?;
        Ok((rest, value))
    }
}

// edition_year = year_digits year_suffix? digit{1,2}    a superscript edition run into the year
/// "20047" (2004, 7th edition) and "1970a2" as printed in German lists: the year part.
fn edition_year(input: &str) -> PResult<'_, &str> {
    let (rest, (found, _)) = (
        recognize((
            take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
            opt(satisfy(|c| c.is_ascii_lowercase())),
        )),
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
    )
        .parse(input)?;
    if !rest.starts_with(')') {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    let (_, value) = year(found)?;
    Ok((rest, value))
}

#[test]
fn year_block_cases() {
    for (input, expected) in [
        ("(2010). Title", Some((". Title", "2010"))),
        ("(2015b). Decent", Some((". Decent", "2015b"))),
        ("( 2003) ‘Network", Some((" ‘Network", "2003"))),
        ("(1994/95): Titel", Some((": Titel", "1994"))),
        ("(2003 [1867]) Capital", Some((" Capital", "2003"))),
        ("(2010, March 3). X", Some((". X", "2010"))),
        ("[1999] X", Some((" X", "1999"))),
        ("(n.d.). X", Some((". X", "n.d."))),
        ("(in press). X", Some((". X", "in press"))),
        ("1994, The", Some((", The", "1994"))),
        ("(ETI). (2006)", None),
        ("(eds.) (1990)", None),
        ("(2010", None),
        ("(20047): Lebensphase", Some((": Lebensphase", "2004"))),
        ("(1970a2), Der Boden", Some((", Der Boden", "1970a"))),
        ("(12345)", None),
        ("([1968] 1982). The", Some((". The", "1982"))),
    ] {
        assert_eq!(year_block(input).ok(), expected, "{input}");
    }
}

// initial = upper lower{0,2} '.' ('-' initial)? | upper{1,3} '.'?
/// One word of initials: "J.", "J.A.", "W.-P.", "Th.", "MJ", "WS", "A.M.".
pub(crate) fn initials(input: &str) -> PResult<'_, &str> {
    let dotted_one = recognize((
        satisfy(char::is_uppercase),
        take_while_m_n(0, 2, char::is_lowercase),
        char('.'),
    ));
    let dotted = recognize(many1((dotted_one, opt(char('-')))));
    let bare = recognize((take_while_m_n(1, 3, char::is_uppercase), opt(char('.'))));
    let (rest, found) = alt((dotted, bare)).parse(input)?;
    if rest.starts_with(char::is_alphanumeric) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alpha,
        )));
    }
    Ok((rest, found))
}

#[test]
fn initials_cases() {
    for (input, expected) in [
        ("J.", Some(("", "J."))),
        ("J.A.,", Some((",", "J.A."))),
        ("W.-P. de", Some((" de", "W.-P."))),
        ("Th.", Some(("", "Th."))),
        ("MJ.", Some(("", "MJ."))),
        ("WS,", Some((",", "WS"))),
        ("A.M.", Some(("", "A.M."))),
        ("Smith", None),
        ("UNCTAD", None),
        ("Jones.", None),
    ] {
        assert_eq!(initials(input).ok(), expected, "{input}");
    }
}

// open_quote = '"' | '“' | '„' | '‘' | '\'' | '«' | '»' | '‹' | '›' | '‚' | '―'
/// The closing quote that pairs with an opening one.
pub(crate) fn closing_quote(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"', '“', '”']),
        '“' => Some(&['”', '"', '“']),
        '„' => Some(&['“', '”', '"']),
        '‘' => Some(&['’', '\'']),
        '\'' => Some(&['\'', '’']),
        '‚' => Some(&['‘', '’']),
        '«' => Some(&['»']),
        '»' => Some(&['«']),
        '‹' => Some(&['›']),
        '›' => Some(&['‹']),
        '―' => Some(&['‖', '―']),
        _ => None,
    }
}

// quoted = open_quote (any)* close_quote   where a single quote only closes before
//          punctuation, a bracket or the end (so "Workers' organizations" stays inside)
/// A quoted span; returns its inside.
pub(crate) fn quoted(input: &str) -> PResult<'_, &str> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Char));
    let open = input.chars().next().ok_or_else(fail)?;
    let closers = closing_quote(open).ok_or_else(fail)?;
    let body = input.get(open.len_utf8()..).ok_or_else(fail)?;
    let apostrophe_like = matches!(open, '\'' | '‘' | '‚');
    for (at, c) in body.char_indices() {
        if !closers.contains(&c) {
            continue;
        }
        let after = body.get(at + c.len_utf8()..).unwrap_or("");
        if apostrophe_like && !closes_single_quote(body.get(..at).unwrap_or(""), after) {
            continue;
        }
        return Ok((after, body.get(..at).unwrap_or("")));
    }
    Err(fail())
}

/// A single quote closes a quotation when punctuation, a bracket, an emphasis mark or the end
/// follows, or when the quoted text ended a sentence ("…conflicts?' Title").
fn closes_single_quote(before: &str, after: &str) -> bool {
    let next = after.chars().next();
    match next {
        None => true,
        Some('.' | ',' | ';' | ':' | ')' | ']' | '*' | '/') => true,
        Some(c) if c.is_whitespace() => {
            let following = after.trim_start().chars().next();
            before.ends_with(['?', '!', '.', ','])
                || matches!(following, Some('*' | '(' | '[' | '–' | '-'))
                || after.trim_start().starts_with("in ")
                || after.trim_start().starts_with("In ")
        }
        Some(_) => false,
    }
}

#[test]
fn quoted_cases() {
    for (input, expected) in [
        (
            "'A race to the bottom'. *China",
            Some((". *China", "A race to the bottom")),
        ),
        (
            "'Workers' organizations in Pakistan: why?'. *Critical",
            Some((". *Critical", "Workers' organizations in Pakistan: why?")),
        ),
        ("“Title,” Journal", Some((" Journal", "Title,"))),
        ("»Titel«, in: X", Some((", in: X", "Titel"))),
        ("‘Network Time’, Time", Some((", Time", "Network Time"))),
        (
            "\"Bridging the gap\": public",
            Some((": public", "Bridging the gap")),
        ),
        ("'unclosed title", None),
        ("Plain", None),
    ] {
        assert_eq!(quoted(input).ok(), expected, "{input}");
    }
}

// emphasis = '*' (any but '*')+ '*' | '_' (any but '_')+ '_'
/// A markdown-emphasised span ("*World Development*"); returns its inside.
pub(crate) fn emphasis(input: &str) -> PResult<'_, &str> {
    alt((
        (char('*'), take_while1(|c| c != '*'), char('*')).map(|(_, inside, _)| inside),
        (char('_'), take_while1(|c| c != '_'), char('_')).map(|(_, inside, _)| inside),
    ))
    .parse(input)
}

#[test]
fn emphasis_cases() {
    for (input, expected) in [
        (
            "*World Development*, 38",
            Some((", 38", "World Development")),
        ),
        ("_Capital_.", Some((".", "Capital"))),
        ("*unclosed", None),
        ("**", None),
    ] {
        assert_eq!(emphasis(input).ok(), expected, "{input}");
    }
}

// doi = ('doi' ':'? ' '* | 'https://doi.org/' | 'http://dx.doi.org/') '10.' digit+ '/' non_space+
/// A DOI with its introducer; returns the bare "10.…" identifier, trailing punctuation dropped.
pub(crate) fn doi(input: &str) -> PResult<'_, &str> {
    let mut introducer = alt((
        recognize((tag_no_case("doi"), opt(char(':')), take_while(|c| c == ' '))),
        recognize((
            alt((tag("https://"), tag("http://"))),
            opt(tag("dx.")),
            tag("doi.org/"),
        )),
    ));
    let (rest, _) = introducer.parse(input)?;
    let (rest, id) = recognize((
        tag("10."),
        take_while1(|c: char| c.is_ascii_digit()),
        char('/'),
        take_while1(|c: char| !c.is_whitespace()),
    ))
    .parse(rest)?;
    let trimmed = id.trim_end_matches(['.', ',', ';', ')', ']', '>']);
    let consumed = id.len() - trimmed.len();
    let rest_start = input.len() - rest.len() - consumed;
    Ok((input.get(rest_start..).unwrap_or(""), trimmed))
}

#[test]
fn doi_cases() {
    for (input, expected) in [
        (
            "doi: 10.1146/annurev.polisci.7.012003.104804",
            Some(("", "10.1146/annurev.polisci.7.012003.104804")),
        ),
        (
            "doi:10.1371/journal.pone.0009612.",
            Some((".", "10.1371/journal.pone.0009612")),
        ),
        (
            "https://doi.org/10.1017/S0144686X07006617 x",
            Some((" x", "10.1017/S0144686X07006617")),
        ),
        ("DOI 10.1000/xyz", Some(("", "10.1000/xyz"))),
        ("doi: 11.1000/xyz", None),
        ("document", None),
    ] {
        assert_eq!(doi(input).ok(), expected, "{input}");
    }
}

// url = ('http://' | 'https://' | 'www.') non_space+
/// A web address; trailing punctuation and an enclosing '<' '>' are not part of it.
pub(crate) fn url(input: &str) -> PResult<'_, &str> {
    let (rest, found) = recognize((
        alt((tag("https://"), tag("http://"), tag("www."))),
        take_while1(|c: char| !c.is_whitespace() && c != '>'),
    ))
    .parse(input)?;
    let trimmed = found.trim_end_matches(['.', ',', ';', ')', ']', ':']);
    let rest_start = input.len() - rest.len() - (found.len() - trimmed.len());
    Ok((input.get(rest_start..).unwrap_or(""), trimmed))
}

#[test]
fn url_cases() {
    for (input, expected) in [
        (
            "http://www.fashionsourceny.com/home>; accessed",
            Some((">; accessed", "http://www.fashionsourceny.com/home")),
        ),
        (
            "www.automotiveproductsfinder.com; accessed",
            Some(("; accessed", "www.automotiveproductsfinder.com")),
        ),
        ("https://x.org/a.", Some((".", "https://x.org/a"))),
        ("ftp://x", None),
    ] {
        assert_eq!(url(input).ok(), expected, "{input}");
    }
}

// volume_issue = digit+ ' '? '(' (any but ')'){1,15} ')'
/// A journal volume with its issue: "38(3)", "28 (4)", "150(3-4)". Returns (volume, issue).
pub(crate) fn volume_issue(input: &str) -> PResult<'_, (&str, &str)> {
    let (rest, (volume, _, _, issue, _)) = (
        take_while_m_n(1, 5, |c: char| c.is_ascii_digit()),
        take_while(|c| c == ' '),
        char('('),
        take_while_m_n(1, 15, |c: char| c != ')' && c != '('),
        char(')'),
    )
        .parse(input)?;
    Ok((rest, (volume, issue.trim())))
}

#[test]
fn volume_issue_cases() {
    for (input, expected) in [
        ("38(3): 405-414", Some((": 405-414", ("38", "3")))),
        ("28 (4): 713", Some((": 713", ("28", "4")))),
        ("150(3-4): 319", Some((": 319", ("150", "3-4")))),
        ("93 (Suppl. 2): 201", Some((": 201", ("93", "Suppl. 2")))),
        ("38, 405", None),
    ] {
        assert_eq!(volume_issue(input).ok(), expected, "{input}");
    }
}

// page_range = digit+ ' '* ('-' | '–' | '—') ' '* digit+ | digit+ ' '? 'ff.'?
/// A page range "405-414", "1605 – 1626", "35–57", or a single page.
pub(crate) fn page_range(input: &str) -> PResult<'_, &str> {
    let range = recognize((
        take_while_m_n(1, 6, |c: char| c.is_ascii_alphanumeric()),
        take_while(|c| c == ' '),
        satisfy(|c| matches!(c, '-' | '–' | '—')),
        take_while(|c| c == ' '),
        take_while_m_n(1, 6, |c: char| c.is_ascii_alphanumeric()),
    ));
    let single = recognize((
        take_while_m_n(1, 6, |c: char| c.is_ascii_digit()),
        opt((take_while(|c| c == ' '), tag("ff."))),
    ));
    let (rest, found) = alt((range, single)).parse(input)?;
    if !found.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase() || c == 'e') {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, found))
}

#[test]
fn page_range_cases() {
    for (input, expected) in [
        ("405-414.", Some((".", "405-414"))),
        ("1605 – 1626.", Some((".", "1605 – 1626"))),
        ("35–57", Some(("", "35–57"))),
        ("83 ff.", Some(("", "83 ff."))),
        ("163", Some(("", "163"))),
        ("abc", None),
    ] {
        assert_eq!(page_range(input).ok(), expected, "{input}");
    }
}
