//! The recogniser: finds 项目支出绩效自评表 in documents by their labels and reads each into an
//! [`Evaluation`] as typed, with an account of what went where.
//!
//! It reads the document line by line (a paragraph or a table row). Header labels (项目名称,
//! 主管部门 …) give the header; a row of fund-column titles (年初预算数, 全年预算数 …) maps the
//! fund table's columns and the rows below are read through that map; a row of indicator-column
//! titles (三级指标, 年度指标值, 实际完成值, 分值 …) does the same for the indicator table. So the
//! columns may come in any order, be titled in any of the ways provinces print them, or be absent;
//! extra columns are kept. A title or a second 项目名称 starts the next form. Merged cells carry
//! their text down (一级/二级 headings); in text without merge information an empty heading cell
//! carries the one above.

use super::exported;
use super::grid::{Block, Document, Table};
use super::labels::{
    amount_unit, bare, block_heading, fund_column_ranked, fund_row, header_label, indicator_column,
    is_fund_block_label, is_goal_achieved, is_goal_expected, is_goal_label, is_grade_label,
    is_indicator_block_label, is_narrative_label, is_note, is_subtotal_label, is_total_label, key,
    level1, level2, points_in, row_label, FundCol, HeaderLabel, IndCol, RowLabel, SignOffLabel,
    SIGN_OFF_LABELS,
};
use super::report::{Found, Note, Outcome, Place, Recognised, Unplaced};
use crate::model::{
    Evaluation, FundColumn, Indicator, IndicatorKind, Level1, Level1Weights, Level2,
    QualitativeTier,
};
use crate::parse::{normalize, parse_value, Operator, Value};

/// Reads every form in the documents (one per sheet of a workbook, or one document).
pub fn recognise(docs: &[Document]) -> Outcome {
    let mut out = Outcome::default();
    let mut loose_rows: Vec<Indicator> = Vec::new();
    for doc in docs {
        out.truncated |= doc.truncated;
        let mut reader = Reader::new(doc);
        reader.run();
        let Reader {
            forms,
            loose,
            found,
            ..
        } = reader;
        for mut f in forms {
            if doc.truncated {
                f.notes.push(Note::Truncated);
            }
            out.forms.push(f);
        }
        loose_rows.extend(loose);
        out.found.documents += 1;
        out.found.tables += found.tables;
        out.found.paragraphs += found.paragraphs;
        out.found.department_form |= found.department_form;
        if out.found.first_texts.is_empty() {
            out.found.first_texts = found.first_texts;
        }
    }
    if out.forms.is_empty() {
        out.rows = loose_rows;
    }
    for (i, f) in out.forms.iter_mut().enumerate() {
        finish_ids(&mut f.evaluation, i);
    }
    for (i, r) in out.rows.iter_mut().enumerate() {
        r.id = format!("import-r{i}");
    }
    out
}

/// Ids for a recognised form; the app gives it a fresh id when it is imported.
fn finish_ids(e: &mut Evaluation, n: usize) {
    e.id = format!("import-{n}");
    for (i, row) in e.indicators.iter_mut().enumerate() {
        row.id = format!("{}-r{i}", e.id);
    }
}

/// One line of a document: a paragraph, or a row of a table.
#[derive(Clone, Copy)]
enum Line<'a> {
    Paragraph {
        n: usize,
        text: &'a str,
    },
    Row {
        table: &'a Table,
        t: usize,
        r: usize,
    },
}

impl<'a> Line<'a> {
    /// The cells with text of their own, by column (a paragraph is one cell in column 0).
    fn cells(&self) -> Vec<(usize, &'a str)> {
        match *self {
            Line::Paragraph { text, .. } => {
                let t = text.trim();
                if t.is_empty() {
                    Vec::new()
                } else {
                    vec![(0, t)]
                }
            }
            Line::Row { table, r, .. } => table
                .rows
                .get(r)
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .filter(|(_, c)| c.merged_from.is_none())
                        .map(|(i, c)| (i, c.text.trim()))
                        .filter(|(_, t)| !t.is_empty() && !is_blank_mark(t))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The text of one column span of this row: the first own text in it. A span covered by a
    /// merge from an earlier row gives that merge's text only when `carry` (headings).
    fn span_text(&self, span: Span, carry: bool) -> String {
        let Line::Row { table, r, .. } = *self else {
            return String::new();
        };
        let Some(row) = table.rows.get(r) else {
            return String::new();
        };
        for c in span.first..=span.last {
            let Some(cell) = row.get(c) else { break };
            match cell.merged_from {
                None => {
                    let t = cell.text.trim();
                    if !t.is_empty() && !is_blank_mark(t) {
                        return t.to_string();
                    }
                }
                Some((mr, mc)) if carry && mr < r => {
                    let t = table.shown(mr, mc).trim();
                    if !t.is_empty() && (span.first..=span.last).contains(&mc) {
                        return t.to_string();
                    }
                }
                Some(_) => {}
            }
        }
        String::new()
    }

    /// The column span each cell of this row covers (merged to the right).
    fn spans(&self) -> Vec<(Span, &'a str)> {
        match *self {
            Line::Paragraph { text, .. } => vec![(Span { first: 0, last: 0 }, text.trim())],
            Line::Row { table, r, .. } => {
                let Some(row) = table.rows.get(r) else {
                    return Vec::new();
                };
                let mut out: Vec<(Span, &str)> = Vec::new();
                for (c, cell) in row.iter().enumerate() {
                    match cell.merged_from {
                        None => out.push((Span { first: c, last: c }, cell.text.trim())),
                        Some((mr, _)) if mr == r => {
                            if let Some(last) = out.last_mut() {
                                last.0.last = c;
                            }
                        }
                        Some(_) => {}
                    }
                }
                out
            }
        }
    }

    fn place(&self, doc: &str, col: usize) -> Place {
        match *self {
            Line::Paragraph { n, .. } => Place {
                document: doc.to_string(),
                table: 0,
                row: n,
                col: 1,
            },
            Line::Row { t, r, .. } => Place {
                document: doc.to_string(),
                table: t,
                row: r + 1,
                col: col + 1,
            },
        }
    }

    fn is_paragraph(&self) -> bool {
        matches!(self, Line::Paragraph { .. })
    }

    fn table_no(&self) -> usize {
        match *self {
            Line::Paragraph { .. } => 0,
            Line::Row { t, .. } => t,
        }
    }
}

/// Cells that hold nothing: empty-looking marks Word and Excel leave.
fn is_blank_mark(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
}

/// Columns `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    first: usize,
    last: usize,
}

impl Span {
    fn contains(&self, c: usize) -> bool {
        (self.first..=self.last).contains(&c)
    }
}

/// Where the parts of a split target go: `指标性质 | 指标值 | 度量单位` under 年度指标值 (or
/// under 实际完成值).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Nature,
    Value,
    Unit,
}

#[derive(Debug, Clone)]
struct IndColumn {
    span: Span,
    col: IndCol,
    part: Part,
    header: String,
}

#[derive(Debug, Clone, Default)]
struct IndMap {
    columns: Vec<IndColumn>,
    /// The header row has a 分值 column.
    has_weight: bool,
}

impl IndMap {
    fn find(&self, col: IndCol, part: Part) -> Option<&IndColumn> {
        self.columns.iter().find(|c| c.col == col && c.part == part)
    }
    fn covers(&self, c: usize) -> bool {
        self.columns.iter().any(|x| x.span.contains(c))
    }
}

#[derive(Debug, Clone, Default)]
struct FundMap {
    columns: Vec<(Span, FundCol)>,
}

/// What the reader is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Funds,
    Goal,
    Indicators,
    After,
}

/// A form being read.
struct FormBuilder {
    e: Evaluation,
    at: Place,
    unplaced: Vec<Unplaced>,
    notes: Vec<Note>,
    section: Section,
    funds: Option<FundMap>,
    fund_unit: Option<&'static str>,
    goal_cols: Option<(Option<Span>, Option<Span>)>,
    ind: Option<IndMap>,
    level1: Option<Level1>,
    level2: Option<Level2>,
    /// Weights printed in the 一级 headings, in `Level1::ALL`'s order.
    level1_weights: [Option<String>; Level1::ALL.len()],
    kept: Vec<String>,
    content: bool,
    signed: bool,
    /// 年度绩效目标 blocks: heading, points, index of the block's first row.
    blocks: Vec<(String, Option<String>, usize)>,
    /// The form is one of ziping's exports (its foot line says so): its computed cells are not
    /// claims, its 原表所印 row is.
    exported: bool,
    /// The 原表所印 row: (执行率, 总分, 等级).
    printed: Option<(String, String, String)>,
    /// The 备注 row.
    note_text: Option<String>,
    /// The 复核 row (ziping's exports of a reviewed form).
    review: Option<crate::model::Review>,
    /// The 表样 row (ziping's exports).
    template: Option<crate::model::TemplateId>,
    /// Under a 部门整体支出绩效自评表 title: a department form.
    department: bool,
    /// The fund rows the form prints (by their labels), for telling its template.
    fund_kinds: Vec<crate::model::FundRowKind>,
}

