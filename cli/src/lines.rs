//! `check --jsonl`: one JSON document per line in, in input order out, in
//! bounded time and memory for any input and any `--jobs`:
//!
//! - a line is kept only up to the size limit; a longer one is read on and
//!   dropped to its newline, then reported as too large; a "line" that runs
//!   [`SKIP_MAX`] bytes past the limit without a newline (`/dev/zero`, a
//!   binary file) is reported and ends the run with exit status 2;
//! - with `--jobs N`, batches of lines are judged on N threads and printed
//!   in order by one writer; what is in flight (read, judged or waiting to
//!   be printed) is bounded by count ([`PERMITS_PER_JOB`] batches per job)
//!   and by bytes ([`IN_FLIGHT_BYTES`]), so a slow reader of the output
//!   only slows the checking down.

use crate::cmd::check::Single;
use crate::output::{self, Style};
use crate::progress::Progress;
use crate::{Fatal, input};
use idpool::Code;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// Lines per batch handed to a worker, at most.
const BATCH_LINES: usize = 256;
/// Bytes of input per batch, at most (a longer line is a batch of its own).
const BATCH_BYTES: usize = 1 << 20;
/// Batches in flight per worker, at most.
const PERMITS_PER_JOB: usize = 4;
/// Bytes in flight at most (input of the batches not yet printed, and the
/// text of those judged), unless a single batch is larger: then it is alone.
const IN_FLIGHT_BYTES: usize = 16 << 20;
/// How far past the size limit an over-long line is read before the input
/// is judged not to be JSON Lines at all.
pub const SKIP_MAX: usize = 64 << 20;
/// What each document counts for in the byte budget besides its bytes
/// (the bookkeeping of a short line).
const PER_DOCUMENT: usize = 64;
/// How many most frequent codes the summary names.
const SUMMARY_CODES: usize = 5;

/// How to print.
pub struct LineOptions {
    /// One Report per line as JSON, or text.
    pub json: bool,
    /// Only invalid documents; no summary, no progress bar.
    pub quiet: bool,
    /// Threads that judge (1: the calling thread alone).
    pub jobs: usize,
    /// Colours of the text.
    pub style: Style,
}

/// One input line's content.
enum Document {
    /// The line, without its `\n` or `\r\n`.
    Line(Vec<u8>),
    /// Longer than the limit: skipped, with the number of bytes it had (at
    /// least; a runaway line was not read to its end).
    TooLong(usize),
}

/// A judged line: whether it was valid, its error codes, and the text to
/// print (empty when nothing is printed for it).
struct Judged {
    ok: bool,
    codes: Vec<Code>,
    text: String,
}

/// Counts for the closing summary.
#[derive(Default)]
struct Tally {
    checked: u64,
    invalid: u64,
    codes: HashMap<Code, u64>,
}

impl Tally {
    fn add(&mut self, judged: &Judged) {
        self.checked += 1;
        if !judged.ok {
            self.invalid += 1;
        }
        for code in &judged.codes {
            *self.codes.entry(*code).or_default() += 1;
        }
    }

    /// `N checked, M invalid (most frequent: pattern 428, syntax 12)`.
    fn summary(&self) -> String {
        let mut line = format!("{} checked, {} invalid", self.checked, self.invalid);
        let mut codes: Vec<(&Code, &u64)> = self.codes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.as_str().cmp(b.0.as_str())));
        if !codes.is_empty() {
            let named: Vec<String> = codes
                .iter()
                .take(SUMMARY_CODES)
                .map(|(code, n)| format!("{} {n}", code.as_str()))
                .collect();
            line.push_str(&format!(" (most frequent: {})", named.join(", ")));
        }
        line.push('\n');
        line
    }
}

