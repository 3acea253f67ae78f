#!/usr/bin/env bash
# Install everything the test suites need. Idempotent: each step checks
# first and does nothing when its tool is already there.
#
#   scripts/setup.sh            everything
#   IDPOOL_SETUP_SKIP=apt ...   skip steps by name (apt, rust, wasm-bindgen,
#                               cargo-fuzz, npm), comma-separated
set -euo pipefail
cd "$(dirname "$0")/.."

skip() { [[ ",${IDPOOL_SETUP_SKIP:-}," == *",$1,"* ]]; }
say() { printf 'setup: %s\n' "$*"; }

# --- Rust toolchains, targets and components --------------------------------
if ! skip rust; then
  installed_targets=$(rustup target list --installed)
  for target in wasm32-unknown-unknown aarch64-apple-ios aarch64-linux-android x86_64-linux-android; do
    if ! grep -qx "$target" <<<"$installed_targets"; then
      say "rustup target add $target"
      rustup target add "$target"
    fi
  done
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "rustup component add $component"
      rustup component add "$component"
    fi
  done
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup toolchain install nightly"
    rustup toolchain install nightly --profile minimal
  fi
  nightly_components=$(rustup component list --installed --toolchain nightly)
  for component in miri rust-src; do
    if ! grep -q "^$component" <<<"$nightly_components"; then
      say "rustup component add $component (nightly)"
      rustup component add "$component" --toolchain nightly
    fi
  done
  # Miri's own standard library build; quick when it is already there.
  cargo +nightly miri setup >/dev/null 2>&1 || cargo +nightly miri setup
fi

# --- cargo-fuzz -------------------------------------------------------------
if ! skip cargo-fuzz && ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz"
  cargo install --quiet --locked cargo-fuzz || cargo install --quiet cargo-fuzz
fi

# --- wasm-bindgen CLI, the same version as the crate in Cargo.lock -----------
if ! skip wasm-bindgen; then
  if [ ! -f Cargo.lock ]; then
    cargo generate-lockfile
  fi
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ -n "$want" ]; then
    have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
    if [ "$have" != "$want" ]; then
      say "cargo install wasm-bindgen-cli $want (about 2 minutes)"
      # --locked can fail when a pinned dependency was yanked; the plain
      # install resolves afresh.
      cargo install --quiet --locked wasm-bindgen-cli --version "=$want" ||
        cargo install --quiet wasm-bindgen-cli --version "=$want"
    fi
  fi
fi

# --- Debian packages: C toolchain checks and the browser ---------------------
if ! skip apt; then
  missing=()
  command -v valgrind >/dev/null || missing+=(valgrind)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  command -v g++ >/dev/null || missing+=(g++)
  command -v cmake >/dev/null || missing+=(cmake)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# --- npm packages of the wasm package's tests and of the console (locked) -----
# bindings-wasm: wasm-opt, playwright-core, typescript, ajv. bindings-wasm/
# console: Vite, which bundles the console page of tests/console.test.mjs.
if ! skip npm; then
  for dir in bindings-wasm bindings-wasm/console; do
    [ -f "$dir/package-lock.json" ] || continue
    if [ ! -d "$dir/node_modules" ] ||
       [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      say "npm ci ($dir)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
fi

say "ready"