impl FormBuilder {
    fn new(at: Place, year: Option<String>) -> FormBuilder {
        let e = Evaluation {
            year: year.unwrap_or_default(),
            level1_weights: Level1Weights::default(),
            ..Evaluation::default()
        };
        let mut e = e;
        e.funds.weight = String::new();
        FormBuilder {
            e,
            at,
            unplaced: Vec::new(),
            notes: Vec::new(),
            section: Section::Header,
            funds: None,
            fund_unit: None,
            goal_cols: None,
            ind: None,
            level1: None,
            level2: None,
            level1_weights: Default::default(),
            kept: Vec::new(),
            content: false,
            signed: false,
            blocks: Vec::new(),
            exported: false,
            printed: None,
            note_text: None,
            review: None,
            template: None,
            department: false,
            fund_kinds: Vec::new(),
        }
    }

    fn note(&mut self, n: Note) {
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }

    /// The template a form's layout shows (docs/TEMPLATES.md). A department form (its title, its
    /// fund rows by income or spending nature, or 部门决策 / 部门管理 / 部门绩效 groups): one flat
    /// list with 得分系数 / 是否核心指标 / 调整指标值 is the 重庆 form, the three groups the
    /// framework form, else the department form. A project form: 年度绩效目标 blocks or a 预算执行
    /// block of 20 points are the 湖北 2020 form; fund rows by source (单位资金 …) the 四川 form;
    /// a target split over 指标性质 / 指标值 / 度量单位 the split-target form; anything else the
    /// MOF 2020 form.
    fn layout_template(&self) -> crate::model::TemplateId {
        use crate::model::{FundRowKind as K, TemplateId};
        let has_col = |c: IndCol| {
            self.ind
                .as_ref()
                .is_some_and(|m| m.columns.iter().any(|x| x.col == c))
        };
        let framework = self
            .e
            .indicators
            .iter()
            .any(|r| r.level2.level1().is_department());
        let by_nature = self.fund_kinds.iter().any(|k| {
            matches!(
                k,
                K::GeneralBudget | K::GovernmentFund | K::Basic | K::Project
            )
        });
        let flat = self.ind.is_some() && !has_col(IndCol::Level1) && !has_col(IndCol::Level2);
        let chongqing = has_col(IndCol::Coefficient)
            || has_col(IndCol::Core)
            || has_col(IndCol::AdjustedTarget);
        if self.department || by_nature || framework {
            return if framework {
                TemplateId::DepartmentFramework
            } else if flat || chongqing {
                TemplateId::ChongqingDepartment
            } else {
                TemplateId::Department
            };
        }
        // 湖北: its 年度绩效目标 blocks, or 20 points on its one fund row (20 alone is a weight
        // the MOF form allows too)
        let one_fund_row = self.fund_kinds.iter().all(|k| *k == K::Total);
        if !self.blocks.is_empty() || (self.e.funds.weight.trim() == "20" && one_fund_row) {
            return TemplateId::Hubei2020;
        }
        // 四川: funds by source beyond 财政资金 (which MOF-family forms print too)
        if self
            .fund_kinds
            .iter()
            .any(|k| matches!(k, K::UnitFunds | K::SpecialAccount))
        {
            return TemplateId::Sichuan2023;
        }
        let split = self.ind.as_ref().is_some_and(|m| {
            m.columns
                .iter()
                .any(|c| c.col == IndCol::Nature || c.part == Part::Nature)
        });
        if split {
            return TemplateId::SplitTarget;
        }
        TemplateId::Mof2020
    }

    /// Whether anything beyond a title was read.
    fn has_content(&self) -> bool {
        self.content
    }

    fn finish(mut self) -> Recognised {
        if self.exported {
            // tiers an export does not print were not chosen
            if self
                .ind
                .as_ref()
                .is_some_and(|m| m.find(IndCol::Tier, Part::Whole).is_none())
            {
                for r in &mut self.e.indicators {
                    r.tier = None;
                }
            }
            let (rate, total, grade) = self.printed.take().unwrap_or_default();
            self.e.funds.claimed_rate = rate;
            self.e.claimed_total = total;
            self.e.claimed_grade = grade;
        }
        // the template the form follows: named by an export, else told by its layout
        // (an export names every template but the default one)
        let template = match self.template.take() {
            Some(t) => t,
            None if self.exported => crate::model::TemplateId::Mof2020,
            None => self.layout_template(),
        };
        self.e.template = template;
        if !template.is_default() {
            self.note(Note::Template(template));
        }
        // weights printed in headings; the template's otherwise (R1: 50/30/10 on the MOF form,
        // none on forms that print none) — and none where the form prints no weights at all
        // (湖北 2020: points per block), where defaults would be invented
        let no_row_weights = self.ind.as_ref().is_some_and(|m| !m.has_weight);
        let headings = self.level1_weights.iter().any(Option::is_some);
        let defaults = crate::templates::template(template).level1_weights();
        for (i, l1) in Level1::ALL.iter().enumerate() {
            let slot = self.e.level1_weights.get_mut(*l1);
            match self.level1_weights[i].take() {
                Some(w) => *slot = w,
                // an export prints every weight it has: a heading without one had none
                None if self.exported || (no_row_weights && !headings) => slot.clear(),
                None => *slot = defaults.get(*l1).to_string(),
            }
        }
        // 财政资金 is the 四川 form's row by source; elsewhere it is the year's appropriation
        if template != crate::model::TemplateId::Sichuan2023 && self.e.funds.current_year.is_blank()
        {
            self.e.funds.current_year = std::mem::take(&mut self.e.funds.fiscal);
        }
        if self.e.funds.weight.trim().is_empty() {
            self.e.funds.weight = crate::templates::template(template).execution_weight();
        }
        // a department form names its department in the unit's place (单位名称)
        if template.is_department()
            && self.e.department.trim().is_empty()
            && !self.e.implementing_unit.trim().is_empty()
        {
            self.e.department = std::mem::take(&mut self.e.implementing_unit);
        }
        if let Some(unit) = self.fund_unit.filter(|u| *u == "元") {
            self.note(Note::AmountsInYuan);
            for kind in crate::model::FundRowKind::ALL {
                let row = self.e.funds.row_mut(kind);
                for col in FundColumn::ALL {
                    let v = row.get_mut(col);
                    if !v.trim().is_empty() && !v.contains('元') {
                        v.push_str(unit);
                    }
                }
            }
        }
        if self.ind.as_ref().is_some_and(|m| !m.has_weight) && !self.e.indicators.is_empty() {
            self.note(Note::NoRowWeights);
        }
        let (proposed_weights, proposal_basis) = self.propose_weights();
        if let Some(review) = self.review.take() {
            self.e.review = review;
        }
        let mut note = self.note_text.take().unwrap_or_default();
        if !self.kept.is_empty() {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&self.kept.join("\n"));
        }
        if !self.unplaced.is_empty() {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str("导入时未能归入栏目的内容：");
            for u in &self.unplaced {
                note.push('\n');
                note.push_str(&format!(
                    "{}：{}",
                    u.at.describe(crate::i18n::Lang::Zh),
                    u.text
                ));
            }
        }
        self.e.note = note;
        Recognised {
            evaluation: self.e,
            at: self.at,
            unplaced: self.unplaced,
            notes: self.notes,
            proposed_weights,
            proposal_basis,
        }
    }

    /// The groups with printed points: 年度绩效目标 blocks, else the 一级 headings.
    fn groups(&self) -> Vec<(String, String, Vec<usize>)> {
        let mut out = Vec::new();
        if !self.blocks.is_empty() {
            for (k, (heading, points, start)) in self.blocks.iter().enumerate() {
                let end = self
                    .blocks
                    .get(k + 1)
                    .map(|b| b.2)
                    .unwrap_or(self.e.indicators.len());
                if let Some(p) = points {
                    out.push((heading.clone(), p.clone(), (*start..end).collect()));
                }
            }
            return out;
        }
        for l1 in Level1::ALL {
            let p = self.e.level1_weights.get(l1).trim().to_string();
            if p.is_empty() {
                continue;
            }
            let rows: Vec<usize> = self
                .e
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, r)| r.level2.level1() == l1)
                .map(|(i, _)| i)
                .collect();
            out.push((l1.name_zh().to_string(), p, rows));
        }
        out
    }

    /// The weights the form implies for rows without one; see [`Recognised::proposed_weights`].
    fn propose_weights(&mut self) -> (Vec<(usize, String)>, Vec<Note>) {
        use rust_decimal::Decimal;
        let num = |t: &str| -> Option<Decimal> {
            crate::parse::parse_number(t).ok().flatten().map(|(n, _)| n)
        };
        let mut proposed = Vec::new();
        let mut basis = Vec::new();
        let groups = self.groups();
        for (heading, points, rows) in &groups {
            let Some(p) = num(points) else { continue };
            let claims: Vec<Option<Decimal>> = rows
                .iter()
                .map(|&i| num(&self.e.indicators[i].claimed))
                .collect();
            let sum: Decimal = claims.iter().flatten().copied().sum();
            if !self.blocks.is_empty() {
                self.note(Note::BlockPoints(
                    heading.clone(),
                    points.clone(),
                    crate::rules::fmt_num(sum),
                ));
            }
            let unweighted = rows
                .iter()
                .all(|&i| self.e.indicators[i].weight.trim().is_empty());
            if !unweighted || rows.is_empty() {
                continue;
            }
            if rows.len() == 1 {
                proposed.push((rows[0], points.clone()));
                basis.push(Note::ImpliedSingle(heading.clone(), points.clone()));
            } else if claims.iter().all(Option::is_some) && sum == p {
                for (&i, c) in rows.iter().zip(&claims) {
                    if let Some(c) = c {
                        proposed.push((i, crate::rules::fmt_num(*c)));
                    }
                }
                basis.push(Note::ImpliedFullMarks(heading.clone(), points.clone()));
            }
        }
        (proposed, basis)
    }
}

