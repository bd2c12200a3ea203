#!/usr/bin/env bash
# Proves the pre-commit hooks work: installs pre-commit in a throw-away
# virtual environment, makes a throw-away git repository with a faulty and a
# correct French file, and runs this repository's hooks on them with
# `pre-commit try-repo`, then through a `.pre-commit-config.yaml`. Expected:
# the check hook fails on the faulty file and passes on the correct one; the
# fix hook mends the faulty file, which then passes.
# Run from .ci/run; needs python3 with venv and network access to PyPI.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
# The committed hooks: with a fixed ref, pre-commit builds the hook once and
# reuses it for every run below.
ref="$(git -C "$repo" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
precommit="$work/venv/bin/pre-commit"
export PRE_COMMIT_HOME="$work/cache"

mkdir "$work/project"
cd "$work/project"
git init --quiet
git config user.email "ci@example.invalid"
git config user.name "CI"
printf 'Le directeur de une entreprise a dit:«oui».\n' > faux.md
# A narrow no-break space before `:` and no-break spaces inside « ».
printf 'Le directeur d’une entreprise a dit\xe2\x80\xaf: «\xc2\xa0oui\xc2\xa0».\n' > juste.md
# A gettext catalogue: only the translation is checked.
printf 'msgid "Hello!"\nmsgstr "Bonjour!"\n' > faux.po
git add faux.md juste.md faux.po

expect() {
    local want="$1"; shift
    set +e
    "$@" > "$work/out.txt" 2>&1
    local got=$?
    set -e
    if [ "$got" -ne "$want" ]; then
        echo "expected exit $want, got $got: $*" >&2
        cat "$work/out.txt" >&2
        exit 1
    fi
}

# try-repo, as a user tries the hooks before adopting them: the faulty file
# fails, the correct one is not reported.
expect 1 "$precommit" try-repo "$repo" coquille --ref "$ref" --files faux.md juste.md
grep -q "faux.md" "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
grep -q "elision/missing" "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
if grep -q "juste.md:" "$work/out.txt"; then cat "$work/out.txt" >&2; exit 1; fi

# A configuration as the README shows it (try-repo builds the hook in a new
# environment each time; a configuration builds it once).
cat > .pre-commit-config.yaml <<CONFIG
repos:
  - repo: $repo
    rev: $ref
    hooks:
      - id: coquille-fix
      - id: coquille
CONFIG
expect 0 "$precommit" run coquille --files juste.md
# The hooks take gettext catalogues too.
expect 1 "$precommit" run coquille --files faux.po
grep -q "faux.po:2:" "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
# The fix hook changes the file, so pre-commit reports a failure…
expect 1 "$precommit" run coquille-fix --files faux.md
grep -q "d’une" faux.md || { echo "faux.md was not fixed" >&2; cat faux.md >&2; exit 1; }
# …and the check hook then passes.
expect 0 "$precommit" run coquille --files faux.md

# The local hook of the README, as written, with a coquille on PATH (the one
# `cargo test` built): it fixes what is certain and fails while files change
# or findings are left.
cargo build --quiet --manifest-path "$repo/Cargo.toml"
export PATH="$repo/target/debug:$PATH"
printf 'Si il pleut, le directeur de une entreprise reste.\n' > local.md
git add local.md
cat > .pre-commit-config.yaml <<'CONFIG'
# .pre-commit-config.yaml
repos:
  - repo: local
    hooks:
      - id: coquille
        name: coquille
        entry: coquille fix
        language: system
        types_or: [markdown, plain-text, pofile]
CONFIG
expect 1 "$precommit" run coquille --files local.md
grep -q "S’il pleut, le directeur d’une entreprise" local.md || { echo "local.md was not fixed" >&2; cat local.md >&2; exit 1; }
expect 0 "$precommit" run coquille --files local.md
echo "pre-commit hooks: ok"
