//! Typed errors of the library. The binary wraps them in `anyhow` at its edge.
//!
//! Every [`enum@Error`] has an [`ErrorKind`], the `error.kind` of extract's error records, and keeps
//! the error it came from (an I/O error, libtorch's, the tokenizer's) as its
//! [`source`](std::error::Error::source), so callers can walk the chain. As the Rust API
//! guidelines ask, an error's message does not repeat its source: [`Error::chain`] (or
//! anyhow's `{:#}`) gives the whole line.

use schemars::JsonSchema;
use serde::Serialize;
use std::path::PathBuf;
use thiserror::Error;

/// An underlying error from another library, kept as an [`enum@Error`]'s source.
pub type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What kind of failure an [`enum@Error`] is; written as `error.kind` in output records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written (`io`).
    Io,
    /// Input that is not a document: not JSON, no text field, a binary file (`input`).
    Input,
    /// A model directory that cannot be loaded (`model`).
    Model,
    /// The tagger failed on a document (`inference`).
    Inference,
}

impl ErrorKind {
    /// The kind as written in output records: `io`, `input`, `model`, `inference`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Input => "input",
            ErrorKind::Model => "model",
            ErrorKind::Inference => "inference",
        }
    }
}

/// Everything that can go wrong inside quotegraph's library.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A model directory is missing a file or holds one that cannot be used.
    #[error("model at {dir}: {message}")]
    Model {
        /// The model directory.
        dir: PathBuf,
        /// What is wrong with it.
        message: String,
        /// The error of the library that read it (tokenizer, libtorch), if any.
        #[source]
        source: Option<Source>,
    },
    /// libtorch or the tokenizer failed while processing a document.
    #[error("inference failed: {message}")]
    Inference {
        /// What was being done.
        message: String,
        /// The error of the library that failed, if any.
        #[source]
        source: Option<Source>,
    },
    /// A file could not be read or written.
    #[error("{}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Input that quotegraph cannot process (bad JSON, a missing field, …).
    #[error("{0}")]
    Input(String),
}

impl Error {
    /// The kind of failure, for output records and for callers that branch on it.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Model { .. } => ErrorKind::Model,
            Error::Inference { .. } => ErrorKind::Inference,
            Error::Io { .. } => ErrorKind::Io,
            Error::Input(_) => ErrorKind::Input,
        }
    }

    /// A model error about `dir`, keeping `source`.
    pub fn model(
        dir: impl Into<PathBuf>,
        message: impl Into<String>,
        source: Option<Source>,
    ) -> Self {
        Error::Model {
            dir: dir.into(),
            message: message.into(),
            source,
        }
    }

    /// An inference error, keeping `source`.
    pub fn inference(message: impl Into<String>, source: Option<Source>) -> Self {
        Error::Inference {
            message: message.into(),
            source,
        }
    }

    /// The message with every source after it (`a: b: c`), for places that show one line, such
    /// as the `message` of an error record.
    pub fn chain(&self) -> String {
        let mut out = self.to_string();
        let mut next = std::error::Error::source(self);
        while let Some(source) = next {
            out.push_str(": ");
            out.push_str(&source.to_string());
            next = source.source();
        }
        out
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_chains_keep_the_source() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = Error::model("m", "tokenizer.json", Some(Box::new(io)));
        assert_eq!(e.kind(), ErrorKind::Model);
        assert_eq!(e.kind().as_str(), "model");
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(e.chain(), "model at m: tokenizer.json: no such file");
        let read = Error::Io {
            path: "a.txt".into(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        };
        assert_eq!(
            (read.kind(), read.chain().as_str()),
            (ErrorKind::Io, "a.txt: gone")
        );
        assert_eq!(
            Error::inference("forward pass", None).kind(),
            ErrorKind::Inference
        );
    }
}
