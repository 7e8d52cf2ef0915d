#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests (rules, parser with 1,000,000 random strings,
# samples, storage, office files read and written, exports checked in LibreOffice), a release
# build with Trunk, and the browser tests in headless Chromium against the built page, then again
# on a real Chromium 86. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings
# the clerk's edition (src/ui/edition.rs): the page's first module, built without `full`
cargo clippy --target wasm32-unknown-unknown --no-default-features --features web -- -D warnings

step "office fixtures (LibreOffice makes .xlsx/.xls/.docx from tests/fixtures/forms)"
bash scripts/office-fixtures.sh target/office-fixtures

step "native tests"
# the exports' checks in LibreOffice (office/tests/libreoffice.rs) must run here, not be skipped
export ZIPING_REQUIRE_SOFFICE=1
ZIPING_FUZZ_CASES="${ZIPING_FUZZ_CASES:-1000000}" cargo test --release --workspace
# the office readers once more, on the files LibreOffice made just now
ZIPING_OFFICE_FIXTURES="$PWD/target/office-fixtures" cargo test --release -p ziping-office --test forms

step "release build (scripts/build.sh: Trunk, nightly build-std for Chromium 86)"
bash scripts/build.sh

step "single-file edition (dist-single/ziping.html)"
node scripts/single-file.js dist dist-single/ziping.html

step "Chromium 86: ES2019 scripts, wasm without reference types"
# shellcheck source=scripts/legacy-target.sh
(source scripts/legacy-target.sh && node scripts/check-legacy.js dist dist-single/ziping.html)

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/

step "browser tests on a real Chromium 86.0.4240 (360极速浏览器 13's engine; the legacy.html path)"
node --test --test-concurrency=1 tests/chromium86/

step "the README's first command: scripts/run.sh's server builds and serves the page"
node scripts/check-serve.js 18080
