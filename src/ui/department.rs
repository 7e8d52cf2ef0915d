//! The 部门整体支出绩效自评 form: inputs as typed, every derived figure live with its formula.

use super::editor::{print_page, report};
use super::exchange::export_group_json;
use super::office_export::{start_export, OfficeExport};
use super::state::{AppState, DeptEntry, Route};
use super::widgets::message;
use super::widgets::route_link;
use super::widgets::{form_title, index_diagnostics, text_input, Diags};
use crate::i18n::{t, tf};
use crate::model::{
    AccountLine, AssetLine, DepartmentEvaluation, ProcurementLine, StaffLine, ThreePublicItem,
};
use crate::rules::{assess_department, BudgetColumn, DepartmentAssessment, DeptField, Field};
use leptos::prelude::*;

type Doc = RwSignal<DepartmentEvaluation>;

/// A derived figure: its value, with the formula beside it (and on hover).
fn figure(a: Memo<DepartmentAssessment>, key: &'static str) -> impl IntoView {
    let f = move || a.with(|a| a.figure(key).cloned());
    view! {
        <span class="figure" data-figure=key title=move || f().map(|f| formula(&f)).unwrap_or_default()>
            <strong class="value">{move || f().map(|f| f.display()).unwrap_or_default()}</strong>
            <span class="formula sub">{move || f().map(|f| format!("= {}", formula(&f))).unwrap_or_default()}</span>
        </span>
    }
}

fn amount_input(
    app: AppState,
    doc: Doc,
    diags: Diags,
    field: DeptField,
    label: String,
    get: impl Fn(&DepartmentEvaluation) -> String + Send + Sync + 'static,
    set: impl Fn(&mut DepartmentEvaluation, String) + 'static,
) -> impl IntoView {
    text_input(app, doc, diags, Field::Dept(field), label, "num", get, set)
}

