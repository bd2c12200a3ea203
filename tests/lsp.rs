//! The language server driven in process (`lsp_server::Connection::memory`)
//! as an editor would: initialize, open, change, code actions, fix-all,
//! configuration, malformed input and shutdown, with exact ranges in both
//! position encodings.

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any expected message may take (a debug build checks slowly).
const PATIENCE: Duration = Duration::from_secs(30);

/// A client talking to a server running in a thread.
struct Client {
    conn: Connection,
    server: Option<JoinHandle<u8>>,
    next_id: i32,
    /// Messages read while waiting for something else.
    stash: Vec<Message>,
    utf8: bool,
}

/// Capabilities of an old client: UTF-16 only, no pull diagnostics.
fn push_client() -> Value {
    json!({"textDocument": {"publishDiagnostics": {"versionSupport": true}}})
}

impl Client {
    /// Starts a server and initializes it with `capabilities` and
    /// `options`.
    fn start(capabilities: Value, options: Value) -> (Client, Value) {
        Client::start_in(capabilities, options, None)
    }

    fn start_in(capabilities: Value, options: Value, root: Option<&str>) -> (Client, Value) {
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || {
            coquille::lsp::serve_with(&server, Duration::from_millis(10))
        });
        let utf8 = capabilities["general"]["positionEncodings"]
            .as_array()
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        let mut client = Client {
            conn,
            server: Some(handle),
            next_id: 0,
            stash: Vec::new(),
            utf8,
        };
        let mut params = json!({"processId": null, "rootUri": root, "capabilities": capabilities});
        if !options.is_null() {
            params["initializationOptions"] = options;
        }
        let result = client
            .request("initialize", params)
            .result
            .expect("initialize result");
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&self, message: impl Into<Message>) {
        self.conn
            .sender
            .send(message.into())
            .expect("server listening");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params));
    }

    fn send_request(&mut self, method: &str, params: Value) -> RequestId {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params));
        id
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Response {
        let id = self.send_request(method, params);
        self.response(&id)
    }

    fn response(&mut self, id: &RequestId) -> Response {
        match self.wait(|m| matches!(m, Message::Response(r) if r.id == *id)) {
            Message::Response(r) => r,
            other => panic!("not a response: {other:?}"),
        }
    }

    /// The first message (stashed or new) that `want` accepts.
    fn wait(&mut self, want: impl Fn(&Message) -> bool) -> Message {
        if let Some(i) = self.stash.iter().position(&want) {
            return self.stash.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .conn
                .receiver
                .recv_timeout(left)
                .expect("a message from the server in time");
            if want(&message) {
                return message;
            }
            self.stash.push(message);
        }
    }

    /// The next notification `method` from the server.
    fn notification(&mut self, method: &str) -> Value {
        match self.wait(|m| matches!(m, Message::Notification(n) if n.method == method)) {
            Message::Notification(n) => n.params,
            _ => unreachable!(),
        }
    }

    /// The next request `method` from the server.
    fn server_request(&mut self, method: &str) -> Request {
        match self.wait(|m| matches!(m, Message::Request(r) if r.method == method)) {
            Message::Request(r) => r,
            _ => unreachable!(),
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let uri = uri.to_string();
        match self.wait(|m| {
            matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri.as_str())
        }) {
            Message::Notification(n) => n.params,
            _ => unreachable!(),
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    fn code_actions(&mut self, uri: &str, range: Value, only: Option<Value>) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = only;
        }
        let response = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        );
        response
            .result
            .expect("actions")
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Applies the edits of `edit` for `uri` to `text`, as an editor does.
    fn apply(&self, text: &str, edit: &Value, uri: &str) -> String {
        let mut edits = edit["changes"][uri]
            .as_array()
            .cloned()
            .expect("edits for the document");
        edits.sort_by_key(|e| {
            let s = &e["range"]["start"];
            std::cmp::Reverse((s["line"].as_u64(), s["character"].as_u64()))
        });
        let mut text = text.to_string();
        for e in edits {
            let start = offset(&text, &e["range"]["start"], self.utf8);
            let end = offset(&text, &e["range"]["end"], self.utf8);
            text.replace_range(start..end, e["newText"].as_str().expect("new text"));
        }
        text
    }

    /// Sends `shutdown` (when asked) then `exit`; the server's exit code.
    fn stop(mut self, shutdown: bool) -> u8 {
        if shutdown {
            let response = self.request("shutdown", Value::Null);
            assert!(response.error.is_none(), "{response:?}");
        }
        self.notify("exit", Value::Null);
        self.server
            .take()
            .expect("server")
            .join()
            .expect("server thread")
    }
}

