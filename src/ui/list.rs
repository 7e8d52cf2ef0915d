//! The list of evaluations: create, open, delete (asks first), load the built-in examples.

use super::editor::report;
use super::exchange::{export_group_csv, export_group_json, export_selection_json, ImportPanel};
use super::office_export::{start_export, OfficeExport};
use super::state::{AppState, DeptEntry, EvalEntry, Route};
use super::widgets::group_label;
use super::widgets::route_link;
use crate::i18n::{t, tf};
use crate::model::DepartmentEvaluation;
use crate::rules::num::fmt2;
use crate::samples::{department_sample, SAMPLES};
use crate::summary::GroupKey;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// How the project list is sorted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Updated,
    Name,
    Score,
    Grade,
}

impl SortBy {
    fn from_key(k: &str) -> SortBy {
        match k {
            "name" => SortBy::Name,
            "score" => SortBy::Score,
            "grade" => SortBy::Grade,
            _ => SortBy::Updated,
        }
    }
}

#[component]
pub fn EvaluationList(app: AppState) -> impl IntoView {
    let template = RwSignal::new(super::template::remembered());
    let create = move |_| {
        let id = app.create(template.get_untracked());
        app.navigate(Route::Edit(id));
    };
    let samples = SAMPLES
        .iter()
        .map(|s| {
            view! {
                <button
                    class="sample"
                    data-sample=s.key
                    on:click=move |_| {
                        let id = app.add_sample(s);
                        app.navigate(Route::Edit(id));
                    }
                >
                    {s.title}
                </button>
            }
        })
        .collect_view();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Updated);
    let selected: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let chosen = move || {
        let ids = selected.get_untracked();
        app.evals.with_untracked(|v| {
            v.iter()
                .filter(|e| ids.contains(&e.id))
                .map(|e| e.doc.get_untracked())
                .collect::<Vec<_>>()
        })
    };
    let everything = move || {
        let evals = app
            .evals
            .with_untracked(|v| v.iter().map(|e| e.doc.get_untracked()).collect::<Vec<_>>());
        let depts = app
            .depts
            .with_untracked(|v| v.iter().map(|d| d.doc.get_untracked()).collect::<Vec<_>>());
        (evals, depts)
    };
    let export_selected = move |_| report(export_selection_json(chosen(), Vec::new()));
    let export_selected_xlsx =
        move |_| start_export(app, OfficeExport::Workbook, chosen(), Vec::new());
    let export_all = move |_| {
        let (evals, depts) = everything();
        report(export_selection_json(evals, depts));
    };
    let export_all_xlsx = move |_| {
        let (evals, depts) = everything();
        start_export(app, OfficeExport::Workbook, evals, depts);
    };
    // department-year groups of the matching evaluations, each sorted; ids only, so typing in a
    // form does not rebuild the list (the rows read their own memos)
    let grouped = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let sort = sort.get();
        let mut items: Vec<(GroupKey, String, String, u64, rust_decimal::Decimal, u8)> =
            app.evals.with(|v| {
                v.iter()
                    .filter_map(|e| {
                        e.doc.with(|d| {
                            let hay = format!(
                                "{} {} {} {}",
                                d.project_name, d.department, d.implementing_unit, d.year
                            )
                            .to_lowercase();
                            if !q.is_empty() && !hay.contains(&q) {
                                return None;
                            }
                            let (total, grade) = if matches!(sort, SortBy::Score | SortBy::Grade) {
                                e.row.with(|r| (r.total, grade_rank(r.grade)))
                            } else {
                                (rust_decimal::Decimal::ZERO, 0)
                            };
                            Some((
                                GroupKey::of(d),
                                e.id.clone(),
                                d.project_name.clone(),
                                d.updated_at,
                                total,
                                grade,
                            ))
                        })
                    })
                    .collect()
            });
        items.sort_by(|a, b| {
            let by = match sort {
                SortBy::Updated => b.3.cmp(&a.3),
                SortBy::Name => a.2.cmp(&b.2),
                SortBy::Score => b.4.cmp(&a.4),
                SortBy::Grade => a.5.cmp(&b.5).then(b.4.cmp(&a.4)),
            };
            b.0.year
                .cmp(&a.0.year)
                .then(a.0.department.cmp(&b.0.department))
                .then(by)
        });
        let mut groups: Vec<(GroupKey, Vec<String>)> = Vec::new();
        for (k, id, ..) in items {
            match groups.last_mut() {
                Some((g, ids)) if *g == k => ids.push(id),
                _ => groups.push((k, vec![id])),
            }
        }
        groups
    });
    view! {
        <section class="list">
            <div class="list-actions">
                <button class="primary" data-testid="new-evaluation" on:click=create>
                    {move || if template.get().is_department() { t("＋ 新建部门整体支出绩效自评表") } else { t("＋ 新建项目支出绩效自评表") }}
                </button>
                <super::template::NewFormTemplate choice=template />
                <div class="samples">
                    <span class="sub">{t("载入示例（衡山县商务和粮食局2022年）：")}</span>
                    {samples}
                </div>
            </div>
            <ImportPanel app=app />
            <DepartmentSection app=app />
            <h3>{t("项目支出绩效自评表")}</h3>
            <Show
                when=move || app.evals.with(|v| !v.is_empty())
                fallback=|| view! { <p class="empty">{t("还没有自评表。新建一份，或载入一个示例看看。")}</p> }
            >
                <div class="list-tools">
                    <input
                        type="search"
                        class="search"
                        placeholder=t("搜索项目名称、部门、实施单位、年度")
                        aria-label=t("搜索")
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <button
                        data-testid="export-selected"
                        disabled=move || selected.with(BTreeSet::is_empty)
                        on:click=export_selected
                    >
                        {move || tf("导出所选（{}份）", &[&selected.with(BTreeSet::len)])}
                    </button>
                    <button
                        data-testid="export-selected-xlsx"
                        disabled=move || selected.with(BTreeSet::is_empty)
                        on:click=export_selected_xlsx
                    >
                        {t("所选导出Excel")}
                    </button>
                    <button data-testid="export-all" on:click=export_all>{t("导出全部（JSON）")}</button>
                    <button data-testid="export-all-xlsx" on:click=export_all_xlsx>{t("全部导出Excel")}</button>
                    <label>
                        {t("排序：")}
                        <select aria-label=t("排序") on:change=move |ev| sort.set(SortBy::from_key(&event_target_value(&ev)))>
                            <option value="updated">{t("最近修改")}</option>
                            <option value="name">{t("项目名称")}</option>
                            <option value="score">{t("总分")}</option>
                            <option value="grade">{t("等级")}</option>
                        </select>
                    </label>
                </div>
                {move || {
                    let groups = grouped.get();
                    let folded = groups.iter().map(|(_, ids)| ids.len()).sum::<usize>() > FOLD_ABOVE;
                    groups
                        .into_iter()
                        .map(|(k, ids)| view! { <GroupTable app=app key=k ids=ids selected=selected folded=folded /> })
                        .collect_view()
                }}
            </Show>
            <TrashSection app=app />
        </section>
    }
}