/// Check every line of `file` and print the results, in order.
///
/// An input without any document (empty, or only blank lines) is an
/// invalid input, as an empty document is for plain `check`: exit 1.
pub fn check_lines(checker: &Single, file: &str, options: &LineOptions) -> Result<ExitCode, Fatal> {
    let reader = BufReader::with_capacity(1 << 16, input::open(file)?);
    let progress = if options.quiet {
        None
    } else {
        Progress::for_file(file)
    };
    let documents = Documents {
        reader,
        limit: checker.checker.limits().max_input_bytes,
        number: 0,
        consumed: 0,
        file: file.to_string(),
        stop: None,
        progress: progress.clone(),
    };
    let out = progress.as_ref().map_or_else(
        || Output::Plain(io::stdout()),
        |p| Output::Suspended(io::stdout(), p.clone()),
    );
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let tally = if options.jobs <= 1 {
        sequential(checker, documents, options, &mut out)
    } else {
        parallel(checker, documents, options, &mut out)
    };
    if let Some(progress) = &progress {
        progress.finish();
    }
    let tally = tally?;
    if !options.json && !options.quiet {
        output::write_all(&mut out, tally.summary().as_bytes())?;
    }
    output::flush(&mut out)?;
    if tally.checked == 0 {
        // No document at all is an invalid input, as an empty document is
        // for plain `check`: exit 1, not 2.
        output::saw_invalid();
        let _ = writeln!(
            io::stderr(),
            "idpool: {}: no documents: the input is empty or holds only blank lines",
            crate::terminal::escape(file)
        );
        return Ok(ExitCode::from(1));
    }
    Ok(crate::status(tally.invalid == 0))
}

/// Standard output, written around the progress bar when there is one.
enum Output {
    Plain(io::Stdout),
    Suspended(io::Stdout, Progress),
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Plain(out) => out.write(buf),
            Output::Suspended(out, progress) => progress.suspend(|| {
                let mut out = out.lock();
                out.write_all(buf)?;
                out.flush()?;
                Ok(buf.len())
            }),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Plain(out) => out.flush(),
            Output::Suspended(out, _) => out.flush(),
        }
    }
}

fn judge(checker: &Single, number: u64, document: &Document, options: &LineOptions) -> Judged {
    let report = match document {
        Document::Line(bytes) => checker.check(bytes),
        Document::TooLong(seen) => checker.checker.too_large(checker.target, *seen),
    };
    if !report.ok {
        output::saw_invalid();
    }
    let shown = !(options.quiet && report.ok);
    let text = match (shown, options.json) {
        (false, _) => String::new(),
        (true, true) => report.to_json() + "\n",
        (true, false) => match report.errors.first() {
            None => String::new(),
            Some(first) => {
                let more = match report.errors.len() - 1 {
                    0 => String::new(),
                    1 => " (+1 more error)".to_string(),
                    n => format!(" (+{n} more errors)"),
                };
                let path = if first.path.is_empty() {
                    "(input)"
                } else {
                    first.path.as_str()
                };
                let style = options.style;
                format!(
                    "line {number}: {} {}{more}\n",
                    style.red(&format!("error[{}]", first.code)),
                    style.bold(&crate::terminal::escape(path)),
                )
            }
        },
    };
    Judged {
        ok: report.ok,
        codes: report.errors.iter().map(|e| e.code).collect(),
        text,
    }
}

/// Reads documents, skipping blank lines, numbering every line.
struct Documents<R> {
    reader: R,
    limit: usize,
    number: u64,
    /// Bytes read so far (for the progress bar).
    consumed: u64,
    file: String,
    /// Set after a runaway line: the error to end with.
    stop: Option<String>,
    progress: Option<Progress>,
}

impl<R: BufRead> Documents<R> {
    fn next(&mut self) -> Result<Option<(u64, Document)>, Fatal> {
        if let Some(message) = self.stop.take() {
            return Err(Fatal(message));
        }
        loop {
            let mut line = Vec::new();
            let status = read_line_bounded(&mut self.reader, &mut line, self.limit)
                .map_err(|e| Fatal(format!("{}: {e}", self.file)))?;
            if let Some(progress) = &self.progress {
                progress.update(self.consumed, self.number);
            }
            match status {
                LineStatus::End => return Ok(None),
                LineStatus::Line(read) => {
                    self.number += 1;
                    self.consumed += read as u64;
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        return Ok(Some((self.number, Document::Line(line))));
                    }
                }
                LineStatus::TooLong(seen) => {
                    self.number += 1;
                    self.consumed += seen as u64;
                    return Ok(Some((self.number, Document::TooLong(seen))));
                }
                LineStatus::Runaway(seen) => {
                    self.number += 1;
                    self.consumed += seen as u64;
                    self.stop = Some(format!(
                        "{}: line {}: no newline within {seen} bytes; stopped (is this JSON Lines?)",
                        self.file, self.number
                    ));
                    return Ok(Some((self.number, Document::TooLong(seen))));
                }
            }
        }
    }
}

