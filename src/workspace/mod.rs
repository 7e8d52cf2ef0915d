//! The workspace's behaviour: creating, deleting, trashing, restoring, undoing, duplicating,
//! importing, saving, and merging what another tab saved.
//!
//! It is plain Rust over two seams, so every operation is tested natively:
//! - [`Docs`]: where the open documents live — a plain [`Workspace`](crate::model::Workspace)
//!   in tests, one signal per form in the page (typing in one form must notify only that form's
//!   views, so the page cannot hold one big `Workspace` value);
//! - [`KeyValueStore`](crate::store::KeyValueStore): localStorage in the page, the in-memory
//!   store in tests.
//!
//! [`Session`] holds what the page must remember between operations: which documents wait to
//! be written (the save ledger), the version of each form this tab knows is stored (the base of
//! the three-way merge with another tab), the ids of unreadable stored entries (never reused)
//! and the last undoable action. The UI layer keeps only signals, timers and views.
//!
//! An import is all or nothing against the browser's quota (`space`).

mod docs;
mod session;
mod space;
mod sync;
#[cfg(test)]
mod tests;

pub use docs::Docs;
pub use session::{Clock, DocKey, ImportUndo, Session, Undo};
pub use space::{entry_chars, free_chars, item_spaces, needed, ImportRefused, ItemSpace};
pub use sync::{Flushed, SyncNote};
