#!/usr/bin/env bash
# Part (c) of `cargo bench --bench scale`: coquille and Grammalecte side by
# side on the same 1 MB of French. Installs Debian's grammalecte-cli when it
# is missing (Debian and Ubuntu), builds the release binary, runs the part.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v grammalecte-cli >/dev/null 2>&1 && [ -z "${GRAMMALECTE_CLI:-}" ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo apt-get install -y grammalecte-cli
fi
cargo build --release
cargo bench --bench scale -- grammalecte