/// Above this many forms in the list (a finance bureau's county, several years) the groups start
/// folded: the page shows each department-year with its count, and builds (and assesses) a
/// group's rows when it is opened. Below it every row shows at once, as a department has it.
const FOLD_ABOVE: usize = 500;

fn grade_rank(g: crate::rules::Grade) -> u8 {
    match g {
        crate::rules::Grade::Excellent => 0,
        crate::rules::Grade::Good => 1,
        crate::rules::Grade::Fair => 2,
        crate::rules::Grade::Poor => 3,
    }
}

/// The evaluations of one department and year.
#[component]
fn GroupTable(
    app: AppState,
    key: GroupKey,
    ids: Vec<String>,
    selected: RwSignal<BTreeSet<String>>,
    /// Start folded (a large workspace); the head then has a button to open the group.
    folded: bool,
) -> impl IntoView {
    let open = RwSignal::new(!folded);
    let (k1, k2, k3, k4, k5) = (
        key.clone(),
        key.clone(),
        key.clone(),
        key.clone(),
        key.clone(),
    );
    let route = Route::Summary {
        department: key.department.clone(),
        year: key.year.clone(),
    };
    // the department's own form is not one of its projects
    let n = ids
        .iter()
        .filter(|id| {
            app.entry(id)
                .is_some_and(|e| e.doc.with_untracked(|e| !e.template.is_department()))
        })
        .count();
    // built when the group is open: a folded group costs neither its rows nor their scores
    let rows = move || {
        open.get().then(|| {
            ids.iter()
                .filter_map(|id| app.entry(id))
                .map(|entry| view! { <ListRow app=app entry=entry selected=selected /> })
                .collect_view()
        })
    };
    view! {
        <div class="group">
            <h4 class="group-head">
                {group_label(&key)}
                <span class="sub">{tf("（{}个项目）", &[&n])}</span>
                {folded.then(|| view! {
                    <button
                        class="small fold"
                        data-testid="group-fold"
                        aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        {move || if open.get() { t("收起") } else { t("展开") }}
                    </button>
                })}
                {route_link(app, route, Some("open-summary"), None, t("汇总表 →"))}
                <span class="group-actions">
                    <button class="small" on:click=move |_| report(export_group_json(&k1.department, &k1.year, app.group_evaluations(&k1), app.group_departments(&k1)))>{t("导出本部门本年度（JSON）")}</button>
                    <button class="small" on:click=move |_| report(export_group_csv(&k2.department, &k2.year, &app.group_evaluations(&k2), false))>{t("汇总表CSV")}</button>
                    <button class="small" on:click=move |_| report(export_group_csv(&k3.department, &k3.year, &app.group_evaluations(&k3), true))>{t("指标明细CSV")}</button>
                    <button class="small" data-testid="group-xlsx" on:click=move |_| start_export(app, OfficeExport::Workbook, app.group_evaluations(&k4), app.group_departments(&k4))>{t("导出Excel")}</button>
                    <button class="small" data-testid="group-report" on:click=move |_| start_export(app, OfficeExport::Report, app.group_evaluations(&k5), app.group_departments(&k5))>{t("导出Word报告")}</button>
                </span>
            </h4>
            <table class="eval-list" class:folded=move || !open.get()>
                <thead>
                    <tr>
                        <th class="select"></th>
                        <th>{t("项目名称")}</th>
                        <th>{t("实施单位")}</th>
                        <th>{t("总分")}</th>
                        <th>{t("等级")}</th>
                        <th>{t("错误／警告")}</th>
                        <th>{t("操作")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn ListRow(app: AppState, entry: EvalEntry, selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let sel_id = entry.id.clone();
    let sel_id2 = entry.id.clone();
    let doc = entry.doc;
    let row = entry.row;
    let confirming = RwSignal::new(false);
    let del_id = entry.id.clone();
    let dup_id = entry.id.clone();
    let title = move || {
        doc.with(|e| {
            if e.template.is_department() {
                // the department's own form, beside its projects
                t(crate::templates::template(e.template).title_zh).to_string()
            } else if e.project_name.trim().is_empty() {
                t("（未命名项目）").to_string()
            } else {
                e.project_name.clone()
            }
        })
    };
    view! {
        <tr data-id=entry.id.clone()>
            <td class="select">
                <input
                    type="checkbox"
                    aria-label=t("选择")
                    prop:checked=move || selected.with(|s| s.contains(&sel_id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            if on {
                                s.insert(sel_id2.clone());
                            } else {
                                s.remove(&sel_id2);
                            }
                        });
                    }
                />
            </td>
            <td>
                {route_link(app, Route::Edit(entry.id.clone()), Some("open"), None, title)}
            </td>
            <td>{move || doc.with(|e| e.implementing_unit.clone())}</td>
            <td class="num" data-testid="list-total">{move || row.with(|r| fmt2(r.total))}</td>
            <td>{move || row.with(|r| t(r.grade.name_zh()))}</td>
            <td class:has-errors=move || row.with(|r| r.errors > 0) data-testid="list-errors">
                {move || row.with(|r| tf("{} ／ {}", &[&r.errors, &r.warnings]))}
            </td>
            <td class="actions">
                <button
                    class="small"
                    title=t("复制为下一年度的自评表（清空实际完成值、执行数和得分）")
                    on:click=move |_| {
                        if let Some(id) = app.duplicate_for_next_year(&dup_id) {
                            app.navigate(Route::Edit(id));
                        }
                    }
                >
                    {t("复制为下一年")}
                </button>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button class="small danger" on:click=move |_| confirming.set(true)>{t("删除")}</button>
                    }
                >
                    {
                        let del_id = del_id.clone();
                        view! {
                            <span class="confirm">
                                {t("移到回收站？")}
                                <button class="small danger" data-testid="confirm-delete" on:click=move |_| app.delete(&del_id)>{t("确认删除")}</button>
                                <button class="small" on:click=move |_| confirming.set(false)>{t("取消")}</button>
                            </span>
                        }
                    }
                </Show>
            </td>
        </tr>
    }
}

/// 回收站: deleted evaluations, restorable until emptied.
#[component]
fn TrashSection(app: AppState) -> impl IntoView {
    let confirming = RwSignal::new(false);
    view! {
        <Show when=move || app.trash.with(|t| !t.is_empty())>
            <details class="trash" data-testid="trash">
                <summary>{move || tf("回收站（{}）", &[&app.trash.with(Vec::len)])}</summary>
                <ul>
                    {move || {
                        app.trash
                            .get()
                            .into_iter()
                            .map(|item| {
                                let id = item.evaluation.id.clone();
                                view! {
                                    <li>
                                        {tf("{} · {}年", &[&item.evaluation.project_name, &item.evaluation.year])}
                                        <button class="small" on:click=move |_| app.restore(&id)>{t("恢复")}</button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! { <button class="small danger" on:click=move |_| confirming.set(true)>{t("清空回收站")}</button> }
                >
                    <span class="confirm">
                        {t("清空后无法恢复，确定？")}
                        <button class="small danger" on:click=move |_| { app.empty_trash(); confirming.set(false); }>{t("确认清空")}</button>
                        <button class="small" on:click=move |_| confirming.set(false)>{t("取消")}</button>
                    </span>
                </Show>
            </details>
        </Show>
    }
}

/// 部门整体支出绩效自评表: one per department and year.
#[component]
fn DepartmentSection(app: AppState) -> impl IntoView {
    let create = move |_| {
        let id = app.insert_department(DepartmentEvaluation::default());
        app.navigate(Route::Department(id));
    };
    let sample = move |_| {
        let id = app.insert_department(department_sample());
        app.navigate(Route::Department(id));
    };
    view! {
        <h3>{t("部门整体支出基础数据（预决算、“三公”经费、资产、人员）")}</h3>
        <div class="list-actions">
            <button data-testid="new-department" on:click=create>{t("＋ 新建部门整体支出基础数据")}</button>
            <button class="sample" data-sample="sample-dept" on:click=sample>{t("载入示例：衡山县商务和粮食局2022年部门整体支出")}</button>
        </div>
        <Show when=move || app.depts.with(|v| !v.is_empty())>
            <ul class="dept-list">
                <For
                    each=move || app.depts.get()
                    key=|d| d.id.clone()
                    children=move |d: DeptEntry| {
                        let doc = d.doc;
                        let id = d.id.clone();
                        view! {
                            <li>
                                {route_link(app, Route::Department(id.clone()), Some("open-dept"), None,
                                    move || doc.with(|d| {
                                        let name = if d.department.trim().is_empty() { t("（未填部门）") } else { d.department.trim() };
                                        tf("{} · {}年度", &[&name, &d.year.trim()])
                                    }))}
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}
