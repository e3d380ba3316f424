//! Resuming an interrupted run: which records an output file already holds.
//!
//! The writer only ever writes whole lines, but a process killed in the middle of a large
//! write can leave the last one torn (no final newline). [`prepare`] cuts such a tail off, so
//! that appending starts on a fresh line, and returns the ids of the complete records, results
//! and error records alike.

use crate::error::Error;
use serde::Deserialize;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// What an existing output file holds.
#[derive(Debug, Default)]
pub struct ResumeState {
    /// Ids of the complete records.
    pub done: HashSet<String>,
    /// Bytes of a torn last line that were cut off (0 when the file ended cleanly).
    pub torn_bytes: u64,
    /// Complete lines that are not records with a string id (left in place, ignored).
    pub foreign_lines: usize,
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Reads the output file at `path`, truncates a torn last line, and returns what it holds.
/// A missing file is an empty state.
pub fn prepare(path: &Path) -> Result<ResumeState, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ResumeState::default()),
        Err(e) => return Err(io_error(e)),
    };
    let mut state = ResumeState::default();
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut complete: u64 = 0;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io_error)?;
        if n == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            state.torn_bytes = n as u64;
            break;
        }
        complete += n as u64;
        match serde_json::from_slice::<IdOnly>(&line) {
            Ok(record) => {
                state.done.insert(record.id);
            }
            Err(_) => state.foreign_lines += 1,
        }
    }
    if state.torn_bytes > 0 {
        OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| f.set_len(complete))
            .map_err(io_error)?;
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_tail_is_cut_and_complete_ids_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let body = "{\"id\":\"a\",\"entities\":[],\"quotes\":[]}\n{\"id\":\"b\",\"error\":{\"kind\":\"input\",\"message\":\"x\"}}\n";
        std::fs::write(&path, format!("{body}{{\"id\":\"c\",\"entit")).unwrap();
        let state = prepare(&path).unwrap();
        assert_eq!(state.done.len(), 2);
        assert!(state.done.contains("a") && state.done.contains("b"));
        assert_eq!(state.torn_bytes, 16);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), body);
        let again = prepare(&path).unwrap();
        assert_eq!((again.done.len(), again.torn_bytes), (2, 0));
    }

    #[test]
    fn a_missing_file_means_nothing_done() {
        let dir = tempfile::tempdir().unwrap();
        let state = prepare(&dir.path().join("none.jsonl")).unwrap();
        assert!(state.done.is_empty());
    }
}
