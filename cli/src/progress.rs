//! The progress bar of `check --jsonl FILE`: on standard error, only when
//! it is a terminal and the input is a regular file (whose size gives the
//! time left); it is cleared when the work is done.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The bar on screen, if any: [`clear`] erases it when the process must
/// end at once (a closed output pipe).
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Erase the bar on screen, if there is one.
pub fn clear() {
    let shown = SHOWN.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(bar) = shown {
        bar.finish_and_clear();
    }
}

/// Lines and bytes read so far of a file of known size.
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
}

const TEMPLATE: &str =
    "{spinner} [{bar:20}] {bytes}/{total_bytes} {msg} {binary_bytes_per_sec} {eta} left";

impl Progress {
    /// A bar for reading `file`, or `None` when there should be none
    /// (standard input, not a regular file, standard error not a terminal).
    pub fn for_file(file: &str) -> Option<Progress> {
        if file == "-" || !std::io::stderr().is_terminal() {
            return None;
        }
        let metadata = std::fs::metadata(file).ok()?;
        if !metadata.is_file() {
            return None;
        }
        let style = ProgressStyle::with_template(TEMPLATE)
            .ok()?
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(
            Some(metadata.len()),
            ProgressDrawTarget::stderr_with_hz(10),
        )
        .with_style(style)
        .with_message("0 lines");
        bar.enable_steady_tick(Duration::from_millis(200));
        *SHOWN.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar.clone());
        Some(Progress { bar })
    }

    /// `bytes` read, `lines` counted.
    pub fn update(&self, bytes: u64, lines: u64) {
        self.bar.set_position(bytes);
        if lines.is_multiple_of(64) {
            self.bar.set_message(format!("{lines} lines"));
        }
    }

    /// Run `write` with the bar hidden, so printed lines do not mix with it.
    pub fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        self.bar.suspend(write)
    }

    /// Clear the bar: it leaves nothing behind.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
        SHOWN.lock().unwrap_or_else(PoisonError::into_inner).take();
    }
}
