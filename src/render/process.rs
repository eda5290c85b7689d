//! Running an external program (Graphviz, a headless browser) with arguments and a time limit:
//! no shell, the child killed and reaped when the limit passes.

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

/// How often a running child is polled.
const POLL: Duration = Duration::from_millis(10);

/// How long the output of a child that has ended is still waited for (a helper process it
/// started may hold its pipes open a little longer).
const GRACE: Duration = Duration::from_secs(5);

/// How a run ended.
#[derive(Debug)]
pub enum RunOutcome {
    /// The program exited by itself.
    Exited {
        /// Its exit status.
        status: ExitStatus,
        /// What it wrote to standard output.
        stdout: Vec<u8>,
        /// What it wrote to standard error.
        stderr: Vec<u8>,
    },
    /// The time limit passed: the program was killed and reaped.
    TimedOut {
        /// What it had written to standard error.
        stderr: Vec<u8>,
    },
}

/// Runs `command` with no standard input, collecting its standard output and error, and kills
/// it when `timeout` passes.
///
/// # Errors
/// The error of starting it (`io::ErrorKind::NotFound` when the program is not on `PATH`) or of
/// waiting for it.
pub fn run_with_timeout(command: &mut Command, timeout: Duration) -> io::Result<RunOutcome> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            kill(&mut child)?;
            break None;
        }
        thread::sleep(POLL);
    };
    let stdout = stdout.recv_timeout(GRACE).unwrap_or_default();
    let stderr = stderr.recv_timeout(GRACE).unwrap_or_default();
    Ok(match status {
        Some(status) => RunOutcome::Exited {
            status,
            stdout,
            stderr,
        },
        None => RunOutcome::TimedOut { stderr },
    })
}

/// Kills `child` (if it has not exited meanwhile) and waits for it, so no zombie is left.
fn kill(child: &mut Child) -> io::Result<()> {
    match child.kill() {
        Ok(()) => {}
        // It exited between the last poll and the kill.
        Err(error) if error.kind() == io::ErrorKind::InvalidInput => {}
        Err(error) => return Err(error),
    }
    child.wait().map(|_| ())
}

/// Reads a pipe to its end on its own thread, so a child writing much never blocks on it; the
/// bytes arrive on the receiver when the pipe closes.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error ends the capture; what was read is kept.
            let _ = pipe.read_to_end(&mut bytes);
        }
        // The receiver is gone only when the run gave up waiting.
        let _ = sender.send(bytes);
    });
    receiver
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_output_of_a_program_that_exits() {
        let outcome = run_with_timeout(
            Command::new("sh").args(["-c", "printf out; printf err >&2; exit 3"]),
            Duration::from_secs(20),
        );
        match outcome {
            Ok(RunOutcome::Exited {
                status,
                stdout,
                stderr,
            }) => {
                assert_eq!(status.code(), Some(3));
                assert_eq!(stdout, b"out");
                assert_eq!(stderr, b"err");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn kills_a_program_that_runs_too_long() {
        let started = Instant::now();
        let outcome = run_with_timeout(
            Command::new("sh").args(["-c", "printf started >&2; exec sleep 30"]),
            Duration::from_millis(300),
        );
        let elapsed = started.elapsed();
        match outcome {
            Ok(RunOutcome::TimedOut { stderr }) => assert_eq!(stderr, b"started"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    }

    #[test]
    fn a_missing_program_is_not_found() {
        let error = run_with_timeout(
            &mut Command::new("citegraph-no-such-program"),
            Duration::from_secs(1),
        )
        .err()
        .map(|e| e.kind());
        assert_eq!(error, Some(io::ErrorKind::NotFound));
    }
}
