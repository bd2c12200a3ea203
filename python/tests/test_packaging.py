"""The binding stays out of the command line's build."""

from __future__ import annotations

import pytest

from conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later


def test_the_main_build_never_pulls_pyo3():
    lock = tomllib.loads((ROOT / "Cargo.lock").read_text(encoding="utf-8"))
    names = {package["name"] for package in lock["package"]}
    assert "coquille" in names
    assert not any(name.startswith("pyo3") for name in names)


def test_the_binding_is_a_workspace_of_its_own():
    manifest = tomllib.loads((ROOT / "python/Cargo.toml").read_text(encoding="utf-8"))
    assert manifest["workspace"] == {}
    assert manifest["dependencies"]["coquille"] == {"path": ".."}
    assert "abi3-py310" in manifest["dependencies"]["pyo3"]["features"]
    top = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    assert "python" not in str(top.get("workspace", {}))
