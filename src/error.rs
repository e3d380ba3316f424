//! Typed errors of the library. The binary wraps them in `anyhow` at its edge.

use std::path::PathBuf;
use thiserror::Error;

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
    },
    /// libtorch or the tokenizer failed while processing a document.
    #[error("inference failed: {0}")]
    Inference(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
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

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