/// The byte offset of LSP position `pos` in `text` (lines end at `\n`).
fn offset(text: &str, pos: &Value, utf8: bool) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    text.len()
}

/// The rule ids of published diagnostics.
fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The range of the first diagnostic of rule `code`.
fn range_of(published: &Value, code: &str) -> Value {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {published}"))["range"]
        .clone()
}

fn range(a: (u32, u32), b: (u32, u32)) -> Value {
    json!({"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}})
}

const SPACE: &str = "spacing/missing-space-before";

#[test]
fn ranges_are_exact_in_utf16_and_utf8() {
    // An emoji (2 UTF-16 units, 4 bytes), a combining accent (1 unit, 2
    // bytes) and a CRLF line end before the finding.
    let text = "Bonjour.\r\nLe 😀 cafe\u{301} est prêt?\r\n";
    let uri = "file:///tmp/coquille-lsp-ranges.txt";
    let (mut utf16, result) = Client::start(push_client(), Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    utf16.open(uri, "plaintext", text);
    let published = utf16.diagnostics(uri);
    assert_eq!(published["version"], 1);
    // `?` is UTF-16 unit 20 of line 1 (the emoji counts two).
    assert_eq!(range_of(&published, SPACE), range((1, 20), (1, 21)));
    let d = &published["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == SPACE).cloned())
        .expect("the finding");
    assert_eq!(d["source"], "coquille");
    assert_eq!(d["severity"], 2);
    assert_eq!(utf16.stop(true), 0);

    let caps = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let (mut utf8, result) = Client::start(caps, Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    utf8.open(uri, "plaintext", text);
    let published = utf8.diagnostics(uri);
    // In bytes: the emoji counts four, `ê` and the combining accent two.
    assert_eq!(range_of(&published, SPACE), range((1, 24), (1, 25)));
    assert_eq!(utf8.stop(true), 0);
}

#[test]
fn changes_apply_in_order_and_only_the_newest_version_is_published() {
    let uri = "file:///tmp/coquille-lsp-changes.txt";
    let (mut client, _) = Client::start(push_client(), Value::Null);
    client.open(uri, "plaintext", "Bonjour.\n");
    assert!(codes(&client.diagnostics(uri)).is_empty());
    // Three changes in a row: the document is checked once, at version 4.
    client.change(
        uri,
        2,
        json!([{"range": range((0, 7), (0, 8)), "text": " ?"}]),
    );
    client.change(
        uri,
        3,
        json!([{"range": range((0, 7), (0, 8)), "text": ""}]),
    );
    client.change(
        uri,
        4,
        json!([{"range": range((0, 7), (0, 8)), "text": "?"}]),
    );
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 4);
    assert_eq!(codes(&published), [SPACE]);
    assert_eq!(range_of(&published, SPACE), range((0, 7), (0, 8)));
    // A full replacement.
    client.change(uri, 5, json!([{"text": "Tout va bien.\n"}]));
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 5);
    assert!(codes(&published).is_empty());
    // Closing clears the findings.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(codes(&client.diagnostics(uri)).is_empty());
    assert_eq!(client.stop(true), 0);
}

#[test]
fn quick_fixes_and_ignore_comments_mend_the_text() {
    let uri = "file:///tmp/coquille-lsp-actions.md";
    let text = "# Titre\n\nQuelle est la prochaine étape?\n";
    let (mut client, _) = Client::start(push_client(), Value::Null);
    client.open(uri, "markdown", text);
    let published = client.diagnostics(uri);
    let at = range_of(&published, SPACE);
    let actions = client.code_actions(uri, at.clone(), None);
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("a preferred fix in {actions:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert!(fix["title"].as_str().unwrap_or_default().contains(SPACE));
    let fixed = client.apply(text, &fix["edit"], uri);
    assert_eq!(fixed, "# Titre\n\nQuelle est la prochaine étape\u{202f}?\n");

    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("ignore")))
        .expect("an ignore action");
    let ignored = client.apply(text, &ignore["edit"], uri);
    assert_eq!(
        ignored,
        format!(
            "# Titre\n\n<!-- coquille-ignore-next-line {SPACE} -->\nQuelle est la prochaine étape?\n"
        )
    );
    // The editor sends the edit back as a change: the finding is gone.
    client.change(uri, 2, json!([{"text": ignored}]));
    let published = client.diagnostics(uri);
    assert_eq!(published["version"], 2);
    assert!(codes(&published).is_empty(), "{published}");
    assert_eq!(client.stop(true), 0);
}

#[test]
fn inside_a_markdown_paragraph_the_comment_ends_the_line_above() {
    let uri = "file:///tmp/coquille-lsp-paragraph.md";
    let text = "Première ligne du paragraphe,\nQuelle est la prochaine étape?\n";
    let (mut client, _) = Client::start(push_client(), Value::Null);
    client.open(uri, "markdown", text);
    let at = range_of(&client.diagnostics(uri), SPACE);
    let actions = client.code_actions(uri, at, Some(json!(["quickfix"])));
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("ignore")))
        .expect("an ignore action");
    let ignored = client.apply(text, &ignore["edit"], uri);
    assert_eq!(
        ignored,
        format!(
            "Première ligne du paragraphe, <!-- coquille-ignore-next-line {SPACE} -->\nQuelle est la prochaine étape?\n"
        )
    );
    client.change(uri, 2, json!([{"text": ignored}]));
    assert!(codes(&client.diagnostics(uri)).is_empty());
    assert_eq!(client.stop(true), 0);
}