/// The title over a form: `2022年度预算支出绩效自评表`, `项目支出绩效自评表（2023年度）`.
fn title_year(text: &str) -> Option<Option<String>> {
    let k = key(text);
    let is_title = (k.contains("自评表") || k.contains("评价表") || k.contains("自评情况表"))
        && !k.contains("部门整体")
        && k.chars().count() <= 60;
    if !is_title {
        return None;
    }
    Some(year_in(&k))
}

/// A line that only states the year: `（2022年度）`, `2022年`.
fn year_line(text: &str) -> Option<String> {
    let k = key(text);
    let inner = k
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    let digits: String = inner.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &inner[digits.len()..];
    (digits.len() == 4 && matches!(rest, "年度" | "年" | ""))
        .then(|| year_in(&format!("{digits}年")))?
}

/// The title of a department-wide self-evaluation form with its own indicator table:
/// `2023年度部门整体支出绩效自评表`, `部门整体绩效自评表` (not its 基础数据表).
fn is_department_form_title(text: &str) -> bool {
    let k = key(text);
    k.contains("部门整体")
        && (k.contains("绩效自评表") || k.ends_with("自评表"))
        && !k.contains("数据表")
        && k.chars().count() <= 60
}

fn is_department_title(text: &str) -> bool {
    let k = key(text);
    k.contains("部门整体")
        && ["自评表", "评价表", "数据表", "情况表"]
            .iter()
            .any(|w| k.contains(w))
}

/// The column titles of a list of forms: header labels side by side, each followed at once by
/// another title (`项目名称 | 主管部门 | 实施单位 | 年度 | 全年预算数 … | 总分`), where a form
/// puts a value after each label.
fn is_list_header(line: &Line) -> bool {
    let spans: Vec<(Span, &str)> = line
        .spans()
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let is_title = |t: &str| {
        matches!(header_label(t), Some((_, ref v)) if v.is_empty())
            || fund_column_ranked(t).is_some()
            || indicator_column(t).is_some()
            || is_total_label(t)
            || is_grade_label(t)
    };
    let mut labels_then_titles = 0;
    for pair in spans.windows(2) {
        let ((a, ta), (b, tb)) = (pair[0], pair[1]);
        if b.first == a.last + 1
            && matches!(header_label(ta), Some((_, ref v)) if v.is_empty())
            && is_title(tb)
        {
            labels_then_titles += 1;
        }
    }
    // a form's own header may print its labels side by side with the values below; a list
    // also has figures' titles (全年预算数, 总分, 等级) in the same row
    let figures = spans
        .iter()
        .any(|(_, t)| fund_column_ranked(t).is_some() || is_total_label(t) || is_grade_label(t));
    labels_then_titles >= 3 && figures
}

/// A four-digit year followed by 年: `2022年度` → `2022`.
fn year_in(k: &str) -> Option<String> {
    let chars: Vec<char> = k.chars().collect();
    for i in 0..chars.len() {
        if i + 4 < chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let y: String = chars[i..i + 4].iter().collect();
            if y.starts_with("19") || y.starts_with("20") {
                return Some(y);
            }
        }
    }
    None
}

struct Reader<'a> {
    doc: &'a Document,
    lines: Vec<Line<'a>>,
    forms: Vec<Recognised>,
    cur: Option<FormBuilder>,
    pending_year: Option<Option<String>>,
    loose: Vec<Indicator>,
    loose_map: Option<IndMap>,
    loose_level: (Option<Level1>, Option<Level2>),
    /// The first row of a two-row indicator header, waiting for its second row.
    pending_header: Option<IndMap>,
    /// Inside something that is not a project form (a list of forms, a department form's
    /// figures) until the next form title.
    skipping: bool,
    found: Found,
}

