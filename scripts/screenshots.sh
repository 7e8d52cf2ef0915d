#!/usr/bin/env bash
# Retakes the screenshots of the 使用说明 (docs/help/*.png) from the real page, then rebuilds
# so that dist/help has them. Installs a CJK font when missing (the page is Chinese).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk
fi
bash scripts/build.sh
node scripts/screenshots.js
bash scripts/build.sh
