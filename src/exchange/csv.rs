//! CSV that opens cleanly in Excel and WPS on Chinese Windows: UTF-8 with BOM, CRLF, RFC 4180
//! quoting, numbers as plain numbers, long digit strings kept as text, and text cells that could
//! start a formula (= + - @ tab CR) neutralised with a leading apostrophe.
//!
//! Two tables: the summary (one row per evaluation) and the indicators (one row per 三级指标,
//! with every field of its evaluation), which imports back into the evaluations it describes.

use crate::i18n::{Lang, Text};
use crate::model::{
    Evaluation, FundColumn, FundRowKind, Indicator, IndicatorKind, Level1, Level2, QualitativeTier,
};
use crate::rules::{assess, fmt_num, num::fmt2, RuleScore};
use crate::summary::summary_row;

const BOM: &str = "\u{feff}";

/// A cell as written: text (neutralised if needed, long digit strings protected) or a number.
fn text_cell(s: &str) -> String {
    // typed numbers stay plain numbers so Excel can sum them
    if is_plain_number(s) {
        return s.to_string();
    }
    let digits_only = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits_only && (s.len() >= 11 || (s.len() >= 2 && s.starts_with('0'))) {
        // Excel would show 13975424090 as 1.39754E+10 and drop leading zeros
        return format!("=\"{s}\"");
    }
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// What a cell read back means (the inverse of [`text_cell`]).
fn read_cell(s: &str) -> String {
    if let Some(rest) = s.strip_prefix('\'') {
        return rest.to_string();
    }
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        if inner.chars().all(|c| c.is_ascii_digit()) {
            return inner.to_string();
        }
    }
    s.to_string()
}

/// `12`, `-3.5`, `0.25`: what Excel reads as a number without changing it.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    if body.is_empty() || body.len() > 15 {
        return false;
    }
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let int_ok = !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    int_ok && frac_ok
}

fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // writing to a Vec cannot fail
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// A table of figures (the county view): its column titles and rows, numbers as plain numbers
/// (rates in percent), text neutralised.
pub fn table_csv(table: &crate::summary::table::Table) -> String {
    use crate::summary::table::Cell;
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Text(s) => text_cell(s),
                    other => other.plain(),
                })
                .collect()
        })
        .collect();
    write_csv(&header, rows)
}

pub const SUMMARY_HEADER: [&str; 16] = [
    "项目名称",
    "主管部门",
    "实施单位",
    "年度",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率（%）",
    "预算执行率得分",
    "产出指标得分",
    "效益指标得分",
    "满意度指标得分",
    "总分",
    "规则总分",
    "等级",
    "错误数",
    "警告数",
];

