//! External bibliographies (what Zotero exports): BibTeX/BibLaTeX, RIS and CSL-JSON read into
//! [`ReferenceEntry`] values.
//!
//! Each reader takes the file's text and returns every record, or the first syntax error with
//! its 1-based line and column. BibTeX goes through the `biblatex` crate; RIS is read here (its
//! grammar is one tag per line: `TY  - JOUR` … `ER  -`); CSL-JSON through serde. Entries read
//! from a bibliography have an empty `span` and carry their citation key in `key`.

use std::fmt;

use biblatex::{Bibliography, ChunksExt, Person};
use serde::Deserialize;
use serde_json::Value;

use super::entry::later_year;
use super::grammar::year_value;
use super::{Name, ReferenceEntry};

/// The bibliography formats `--bib` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BibFormat {
    /// BibTeX or BibLaTeX (`.bib`).
    BibTex,
    /// RIS (`.ris`).
    Ris,
    /// CSL-JSON (`.json`), an array of CSL items.
    CslJson,
}

impl BibFormat {
    /// The format a file name's extension names: `.bib`, `.ris`, `.json`.
    #[must_use]
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_lowercase();
        match extension.as_str() {
            "bib" | "bibtex" => Some(Self::BibTex),
            "ris" => Some(Self::Ris),
            "json" | "csljson" => Some(Self::CslJson),
            _ => None,
        }
    }
}

impl fmt::Display for BibFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BibTex => "bibtex",
            Self::Ris => "ris",
            Self::CslJson => "csl-json",
        })
    }
}

/// A bibliography file that could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{format} line {line}, column {column}: {message}")]
pub struct BibError {
    /// The format being read.
    pub format: BibFormat,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// What is wrong, lower-case.
    pub message: String,
}

impl BibError {
    fn at_offset(format: BibFormat, text: &str, offset: usize, message: String) -> Self {
        let (line, column) = line_and_column(text, offset);
        Self {
            format,
            line,
            column,
            message,
        }
    }
}

/// 1-based line and character column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Read a bibliography in the given format.
///
/// # Errors
/// The first syntax error, with its line and column.
pub fn parse_bibliography(format: BibFormat, text: &str) -> Result<Vec<ReferenceEntry>, BibError> {
    let entries = match format {
        BibFormat::BibTex => parse_bibtex(text),
        BibFormat::Ris => parse_ris(text),
        BibFormat::CslJson => parse_csl_json(text),
    }?;
    Ok(entries.into_iter().map(corporate_abbreviation).collect())
}

/// A single corporate author written with its abbreviation in brackets, "Ethical Trading
/// Initiative (ETI)", keeps the name as its surname and the abbreviation apart, as the entry
/// parser does for reference lists, so that "ETI 2006" links.
fn corporate_abbreviation(mut entry: ReferenceEntry) -> ReferenceEntry {
    if entry.abbreviation.is_some() || entry.authors.len() != 1 {
        return entry;
    }
    let name = &entry.authors[0];
    if name.given.is_some() {
        return entry;
    }
    let trimmed = name.surname.trim();
    let Some(open) = trimmed.rfind('(') else {
        return entry;
    };
    let inside = trimmed[open + 1..].trim_end_matches(')').trim();
    let is_abbreviation = trimmed.ends_with(')')
        && inside.chars().count() >= 2
        && inside
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || "-&/".contains(c));
    let full = trimmed[..open].trim();
    if is_abbreviation && !full.is_empty() {
        entry.abbreviation = Some(inside.to_string());
        entry.authors[0].surname = full.to_string();
    }
    entry
}

/// The year slot from a date field: "2010" → "2010", "in press" → "in press",
/// "2010-05-03" or "May 2010" → "2010".
fn year_of(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if let Ok((rest, value)) = year_value(trimmed) {
        if rest.is_empty() || !rest.starts_with(char::is_alphanumeric) {
            return Some(value.to_string());
        }
    }
    later_year(trimmed, 0)
}

fn non_empty(text: String) -> Option<String> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

// ---- BibTeX ---------------------------------------------------------------------------------

