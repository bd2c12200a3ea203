#!/usr/bin/env bash
# Builds the Python package (release) in a virtual environment and runs its
# tests with pytest. The environment is kept under python/target/venv (or
# $COQUILLE_VENV), so a second run only rebuilds what changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${COQUILLE_VENV:-$here/target/venv}"
pip_quiet=(--quiet --disable-pip-version-check)

cargo fmt --manifest-path "$here/Cargo.toml" --check

if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
export PATH="$venv/bin:$PATH"
"$venv/bin/python" -m pip install "${pip_quiet[@]}" "maturin>=1.9.4,<2" pytest
# No build isolation: maturin comes from the environment above, and the
# crate builds in python/target, incrementally.
"$venv/bin/python" -m pip install "${pip_quiet[@]}" --no-build-isolation --force-reinstall --no-deps "$here"

# The CLI the agreement tests compare with.
(cd "$root" && cargo build --quiet --bin coquille)
export COQUILLE_BIN="$root/target/debug/coquille"

# From the tests folder, so that `import coquille` finds the installed
# package, not its sources.
cd "$here/tests"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