/// The summary table: one row per evaluation, as in the 汇总表.
/// The department's own 部门整体支出绩效自评表 is not one of its projects: it is left out here,
/// as in the 汇总表 (the indicator table carries it whole).
pub fn summary_csv<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>) -> String {
    let rows = evaluations
        .into_iter()
        .filter(|e| !e.template.is_department())
        .map(|e| {
            let r = summary_row(e);
            let opt = |d: Option<rust_decimal::Decimal>| d.map(fmt_num).unwrap_or_default();
            let mut row = vec![
                text_cell(&r.project_name),
                text_cell(&e.department),
                text_cell(&e.implementing_unit),
                text_cell(&e.year),
                opt(r.annual_budget),
                opt(r.executed),
                r.rate
                    .and_then(|x| x.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
                    .map(fmt2)
                    .unwrap_or_default(),
                fmt2(r.execution_score),
            ];
            for l in Level1::STANDARD {
                let s = r
                    .level1_scores
                    .iter()
                    .find(|(k, _)| *k == l)
                    .map(|(_, s)| *s)
                    .unwrap_or_default();
                row.push(fmt2(s));
            }
            row.extend([
                fmt2(r.total),
                fmt2(r.rule_total),
                r.grade.name_zh().to_string(),
                r.errors.to_string(),
                r.warnings.to_string(),
            ]);
            row
        })
        .collect();
    write_csv(&SUMMARY_HEADER, rows)
}

/// Columns of the indicators table. The last three are computed and ignored on import.
pub const INDICATOR_HEADER: [&str; 53] = [
    "编号",
    "项目名称",
    "主管部门",
    "实施单位",
    "年度",
    "年度资金总额·年初预算数",
    "年度资金总额·全年预算数",
    "年度资金总额·全年执行数",
    "当年财政拨款·年初预算数",
    "当年财政拨款·全年预算数",
    "当年财政拨款·全年执行数",
    "上年结转资金·年初预算数",
    "上年结转资金·全年预算数",
    "上年结转资金·全年执行数",
    "其他资金·年初预算数",
    "其他资金·全年预算数",
    "其他资金·全年执行数",
    "预算执行率分值",
    "预算执行率自评得分",
    "执行偏差说明",
    "产出指标分值",
    "效益指标分值",
    "满意度指标分值",
    "预期目标",
    "实际完成情况",
    "填表人",
    "填报日期",
    "联系电话",
    "单位负责人",
    "表上执行率",
    "表上总分",
    "表上等级",
    "备注",
    "创建时间",
    "修改时间",
    "指标编号",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "类型设定",
    "定性档次",
    "自评得分",
    "偏差原因分析及改进措施",
    "检测类型",
    "规则得分",
    "计入得分",
    "行内错误数",
    "说明",
    "格式版本",
    "表样",
];

/// Columns that are computed on export and ignored on import.
const COMPUTED: [&str; 5] = ["检测类型", "规则得分", "计入得分", "行内错误数", "说明"];

/// The indicator CSV's own version (its 格式版本 column): 1, or 2 for a form that follows a
/// template other than the MOF 2020 form or uses a field the templates added (its 表样 and the
/// columns after it), so that a copy of ziping from before templates refuses it rather than
/// scoring it by other rules. The CSV does not carry the 复核 (the JSON does).
const CSV_VERSION: u32 = 2;

/// The version a form's rows are written with.
fn csv_version(e: &Evaluation) -> u32 {
    if e.uses_templates() {
        2
    } else {
        1
    }
}

/// Columns added after the first version: files without them still import.
const OPTIONAL: [&str; 6] = [
    "表上执行率",
    "表上总分",
    "表上等级",
    "备注",
    "格式版本",
    "表样",
];

fn fund_cells(e: &Evaluation) -> Vec<String> {
    let mut out = Vec::with_capacity(12);
    for kind in FundRowKind::STANDARD {
        for col in FundColumn::ALL {
            out.push(text_cell(e.funds.row(kind).get(col)));
        }
    }
    out
}

/// A column of other templates (format version 3), written after 表样 only when an exported form
/// uses it, read whenever present: the fund rows beyond the MOF four, the department groups'
/// weights, 调整指标值 and 是否核心指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extra {
    Fund(FundRowKind, FundColumn),
    Level1(Level1),
    AdjustedTarget,
    Core,
}

impl Extra {
    fn all() -> Vec<Extra> {
        let mut out = Vec::new();
        for kind in FundRowKind::ALL {
            if !FundRowKind::STANDARD.contains(&kind) {
                out.extend(FundColumn::ALL.map(|c| Extra::Fund(kind, c)));
            }
        }
        for l in Level1::ALL {
            if !Level1::STANDARD.contains(&l) {
                out.push(Extra::Level1(l));
            }
        }
        out.extend([Extra::AdjustedTarget, Extra::Core]);
        out
    }

    fn title(self) -> String {
        match self {
            Extra::Fund(kind, col) => format!("{}·{}", kind.short_name_zh(), col.name_zh()),
            Extra::Level1(l) => format!("{}分值", l.name_zh()),
            Extra::AdjustedTarget => "调整指标值".into(),
            Extra::Core => "是否核心指标".into(),
        }
    }

