//! The progress bar on stderr: files (or records) done, MB/s and ETA.
//!
//! It appears only when stderr is a terminal, `--quiet` is not given, no
//! `CI` variable is set, and the work has already taken a second, so that
//! quick runs and CI logs never see it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long the work runs before the bar shows.
const DELAY: Duration = Duration::from_secs(1);

/// Progress over a number of items (files or records) and bytes.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    shown: bool,
    start: Instant,
    bytes: u64,
}

impl Progress {
    /// Progress over `total` items (`None`: unknown, as for a stream);
    /// `what` names them (`files`, `records`).
    pub fn new(total: Option<u64>, what: &str, quiet: bool) -> Progress {
        let wanted = !quiet
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none_or(|v| v.is_empty());
        let bar = wanted.then(|| {
            let bar = match total {
                Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden()),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            };
            let template = if total.is_some() {
                format!("{{bar:30}} {{pos}}/{{len}} {what}, {{msg}}, ETA {{eta}}")
            } else {
                format!("{{spinner}} {{pos}} {what}, {{msg}}")
            };
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            shown: false,
            start: Instant::now(),
            bytes: 0,
        }
    }

    /// Counts `items` more done, holding `bytes` bytes.
    pub fn advance(&mut self, items: u64, bytes: u64) {
        self.bytes += bytes;
        let Some(bar) = &self.bar else { return };
        bar.inc(items);
        let elapsed = self.start.elapsed();
        if !self.shown && elapsed >= DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        if self.shown {
            let rate = self.bytes as f64 / elapsed.as_secs_f64().max(1e-9) / 1e6;
            bar.set_message(format!("{rate:.1} MB/s"));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
