"""The API the issue lists: check, fix, Linter, Diagnostic, rules, errors."""

from __future__ import annotations

import json

import pytest

import coquille

QUESTION = "Quelle est la prochaine étape?"


def test_check_finds_and_locates():
    [d] = coquille.check(QUESTION)
    assert d.rule == "spacing/missing-space-before"
    assert d.category == "spacing"
    assert d.severity == "warning"
    assert "?" in d.message
    assert (d.start, d.end) == (29, 30)
    assert QUESTION[d.start : d.end] == "?"
    assert (d.line, d.column) == (1, 30)
    assert d.fix is not None
    assert d.fix.applicability == "safe"
    [edit] = d.fix.edits
    assert (edit.start, edit.end, edit.replacement) == (29, 29, "\u202f")


def test_clean_text_gives_nothing():
    assert coquille.check("Quelle est la prochaine étape\u202f?") == []
    assert coquille.check("") == []


def test_fix_applies_safe_fixes_only_unless_asked():
    assert coquille.fix(QUESTION) == "Quelle est la prochaine étape\u202f?"
    # "A Paris" -> "À Paris" is an unsafe fix: applied only when asked.
    text = "A Paris, il pleut."
    assert coquille.fix(text) == text
    assert coquille.fix(text, unsafe=True) == "À Paris, il pleut."


def test_fix_is_idempotent():
    text = 'Il a dit "bonjour" ... puis rien!'
    once = coquille.fix(text)
    assert once == "Il a dit «\u00a0bonjour\u00a0»… puis rien\u202f!"
    assert coquille.fix(once) == once


def test_to_dict_is_plain_and_json_ready():
    [d] = coquille.check(QUESTION)
    as_dict = d.to_dict()
    assert as_dict == {
        "rule": "spacing/missing-space-before",
        "category": "spacing",
        "severity": "warning",
        "message": d.message,
        "start": 29,
        "end": 30,
        "line": 1,
        "column": 30,
        "fix": {
            "applicability": "safe",
            "edits": [{"start": 29, "end": 29, "replacement": "\u202f"}],
        },
        "fuzzy": False,
    }
    json.dumps(as_dict)
    [plain] = coquille.check("Du texte  ici.", select="spacing/repeated-spaces")
    assert plain.to_dict()["fix"]["applicability"] == "safe"


def test_select_and_ignore_act_as_the_command_line():
    text = 'Il dit "oui"!'
    every = {d.rule for d in coquille.check(text)}
    assert every == {"quotes/straight-quotes", "spacing/missing-space-before"}
    assert {d.rule for d in coquille.check(text, select="quotes")} == {"quotes/straight-quotes"}
    assert {d.rule for d in coquille.check(text, select=["quotes", "spacing"])} == every
    assert {d.rule for d in coquille.check(text, ignore="quotes/straight-quotes")} == {
        "spacing/missing-space-before"
    }


def test_profile_changes_what_is_reported():
    # A plain space before ":" is accepted in lenient and standard, not in strict.
    text = "Voici la liste : pommes, poires."
    assert coquille.check(text, profile="lenient") == []
    strict = coquille.Linter(profile="strict")
    assert strict.enabled_rules != coquille.Linter(profile="lenient").enabled_rules


def test_linter_reuses_its_settings_and_reports_its_rules():
    linter = coquille.Linter(select="spacing")
    assert linter.enabled_rules
    assert all(r.startswith("spacing/") for r in linter.enabled_rules)
    assert linter.enabled_rules == sorted(linter.enabled_rules)
    assert [d.rule for d in linter.check('Il dit "oui"!')] == ["spacing/missing-space-before"]
    assert linter.fix("Oui!") == "Oui\u202f!"


def test_config_dict_uses_the_keys_of_the_configuration_file():
    linter = coquille.Linter(
        {
            "select": ["quotes", "spacing"],
            "ignore": ["spacing/missing-space-before"],
            "rules": {"quotes/straight-quotes": {"severity": "error"}},
        }
    )
    [d] = linter.check('Il dit "oui"!')
    assert (d.rule, d.severity) == ("quotes/straight-quotes", "error")
    # Top-level keys may be written with underscores.
    words = coquille.Linter({"allow_words": ["feedback"]})
    assert words.check("Merci pour le feedback.") == []