/// Read BibTeX or BibLaTeX.
///
/// # Errors
/// A syntax error (unclosed brace, missing key, duplicate key, …) with its line and column.
pub fn parse_bibtex(text: &str) -> Result<Vec<ReferenceEntry>, BibError> {
    let bibliography = Bibliography::parse(text).map_err(|error| {
        BibError::at_offset(
            BibFormat::BibTex,
            text,
            error.span.start,
            error.kind.to_string().to_lowercase(),
        )
    })?;
    Ok(bibliography.iter().map(bibtex_entry).collect())
}

fn bibtex_entry(entry: &biblatex::Entry) -> ReferenceEntry {
    let field = |key: &str| entry.get(key).and_then(|c| non_empty(c.format_verbatim()));
    let people = |list: Vec<Person>| list.iter().map(person_name).collect::<Vec<_>>();
    let mut authors = entry.author().map(people).unwrap_or_default();
    let editors: Vec<Name> = entry
        .editors()
        .unwrap_or_default()
        .into_iter()
        .flat_map(|(list, _)| people(list))
        .collect();
    let edited = authors.is_empty() && !editors.is_empty();
    let is_part = entry.get("booktitle").is_some();
    if edited && !is_part {
        authors.clone_from(&editors);
    }
    let container = field("journaltitle")
        .or_else(|| field("journal"))
        .or_else(|| field("booktitle"))
        .or_else(|| field("series"));
    let publisher = field("publisher")
        .or_else(|| field("institution"))
        .or_else(|| field("organization"))
        .or_else(|| field("school"));
    ReferenceEntry {
        key: Some(entry.key.clone()),
        authors,
        edited: edited && !is_part,
        editors: if edited && !is_part {
            Vec::new()
        } else {
            editors
        },
        year: field("year")
            .or_else(|| field("date"))
            .and_then(|y| year_of(&y)),
        title: field("title"),
        container,
        publisher,
        volume: field("volume"),
        // A report's "number" is its report number, not a journal issue.
        issue: if is_report(&entry.entry_type) {
            field("issue")
        } else {
            field("number").or_else(|| field("issue"))
        },
        pages: field("pages").map(|p| p.replace("--", "–")),
        doi: field("doi"),
        url: field("url"),
        ..ReferenceEntry::default()
    }
}

fn is_report(entry_type: &biblatex::EntryType) -> bool {
    matches!(
        entry_type.to_string().to_lowercase().as_str(),
        "report" | "techreport" | "misc" | "online" | "manual" | "thesis" | "phdthesis"
    )
}

fn person_name(person: &Person) -> Name {
    let surname = if person.prefix.is_empty() {
        person.name.clone()
    } else {
        format!("{} {}", person.prefix, person.name)
    };
    Name {
        surname,
        given: (!person.given_name.is_empty()).then(|| person.given_name.clone()),
    }
}

// ---- RIS ------------------------------------------------------------------------------------

// ris = (blank* record)* blank*
// record = 'TY  - ' type newline (tag_line | continuation)* 'ER  -' newline?
// tag_line = upper (upper | digit) '  -' (' ' value)?
/// Read RIS.
///
/// # Errors
/// Text outside a record, a record without its `ER` line, or a `TY` inside an open record.
pub fn parse_ris(text: &str) -> Result<Vec<ReferenceEntry>, BibError> {
    let text_without_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_without_bom.len();
    let mut records = Vec::new();
    let mut open: Option<(usize, Vec<(String, String)>)> = None;
    let mut offset = bom;
    for raw_line in text_without_bom.split('\n') {
        let line_offset = offset;
        offset += raw_line.len() + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        if line.trim().is_empty() {
            continue;
        }
        let error =
            |message: String| BibError::at_offset(BibFormat::Ris, text, line_offset, message);
        match (ris_tag_line(line), open.as_mut()) {
            (Some(("TY", _)), Some((start, _))) => {
                let (line_number, _) = line_and_column(text, *start);
                return Err(error(format!(
                    "record starting at line {line_number} has no 'ER  -' line before this 'TY'"
                )));
            }
            (Some(("TY", kind)), None) => {
                open = Some((line_offset, vec![("TY".to_string(), kind.to_string())]));
            }
            (Some(("ER", _)), Some(_)) => {
                if let Some((_, tags)) = open.take() {
                    records.push(ris_entry(&tags));
                }
            }
            (Some((tag, value)), Some((_, tags))) => {
                tags.push((tag.to_string(), value.to_string()))
            }
            // Exporters wrap long abstracts: an untagged line continues the previous value.
            (None, Some((_, tags))) => {
                if let Some((_, value)) = tags.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
            }
            (_, None) => {
                return Err(error(format!(
                    "expected a record to start with 'TY  - ', found {:?}",
                    line.chars().take(20).collect::<String>()
                )));
            }
        }
    }
    if let Some((start, _)) = open {
        return Err(BibError::at_offset(
            BibFormat::Ris,
            text,
            text.len(),
            format!(
                "record starting at line {} has no 'ER  -' line",
                line_and_column(text, start).0
            ),
        ));
    }
    Ok(records)
}