#[component]
pub fn DepartmentForm(app: AppState, entry: DeptEntry) -> impl IntoView {
    let doc = entry.doc;
    let a = Memo::new(move |_| doc.with(assess_department));
    let diags: Diags = Memo::new(move |_| a.with(|a| index_diagnostics(&a.diagnostics)));
    let summary_route = move || {
        doc.with(|d| Route::Summary {
            department: d.department.trim().to_string(),
            year: d.year.trim().to_string(),
        })
    };

    let accounts = AccountLine::ALL
        .into_iter()
        .map(|line| {
            let cell = move |col: BudgetColumn| {
                amount_input(
                    app,
                    doc,
                    diags,
                    DeptField::Account(line, col),
                    tf("{}{}", &[&t(line.name_zh()), &if col == BudgetColumn::Budget { t("预算数") } else { t("决算数") }]),
                    move |d| {
                        let bf = d.account(line);
                        if col == BudgetColumn::Budget { bf.budget.clone() } else { bf.final_amount.clone() }
                    },
                    move |d, v| {
                        let bf = d.account_mut(line);
                        if col == BudgetColumn::Budget { bf.budget = v } else { bf.final_amount = v }
                    },
                )
            };
            let derived = match line {
                AccountLine::Income => view! { <td>{figure(a, "income.difference")}</td><td>{figure(a, "income.variance")}</td> }.into_any(),
                AccountLine::Expenditure => view! { <td>{figure(a, "expenditure.difference")}</td><td>{figure(a, "expenditure.variance")}</td> }.into_any(),
                AccountLine::Basic => view! { <td colspan="2">{t("占总支出 ")}{figure(a, "expenditure.basic_share")}</td> }.into_any(),
                AccountLine::Project => view! { <td colspan="2">{t("占总支出 ")}{figure(a, "expenditure.project_share")}</td> }.into_any(),
            };
            view! {
                <tr>
                    <th class="row-head">{t(line.name_zh())}</th>
                    <td>{cell(BudgetColumn::Budget)}</td>
                    <td>{cell(BudgetColumn::Final)}</td>
                    {derived}
                </tr>
            }
        })
        .collect_view();

    const RATE_KEYS: [&str; 4] = [
        "three_public.abroad.rate",
        "three_public.vehicles.rate",
        "three_public.reception.rate",
        "three_public.total.rate",
    ];
    let three_public = ThreePublicItem::ALL
        .into_iter()
        .zip(RATE_KEYS)
        .map(|(item, rate_key)| {
            let cell = move |col: BudgetColumn| {
                amount_input(
                    app,
                    doc,
                    diags,
                    DeptField::ThreePublic(item, col),
                    tf(
                        "{}{}",
                        &[
                            &t(item.name_zh()),
                            &if col == BudgetColumn::Budget {
                                t("预算数")
                            } else {
                                t("决算数")
                            },
                        ],
                    ),
                    move |d| {
                        let bf = d.three_public(item);
                        if col == BudgetColumn::Budget {
                            bf.budget.clone()
                        } else {
                            bf.final_amount.clone()
                        }
                    },
                    move |d, v| {
                        let bf = d.three_public_mut(item);
                        if col == BudgetColumn::Budget {
                            bf.budget = v
                        } else {
                            bf.final_amount = v
                        }
                    },
                )
            };
            view! {
                <tr class:total-row=item == ThreePublicItem::Total>
                    <th class="row-head">{t(item.name_zh())}</th>
                    <td>{cell(BudgetColumn::Budget)}</td>
                    <td>{cell(BudgetColumn::Final)}</td>
                    <td>{figure(a, rate_key)}</td>
                </tr>
            }
        })
        .collect_view();

    let procurement = ProcurementLine::ALL
        .into_iter()
        .map(|line| {
            view! {
                <tr class:total-row=line == ProcurementLine::Total>
                    <th class="row-head">{t(line.name_zh())}</th>
                    <td>
                        {amount_input(app, doc, diags, DeptField::Procurement(line), t(line.name_zh()).to_string(),
                            move |d| d.procurement(line).clone(),
                            move |d, v| *d.procurement_mut(line) = v)}
                    </td>
                </tr>
            }
        })
        .collect_view();

    let assets = AssetLine::ALL
        .into_iter()
        .map(|line| {
            view! {
                <tr>
                    <th class="row-head">{t(line.name_zh())}</th>
                    <td>
                        {amount_input(app, doc, diags, DeptField::Asset(line), t(line.name_zh()).to_string(),
                            move |d| d.asset(line).clone(),
                            move |d, v| *d.asset_mut(line) = v)}
                    </td>
                </tr>
            }
        })
        .collect_view();

    let staff = StaffLine::ALL
        .into_iter()
        .map(|line| {
            view! {
                <th>{t(line.name_zh())}</th>
                <td>
                    {text_input(app, doc, diags, Field::Dept(DeptField::Staff(line)), t(line.name_zh()).to_string(), "num",
                        move |d| d.staff(line).clone(),
                        move |d, v| *d.staff_mut(line) = v)}
                </td>
            }
        })
        .collect_view();

    let long_text = move |label: &'static str,
                          get: fn(&DepartmentEvaluation) -> String,
                          set: fn(&mut DepartmentEvaluation, String)| {
        view! {
            <label class="block-label">{label}</label>
            <span class="print-only pre">{move || doc.with(get)}</span>
            <textarea
                rows="5"
                aria-label=label
                prop:value=move || doc.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    app.edit_department(doc, |d| set(d, v));
                }
            ></textarea>
        }
    };

    let figure_rows = move || {
        a.with(|a| {
            a.figures
                .iter()
                .map(|f| {
                    view! {
                        <tr>
                            <th class="row-head">{t(f.label_zh)}</th>
                            <td class="num">{f.display()}</td>
                            <td class="formula">{formula(f)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let del_id = entry.id.clone();
    let confirming = RwSignal::new(false);

    view! {
        <section class="department">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>{t("← 返回评价列表")}</button>
                <button on:click=move |_| app.navigate(summary_route())>{t("查看本部门项目汇总表")}</button>
                <button on:click=move |_| {
                    let d = doc.get_untracked();
                    report(export_group_json(&d.department, &d.year, Vec::new(), vec![d.clone()]))
                }>{t("导出JSON")}</button>
                <button data-testid="department-report" on:click=move |_| {
                    let d = doc.get_untracked();
                    let forms = app.group_evaluations(&crate::summary::GroupKey::of_department(&d));
                    start_export(app, OfficeExport::Report, forms, vec![d]);
                }>{t("导出Word报告")}</button>
                <button data-testid="department-xlsx" on:click=move |_| {
                    let d = doc.get_untracked();
                    let forms = app.group_evaluations(&crate::summary::GroupKey::of_department(&d));
                    start_export(app, OfficeExport::Workbook, forms, vec![d]);
                }>{t("导出Excel")}</button>
                <button on:click=move |_| print_page()>{t("打印")}</button>
                <span class="counts">{move || tf("提示 {} 条", &[&a.with(|a| a.diagnostics.len())])}</span>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! { <button class="small danger" on:click=move |_| confirming.set(true)>{t("删除此表")}</button> }
                >
                    {
                        let del_id = del_id.clone();
                        view! {
                            <span class="confirm">{t("确定删除？")}
                                <button class="small danger" on:click=move |_| app.delete_department(&del_id)>{t("确认删除")}</button>
                                <button class="small" on:click=move |_| confirming.set(false)>{t("取消")}</button>
                            </span>
                        }
                    }
                </Show>
            </div>
            <h2 class="form-title">
                {move || doc.with(|d| form_title(&d.year, t("部门整体支出绩效自评基础数据表")))}
            </h2>
            <DepartmentForms app=app doc=doc dept_id=entry.id.clone() />
            <table class="form">
                <tbody>
                    <tr>
                        <th>{t("部门（单位）名称")}</th>
                        <td colspan="3">
                            {text_input(app, doc, diags, Field::Dept(DeptField::Department), t("部门名称").into(), "wide",
                                |d| d.department.clone(), |d, v| d.department = v)}
                        </td>
                        <th>{t("年度")}</th>
                        <td>
                            {text_input(app, doc, diags, Field::Dept(DeptField::Year), t("年度").into(), "wide",
                                |d| d.year.clone(), |d, v| d.year = v)}
                        </td>
                    </tr>
                </tbody>
            </table>

            {long_text(t("部门主要职责"), |d| d.profile.clone(), |d, v| d.profile = v)}

            <h3>{t("人员情况")}</h3>
            <table class="form">
                <tbody>
                    <tr>{staff}</tr>
                    <tr><th colspan="2">{t("在职人员控制率")}</th><td colspan="6">{figure(a, "staff.control_rate")}</td></tr>
                </tbody>
            </table>

            <h3>{t("部门预决算情况（万元）")}</h3>
            <table class="form">
                <thead><tr><th></th><th>{t("预算数")}</th><th>{t("决算数")}</th><th>{t("决算较预算增减")}</th><th>{t("预决算差异率")}</th></tr></thead>
                <tbody>{accounts}</tbody>
            </table>
            {long_text(t("差异产生的主要原因"), |d| d.accounts_note.clone(), |d, v| d.accounts_note = v)}

            <h3>{t("“三公”经费执行情况（万元）")}</h3>
            <table class="form">
                <thead><tr><th></th><th>{t("预算数")}</th><th>{t("决算数")}</th><th>{t("控制率（决算÷预算）")}</th></tr></thead>
                <tbody>{three_public}</tbody>
                <tfoot>
                    <tr><th>{t("分项合计")}</th><td>{figure(a, "three_public.budget_sum")}</td><td>{figure(a, "three_public.final_sum")}</td><td></td></tr>
                </tfoot>
            </table>

            <div class="two-col">
                <div>
                    <h3>{t("政府采购执行情况（万元）")}</h3>
                    <table class="form">
                        <tbody>{procurement}</tbody>
                        <tfoot>
                            <tr><th>{t("货物＋工程＋服务")}</th><td>{figure(a, "procurement.sum")}</td></tr>
                            <tr><th>{t("政府采购执行率")}</th><td>{figure(a, "procurement.rate")}</td></tr>
                        </tfoot>
                    </table>
                </div>
                <div>
                    <h3>{t("资产管理情况（万元）")}</h3>
                    <table class="form">
                        <tbody>{assets}</tbody>
                        <tfoot>
                            <tr><th>{t("净资产（计算）")}</th><td>{figure(a, "assets.net")}</td></tr>
                            <tr><th>{t("资产负债率")}</th><td>{figure(a, "assets.debt_ratio")}</td></tr>
                            <tr><th>{t("固定资产利用率")}</th><td>{figure(a, "assets.fixed_usage")}</td></tr>
                        </tfoot>
                    </table>
                </div>
            </div>

            <h3>{t("整体绩效目标完成情况")}</h3>
            {long_text(t("整体绩效目标完成情况"), |d| d.performance_summary.clone(), |d, v| d.performance_summary = v)}
            {long_text(t("存在的问题及改进措施"), |d| d.problems_and_measures.clone(), |d, v| d.problems_and_measures = v)}
            {long_text(t("其他需要说明的情况"), |d| d.other_notes.clone(), |d, v| d.other_notes = v)}

            <h3>{t("派生指标及计算公式")}</h3>
            <table class="form figures">
                <thead><tr><th>{t("指标")}</th><th>{t("数值")}</th><th>{t("计算公式")}</th></tr></thead>
                <tbody>{figure_rows}</tbody>
            </table>
            <aside class="diagnostics inline no-print" aria-label=t("审核提示")>
                <h3>{t("审核提示")}</h3>
                {move || {
                    let ds = a.with(|a| a.diagnostics.clone());
                    if ds.is_empty() {
                        view! { <p class="ok">{t("没有发现问题。")}</p> }.into_any()
                    } else {
                        ds.into_iter()
                            .map(|d| view! { <div class=format!("note {}", d.level.key())>{format!("{} · {}", t(d.rule.label()), message(&d))}</div> })
                            .collect_view()
                            .into_any()
                    }
                }}
            </aside>
        </section>
    }
}

/// A derived figure's formula in the current language.
fn formula(f: &crate::rules::Figure) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => f.formula_zh.clone(),
        crate::i18n::Lang::En => f.formula_en(),
    }
}

/// The department-year's 部门整体支出绩效自评表 (forms of a department template) beside its
/// figures: each with its total and grade, and a new one of a chosen template, filled from
/// these figures.
#[component]
fn DepartmentForms(app: AppState, doc: Doc, dept_id: String) -> impl IntoView {
    let key = Memo::new(move |_| doc.with(crate::summary::GroupKey::of_department));
    let forms = Memo::new(move |_| {
        let key = key.get();
        app.evals.with(|es| {
            es.iter()
                .filter(|e| {
                    e.doc.with(|e| {
                        e.template.is_department() && crate::summary::GroupKey::of(e) == key
                    })
                })
                .map(|e| (e.id.clone(), e.doc, e.row))
                .collect::<Vec<_>>()
        })
    });
    let choice = RwSignal::new(crate::model::TemplateId::Department);
    let create = move |_| {
        if let Some(id) = app.create_department_form(&dept_id, choice.get_untracked()) {
            app.navigate(Route::Edit(id));
        }
    };
    let options = crate::model::TemplateId::ALL
        .into_iter()
        .filter(|id| id.is_department())
        .map(|id| {
            view! {
                <option value=id.key() selected=move || choice.get() == id>
                    {crate::templates::template(id).name(crate::i18n::lang())}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="dept-forms no-print" data-testid="dept-forms">
            <h3>{t("部门整体支出绩效自评表")}</h3>
            {move || {
                let list = forms.get();
                if list.is_empty() {
                    return view! { <p class="sub">{t("本部门本年度还没有部门整体支出绩效自评表。新建时，资金和共性指标取自下方数据。")}</p> }.into_any();
                }
                list.into_iter()
                    .map(|(id, doc, row)| {
                        view! {
                            <p class="dept-form-line" data-id=id.clone()>
                                {route_link(app, Route::Edit(id.clone()), None, None,
                                    move || doc.with(|e| crate::templates::template(e.template).name(crate::i18n::lang())))}
                                " "
                                <span data-testid="dept-form-total">
                                    {move || row.with(|r| tf("总分 {} · {}", &[&crate::rules::num::fmt2(r.total), &t(r.grade.name_zh())]))}
                                </span>
                            </p>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            <label>
                {t("表样")}
                <select
                    data-testid="dept-form-template"
                    aria-label=t("表样")
                    on:change=move |ev| {
                        if let Some(id) = crate::model::TemplateId::from_key(&event_target_value(&ev)) {
                            choice.set(id);
                        }
                    }
                >
                    {options}
                </select>
            </label>
            " "
            <button class="primary" data-testid="new-dept-form" on:click=create>{t("＋ 新建部门整体支出绩效自评表")}</button>
        </div>
    }
}
