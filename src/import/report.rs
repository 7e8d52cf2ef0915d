//! What an import found, for the preview: each form with an account of what went where, and,
//! when no form was found, what was found instead. Messages in both languages.

use crate::i18n::Lang;
use crate::model::{Evaluation, Indicator};
use serde::{Deserialize, Serialize};

/// A place in the source a user can find: the document (a sheet's name), the table, the row and
/// the column, all counted from 1 as Word and Excel show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// Table number in the document (0: a paragraph outside tables).
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

impl Place {
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut out = String::new();
        if !self.document.is_empty() {
            out.push_str(&if zh {
                format!("工作表“{}”", self.document)
            } else {
                format!("sheet “{}”, ", self.document)
            });
        }
        if self.table == 0 {
            out.push_str(&if zh {
                format!("第{}段", self.row)
            } else {
                format!("paragraph {}", self.row)
            });
        } else {
            out.push_str(&match (zh, self.table > 1) {
                (true, true) => format!("表格{}第{}行第{}列", self.table, self.row, self.col),
                (true, false) => format!("第{}行第{}列", self.row, self.col),
                (false, true) => format!(
                    "table {}, row {}, column {}",
                    self.table, self.row, self.col
                ),
                (false, false) => format!("row {}, column {}", self.row, self.col),
            });
        }
        out
    }
}

/// A cell the recogniser could not put in a field. It is kept in the form's 备注.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplaced {
    pub at: Place,
    pub text: String,
}

/// Something the user should know about how a form was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Note {
    /// Amounts are in 元 on this form; kept with their unit.
    AmountsInYuan,
    /// A column the form has and ziping keeps as text in the 备注 (its header).
    ColumnKept(String),
    /// The target was split over 指标性质 / 指标值 / 度量单位 and joined.
    TargetJoined,
    /// No per-row 分值 column (湖北 2020 style): rows have no rule score.
    NoRowWeights,
    /// 满意度 written as a 二级 under 效益: read as 服务对象满意度指标.
    SatisfactionUnderBenefit,
    /// The document was larger than the limits and was cut.
    Truncated,
    /// A 年度绩效目标 block: its heading, its points and what its rows claim together.
    BlockPoints(String, String, String),
    /// A 一级指标 weight printed in its heading.
    Level1Weight(String, String),
    /// A group (heading, points) with one row: that row's weight is the group's points.
    ImpliedSingle(String, String),
    /// A group (heading, points) whose rows claim its points in full: each row's weight is
    /// its score.
    ImpliedFullMarks(String, String),
    /// The form follows this template (docs/TEMPLATES.md) and is read into it.
    Template(crate::model::TemplateId),
}

impl Note {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Note::AmountsInYuan if zh => "表中金额单位为“元”（本工具按万元计），已原样保留单位，请核对".into(),
            Note::AmountsInYuan => "Amounts on this form are in 元 (ziping works in 万元): kept with their unit, please check".into(),
            Note::ColumnKept(h) if zh => format!("“{h}”列没有对应的栏目，其内容已记入备注"),
            Note::ColumnKept(h) => format!("Column “{h}” has no field here: its content is kept in the note"),
            Note::TargetJoined if zh => "年度指标值分写在“指标性质／指标值／度量单位”几栏，已合并为一个指标值".into(),
            Note::TargetJoined => "Targets written over 指标性质 / 指标值 / 度量单位 were joined into one target".into(),
            Note::NoRowWeights if zh => "表中各三级指标没有分值栏，无法按规则计分，只核对得分".into(),
            Note::NoRowWeights => "The form has no weight per indicator: no rule scores, only the claimed scores are checked".into(),
            Note::SatisfactionUnderBenefit if zh => "表中满意度指标列在效益指标之下，已按“服务对象满意度指标”读入".into(),
            Note::SatisfactionUnderBenefit => "Satisfaction is listed under 效益指标 on this form: read as 服务对象满意度指标".into(),
            Note::Truncated if zh => "文件超出读取上限，只读取了前面的部分".into(),
            Note::Truncated => "The file is larger than the reading limits: only its first part was read".into(),
            Note::BlockPoints(h, p, sum) if zh => format!("“{h}”共{p}分，其中各指标得分合计{sum}分"),
            Note::BlockPoints(h, p, sum) => format!("“{h}” carries {p} points; its rows claim {sum} together"),
            Note::Level1Weight(h, p) if zh => format!("{h}的分值按表头读作{p}分"),
            Note::Level1Weight(h, p) => format!("{h}: weight {p} read from its heading"),
            Note::ImpliedSingle(h, p) if zh => format!("{h}{p}分只有一项指标，其分值即{p}分"),
            Note::ImpliedSingle(h, p) => format!("{h} ({p} points) has one indicator: its weight is {p}"),
            Note::ImpliedFullMarks(h, p) if zh => format!("{h}{p}分，各指标得分合计正好{p}分（均得满分），各指标分值即其得分"),
            Note::ImpliedFullMarks(h, p) => format!("{h} ({p} points): its rows claim exactly {p}, all full marks, so each weight is the row's score"),
            Note::Template(t) if zh => {
                let tpl = crate::templates::template(*t);
                format!("按表样“{}”读入，按其规则计分（{}）", tpl.name_zh, tpl.basis_zh)
            }
            Note::Template(t) => {
                let tpl = crate::templates::template(*t);
                format!("Read as a “{}” form and scored by its rules ({})", tpl.name_en, tpl.basis_en)
            }
        }
    }
}

