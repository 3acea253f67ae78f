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
//!
//! What this module adds to each check is kept small, since a typical pool
//! is checked in a few microseconds: lines are found with `memchr` and
//! copied into buffers that are reused (a batch's lines lie back to back in
//! one buffer); what is printed is appended to one text buffer per batch
//! (or, on one thread, to one buffer that goes out in [`OUTPUT_CHUNK`]
//! pieces), so standard output sees one write call per piece, not per line;
//! the summary's counts are kept per batch and added up by the writer.

use crate::cmd::check::Single;
use crate::output::{self, Style};
use crate::progress::Progress;
use crate::{Fatal, input};
use idpool::{Code, Report};
use std::collections::BTreeMap;
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
/// On one thread, text is written to standard output once this much has
/// gathered (and at the end).
const OUTPUT_CHUNK: usize = 64 << 10;
/// Capacity of the buffers kept for reuse between batches, in total, at
/// most: buffers beyond it are freed, so one batch of huge lines does not
/// leave its memory behind.
const SPARE_BYTES: usize = 4 << 20;

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

/// One input line's content, in the buffer it was read into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Document {
    /// The line, without its `\n` or `\r\n`: `buffer[start..end]`.
    Line { start: usize, end: usize },
    /// Longer than the limit: skipped, with the number of bytes it had (at
    /// least; a runaway line was not read to its end).
    TooLong(usize),
}

/// Counts for the closing summary.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    checked: u64,
    invalid: u64,
    /// How many errors of each code, in order of first appearance (a few
    /// dozen codes at most: a list is quicker than a hash map here).
    codes: Vec<(Code, u64)>,
}

impl Tally {
    fn add(&mut self, report: &Report) {
        self.checked += 1;
        if !report.ok {
            self.invalid += 1;
        }
        for issue in &report.errors {
            self.count(issue.code, 1);
        }
    }

    fn count(&mut self, code: Code, n: u64) {
        match self.codes.iter_mut().find(|(c, _)| *c == code) {
            Some((_, total)) => *total += n,
            None => self.codes.push((code, n)),
        }
    }

    /// Add the counts of another part of the input.
    fn merge(&mut self, other: &Tally) {
        self.checked += other.checked;
        self.invalid += other.invalid;
        for &(code, n) in &other.codes {
            self.count(code, n);
        }
    }

    /// `N checked, M invalid (most frequent: pattern 428, syntax 12)`.
    fn summary(&self) -> String {
        let mut line = format!("{} checked, {} invalid", self.checked, self.invalid);
        let mut codes: Vec<&(Code, u64)> = self.codes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_str().cmp(b.0.as_str())));
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
    // No BufWriter: both paths below gather their text in large pieces.
    let mut out = progress.as_ref().map_or_else(
        || Output::Plain(io::stdout()),
        |p| Output::Suspended(io::stdout(), p.clone()),
    );
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
/// Each write locks standard output once: writes come in large pieces.
enum Output {
    Plain(io::Stdout),
    Suspended(io::Stdout, Progress),
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Plain(out) => out.lock().write(buf),
            Output::Suspended(out, progress) => progress.suspend(|| {
                let mut out = out.lock();
                out.write_all(buf)?;
                out.flush()?;
                Ok(buf.len())
            }),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Plain(out) => out.lock().write_all(buf),
            Output::Suspended(..) => {
                // `write` above writes all of `buf` or fails.
                self.write(buf).map(|_| ())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Plain(out) => out.flush(),
            Output::Suspended(out, _) => out.flush(),
        }
    }
}

