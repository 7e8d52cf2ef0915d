//! RULES.md R7: the department-wide self-evaluation (部门整体支出). Every derived figure carries
//! its formula with the figures filled in, so the UI can show how it was obtained.

use super::diagnostic::{BudgetColumn, DeptField, Diagnostic, Field, Level, RuleId};
use super::fields::{amount, head_count};
use super::num::{self, fmt2, fmt_pct};
use super::score::signed;
use crate::model::{
    AccountLine, AssetLine, BudgetFinal, DepartmentEvaluation, ProcurementLine, StaffLine,
    ThreePublicItem,
};
use rust_decimal::Decimal;
use serde::Serialize;

/// How a figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FigureKind {
    /// 万元, two decimals.
    Amount,
    /// A signed 万元 difference (`+2011.25`).
    Difference,
    /// A ratio shown as a percentage.
    Ratio,
}

/// One derived figure of the department form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Stable key (for the UI and tests), e.g. `expenditure.basic_share`.
    pub key: &'static str,
    pub label_zh: &'static str,
    pub kind: FigureKind,
    pub value: Option<Decimal>,
    /// The formula in words with the figures filled in.
    pub formula_zh: String,
}

/// The words of the formulas above, for [`Figure::formula_en`]: the formulas are built from this
/// closed vocabulary and figures (a test checks that nothing Chinese is left in English).
const FORMULA_TERMS: [(&str, &str); 24] = [
    ("基本支出决算", "basic expenditure (final)"),
    ("项目支出决算", "project expenditure (final)"),
    ("总支出决算", "total expenditure (final)"),
    ("决算数", "final"),
    ("预算数", "budget"),
    ("因公出国(境)", "overseas travel"),
    ("公务用车", "vehicles"),
    ("公务接待", "reception"),
    ("货物", "goods"),
    ("工程", "works"),
    ("服务", "services"),
    ("政府采购支出", "procurement spending"),
    ("计划数", "planned"),
    ("资产总额", "total assets"),
    ("负债总额", "total liabilities"),
    ("在用资产", "assets in use"),
    ("固定资产原值", "fixed assets, original value"),
    ("实有在职人数", "actual staff in post"),
    ("编制人数", "authorized headcount"),
    ("（未填）", "(blank)"),
    ("（", "("),
    ("）", ")"),
    ("＋", "+"),
    ("÷", "÷"),
];

impl Figure {
    /// The formula in English (the English UI): the Chinese formula with its words replaced.
    pub fn formula_en(&self) -> String {
        FORMULA_TERMS
            .iter()
            .fold(self.formula_zh.clone(), |f, (zh, en)| f.replace(zh, en))
    }

    /// The value as shown: `390.89`, `+2011.25`, `34.31%`, or `—` when it cannot be computed.
    pub fn display(&self) -> String {
        match (self.value, self.kind) {
            (None, _) => "—".into(),
            (Some(v), FigureKind::Amount) => fmt2(v),
            (Some(v), FigureKind::Difference) => signed(v),
            (Some(v), FigureKind::Ratio) => fmt_pct(v),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentAssessment {
    pub figures: Vec<Figure>,
    pub diagnostics: Vec<Diagnostic>,
}

impl DepartmentAssessment {
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.key == key)
    }
    pub fn diagnostics_for<'a>(
        &'a self,
        field: &'a Field,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| &d.field == field)
    }
}

struct Ctx {
    figures: Vec<Figure>,
    out: Vec<Diagnostic>,
}

impl Ctx {
    fn figure(
        &mut self,
        key: &'static str,
        label_zh: &'static str,
        kind: FigureKind,
        value: Option<Decimal>,
        formula_zh: String,
    ) {
        self.figures.push(Figure {
            key,
            label_zh,
            kind,
            value,
            formula_zh,
        });
    }
    fn warn(&mut self, field: DeptField, zh: String, en: String) {
        self.out.push(Diagnostic::new(
            Level::Warning,
            Field::Dept(field),
            RuleId::R7,
            zh,
            en,
        ));
    }
}

