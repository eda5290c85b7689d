//! Quoting text for DOT: the one function through which every id and attribute value enters a
//! DOT graph, and the small text helpers labels share with the HTML report.
//!
//! graphviz-rust prints ids verbatim, so an id is only safe once quoted here: `"` → `\"`,
//! `\` → `\\`, a line break → `\n` (a centred line break in a label), carriage returns
//! dropped, tabs → spaces, `&` → `&amp;` (Graphviz decodes HTML entities even in plain labels,
//! so "&lt;" in a text would otherwise print as "<"), and other control characters → their
//! visible Unicode symbol (U+2400 + code for C0, ␡ for DEL, U+FFFD for C1), since Graphviz
//! copies them into SVG, where they make the XML invalid.

use std::borrow::Cow;

use graphviz_rust::dot_structures::Id;

/// The quoted DOT id for `text`. Every id and attribute value of our DOT goes through here.
#[must_use]
pub fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            c => out.push(visible(c)),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// The text a quoted id stands for, as Graphviz reads it in a label: the inverse of [`quoted`]
/// for text without carriage returns, tabs or control characters. `None` for an id that is
/// not a quoted string.
#[must_use]
pub fn unquoted(id: &Id) -> Option<String> {
    let Id::Escaped(quoted) = id else {
        return None;
    };
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                other => out.push(other),
            }
        } else {
            out.push(c);
        }
    }
    Some(out.replace("&amp;", "&"))
}

/// `c`, or a visible stand-in when it is a control character other than line break and tab:
/// U+2400 + code for C0 (␀ … ␟), ␡ for DEL, U+FFFD for C1.
#[must_use]
pub fn visible(c: char) -> char {
    match u32::from(c) {
        code @ 0..=0x1F if c != '\n' && c != '\t' => {
            char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}')
        }
        0x7F => '\u{2421}',
        0x80..=0x9F => '\u{FFFD}',
        _ => c,
    }
}

/// `text` with line breaks inserted at spaces so that no line is longer than `width`
/// characters where a space allows it. Existing line breaks are kept; runs of spaces at a break
/// are dropped.
#[must_use]
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut length = 0;
        for word in line.split(' ').filter(|word| !word.is_empty()) {
            let word_length = word.chars().count();
            if length > 0 && length + 1 + word_length > width {
                out.push('\n');
                length = 0;
            } else if length > 0 {
                out.push(' ');
                length += 1;
            }
            out.push_str(word);
            length += word_length;
        }
    }
    out
}

/// `text` cut to at most `max` characters, with "…" at the end when cut.
#[must_use]
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => {
            let kept = text[..end]
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(&text[..end], |(cut, _)| &text[..cut]);
            Cow::Owned(format!("{kept}…"))
        }
    }
}

/// A number as printed in DOT attributes and reports: at most `decimals` places, trailing zeros
/// dropped ("2", "2.5", "0.0123"), so output never depends on float formatting details.
#[must_use]
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let printed = format!("{value:.decimals$}");
    let trimmed = if printed.contains('.') {
        printed.trim_end_matches('0').trim_end_matches('.')
    } else {
        printed.as_str()
    };
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: &Id) -> &str {
        match id {
            Id::Escaped(s) => s,
            _ => "",
        }
    }

    #[test]
    fn quoting_table() {
        let cases = [
            ("Smith-2001", r#""Smith-2001""#),
            ("node", r#""node""#),
            ("a.b", r#""a.b""#),
            (r#"say "no""#, r#""say \"no\"""#),
            (r"back\slash\", r#""back\\slash\\""#),
            ("two\nlines", r#""two\nlines""#),
            ("cr\r\n", r#""cr\n""#),
            ("tab\there", r#""tab here""#),
            ("R&D &lt;", r#""R&amp;D &amp;lt;""#),
            ("bell\u{7}", "\"bell\u{2407}\""),
            (
                "nul\u{0}del\u{7f}c1\u{85}",
                "\"nul\u{2400}del\u{2421}c1\u{FFFD}\"",
            ),
            ("Zandén ☃ </script> ]]>", "\"Zandén ☃ </script> ]]>\""),
        ];
        for (input, expected) in cases {
            assert_eq!(text(&quoted(input)), expected, "{input:?}");
        }
    }

    #[test]
    fn unquoting_inverts_quoting() {
        for input in [
            "plain",
            r#"a "quoted" \ path\"#,
            "two\nlines",
            "R&D &amp; &lt;b&gt;",
            "Zandén ☃",
        ] {
            assert_eq!(unquoted(&quoted(input)).as_deref(), Some(input));
        }
        assert_eq!(unquoted(&Id::Plain("x".into())), None);
    }

    #[test]
    fn wrapping_truncating_and_numbers() {
        assert_eq!(
            wrap("Thistlewood and Osei-Brandt 2016", 16),
            "Thistlewood and\nOsei-Brandt 2016"
        );
        assert_eq!(wrap("short", 16), "short");
        assert_eq!(wrap("a  b\nc", 1), "a\nb\nc");
        assert_eq!(wrap("Supercalifragilistic x", 5), "Supercalifragilistic\nx");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcd", 4), "abcd");
        assert_eq!(truncate("ééééé", 3), "éé…");
        assert_eq!(number(2.0, 3), "2");
        assert_eq!(number(2.5, 3), "2.5");
        assert_eq!(number(0.012_34, 3), "0.012");
        assert_eq!(number(-0.000_1, 2), "0");
        assert_eq!(number(f64::NAN, 2), "0");
    }
}
