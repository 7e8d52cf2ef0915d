#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests (rules, parser with 1,000,000 random strings,
# samples, storage), a release build with Trunk, and the browser tests in headless Chromium
# against the built page. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings

step "native tests"
ZIPING_FUZZ_CASES="${ZIPING_FUZZ_CASES:-1000000}" cargo test --release

step "trunk build --release"
trunk build --release --offline

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