fn show(v: Option<Decimal>) -> String {
    v.map(fmt2).unwrap_or_else(|| "（未填）".into())
}

fn ratio(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    num::div(a?, b?)
}

fn bf(
    d: &BudgetFinal,
    line: impl Fn(BudgetColumn) -> DeptField,
    label: &str,
    out: &mut Vec<Diagnostic>,
) -> (Option<Decimal>, Option<Decimal>) {
    (
        amount(
            &d.budget,
            Field::Dept(line(BudgetColumn::Budget)),
            &format!("{label}预算数"),
            out,
        ),
        amount(
            &d.final_amount,
            Field::Dept(line(BudgetColumn::Final)),
            &format!("{label}决算数"),
            out,
        ),
    )
}

pub fn assess_department(d: &DepartmentEvaluation) -> DepartmentAssessment {
    let mut c = Ctx {
        figures: Vec::new(),
        out: Vec::new(),
    };
    accounts(d, &mut c);
    three_public(d, &mut c);
    procurement(d, &mut c);
    assets(d, &mut c);
    staff(d, &mut c);
    DepartmentAssessment {
        figures: c.figures,
        diagnostics: c.out,
    }
}

/// 预算 vs 决算: differences, 预决算差异率, expenditure split.
fn accounts(d: &DepartmentEvaluation, c: &mut Ctx) {
    let mut lines = Vec::new();
    for line in AccountLine::ALL {
        let v = bf(
            d.account(line),
            |col| DeptField::Account(line, col),
            line.name_zh(),
            &mut c.out,
        );
        lines.push(v);
    }
    let [(ib, ifin), (eb, efin), (bb, bfin), (pb, pfin)] = [lines[0], lines[1], lines[2], lines[3]];
    let keys = [
        (
            "income.difference",
            "收入决算较预算增减",
            "income.variance",
            "收入预决算差异率",
            ib,
            ifin,
        ),
        (
            "expenditure.difference",
            "支出决算较预算增减",
            "expenditure.variance",
            "支出预决算差异率",
            eb,
            efin,
        ),
    ];
    for (dk, dl, vk, vl, b, f) in keys {
        let diff = f.zip(b).and_then(|(f, b)| num::sub(f, b));
        c.figure(
            dk,
            dl,
            FigureKind::Difference,
            diff,
            format!("决算数 {} − 预算数 {}", show(f), show(b)),
        );
        let var = diff.zip(b).and_then(|(x, b)| num::div(x, b));
        c.figure(
            vk,
            vl,
            FigureKind::Ratio,
            var,
            format!(
                "（决算数 {} − 预算数 {}）÷ 预算数 {}",
                show(f),
                show(b),
                show(b)
            ),
        );
    }
    c.figure(
        "expenditure.basic_share",
        "基本支出占总支出比例",
        FigureKind::Ratio,
        ratio(bfin, efin),
        format!("基本支出决算 {} ÷ 总支出决算 {}", show(bfin), show(efin)),
    );
    c.figure(
        "expenditure.project_share",
        "项目支出占总支出比例",
        FigureKind::Ratio,
        ratio(pfin, efin),
        format!("项目支出决算 {} ÷ 总支出决算 {}", show(pfin), show(efin)),
    );
    for (col, total, basic, project) in [
        (BudgetColumn::Budget, eb, bb, pb),
        (BudgetColumn::Final, efin, bfin, pfin),
    ] {
        if let (Some(t), Some(b), Some(p)) = (total, basic, project) {
            let sum = num::add(b, p);
            if sum != Some(t) {
                let which = if col == BudgetColumn::Budget {
                    "预算数"
                } else {
                    "决算数"
                };
                c.warn(
                    DeptField::Account(AccountLine::Expenditure, col),
                    format!(
                        "支出{which}{}≠基本支出{}＋项目支出{}（相差{}）",
                        fmt2(t),
                        fmt2(b),
                        fmt2(p),
                        sum.and_then(|s| num::sub(t, s))
                            .map(signed)
                            .unwrap_or_default()
                    ),
                    format!(
                        "expenditure {} ≠ basic {} + project {}",
                        fmt2(t),
                        fmt2(b),
                        fmt2(p)
                    ),
                );
            }
        }
    }
}