/// Judge one document (in `buffer`, where it was read) and append what is
/// printed for it to `text`; count it in `tally`.
fn judge(
    checker: &Single,
    number: u64,
    buffer: &[u8],
    document: Document,
    options: &LineOptions,
    text: &mut Vec<u8>,
    tally: &mut Tally,
) {
    let report = match document {
        Document::Line { start, end } => checker.check(&buffer[start..end]),
        Document::TooLong(seen) => checker.checker.too_large(checker.target, seen),
    };
    if !report.ok {
        output::saw_invalid();
    }
    tally.add(&report);
    if options.quiet && report.ok {
        return;
    }
    if options.json {
        text.extend_from_slice(report.to_json().as_bytes());
        text.push(b'\n');
        return;
    }
    let Some(first) = report.errors.first() else {
        return;
    };
    let path = if first.path.is_empty() {
        "(input)"
    } else {
        first.path.as_str()
    };
    let style = options.style;
    // Writing to a Vec cannot fail.
    let _ = write!(
        text,
        "line {number}: {} {}",
        style.red(&format!("error[{}]", first.code)),
        style.bold(&crate::terminal::escape(path)),
    );
    let _ = match report.errors.len() - 1 {
        0 => Ok(()),
        1 => text.write_all(b" (+1 more error)"),
        n => write!(text, " (+{n} more errors)"),
    };
    text.push(b'\n');
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
    /// The next document; its line, if any, is appended to `buffer`.
    fn next(&mut self, buffer: &mut Vec<u8>) -> Result<Option<(u64, Document)>, Fatal> {
        if let Some(message) = self.stop.take() {
            return Err(Fatal(message));
        }
        loop {
            let start = buffer.len();
            let status = read_line_bounded(&mut self.reader, buffer, self.limit)
                .map_err(|e| Fatal(format!("{}: {e}", self.file)))?;
            if let Some(progress) = &self.progress {
                progress.update(self.consumed, self.number);
            }
            match status {
                LineStatus::End => return Ok(None),
                LineStatus::Line(read) => {
                    self.number += 1;
                    self.consumed += read as u64;
                    if buffer[start..].iter().all(u8::is_ascii_whitespace) {
                        buffer.truncate(start);
                    } else {
                        let end = buffer.len();
                        return Ok(Some((self.number, Document::Line { start, end })));
                    }
                }
                LineStatus::TooLong { seen, read } => {
                    self.number += 1;
                    self.consumed += read as u64;
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

/// One thread reads, judges and prints, with one line buffer and one text
/// buffer for the whole run.
fn sequential(
    checker: &Single,
    mut documents: Documents<impl BufRead>,
    options: &LineOptions,
    out: &mut impl Write,
) -> Result<Tally, Fatal> {
    let mut tally = Tally::default();
    let mut line = Vec::new();
    let mut text = Vec::with_capacity(OUTPUT_CHUNK * 2);
    let read = loop {
        line.clear();
        match documents.next(&mut line) {
            Ok(Some((number, document))) => {
                judge(
                    checker, number, &line, document, options, &mut text, &mut tally,
                );
                if text.len() >= OUTPUT_CHUNK {
                    output::write_all(out, &text)?;
                    text.clear();
                    // After one huge report, do not keep its memory.
                    text.shrink_to(OUTPUT_CHUNK * 2);
                }
            }
            Ok(None) => break Ok(()),
            Err(error) => break Err(error),
        }
    };
    // Print what was read before an input error, then report it.
    output::write_all(out, &text)?;
    read.map(|()| tally)
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

/// Buffers of batches already printed, kept for the next ones, up to
/// [`SPARE_BYTES`] of capacity in all: in a steady run no batch allocates.
struct Spare {
    /// The buffers, and the sum of their capacities.
    kept: Mutex<(Vec<Vec<u8>>, usize)>,
}

impl Spare {
    fn new() -> Spare {
        Spare {
            kept: Mutex::new((Vec::new(), 0)),
        }
    }

    /// An empty buffer, reused when one is kept.
    fn take(&self) -> Vec<u8> {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let buffer = kept.0.pop().unwrap_or_default();
        kept.1 -= buffer.capacity();
        buffer
    }

    /// Keep `buffer` for reuse if it fits, else free it.
    fn give(&self, mut buffer: Vec<u8>) {
        buffer.clear();
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.1 + buffer.capacity() <= SPARE_BYTES {
            kept.1 += buffer.capacity();
            kept.0.push(buffer);
        }
    }
}

/// Lines read, for a worker: their bytes back to back and where each is.
struct Batch {
    sequence: usize,
    /// What the batch counts for in the budget.
    cost: usize,
    bytes: Vec<u8>,
    documents: Vec<(u64, Document)>,
}

/// A judged batch, for the writer: its text and counts.
struct Judged {
    sequence: usize,
    /// What the batch counts for in the budget, its text included.
    cost: usize,
    text: Vec<u8>,
    tally: Tally,
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
    let jobs = options.jobs;
    let permits = jobs * PERMITS_PER_JOB;
    let (work_tx, work_rx) = sync_channel::<Batch>(permits);
    let work_rx: Arc<Mutex<Receiver<Batch>>> = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Judged>(permits);
    let (permit_tx, permit_rx) = sync_channel::<()>(permits);
    for _ in 0..permits {
        if permit_tx.send(()).is_err() {
            break;
        }
    }
    let budget = Budget::new();
    let spare = Spare::new();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let (budget, spare) = (&budget, &spare);
            scope.spawn(move || {
                loop {
                    let next = work_rx
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok(batch) = next else {
                        break;
                    };
                    let mut text = spare.take();
                    let mut tally = Tally::default();
                    for &(number, document) in &batch.documents {
                        judge(
                            checker,
                            number,
                            &batch.bytes,
                            document,
                            options,
                            &mut text,
                            &mut tally,
                        );
                    }
                    spare.give(batch.bytes);
                    budget.add(text.len());
                    let judged = Judged {
                        sequence: batch.sequence,
                        cost: batch.cost + text.len(),
                        text,
                        tally,
                    };
                    if done_tx.send(judged).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let (budget_ref, spare_ref) = (&budget, &spare);
        let writer = scope.spawn(move || -> Result<Tally, Fatal> {
            let _close = CloseOnDrop(budget_ref);
            let mut tally = Tally::default();
            let mut pending: BTreeMap<usize, Judged> = BTreeMap::new();
            let mut next = 0usize;
            for judged in done_rx {
                pending.insert(judged.sequence, judged);
                while let Some(judged) = pending.remove(&next) {
                    tally.merge(&judged.tally);
                    if !judged.text.is_empty() {
                        output::write_all(out, &judged.text)?;
                    }
                    next += 1;
                    budget_ref.release(judged.cost);
                    spare_ref.give(judged.text);
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
                let mut bytes = spare.take();
                let mut lines = Vec::with_capacity(BATCH_LINES);
                let mut cost = 0usize;
                let mut failed = None;
                while lines.len() < BATCH_LINES && cost < BATCH_BYTES {
                    let (number, document) = match documents.next(&mut bytes) {
                        Ok(Some(next)) => next,
                        Ok(None) => break,
                        Err(error) => {
                            failed = Some(error);
                            break;
                        }
                    };
                    cost += PER_DOCUMENT
                        + match document {
                            Document::Line { start, end } => end - start,
                            Document::TooLong(_) => 0,
                        };
                    lines.push((number, document));
                    if documents.stop.is_some() {
                        break;
                    }
                }
                if lines.is_empty() {
                    return failed.map_or(Ok(()), Err);
                }
                let batch = Batch {
                    sequence,
                    cost,
                    bytes,
                    documents: lines,
                };
                if !budget.acquire(cost) || work_tx.send(batch).is_err() {
                    return Ok(());
                }
                sequence += 1;
                // What was read before an input error is judged and printed
                // first (the writer prints every batch sent).
                if let Some(error) = failed {
                    return Err(error);
                }
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
    /// The line was longer than the limit and was skipped: how many bytes
    /// it had (newline excluded) and how many were read (newline included).
    TooLong {
        seen: usize,
        read: usize,
    },
    /// No newline within the limit plus [`SKIP_MAX`] bytes: reading stopped.
    Runaway(usize),
}

/// Read one line (without its `\n` or `\r\n`) and append it to `buffer`,
/// keeping at most `limit + 1` bytes of it; the rest of an over-long line
/// is read and dropped, up to [`SKIP_MAX`] bytes past the limit. Unless the
/// status is [`LineStatus::Line`], `buffer` is left as it was.
fn read_line_bounded(
    reader: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> io::Result<LineStatus> {
    let start = buffer.len();
    let give_up = limit.saturating_add(SKIP_MAX);
    let mut seen = 0usize;
    let mut any = false;
    let mut newline = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                buffer.truncate(start);
                return Err(e);
            }
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found_newline) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        let room = (limit + 1).saturating_sub(buffer.len() - start);
        buffer.extend_from_slice(&chunk[..chunk.len().min(room)]);
        seen = seen.saturating_add(chunk.len());
        let consumed = chunk.len() + usize::from(found_newline);
        reader.consume(consumed);
        if found_newline {
            newline = true;
            break;
        }
        if seen > give_up {
            buffer.truncate(start);
            return Ok(LineStatus::Runaway(seen));
        }
    }
    if !any {
        return Ok(LineStatus::End);
    }
    let read = seen + usize::from(newline);
    if seen <= limit + 1 && buffer.len() > start && buffer.last() == Some(&b'\r') {
        buffer.pop();
        seen -= 1;
    }
    Ok(if seen > limit {
        buffer.truncate(start);
        LineStatus::TooLong { seen, read }
    } else {
        LineStatus::Line(read)
    })
}

#[cfg(test)]
mod tests {
    use super::{Document, Documents, LineStatus, SKIP_MAX, Tally, read_line_bounded};
    use idpool::Code;
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
                LineStatus::TooLong { seen, read } => format!("too long {seen} of {read}"),
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
            ("too long 6 of 7".into(), vec![]),
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
        assert!(line.is_empty());
    }

    #[test]
    fn lines_are_appended_after_what_the_buffer_holds() {
        // The line "ab\r" (one `\r` of "ab\r\r\n" is its newline's) keeps
        // its `\r` when an empty line follows, and a skipped line leaves the
        // buffer as it was.
        let mut reader = BufReader::with_capacity(3, &b"ab\r\r\n\ntoo long\ncd\n"[..]);
        let mut buffer = Vec::new();
        let mut ends = Vec::new();
        for _ in 0..5 {
            let status = read_line_bounded(&mut reader, &mut buffer, 4).unwrap();
            ends.push((buffer.len(), matches!(status, LineStatus::Line(_))));
        }
        assert_eq!(buffer, b"ab\rcd");
        assert_eq!(
            ends,
            [(3, true), (3, true), (3, false), (5, true), (5, false)]
        );
    }

    #[test]
    fn documents_of_a_batch_lie_back_to_back_and_blank_lines_are_skipped() {
        let input = &b"{\"a\":1}\n  \r\n\n[2]\r\n{\"too\":\"long\"}\n3"[..];
        let mut documents = Documents {
            reader: BufReader::with_capacity(5, input),
            limit: 8,
            number: 0,
            consumed: 0,
            file: "input".to_string(),
            stop: None,
            progress: None,
        };
        let mut buffer = Vec::new();
        let mut got = Vec::new();
        while let Some(next) = documents.next(&mut buffer).unwrap() {
            got.push(next);
        }
        assert_eq!(
            got,
            [
                (1, Document::Line { start: 0, end: 7 }),
                (4, Document::Line { start: 7, end: 10 }),
                (5, Document::TooLong(14)),
                (6, Document::Line { start: 10, end: 11 }),
            ]
        );
        assert_eq!(buffer, b"{\"a\":1}[2]3");
        assert_eq!(documents.consumed, input.len() as u64);
    }

    /// What `Documents` should give for `input`, by a plain split: each
    /// line numbered, blank ones skipped, `\r` before `\n` dropped, a line
    /// over `limit` bytes as too long (with its length, `\r` included
    /// unless dropping it brings the line within the limit).
    fn expected(input: &[u8], limit: usize) -> Vec<(u64, Result<Vec<u8>, usize>)> {
        let mut pieces: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
        if input.is_empty() || input.ends_with(b"\n") {
            pieces.pop();
        }
        let mut out = Vec::new();
        for (i, piece) in pieces.into_iter().enumerate() {
            let mut line = piece;
            if line.len() <= limit + 1 && line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            let number = i as u64 + 1;
            if line.len() > limit {
                out.push((number, Err(line.len())));
            } else if !line.iter().all(u8::is_ascii_whitespace) {
                out.push((number, Ok(line.to_vec())));
            }
        }
        out
    }

    #[test]
    fn documents_match_a_plain_split_for_any_input_and_buffer_size() {
        // Inputs of the bytes that matter, cut at every kind of place by
        // small read buffers, against small limits.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..4000 {
            let len = random(48) as usize;
            let input: Vec<u8> = (0..len)
                .map(|_| b"a{ \r\n\n\t"[random(7) as usize])
                .collect();
            let limit = 1 + random(8) as usize;
            let capacity = 1 + random(9) as usize;
            let mut documents = Documents {
                reader: BufReader::with_capacity(capacity, &input[..]),
                limit,
                number: 0,
                consumed: 0,
                file: "input".to_string(),
                stop: None,
                progress: None,
            };
            let mut buffer = b"before".to_vec();
            let mut got = Vec::new();
            while let Some((number, document)) = documents.next(&mut buffer).unwrap() {
                got.push(match document {
                    Document::Line { start, end } => (number, Ok(buffer[start..end].to_vec())),
                    Document::TooLong(seen) => (number, Err(seen)),
                });
            }
            assert_eq!(
                got,
                expected(&input, limit),
                "input {:?}, limit {limit}, buffer {capacity}",
                String::from_utf8_lossy(&input)
            );
            assert_eq!(documents.consumed, input.len() as u64);
            assert!(buffer.starts_with(b"before"));
        }
    }

    #[test]
    fn tallies_of_batches_add_up_and_the_summary_names_the_most_frequent() {
        let mut first = Tally {
            checked: 3,
            invalid: 2,
            codes: vec![(Code::Pattern, 2), (Code::Syntax, 1)],
        };
        let second = Tally {
            checked: 4,
            invalid: 1,
            codes: vec![(Code::Syntax, 1), (Code::Length, 2)],
        };
        first.merge(&second);
        assert_eq!(first.checked, 7);
        assert_eq!(first.invalid, 3);
        // Ties are ordered by name: length before pattern before syntax.
        assert_eq!(
            first.summary(),
            "7 checked, 3 invalid (most frequent: length 2, pattern 2, syntax 2)\n"
        );
        assert_eq!(Tally::default().summary(), "0 checked, 0 invalid\n");
    }
}
