//! `coquille lsp`: a language server over stdio, for any editor with an
//! LSP client. It pushes (or, when the client asks, answers pulls for) the
//! findings of each open document, and offers quick fixes, suppression
//! comments and every safe fix at once.
//!
//! The server adds no rule logic: it checks with [`crate::Linter`] through
//! the same prose views and configuration files as the command line, and
//! fixes with the same engine. The protocol crates (`lsp-server`,
//! `lsp-types`) are used only inside this module.

pub mod actions;
pub mod config;
pub mod documents;
pub mod positions;
pub mod server;
pub mod transport;

pub use server::{serve, serve_with};

/// Runs the server on stdin and stdout; returns the exit code (0 after
/// `shutdown` then `exit`, 1 otherwise, 2 if stdio cannot be used).
pub fn run() -> u8 {
    let (connection, threads) = match transport::stdio() {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("error: cannot start the language server: {e}");
            return 2;
        }
    };
    let code = serve(&connection);
    drop(connection);
    threads.finish();
    code
}
