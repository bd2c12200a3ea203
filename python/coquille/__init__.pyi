"""Types of the coquille package (the native module and its helpers)."""

from collections.abc import Iterable
from os import PathLike
from typing import Any, Literal, TypeAlias

__version__: str

Kind: TypeAlias = Literal["plain", "markdown", "po"]
Rules: TypeAlias = str | Iterable[str]
Config: TypeAlias = str | PathLike[str] | dict[str, Any]

class Edit:
    """One replacement: characters ``start`` to ``end`` become
    ``replacement`` (an empty range is an insertion)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def replacement(self) -> str: ...
    def __init__(self, start: int, end: int, replacement: str) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Fix:
    """How to fix a finding: ``applicability`` is ``"safe"``, ``"unsafe"``
    or ``"display-only"``; the edits use code point offsets."""

    @property
    def applicability(self) -> str: ...
    @property
    def edits(self) -> list[Edit]: ...
    def __init__(self, applicability: str, edits: list[Edit]) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Diagnostic:
    """A finding. ``start`` and ``end`` are code point offsets (Python
    string indices); ``line`` and ``column`` (1-based, columns in code
    points) locate its start."""

    @property
    def rule(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def fix(self) -> Fix | None: ...
    @property
    def fuzzy(self) -> bool:
        """Whether the finding is in a translation marked fuzzy (gettext)."""
    def __init__(
        self,
        rule: str,
        category: str,
        severity: str,
        message: str,
        start: int,
        end: int,
        line: int,
        column: int,
        fix: Fix | None = None,
        fuzzy: bool = False,
    ) -> None: ...
    def to_dict(self) -> dict[str, Any]:
        """The finding as plain values (``fix`` a dict or ``None``)."""

class Linter:
    """A linter built once from a configuration (``None``, the path of a
    ``coquille.toml``, or a dict of its keys) and the command line's
    options. Picklable: it is rebuilt from its settings."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        profile: str | None = None,
        select: Rules | None = None,
        ignore: Rules | None = None,
    ) -> None: ...
    def check(self, text: str, *, kind: Kind = "plain") -> list[Diagnostic]:
        """The findings on ``text``, sorted by position."""
    def fix(self, text: str, *, kind: Kind = "plain", unsafe: bool = False) -> str:
        """``text`` with its safe (and with ``unsafe=True`` unsafe) fixes
        applied until it is stable."""
    def check_batch(
        self, texts: Iterable[str], threads: int | None = None, *, kind: Kind = "plain"
    ) -> list[list[Diagnostic]]:
        """The findings on each text, in order, on ``threads`` threads
        (``None``: one per core; one in a forked child)."""
    def fix_batch(
        self,
        texts: Iterable[str],
        threads: int | None = None,
        *,
        kind: Kind = "plain",
        unsafe: bool = False,
    ) -> list[str]:
        """Each text fixed, in order, on ``threads`` threads."""
    @property
    def enabled_rules(self) -> list[str]:
        """The ids of the rules this linter runs, sorted."""
    def to_toml(self) -> str:
        """Its settings as a configuration file that gives them back."""

def check(
    text: str,
    *,
    kind: Kind = "plain",
    profile: str | None = None,
    select: Rules | None = None,
    ignore: Rules | None = None,
) -> list[Diagnostic]:
    """The findings on ``text``, sorted by position."""

def fix(
    text: str,
    *,
    unsafe: bool = False,
    kind: Kind = "plain",
    profile: str | None = None,
    select: Rules | None = None,
    ignore: Rules | None = None,
) -> str:
    """``text`` with its fixes applied until it is stable."""

def rules() -> list[dict[str, Any]]:
    """Every rule's metadata: id, category, severity, default, profiles,
    group, fix, message, explanation."""
