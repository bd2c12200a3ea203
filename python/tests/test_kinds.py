"""Markdown and gettext catalogues: only their prose is read."""

from __future__ import annotations

import coquille

MARKDOWN = """\
# Mode d’emploi 🚀

**Attention**! Lancez `hello world --verbose` puis attendez.

```sh
echo "Hello world!"
```
"""

PO = """\
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

#: src/main.c:10
msgid "Where is it?"
msgstr "Où est-il?"

msgid "Save \\"%s\\"?"
msgstr "Enregistrer «\u00a0%s\u00a0»\u202f?"
"""


def test_markdown_reads_prose_not_code():
    found = coquille.check(MARKDOWN, kind="markdown")
    assert [d.rule for d in found] == ["spacing/missing-space-before"]
    [d] = found
    assert MARKDOWN[d.start : d.end] == "!"
    assert (d.line, d.column) == (3, 14)


def test_markdown_read_as_plain_text_sees_the_code():
    as_plain = {d.rule for d in coquille.check(MARKDOWN, kind="plain")}
    as_markdown = {d.rule for d in coquille.check(MARKDOWN, kind="markdown")}
    assert as_plain > as_markdown


def test_markdown_fix_keeps_the_markup():
    fixed = coquille.fix(MARKDOWN, kind="markdown")
    assert fixed == MARKDOWN.replace("**Attention**!", "**Attention**\u202f!")


def test_po_reads_translations_only():
    found = coquille.check(PO, kind="po")
    assert [d.rule for d in found] == ["spacing/missing-space-before"]
    [d] = found
    assert PO[d.start : d.end] == "?"
    assert d.line == 6
    fixed = coquille.fix(PO, kind="po")
    assert fixed == PO.replace('msgstr "Où est-il?"', 'msgstr "Où est-il\u202f?"')


def test_kinds_in_batches():
    linter = coquille.Linter()
    [markdown, po] = linter.check_batch([MARKDOWN, PO], kind="markdown")
    assert markdown == linter.check(MARKDOWN, kind="markdown")
    assert linter.check_batch([PO], kind="po") == [linter.check(PO, kind="po")]
    assert linter.fix_batch([PO], kind="po") == [linter.fix(PO, kind="po")]
