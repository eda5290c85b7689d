//! Errors in the data files of the claims module, located by line and column.

use std::ops::Range;

/// A problem in a paradigm lexicon or a grammar file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct DataError {
    /// 1-based line of the problem in the file.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// What is wrong, lower case, without a trailing period.
    pub message: String,
}

impl DataError {
    /// An error at byte offset `offset` of `source`.
    pub(crate) fn at(source: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = offset.min(source.len());
        let before = source.get(..offset).unwrap_or(source);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let column = before[line_start..].chars().count() + 1;
        DataError {
            line,
            column,
            message: message.into(),
        }
    }

    /// An error over `span` (or at the start of the file when the span is unknown).
    pub(crate) fn spanned(
        source: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        DataError::at(source, span.map_or(0, |span| span.start), message)
    }

    /// A TOML syntax or shape error.
    pub(crate) fn from_toml(source: &str, error: &toml::de::Error) -> Self {
        // toml's messages may run over lines ("invalid string\nexpected `\"`, `'`"): one line.
        let message = error
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
            .trim_end_matches('.')
            .to_string();
        DataError::spanned(source, error.span(), message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_become_one_line() {
        let source = "a = b\n";
        let error = toml::from_str::<toml::Table>(source).unwrap_err();
        let ours = DataError::from_toml(source, &error);
        assert!(!ours.message.contains('\n'), "{ours}");
        assert_eq!((ours.line, ours.column), (1, 5));
    }

    #[test]
    fn locates_by_line_and_character_column() {
        let source = "a = 1\nbé = x\n";
        let error = DataError::at(source, source.find('x').unwrap(), "bad");
        assert_eq!((error.line, error.column), (2, 6));
        assert_eq!(error.to_string(), "line 2, column 6: bad");
    }
}
