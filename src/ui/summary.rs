//! 汇总表 of one department and year: one row per project evaluation, totals, the
//! budget-weighted average, the grade distribution and a chart. Each row has its own memo, so a
//! keystroke in one evaluation recomputes only that row.

use super::charts::SummaryChart;
use super::editor::{print_page, report};
use super::exchange::{export_group_csv, export_group_json};
use super::office_export::{start_export, OfficeExport};
use super::state::{AppState, Route};
use super::widgets::group_label;
use super::widgets::route_link;
use crate::i18n::{t, tf};
use crate::rules::{fmt_num, num::fmt2, num::fmt_pct};
use crate::summary::{summarize_rows, GroupKey, SummaryRow};
use leptos::prelude::*;

#[component]
pub fn SummaryPage(app: AppState, department: String, year: String) -> impl IntoView {
    let key = GroupKey {
        department: department.clone(),
        year: year.clone(),
    };
    let title = group_label(&key);
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
    // the projects; the department's own form has a line of its own under the table
    let projects = Memo::new(move |_| summary.with(|s| s.rows.clone()));
    let body = move || {
        projects
            .get()
            .into_iter()
            .map(|r| {
                let level1 = crate::model::Level1::STANDARD
                    .iter()
                    .map(|l| {
                        let s = r.level1_scores.iter().find(|(x, _)| x == l).map(|(_, s)| *s);
                        view! { <td class="num">{s.map(fmt2).unwrap_or_else(|| "—".into())}</td> }
                    })
                    .collect_view();
                view! {
                    <tr data-id=r.id.clone()>
                        <td>
                            {route_link(app, Route::Edit(r.id.clone()), Some("open"), None,
                                if r.project_name.trim().is_empty() { t("（未命名项目）").to_string() } else { r.project_name.clone() })}
                        </td>
                        <td>{r.implementing_unit.clone()}</td>
                        <td class="num">{amount(r.annual_budget)}</td>
                        <td class="num">{amount(r.executed)}</td>
                        <td class="num">{r.rate.map(fmt_pct).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{fmt2(r.execution_score)}</td>
                        {level1}
                        <td class="num total" data-testid="summary-total">{fmt2(r.total)}</td>
                        <td>{t(r.grade.name_zh())}</td>
                        <td class:has-errors={r.errors > 0}>{tf("{} ／ {}", &[&r.errors, &r.warnings])}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="summary">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>{t("← 返回评价列表")}</button>
                <button on:click={
                    let key = key.clone();
                    move |_| report(export_group_csv(&key.department, &key.year, &app.group_evaluations(&key), false))
                }>{t("导出汇总表CSV")}</button>
                <button on:click={
                    let key = key.clone();
                    move |_| report(export_group_csv(&key.department, &key.year, &app.group_evaluations(&key), true))
                }>{t("导出指标明细CSV")}</button>
                <button on:click={
                    let key = key.clone();
                    move |_| {
                        report(export_group_json(&key.department, &key.year, app.group_evaluations(&key), app.group_departments(&key)))
                    }
                }>{t("导出本部门本年度（JSON）")}</button>
                <button data-testid="summary-xlsx" on:click={
                    let key = key.clone();
                    move |_| start_export(app, OfficeExport::Workbook, app.group_evaluations(&key), app.group_departments(&key))
                }>{t("导出Excel")}</button>
                <button data-testid="summary-report" on:click={
                    let key = key.clone();
                    move |_| start_export(app, OfficeExport::Report, app.group_evaluations(&key), app.group_departments(&key))
                }>{t("导出Word报告")}</button>
                <button on:click=move |_| print_page()>{t("打印")}</button>
                {move || dept_form().map(|id| view! {
                    <button on:click=move |_| app.navigate(Route::Department(id.clone()))>{t("打开部门整体支出基础数据")}</button>
                })}
            </div>
            <h2 class="form-title">{title}{t(" 项目支出绩效自评汇总表")}</h2>
            <table class="form summary-table">
                <thead>
                    <tr>
                        <th>{t("项目名称")}</th>
                        <th>{t("实施单位")}</th>
                        <th>{t("全年预算数（万元）")}</th>
                        <th>{t("全年执行数（万元）")}</th>
                        <th>{t("执行率")}</th>
                        <th>{t("预算执行率得分")}</th>
                        <th>{t("产出指标")}</th>
                        <th>{t("效益指标")}</th>
                        <th>{t("满意度指标")}</th>
                        <th>{t("总分")}</th>
                        <th>{t("等级")}</th>
                        <th>{t("错误／警告")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr class="total-line">
                        <th colspan="2">{move || tf("合计（{}个项目）", &[&projects.with(Vec::len)])}</th>
                        <td class="num">{move || summary.with(|s| fmt_num(s.budget_sum))}</td>
                        <td class="num">{move || summary.with(|s| fmt_num(s.executed_sum))}</td>
                        <td class="num">{move || summary.with(|s| s.rate.map(fmt_pct).unwrap_or_else(|| "—".into()))}</td>
                        <td colspan="4" class="num">
                            {t("平均分 ")}{move || summary.with(|s| s.average.map(fmt2).unwrap_or_else(|| "—".into()))}
                        </td>
                        <td class="num" data-testid="weighted-average">
                            {move || summary.with(|s| s.weighted_average.map(fmt2).unwrap_or_else(|| "—".into()))}
                        </td>
                        <td colspan="2" class="sub">{t("按全年预算数加权的平均分")}</td>
                    </tr>
                </tfoot>
            </table>
            {move || {
                let overall = summary.with(|s| s.overall.clone());
                (!overall.is_empty()).then(|| {
                    let lines = overall
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr data-id=r.id.clone()>
                                    <td>
                                        {route_link(app, Route::Edit(r.id.clone()), Some("open"), None, t(&r.project_name).to_string())}
                                    </td>
                                    <td class="num">{amount(r.annual_budget)}</td>
                                    <td class="num">{amount(r.executed)}</td>
                                    <td class="num">{r.rate.map(fmt_pct).unwrap_or_else(|| "—".into())}</td>
                                    <td class="num total" data-testid="overall-total">{fmt2(r.total)}</td>
                                    <td>{t(r.grade.name_zh())}</td>
                                    <td class:has-errors={r.errors > 0}>{tf("{} ／ {}", &[&r.errors, &r.warnings])}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3>{t("部门整体支出绩效自评")}</h3>
                        <table class="form summary-table overall" data-testid="overall">
                            <thead>
                                <tr>
                                    <th>{t("自评表")}</th>
                                    <th>{t("全年预算数（万元）")}</th>
                                    <th>{t("全年执行数（万元）")}</th>
                                    <th>{t("执行率")}</th>
                                    <th>{t("总分")}</th>
                                    <th>{t("等级")}</th>
                                    <th>{t("错误／警告")}</th>
                                </tr>
                            </thead>
                            <tbody>{lines}</tbody>
                        </table>
                    }
                })
            }}
            <p class="grades" data-testid="grade-distribution">
                {t("等级分布：")}
                {move || summary.with(|s| {
                    s.grades.iter().map(|(g, n)| tf("{} {}个", &[&t(g.name_zh()), &n])).collect::<Vec<_>>().join(t("，"))
                })}
                {move || summary.with(|s| tf("；错误 {} 条，警告 {} 条", &[&s.errors, &s.warnings]))}
            </p>
            <SummaryChart rows=projects />
        </section>
    }
}