#[test]
fn ignore_comments_follow_the_format() {
    let (mut client, _) = Client::start(push_client(), Value::Null);
    let po = "msgid \"\"\nmsgstr \"\"\n\n#: src/a.c:3\nmsgid \"Next?\"\nmsgstr \"Suivant?\"\n";
    let plain = "Intro.\nSuivant?\n";
    for (uri, language, text, expected) in [
        (
            "file:///tmp/coquille-lsp-fr.po",
            "po",
            po,
            po.replace("#: src", &format!("# coquille-ignore {SPACE}\n#: src")),
        ),
        (
            "file:///tmp/coquille-lsp-plain.txt",
            "plaintext",
            plain,
            plain.replace(
                "Suivant",
                &format!("coquille-ignore-next-line {SPACE}\nSuivant"),
            ),
        ),
    ] {
        client.open(uri, language, text);
        let published = client.diagnostics(uri);
        let at = range_of(&published, SPACE);
        let actions = client.code_actions(uri, at, Some(json!(["quickfix"])));
        let ignore = actions
            .iter()
            .find(|a| a["title"].as_str().is_some_and(|t| t.contains("ignore")))
            .expect("an ignore action");
        let ignored = client.apply(text, &ignore["edit"], uri);
        assert_eq!(ignored, expected);
        client.change(uri, 2, json!([{"text": ignored}]));
        assert!(codes(&client.diagnostics(uri)).is_empty());
    }
    assert_eq!(client.stop(true), 0);
}

#[test]
fn fix_all_as_a_code_action_and_as_a_command() {
    let uri = "file:///tmp/coquille-lsp-fixall.txt";
    let text = "Prêt?\nVraiment?\nOui!\n";
    let expected = "Prêt\u{202f}?\nVraiment\u{202f}?\nOui\u{202f}!\n";
    let (mut client, _) = Client::start(push_client(), Value::Null);
    client.open(uri, "plaintext", text);
    assert_eq!(codes(&client.diagnostics(uri)).len(), 3);
    let actions = client.code_actions(uri, range((0, 0), (0, 0)), Some(json!(["source.fixAll"])));
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.coquille");
    assert_eq!(client.apply(text, &actions[0]["edit"], uri), expected);

    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": "coquille.fixAll", "arguments": [uri]}),
    );
    let apply = client.server_request("workspace/applyEdit");
    assert_eq!(client.apply(text, &apply.params["edit"], uri), expected);
    client.send(Response::new_ok(apply.id, json!({"applied": true})));
    assert!(client.response(&id).error.is_none());
    // An unknown command is an error, not the end of the server.
    let bad = client.request(
        "workspace/executeCommand",
        json!({"command": "nope", "arguments": []}),
    );
    assert!(bad.error.is_some());
    assert_eq!(client.stop(true), 0);
}

