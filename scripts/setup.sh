#!/usr/bin/env bash
# Installs what building and testing ziping needs, skipping what is already there:
# wasm32 target, the pinned nightly with rust-src (the Chromium 86 build, scripts/legacy-target.sh),
# Trunk 0.21.14, wasm-bindgen-cli at Cargo.lock's version, wasm-tools (validation), npm tools
# (wasm-opt from binaryen 132, esbuild, acorn, playwright-core; chrome-aws-lambda 5.3.1's real
# Chromium 86, unpacked into target/chromium86, with puppeteer-core 5.3.1), Chromium from apt,
# LibreOffice Calc and Writer (headless) that make and check the office files of the tests, and
# the CJK fonts and poppler (PDF to text and images) for looking at what is printed.
# Nothing is downloaded from GitHub; Trunk runs offline with these pinned tools.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- system packages (Debian) -------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# --- Rust toolchain -----------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: install Rust with rustup first (https://rustup.rs)" >&2
    exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# the release build rebuilds std for Chromium 86's WebAssembly features (build-std)
NIGHTLY=$(sed -n 's/^ZIPING_NIGHTLY=//p' scripts/legacy-target.sh)
if ! rustup run "$NIGHTLY" rustc --print sysroot >/dev/null 2>&1 \
    || [ ! -d "$(rustup run "$NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
    log "rustup toolchain install $NIGHTLY with rust-src"
    rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
fi

WASM_TOOLS_VERSION=1.263.0
if ! wasm-tools --version 2>/dev/null | grep -q "$WASM_TOOLS_VERSION"; then
    log "cargo install wasm-tools $WASM_TOOLS_VERSION (validate only, a few minutes)"
    cargo install --locked wasm-tools --version "$WASM_TOOLS_VERSION" --no-default-features --features validate
fi

TRUNK_VERSION=0.21.14
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    log "cargo install trunk $TRUNK_VERSION (a few minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock (and Trunk.toml)
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
    echo "Trunk.toml [tools] wasm_bindgen must be \"$WBG_VERSION\" (Cargo.lock)" >&2
    exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
    log "cargo install wasm-bindgen-cli $WBG_VERSION (a few minutes)"
    # not --locked: the locked tree wants a crate the registry mirror lacks
    cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# --- npm tools (wasm-opt, playwright-core, a real Chromium 86 with puppeteer-core 5) ------------
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
    || [ ! -d node_modules/esbuild ] || [ ! -d node_modules/acorn ] \
    || [ ! -d node_modules/chrome-aws-lambda ] || [ ! -d node_modules/puppeteer-core ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
fi
# Chromium 86.0.4240 (360极速浏览器 13's engine) from chrome-aws-lambda@5.3.1, unpacked once
if [ ! -f target/chromium86/.unpacked ]; then
    log "unpacking Chromium 86 (chrome-aws-lambda@5.3.1) into target/chromium86"
    node scripts/chromium86.js >/dev/null
fi
if ! wasm-opt --version | grep -q "version_132"; then
    echo "wasm-opt on PATH is not binaryen 132 (Debian's binaryen 108 breaks the build)" >&2
    exit 1
fi

# Rust dependencies for the offline Trunk build, and the standard library's for build-std
cargo fetch --quiet
(source scripts/legacy-target.sh && cargo fetch --quiet --target wasm32-unknown-unknown)
log "ready"
