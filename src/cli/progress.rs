//! Progress of `extract` on standard error: an indicatif bar on a terminal, a plain line every
//! few seconds otherwise, nothing with `--quiet`; and a closing summary line. On a terminal
//! the bar also counts the windows of the tagging call in flight, so that a long document
//! (a 5 MB text is thousands of windows) shows progress too.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use quotegraph::tagging::WindowProgress;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts records as they are written and reports them. Shared by the reading thread (skipped
/// records), the writing thread (results) and the counting thread (total).
pub(super) struct Progress {
    display: Display,
    started: Instant,
    ok: AtomicUsize,
    failed: AtomicUsize,
    skipped: AtomicUsize,
    /// Records expected, once counted (0 = not known).
    total: AtomicUsize,
}

/// A tagging call of fewer windows than this passes in a blink: the bar leaves it out.
const MIN_WINDOWS_SHOWN: usize = 64;

enum Display {
    Quiet,
    Bar(ProgressBar, WindowProgress),
    /// Plain lines, at most one per interval; holds the time of the last one.
    Lines(Duration, Mutex<Instant>),
}

impl Progress {
    /// A bar when standard error is a terminal (with the tagger's `windows`), plain lines every
    /// `every` otherwise.
    pub(super) fn new(quiet: bool, every: Duration, windows: WindowProgress) -> Progress {
        let started = Instant::now();
        let display = if quiet {
            Display::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(style(
                "{spinner} {elapsed_precise} {pos} docs, {per_sec}{windows} {msg}",
                &windows,
            ));
            bar.enable_steady_tick(Duration::from_millis(200));
            Display::Bar(bar, windows)
        } else {
            Display::Lines(every, Mutex::new(started))
        };
        Progress {
            display,
            started,
            ok: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            skipped: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
        }
    }

    /// The number of records to process became known.
    pub(super) fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        if let Display::Bar(bar, windows) = &self.display {
            bar.set_length(total as u64);
            bar.set_style(style(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} docs, {rate}, ETA {eta}{windows} {msg}",
                windows,
            ));
        }
    }

    /// A record was skipped because the output already holds it.
    pub(super) fn skip(&self) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
    }

    /// A record was written: a result (`ok`) or an error record.
    pub(super) fn record(&self, ok: bool) {
        let counter = if ok { &self.ok } else { &self.failed };
        counter.fetch_add(1, Ordering::Relaxed);
        match &self.display {
            Display::Quiet => {}
            Display::Bar(bar, _) => {
                bar.inc(1);
                let failed = self.failed.load(Ordering::Relaxed);
                if !ok {
                    bar.set_message(format!("({failed} failed)"));
                }
            }
            Display::Lines(every, last) => {
                let now = Instant::now();
                let mut last = last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if now.duration_since(*last) >= *every {
                    *last = now;
                    eprintln!("quotegraph: {}", self.status_line());
                }
            }
        }
    }

    /// Prints a message on standard error without breaking the bar (errors are never quiet).
    pub(super) fn message(&self, line: &str) {
        match &self.display {
            Display::Bar(bar, _) => bar.suspend(|| eprintln!("{line}")),
            _ => eprintln!("{line}"),
        }
    }

    /// Number of error records written.
    pub(super) fn failed(&self) -> usize {
        self.failed.load(Ordering::Relaxed)
    }

    /// Ends the bar and prints the summary line (unless quiet).
    pub(super) fn finish(&self) {
        if let Display::Bar(bar, _) = &self.display {
            bar.finish_and_clear();
        }
        if matches!(self.display, Display::Quiet) {
            return;
        }
        let ok = self.ok.load(Ordering::Relaxed);
        let failed = self.failed();
        let skipped = self.skipped.load(Ordering::Relaxed);
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = (ok + failed) as f64 / seconds.max(1e-9);
        let skipped = if skipped > 0 {
            format!(", {skipped} skipped (already in the output)")
        } else {
            String::new()
        };
        let documents = if ok == 1 { "document" } else { "documents" };
        eprintln!(
            "quotegraph: {ok} {documents} ok, {failed} failed{skipped} in {seconds:.1} s ({rate:.1} docs/s)"
        );
    }

    /// `done/total documents (N failed), R docs/s, ETA S s` for plain progress lines.
    fn status_line(&self) -> String {
        let done = self.ok.load(Ordering::Relaxed) + self.failed();
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / seconds;
        let total = self.total.load(Ordering::Relaxed);
        let failed = self.failed();
        if total == 0 {
            return format!("{done} documents ({failed} failed), {rate:.1} docs/s");
        }
        let eta = total.saturating_sub(done) as f64 / rate.max(1e-9);
        format!("{done}/{total} documents ({failed} failed), {rate:.1} docs/s, ETA {eta:.0} s")
    }
}

/// A bar style from `template`, with `{rate}` as documents per second to one decimal and
/// `{windows}` as `, windows D/T` while a tagging call of many windows is in flight.
fn style(template: &str, windows: &WindowProgress) -> ProgressStyle {
    let windows = windows.clone();
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} docs/s", state.per_sec());
            },
        )
        .with_key(
            "windows",
            move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", windows_shown(windows.get()));
            },
        )
}

/// `, windows D/T` for a call of at least [`MIN_WINDOWS_SHOWN`] windows still running, else
/// nothing.
fn windows_shown((done, total): (usize, usize)) -> String {
    if total >= MIN_WINDOWS_SHOWN && done < total {
        format!(", windows {done}/{total}")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_long_tagging_calls_in_flight_show_their_windows() {
        assert_eq!(windows_shown((120, 900)), ", windows 120/900");
        assert_eq!(windows_shown((0, 900)), ", windows 0/900");
        assert_eq!(windows_shown((900, 900)), "");
        assert_eq!(windows_shown((3, 10)), "");
        assert_eq!(windows_shown((0, 0)), "");
    }
}
