r"""coquille: a fast linter and fixer for French text, in process.

It finds typography faults and what machine translation leaves behind in
French (English quotes and spacing, untranslated words, lost agreement,
missing elision...) and fixes what is certain. Offsets are in code points,
so ``text[d.start:d.end]`` is the text a finding points at.

>>> import coquille
>>> [d.rule for d in coquille.check("Quelle heure est-il?")]
['spacing/missing-space-before']
>>> coquille.fix("Quelle heure est-il?")
'Quelle heure est-il\u202f?'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ._coquille import Diagnostic, Edit, Fix, Linter, __version__, rules
from ._coquille import linter_from_toml as _linter_from_toml

__all__ = [
    "Diagnostic",
    "Edit",
    "Fix",
    "Linter",
    "__version__",
    "check",
    "fix",
    "rules",
]


def _key(rules: str | Iterable[str] | None) -> str | tuple[str, ...] | None:
    """A hashable form of a ``select`` or ``ignore`` option."""
    if rules is None or isinstance(rules, str):
        return rules
    return tuple(rules)


@lru_cache(maxsize=32)
def _linter(
    profile: str | None,
    select: str | tuple[str, ...] | None,
    ignore: str | tuple[str, ...] | None,
) -> Linter:
    """The linter for these options, built once."""
    return Linter(profile=profile, select=select, ignore=ignore)


def check(
    text: str,
    *,
    kind: str = "plain",
    profile: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> list[Diagnostic]:
    """The findings on ``text``, sorted by position.

    ``kind`` is ``"plain"``, ``"markdown"`` or ``"po"``; ``profile``,
    ``select`` and ``ignore`` act as the command line's options. The linter
    for a set of options is built once and kept.
    """
    return _linter(profile, _key(select), _key(ignore)).check(text, kind=kind)


def fix(
    text: str,
    *,
    unsafe: bool = False,
    kind: str = "plain",
    profile: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> str:
    """``text`` with its safe fixes applied (and the unsafe ones too with
    ``unsafe=True``), until it is stable."""
    linter = _linter(profile, _key(select), _key(ignore))
    return linter.fix(text, kind=kind, unsafe=unsafe)
