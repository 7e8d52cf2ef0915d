//! The reviewer's county view for a year (`summary::county`): one line per department, sortable
//! by any column, filtered to the forms that need a look, each line opening the department's 汇总表,
//! its department form and its forms; a department's or a project's years side by side; CSV,
//! Excel and print. The figures come from each form's own summary memo.

use super::editor::{print_page, report};
use super::exchange::{download, today};
use super::office_export::start_table_export;
use super::state::{AppState, Route};
use super::widgets::route_link;
use crate::exchange::csv::table_csv;
use crate::exchange::file_name;
use crate::i18n::{t, tf};
use crate::rules::{fmt_num, num::fmt2, num::fmt_pct};
use crate::summary::county::{
    county, department_years, project_years, squeezed, years, DepartmentForm, FormFilter, SortKey,
};
use crate::summary::table::county_table;
use crate::summary::{GroupKey, Summary, SummaryRow};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// What the year-on-year panel shows.
#[derive(Clone, PartialEq)]
enum History {
    Department(String),
    Project(String, String),
}

fn opt(v: Option<Decimal>, f: fn(Decimal) -> String) -> String {
    v.map(f).unwrap_or_else(|| "—".into())
}

fn department_name(d: &str) -> String {
    if d.is_empty() {
        t("（未填主管部门）").to_string()
    } else {
        d.to_string()
    }
}

