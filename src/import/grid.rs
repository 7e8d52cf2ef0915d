//! What every reader produces: a document as a sequence of paragraphs and tables, each table a
//! rectangle of cells with its merged cells resolved and the line breaks inside a cell kept.
//!
//! Readers differ only in how they find cells (HTML `rowspan`/`colspan`, Word's `gridSpan` and
//! `vMerge`, a workbook's merged regions, tab-separated text); the recogniser sees one shape.
//! Sizes are capped here, once for all readers: a sheet of 100,000 rows or 1,000 columns is cut
//! to the limits and the cut is reported, so no file makes the work unbounded.

use serde::{Deserialize, Serialize};

/// Most rows kept per table (real forms have a few hundred at most).
pub const MAX_ROWS: usize = 5_000;
/// Most columns kept per table.
pub const MAX_COLS: usize = 128;
/// Most characters kept per cell (a 1 MB cell is cut, not refused).
pub const MAX_CELL_CHARS: usize = 20_000;
/// Most blocks (paragraphs and tables) kept per document.
pub const MAX_BLOCKS: usize = 20_000;

/// One position of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The text as shown, line breaks inside the cell as `\n`. Empty on a position covered by
    /// a merged cell (the text is at the merge's top-left position).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// On a position covered by a merged cell: the (row, column) of the merge's top-left cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<(usize, usize)>,
}

/// A rectangle of cells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cell at (r, c), if the table has it.
    pub fn cell(&self, r: usize, c: usize) -> Option<&Cell> {
        self.rows.get(r).and_then(|row| row.get(c))
    }

    /// The text shown at (r, c): a merged position shows its merge's text.
    pub fn shown(&self, r: usize, c: usize) -> &str {
        match self.cell(r, c) {
            Some(Cell {
                merged_from: Some((mr, mc)),
                ..
            }) => self.cell(*mr, *mc).map(|x| x.text.as_str()).unwrap_or(""),
            Some(cell) => &cell.text,
            None => "",
        }
    }

    /// Builds a table from positioned texts and merged regions (a workbook's cells). Texts and
    /// regions outside the limits are dropped; the result says whether anything was.
    pub fn from_positions(
        texts: impl IntoIterator<Item = (usize, usize, String)>,
        merges: &[Merge],
    ) -> (Table, bool) {
        let mut cut = false;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut width = 0;
        for (r, c, text) in texts {
            if r >= MAX_ROWS || c >= MAX_COLS {
                cut |= !text.trim().is_empty();
                continue;
            }
            if text.is_empty() {
                continue;
            }
            ensure(&mut rows, r, c);
            rows[r][c].text = cap_text(text, &mut cut);
            width = width.max(c + 1);
        }
        // merged regions matter only as far as there is text: one stretching to XFD1048576
        // is cut to the cells that hold something
        let height = rows.len();
        for m in merges {
            if m.first_row >= height || m.first_col >= width {
                continue;
            }
            let last_row = m.last_row.min(height - 1);
            let last_col = m.last_col.min(width - 1);
            if last_row < m.first_row || last_col < m.first_col {
                continue;
            }
            ensure(&mut rows, last_row, last_col);
            for (r, row) in rows
                .iter_mut()
                .enumerate()
                .take(last_row + 1)
                .skip(m.first_row)
            {
                if row.len() <= last_col {
                    row.resize(last_col + 1, Cell::default());
                }
                for (c, cell) in row
                    .iter_mut()
                    .enumerate()
                    .take(last_col + 1)
                    .skip(m.first_col)
                {
                    if (r, c) != (m.first_row, m.first_col) {
                        cell.text.clear();
                        cell.merged_from = Some((m.first_row, m.first_col));
                    }
                }
            }
        }
        let mut t = Table { rows };
        t.square();
        (t, cut)
    }

    /// Pads every row to the same width and drops trailing empty rows.
    fn square(&mut self) {
        while self.rows.last().is_some_and(|r| {
            r.iter()
                .all(|c| c.text.trim().is_empty() && c.merged_from.is_none())
        }) {
            self.rows.pop();
        }
        let w = self.width();
        for row in &mut self.rows {
            row.resize(w, Cell::default());
        }
    }
}

/// A merged region, inclusive, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

fn ensure(rows: &mut Vec<Vec<Cell>>, r: usize, c: usize) {
    if rows.len() <= r {
        rows.resize_with(r + 1, Vec::new);
    }
    if rows[r].len() <= c {
        rows[r].resize(c + 1, Cell::default());
    }
}

fn cap_text(text: String, cut: &mut bool) -> String {
    if text.len() <= MAX_CELL_CHARS {
        return text;
    }
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => {
            *cut = true;
            text[..at].to_string()
        }
        None => text,
    }
}

/// One cell as a document writes it: its text and how many rows and columns it spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanCell {
    #[serde(default, rename = "t")]
    pub text: String,
    #[serde(default = "one", rename = "r")]
    pub rowspan: usize,
    #[serde(default = "one", rename = "c")]
    pub colspan: usize,
    /// Word's `vMerge` continuation: this cell continues the cell above instead of starting one.
    #[serde(default, rename = "v", skip_serializing_if = "std::ops::Not::not")]
    pub continues_above: bool,
}

fn one() -> usize {
    1
}

impl SpanCell {
    pub fn new(text: impl Into<String>) -> SpanCell {
        SpanCell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
            continues_above: false,
        }
    }
    pub fn span(mut self, rows: usize, cols: usize) -> SpanCell {
        self.rowspan = rows;
        self.colspan = cols;
        self
    }
}