fn sequential(
    checker: &Single,
    mut documents: Documents<impl BufRead>,
    options: &LineOptions,
    out: &mut impl Write,
) -> Result<Tally, Fatal> {
    let mut tally = Tally::default();
    while let Some((number, document)) = documents.next()? {
        let judged = judge(checker, number, &document, options);
        tally.add(&judged);
        output::write_all(out, judged.text.as_bytes())?;
    }
    Ok(tally)
}

/// Bytes in flight, shared by the reader (which waits for room), the
/// workers and the writer (which frees it).
struct Budget {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Budget {
    fn new() -> Budget {
        Budget {
            state: Mutex::new((0, false)),
            freed: Condvar::new(),
        }
    }

    /// Wait until `n` more bytes fit (or nothing is in flight); false when
    /// the writer has stopped.
    fn acquire(&self, n: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !state.1 && state.0 > 0 && state.0.saturating_add(n) > IN_FLIGHT_BYTES {
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.0 = state.0.saturating_add(n);
        !state.1
    }

    /// Count `n` more bytes without waiting (text judged, to be printed).
    fn add(&self, n: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.0 = state.0.saturating_add(n);
    }

    fn release(&self, n: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.0 = state.0.saturating_sub(n);
        self.freed.notify_all();
    }

    /// The writer has stopped: nobody will free anything any more.
    fn close(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1 = true;
        self.freed.notify_all();
    }
}

/// Closes the budget when the writer ends, however it ends.
struct CloseOnDrop<'a>(&'a Budget);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// `jobs` workers judge batches of lines; one writer prints them in input
/// order. A batch is read only once a permit is free and sent only once its
/// bytes fit in the budget; both come back when its text is printed.
fn parallel(
    checker: &Single,
    mut documents: Documents<impl BufRead>,
    options: &LineOptions,
    out: &mut (impl Write + Send),
) -> Result<Tally, Fatal> {
    /// A batch: its sequence number, its bytes in the budget, its lines.
    type Batch = (usize, usize, Vec<(u64, Document)>);
    /// A judged batch: sequence number, bytes in the budget, results.
    type Done = (usize, usize, Vec<Judged>);
    let jobs = options.jobs;
    let permits = jobs * PERMITS_PER_JOB;
    let (work_tx, work_rx) = sync_channel::<Batch>(permits);
    let work_rx: Arc<Mutex<Receiver<Batch>>> = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(permits);
    let (permit_tx, permit_rx) = sync_channel::<()>(permits);
    for _ in 0..permits {
        if permit_tx.send(()).is_err() {
            break;
        }
    }
    let budget = Budget::new();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let budget = &budget;
            scope.spawn(move || {
                loop {
                    let next = work_rx
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok((sequence, bytes, batch)) = next else {
                        break;
                    };
                    let judged: Vec<Judged> = batch
                        .iter()
                        .map(|(number, document)| judge(checker, *number, document, options))
                        .collect();
                    drop(batch);
                    let text: usize = judged.iter().map(|j| j.text.len()).sum();
                    budget.add(text);
                    if done_tx.send((sequence, bytes + text, judged)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let budget_ref = &budget;
        let writer = scope.spawn(move || -> Result<Tally, Fatal> {
            let _close = CloseOnDrop(budget_ref);
            let mut tally = Tally::default();
            let mut pending: BTreeMap<usize, (usize, Vec<Judged>)> = BTreeMap::new();
            let mut next = 0usize;
            for (sequence, bytes, judged) in done_rx {
                pending.insert(sequence, (bytes, judged));
                while let Some((bytes, batch)) = pending.remove(&next) {
                    for judged in batch {
                        tally.add(&judged);
                        output::write_all(out, judged.text.as_bytes())?;
                    }
                    next += 1;
                    budget_ref.release(bytes);
                    // The reader may be gone after the last batch.
                    let _ = permit_tx.send(());
                }
            }
            Ok(tally)
        });
        let mut sequence = 0usize;
        let read = (|| -> Result<(), Fatal> {
            loop {
                if permit_rx.recv().is_err() {
                    return Ok(()); // the writer stopped (an error it reports)
                }
                let mut batch = Vec::new();
                let mut bytes = 0usize;
                while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
                    let Some((number, document)) = documents.next()? else {
                        break;
                    };
                    bytes += PER_DOCUMENT
                        + match &document {
                            Document::Line(line) => line.len(),
                            Document::TooLong(_) => 0,
                        };
                    batch.push((number, document));
                    if documents.stop.is_some() {
                        break;
                    }
                }
                if batch.is_empty() {
                    return Ok(());
                }
                if !budget.acquire(bytes) || work_tx.send((sequence, bytes, batch)).is_err() {
                    return Ok(());
                }
                sequence += 1;
            }
        })();
        drop(work_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Fatal("the output thread failed".into())));
        // Print what was read before an input error, then report it.
        written.and_then(|tally| read.map(|()| tally))
    })
}

enum LineStatus {
    End,
    /// A line within the limit; how many bytes were read (newline included).
    Line(usize),
    /// The line was longer than the limit and was skipped; how many bytes
    /// it had (newline excluded).
    TooLong(usize),
    /// No newline within the limit plus [`SKIP_MAX`] bytes: reading stopped.
    Runaway(usize),
}

/// Read one line (without its `\n` or `\r\n`) into `line`, keeping at most
/// `limit + 1` bytes; the rest of an over-long line is read and dropped, up
/// to [`SKIP_MAX`] bytes past the limit.
fn read_line_bounded(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<LineStatus> {
    let give_up = limit.saturating_add(SKIP_MAX);
    let mut seen = 0usize;
    let mut any = false;
    let mut newline = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            break;
        }
        any = true;
        let (chunk, found_newline) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..i], true),
            None => (buffer, false),
        };
        let room = (limit + 1).saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        seen = seen.saturating_add(chunk.len());
        let consumed = chunk.len() + usize::from(found_newline);
        reader.consume(consumed);
        if found_newline {
            newline = true;
            break;
        }
        if seen > give_up {
            return Ok(LineStatus::Runaway(seen));
        }
    }
    if !any {
        return Ok(LineStatus::End);
    }
    let read = seen + usize::from(newline);
    if seen <= limit + 1 && line.last() == Some(&b'\r') {
        line.pop();
        seen -= 1;
    }
    Ok(if seen > limit {
        line.clear();
        LineStatus::TooLong(seen)
    } else {
        LineStatus::Line(read)
    })
}

