//! Forms from Word, Excel, WPS and text: every source becomes a [`grid::Document`] (paragraphs and
//! tables with merged cells resolved), and [`recognise::recognise`] finds the 自评表 in it by
//! their labels. Plain Rust, tested natively; the file readers (.xlsx, .xls, .docx) live in the
//! office module and the HTML reader is the browser's own parser, both only producing documents.

pub mod adopt;
pub mod exported;
pub mod grid;
pub mod labels;
pub mod recognise;
pub mod report;
pub mod text;

pub use grid::{Block, Cell, Document, Merge, SpanCell, Table, TableBuilder};
pub use recognise::recognise;
pub use report::{Found, Note, Outcome, Place, Preview, PreviewForm, Recognised, Unplaced, Words};