/// One form found in a document, as typed there, with the account of the reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recognised {
    pub evaluation: Evaluation,
    /// Where the form starts.
    pub at: Place,
    #[serde(default)]
    pub unplaced: Vec<Unplaced>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// 分值 the form implies for rows printed without one (row index, weight), with why: a
    /// group whose points go to its one row, or whose rows all claim full marks. Applied only
    /// when the user accepts them.
    #[serde(default)]
    pub proposed_weights: Vec<(usize, String)>,
    #[serde(default)]
    pub proposal_basis: Vec<Note>,
}

/// `e` with `weights` (row index, 分值) filled in where a row has none.
fn with_weights(e: &Evaluation, weights: &[(usize, String)]) -> Evaluation {
    let mut e = e.clone();
    for (i, w) in weights {
        if let Some(row) = e.indicators.get_mut(*i) {
            if row.weight.trim().is_empty() {
                row.weight = w.clone();
            }
        }
    }
    e
}

impl Recognised {
    /// The form with the proposed weights filled in.
    pub fn with_proposed_weights(&self) -> Evaluation {
        with_weights(&self.evaluation, &self.proposed_weights)
    }
}

/// What a document held when no form was found, to say so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub documents: usize,
    pub tables: usize,
    pub paragraphs: usize,
    /// The first non-empty cells or lines, to show what the file is.
    #[serde(default)]
    pub first_texts: Vec<String>,
    /// A 部门整体支出绩效自评表 was found (imported through the department form).
    #[serde(default)]
    pub department_form: bool,
}

impl Found {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let peek = if self.first_texts.is_empty() {
            String::new()
        } else if zh {
            format!("，开头是：“{}”", self.first_texts.join(" | "))
        } else {
            format!("; it begins with: “{}”", self.first_texts.join(" | "))
        };
        match (zh, self.tables) {
            (true, 0) => format!(
                "未找到自评表：文件中没有表格，只有{}段文字{peek}",
                self.paragraphs
            ),
            (true, n) => format!(
                "未找到自评表：找到{n}个表格，但没有自评表的栏目（项目名称、项目资金、三级指标、年度指标值、实际完成值等）{peek}"
            ),
            (false, 0) => format!(
                "No self-evaluation form found: the file has no table, only {} paragraphs{peek}",
                self.paragraphs
            ),
            (false, n) => format!(
                "No self-evaluation form found: {n} table(s), but none with the form's labels (项目名称, 项目资金, 三级指标, 年度指标值, 实际完成值 …){peek}"
            ),
        }
    }
}

/// Everything one file or clipboard gave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub forms: Vec<Recognised>,
    /// Indicator rows without a form around them (rows pasted on their own).
    #[serde(default)]
    pub rows: Vec<Indicator>,
    #[serde(default)]
    pub found: Found,
    #[serde(default)]
    pub truncated: bool,
}

/// A message in both languages, as the page shows it in either.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub zh: String,
    pub en: String,
}

impl Words {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    fn of(f: impl Fn(Lang) -> String) -> Words {
        Words {
            zh: f(Lang::Zh),
            en: f(Lang::En),
        }
    }
}

/// What the office module sends the page for the preview: the forms, with every message already
/// worded in both languages, so the page needs no code for the recogniser's own types.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub forms: Vec<PreviewForm>,
    /// Indicator rows without a form around them.
    pub rows: Vec<Indicator>,
    /// What was found when no form was (empty otherwise).
    pub found: Words,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewForm {
    pub evaluation: Evaluation,
    /// Where the form starts.
    pub at: Words,
    pub notes: Vec<Words>,
    /// Cells that could not be placed: where, and the text.
    pub unplaced: Vec<(Words, String)>,
    /// See [`Recognised::proposed_weights`].
    pub proposed_weights: Vec<(usize, String)>,
    pub proposal_basis: Vec<Words>,
}

impl PreviewForm {
    /// A form with nothing to report (rows pasted on their own become one).
    pub fn plain(evaluation: Evaluation) -> PreviewForm {
        PreviewForm {
            evaluation,
            at: Words::default(),
            notes: Vec::new(),
            unplaced: Vec::new(),
            proposed_weights: Vec::new(),
            proposal_basis: Vec::new(),
        }
    }

    /// The form with the proposed weights filled in.
    pub fn with_proposed_weights(&self) -> Evaluation {
        with_weights(&self.evaluation, &self.proposed_weights)
    }
}

impl From<&Outcome> for Preview {
    fn from(o: &Outcome) -> Preview {
        Preview {
            forms: o
                .forms
                .iter()
                .map(|f| PreviewForm {
                    evaluation: f.evaluation.clone(),
                    at: Words::of(|l| f.at.describe(l)),
                    notes: f
                        .notes
                        .iter()
                        .map(|n| Words::of(|l| n.message(l)))
                        .collect(),
                    unplaced: f
                        .unplaced
                        .iter()
                        .map(|u| (Words::of(|l| u.at.describe(l)), u.text.clone()))
                        .collect(),
                    proposed_weights: f.proposed_weights.clone(),
                    proposal_basis: f
                        .proposal_basis
                        .iter()
                        .map(|n| Words::of(|l| n.message(l)))
                        .collect(),
                })
                .collect(),
            rows: o.rows.clone(),
            found: if o.forms.is_empty() && o.rows.is_empty() {
                Words::of(|l| o.found.message(l))
            } else {
                Words::default()
            },
        }
    }
}
