#!/usr/bin/env bash
# Builds ziping and serves it on http://127.0.0.1:8080 (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec bash scripts/build.sh serve --address 127.0.0.1 --port 8080