def test_options_override_the_config():
    linter = coquille.Linter({"select": ["quotes"]}, select="spacing")
    assert [d.rule for d in linter.check('Il dit "oui"!')] == ["spacing/missing-space-before"]


def test_config_path(tmp_path):
    path = tmp_path / "coquille.toml"
    path.write_text('select = ["spacing"]\n[rules."spacing/missing-space-before"]\nseverity = "info"\n')
    for config in (path, str(path)):
        [d] = coquille.Linter(config).check('Il dit "oui"!')
        assert (d.rule, d.severity) == ("spacing/missing-space-before", "info")


def test_rules_lists_metadata():
    rules = coquille.rules()
    by_id = {r["id"]: r for r in rules}
    assert len(by_id) == len(rules) > 50
    rule = by_id["spacing/missing-space-before"]
    assert rule["category"] == "spacing"
    assert rule["fix"] == "safe"
    assert rule["default"] is True
    assert set(rule["profiles"]) <= {"lenient", "standard", "strict"}
    assert rule["explanation"]
    assert any(r["group"] == "style" and not r["default"] for r in rules)
    assert set(coquille.Linter(select="ALL").enabled_rules) <= set(by_id)


def test_version():
    assert coquille.__version__.count(".") == 2


# Errors: a clear exception, never a crash.


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["list"]])
def test_non_str_text_is_a_type_error(bad):
    with pytest.raises(TypeError, match="text must be str"):
        coquille.check(bad)
    with pytest.raises(TypeError, match="text must be str"):
        coquille.Linter().fix(bad)


def test_batches_want_an_iterable_of_str():
    linter = coquille.Linter()
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        linter.check_batch(["a", 1])
    with pytest.raises(TypeError, match="not a str"):
        linter.check_batch("a text")
    with pytest.raises(TypeError):
        linter.fix_batch(3)


def test_unknown_rule_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="unknown rule or category `spacing/nope`"):
        coquille.Linter(select="spacing/nope")
    with pytest.raises(ValueError, match="did you mean `spacing`"):
        coquille.check("x", ignore=["spacng"])
    with pytest.raises(ValueError, match="empty rule selection"):
        coquille.Linter(select=[])


def test_unknown_profile_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="unknown profile `loose`"):
        coquille.Linter(profile="loose")


def test_unknown_config_key_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="unknown key `selekt`"):
        coquille.Linter({"selekt": ["spacing"]})
    with pytest.raises(ValueError, match=r"unknown rule `spacing/nope`"):
        coquille.Linter({"rules": {"spacing/nope": {"severity": "info"}}})
    with pytest.raises(ValueError, match="key `profile`: unknown value `loose`"):
        coquille.Linter({"profile": "loose"})
    with pytest.raises(ValueError, match="key `select`"):
        coquille.Linter({"select": "spacing"})


def test_bad_config_arguments():
    with pytest.raises(FileNotFoundError, match="nope.toml"):
        coquille.Linter("/nonexistent/nope.toml")
    with pytest.raises(TypeError, match="config must be"):
        coquille.Linter(42)
    with pytest.raises(ValueError, match="unknown kind `html`"):
        coquille.check("x", kind="html")


def test_texts_that_are_not_unicode_scalars_are_refused():
    # A lone surrogate cannot be encoded to UTF-8.
    with pytest.raises(UnicodeEncodeError):
        coquille.check("a\ud800b")


def test_odd_texts_do_not_crash():
    for text in ["\0", "\ufeff", "\r\n\r\n", "«", "»»««", "\u202f?" * 50, "a" * 100_000, "é" * 3]:
        linter = coquille.Linter(select="ALL")
        found = linter.check(text)
        fixed = linter.fix(text, unsafe=True)
        assert isinstance(fixed, str)
        for d in found:
            assert 0 <= d.start <= d.end <= len(text)


def test_module_docstring_examples():
    import doctest

    result = doctest.testmod(coquille)
    assert result.attempted >= 3
    assert result.failed == 0


def test_findings_in_fuzzy_translations_say_so():
    po = (
        'msgid "Ready?"\nmsgstr "Prêt?"\n\n'
        '#, fuzzy\nmsgid "Done?"\nmsgstr "Fini?"\n'
    )
    found = coquille.check(po, kind="po", select="spacing/missing-space-before")
    assert [(po[d.start - 4 : d.end], d.fuzzy) for d in found] == [
        ("Prêt?", False),
        ("Fini?", True),
    ]