#[component]
pub fn CountyPage(app: AppState, year: String) -> impl IntoView {
    // every year that has forms; the page opens on the one asked for, else the latest
    let all_years = Memo::new(move |_| {
        let mut of_forms: Vec<String> = app
            .evals
            .with(|v| v.iter().map(|e| e.doc.with(|d| d.year.clone())).collect());
        app.depts.with(|v| {
            of_forms.extend(v.iter().map(|d| d.doc.with(|d| d.year.clone())));
        });
        years(of_forms.iter().map(String::as_str))
    });
    let chosen = RwSignal::new(year);
    let year = Memo::new(move |_| {
        let y = chosen.get();
        if y.is_empty() {
            all_years.with(|ys| ys.first().cloned().unwrap_or_default())
        } else {
            y
        }
    });
    let filter = RwSignal::new(FormFilter::All);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((SortKey::Department, false));
    let open: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let history: RwSignal<Option<History>> = RwSignal::new(None);

    // the year's rows, each from its form's memo
    let rows = Memo::new(move |_| {
        let y = year.get();
        app.evals.with(|v| {
            v.iter()
                .filter(|e| e.doc.with(|d| d.year.trim() == y))
                .map(|e| e.row.get())
                .collect::<Vec<_>>()
        })
    });
    let dept_forms = Memo::new(move |_| {
        app.depts.with(|v| {
            v.iter()
                .map(|d| {
                    d.doc
                        .with(|x| (x.department.clone(), x.year.clone(), d.id.clone()))
                })
                .collect::<Vec<DepartmentForm>>()
        })
    });
    let view_of = Memo::new(move |_| {
        let (key, desc) = sort.get();
        rows.with(|rows| {
            dept_forms.with(|forms| {
                county(
                    rows,
                    forms,
                    &year.get(),
                    filter.get(),
                    &query.get(),
                    key,
                    desc,
                )
            })
        })
    });

    let export_csv = move |_| {
        let c = view_of.get_untracked();
        let table = county_table(&c, filter_note(filter.get_untracked()).as_deref());
        let name = file_name(&[&c.year], t("全县绩效自评汇总表"), "csv");
        report(download(
            &name,
            "text/csv;charset=utf-8",
            &table_csv(&table),
        ));
    };
    let export_xlsx = move |_| {
        let c = view_of.get_untracked();
        let table = county_table(&c, filter_note(filter.get_untracked()).as_deref());
        let name = file_name(&[&c.year, &today()], t("全县绩效自评汇总表"), "xlsx");
        start_table_export(app, table, name);
    };

    let header = move |label: &'static str, key: SortKey| {
        let mark = move || match sort.get() {
            (k, false) if k == key => " ▲",
            (k, true) if k == key => " ▼",
            _ => "",
        };
        view! {
            <th>
                <button class="sort" data-sort=key.key() on:click=move |_| {
                    sort.update(|(k, desc)| {
                        if *k == key {
                            *desc = !*desc;
                        } else {
                            // figures read best largest first; names in order
                            *k = key;
                            *desc = key != SortKey::Department;
                        }
                    })
                }>{label}{mark}</button>
            </th>
        }
    };

    let body = move || {
        let c = view_of.get();
        c.lines
            .into_iter()
            .map(|line| {
                let dept = line.department.clone();
                let is_open = {
                    let dept = dept.clone();
                    Memo::new(move |_| open.with(|o| o.contains(&dept)))
                };
                let toggle = {
                    let dept = dept.clone();
                    move |_| {
                        open.update(|o| {
                            if !o.remove(&dept) {
                                o.insert(dept.clone());
                            }
                        })
                    }
                };
                let summary_route = Route::Summary {
                    department: dept.clone(),
                    year: c.year.clone(),
                };
                let forms = line
                    .shown
                    .iter()
                    .filter_map(|&i| line.summary.rows.get(i).cloned())
                    .collect::<Vec<_>>();
                let s = &line.summary;
                // the department's own 自评表 with its score, else its figures
                let overall = line.summary.overall.first().cloned();
                let dept_form = match (overall, line.department_form.clone()) {
                    (Some(r), _) => Some((
                        Route::Edit(r.id.clone()),
                        tf("{} {}", &[&fmt2(r.total), &t(r.grade.name_zh())]),
                    )),
                    (None, Some(id)) => Some((Route::Department(id), t("有基础数据").to_string())),
                    (None, None) => None,
                }
                .map(|(route, label)| route_link(app, route, None, Some("county-overall"), label));
                let history_dept = dept.clone();
                view! {
                    <tr class="county-line" data-department=dept.clone()>
                        <td>
                            <button class="expand no-print" aria-expanded=move || is_open.get().to_string() on:click=toggle>
                                {move || if is_open.get() { "▾" } else { "▸" }}
                            </button>
                            " "
                            {route_link(app, summary_route.clone(), Some("open-summary"), None, department_name(&dept))}
                        </td>
                        <td class="num" data-col="forms">{line.forms()}</td>
                        <td>{dept_form.map(IntoAny::into_any).unwrap_or_else(|| t("无").into_any())}</td>
                        <td class="num">{fmt_num(s.budget_sum)}</td>
                        <td class="num">{fmt_num(s.executed_sum)}</td>
                        <td class="num">{opt(s.rate, fmt_pct)}</td>
                        <td class="num" data-col="average">{opt(s.average, fmt2)}</td>
                        <td class="num" data-col="weighted">{opt(s.weighted_average, fmt2)}</td>
                        <td class="num grades">{grades(s)}</td>
                        <td class="num" class:flag={line.departing > 0} data-col="departing">{line.departing}</td>
                        <td class="num" class:flag={line.missing_reasons > 0}>{line.missing_reasons}</td>
                        <td class="num" class:flag={line.over_achieving > 0}>{line.over_achieving}</td>
                        <td class="num" data-col="reviewed">{line.reviewed}</td>
                        <td class="no-print">
                            <button on:click=move |_| history.set(Some(History::Department(history_dept.clone())))>{t("历年")}</button>
                        </td>
                    </tr>
                    <Show when=move || is_open.get()>
                        {forms.clone().into_iter().map(|r| form_line(app, r, history)).collect_view()}
                    </Show>
                }
            })
            .collect_view()
    };

    let footer = move || {
        let c = view_of.get();
        let t_ = &c.total;
        view! {
            <tr class="total-line">
                <th>{tf("全县合计（{}个部门）", &[&c.departments])}</th>
                <td class="num" data-testid="county-forms">{t_.rows.len()}</td>
                <td></td>
                <td class="num">{fmt_num(t_.budget_sum)}</td>
                <td class="num">{fmt_num(t_.executed_sum)}</td>
                <td class="num">{opt(t_.rate, fmt_pct)}</td>
                <td class="num">{opt(t_.average, fmt2)}</td>
                <td class="num" data-testid="county-weighted">{opt(t_.weighted_average, fmt2)}</td>
                <td class="num grades">{grades(t_)}</td>
                <td class="num">{t_.rows.iter().filter(|r| r.departs()).count()}</td>
                <td class="num">{t_.rows.iter().map(|r| r.missing_reasons).sum::<usize>()}</td>
                <td class="num">{t_.rows.iter().filter(|r| r.over_achievements > 0).count()}</td>
                <td class="num">{t_.rows.iter().filter(|r| r.reviewed).count()}</td>
                <td class="no-print"></td>
            </tr>
        }
    };

    let year_options = move || {
        all_years
            .get()
            .into_iter()
            .map(|y| {
                let label = if y.is_empty() {
                    t("（未填年度）").to_string()
                } else {
                    tf("{}年", &[&y])
                };
                let selected = y == year.get_untracked();
                view! { <option value=y selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let filter_options = FormFilter::ALL
        .into_iter()
        .map(|f| view! { <option value=f.key()>{t(f.label())}</option> })
        .collect_view();

    view! {
        <section class="county" data-testid="county">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>{t("← 返回评价列表")}</button>
                <button data-testid="county-csv" on:click=export_csv>{t("导出CSV")}</button>
                <button data-testid="county-xlsx" on:click=export_xlsx>{t("导出Excel")}</button>
                <button on:click=move |_| print_page()>{t("打印")}</button>
            </div>
            <h2 class="form-title">
                {move || {
                    let y = year.get();
                    if y.is_empty() { t("项目支出绩效自评全县汇总").to_string() } else { tf("{}年度项目支出绩效自评全县汇总", &[&y]) }
                }}
            </h2>
            <div class="county-tools no-print">
                <label>
                    {t("年度")}
                    <select data-testid="county-year" on:change=move |ev| {
                        chosen.set(event_target_value(&ev));
                        open.set(BTreeSet::new());
                    }>{year_options}</select>
                </label>
                <label>
                    {t("筛选")}
                    <select data-testid="county-filter" on:change=move |ev| {
                        filter.set(FormFilter::from_key(&event_target_value(&ev)));
                    }>{filter_options}</select>
                </label>
                <input
                    type="search"
                    data-testid="county-search"
                    placeholder=t("按主管部门查找")
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <span class="sub" data-testid="county-count">
                    {move || view_of.with(|c| tf("列出{}个部门，共{}个", &[&c.lines.len(), &c.departments]))}
                </span>
            </div>
            <table class="form county-table">
                <thead>
                    <tr>
                        {header(t("主管部门"), SortKey::Department)}
                        {header(t("项目自评表（份）"), SortKey::Forms)}
                        <th>{t("部门整体自评表")}</th>
                        {header(t("全年预算数（万元）"), SortKey::Budget)}
                        {header(t("全年执行数（万元）"), SortKey::Executed)}
                        {header(t("执行率"), SortKey::Rate)}
                        {header(t("平均分"), SortKey::Average)}
                        {header(t("预算加权平均分"), SortKey::Weighted)}
                        {header(t("优／良／中／差"), SortKey::Poor)}
                        {header(t("与规则不一致"), SortKey::Departing)}
                        {header(t("缺偏差原因"), SortKey::MissingReasons)}
                        {header(t("超额完成"), SortKey::OverAchieving)}
                        {header(t("已复核"), SortKey::Reviewed)}
                        <th class="no-print"></th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>{footer}</tfoot>
            </table>
            <p class="sub">{t("预算加权平均分 = Σ（总分 × 全年预算数）÷ Σ 全年预算数；“与规则不一致”指自评总分与按规则计算的总分不同的表；合计行为全县全部项目，不受筛选影响。")}</p>
            {move || history.get().map(|h| view! { <HistoryPanel app=app history=h close=move || history.set(None) /> })}
        </section>
    }
}

fn filter_note(f: FormFilter) -> Option<String> {
    (f != FormFilter::All).then(|| t(f.label()).to_string())
}

fn grades(s: &Summary) -> String {
    s.grades
        .iter()
        .map(|(_, n)| n.to_string())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A form's line under its department: opens the form; its own years.
fn form_line(app: AppState, r: SummaryRow, history: RwSignal<Option<History>>) -> impl IntoView {
    let route = Route::Edit(r.id.clone());
    let name = if r.project_name.trim().is_empty() {
        t("（未命名项目）").to_string()
    } else {
        r.project_name.clone()
    };
    let (dept, project) = (r.department.clone(), r.project_name.clone());
    view! {
        <tr class="county-form" data-id=r.id.clone()>
            <td class="indent">
                {route_link(app, route.clone(), Some("open"), None, name)}
            </td>
            <td></td>
            <td></td>
            <td class="num">{opt(r.annual_budget, fmt_num)}</td>
            <td class="num">{opt(r.executed, fmt_num)}</td>
            <td class="num">{opt(r.rate, fmt_pct)}</td>
            <td class="num" colspan="2">
                {tf("自评 {}，规则 {}", &[&fmt2(r.total), &fmt2(r.rule_total)])}
                {r.review.map(|(total, _)| tf("，复核 {}", &[&fmt2(total)]))}
            </td>
            <td>
                {t(r.grade.name_zh())}
                {r.review.map(|(_, g)| tf("（复核：{}）", &[&t(g.name_zh())]))}
            </td>
            <td class="num" class:flag=r.departs()>{if r.departs() { t("不一致") } else { "" }}</td>
            <td class="num" class:flag={r.missing_reasons > 0}>{r.missing_reasons}</td>
            <td class="num" class:flag={r.over_achievements > 0}>{r.over_achievements}</td>
            <td>{if r.reviewed { t("已复核") } else { "" }}</td>
            <td class="no-print">
                <button on:click=move |_| history.set(Some(History::Project(dept.clone(), project.clone())))>{t("历年")}</button>
            </td>
        </tr>
    }
}

/// A department's or a project's years side by side.
#[component]
fn HistoryPanel(app: AppState, history: History, close: impl Fn() + 'static) -> impl IntoView {
    let title = match &history {
        History::Department(d) => tf("{} 历年对比", &[&department_name(d)]),
        History::Project(d, p) => tf("{} · {} 历年对比", &[&department_name(d), p]),
    };
    // every year's rows of this department (only its forms are assessed)
    let dept = match &history {
        History::Department(d) | History::Project(d, _) => squeezed(d),
    };
    let rows: Vec<SummaryRow> = app.evals.with_untracked(|v| {
        v.iter()
            .filter(|e| e.doc.with_untracked(|d| squeezed(&d.department) == dept))
            .map(|e| e.row.get_untracked())
            .collect()
    });
    let body = match &history {
        History::Department(d) => department_years(&rows, d)
            .into_iter()
            .map(|(y, s)| {
                let key = GroupKey {
                    department: s
                        .rows
                        .first()
                        .map(|r| r.department.clone())
                        .unwrap_or_default(),
                    year: y.clone(),
                };
                let route = Route::Summary {
                    department: key.department,
                    year: key.year,
                };
                view! {
                    <tr>
                        <td>{route_link(app, route, None, None, y)}</td>
                        <td class="num">{s.rows.len()}</td>
                        <td class="num">{fmt_num(s.budget_sum)}</td>
                        <td class="num">{opt(s.rate, fmt_pct)}</td>
                        <td class="num">{opt(s.average, fmt2)}</td>
                        <td class="num">{opt(s.weighted_average, fmt2)}</td>
                        <td class="num">{grades(&s)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any(),
        History::Project(d, p) => project_years(&rows, d, p)
            .into_iter()
            .map(|r| {
                view! {
                    <tr>
                        <td>{r.year.clone()}</td>
                        <td class="num">{1}</td>
                        <td class="num">{opt(r.annual_budget, fmt_num)}</td>
                        <td class="num">{opt(r.rate, fmt_pct)}</td>
                        <td class="num">{fmt2(r.total)}</td>
                        <td class="num">{fmt2(r.rule_total)}</td>
                        <td>{t(r.grade.name_zh())}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any(),
    };
    let is_project = matches!(history, History::Project(..));
    view! {
        <div class="history" data-testid="county-history">
            <h3>{title}</h3>
            <table class="form">
                <thead>
                    <tr>
                        <th>{t("年度")}</th>
                        <th>{t("项目自评表（份）")}</th>
                        <th>{t("全年预算数（万元）")}</th>
                        <th>{t("执行率")}</th>
                        <th>{if is_project { t("总分") } else { t("平均分") }}</th>
                        <th>{if is_project { t("规则总分") } else { t("预算加权平均分") }}</th>
                        <th>{if is_project { t("等级") } else { t("优／良／中／差") }}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            <button class="no-print" on:click=move |_| close()>{t("关闭")}</button>
        </div>
    }
}
