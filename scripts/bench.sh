#!/usr/bin/env bash
# Benchmarks against the real release build in headless Chromium; prints figures (no pass/fail).
# Record them in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/build.sh
node tests/bench/scale.js "${1:-1000}" "${2:-30}"