#[test]
fn editor_settings_override_and_bad_ones_are_shown() {
    let uri = "file:///tmp/coquille-lsp-settings.txt";
    let text = "Prêt?\n";
    // Without the wrapper, at initialization: spacing ignored.
    let (mut client, _) = Client::start(push_client(), json!({"ignore": ["spacing"]}));
    client.open(uri, "plaintext", text);
    assert!(codes(&client.diagnostics(uri)).is_empty());
    // With the wrapper, later: back to the defaults, then a bad profile.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"coquille": {"ignore": []}}}),
    );
    assert_eq!(codes(&client.diagnostics(uri)), [SPACE]);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"coquille": {"profile": "loose"}}}),
    );
    let shown = client.notification("window/showMessage");
    assert!(
        shown["message"]
            .as_str()
            .unwrap_or_default()
            .contains("loose"),
        "{shown}"
    );
    assert_eq!(codes(&client.diagnostics(uri)), [SPACE]);
    assert_eq!(client.stop(true), 0);
}

#[test]
fn coquille_toml_is_found_upward_and_a_bad_one_falls_back_to_the_defaults() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let nested = dir.path().join("docs/guide");
    std::fs::create_dir_all(&nested).expect("folders");
    std::fs::write(dir.path().join("coquille.toml"), "ignore = [\"spacing\"]\n").expect("config");
    let file = nested.join("a.txt");
    let uri = lsp_types::Url::from_file_path(&file)
        .expect("file uri")
        .to_string();
    let (mut client, _) = Client::start(push_client(), Value::Null);
    client.open(&uri, "plaintext", "Prêt?\n");
    assert!(codes(&client.diagnostics(&uri)).is_empty());
    // The file changes on disk into one that cannot be read.
    std::fs::write(dir.path().join("coquille.toml"), "profile = 3\n").expect("config");
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    let shown = client.notification("window/showMessage");
    assert!(
        shown["message"]
            .as_str()
            .unwrap_or_default()
            .contains("coquille.toml"),
        "{shown}"
    );
    assert_eq!(codes(&client.diagnostics(&uri)), [SPACE]);
    assert_eq!(client.stop(true), 0);
}

/// `[formats]` in `coquille.toml` forces the format, as on the command
/// line: a `.txt` file read as Markdown keeps its code block unread.
#[test]
fn the_configured_format_wins_over_the_extension() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("notes.txt");
    let uri = lsp_types::Url::from_file_path(&file)
        .expect("file uri")
        .to_string();
    let text = "Voici\u{a0}:\n\n```\nprint(\"ok?\")\n```\n";
    let (mut client, _) = Client::start(push_client(), Value::Null);
    client.open(&uri, "plaintext", text);
    assert!(codes(&client.diagnostics(&uri)).contains(&SPACE.to_string()));
    std::fs::write(
        dir.path().join("coquille.toml"),
        "[formats]\n\"*.txt\" = \"markdown\"\n",
    )
    .expect("config");
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    assert!(codes(&client.diagnostics(&uri)).is_empty());
    assert_eq!(client.stop(true), 0);
}

/// A resource file is checked against the file it translates, found by
/// the usual layout or named by `[sources]`, as on the command line.
#[test]
fn resource_files_are_paired_with_their_source() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |relative: &str, text: &str| {
        let path = dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(&path, text).expect("file");
        path
    };
    let xml = |text: &str| {
        format!("<resources>\n    <string name=\"count\">{text}</string>\n</resources>\n")
    };
    let placeholder = "translation/placeholder";
    // `res/values-fr` translates `res/values`.
    write("res/values/strings.xml", &xml("%1$d files"));
    let android = write("res/values-fr/strings.xml", &xml("fichiers"));
    // `i18n/app.fr.json` translates `i18n/app.json` by the configuration.
    write("i18n/app.json", "{\"count\": \"{n} files\"}\n");
    let json = write("i18n/app.fr.json", "{\"count\": \"fichiers\"}\n");
    write(
        "coquille.toml",
        "[sources]\n\"i18n/*.fr.json\" = \"i18n/{stem}.json\"\n",
    );
    let (mut client, _) = Client::start(push_client(), Value::Null);
    for (path, language) in [(&android, "xml"), (&json, "json")] {
        let uri = lsp_types::Url::from_file_path(path)
            .expect("file uri")
            .to_string();
        let text = std::fs::read_to_string(path).expect("read back");
        client.open(&uri, language, &text);
        assert_eq!(codes(&client.diagnostics(&uri)), [placeholder], "{uri}");
    }
    assert_eq!(client.stop(true), 0);
}

