//! 汇总表 of one department and year: one row per project evaluation, totals, the
//! budget-weighted average, the grade distribution and a chart. Each row has its own memo, so a
//! keystroke in one evaluation recomputes only that row.

use super::charts::SummaryChart;
use super::editor::{print_page, report};
use super::exchange::{export_group_csv, export_group_json};
use super::state::{AppState, Route};
use crate::rules::{fmt_num, num::fmt2, num::fmt_pct};
use crate::summary::{summarize_rows, GroupKey, SummaryRow};
use leptos::prelude::*;

#[component]
pub fn SummaryPage(app: AppState, department: String, year: String) -> impl IntoView {
    let key = GroupKey {
        department: department.clone(),
        year: year.clone(),
    };
    let title = key.label_zh();
    // the rows come from each evaluation's own memo: a keystroke in one evaluation recomputes
    // only that evaluation's row
    let key_for_members = key.clone();
    let rows: Memo<Vec<SummaryRow>> = Memo::new(move |_| {
        app.evals.with(|v| {
            v.iter()
                .filter(|e| e.doc.with(|d| GroupKey::of(d) == key_for_members))
                .map(|e| e.row.get())
                .collect()
        })
    });
    let summary = Memo::new(move |_| summarize_rows(rows.get()));
    let dept_form = {
        let key = key.clone();
        move || {
            app.depts.with(|v| {
                v.iter()
                    .find(|d| d.doc.with(|d| GroupKey::of_department(d) == key))
                    .map(|d| d.id.clone())
            })
        }
    };
    let amount = |v: Option<rust_decimal::Decimal>| v.map(fmt_num).unwrap_or_else(|| "—".into());
    let body = move || {
        rows.get()
            .into_iter()
            .map(|r| {
                let id = r.id.clone();
                let level1 = r
                    .level1_scores
                    .iter()
                    .map(|(_, s)| view! { <td class="num">{fmt2(*s)}</td> })
                    .collect_view();
                view! {
                    <tr data-id=r.id.clone()>
                        <td>
                            <a href=Route::Edit(id.clone()).to_hash() class="open" on:click=move |ev| {
                                ev.prevent_default();
                                app.navigate(Route::Edit(id.clone()));
                            }>{if r.project_name.trim().is_empty() { "（未命名项目）".to_string() } else { r.project_name.clone() }}</a>
                        </td>
                        <td>{r.implementing_unit.clone()}</td>
                        <td class="num">{amount(r.annual_budget)}</td>
                        <td class="num">{amount(r.executed)}</td>
                        <td class="num">{r.rate.map(fmt_pct).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{fmt2(r.execution_score)}</td>
                        {level1}
                        <td class="num total" data-testid="summary-total">{fmt2(r.total)}</td>
                        <td>{r.grade.name_zh()}</td>
                        <td class:has-errors={r.errors > 0}>{format!("{} ／ {}", r.errors, r.warnings)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="summary">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>"← 返回评价列表"</button>
                <button on:click={
                    let key = key.clone();
                    move |_| report(export_group_csv(&key.department, &key.year, &app.group_evaluations(&key), false))
                }>"导出汇总表CSV"</button>
                <button on:click={
                    let key = key.clone();
                    move |_| report(export_group_csv(&key.department, &key.year, &app.group_evaluations(&key), true))
                }>"导出指标明细CSV"</button>
                <button on:click={
                    let key = key.clone();
                    move |_| {
                        report(export_group_json(&key.department, &key.year, app.group_evaluations(&key), app.group_departments(&key)))
                    }
                }>"导出本部门本年度（JSON）"</button>
                <button on:click=move |_| print_page()>"打印"</button>
                {move || dept_form().map(|id| view! {
                    <button on:click=move |_| app.navigate(Route::Department(id.clone()))>"打开部门整体支出自评表"</button>
                })}
            </div>
            <h2 class="form-title">{title}" 项目支出绩效自评汇总表"</h2>
            <table class="form summary-table">
                <thead>
                    <tr>
                        <th>"项目名称"</th>
                        <th>"实施单位"</th>
                        <th>"全年预算数（万元）"</th>
                        <th>"全年执行数（万元）"</th>
                        <th>"执行率"</th>
                        <th>"预算执行率得分"</th>
                        <th>"产出指标"</th>
                        <th>"效益指标"</th>
                        <th>"满意度指标"</th>
                        <th>"总分"</th>
                        <th>"等级"</th>
                        <th>"错误／警告"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr class="total-line">
                        <th colspan="2">{move || format!("合计（{}个项目）", rows.with(Vec::len))}</th>
                        <td class="num">{move || summary.with(|s| fmt_num(s.budget_sum))}</td>
                        <td class="num">{move || summary.with(|s| fmt_num(s.executed_sum))}</td>
                        <td class="num">{move || summary.with(|s| s.rate.map(fmt_pct).unwrap_or_else(|| "—".into()))}</td>
                        <td colspan="4" class="num">
                            "平均分 "{move || summary.with(|s| s.average.map(fmt2).unwrap_or_else(|| "—".into()))}
                        </td>
                        <td class="num" data-testid="weighted-average">
                            {move || summary.with(|s| s.weighted_average.map(fmt2).unwrap_or_else(|| "—".into()))}
                        </td>
                        <td colspan="2" class="sub">"按全年预算数加权的平均分"</td>
                    </tr>
                </tfoot>
            </table>
            <p class="grades" data-testid="grade-distribution">
                "等级分布："
                {move || summary.with(|s| {
                    s.grades.iter().map(|(g, n)| format!("{} {}个", g.name_zh(), n)).collect::<Vec<_>>().join("，")
                })}
                {move || summary.with(|s| format!("；错误 {} 条，警告 {} 条", s.errors, s.warnings))}
            </p>
            <SummaryChart rows=rows />
        </section>
    }
}
