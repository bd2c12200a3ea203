"""Shared helpers of the Python package's tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# The text kind of each example document, by extension.
KINDS = {".md": "markdown", ".po": "po", ".txt": "plain"}


def example_documents() -> list[Path]:
    """The example documents of the repository (plain, Markdown, PO)."""
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in KINDS)


@pytest.fixture(scope="session")
def cli() -> str:
    """The coquille command-line program to compare with."""
    found = os.environ.get("COQUILLE_BIN") or shutil.which("coquille")
    for candidate in (found, ROOT / "target/debug/coquille", ROOT / "target/release/coquille"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("no coquille binary: build it with `cargo build` or set COQUILLE_BIN")