    /// Whether a form uses the column: its template prints it, or it holds something there.
    fn used_by(self, e: &Evaluation) -> bool {
        let tpl = crate::templates::template(e.template);
        match self {
            Extra::Fund(kind, FundColumn::InitialBudget) => {
                tpl.funds.rows.contains(&kind) && tpl.funds.initial_budget.is_some()
                    || !e.funds.row(kind).initial_budget.trim().is_empty()
            }
            Extra::Fund(kind, _) => tpl.shows_fund_row(e, kind),
            Extra::Level1(l) => tpl.level1_groups(e).contains(&l),
            Extra::AdjustedTarget => tpl
                .columns(e)
                .contains(&crate::templates::Column::AdjustedTarget),
            Extra::Core => tpl.columns(e).contains(&crate::templates::Column::Core),
        }
    }

    /// The form-level cell (the row-level ones are written per indicator).
    fn form_cell(self, e: &Evaluation) -> String {
        match self {
            Extra::Fund(kind, col) => text_cell(e.funds.row(kind).get(col)),
            Extra::Level1(l) => text_cell(e.level1_weights.get(l)),
            Extra::AdjustedTarget | Extra::Core => String::new(),
        }
    }

    fn row_cell(self, e: &Evaluation, row: Option<&Indicator>) -> String {
        match (self, row) {
            (Extra::AdjustedTarget, Some(r)) => text_cell(&r.adjusted_target),
            (Extra::Core, Some(r)) => if r.core { "是" } else { "否" }.into(),
            (Extra::AdjustedTarget | Extra::Core, None) => String::new(),
            _ => self.form_cell(e),
        }
    }
}

/// The indicators table: one row per 三级指标 (one empty-indicator row for a form without any).
pub fn indicators_csv<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>) -> String {
    let evaluations: Vec<&Evaluation> = evaluations.into_iter().collect();
    let extras: Vec<Extra> = Extra::all()
        .into_iter()
        .filter(|x| evaluations.iter().any(|e| x.used_by(e)))
        .collect();
    let mut rows = Vec::new();
    for e in evaluations {
        let a = assess(e);
        let mut head = vec![
            text_cell(&e.id),
            text_cell(&e.project_name),
            text_cell(&e.department),
            text_cell(&e.implementing_unit),
            text_cell(&e.year),
        ];
        head.extend(fund_cells(e));
        head.extend([
            text_cell(&e.funds.weight),
            text_cell(&e.funds.claimed),
            text_cell(&e.funds.reason),
            text_cell(&e.level1_weights.output),
            text_cell(&e.level1_weights.benefit),
            text_cell(&e.level1_weights.satisfaction),
            text_cell(&e.goal.expected),
            text_cell(&e.goal.achieved),
            text_cell(&e.sign_off.preparer),
            text_cell(&e.sign_off.date),
            text_cell(&e.sign_off.phone),
            text_cell(&e.sign_off.head),
            text_cell(&e.funds.claimed_rate),
            text_cell(&e.claimed_total),
            text_cell(&e.claimed_grade),
            text_cell(&e.note),
            e.created_at.to_string(),
            e.updated_at.to_string(),
        ]);
        if e.indicators.is_empty() {
            let mut row = head.clone();
            row.extend(std::iter::repeat_n(String::new(), 16));
            row.push(csv_version(e).to_string());
            row.push(e.template.key().to_string());
            row.extend(extras.iter().map(|x| x.row_cell(e, None)));
            rows.push(row);
        }
        for ind in &e.indicators {
            let r = a.indicator(&ind.id);
            let errors = a
                .diagnostics
                .iter()
                .filter(|d| {
                    d.level == crate::rules::Level::Error
                        && matches!(&d.field, crate::rules::Field::Indicator(id, _) if *id == ind.id)
                })
                .count();
            let mut row = head.clone();
            row.extend([
                text_cell(&ind.id),
                ind.level2.level1().name_zh().to_string(),
                ind.level2.name_zh().to_string(),
                text_cell(&ind.name),
                text_cell(&ind.target),
                text_cell(&ind.actual),
                text_cell(&ind.weight),
                ind.kind_override
                    .map(|k| k.name_zh())
                    .unwrap_or("自动")
                    .to_string(),
                ind.tier.map(|t| t.name_zh()).unwrap_or("").to_string(),
                text_cell(&ind.claimed),
                text_cell(&ind.reason),
                r.map(|r| r.kind.name_zh()).unwrap_or("").to_string(),
                r.and_then(|r| match &r.rule {
                    RuleScore::Exact(s) => Some(fmt2(*s)),
                    _ => None,
                })
                .unwrap_or_default(),
                r.map(|r| fmt2(r.used)).unwrap_or_default(),
                errors.to_string(),
                "后五列为计算结果，导入时忽略".to_string(),
                csv_version(e).to_string(),
                e.template.key().to_string(),
            ]);
            row.extend(extras.iter().map(|x| x.row_cell(e, Some(ind))));
            rows.push(row);
        }
    }
    let titles: Vec<String> = extras.iter().map(|x| x.title()).collect();
    let mut header: Vec<&str> = INDICATOR_HEADER.to_vec();
    header.extend(titles.iter().map(String::as_str));
    write_csv(&header, rows)
}