/// "三公"经费: 控制率 per item, parts add up to the total.
fn three_public(d: &DepartmentEvaluation, c: &mut Ctx) {
    let mut values = Vec::new();
    for item in ThreePublicItem::ALL {
        let v = bf(
            d.three_public(item),
            |col| DeptField::ThreePublic(item, col),
            item.name_zh(),
            &mut c.out,
        );
        values.push((item, v));
    }
    const RATE_KEYS: [(&str, &str); 4] = [
        ("three_public.abroad.rate", "因公出国(境)费控制率"),
        (
            "three_public.vehicles.rate",
            "公务用车购置及运行维护费控制率",
        ),
        ("three_public.reception.rate", "公务接待费控制率"),
        ("three_public.total.rate", "“三公”经费控制率"),
    ];
    for ((item, (b, f)), (key, label)) in values.iter().zip(RATE_KEYS) {
        let rate = ratio(*f, b.filter(|b| !b.is_zero()));
        c.figure(
            key,
            label,
            FigureKind::Ratio,
            rate,
            format!("决算数 {} ÷ 预算数 {}", show(*f), show(*b)),
        );
        if let (Some(b), Some(f)) = (b, f) {
            if f > b {
                c.warn(
                    DeptField::ThreePublic(*item, BudgetColumn::Final),
                    format!("{}决算数{}超过预算数{}", item.name_zh(), fmt2(*f), fmt2(*b)),
                    format!(
                        "{}: actual {} exceeds the budget {}",
                        item.name_zh(),
                        fmt2(*f),
                        fmt2(*b)
                    ),
                );
            }
        }
    }
    for (col, key, label) in [
        (
            BudgetColumn::Budget,
            "three_public.budget_sum",
            "“三公”经费预算分项合计",
        ),
        (
            BudgetColumn::Final,
            "three_public.final_sum",
            "“三公”经费决算分项合计",
        ),
    ] {
        let pick = |v: &(Option<Decimal>, Option<Decimal>)| {
            if col == BudgetColumn::Budget {
                v.0
            } else {
                v.1
            }
        };
        let parts: Vec<Option<Decimal>> = values[..3].iter().map(|(_, v)| pick(v)).collect();
        let any = parts.iter().any(Option::is_some);
        let sum = if any {
            num::sum(parts.iter().flatten().copied())
        } else {
            None
        };
        c.figure(
            key,
            label,
            FigureKind::Amount,
            sum,
            format!(
                "因公出国(境) {} ＋ 公务用车 {} ＋ 公务接待 {}",
                show(parts[0]),
                show(parts[1]),
                show(parts[2])
            ),
        );
        let total = pick(&values[3].1);
        if let (Some(t), Some(s)) = (total, sum) {
            if t != s {
                c.warn(
                    DeptField::ThreePublic(ThreePublicItem::Total, col),
                    format!("“三公”经费合计{}≠分项之和{}", fmt2(t), fmt2(s)),
                    format!("three-public total {} ≠ sum of items {}", fmt2(t), fmt2(s)),
                );
            }
        }
    }
}

/// 政府采购: goods + works + services = total; 执行率 against the plan.
fn procurement(d: &DepartmentEvaluation, c: &mut Ctx) {
    let mut v = Vec::new();
    for line in ProcurementLine::ALL {
        v.push(amount(
            d.procurement(line),
            Field::Dept(DeptField::Procurement(line)),
            line.name_zh(),
            &mut c.out,
        ));
    }
    let (goods, works, services, total, planned) = (v[0], v[1], v[2], v[3], v[4]);
    let any = goods.is_some() || works.is_some() || services.is_some();
    let sum = if any {
        num::sum([goods, works, services].into_iter().flatten())
    } else {
        None
    };
    c.figure(
        "procurement.sum",
        "政府采购分项合计",
        FigureKind::Amount,
        sum,
        format!(
            "货物 {} ＋ 工程 {} ＋ 服务 {}",
            show(goods),
            show(works),
            show(services)
        ),
    );
    if let (Some(t), Some(s)) = (total, sum) {
        if t != s {
            c.warn(
                DeptField::Procurement(ProcurementLine::Total),
                format!("政府采购支出合计{}≠货物＋工程＋服务{}", fmt2(t), fmt2(s)),
                format!(
                    "procurement total {} ≠ goods + works + services {}",
                    fmt2(t),
                    fmt2(s)
                ),
            );
        }
    }
    let base = total.or(sum);
    c.figure(
        "procurement.rate",
        "政府采购执行率",
        FigureKind::Ratio,
        ratio(base, planned.filter(|p| !p.is_zero())),
        format!("政府采购支出 {} ÷ 计划数 {}", show(base), show(planned)),
    );
}

