#!/usr/bin/env bash
# Release build into dist/ that also runs in Chromium 86 (360极速浏览器 13): the wasm is built
# without reference types or other post-MVP features beyond those Chromium 86 has, with a pinned
# nightly that rebuilds the standard library for that target (build-std). Extra arguments go to
# Trunk (`serve` as the first argument serves instead of building). Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# shellcheck source=scripts/legacy-target.sh
source scripts/legacy-target.sh
mode=build
if [ "${1:-}" = serve ]; then mode=serve; shift; fi
trunk "$mode" --release --offline "$@"