impl<'a> Reader<'a> {
    fn new(doc: &'a Document) -> Reader<'a> {
        let mut lines = Vec::new();
        let mut found = Found::default();
        let mut t = 0;
        let mut p = 0;
        for b in &doc.blocks {
            match b {
                Block::Paragraph(text) => {
                    p += 1;
                    lines.push(Line::Paragraph { n: p, text });
                }
                Block::Table(table) => {
                    t += 1;
                    for r in 0..table.rows.len() {
                        lines.push(Line::Row { table, t, r });
                    }
                }
            }
        }
        found.tables = t;
        found.paragraphs = p;
        Reader {
            doc,
            lines,
            forms: Vec::new(),
            cur: None,
            pending_year: None,
            loose: Vec::new(),
            loose_map: None,
            loose_level: (None, None),
            pending_header: None,
            skipping: false,
            found,
        }
    }

    fn place(&self, line: &Line, col: usize) -> Place {
        line.place(&self.doc.name, col)
    }

    fn close(&mut self) {
        if let Some(f) = self.cur.take() {
            if f.has_content() {
                self.forms.push(f.finish());
            }
        }
    }

    /// The current form, starting one at `line` when there is none.
    fn form(&mut self, line: &Line) -> &mut FormBuilder {
        if self.cur.is_none() {
            let at = self.place(line, 0);
            let year = self.pending_year.take().flatten();
            self.cur = Some(FormBuilder::new(at, year));
        }
        // just created above when missing
        self.cur
            .get_or_insert_with(|| FormBuilder::new(Place::default_place(), None))
    }

    fn run(&mut self) {
        let lines = self.lines.clone();
        let mut prev_table = 0;
        for line in &lines {
            let cells = line.cells();
            if cells.is_empty() {
                continue;
            }
            if self.found.first_texts.len() < 4 {
                for (_, t) in cells.iter().take(4 - self.found.first_texts.len()) {
                    self.found
                        .first_texts
                        .push(t.chars().take(20).collect::<String>());
                }
            }
            // a new table without its own column titles goes on with the previous one's
            let table = line.table_no();
            if table != 0 && table != prev_table {
                prev_table = table;
            }
            self.line(line, &cells);
        }
        self.close();
    }

    fn line(&mut self, line: &Line<'a>, cells: &[(usize, &'a str)]) {
        let first = cells[0].1;
        if self.skipping {
            if cells.len() == 1 && (title_year(first).is_some() || is_department_form_title(first))
            {
                self.skipping = false;
            } else {
                return;
            }
        }
        // a list of forms (项目名称 | 主管部门 | 实施单位 | 年度 | …, a 汇总表): not a form
        if is_list_header(line) {
            self.close();
            self.pending_year = None;
            self.skipping = true;
            return;
        }
        // the foot line of ziping's own exports
        if key(first).starts_with(&key(exported::EXPORT_MARK)) {
            if let Some(f) = self.cur.as_mut() {
                f.exported = true;
                f.section = Section::After;
            }
            return;
        }
        // the title of the next form
        if cells.len() == 1 {
            // a 部门整体支出绩效自评表 with its indicator table is a form (of a department
            // template); the department's figures and data tables are not
            if is_department_form_title(first) {
                self.close();
                let year = year_in(&key(first));
                let f = self.form(line);
                f.department = true;
                if let Some(y) = year {
                    f.e.year = y;
                }
                return;
            }
            if is_department_title(first) {
                self.close();
                self.found.department_form = true;
                self.pending_year = None;
                self.skipping = true;
                return;
            }
            if let Some(year) = year_line(first) {
                match self.cur.as_mut() {
                    Some(f) if f.e.year.is_empty() => f.e.year = year,
                    Some(_) => {}
                    None => self.pending_year = Some(Some(year)),
                }
                return;
            }
            if let Some(year) = title_year(first) {
                if self.cur.as_ref().is_some_and(|f| f.has_content()) {
                    self.close();
                }
                match self.cur.as_mut() {
                    Some(f) => {
                        if let Some(y) = year {
                            f.e.year = y;
                        }
                    }
                    None => self.pending_year = Some(year),
                }
                return;
            }
        }
        // header labels: 项目名称, 主管部门, 实施单位, 年度
        if let Some(pairs) = header_pairs(line) {
            let names_project = pairs.iter().any(|(f, _, _)| *f == HeaderLabel::ProjectName);
            if names_project
                && self.cur.as_ref().is_some_and(|f| {
                    !f.e.project_name.is_empty()
                        || f.section != Section::Header
                        || !f.e.indicators.is_empty()
                })
            {
                self.close();
            }
            let place_of: Vec<Place> = cells.iter().map(|(c, _)| self.place(line, *c)).collect();
            let f = self.form(line);
            let mut used: Vec<usize> = Vec::new();
            for (field, value, cols) in pairs {
                used.extend(cols);
                let slot = match field {
                    HeaderLabel::ProjectName => &mut f.e.project_name,
                    HeaderLabel::Department => &mut f.e.department,
                    HeaderLabel::ImplementingUnit => &mut f.e.implementing_unit,
                    HeaderLabel::Year => &mut f.e.year,
                };
                let value = if field == HeaderLabel::Year {
                    year_in(&format!("{}年", key(&value).trim_end_matches(['年', '度'])))
                        .unwrap_or(value)
                } else {
                    value
                };
                if !value.is_empty() {
                    *slot = value;
                }
                f.content = true;
            }
            if cells.len() == 1 {
                // "单位名称：…  填报日期：…" above the table
                if let Some(pairs) = sign_off_pairs(cells) {
                    apply_sign_off(f, pairs);
                }
                return;
            }
            // other labelled cells beside the header (项目负责人及电话 | …) are kept with their label
            let rest: Vec<(usize, &str, Place)> = cells
                .iter()
                .zip(place_of)
                .filter(|((c, _), _)| !used.contains(c))
                .map(|((c, t), at)| (*c, *t, at))
                .collect();
            let mut k = 0;
            while k < rest.len() {
                let (_, t, ref at) = rest[k];
                // 自评总分 printed in the header (重庆): the total the form claims
                if is_total_label(t) {
                    let value = rest.get(k + 1).map(|(_, v, _)| *v).unwrap_or("");
                    if crate::parse::parse_number(value).ok().flatten().is_some() {
                        f.e.claimed_total = value.to_string();
                        k += 2;
                        continue;
                    }
                }
                if is_narrative_label(t) {
                    let value = rest.get(k + 1).map(|(_, v, _)| *v).unwrap_or("");
                    f.kept.push(format!("{}：{}", key(t), value));
                    k += 2;
                    continue;
                }
                f.unplaced.push(Unplaced {
                    at: at.clone(),
                    text: t.to_string(),
                });
                k += 1;
            }
            return;
        }
        // a row that holds one text beside its label: 执行偏差说明, 备注, 原表所印
        if cells.len() <= 2 {
            if let (Some(label), Some(f)) = (row_label(first), self.cur.as_mut()) {
                let value = cells.get(1).map(|(_, t)| t.to_string()).unwrap_or_default();
                match label {
                    RowLabel::FundReason => append(&mut f.e.funds.reason, value),
                    RowLabel::Note => {
                        if !value.is_empty() {
                            f.note_text = Some(value);
                        }
                    }
                    RowLabel::Printed => f.printed = Some(exported::printed_claims(&value)),
                    RowLabel::Review => f.review = Some(exported::review_from_text(&value)),
                    RowLabel::Template => f.template = exported::template_named(&value),
                }
                f.content = true;
                return;
            }
        }
        // the fund table's column titles
        if let Some((map, unit, weight)) = fund_header(line) {
            let f = self.form(line);
            f.funds = Some(map);
            if unit.is_some() {
                f.fund_unit = unit;
            }
            if let Some(w) = weight {
                f.e.funds.weight = w;
            }
            f.section = Section::Funds;
            f.content = true;
            return;
        }
        if let Some(f) = self.cur.as_mut() {
            if f.section == Section::Funds {
                if let Some(done) = fund_line(f, line, cells, &self.doc.name) {
                    if done {
                        return;
                    }
                }
            }
        }
        // 年度总体目标: its labels, its column titles, or a label with the text beside it
        let goalish = cells
            .iter()
            .any(|(_, t)| is_goal_label(t) || is_goal_expected(t) || is_goal_achieved(t));
        if goalish && indicator_header(line).is_none() {
            let doc = self.doc;
            let f = self.form(line);
            goal_line(f, line, &doc.name);
            f.content = true;
            return;
        }
        if let Some(f) = self.cur.as_mut() {
            if f.section == Section::Goal
                && f.goal_cols.is_some()
                && indicator_header(line).is_none()
            {
                goal_values(f, line, cells);
                f.section = Section::After;
                return;
            }
        }
        // narrative rows some templates add: kept under their label
        if is_narrative_label(first) {
            if let Some(f) = self.cur.as_mut() {
                let rest: Vec<&str> = cells.iter().skip(1).map(|(_, t)| *t).collect();
                if !rest.is_empty() {
                    f.kept.push(format!("{}：{}", key(first), rest.join(" ")));
                }
                return;
            }
        }
        // the indicator table's column titles (again on every page of a long form), perhaps
        // over two rows
        let pending = self.pending_header.take();
        let header = pending
            .as_ref()
            .and_then(|p| merge_titles(p, line))
            .filter(usable)
            .or_else(|| indicator_header(line));
        if header.is_none() {
            if let Some(p) = partial_header(line) {
                self.pending_header = Some(p);
                return;
            }
        }
        if let Some(map) = header {
            if self.cur.is_none() && self.found_only_rows() {
                // rows pasted with their header but without the form around them
                self.loose_map = Some(map);
                return;
            }
            let f = self.form(line);
            if map.columns.iter().any(|c| c.part != Part::Whole) {
                f.note(Note::TargetJoined);
            }
            for (_, t) in cells {
                if let Some(points) = block_heading(t) {
                    let start = f.e.indicators.len();
                    f.blocks.push((bare(t), points, start));
                }
            }
            f.ind = Some(map);
            f.section = Section::Indicators;
            f.content = true;
            return;
        }
        // totals, grade, sign-off, notes
        if is_total_label(first) && cells.len() >= 2 {
            if let Some(f) = self.cur.as_mut() {
                total_line(f, line, cells);
                return;
            }
        }
        if is_grade_label(first) && cells.len() >= 2 {
            if let Some(f) = self.cur.as_mut() {
                f.e.claimed_grade = cells[1].1.to_string();
                return;
            }
        }
        if let Some(pairs) = sign_off_pairs(cells) {
            if let Some(f) = self.cur.as_mut() {
                apply_sign_off(f, pairs);
                f.signed = true;
                f.section = Section::After;
                return;
            }
        }
        if cells.len() == 1 && is_note(first) {
            if let Some(f) = self.cur.as_mut() {
                f.kept.push(first.to_string());
                return;
            }
        }
        // indicator rows
        if let Some(f) = self.cur.as_mut() {
            if f.section == Section::Indicators {
                if let Some(map) = f.ind.clone() {
                    indicator_line(f, &map, line, cells, &self.doc.name);
                    return;
                }
            }
        }
        if self.cur.is_none() {
            // rows without a form: paste of indicator rows only
            if let Some(map) = self.loose_map.clone() {
                self.loose_row(&map, line);
                return;
            }
            if let Some(map) = inferred_map(line) {
                self.loose_row(&map, line);
            }
            return;
        }
        // anything else inside a form is kept
        let at: Vec<(Place, String)> = cells
            .iter()
            .map(|(c, t)| (self.place(line, *c), t.to_string()))
            .collect();
        if let Some(f) = self.cur.as_mut() {
            // paragraphs after a signed form (page numbers, bookmarks) are not the form's
            if f.signed && line.is_paragraph() {
                return;
            }
            // a unit line over the fund table: "单位：万元"
            if cells.len() == 1 {
                if let Some(u) = amount_unit(cells[0].1) {
                    f.fund_unit = Some(u);
                    return;
                }
            }
            for (place, text) in at {
                f.unplaced.push(Unplaced { at: place, text });
            }
        }
    }

    fn found_only_rows(&self) -> bool {
        self.forms.is_empty()
    }

    fn loose_row(&mut self, map: &IndMap, line: &Line) {
        let mut fb = FormBuilder::new(Place::default_place(), None);
        fb.level1 = self.loose_level.0;
        fb.level2 = self.loose_level.1;
        fb.section = Section::Indicators;
        let cells = line.cells();
        indicator_line(&mut fb, map, line, &cells, &self.doc.name);
        self.loose_level = (fb.level1, fb.level2);
        self.loose.extend(fb.e.indicators);
    }
}

