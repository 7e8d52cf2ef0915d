//! The data as the user typed it: project forms and the workspace that holds them.
//! Plain serde types, no web dependency.

mod department;
mod evaluation;
mod template;
pub mod tree;
mod workspace;

pub use department::*;
pub use evaluation::*;
pub use template::{FormKind, TemplateId};
pub use workspace::*;
