#!/usr/bin/env bash
# The npm package's suites: build it (scripts/build-npm.sh, which also
# enforces the size budget), then run the node suites (every shared vector
# and the committed random corpus compared with the Rust reports, the API, the types against the model, the
# packed tarball installed into an empty project and type-checked with tsc)
# and the browser suites (Debian's Chromium via playwright-core: the vectors
# in the page and the demo; then the console of bindings-wasm/console, built
# by Vite from the packed tarball and served by python3 -m http.server;
# screenshots under target/npm/screenshots/).
#
# Needs what scripts/setup.sh installs; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

for need in bindings-wasm/node_modules/playwright-core bindings-wasm/console/node_modules/vite; do
  if [ ! -d "$need" ]; then
    echo "test-wasm: $need is missing; run scripts/setup.sh" >&2
    exit 1
  fi
done

step "Rust reports of the shared vectors (cargo test -p idpool --test vectors)"
# The random corpus needs no step: it is committed (tests/corpus).
cargo test --quiet -p idpool --test vectors

step "the raw layer's unit tests (cargo test -p idpool-wasm)"
cargo test --quiet -p idpool-wasm

step "build the package (scripts/build-npm.sh)"
scripts/build-npm.sh

cd bindings-wasm
step "node suites (node --test)"
node --test --test-reporter=spec \
  tests/vectors.test.mjs tests/random.test.mjs tests/api.test.mjs tests/memory.test.mjs tests/types-drift.test.mjs tests/install.test.mjs

step "browser suite (Chromium via playwright-core)"
node --test --test-reporter=spec tests/browser.test.mjs

step "console suite: the packed tarball in a Vite build, in Chromium (tests/console.test.mjs)"
node --test --test-reporter=spec tests/console.test.mjs

printf '\nwasm suites passed\n'