impl Place {
    fn default_place() -> Place {
        Place {
            document: String::new(),
            table: 0,
            row: 0,
            col: 0,
        }
    }
}

/// The header fields of a line: each label with its value and the columns they used.
fn header_pairs(line: &Line) -> Option<Vec<(HeaderLabel, String, Vec<usize>)>> {
    let spans = line.spans();
    let mut out = Vec::new();
    let own: Vec<&str> = spans
        .iter()
        .map(|(_, t)| *t)
        .filter(|t| !t.is_empty())
        .collect();
    if own.len() == 1 {
        // "项目名称：XX    主管部门：YY" written as one paragraph (or one merged cell); sign-off
        // words bound the values (the sign-off reads them)
        let mut words: Vec<&str> = HEADER_WORDS.to_vec();
        words.extend(SIGN_OFF_LABELS.iter().map(|(w, _)| *w));
        let pairs: Vec<_> = label_pairs(own[0], &words)
            .into_iter()
            .filter_map(|(w, v)| header_label(w).map(|(f, _)| (f, v, vec![0])))
            .collect();
        if !pairs.is_empty() {
            return Some(pairs);
        }
    }
    let mut i = 0;
    while i < spans.len() {
        let (span, text) = spans[i];
        if let Some((field, inline)) = header_label(text) {
            if !inline.is_empty() {
                out.push((field, inline, vec![span.first]));
                i += 1;
                continue;
            }
            // the value: the next cell that is not itself a label
            let mut j = i + 1;
            while j < spans.len() && spans[j].1.trim().is_empty() {
                j += 1;
            }
            if j < spans.len() && header_label(spans[j].1).is_none() {
                out.push((
                    field,
                    spans[j].1.trim().to_string(),
                    vec![span.first, spans[j].0.first],
                ));
                i = j + 1;
            } else {
                out.push((field, String::new(), vec![span.first]));
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    // a year alone ("年度 | 2022") is a header only beside other header fields or in a header row
    if out.len() == 1 && out[0].0 == HeaderLabel::Year && out[0].1.is_empty() {
        return None;
    }
    (!out.is_empty()).then_some(out)
}

const HEADER_WORDS: &[&str] = &[
    "项目名称",
    "主管部门",
    "实施单位",
    "项目支出名称",
    "预算单位",
    "单位名称",
];

/// `label：value` pairs in one text, for the labels given (a paragraph of several fields).
fn label_pairs<'t>(text: &'t str, labels: &[&'t str]) -> Vec<(&'t str, String)> {
    let mut hits: Vec<(usize, usize, &str)> = Vec::new();
    for label in labels {
        let mut from = 0;
        while let Some(pos) = text[from..].find(label) {
            let start = from + pos;
            let end = start + label.len();
            let after = text[end..].trim_start();
            if after.starts_with('：') || after.starts_with(':') {
                // not inside a longer label already found ("单位负责人签字" over "单位负责人")
                if !hits.iter().any(|(s, e, _)| start >= *s && start < *e) {
                    hits.push((start, end, label));
                }
            }
            from = end;
        }
    }
    hits.sort();
    hits.dedup_by(|a, b| a.0 >= b.0 && a.0 < b.1);
    let mut out = Vec::new();
    for (i, (_, end, label)) in hits.iter().enumerate() {
        let stop = hits.get(i + 1).map(|h| h.0).unwrap_or(text.len());
        let value = text
            .get(*end..stop)
            .unwrap_or("")
            .trim()
            .trim_start_matches(['：', ':'])
            .trim()
            .to_string();
        out.push((*label, value));
    }
    out
}

fn sign_off_pairs(cells: &[(usize, &str)]) -> Option<Vec<(SignOffLabel, &'static str, String)>> {
    let words: Vec<&str> = SIGN_OFF_LABELS.iter().map(|(w, _)| *w).collect();
    let joined: String = cells
        .iter()
        .map(|(_, t)| {
            let t = t.trim();
            // a label alone in its cell: give it the colon the text form has
            if words.iter().any(|w| key(t) == *w) {
                format!("{t}：")
            } else {
                t.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("  ");
    let joined = joined.replace("[bookmark:_GoBack]", "");
    let pairs = label_pairs(&joined, &words);
    if pairs.is_empty() {
        return None;
    }
    Some(
        pairs
            .into_iter()
            .filter_map(|(w, v)| {
                SIGN_OFF_LABELS
                    .iter()
                    .find(|(x, _)| *x == w)
                    .map(|(x, l)| (*l, *x, v))
            })
            .collect(),
    )
}

fn apply_sign_off(f: &mut FormBuilder, pairs: Vec<(SignOffLabel, &'static str, String)>) {
    for (label, word, value) in pairs {
        let slot = match label {
            SignOffLabel::Preparer => &mut f.e.sign_off.preparer,
            SignOffLabel::Date => &mut f.e.sign_off.date,
            SignOffLabel::Phone => &mut f.e.sign_off.phone,
            SignOffLabel::Head => &mut f.e.sign_off.head,
            SignOffLabel::Other => {
                if !value.is_empty() {
                    f.kept.push(format!("{word}：{value}"));
                }
                continue;
            }
        };
        if !value.is_empty() {
            *slot = value;
        }
    }
}

/// A row of fund-table column titles: the map, the unit it states and a weight written in its
/// block label (`预算执行情况（万元）（20分）`).
fn fund_header(line: &Line) -> Option<(FundMap, Option<&'static str>, Option<String>)> {
    let spans = line.spans();
    let mut ranked: Vec<(Span, FundCol, u8)> = Vec::new();
    let mut unit = None;
    let mut weight = None;
    for (span, text) in &spans {
        if text.is_empty() {
            continue;
        }
        if unit.is_none() {
            unit = amount_unit(text);
        }
        match fund_column_ranked(text) {
            Some((col, rank)) => match ranked.iter_mut().find(|(_, c, _)| *c == col) {
                // the more specific title of two wins; of two alike, the first
                Some(slot) if slot.2 < rank => *slot = (*span, col, rank),
                Some(_) => {}
                None => ranked.push((*span, col, rank)),
            },
            None => {
                if weight.is_none() && (is_fund_block_label(text) || key(text).contains("执行")) {
                    weight = points_in(&key(text));
                }
            }
        }
    }
    // "得分（20分*执行率）": the weight in the score column's title
    if weight.is_none() {
        for (_, text) in &spans {
            if matches!(fund_column_ranked(text), Some((FundCol::Score, _))) {
                weight = points_in(&key(text));
            }
        }
    }
    let map = FundMap {
        columns: ranked.iter().map(|(s, c, _)| (*s, *c)).collect(),
    };
    let amounts = map
        .columns
        .iter()
        .filter(|(_, c)| matches!(c, FundCol::Amount(_)))
        .count();
    let has_rate_or_exec = map
        .columns
        .iter()
        .any(|(_, c)| matches!(c, FundCol::Rate | FundCol::Amount(FundColumn::Executed)));
    (amounts >= 2 && has_rate_or_exec).then_some((map, unit, weight))
}

/// A row of the fund table. `Some(true)` when it was read, `Some(false)`/`None` when the line is
/// something else (the fund section ends).
fn fund_line(f: &mut FormBuilder, line: &Line, cells: &[(usize, &str)], doc: &str) -> Option<bool> {
    let map = f.funds.clone()?;
    let (label_col, kind) = cells
        .iter()
        .find_map(|(c, t)| fund_row(t).map(|k| (Some(*c), k)))
        .or_else(|| {
            // 湖北 style: "年度财政资金总额" is the block label itself, values on its row
            cells
                .iter()
                .find(|(_, t)| is_fund_block_label(t) && key(t).contains("资金总额"))
                .map(|(c, _)| (Some(*c), crate::model::FundRowKind::Total))
        })
        .or_else(|| {
            // 重庆 style: the total's figures right under the titles, without a row label
            let figures = cells.iter().all(|(_, t)| {
                is_fund_block_label(t)
                    || is_none_mark(t)
                    || crate::parse::parse_number(t).ok().flatten().is_some()
            });
            (f.fund_kinds.is_empty() && figures).then_some((None, crate::model::FundRowKind::Total))
        })?;
    let mut used: Vec<usize> = label_col.into_iter().collect();
    if !f.fund_kinds.contains(&kind) {
        f.fund_kinds.push(kind);
    }
    for (span, col) in &map.columns {
        if label_col.is_some_and(|c| span.contains(c)) {
            continue;
        }
        let v = line.span_text(*span, false);
        used.extend(
            cells
                .iter()
                .filter(|(c, _)| span.contains(*c))
                .map(|(c, _)| *c),
        );
        // "—", "/", "无" in an amount or score cell: nothing there
        if v.is_empty() || is_none_mark(&v) {
            continue;
        }
        match col {
            FundCol::Amount(column) => {
                *f.e.funds.row_mut(kind).get_mut(*column) = v;
            }
            FundCol::Weight
                if kind == crate::model::FundRowKind::Total
                    && crate::parse::parse_number(&v).ok().flatten().is_some() =>
            {
                f.e.funds.weight = v
            }
            FundCol::Rate if kind == crate::model::FundRowKind::Total => f.e.funds.claimed_rate = v,
            FundCol::Score if kind == crate::model::FundRowKind::Total => {
                f.e.funds.claimed = exported::typed_score(&v)
            }
            _ => {}
        }
    }
    for (c, t) in cells {
        if used.contains(c) || is_fund_block_label(t) {
            continue;
        }
        if let Some(u) = amount_unit(t) {
            f.fund_unit = Some(u);
            continue;
        }
        // the weight written in the block label: "项目资金（10分）"
        f.unplaced.push(Unplaced {
            at: line.place(doc, *c),
            text: t.to_string(),
        });
    }
    Some(true)
}

/// A line of the goal block: column titles (`预期目标 | 实际完成情况`), or labels with their text
/// beside them (`年初设定目标 | …`, `年度总体目标完成情况综述 | …`).
fn goal_line(f: &mut FormBuilder, line: &Line, doc: &str) {
    let spans = line.spans();
    let is_label = |t: &str| is_goal_label(t) || is_goal_expected(t) || is_goal_achieved(t);
    let mut cols: (Option<Span>, Option<Span>) = (None, None);
    let mut i = 0;
    f.section = Section::Goal;
    while i < spans.len() {
        let (span, t) = spans[i];
        if t.is_empty() || is_goal_label(t) {
            i += 1;
            continue;
        }
        let expected = is_goal_expected(t);
        let achieved = is_goal_achieved(t);
        if expected || achieved {
            // the next cell: another title (a header row) or this label's text
            let next = spans[i + 1..].iter().find(|(_, x)| !x.is_empty());
            match next {
                Some((_, x)) if !is_label(x) => {
                    let slot = if expected {
                        &mut f.e.goal.expected
                    } else {
                        &mut f.e.goal.achieved
                    };
                    append(slot, x.to_string());
                    f.section = Section::After;
                    // skip to after the text
                    let at = spans[i + 1..]
                        .iter()
                        .position(|(_, y)| !y.is_empty())
                        .map(|p| i + 1 + p)
                        .unwrap_or(i);
                    i = at + 1;
                    continue;
                }
                _ => {
                    if expected {
                        cols.0 = Some(span);
                    } else {
                        cols.1 = Some(span);
                    }
                }
            }
            i += 1;
            continue;
        }
        // text after a block label alone: "年度总体目标 | the goal"
        if cols == (None, None) {
            if f.e.goal.expected.is_empty() {
                f.e.goal.expected = t.to_string();
            } else if f.e.goal.achieved.is_empty() {
                f.e.goal.achieved = t.to_string();
            } else {
                f.unplaced.push(Unplaced {
                    at: line.place(doc, span.first),
                    text: t.to_string(),
                });
            }
            f.section = Section::After;
        }
        i += 1;
    }
    if cols != (None, None) {
        f.goal_cols = Some(cols);
        f.section = Section::Goal;
    }
}

fn goal_values(f: &mut FormBuilder, line: &Line, cells: &[(usize, &str)]) {
    let Some((exp, ach)) = f.goal_cols else {
        return;
    };
    let read = |span: Option<Span>| span.map(|s| line.span_text(s, false)).unwrap_or_default();
    let mut expected = read(exp);
    let mut achieved = read(ach);
    if expected.is_empty() && achieved.is_empty() {
        // columns did not line up (text without merges): the texts in order
        let texts: Vec<&str> = cells
            .iter()
            .map(|(_, t)| *t)
            .filter(|t| !is_goal_label(t))
            .collect();
        expected = texts.first().map(|t| t.to_string()).unwrap_or_default();
        achieved = texts.get(1).map(|t| t.to_string()).unwrap_or_default();
    }
    append(&mut f.e.goal.expected, expected);
    append(&mut f.e.goal.achieved, achieved);
}

fn append(slot: &mut String, text: String) {
    if text.is_empty() {
        return;
    }
    if !slot.is_empty() {
        slot.push('\n');
    }
    slot.push_str(&text);
}

/// A row of indicator-table column titles.
fn indicator_header(line: &Line) -> Option<IndMap> {
    let spans = line.spans();
    let mut map = IndMap::default();
    for (span, text) in &spans {
        if text.is_empty() || is_indicator_block_label(text) {
            continue;
        }
        if let Some(col) = indicator_column(text) {
            if col != IndCol::Kept && map.columns.iter().any(|c| c.col == col) {
                continue;
            }
            map.columns.push(IndColumn {
                span: *span,
                col,
                part: Part::Whole,
                header: text.replace('\n', ""),
            });
        }
    }
    if !usable(&map) {
        return None;
    }
    map.has_weight = map.columns.iter().any(|x| x.col == IndCol::Weight);
    Some(map)
}

/// Adds the titles of a second header row to a map: `指标性质 | 指标值 | 度量单位` under 年度指标值
/// (a split target), and columns whose titles sit on the second row because the first row's
/// cells span down (云南). `None` when the line is not a row of titles.
fn merge_titles(map: &IndMap, line: &Line) -> Option<IndMap> {
    let spans = line.spans();
    let mut added: Vec<IndColumn> = Vec::new();
    for (span, text) in &spans {
        if text.is_empty() || is_indicator_block_label(text) {
            continue;
        }
        let b = bare(text);
        let part = if b.contains("性质") || b.contains("比较") || b == "符号" {
            Some(Part::Nature)
        } else if b.contains("单位") {
            Some(Part::Unit)
        } else if b.contains("指标值") || b == "数值" || b == "值" {
            Some(Part::Value)
        } else {
            None
        };
        let parent = map
            .columns
            .iter()
            .find(|c| c.part == Part::Whole && c.span.contains(span.first) && c.span != *span)
            .filter(|c| matches!(c.col, IndCol::Target | IndCol::Actual));
        match (part, parent) {
            (Some(part), Some(p)) => added.push(IndColumn {
                span: *span,
                col: p.col,
                part,
                header: p.header.clone(),
            }),
            _ => {
                let col = indicator_column(text)?;
                added.push(IndColumn {
                    span: *span,
                    col,
                    part: Part::Whole,
                    header: text.replace('\n', ""),
                });
            }
        }
    }
    if added.is_empty() {
        return None;
    }
    let mut out = map.clone();
    // a parent split into parts is read through its parts
    out.columns.retain(|c| {
        !(c.part == Part::Whole
            && added
                .iter()
                .any(|a| a.col == c.col && a.part != Part::Whole && c.span.contains(a.span.first)))
    });
    for a in added {
        if a.part == Part::Whole
            && a.col != IndCol::Kept
            && out
                .columns
                .iter()
                .any(|c| c.col == a.col && c.part == Part::Whole)
        {
            continue;
        }
        out.columns.push(a);
    }
    out.has_weight = out.columns.iter().any(|c| c.col == IndCol::Weight);
    Some(out)
}

/// Whether a map can read rows: a name or 二级 column, and a target or actual column.
fn usable(map: &IndMap) -> bool {
    let has = |c: IndCol| map.columns.iter().any(|x| x.col == c);
    map.columns.len() >= 3
        && (has(IndCol::Name) || has(IndCol::Level2))
        && (has(IndCol::Target) || has(IndCol::Actual))
}

/// The first row of a two-row header (`绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 …` whose
/// 一级/二级/三级 titles are on the next row): column titles only, not yet usable.
fn partial_header(line: &Line) -> Option<IndMap> {
    let spans = line.spans();
    let mut map = IndMap::default();
    for (span, text) in &spans {
        if text.is_empty() || is_indicator_block_label(text) {
            continue;
        }
        let col = indicator_column(text)?;
        map.columns.push(IndColumn {
            span: *span,
            col,
            part: Part::Whole,
            header: text.replace('\n', ""),
        });
    }
    (map.columns.len() >= 2).then_some(map)
}

/// Guesses the columns of indicator rows pasted without their titles: the 一级/二级 headings by
/// their names, then 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因 in the standard order.
fn inferred_map(line: &Line) -> Option<IndMap> {
    let Line::Row { table, r, .. } = *line else {
        return None;
    };
    // only decide on the first row of a table: look at the whole table
    if r != 0 {
        return None;
    }
    let width = table.width();
    let mut l1_col = None;
    let mut l2_col = None;
    for c in 0..width {
        let mut l1 = 0;
        let mut l2 = 0;
        for rr in 0..table.rows.len().min(200) {
            let t = table.shown(rr, c);
            if t.trim().is_empty() {
                continue;
            }
            if level1(t).is_some() {
                l1 += 1;
            } else if level2(t).is_some() {
                l2 += 1;
            }
        }
        if l1 > 0 && l1_col.is_none() && l2 == 0 {
            l1_col = Some(c);
        } else if l2 > 0 && l2_col.is_none() {
            l2_col = Some(c);
        }
    }
    let l2c = l2_col?;
    let mut columns = Vec::new();
    if let Some(c) = l1_col {
        columns.push(IndColumn {
            span: Span { first: c, last: c },
            col: IndCol::Level1,
            part: Part::Whole,
            header: String::new(),
        });
    }
    columns.push(IndColumn {
        span: Span {
            first: l2c,
            last: l2c,
        },
        col: IndCol::Level2,
        part: Part::Whole,
        header: String::new(),
    });
    let order = [
        IndCol::Name,
        IndCol::Target,
        IndCol::Actual,
        IndCol::Weight,
        IndCol::Claimed,
        IndCol::Reason,
    ];
    let start = l2c.max(l1_col.unwrap_or(0)) + 1;
    for (i, col) in order.iter().enumerate() {
        let c = start + i;
        if c >= width {
            break;
        }
        columns.push(IndColumn {
            span: Span { first: c, last: c },
            col: *col,
            part: Part::Whole,
            header: String::new(),
        });
    }
    let has_weight = columns.iter().any(|c| c.col == IndCol::Weight);
    Some(IndMap {
        columns,
        has_weight,
    })
}

fn total_line(f: &mut FormBuilder, line: &Line, cells: &[(usize, &str)]) {
    let claimed_col = f
        .ind
        .as_ref()
        .and_then(|m| m.find(IndCol::Claimed, Part::Whole))
        .map(|c| c.span);
    // the figure under the 得分 column when the table lines up, else the last number
    let mut total = claimed_col
        .map(|s| line.span_text(s, false))
        .filter(|t| crate::parse::parse_number(t).ok().flatten().is_some());
    if total.is_none() {
        total = cells
            .iter()
            .skip(1)
            .rev()
            .map(|(_, t)| *t)
            .find(|t| crate::parse::parse_number(t).ok().flatten().is_some())
            .map(str::to_string);
    }
    if let Some(t) = total {
        f.e.claimed_total = t;
    }
    // a grade written in the same row ("总分 | 88 | 等级 | 良")
    if let Some(pos) = cells.iter().position(|(_, t)| is_grade_label(t)) {
        if let Some((_, g)) = cells.get(pos + 1) {
            f.e.claimed_grade = g.to_string();
        }
    }
    f.section = Section::After;
}

/// A row of the indicator table.
fn indicator_line(
    f: &mut FormBuilder,
    map: &IndMap,
    line: &Line,
    cells: &[(usize, &str)],
    doc: &str,
) {
    // a second header row (split target)
    if let Some(m) = merge_titles(map, line) {
        if m.columns.iter().any(|c| c.part != Part::Whole) {
            f.note(Note::TargetJoined);
        }
        f.ind = Some(m);
        return;
    }
    let read = |col: IndCol, part: Part, carry: bool| -> String {
        map.find(col, part)
            .map(|c| line.span_text(c.span, carry))
            .unwrap_or_default()
    };
    // a 小计 row under a group or 一级: its figures are sums of the rows above
    let own = |col: IndCol| read(col, Part::Whole, false);
    if [IndCol::Level1, IndCol::Level2, IndCol::Name]
        .iter()
        .any(|c| is_subtotal_label(&own(*c)))
        || cells.first().is_some_and(|(_, t)| is_subtotal_label(t))
    {
        return;
    }
    // headings carry down: merged cells in documents, empty cells in plain text
    let l1_text = read(IndCol::Level1, Part::Whole, true);
    let l2_text = read(IndCol::Level2, Part::Whole, true);
    if let Some((l1, w)) = level1(&l1_text) {
        if f.level1 != Some(l1) {
            f.level2 = None;
        }
        f.level1 = Some(l1);
        if let Some(w) = w {
            let i = Level1::ALL.iter().position(|x| *x == l1).unwrap_or(0);
            if f.level1_weights[i].is_none() {
                f.level1_weights[i] = Some(w.clone());
                f.note(Note::Level1Weight(l1.name_zh().to_string(), w));
            }
        }
    }
    let explicit_l2 = level2(&l2_text);
    if let Some(l2) = explicit_l2 {
        if l2 == Level2::ServiceSatisfaction && f.level1 == Some(Level1::Benefit) {
            f.note(Note::SatisfactionUnderBenefit);
        }
        f.level2 = Some(l2);
    }
    // the row's own cells
    let mut name = read(IndCol::Name, Part::Whole, false);
    let mut target = read(IndCol::Target, Part::Whole, false);
    let mut actual = read(IndCol::Actual, Part::Whole, false);
    let points = |col| {
        Some(read(col, Part::Whole, false))
            .filter(|v| !is_none_mark(v))
            .unwrap_or_default()
    };
    let weight = points(IndCol::Weight);
    let claimed = exported::typed_score(&points(IndCol::Claimed));
    let reason = map
        .columns
        .iter()
        .filter(|c| c.col == IndCol::Reason)
        .map(|c| line.span_text(c.span, false))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let review_score = exported::typed_score(&points(IndCol::ReviewScore));
    let review_opinion = read(IndCol::ReviewOpinion, Part::Whole, false);
    let mut adjusted = read(IndCol::AdjustedTarget, Part::Whole, false);
    let core = core_mark(&read(IndCol::Core, Part::Whole, false));
    let unit = read(IndCol::Unit, Part::Whole, false);
    let nature = read(IndCol::Nature, Part::Whole, false);
    let direction = read(IndCol::Direction, Part::Whole, false);
    // split target and actual
    let split = |col: IndCol| -> Option<String> {
        map.find(col, Part::Value)?;
        let n = read(col, Part::Nature, false);
        let v = read(col, Part::Value, false);
        let u = read(col, Part::Unit, false);
        Some(join_target(&n, &v, &u))
    };
    let mut kind_hint = kind_from_words(&nature).or_else(|| kind_from_words(&direction));
    if let Some(t) = split(IndCol::Target) {
        target = t;
        let n = read(IndCol::Target, Part::Nature, false);
        kind_hint = kind_hint.or_else(|| kind_from_words(&n));
    }
    if let Some(a) = split(IndCol::Actual) {
        actual = a;
    }
    // a 指标性质 column of its own (≥ / ≤ / =) and a 度量单位 column beside plain values
    if !nature.is_empty() && operator_word(&nature).is_some() && !target.is_empty() {
        target = join_target(&nature, &target, "");
    }
    if !unit.is_empty() {
        target = with_unit(&target, &unit);
        actual = with_unit(&actual, &unit);
    }
    if is_none_mark(&adjusted) {
        adjusted.clear();
    }
    // "指标1：培训人数" placeholders and targets written inside the name
    name = strip_placeholder(&name);
    if target.is_empty() {
        if let Some((n, t)) = split_name_target(&name) {
            name = n;
            target = t;
        }
    }
    let nothing = |v: &str| v.is_empty() || is_none_mark(v);
    let values_blank = nothing(&target)
        && nothing(&actual)
        && weight.is_empty()
        && claimed.is_empty()
        && reason.is_empty();
    // "无" / "/" under a group: the group has no indicator; "……" and empty rows: template
    // placeholders and merge leftovers
    if values_blank
        && (name.is_empty()
            || is_ellipsis(&name)
            || matches!(parse_value(&name), Value::NotApplicable))
    {
        mark_used(f, map, line, cells, doc);
        return;
    }
    // a flat list (重庆) has no group columns: its rows go where a new row of it goes
    let flat = !map
        .columns
        .iter()
        .any(|c| matches!(c.col, IndCol::Level1 | IndCol::Level2));
    let flat_group = flat.then_some(Level2::Quantity);
    let Some(level2) = f.level2.or(f.level1.map(|l| l.groups()[0])).or(flat_group) else {
        // a row before any heading: keep it
        for (c, t) in cells {
            f.unplaced.push(Unplaced {
                at: line.place(doc, *c),
                text: t.to_string(),
            });
        }
        return;
    };
    let mut row = Indicator {
        level2,
        name,
        target,
        adjusted_target: adjusted,
        actual,
        weight,
        claimed,
        reason,
        core,
        review: crate::model::ScoreReview {
            score: review_score,
            opinion: review_opinion,
        },
        ..Indicator::default()
    };
    let detected = crate::rules::detect_kind(&row.name, &parse_value(&row.target));
    if let Some(k) = kind_hint {
        // 正向/反向 speaks of numbers: a text target stays qualitative whatever the column says
        let numeric = matches!(parse_value(&row.target), Value::Quantity(_));
        let apply = match k {
            IndicatorKind::Qualitative => true,
            _ => numeric,
        };
        if apply && k != detected {
            row.kind_override = Some(k);
        }
    }
    // a kind chosen by hand (ziping's exports) is taken as it is
    let chosen = read(IndCol::Kind, Part::Whole, false);
    if let Some(k) = IndicatorKind::ALL
        .iter()
        .find(|k| k.name_zh() == bare(&chosen))
    {
        row.kind_override = Some(*k);
    }
    if row.kind_override.unwrap_or(detected) == IndicatorKind::Qualitative {
        row.tier = match map.find(IndCol::Tier, Part::Whole) {
            Some(_) => tier_named(&read(IndCol::Tier, Part::Whole, false)),
            None => tier_written(&row.actual),
        };
    }
    // kept columns (是否核心指标, 复核分 …)
    let kept: Vec<String> = map
        .columns
        .iter()
        .filter(|c| c.col == IndCol::Kept)
        .filter_map(|c| {
            let v = line.span_text(c.span, false);
            (!v.is_empty()).then(|| format!("{}：{}", c.header, v))
        })
        .collect();
    if !kept.is_empty() {
        for c in map.columns.iter().filter(|c| c.col == IndCol::Kept) {
            f.note(Note::ColumnKept(c.header.clone()));
        }
        let label = if row.name.is_empty() {
            level2.name_zh().to_string()
        } else {
            row.name.clone()
        };
        f.kept.push(format!("{label}：{}", kept.join("；")));
    }
    f.e.indicators.push(row);
    f.content = true;
    mark_used(f, map, line, cells, doc);
}

/// Cells of an indicator row outside every known column are kept as unplaced.
fn mark_used(f: &mut FormBuilder, map: &IndMap, line: &Line, cells: &[(usize, &str)], doc: &str) {
    for (c, t) in cells {
        if map.covers(*c) || is_indicator_block_label(t) {
            continue;
        }
        f.unplaced.push(Unplaced {
            at: line.place(doc, *c),
            text: t.to_string(),
        });
    }
}

/// `—`, `/`, `无`, `-`: a cell that says there is nothing.
fn is_none_mark(t: &str) -> bool {
    matches!(parse_value(t), Value::NotApplicable)
}

/// `……`, `…`, `...`: a template's placeholder.
fn is_ellipsis(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '…' | '.' | '。' | '·' | '⋯'))
}

/// The tier a qualitative actual value states in words: `达成预期指标`, `部分达成年度指标…`,
/// `未达成…`. Only the tiers' own words count; anything else leaves the choice to the user.
fn tier_written(actual: &str) -> Option<QualitativeTier> {
    let k = key(actual);
    if k.starts_with("未达成") || k.starts_with("未达到") {
        Some(QualitativeTier::NotAchieved)
    } else if k.starts_with("部分达成") || k.starts_with("部分达到") {
        Some(QualitativeTier::Partial)
    } else if k.starts_with("达成") || k == "已达成" || k == "全部达成" {
        Some(QualitativeTier::Achieved)
    } else {
        None
    }
}

/// A tier by its name (`达成年度指标`, `部分达成…`) or its first words.
fn tier_named(text: &str) -> Option<QualitativeTier> {
    let k = key(text);
    if k.is_empty() {
        return None;
    }
    QualitativeTier::ALL
        .iter()
        .find(|t| key(t.name_zh()) == k)
        .copied()
        .or_else(|| tier_written(text))
}

/// `≥` + `90` + `%` → `≥90%`; `定性` + `好` → `好`.
fn join_target(nature: &str, value: &str, unit: &str) -> String {
    let v = value.trim();
    if v.is_empty() {
        return String::new();
    }
    // the operator as typed ("﹦" stays "﹦"; it reads as "=")
    let op = if operator_word(nature).is_some() {
        nature.trim()
    } else {
        ""
    };
    let mut out = String::new();
    // an operator already written in the value is not doubled
    let has_op = matches!(parse_value(v), Value::Quantity(ref q) if q.op.is_some());
    if !has_op {
        out.push_str(op);
    }
    out.push_str(v);
    if !unit.trim().is_empty() && !v.ends_with(unit.trim()) && is_number_like(v) {
        out.push_str(unit.trim());
    }
    out
}

fn is_number_like(v: &str) -> bool {
    matches!(parse_value(v), Value::Quantity(ref q) if q.unit.is_empty())
}

fn with_unit(value: &str, unit: &str) -> String {
    if value.is_empty() || !is_number_like(value) {
        return value.to_string();
    }
    format!("{}{}", value.trim(), unit.trim())
}

/// The operator a 指标性质 cell writes: `≥`, `≤`, `=`, `＞`, `正向` …
fn operator_word(nature: &str) -> Option<&'static str> {
    let k = normalize(nature);
    match parse_value(&format!("{k}1")) {
        Value::Quantity(q) => q.op.map(Operator::symbol),
        _ => None,
    }
}

/// 是否核心指标 as forms write it: 是, √, ★, 核心.
fn core_mark(text: &str) -> bool {
    matches!(
        bare(text).as_str(),
        "是" | "√" | "✓" | "★" | "核心" | "核心指标" | "Y" | "y" | "1"
    )
}

fn kind_from_words(text: &str) -> Option<IndicatorKind> {
    let k = bare(text);
    if k.is_empty() {
        return None;
    }
    if k.contains("定性") {
        Some(IndicatorKind::Qualitative)
    } else if k.contains("反向") || k.contains("逆向") {
        Some(IndicatorKind::Negative)
    } else if k.contains("正向") {
        Some(IndicatorKind::Positive)
    } else {
        None
    }
}

/// `指标1：培训人数` → `培训人数`; `指标1` alone → empty.
fn strip_placeholder(name: &str) -> String {
    let t = name.trim();
    let Some(rest) = t.strip_prefix("指标") else {
        return t.to_string();
    };
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if digits == 0 {
        return t.to_string();
    }
    let after: String = rest.chars().skip(digits).collect();
    let after = after.trim_start_matches([':', '：', '、', '.', '．', ' ']);
    after.trim().to_string()
}

/// A target written inside the indicator's name: `培训人数≥500人` → (`培训人数`, `≥500人`).
fn split_name_target(name: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        if i == 0 {
            continue;
        }
        let folded = normalize(&c.to_string());
        if !matches!(folded.as_str(), "≥" | "≤" | ">" | "<" | "=") {
            continue;
        }
        let head = name[..pos].trim();
        let tail = name[pos..].trim();
        if head.is_empty() {
            return None;
        }
        if matches!(parse_value(tail), Value::Quantity(_)) {
            return Some((
                head.trim_end_matches([':', '：']).to_string(),
                tail.to_string(),
            ));
        }
    }
    None
}

/// The weight of a heading such as `年度绩效目标1（30分）`.
#[allow(dead_code)]
fn block_points(text: &str) -> Option<String> {
    points_in(&key(text))
}
