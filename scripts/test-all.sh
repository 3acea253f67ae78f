#!/usr/bin/env bash
# Install what the tests need, then run every suite. This is the command CI
# runs (.ci/run) and the one the README gives.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "format (cargo fmt --all --check)"
cargo fmt --all --check

step "lint (cargo clippy --workspace --all-targets -- -D warnings)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "generated files are current (vectors, random corpus, C header)"
python3 scripts/gen-vectors.py --check
python3 scripts/gen-semantic-vectors.py --check
python3 scripts/gen-credentials-vectors.py --check
python3 scripts/gen-trust-vectors.py --check
python3 scripts/gen-random-corpus.py --check
cargo run --quiet -p xtask -- header --check

step "the repository stands alone (nothing outside it is read)"
# No tracked file may point at the folder beside the repository...
if git grep -n -e '\.\./shared' -e 'SPEC[ ]section' -- .; then
  echo "test-all: the files above point outside the repository" >&2
  exit 1
fi
# ...and the generator's drift tests pass in a clone with nothing beside it.
standalone=$(mktemp -d)
trap 'rm -rf "$standalone"' EXIT
git clone --quiet . "$standalone/idpool"
(cd "$standalone/idpool" &&
  CARGO_TARGET_DIR="$OLDPWD/target/standalone" cargo test --quiet -p xtask)

step "Rust tests (unit, integration, doc, vectors, proptest, generator drift)"
cargo test --workspace --quiet

step "package (cargo package -p idpool)"
cargo package -p idpool --quiet --allow-dirty 2>&1 | { grep -Ev "^warning: ignoring (test|example) " || true; }
cargo package -p idpool --list --allow-dirty | grep -qx 'model/cognito-identity.json'

step "C library: vectors, API, C++, valgrind, ASan/UBSan, Miri, mobile (scripts/test-c.sh)"
scripts/test-c.sh

step "npm package: node and Chromium suites (scripts/test-wasm.sh)"
scripts/test-wasm.sh

step "a short fuzz pass: every target for 10 s (scripts/fuzz.sh 10)"
scripts/fuzz.sh 10

step "CLI on the default example"
cargo run --quiet -p idpool-cli -- check CreateIdentityPool examples/create-identity-pool.json

printf '\nall suites passed\n'