/// Assets: 净资产, 资产负债率, 固定资产利用率.
fn assets(d: &DepartmentEvaluation, c: &mut Ctx) {
    let mut v = Vec::new();
    for line in AssetLine::ALL {
        v.push(amount(
            d.asset(line),
            Field::Dept(DeptField::Asset(line)),
            line.name_zh(),
            &mut c.out,
        ));
    }
    let (assets, liabilities, stated_net, original, in_use) = (v[0], v[1], v[2], v[3], v[4]);
    let net = assets.zip(liabilities).and_then(|(a, l)| num::sub(a, l));
    c.figure(
        "assets.net",
        "净资产",
        FigureKind::Amount,
        net,
        format!("资产总额 {} − 负债总额 {}", show(assets), show(liabilities)),
    );
    if let (Some(n), Some(s)) = (net, stated_net) {
        if n != s {
            c.warn(
                DeptField::Asset(AssetLine::NetAssets),
                format!("填报的净资产{}≠资产总额−负债总额{}", fmt2(s), fmt2(n)),
                format!(
                    "stated net assets {} ≠ assets − liabilities {}",
                    fmt2(s),
                    fmt2(n)
                ),
            );
        }
    }
    c.figure(
        "assets.debt_ratio",
        "资产负债率",
        FigureKind::Ratio,
        ratio(liabilities, assets.filter(|a| !a.is_zero())),
        format!("负债总额 {} ÷ 资产总额 {}", show(liabilities), show(assets)),
    );
    let usage = ratio(in_use, original.filter(|o| !o.is_zero()));
    c.figure(
        "assets.fixed_usage",
        "固定资产利用率",
        FigureKind::Ratio,
        usage,
        format!(
            "在用资产 {} ÷ 固定资产原值 {}",
            show(in_use),
            show(original)
        ),
    );
    if usage.is_some_and(|u| u > Decimal::ONE) {
        c.warn(
            DeptField::Asset(AssetLine::InUse),
            "在用资产大于固定资产原值".into(),
            "assets in use exceed the fixed assets' original value".into(),
        );
    }
}

/// 人员: 在职人员控制率 = 实有 ÷ 编制.
fn staff(d: &DepartmentEvaluation, c: &mut Ctx) {
    let mut v = Vec::new();
    for line in StaffLine::ALL {
        v.push(head_count(
            d.staff(line),
            Field::Dept(DeptField::Staff(line)),
            line.name_zh(),
            &mut c.out,
        ));
    }
    let (authorized, actual) = (v[0], v[1]);
    let rate = ratio(actual, authorized.filter(|a| !a.is_zero()));
    c.figure(
        "staff.control_rate",
        "在职人员控制率",
        FigureKind::Ratio,
        rate,
        format!(
            "实有在职人数 {} ÷ 编制人数 {}",
            actual
                .map(super::fmt_num)
                .unwrap_or_else(|| "（未填）".into()),
            authorized
                .map(super::fmt_num)
                .unwrap_or_else(|| "（未填）".into())
        ),
    );
    if rate.is_some_and(|r| r > Decimal::ONE) {
        c.warn(
            DeptField::Staff(StaffLine::Actual),
            "实有在职人数超过编制人数".into(),
            "staff in post exceed the authorised establishment".into(),
        );
    }
}

#[cfg(test)]
mod tests;
