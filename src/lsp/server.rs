//! The server's main loop: the protocol's life cycle, documents, checks
//! (debounced, never published out of order), code actions and commands.
//!
//! Everything runs on one thread: a check takes milliseconds, and checking
//! only once no message is waiting means a result is always for the
//! newest text. Before each message, those already queued are read, so a
//! `$/cancelRequest` for a request still waiting is answered at once.

use super::actions::{self, FIX_ALL_COMMAND, FIX_ALL_KIND};
use super::config::{Configuration, Resolved, editor_overrides};
use super::documents::{Document, Documents};
use super::positions::Encoding;
use super::transport::MALFORMED;
use crate::diagnostic::Diagnostic;
use crate::linter::Linter;
use crate::vocab::Severity;
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Documents larger than this are not checked: one information
/// diagnostic says so.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// How long after a change the document is checked, so that typing is
/// not slowed by checks of texts already outdated.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The protocol's code for a cancelled request.
const REQUEST_CANCELLED: i32 = -32800;

/// What the client can do, as far as the server cares.
#[derive(Debug, Default, Clone, Copy)]
struct ClientCan {
    /// Pull diagnostics (`textDocument/diagnostic`): no push then.
    pull: bool,
    /// `workspace/diagnostic/refresh`.
    refresh: bool,
    /// `workspace/configuration`.
    configuration: bool,
    /// Registering `workspace/didChangeWatchedFiles`.
    watch: bool,
}

/// The findings of one version of a document.
#[derive(Debug, Clone)]
struct Checked {
    version: i32,
    generation: u64,
    findings: Vec<Diagnostic>,
    diagnostics: Vec<lsp::Diagnostic>,
}

/// The server's state.
pub struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    can: ClientCan,
    documents: Documents,
    configuration: Configuration,
    /// Bumped whenever the settings change: cached findings are stale.
    generation: u64,
    checked: HashMap<lsp::Url, Checked>,
    /// When each changed document is due to be checked.
    due: HashMap<lsp::Url, Instant>,
    /// Configuration errors already shown.
    shown: HashSet<String>,
    /// The workspace folder, for documents without a file.
    root: Option<PathBuf>,
    shutdown: bool,
    next_id: i32,
    /// The id of our `workspace/configuration` request in flight.
    configuration_request: Option<RequestId>,
    debounce: Duration,
}

/// Runs the server on `connection` until `exit`: 0 after a `shutdown`,
/// 1 without one (or when the client goes away).
pub fn serve(connection: &Connection) -> u8 {
    serve_with(connection, DEBOUNCE)
}

/// [`serve`] with a debounce of its own (benchmarks and tests).
pub fn serve_with(connection: &Connection, debounce: Duration) -> u8 {
    let Some(mut server) = initialize(connection, debounce) else {
        return 1;
    };
    server.main_loop()
}