#[test]
fn prose_views_leave_code_and_msgid_alone() {
    let (mut client, _) = Client::start(push_client(), Value::Null);
    let md = "Voici:\n\n```\nprint(\"ok?\")\n```\n";
    client.open("file:///tmp/coquille-lsp-view.md", "markdown", md);
    let published = client.diagnostics("file:///tmp/coquille-lsp-view.md");
    assert_eq!(codes(&published), [SPACE]);
    assert_eq!(range_of(&published, SPACE)["start"]["line"], 0);
    // No languageId coquille knows: the extension says gettext.
    let po = "msgid \"Ready?\"\nmsgstr \"Prêt\u{202f}?\"\n";
    client.open("file:///tmp/coquille-lsp-view.po", "unknown", po);
    assert!(codes(&client.diagnostics("file:///tmp/coquille-lsp-view.po")).is_empty());
    assert_eq!(client.stop(true), 0);
}

#[test]
fn pull_diagnostics_when_the_client_asks() {
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut client, result) = Client::start(caps, Value::Null);
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "coquille"
    );
    let uri = "file:///tmp/coquille-lsp-pull.txt";
    client.open(uri, "plaintext", "Prêt?\n");
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .result
        .expect("report");
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["code"], SPACE);
    assert_eq!(report["items"][0]["range"], range((0, 4), (0, 5)));
    // Nothing is pushed to a client that pulls.
    assert!(!client.stash.iter().any(
        |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")
    ));
    assert_eq!(client.stop(true), 0);
}

#[test]
fn bad_input_never_ends_the_server() {
    let (mut client, _) = Client::start(push_client(), Value::Null);
    // Unknown method, bad parameters, a change to a document not open,
    // positions out of the document.
    let unknown = client.request("textDocument/hover2", json!({}));
    assert_eq!(unknown.error.expect("error").code, -32601);
    let bad = client.request("textDocument/codeAction", json!({"textDocument": 3}));
    assert_eq!(bad.error.expect("error").code, -32602);
    client.notify("textDocument/didOpen", json!({"nonsense": true}));
    client.change("file:///tmp/nowhere.txt", 2, json!([{"text": "x"}]));
    let uri = "file:///tmp/coquille-lsp-bad.txt";
    client.open(uri, "plaintext", "Bonjour.\n");
    client.diagnostics(uri);
    client.change(
        uri,
        2,
        json!([{"range": range((40, 3), (99, 0)), "text": " Prêt?"}]),
    );
    let published = client.diagnostics(uri);
    assert_eq!(codes(&published), [SPACE]);
    // A document over the size cap: one information diagnostic.
    let big = "a".repeat(10 * 1024 * 1024 + 1);
    client.open("file:///tmp/coquille-lsp-big.txt", "plaintext", &big);
    let published = client.diagnostics("file:///tmp/coquille-lsp-big.txt");
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(published["diagnostics"][0]["severity"], 3);
    // The server still answers.
    let actions = client.code_actions(uri, range((0, 0), (9, 0)), None);
    assert!(!actions.is_empty());
    assert_eq!(client.stop(true), 0);
}

#[test]
fn a_cancelled_request_waiting_its_turn_is_answered_as_cancelled() {
    let (mut client, _) = Client::start(push_client(), Value::Null);
    let uri = "file:///tmp/coquille-lsp-cancel.txt";
    // A long document keeps the server busy while the request and its
    // cancellation arrive.
    client.open(
        uri,
        "plaintext",
        &"Une phrase assez longue pour occuper le serveur?\n".repeat(20_000),
    );
    let id = client.send_request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range((0, 0), (0, 1)), "context": {"diagnostics": []}}),
    );
    client.notify("$/cancelRequest", json!({"id": client.next_id}));
    let response = client.response(&id);
    assert_eq!(response.error.expect("cancelled").code, -32800);
    assert_eq!(client.stop(true), 0);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let (client, _) = Client::start(push_client(), Value::Null);
    assert_eq!(client.stop(false), 1);
}

