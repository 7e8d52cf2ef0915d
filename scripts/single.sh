#!/usr/bin/env bash
# Builds the single-file edition dist-single/ziping.html (open it from file:// or send it by
# e-mail): set-up, the release build, then everything inlined into one file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
node scripts/single-file.js dist dist-single/ziping.html