/// Why an indicators CSV cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    Empty,
    Encoding(Text),
    /// A column the table needs is missing.
    MissingColumn(String),
    /// A CSV syntax problem at a line.
    Syntax {
        line: u64,
        detail: Text,
    },
    /// A bad value at a line and column.
    Value {
        line: u64,
        column: String,
        detail: Text,
    },
    TooLarge {
        bytes: usize,
    },
}

impl CsvError {
    pub fn message_zh(&self) -> String {
        self.message(Lang::Zh)
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            CsvError::Empty if zh => "CSV文件是空的".into(),
            CsvError::Empty => "The CSV file is empty".into(),
            CsvError::Encoding(what) if zh => format!(
                "CSV文件不是UTF-8编码（{}）。在Excel/WPS中请“另存为”→“CSV UTF-8（逗号分隔）”后再导入",
                what.zh
            ),
            CsvError::Encoding(what) => format!(
                "The CSV file is not UTF-8 ({}). In Excel/WPS use “Save as” → “CSV UTF-8 (comma delimited)” and import that",
                what.en
            ),
            CsvError::MissingColumn(c) if zh => format!("CSV缺少“{c}”列：请导入本工具导出的“指标明细”表"),
            CsvError::MissingColumn(c) => format!("The CSV has no “{c}” column: import an indicator table exported by this tool"),
            CsvError::Syntax { line, detail } if zh => format!("CSV第{line}行格式错误：{}", detail.zh),
            CsvError::Syntax { line, detail } => format!("CSV line {line} is malformed: {}", detail.en),
            CsvError::Value { line, column, detail } if zh => format!("CSV第{line}行“{column}”列：{}", detail.zh),
            CsvError::Value { line, column, detail } => format!("CSV line {line}, column “{column}”: {}", detail.en),
            CsvError::TooLarge { bytes } if zh => format!("CSV文件过大（{} MB）", bytes / 1_048_576),
            CsvError::TooLarge { bytes } => format!("The CSV file is too large ({} MB)", bytes / 1_048_576),
        }
    }
}