#[test]
fn requests_before_initialize_are_refused() {
    let (server, conn) = Connection::memory();
    let handle = std::thread::spawn(move || coquille::lsp::serve(&server));
    conn.sender
        .send(Request::new(1.into(), "textDocument/codeAction".into(), json!({})).into())
        .expect("send");
    match conn.receiver.recv_timeout(PATIENCE).expect("answer") {
        Message::Response(r) => assert_eq!(r.error.expect("error").code, -32002),
        other => panic!("{other:?}"),
    }
    conn.sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .expect("send");
    assert_eq!(handle.join().expect("server"), 1);
}

/// `coquille lsp` as a process: frames `messages` (raw bodies) on its
/// stdin, closes it, and gives the exit status and stdout.
fn run_process(bodies: &[&str]) -> (Option<i32>, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_coquille"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("coquille lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    for body in bodies {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    }
    drop(stdin);
    let output = child.wait_with_output().expect("coquille lsp ends");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

const INITIALIZE: &str =
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;

#[test]
fn the_process_survives_malformed_messages_and_exits_as_the_protocol_says() {
    let (status, stdout) = run_process(&[
        "{this is not json",
        INITIALIZE,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ]);
    assert_eq!(status, Some(0), "{stdout}");
    // Stdout holds protocol messages only: the answers, and the log of the
    // malformed message.
    assert!(stdout.starts_with("Content-Length: "), "{stdout}");
    assert!(stdout.contains(r#""id":1,"result""#), "{stdout}");
    assert!(stdout.contains(r#""id":2,"result":null"#), "{stdout}");
    assert!(stdout.contains("malformed message ignored"), "{stdout}");

    let (status, _) = run_process(&[INITIALIZE, r#"{"jsonrpc":"2.0","method":"exit"}"#]);
    assert_eq!(status, Some(1));
    // The client goes away without a word.
    let (status, _) = run_process(&[INITIALIZE]);
    assert_eq!(status, Some(1));
}

#[test]
fn settings_asked_of_the_client_and_configuration_files_watched() {
    let caps = json!({"workspace": {
        "configuration": true,
        "didChangeWatchedFiles": {"dynamicRegistration": true}
    }});
    let (mut client, _) = Client::start(caps, Value::Null);
    let register = client.server_request("client/registerCapability");
    let registration = &register.params["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert_eq!(globs, ["**/coquille.toml", "**/.coquille.toml"]);
    client.send(Response::new_ok(register.id, Value::Null));

    let uri = "file:///tmp/coquille-lsp-asked.txt";
    client.open(uri, "plaintext", "Prêt?\n");
    assert_eq!(codes(&client.diagnostics(uri)), [SPACE]);
    // The client answers the server's `workspace/configuration` request.
    let asked = client.server_request("workspace/configuration");
    assert_eq!(asked.params["items"][0]["section"], "coquille");
    client.send(Response::new_ok(asked.id, json!([{"ignore": ["spacing"]}])));
    assert!(codes(&client.diagnostics(uri)).is_empty());
    // An empty didChangeConfiguration makes the server ask again.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let asked = client.server_request("workspace/configuration");
    client.send(Response::new_ok(asked.id, json!([{"ignore": []}])));
    assert_eq!(codes(&client.diagnostics(uri)), [SPACE]);
    assert_eq!(client.stop(true), 0);
}

/// The protocol crates stay behind `src/lsp/`, so that they can change
/// without touching the rest of the crate.
#[test]
fn the_protocol_crates_are_used_only_in_the_lsp_module() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut outside = Vec::new();
    let mut inside = 0;
    for entry in walkdir::WalkDir::new(&src) {
        let path = entry.expect("source entry").into_path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source file");
        let uses = text.contains("lsp_types") || text.contains("lsp_server");
        if path.starts_with(src.join("lsp")) {
            inside += usize::from(uses);
        } else if uses {
            outside.push(path);
        }
    }
    assert!(outside.is_empty(), "{outside:?}");
    assert!(
        inside >= 4,
        "only {inside} files of src/lsp use the protocol crates"
    );
}