/// Lays out rows of spanning cells the way HTML tables do: each cell goes to the next column
/// of its row not yet covered by a cell above that spans down. A rowspan only covers rows that
/// come (as in HTML, it ends with the table), so a hostile `rowspan=100000` costs nothing.
#[derive(Debug, Default)]
pub struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    /// Cells spanning down into rows still to come.
    carry: Vec<Carry>,
    cut: bool,
}

#[derive(Debug)]
struct Carry {
    first_col: usize,
    last_col: usize,
    rows_left: usize,
    origin: (usize, usize),
}

fn cover(row: &mut Vec<Cell>, c: usize, origin: (usize, usize)) {
    if row.len() <= c {
        row.resize(c + 1, Cell::default());
    }
    row[c] = Cell {
        text: String::new(),
        merged_from: Some(origin),
    };
}

impl TableBuilder {
    pub fn new() -> TableBuilder {
        TableBuilder::default()
    }

    /// Adds the next row.
    pub fn row(&mut self, cells: impl IntoIterator<Item = SpanCell>) {
        let r = self.rows.len();
        if r >= MAX_ROWS {
            self.cut = true;
            return;
        }
        let mut row: Vec<Cell> = Vec::new();
        for carry in &mut self.carry {
            for c in carry.first_col..=carry.last_col {
                cover(&mut row, c, carry.origin);
            }
            carry.rows_left -= 1;
        }
        self.carry.retain(|c| c.rows_left > 0);
        let mut c = 0;
        for cell in cells {
            // skip positions already covered from above
            while row.get(c).is_some_and(|x| x.merged_from.is_some()) {
                c += 1;
            }
            if c >= MAX_COLS {
                self.cut |= !cell.text.trim().is_empty();
                continue;
            }
            let colspan = cell.colspan.clamp(1, MAX_COLS - c);
            if cell.continues_above {
                // Word: the cell above (at this column) goes on down
                let above = r
                    .checked_sub(1)
                    .and_then(|a| self.rows.get(a))
                    .and_then(|row| row.get(c))
                    .map(|x| x.merged_from.unwrap_or((r - 1, c)));
                match above {
                    Some(origin) => {
                        for k in 0..colspan {
                            cover(&mut row, c + k, origin);
                        }
                    }
                    // nothing above to continue: an empty cell of its own
                    None => {
                        if row.len() <= c {
                            row.resize(c + 1, Cell::default());
                        }
                    }
                }
                c += colspan;
                continue;
            }
            if row.len() <= c {
                row.resize(c + 1, Cell::default());
            }
            row[c] = Cell {
                text: cap_text(cell.text, &mut self.cut),
                merged_from: None,
            };
            for k in 1..colspan {
                cover(&mut row, c + k, (r, c));
            }
            if cell.rowspan > 1 {
                self.carry.push(Carry {
                    first_col: c,
                    last_col: c + colspan - 1,
                    rows_left: (cell.rowspan - 1).min(MAX_ROWS),
                    origin: (r, c),
                });
            }
            c += colspan;
        }
        self.rows.push(row);
    }

    /// Rows added so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn finish(self) -> (Table, bool) {
        let mut t = Table { rows: self.rows };
        t.square();
        (t, self.cut)
    }
}

/// A paragraph or a table, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(String),
    Table(Table),
}

/// A file or a clipboard as paragraphs and tables. A workbook gives one document per sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Where it comes from, for messages: the sheet's name, or empty for a single document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub blocks: Vec<Block>,
    /// Something was cut to the size limits.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

impl Document {
    pub fn new(name: impl Into<String>) -> Document {
        Document {
            name: name.into(),
            ..Document::default()
        }
    }

    pub fn push_paragraph(&mut self, text: impl Into<String>) {
        let text = text.into();
        if text.trim().is_empty() {
            return;
        }
        if self.blocks.len() >= MAX_BLOCKS {
            self.truncated = true;
            return;
        }
        let mut cut = false;
        let text = cap_text(text, &mut cut);
        self.truncated |= cut;
        self.blocks.push(Block::Paragraph(text));
    }

    pub fn push_table(&mut self, table: Table, cut: bool) {
        self.truncated |= cut;
        if table.rows.is_empty() {
            return;
        }
        if self.blocks.len() >= MAX_BLOCKS {
            self.truncated = true;
            return;
        }
        self.blocks.push(Block::Table(table));
    }

    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
    }
}

/// A document as the browser's HTML parser reads it (a pasted Word or Excel selection, an
/// `.html` file): paragraphs and tables of spanning cells, laid out here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpannedDocument {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub blocks: Vec<SpannedBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpannedBlock {
    #[serde(rename = "p")]
    Paragraph(String),
    #[serde(rename = "rows")]
    Table(Vec<Vec<SpanCell>>),
}

impl SpannedDocument {
    pub fn into_document(self) -> Document {
        let mut doc = Document::new(self.name);
        for block in self.blocks {
            match block {
                SpannedBlock::Paragraph(p) => doc.push_paragraph(p),
                SpannedBlock::Table(rows) => {
                    let mut b = TableBuilder::new();
                    for row in rows {
                        b.row(row);
                    }
                    let (t, cut) = b.finish();
                    doc.push_table(t, cut);
                }
            }
            if doc.blocks.len() >= MAX_BLOCKS {
                doc.truncated = true;
                break;
            }
        }
        doc
    }
}
