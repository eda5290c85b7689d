//! Node ids: stable, readable strings derived from keys, never from insertion order.
//!
//! `doc:<file name>`, `work:<slug of the work key>`, `author:<slug of the surname>`,
//! `paradigm:<slug of the paradigm id>`. A slug is the key lowercased, letters and digits kept
//! (accented letters too), apostrophes and full stops dropped, every other run of characters
//! one `-`: "Locke et al. 2009" → `locke-et-al-2009`, "O’Rourke 2003" → `orourke-2003`,
//! "Clean Clothes Campaign/SOMO 2013" → `clean-clothes-campaign-somo-2013`. Keys with the same
//! slug are one node. Every id is free of control characters, so it is safe, once quoted or
//! escaped, in GraphML, JSON, CSV and DOT.

use std::fmt::Write as _;

/// Prefix of document node ids.
pub const DOCUMENT_PREFIX: &str = "doc:";
/// Prefix of work node ids.
pub const WORK_PREFIX: &str = "work:";
/// Prefix of author node ids.
pub const AUTHOR_PREFIX: &str = "author:";
/// Prefix of paradigm node ids.
pub const PARADIGM_PREFIX: &str = "paradigm:";

/// Apostrophe forms dropped from slugs, so "O'Rourke" and "O’Rourke" are one name.
const APOSTROPHES: [char; 5] = ['\'', '’', 'ʼ', '‘', '`'];

/// The slug of `key` (see the module documentation). A key with no letter or digit gets
/// `x` and the hexadecimal of its UTF-8 bytes, so distinct keys never share an empty slug.
#[must_use]
pub fn slug(key: &str) -> String {
    let mut slug = String::with_capacity(key.len());
    let mut pending_dash = false;
    for c in key.chars() {
        if APOSTROPHES.contains(&c) || c == '.' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if slug.is_empty() {
        slug.push('x');
        for byte in key.bytes() {
            let _ = write!(slug, "{byte:02x}");
        }
    }
    slug
}

/// The id of a work node for `key`.
#[must_use]
pub fn work_id(key: &str) -> String {
    format!("{WORK_PREFIX}{}", slug(key))
}

/// The id of an author node for `surname`.
#[must_use]
pub fn author_id(surname: &str) -> String {
    format!("{AUTHOR_PREFIX}{}", slug(surname))
}

/// The id of a paradigm node for the paradigm `id`.
#[must_use]
pub fn paradigm_id(id: &str) -> String {
    format!("{PARADIGM_PREFIX}{}", slug(id))
}

/// The ids of documents named `names` (paths as given), in the same order: `doc:` and the
/// file name, or `doc:` and the whole path for documents whose file names collide. Control
/// characters become `_`.
#[must_use]
pub fn document_ids(names: &[&str]) -> Vec<String> {
    let file_names: Vec<&str> = names.iter().map(|name| file_name(name)).collect();
    names
        .iter()
        .zip(&file_names)
        .map(|(name, short)| {
            let unique = file_names.iter().filter(|other| *other == short).count() == 1;
            let chosen = if unique { short } else { name };
            let clean: String = chosen
                .chars()
                .map(|c| if c.is_control() { '_' } else { c })
                .collect();
            format!("{DOCUMENT_PREFIX}{clean}")
        })
        .collect()
}

/// The last component of a path as given (`/` or `\` separated), or the whole name.
fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::{document_ids, slug, work_id};

    #[test]
    fn slugs() {
        assert_eq!(slug("Locke et al. 2009"), "locke-et-al-2009");
        assert_eq!(slug("Locke and Romis 2007"), "locke-and-romis-2007");
        assert_eq!(slug("O’Rourke 2003"), "orourke-2003");
        assert_eq!(slug("O'Rourke 2003"), "orourke-2003");
        assert_eq!(slug("AFL-CIO 2013"), "afl-cio-2013");
        assert_eq!(
            slug("Clean Clothes Campaign/SOMO 2013"),
            "clean-clothes-campaign-somo-2013"
        );
        assert_eq!(slug("Zandén 2010a"), "zandén-2010a");
        assert_eq!(
            slug("van Oosterzee forthcoming"),
            "van-oosterzee-forthcoming"
        );
        assert_eq!(slug("Smith n.d."), "smith-nd");
        assert_eq!(slug("  --Lund-Thomsen  "), "lund-thomsen");
        assert_eq!(slug("\"<&>\""), "x223c263e22");
        assert_eq!(slug(""), "x");
        assert_eq!(work_id("De Neve 2009"), work_id("de Neve 2009"));
    }

    #[test]
    fn document_ids_use_file_names_unless_they_collide() {
        assert_eq!(
            document_ids(&[
                "../shared/corpus/000_a.txt",
                "b.txt",
                "x/c.txt",
                "y/c.txt",
                "-"
            ]),
            vec![
                "doc:000_a.txt",
                "doc:b.txt",
                "doc:x/c.txt",
                "doc:y/c.txt",
                "doc:-"
            ]
        );
        assert_eq!(document_ids(&["a\nb.txt"]), vec!["doc:a_b.txt"]);
        assert_eq!(document_ids(&["dir/"]), vec!["doc:dir"]);
    }
}
