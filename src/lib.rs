//! ziping — 绩效自评: a browser calculator for 预算支出绩效自评.
//!
//! The domain core (`model`, `parse`, `rules`, `samples`, `store`'s logic, `workspace`) is plain
//! Rust and is tested natively with `cargo test`; `ui` (Leptos) and the localStorage backend
//! exist only when compiled to wasm32.

pub mod charts;
pub mod exchange;
pub mod help;
pub mod i18n;
pub mod import;
pub mod model;
pub mod parse;
pub mod rules;
pub mod samples;
pub mod store;
pub mod summary;
pub mod templates;
pub mod workspace;

#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod ui;
