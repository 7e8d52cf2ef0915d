# Sourced by scripts/build.sh and scripts/setup.sh: the toolchain and flags of the release build.
# Rust >= 1.82 emits reference types (Chromium 96+); target-cpu=mvp turns them off, and the
# features named below are the ones Chromium 86 has. The standard library must be rebuilt with
# the same flags, which needs nightly (build-std) and its rust-src component.
ZIPING_NIGHTLY=nightly-2026-05-19
export RUSTUP_TOOLCHAIN="$ZIPING_NIGHTLY"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+sign-ext,+mutable-globals,+nontrapping-fptoint,+bulk-memory"
# what `wasm-tools validate` allows (no reference types): checked by scripts/check-legacy.sh
export ZIPING_WASM_FEATURES="mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory,multi-value"
