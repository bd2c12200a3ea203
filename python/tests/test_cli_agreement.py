"""The package and the command line agree on the example documents."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import coquille
from conftest import KINDS, ROOT, example_documents


def byte_offset(text: str, code_point: int) -> int:
    return len(text[:code_point].encode("utf-8"))


def cli_findings(cli: str, path: Path) -> list[dict]:
    run = subprocess.run(
        [cli, "check", "--no-config", "--format", "json", "--exit-zero", str(path)],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(run.stdout)


def as_cli(text: str, d: coquille.Diagnostic) -> dict:
    """A finding of the package in the command line's JSON shape (minus path)."""
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "edits": [
                {
                    "start": byte_offset(text, e.start),
                    "end": byte_offset(text, e.end),
                    "replacement": e.replacement,
                }
                for e in d.fix.edits
            ],
        }
    found = {
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity,
        "message": d.message,
        "start": {"line": d.line, "column": d.column, "offset": byte_offset(text, d.start)},
        "end": byte_offset(text, d.end),
        "fix": fix,
    }
    # The command line writes `fuzzy` only when it is true.
    if d.fuzzy:
        found["fuzzy"] = True
    return found


def test_there_are_examples_of_each_kind():
    assert {p.suffix for p in example_documents()} == set(KINDS)


@pytest.mark.parametrize("path", example_documents(), ids=lambda p: p.name)
def test_same_findings_as_the_cli(cli, path):
    text = path.read_text(encoding="utf-8")
    expected = cli_findings(cli, path)
    for item in expected:
        del item["path"]
        item["end"] = item["end"]["offset"]
    found = coquille.check(text, kind=KINDS[path.suffix])
    assert [as_cli(text, d) for d in found] == expected
    if path.name != "texte-correct.txt":
        assert expected


@pytest.mark.parametrize("path", example_documents(), ids=lambda p: p.name)
def test_same_fixes_as_the_cli(cli, path):
    text = path.read_text(encoding="utf-8")
    run = subprocess.run(
        [cli, "fix", "--no-config", "--quiet", "--exit-zero", "-", "--stdin-filename", path.name],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    assert coquille.fix(text, kind=KINDS[path.suffix]) == run.stdout.decode("utf-8")