/// Reads an indicators table back into the evaluations it describes (in first-appearance order).
pub fn parse_indicators_csv(bytes: &[u8]) -> Result<Vec<Evaluation>, CsvError> {
    if bytes.len() > super::json::MAX_IMPORT_BYTES {
        return Err(CsvError::TooLarge { bytes: bytes.len() });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(CsvError::Encoding(Text::new("UTF-16", "UTF-16")));
    }
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to() + 1;
        CsvError::Encoding(Text::new(
            format!("第{at}个字节起无法按UTF-8读取，可能是GBK"),
            format!("not readable as UTF-8 from byte {at} on; perhaps GBK"),
        ))
    })?;
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CsvError::Syntax {
            line: 1,
            detail: Text::new(e.to_string(), e.to_string()),
        })?
        .clone();
    let mut index = std::collections::HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        index.insert(h.trim().to_string(), i);
    }
    for h in INDICATOR_HEADER
        .iter()
        .filter(|h| !COMPUTED.contains(h) && !OPTIONAL.contains(h))
    {
        if !index.contains_key(*h) {
            return Err(CsvError::MissingColumn((*h).to_string()));
        }
    }
    let mut out: Vec<Evaluation> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Syntax {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            detail: csv_error_text(&e),
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |name: &str| -> String {
            index
                .get(name)
                .and_then(|&i| record.get(i))
                .map(read_cell)
                .unwrap_or_default()
        };
        let id = get("编号");
        if id.trim().is_empty() {
            return Err(CsvError::Value {
                line,
                column: "编号".into(),
                detail: Text::new("为空", "is empty"),
            });
        }
        let time = |name: &str| -> Result<u64, CsvError> {
            let v = get(name);
            if v.trim().is_empty() {
                return Ok(0);
            }
            v.trim().parse().map_err(|_| CsvError::Value {
                line,
                column: name.into(),
                detail: Text::new(
                    format!("“{v}”不是时间戳"),
                    format!("“{v}” is not a timestamp"),
                ),
            })
        };
        if !out.iter().any(|e| e.id == id) {
            let mut e = Evaluation {
                id: id.clone(),
                project_name: get("项目名称"),
                department: get("主管部门"),
                implementing_unit: get("实施单位"),
                year: get("年度"),
                created_at: time("创建时间")?,
                updated_at: time("修改时间")?,
                ..Evaluation::default()
            };
            // a version this build does not know is refused, not read by other rules
            let version = get("格式版本");
            if let Ok(v) = version.trim().parse::<u32>() {
                if v > CSV_VERSION {
                    return Err(CsvError::Value {
                        line,
                        column: "格式版本".into(),
                        detail: Text::new(
                            format!("格式版本{v}较本工具新，请更新绩效自评（ziping）后再导入"),
                            format!("format version {v} is newer than this build reads: update ziping and import again"),
                        ),
                    });
                }
            }
            // 表样 (added with the templates): blank in older files is the MOF 2020 form
            let template = get("表样");
            if !template.trim().is_empty() {
                e.template = crate::model::TemplateId::from_key(&template).ok_or_else(|| {
                    CsvError::Value {
                        line,
                        column: "表样".into(),
                        detail: Text::new(
                            format!("“{template}”不是本版本认识的表样"),
                            format!("“{template}” is not a template this version knows"),
                        ),
                    }
                })?;
            }
            for kind in FundRowKind::STANDARD {
                for col in FundColumn::ALL {
                    let label = format!("{}·{}", kind.short_name_zh(), col.name_zh());
                    *e.funds.row_mut(kind).get_mut(col) = get(&label);
                }
            }
            for x in Extra::all() {
                match x {
                    Extra::Fund(kind, col) => *e.funds.row_mut(kind).get_mut(col) = get(&x.title()),
                    Extra::Level1(l) => *e.level1_weights.get_mut(l) = get(&x.title()),
                    Extra::AdjustedTarget | Extra::Core => {}
                }
            }
            e.funds.weight = get("预算执行率分值");
            e.funds.claimed = get("预算执行率自评得分");
            e.funds.reason = get("执行偏差说明");
            e.level1_weights.output = get("产出指标分值");
            e.level1_weights.benefit = get("效益指标分值");
            e.level1_weights.satisfaction = get("满意度指标分值");
            e.goal.expected = get("预期目标");
            e.goal.achieved = get("实际完成情况");
            e.sign_off.preparer = get("填表人");
            e.sign_off.date = get("填报日期");
            e.sign_off.phone = get("联系电话");
            e.sign_off.head = get("单位负责人");
            e.funds.claimed_rate = get("表上执行率");
            e.claimed_total = get("表上总分");
            e.claimed_grade = get("表上等级");
            e.note = get("备注");
            out.push(e);
        }
        let level2_text = get("二级指标");
        let row_id = get("指标编号");
        if level2_text.trim().is_empty()
            && row_id.trim().is_empty()
            && get("三级指标").trim().is_empty()
        {
            continue;
        }
        let level2 = Level2::from_text(&level2_text).ok_or_else(|| CsvError::Value {
            line,
            column: "二级指标".into(),
            detail: Text::new(
                format!("“{level2_text}”不是规定的二级指标（数量、质量、时效、成本、经济效益、社会效益、生态效益、可持续影响、服务对象满意度；部门整体表的目标设定、预算配置、预算执行、预算管理、资产管理、职责履行、履职效益）"),
                format!("“{level2_text}” is not one of the level-2 indicators “数量”, “质量”, “时效”, “成本”, “经济效益”, “社会效益”, “生态效益”, “可持续影响”, “服务对象满意度” (department forms: “目标设定”, “预算配置”, “预算执行”, “预算管理”, “资产管理”, “职责履行”, “履职效益”)"),
            ),
        })?;
        let kind_text = get("类型设定");
        let kind_override = match kind_text.trim() {
            "" | "自动" => None,
            t => Some(
                IndicatorKind::ALL
                    .into_iter()
                    .find(|k| k.name_zh() == t)
                    .ok_or_else(|| CsvError::Value {
                        line,
                        column: "类型设定".into(),
                        detail: Text::new(
                            format!("“{t}”应为 自动、正向、反向、等于、定性 或 不适用"),
                            format!("“{t}” should be one of “自动”, “正向”, “反向”, “等于”, “定性”, “不适用”"),
                        ),
                    })?,
            ),
        };
        let tier_text = get("定性档次");
        let tier = match tier_text.trim() {
            "" => None,
            t => Some(
                QualitativeTier::ALL
                    .into_iter()
                    .find(|k| k.name_zh() == t)
                    .ok_or_else(|| CsvError::Value {
                        line,
                        column: "定性档次".into(),
                        detail: Text::new(
                            format!("“{t}”不是规定的档次"),
                            format!("“{t}” is not one of the tiers"),
                        ),
                    })?,
            ),
        };
        let Some(e) = out.iter_mut().find(|e| e.id == id) else {
            continue;
        };
        let row_id = if row_id.trim().is_empty() {
            e.fresh_row_id()
        } else {
            row_id
        };
        e.indicators.push(Indicator {
            id: row_id,
            level2,
            name: get("三级指标"),
            target: get("年度指标值"),
            actual: get("实际完成值"),
            weight: get("分值"),
            kind_override,
            tier,
            adjusted_target: get("调整指标值"),
            claimed: get("自评得分"),
            reason: get("偏差原因分析及改进措施"),
            core: matches!(
                get("是否核心指标").trim(),
                "是" | "√" | "Y" | "y" | "1" | "核心"
            ),
            // the CSV carries no 复核 (JSON does)
            review: Default::default(),
        });
    }
    if out.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(out)
}

fn csv_error_text(e: &csv::Error) -> Text {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Text::new(
            format!("有{len}列，而表头有{expected_len}列"),
            format!("{len} columns where the header has {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { .. } => {
            Text::new("含有非UTF-8字符", "has characters that are not UTF-8")
        }
        _ => Text::new(e.to_string(), e.to_string()),
    }
}
