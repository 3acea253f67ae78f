//! `check --jsonl`: one JSON document per line in, one Report per line out,
//! in input order, in memory bounded by the line limit — on one thread, or
//! on `--jobs N` threads with the same output.

use crate::{Fatal, Single, output, write_all};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// Lines per batch handed to a worker, at most.
const BATCH_LINES: usize = 256;
/// Bytes of input per batch, at most (a longer line is a batch of its own).
const BATCH_BYTES: usize = 1 << 20;
/// Batches in flight per worker: what bounds memory however long the input.
const PERMITS_PER_JOB: usize = 4;

/// One input line: its 1-based number and what it held.
enum Document {
    Line(Vec<u8>),
    /// Longer than the limit: skipped, with the number of bytes it had.
    TooLong(usize),
}

/// A judged line: whether it was valid, and the text to print.
struct Judged {
    ok: bool,
    text: String,
}

/// Check every line of `reader` and print the reports, in order.
pub fn check_lines(
    checker: &Single,
    reader: impl BufRead,
    json: bool,
    file: &str,
    jobs: usize,
) -> Result<ExitCode, Fatal> {
    let (valid, invalid) = if jobs <= 1 {
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        let counts = sequential(checker, reader, json, file, &mut out)?;
        out.flush().map_err(|e| Fatal(format!("stdout: {e}")))?;
        counts
    } else {
        parallel(checker, reader, json, file, jobs)?
    };
    let mut out = io::stdout().lock();
    if !json {
        let summary = format!("{valid} valid, {invalid} invalid\n");
        write_all(&mut out, summary.as_bytes())?;
    }
    out.flush().map_err(|e| Fatal(format!("stdout: {e}")))?;
    Ok(if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn judge(checker: &Single, number: u64, document: &Document, json: bool) -> Result<Judged, Fatal> {
    let report = match document {
        Document::Line(bytes) => checker.check(bytes)?,
        Document::TooLong(seen) => checker.checker.too_large(checker.target, *seen),
    };
    let text = if json {
        report.to_json() + "\n"
    } else {
        output::human(&report, Some(number))
    };
    Ok(Judged {
        ok: report.ok,
        text,
    })
}

/// Reads documents, skipping blank lines, numbering every line.
struct Documents<R> {
    reader: R,
    limit: usize,
    number: u64,
    file: String,
}

impl<R: BufRead> Documents<R> {
    fn next(&mut self) -> Result<Option<(u64, Document)>, Fatal> {
        loop {
            let mut line = Vec::new();
            let status = read_line_bounded(&mut self.reader, &mut line, self.limit)
                .map_err(|e| Fatal(format!("{}: {e}", self.file)))?;
            match status {
                LineStatus::End => return Ok(None),
                LineStatus::Line => {
                    self.number += 1;
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        return Ok(Some((self.number, Document::Line(line))));
                    }
                }
                LineStatus::TooLong(seen) => {
                    self.number += 1;
                    return Ok(Some((self.number, Document::TooLong(seen))));
                }
            }
        }
    }
}

fn sequential(
    checker: &Single,
    reader: impl BufRead,
    json: bool,
    file: &str,
    out: &mut impl Write,
) -> Result<(u64, u64), Fatal> {
    let mut documents = Documents {
        reader,
        limit: checker.checker.limits().max_input_bytes,
        number: 0,
        file: file.to_string(),
    };
    let (mut valid, mut invalid) = (0u64, 0u64);
    while let Some((number, document)) = documents.next()? {
        let judged = judge(checker, number, &document, json)?;
        if judged.ok {
            valid += 1;
        } else {
            invalid += 1;
        }
        write_all(out, judged.text.as_bytes())?;
    }
    Ok((valid, invalid))
}

/// `jobs` workers judge batches of lines; one writer prints them in input
/// order. A batch is read only once a permit is free, and a permit comes
/// back only when its batch is printed, so at most `jobs ×
/// PERMITS_PER_JOB` batches exist at once, however long the input.
fn parallel(
    checker: &Single,
    reader: impl BufRead,
    json: bool,
    file: &str,
    jobs: usize,
) -> Result<(u64, u64), Fatal> {
    type Batch = (usize, Vec<(u64, Document)>);
    type Done = (usize, Result<Vec<Judged>, Fatal>);
    let permits = jobs * PERMITS_PER_JOB;
    let (work_tx, work_rx) = sync_channel::<Batch>(permits);
    let work_rx: Arc<Mutex<Receiver<Batch>>> = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(permits);
    let (permit_tx, permit_rx) = sync_channel::<()>(permits);
    for _ in 0..permits {
        permit_tx
            .send(())
            .expect("the permit channel has room for every permit");
    }
    let limit = checker.checker.limits().max_input_bytes;
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((sequence, batch))) = next else {
                        break;
                    };
                    let judged = batch
                        .iter()
                        .map(|(number, document)| judge(checker, *number, document, json))
                        .collect();
                    if done_tx.send((sequence, judged)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let writer = scope.spawn(move || -> Result<(u64, u64), Fatal> {
            let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let (mut valid, mut invalid) = (0u64, 0u64);
            let mut pending: BTreeMap<usize, Vec<Judged>> = BTreeMap::new();
            let mut next = 0usize;
            for (sequence, judged) in done_rx {
                pending.insert(sequence, judged?);
                while let Some(batch) = pending.remove(&next) {
                    for judged in batch {
                        if judged.ok {
                            valid += 1;
                        } else {
                            invalid += 1;
                        }
                        write_all(&mut out, judged.text.as_bytes())?;
                    }
                    next += 1;
                    // The reader may be gone after the last batch.
                    let _ = permit_tx.send(());
                }
            }
            out.flush().map_err(|e| Fatal(format!("stdout: {e}")))?;
            Ok((valid, invalid))
        });
        let mut documents = Documents {
            reader,
            limit,
            number: 0,
            file: file.to_string(),
        };
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
                    bytes += match &document {
                        Document::Line(line) => line.len(),
                        Document::TooLong(_) => 0,
                    };
                    batch.push((number, document));
                }
                if batch.is_empty() {
                    return Ok(());
                }
                if work_tx.send((sequence, batch)).is_err() {
                    return Ok(());
                }
                sequence += 1;
            }
        })();
        drop(work_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Fatal("a worker thread failed".into())));
        read.and(written)
    })
}

enum LineStatus {
    End,
    Line,
    /// The line was longer than the limit and was skipped; how many bytes it had.
    TooLong(usize),
}

/// Read one line (without its `\n` or `\r\n`) into `line`, keeping at most
/// `limit` bytes; the rest of an over-long line is read and dropped.
fn read_line_bounded(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<LineStatus> {
    let mut seen = 0usize;
    let mut any = false;
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
        seen += chunk.len();
        if seen <= limit + 1 {
            line.extend_from_slice(chunk);
        }
        let consumed = chunk.len() + usize::from(found_newline);
        reader.consume(consumed);
        if found_newline {
            break;
        }
    }
    if !any {
        return Ok(LineStatus::End);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
        seen -= 1;
    }
    Ok(if seen > limit {
        line.clear();
        LineStatus::TooLong(seen)
    } else {
        LineStatus::Line
    })
}
