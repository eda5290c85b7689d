//! The progress bar of long runs: files done of all, bytes read and the reading speed, on
//! standard error. It appears only once the work has taken a second, only when standard error is
//! a terminal, and never with `--quiet`; lines printed while it shows go above it.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// A progress bar over files and their bytes; hidden until it may show.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    /// Whether the bar may ever show (a terminal, not quiet).
    allowed: bool,
    shown: bool,
    files: u64,
    total_files: u64,
}

impl Progress {
    /// A bar over `files` files of `bytes` bytes in all; `quiet` keeps it hidden.
    #[must_use]
    pub fn new(files: usize, bytes: u64, quiet: bool) -> Self {
        Self::with_terminal(files, bytes, quiet, std::io::stderr().is_terminal())
    }

    /// As [`Progress::new`], with whether standard error is a terminal given.
    fn with_terminal(files: usize, bytes: u64, quiet: bool, terminal: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} \
             {binary_bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        let total_files = files as u64;
        bar.set_message(format!("0/{total_files} files"));
        Self {
            bar,
            started: Instant::now(),
            allowed: !quiet && terminal,
            shown: false,
            files: 0,
            total_files,
        }
    }

    /// One more file done, of `bytes` bytes.
    pub fn file_done(&mut self, bytes: u64) {
        self.files += 1;
        self.bar.inc(bytes);
        self.bar
            .set_message(format!("{}/{} files", self.files, self.total_files));
        if self.allowed && !self.shown && self.started.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Prints a line on standard error above the bar.
    pub fn eprintln(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bar whose work started two delays ago.
    fn late(quiet: bool, terminal: bool) -> Progress {
        let mut progress = Progress::with_terminal(2, 10, quiet, terminal);
        progress.started = Instant::now()
            .checked_sub(DELAY * 2)
            .unwrap_or(progress.started);
        progress
    }

    #[test]
    fn shows_after_a_second_on_a_terminal_only_when_not_quiet() {
        for (quiet, terminal, shows) in [
            (false, true, true),
            (true, true, false),
            (false, false, false),
        ] {
            let mut progress = late(quiet, terminal);
            progress.file_done(5);
            progress.file_done(5);
            assert_eq!(progress.shown, shows, "quiet {quiet}, terminal {terminal}");
            assert_eq!(progress.bar.position(), 10);
            progress.finish();
        }
    }

    #[test]
    fn hidden_before_a_second() {
        let mut progress = Progress::with_terminal(1, 1, false, true);
        progress.file_done(1);
        assert!(!progress.shown, "shown before the delay");
        progress.finish();
    }
}
