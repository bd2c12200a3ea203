#!/usr/bin/env bash
# Drives the release binary's `coquille lsp` with pytest-lsp and the client
# capabilities it records for real editors. Creates a virtual environment
# in target/ (once), installs pytest-lsp from PyPI, builds, runs pytest.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/lsp-client-venv
if [ ! -x "$venv/bin/pytest" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet pytest-lsp
fi
cargo build --release --quiet
"$venv/bin/pytest" -q -p no:cacheprovider tests/lsp-client "$@"