#[cfg(test)]
mod tests {
    use super::{LineStatus, SKIP_MAX, read_line_bounded};
    use std::io::{BufReader, Read};

    fn statuses(input: &[u8], limit: usize) -> Vec<(String, Vec<u8>)> {
        let mut reader = BufReader::with_capacity(7, input);
        let mut out = Vec::new();
        loop {
            let mut line = Vec::new();
            let status = read_line_bounded(&mut reader, &mut line, limit).unwrap();
            let name = match status {
                LineStatus::End => break,
                LineStatus::Line(n) => format!("line {n}"),
                LineStatus::TooLong(n) => format!("too long {n}"),
                LineStatus::Runaway(n) => format!("runaway {n}"),
            };
            out.push((name, line));
        }
        out
    }

    #[test]
    fn lines_are_cut_at_the_limit_and_crlf_is_one_newline() {
        let got = statuses(b"abc\r\nabcdef\nxy\r\n1234\r\nlast", 4);
        let want: Vec<(String, Vec<u8>)> = vec![
            ("line 5".into(), b"abc".to_vec()),
            ("too long 6".into(), vec![]),
            ("line 4".into(), b"xy".to_vec()),
            ("line 6".into(), b"1234".to_vec()),
            ("line 4".into(), b"last".to_vec()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_line_without_end_stops_in_bounded_memory() {
        let mut reader = BufReader::new(std::io::repeat(b'x').take(u64::MAX));
        let mut line = Vec::new();
        let status = read_line_bounded(&mut reader, &mut line, 10).unwrap();
        assert!(
            matches!(status, LineStatus::Runaway(n) if n > SKIP_MAX && n < SKIP_MAX + (1 << 17))
        );
        assert!(line.len() <= 11);
    }
}
