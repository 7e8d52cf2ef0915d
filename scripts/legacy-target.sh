# Sourced by scripts/build.sh and scripts/setup.sh: the toolchain and flags of the release build.
# Rust >= 1.82 emits reference types (Chromium 96+); target-cpu=mvp turns them off, and the
# features named below are the ones Chromium 86 has. The standard library must be rebuilt with
# the same flags, which needs nightly (build-std) and its rust-src component.
ZIPING_NIGHTLY=nightly-2026-05-19
export RUSTUP_TOOLCHAIN="$ZIPING_NIGHTLY"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# the standard library's smaller variants of its algorithms (sorting, formatting)
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+sign-ext,+mutable-globals,+nontrapping-fptoint,+bulk-memory"
# smaller: panic messages without file and line, `Debug` formatting compiled out (nothing the
# page shows uses it: field ids go through serde, src/ui/widgets.rs); Leptos's `erase_components`:
# every component returns a type-erased view and every `{move || …}` in a view is one shared
# closure type, so the render code is compiled per output type, not per call site (−72 KB
# brotli, docs/BENCHMARKS.md)
RUSTFLAGS="$RUSTFLAGS -Zlocation-detail=none -Zfmt-debug=none --cfg erase_components"
# what `wasm-tools validate` allows (no reference types): checked by scripts/check-legacy.sh
export ZIPING_WASM_FEATURES="mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory,multi-value"
