"""`coquille lsp` driven by pytest-lsp with the capabilities real editors
send: Neovim 0.7 (UTF-16 positions, pushed diagnostics), Neovim 0.11
(UTF-8 positions, pulled diagnostics) and VS Code 1.65.

Run by tests/lsp-client/run.sh, which builds the release binary.
"""

import os
import pathlib
import unicodedata

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("COQUILLE_BIN", str(ROOT / "target" / "release" / "coquille"))

# An emoji (two UTF-16 units, four bytes) and a combining accent (one unit,
# two bytes) before the `?` that lacks its narrow no-break space.
TEXT = "# Notes\n\nLe 😀 cafe\u0301 est prêt?\n"
RULE = "spacing/missing-space-before"
FIXED = "# Notes\n\nLe 😀 cafe\u0301 est prêt\u202f?\n"
# Every safe fix: the accent is composed too (unicode/not-nfc).
FIXED_ALL = unicodedata.normalize("NFC", FIXED)


@pytest_lsp.fixture(
    params=["neovim@v0.7.0", "neovim@v0.11.0", "visual-studio-code"],
    config=ClientServerConfig(server_command=[BINARY, "lsp"]),
)
async def client(request, lsp_client: LanguageClient):
    # VS Code lets servers register for changes to files (coquille.toml).
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        return None

    params = types.InitializeParams(capabilities=client_capabilities(request.param))
    result = await lsp_client.initialize_session(params)
    lsp_client.coquille_result = result
    yield
    await lsp_client.shutdown_session()


def utf8(client: LanguageClient) -> bool:
    return client.coquille_result.capabilities.position_encoding == "utf-8"


async def diagnostics_of(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The findings for `uri`, pulled when the server offers it, else
    waited for."""
    if client.coquille_result.capabilities.diagnostic_provider is not None:
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri)
            )
        )
        return list(report.items)
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def offset(text: str, position: types.Position, in_utf8: bool) -> int:
    """The string index of `position` in `text` (lines end at `\\n`)."""
    lines = text.split("\n")
    index = sum(len(line) + 1 for line in lines[: position.line])
    units = 0
    for i, char in enumerate(lines[position.line]):
        if units >= position.character:
            return index + i
        units += len(char.encode("utf-8" if in_utf8 else "utf-16-le")) // (1 if in_utf8 else 2)
    return index + len(lines[position.line])


def apply(text: str, edits: list[types.TextEdit], in_utf8: bool) -> str:
    spans = [
        (offset(text, e.range.start, in_utf8), offset(text, e.range.end, in_utf8), e.new_text)
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def open_document(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )


@pytest.mark.asyncio
async def test_diagnostics_have_exact_ranges(client: LanguageClient, tmp_path):
    uri = (tmp_path / "notes.md").as_uri()
    open_document(client, uri, TEXT)
    found = [d for d in await diagnostics_of(client, uri) if d.code == RULE]
    assert len(found) == 1
    d = found[0]
    # `?` is UTF-16 unit 20 of line 2, byte 24.
    column = 24 if utf8(client) else 20
    assert (d.range.start.line, d.range.start.character) == (2, column)
    assert (d.range.end.line, d.range.end.character) == (2, column + 1)
    assert d.source == "coquille"
    assert d.severity == types.DiagnosticSeverity.Warning


@pytest.mark.asyncio
async def test_quick_fix_and_fix_all(client: LanguageClient, tmp_path):
    uri = (tmp_path / "fix.md").as_uri()
    open_document(client, uri, TEXT)
    found = [d for d in await diagnostics_of(client, uri) if d.code == RULE]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    preferred = [a for a in actions if getattr(a, "is_preferred", False)]
    assert len(preferred) == 1
    assert apply(TEXT, preferred[0].edit.changes[uri], utf8(client)) == FIXED
    ignore = [a for a in actions if "ignore" in a.title]
    assert apply(TEXT, ignore[0].edit.changes[uri], utf8(client)) == TEXT.replace(
        "Le ", f"<!-- coquille-ignore-next-line {RULE} -->\nLe "
    )

    fix_all = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert [a.kind for a in fix_all] == ["source.fixAll.coquille"]
    assert apply(TEXT, fix_all[0].edit.changes[uri], utf8(client)) == FIXED_ALL


@pytest.mark.asyncio
async def test_changes_are_followed(client: LanguageClient, tmp_path):
    uri = (tmp_path / "change.md").as_uri()
    open_document(client, uri, TEXT)
    await diagnostics_of(client, uri)
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=FIXED)],
        )
    )
    assert [d for d in await diagnostics_of(client, uri) if d.code == RULE] == []
