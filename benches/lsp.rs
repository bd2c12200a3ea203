//! The language server re-diagnosing a 100 KB Markdown document after a
//! one-character change: from the `didChange` notification to the
//! `publishDiagnostics` for the new version, through the real server loop
//! (in process, without debounce). The target is 300 ms on one
//! core.
//!
//! Run with `cargo bench --bench lsp`.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::time::Duration;

/// The size of the document.
const DOCUMENT_BYTES: usize = 100 * 1024;

/// A French Markdown document of about [`DOCUMENT_BYTES`], from the
/// project's texts.
fn document() -> String {
    let mut text = String::from("# Document de test\n\n");
    for source in common::corpus(&common::paragraphs(), DOCUMENT_BYTES) {
        for paragraph in source.text.split("\n\n") {
            if text.len() >= DOCUMENT_BYTES {
                return text;
            }
            text.push_str(paragraph.trim());
            text.push_str("\n\n");
        }
    }
    text
}

/// Waits for the diagnostics of `version`, skipping everything else.
fn published(client: &Connection, version: i32) -> usize {
    loop {
        let message = client
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server publishes");
        if let Message::Notification(n) = message
            && n.method == "textDocument/publishDiagnostics"
            && n.params["version"] == version
        {
            return n.params["diagnostics"].as_array().map_or(0, Vec::len);
        }
    }
}

fn notify(client: &Connection, method: &str, params: Value) {
    client
        .sender
        .send(Notification::new(method.into(), params).into())
        .expect("server listening");
}

fn bench(c: &mut Criterion) {
    let (server, client) = Connection::memory();
    let handle = std::thread::spawn(move || coquille::lsp::serve_with(&server, Duration::ZERO));
    let init = json!({"processId": null, "rootUri": null, "capabilities": {}});
    client
        .sender
        .send(Request::new(RequestId::from(1), "initialize".into(), init).into())
        .expect("server listening");
    notify(&client, "initialized", json!({}));
    let uri = "file:///tmp/coquille-bench.md";
    let text = document();
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let findings = published(&client, 1);
    let lines = text.lines().count() as u32;
    println!(
        "document: {} bytes, {lines} lines, {findings} findings",
        text.len()
    );

    let mut version = 1;
    c.bench_function("lsp: re-diagnose 100 KB after a change", |b| {
        b.iter(|| {
            version += 1;
            // Alternately type and delete a `?` in the middle of the text.
            let line = lines / 2;
            let (range, new_text) = if version % 2 == 0 {
                ([line, 0, line, 0], "Vraiment? ")
            } else {
                ([line, 0, line, 10], "")
            };
            let range = json!({"start": {"line": range[0], "character": range[1]},
                               "end": {"line": range[2], "character": range[3]}});
            notify(
                &client,
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": range, "text": new_text}]}),
            );
            published(&client, version)
        });
    });

    client
        .sender
        .send(Request::new(RequestId::from(2), "shutdown".into(), Value::Null).into())
        .expect("server listening");
    notify(&client, "exit", Value::Null);
    assert_eq!(handle.join().expect("server thread"), 0);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