/// "AU  - Smith, John" → ("AU", "Smith, John"); "ER  -" → ("ER", "").
fn ris_tag_line(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut tag_chars = tag.chars();
    let well_formed = tag_chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && tag_chars
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let rest = line.get(2..)?.trim_start_matches(' ');
    let value = rest.strip_prefix('-')?;
    (well_formed && line.get(2..3) == Some(" ")).then(|| (tag, value.trim()))
}

fn ris_entry(tags: &[(String, String)]) -> ReferenceEntry {
    let all = |names: &[&str]| -> Vec<&str> {
        tags.iter()
            .filter(|(t, v)| names.contains(&t.as_str()) && !v.is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let first = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            tags.iter()
                .find(|(t, v)| t == name && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let ris_name = |raw: &&str| {
        let (surname, given) = match raw.split_once(',') {
            Some((surname, given)) => (surname.trim(), Some(given.trim())),
            None => (raw.trim(), None),
        };
        Name {
            surname: surname.to_string(),
            given: given.filter(|g| !g.is_empty()).map(str::to_string),
        }
    };
    let pages = match (first(&["SP"]), first(&["EP"])) {
        (Some(start), Some(end)) => Some(format!("{start}–{end}")),
        (start, _) => start,
    };
    ReferenceEntry {
        key: first(&["ID"]),
        authors: all(&["AU", "A1"]).iter().map(ris_name).collect(),
        editors: all(&["ED", "A2"]).iter().map(ris_name).collect(),
        year: first(&["PY", "Y1", "DA"]).and_then(|y| year_of(&y)),
        title: first(&["TI", "T1", "CT"]),
        container: first(&["T2", "JF", "JO", "BT", "JA", "J2", "T3"]),
        publisher: first(&["PB"]),
        volume: first(&["VL"]),
        issue: first(&["IS"]),
        pages,
        doi: first(&["DO"]),
        url: first(&["UR"]),
        ..ReferenceEntry::default()
    }
}

// ---- CSL-JSON -------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(untagged)]
enum CslFile {
    Items(Vec<CslItem>),
    Item(Box<CslItem>),
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CslItem {
    id: Option<Value>,
    author: Vec<CslName>,
    editor: Vec<CslName>,
    issued: Option<CslDate>,
    title: Option<String>,
    #[serde(rename = "container-title")]
    container_title: Option<Value>,
    publisher: Option<String>,
    volume: Option<Value>,
    issue: Option<Value>,
    page: Option<Value>,
    #[serde(rename = "DOI")]
    doi: Option<String>,
    #[serde(rename = "URL")]
    url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CslName {
    family: Option<String>,
    given: Option<String>,
    literal: Option<String>,
    #[serde(rename = "non-dropping-particle")]
    particle: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<Value>>,
    raw: Option<String>,
    literal: Option<String>,
}

/// Read CSL-JSON: an array of items (or one item).
///
/// # Errors
/// Invalid JSON, or JSON that is not CSL items, with the line and column serde reports.
pub fn parse_csl_json(text: &str) -> Result<Vec<ReferenceEntry>, BibError> {
    let file: CslFile = serde_json::from_str(text).map_err(|error| BibError {
        format: BibFormat::CslJson,
        line: error.line().max(1),
        column: error.column().max(1),
        message: error.to_string().to_lowercase(),
    })?;
    let items = match file {
        CslFile::Items(items) => items,
        CslFile::Item(item) => vec![*item],
    };
    Ok(items.into_iter().map(csl_entry).collect())
}

/// A JSON string or number as text.
fn value_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => non_empty(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => value_text(items.first()),
        _ => None,
    }
}

fn csl_name(name: &CslName) -> Option<Name> {
    let family = match (&name.particle, &name.family) {
        (Some(particle), Some(family)) => Some(format!("{particle} {family}")),
        (None, Some(family)) => Some(family.clone()),
        _ => None,
    };
    let surname = family.or_else(|| name.literal.clone())?;
    Some(Name {
        surname,
        given: name.given.clone().filter(|g| !g.is_empty()),
    })
}

fn csl_entry(item: CslItem) -> ReferenceEntry {
    let year = item.issued.as_ref().and_then(|date| {
        value_text(date.date_parts.first().and_then(|parts| parts.first()))
            .or_else(|| date.raw.clone())
            .or_else(|| date.literal.clone())
            .and_then(|y| year_of(&y))
    });
    let mut authors: Vec<Name> = item.author.iter().filter_map(csl_name).collect();
    let mut editors: Vec<Name> = item.editor.iter().filter_map(csl_name).collect();
    // An edited book is cited by its editors, as the BibTeX reader and the entry parser do.
    let edited = authors.is_empty() && !editors.is_empty() && item.container_title.is_none();
    if edited {
        authors = std::mem::take(&mut editors);
    }
    ReferenceEntry {
        key: value_text(item.id.as_ref()),
        authors,
        edited,
        editors,
        year,
        title: item.title.and_then(non_empty),
        container: value_text(item.container_title.as_ref()),
        publisher: item.publisher.and_then(non_empty),
        volume: value_text(item.volume.as_ref()),
        issue: value_text(item.issue.as_ref()),
        pages: value_text(item.page.as_ref()),
        doi: item.doi.and_then(non_empty),
        url: item.url.and_then(non_empty),
        ..ReferenceEntry::default()
    }
}

#[test]
fn line_and_column_cases() {
    for (text, offset, expected) in [
        ("abc", 0, (1, 1)),
        ("abc\ndef", 5, (2, 2)),
        ("é\nü x", 6, (2, 3)),
        ("abc", 99, (1, 4)),
    ] {
        assert_eq!(line_and_column(text, offset), expected, "{text:?} {offset}");
    }
}

#[test]
fn ris_tag_line_cases() {
    for (line, expected) in [
        ("TY  - JOUR", Some(("TY", "JOUR"))),
        ("AU  - Smith, John", Some(("AU", "Smith, John"))),
        ("ER  -", Some(("ER", ""))),
        ("ER  - ", Some(("ER", ""))),
        ("T2  - World Development", Some(("T2", "World Development"))),
        ("continued abstract text", None),
        ("ty  - JOUR", None),
        ("é", None),
    ] {
        assert_eq!(ris_tag_line(line), expected, "{line}");
    }
}

#[test]
fn corporate_abbreviations_editors_and_report_numbers() {
    let bib = "@techreport{ids237,\n  author = {{Institute of Development Studies (IDS)}},\n  title = {Ethical trade},\n  number = {237},\n  year = {2006}\n}\n@book{djelic,\n  editor = {Djelic, Marie-Laure and Sahlin-Andersson, Kerstin},\n  title = {Transnational Governance},\n  year = {2008}\n}\n";
    let entries = parse_bibliography(BibFormat::BibTex, bib).unwrap_or_default();
    assert_eq!(
        entries[0].authors[0].surname,
        "Institute of Development Studies"
    );
    assert_eq!(entries[0].abbreviation.as_deref(), Some("IDS"));
    assert_eq!(entries[0].issue, None);
    assert_eq!(entries[1].authors.len(), 2);
    let json = r#"[{"id": "eti", "type": "report", "author": [{"literal": "Ethical Trading Initiative (ETI)"}], "issued": {"date-parts": [[2006]]}},
        {"id": "djelic", "type": "book", "editor": [{"family": "Djelic"}, {"family": "Sahlin-Andersson"}], "issued": {"date-parts": [["2008"]]}}]"#;
    let entries = parse_bibliography(BibFormat::CslJson, json).unwrap_or_default();
    assert_eq!(entries[0].abbreviation.as_deref(), Some("ETI"));
    assert_eq!(entries[0].authors[0].surname, "Ethical Trading Initiative");
    assert_eq!(
        entries[1]
            .authors
            .iter()
            .map(|a| a.surname.as_str())
            .collect::<Vec<_>>(),
        ["Djelic", "Sahlin-Andersson"]
    );
    assert!(entries[1].edited);
}