/// The severity of a finding in the protocol.
fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// Waits for `initialize` and answers it; `None` when the client exits
/// or goes away first.
fn initialize(connection: &Connection, debounce: Duration) -> Option<Server<'_>> {
    loop {
        let message = connection.receiver.recv().ok()?;
        match message {
            Message::Request(request) if request.method == "initialize" => {
                let id = request.id.clone();
                match serde_json::from_value::<lsp::InitializeParams>(request.params) {
                    Ok(params) => {
                        let mut server = Server::new(connection, &params, debounce);
                        let result = lsp::InitializeResult {
                            capabilities: server.capabilities(),
                            server_info: Some(lsp::ServerInfo {
                                name: "coquille".into(),
                                version: Some(env!("CARGO_PKG_VERSION").into()),
                            }),
                        };
                        server.respond(Response::new_ok(id, result));
                        if let Some(options) = params.initialization_options {
                            server.apply_settings(&options);
                        }
                        return Some(server);
                    }
                    Err(e) => send(
                        connection,
                        Response::new_err(
                            id,
                            ErrorCode::InvalidParams as i32,
                            format!("initialize: {e}"),
                        ),
                    ),
                }
            }
            Message::Request(request) => send(
                connection,
                Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized".into(),
                ),
            ),
            Message::Notification(n) if n.method == "exit" => return None,
            Message::Notification(n) if n.method == MALFORMED => {
                let message = format!("malformed message ignored: {}", n.params);
                eprintln!("coquille lsp: {message}");
                send(
                    connection,
                    Notification::new(
                        "window/logMessage".into(),
                        lsp::LogMessageParams {
                            typ: lsp::MessageType::ERROR,
                            message,
                        },
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Sends `message`; a client gone away is noticed when reading.
fn send(connection: &Connection, message: impl Into<Message>) {
    let _ = connection.sender.send(message.into());
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, params: &lsp::InitializeParams, debounce: Duration) -> Self {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = caps.workspace.as_ref();
        let can = ClientCan {
            pull: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            refresh: workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watch: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
        };
        #[allow(deprecated)] // `root_uri`: older clients give only it
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or_else(|| params.root_uri.clone())
            .and_then(|u| u.to_file_path().ok());
        Server {
            connection,
            encoding,
            can,
            documents: Documents::default(),
            configuration: Configuration::default(),
            generation: 0,
            checked: HashMap::new(),
            due: HashMap::new(),
            shown: HashSet::new(),
            root,
            shutdown: false,
            next_id: 0,
            configuration_request: None,
            debounce,
        }
    }

    fn capabilities(&self) -> lsp::ServerCapabilities {
        lsp::ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                    ..lsp::TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QUICKFIX,
                        lsp::CodeActionKind::new(FIX_ALL_KIND),
                    ]),
                    ..lsp::CodeActionOptions::default()
                },
            )),
            execute_command_provider: Some(lsp::ExecuteCommandOptions {
                commands: vec![FIX_ALL_COMMAND.into()],
                ..lsp::ExecuteCommandOptions::default()
            }),
            diagnostic_provider: self.can.pull.then(|| {
                lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                    identifier: Some("coquille".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..lsp::DiagnosticOptions::default()
                })
            }),
            ..lsp::ServerCapabilities::default()
        }
    }

    fn respond(&self, response: Response) {
        send(self.connection, response);
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        send(self.connection, Notification::new(N::METHOD.into(), params));
    }

    fn request<R: lsp::request::Request>(&mut self, params: R::Params) -> RequestId {
        self.next_id += 1;
        let id = RequestId::from(format!("coquille-{}", self.next_id));
        send(
            self.connection,
            Request::new(id.clone(), R::METHOD.into(), params),
        );
        id
    }

    /// Logs `message` on stderr and in the client's log.
    fn log(&self, kind: lsp::MessageType, message: String) {
        eprintln!("coquille lsp: {message}");
        self.notify::<lsp::notification::LogMessage>(lsp::LogMessageParams { typ: kind, message });
    }

    /// Shows `message` to the user once (and logs it).
    fn show_once(&mut self, message: String) {
        if self.shown.insert(message.clone()) {
            self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
                typ: lsp::MessageType::ERROR,
                message: message.clone(),
            });
            self.log(lsp::MessageType::ERROR, message);
        }
    }

    fn main_loop(&mut self) -> u8 {
        let mut queue: VecDeque<Message> = VecDeque::new();
        loop {
            if queue.is_empty() {
                let next_due = self.due.values().min().copied();
                let received = match next_due {
                    Some(at) => self
                        .connection
                        .receiver
                        .recv_timeout(at.saturating_duration_since(Instant::now())),
                    None => self
                        .connection
                        .receiver
                        .recv()
                        .map_err(|_| RecvTimeoutError::Disconnected),
                };
                match received {
                    Ok(message) => queue.push_back(message),
                    Err(RecvTimeoutError::Timeout) => {
                        self.check_due();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return 1,
                }
            }
            queue.extend(self.connection.receiver.try_iter());
            self.cancel_waiting(&mut queue);
            let Some(message) = queue.pop_front() else {
                continue;
            };
            match message {
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shutdown { 0 } else { 1 };
                }
                Message::Notification(n) => self.on_notification(n),
                Message::Request(r) => self.on_request(r),
                Message::Response(r) => self.on_response(r),
            }
            if queue.is_empty() && self.connection.receiver.is_empty() {
                self.check_due();
            }
        }
    }

    /// Answers the cancelled requests still waiting in `queue`, and drops
    /// them and the cancellations.
    fn cancel_waiting(&mut self, queue: &mut VecDeque<Message>) {
        let cancelled: Vec<RequestId> = queue
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == "$/cancelRequest" => {
                    serde_json::from_value::<lsp::CancelParams>(n.params.clone())
                        .ok()
                        .map(|p| match p.id {
                            lsp::NumberOrString::Number(n) => RequestId::from(n),
                            lsp::NumberOrString::String(s) => RequestId::from(s),
                        })
                }
                _ => None,
            })
            .collect();
        if cancelled.is_empty() {
            return;
        }
        queue.retain(|m| match m {
            Message::Request(r) if cancelled.contains(&r.id) => {
                self.respond(Response::new_err(
                    r.id.clone(),
                    REQUEST_CANCELLED,
                    "cancelled".into(),
                ));
                false
            }
            Message::Notification(n) => n.method != "$/cancelRequest",
            _ => true,
        });
    }

    fn on_notification(&mut self, n: Notification) {
        use lsp::notification::{
            DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles,
            DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Initialized,
            Notification as _,
        };
        let method = n.method.clone();
        let result = match method.as_str() {
            Initialized::METHOD => {
                self.on_initialized();
                Ok(())
            }
            DidOpenTextDocument::METHOD => params(n).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(n).map(|p| self.did_change(p)),
            DidCloseTextDocument::METHOD => params(n).map(|p| self.did_close(p)),
            DidSaveTextDocument::METHOD => params(n).map(|p: lsp::DidSaveTextDocumentParams| {
                if is_config_file(&p.text_document.uri) {
                    self.settings_changed();
                }
            }),
            DidChangeConfiguration::METHOD => {
                params(n).map(|p: lsp::DidChangeConfigurationParams| {
                    self.did_change_configuration(p.settings)
                })
            }
            DidChangeWatchedFiles::METHOD => {
                self.settings_changed();
                Ok(())
            }
            MALFORMED => {
                self.log(
                    lsp::MessageType::ERROR,
                    format!("malformed message ignored: {}", n.params),
                );
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.log(lsp::MessageType::ERROR, format!("{method}: {e}"));
        }
    }

    fn on_initialized(&mut self) {
        if self.can.watch {
            let watchers = ["**/coquille.toml", "**/.coquille.toml"]
                .into_iter()
                .map(|glob| lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String(glob.into()),
                    kind: None,
                })
                .collect();
            let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
            self.request::<lsp::request::RegisterCapability>(lsp::RegistrationParams {
                registrations: vec![lsp::Registration {
                    id: "coquille-configuration-files".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                }],
            });
        }
        self.ask_configuration();
    }

    /// Asks the client for the `coquille` settings, when it can answer.
    fn ask_configuration(&mut self) {
        if self.can.configuration {
            let id =
                self.request::<lsp::request::WorkspaceConfiguration>(lsp::ConfigurationParams {
                    items: vec![lsp::ConfigurationItem {
                        scope_uri: None,
                        section: Some("coquille".into()),
                    }],
                });
            self.configuration_request = Some(id);
        }
    }

    fn did_change_configuration(&mut self, settings: Value) {
        let empty = settings.is_null() || settings.as_object().is_some_and(|o| o.is_empty());
        if empty && self.can.configuration {
            self.ask_configuration();
        } else {
            self.apply_settings(&settings);
            self.settings_changed();
        }
    }

    /// Takes the editor's settings `value`; errors are shown, the rest is
    /// used.
    fn apply_settings(&mut self, value: &Value) {
        let (overrides, errors) = editor_overrides(value);
        self.configuration.set_overrides(overrides);
        for e in errors {
            self.show_once(e);
        }
    }

    /// The settings or a configuration file changed: every open document
    /// is checked again.
    fn settings_changed(&mut self) {
        self.configuration.reload();
        self.generation += 1;
        self.shown.clear();
        if self.can.pull {
            if self.can.refresh {
                self.request::<lsp::request::WorkspaceDiagnosticRefresh>(());
            }
            return;
        }
        for uri in self.documents.uris() {
            self.publish(&uri);
        }
    }

    fn on_response(&mut self, response: Response) {
        if self.configuration_request.as_ref() == Some(&response.id) {
            self.configuration_request = None;
            if let Some(Value::Array(items)) = response.result
                && let Some(first) = items.first()
                && !first.is_null()
            {
                let first = first.clone();
                self.apply_settings(&first);
                self.settings_changed();
            }
        }
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let item = p.text_document;
        let doc = Document::new(item.uri.clone(), &item.language_id, item.version, item.text);
        self.documents.open(doc);
        self.due.remove(&item.uri);
        if !self.can.pull {
            self.publish(&item.uri);
        }
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(&uri) else {
            self.log(
                lsp::MessageType::WARNING,
                format!("change to a document not open: {uri}"),
            );
            return;
        };
        doc.apply(p.content_changes, p.text_document.version, encoding);
        if !self.can.pull {
            self.due.insert(uri, Instant::now() + self.debounce);
        }
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        self.documents.close(&uri);
        self.checked.remove(&uri);
        self.due.remove(&uri);
        if !self.can.pull {
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            });
        }
    }

    /// Checks and publishes the documents whose debounce has passed.
    fn check_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<lsp::Url> = self
            .due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            self.publish(&uri);
        }
    }

    /// Publishes the findings of the current version of `uri`.
    fn publish(&mut self, uri: &lsp::Url) {
        let Some(checked) = self.check(uri) else {
            return;
        };
        self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: checked.diagnostics,
            version: Some(checked.version),
        });
    }

    /// The linter of the document at `uri`, or `None` when it is not
    /// checked (excluded by its configuration).
    fn linter_for(&mut self, uri: &lsp::Url) -> Option<Rc<Linter>> {
        let doc = self.documents.get(uri)?;
        let path = doc.path.clone();
        let root = self.root.clone();
        match self.configuration.resolve(path.as_deref(), root.as_deref()) {
            Resolved::Check(linter, forced, source_file, error) => {
                if let Some(e) = error {
                    self.show_once(format!("{e} (coquille uses its defaults)"));
                }
                if let Some(doc) = self.documents.get_mut(uri) {
                    doc.kind = forced.unwrap_or(doc.detected);
                    doc.source_file = source_file;
                }
                Some(linter)
            }
            Resolved::Excluded => None,
        }
    }

    /// The findings of the current version of `uri` (checked now unless
    /// known).
    fn check(&mut self, uri: &lsp::Url) -> Option<Checked> {
        let doc = self.documents.get(uri)?;
        if let Some(c) = self.checked.get(uri)
            && c.version == doc.version
            && c.generation == self.generation
        {
            return Some(c.clone());
        }
        let version = doc.version;
        let checked = if doc.text.len() > MAX_DOCUMENT_BYTES {
            Checked {
                version,
                generation: self.generation,
                findings: Vec::new(),
                diagnostics: vec![lsp::Diagnostic {
                    range: lsp::Range::default(),
                    severity: Some(lsp::DiagnosticSeverity::INFORMATION),
                    source: Some("coquille".into()),
                    message: format!(
                        "coquille skipped this document: it is over {} MB",
                        MAX_DOCUMENT_BYTES / (1024 * 1024)
                    ),
                    ..lsp::Diagnostic::default()
                }],
            }
        } else {
            let findings = match self.linter_for(uri) {
                Some(linter) => {
                    let (source, error) = self.documents.get(uri)?.source();
                    if let Some(e) = error {
                        self.show_once(format!("{e} (checked without its source file)"));
                    }
                    linter.check(&source)
                }
                None => Vec::new(),
            };
            let doc = self.documents.get(uri)?;
            let diagnostics = findings.iter().map(|f| self.to_lsp(doc, f)).collect();
            Checked {
                version,
                generation: self.generation,
                findings,
                diagnostics,
            }
        };
        self.checked.insert(uri.clone(), checked.clone());
        Some(checked)
    }

    fn to_lsp(&self, doc: &Document, finding: &Diagnostic) -> lsp::Diagnostic {
        lsp::Diagnostic {
            range: doc.lines.range(
                &doc.text,
                finding.span.start,
                finding.span.end,
                self.encoding,
            ),
            severity: Some(severity(finding.severity)),
            code: Some(lsp::NumberOrString::String(finding.rule.into())),
            source: Some("coquille".into()),
            message: finding.message.clone(),
            ..lsp::Diagnostic::default()
        }
    }

    fn on_request(&mut self, request: Request) {
        use lsp::request::{
            CodeActionRequest, DocumentDiagnosticRequest, ExecuteCommand, Request as _, Shutdown,
        };
        let id = request.id.clone();
        if self.shutdown {
            self.respond(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            ));
            return;
        }
        let method = request.method.clone();
        let result: Result<Value, (ErrorCode, String)> = match method.as_str() {
            Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            CodeActionRequest::METHOD => {
                request_params(request).map(|p| to_value(self.code_actions(p)))
            }
            DocumentDiagnosticRequest::METHOD => {
                request_params(request).map(|p| to_value(self.pull(p)))
            }
            ExecuteCommand::METHOD => request_params(request).and_then(|p| self.execute(p)),
            "initialize" => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".into(),
            )),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method {method}"),
            )),
        };
        match result {
            Ok(value) => self.respond(Response::new_ok(id, value)),
            Err((code, message)) => {
                if !matches!(code, ErrorCode::MethodNotFound) {
                    self.log(lsp::MessageType::WARNING, format!("{method}: {message}"));
                }
                self.respond(Response::new_err(id, code as i32, message));
            }
        }
    }

    fn pull(&mut self, p: lsp::DocumentDiagnosticParams) -> lsp::DocumentDiagnosticReportResult {
        let (result_id, items) = match self.check(&p.text_document.uri) {
            Some(c) => (
                Some(format!("{}-{}", c.version, c.generation)),
                c.diagnostics,
            ),
            None => (None, Vec::new()),
        };
        lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
            lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id,
                    items,
                },
            },
        ))
    }

    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = p.text_document.uri;
        let only = p.context.only.as_deref();
        let Some(checked) = self.check(&uri) else {
            return Vec::new();
        };
        let Some(doc) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let (start, end) = doc.lines.byte_range(&doc.text, p.range, self.encoding);
        let mut out = Vec::new();
        if actions::wanted(lsp::CodeActionKind::QUICKFIX.as_str(), only) {
            let mut ignored = HashSet::new();
            let mut ignores = Vec::new();
            for (finding, lsp) in checked.findings.iter().zip(&checked.diagnostics) {
                if finding.span.start > end || finding.span.end < start {
                    continue;
                }
                if let Some(action) = actions::quick_fix(doc, finding, lsp, self.encoding) {
                    out.push(action);
                }
                let line = doc.lines.line_start(finding.span.start);
                if ignored.insert((finding.rule, line)) {
                    ignores.extend(actions::ignore_on_line(doc, finding, lsp, self.encoding));
                }
            }
            out.extend(ignores);
        }
        let fixable = checked
            .findings
            .iter()
            .any(|f| f.is_fixable(crate::diagnostic::Applicability::Safe));
        if fixable && actions::wanted(FIX_ALL_KIND, only) {
            let encoding = self.encoding;
            if let Some(linter) = self.linter_for(&uri)
                && let Some(doc) = self.documents.get(&uri)
                && let Some(action) = actions::fix_all(doc, &linter, encoding)
            {
                out.push(action);
            }
        }
        out.into_iter()
            .map(lsp::CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn execute(&mut self, p: lsp::ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        if p.command != FIX_ALL_COMMAND {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command {}", p.command),
            ));
        }
        let uri = p
            .arguments
            .first()
            .and_then(|a| match a {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("uri").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .and_then(|s| lsp::Url::parse(&s).ok())
            .ok_or((
                ErrorCode::InvalidParams,
                format!("{FIX_ALL_COMMAND} takes the document's URI"),
            ))?;
        if self.documents.get(&uri).is_none() {
            return Err((ErrorCode::InvalidParams, format!("{uri} is not open")));
        }
        let encoding = self.encoding;
        if let Some(linter) = self.linter_for(&uri)
            && let Some(doc) = self.documents.get(&uri)
            && let Some(edit) = actions::fix_all_edit(doc, &linter, encoding)
        {
            self.request::<lsp::request::ApplyWorkspaceEdit>(lsp::ApplyWorkspaceEditParams {
                label: Some("coquille: apply every safe fix".into()),
                edit,
            });
        }
        Ok(Value::Null)
    }
}

/// Whether `uri` is a configuration file.
fn is_config_file(uri: &lsp::Url) -> bool {
    uri.path_segments()
        .and_then(|mut s| s.next_back())
        .is_some_and(|name| crate::config::FILE_NAMES.contains(&name))
}

/// The parameters of a notification.
fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Result<P, String> {
    serde_json::from_value(n.params).map_err(|e| format!("invalid parameters: {e}"))
}

/// The parameters of a request.
fn request_params<P: serde::de::DeserializeOwned>(r: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(r.params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

/// A result as JSON (the protocol's types always serialise).
fn to_value(result: impl serde::Serialize) -> Value {
    serde_json::to_value(result).unwrap_or(Value::Null)
}
