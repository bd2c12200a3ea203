"""Offsets are code points, so Python slicing works; lines and columns too."""

from __future__ import annotations

import coquille


def apply(text: str, edits: list[coquille.Edit]) -> str:
    """`text` with `edits` (code point offsets, not overlapping) applied."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def test_emoji_before_a_finding():
    text = "😀 Quelle heure est-il?"
    [d] = coquille.check(text)
    # "?" is code point 22 (the emoji counts one), but byte 25 in UTF-8.
    assert (d.start, d.end) == (text.index("?"), text.index("?") + 1) == (21, 22)
    assert text[d.start : d.end] == "?"
    assert (d.line, d.column) == (1, 22)
    assert d.fix.edits[0].start == 21


def test_emoji_made_of_several_code_points():
    # A family emoji: 5 code points joined by zero-width joiners, 18 bytes.
    family = "👩\u200d👩\u200d👧"
    text = f"{family} Bonjour!"
    [d] = coquille.check(text, select="spacing/missing-space-before")
    assert text[d.start : d.end] == "!"
    assert d.column == len(text)


def test_combining_accents_count_as_code_points():
    text = "Un cafe\u0301 chaud\net un the\u0301!"
    found = coquille.check(text)
    nfc = [d for d in found if d.rule == "unicode/not-nfc"]
    assert [text[d.start : d.end] for d in nfc] == ["e\u0301", "e\u0301"]
    assert [(d.line, d.column) for d in nfc] == [(1, 7), (2, 9)]
    [bang] = [d for d in found if d.rule == "spacing/missing-space-before"]
    assert text[bang.start : bang.end] == "!"
    assert (bang.line, bang.column) == (2, 11)


def test_every_span_slices_what_the_message_names():
    text = "🎉 Il a dit \"bonjour\" ... puis rien!\n\n👍🏽 A Paris le 3/4/2024 , voila."
    found = coquille.check(text, select="ALL")
    assert len(found) >= 4
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        line_start = text.rfind("\n", 0, d.start) + 1
        assert d.line == text.count("\n", 0, d.start) + 1
        assert d.column == d.start - line_start + 1


def test_edits_applied_in_python_give_the_fixed_text():
    # Fixes that do not touch each other: one pass of them is the fix.
    text = "👋 Il a dit \"bonjour\", puis rien... Vraiment!"
    found = coquille.check(text)
    edits = [e for d in found if d.fix and d.fix.applicability == "safe" for e in d.fix.edits]
    assert apply(text, edits) == coquille.fix(text)
    assert coquille.fix(text) == "👋 Il a dit «\u00a0bonjour\u00a0», puis rien… Vraiment\u202f!"


def test_bom_is_a_code_point_but_not_a_column():
    text = "\ufeffOui!"
    [d] = coquille.check(text)
    assert text[d.start : d.end] == "!"
    assert (d.start, d.column) == (4, 4)
