#!/usr/bin/env bash
# A real editor: headless Neovim (Debian's, 0.7) starts `coquille lsp` on a
# French Markdown file, waits for the finding, applies the quick fix and
# checks the buffer (tests/lsp-client/neovim.lua). Installs Neovim when it
# is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v nvim >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q neovim >/dev/null
fi
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# Notes\n\nLe 😀 cafe\xcc\x81 est prêt?\n' > "$work/notes.md"
COQUILLE_BIN="$PWD/target/release/coquille" COQUILLE_FILE="$work/notes.md" \
    timeout 120 nvim --headless --clean -c "luafile tests/lsp-client/neovim.lua"
