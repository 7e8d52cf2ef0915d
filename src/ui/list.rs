//! The list of evaluations: create, open, delete (asks first), load the built-in examples.

use super::state::{AppState, DeptEntry, EvalEntry, Route};
use crate::model::DepartmentEvaluation;
use crate::rules::{assess, num::fmt2};
use crate::samples::{department_sample, SAMPLES};
use crate::summary::groups;
use leptos::prelude::*;

#[component]
pub fn EvaluationList(app: AppState) -> impl IntoView {
    let create = move |_| {
        let id = app.create();
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
    view! {
        <section class="list">
            <div class="list-actions">
                <button class="primary" data-testid="new-evaluation" on:click=create>"＋ 新建项目支出绩效自评表"</button>
                <div class="samples">
                    <span class="sub">"载入示例（衡山县商务和粮食局2022年）："</span>
                    {samples}
                </div>
            </div>
            <DepartmentSection app=app />
            <SummaryLinks app=app />
            <h3>"项目支出绩效自评表"</h3>
            <Show
                when=move || app.evals.with(|v| !v.is_empty())
                fallback=|| view! { <p class="empty">"还没有自评表。新建一份，或载入一个示例看看。"</p> }
            >
                <table class="eval-list">
                    <thead>
                        <tr>
                            <th>"项目名称"</th>
                            <th>"年度"</th>
                            <th>"主管部门"</th>
                            <th>"实施单位"</th>
                            <th>"总分"</th>
                            <th>"等级"</th>
                            <th>"错误／警告"</th>
                            <th>"操作"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || app.evals.get()
                            key=|e| e.id.clone()
                            children=move |entry: EvalEntry| view! { <ListRow app=app entry=entry /> }
                        />
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

#[component]
fn ListRow(app: AppState, entry: EvalEntry) -> impl IntoView {
    let doc = entry.doc;
    // each row has its own memo: editing one evaluation recomputes only its row
    let figures = Memo::new(move |_| {
        doc.with(|e| {
            let a = assess(e);
            let c = a.counts();
            (fmt2(a.total), a.grade.name_zh(), c.errors, c.warnings)
        })
    });
    let confirming = RwSignal::new(false);
    let open_id = entry.id.clone();
    let del_id = entry.id.clone();
    let title = move || {
        doc.with(|e| {
            if e.project_name.trim().is_empty() {
                "（未命名项目）".to_string()
            } else {
                e.project_name.clone()
            }
        })
    };
    view! {
        <tr data-id=entry.id.clone()>
            <td>
                <a href=format!("#/e/{}", entry.id) class="open" on:click=move |ev| {
                    ev.prevent_default();
                    app.navigate(Route::Edit(open_id.clone()));
                }>{title}</a>
            </td>
            <td>{move || doc.with(|e| e.year.clone())}</td>
            <td>{move || doc.with(|e| e.department.clone())}</td>
            <td>{move || doc.with(|e| e.implementing_unit.clone())}</td>
            <td class="num" data-testid="list-total">{move || figures.with(|f| f.0.clone())}</td>
            <td>{move || figures.with(|f| f.1)}</td>
            <td class:has-errors=move || figures.with(|f| f.2 > 0)>
                {move || figures.with(|f| format!("{} ／ {}", f.2, f.3))}
            </td>
            <td class="actions">
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button class="small danger" on:click=move |_| confirming.set(true)>"删除"</button>
                    }
                >
                    {
                        let del_id = del_id.clone();
                        view! {
                            <span class="confirm">
                                "确定删除？"
                                <button class="small danger" data-testid="confirm-delete" on:click=move |_| app.delete(&del_id)>"确认删除"</button>
                                <button class="small" on:click=move |_| confirming.set(false)>"取消"</button>
                            </span>
                        }
                    }
                </Show>
            </td>
        </tr>
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
        <h3>"部门整体支出绩效自评表"</h3>
        <div class="list-actions">
            <button data-testid="new-department" on:click=create>"＋ 新建部门整体支出自评表"</button>
            <button class="sample" data-sample="sample-dept" on:click=sample>"载入示例：衡山县商务和粮食局2022年部门整体支出"</button>
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
                                <a href=Route::Department(id.clone()).to_hash() class="open-dept" on:click=move |ev| {
                                    ev.prevent_default();
                                    app.navigate(Route::Department(id.clone()));
                                }>
                                    {move || doc.with(|d| {
                                        let name = if d.department.trim().is_empty() { "（未填部门）" } else { d.department.trim() };
                                        format!("{} · {}年度", name, d.year.trim())
                                    })}
                                </a>
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

/// Links to the 汇总表 of each department and year that has project forms.
#[component]
fn SummaryLinks(app: AppState) -> impl IntoView {
    let groups = Memo::new(move |_| {
        app.evals.with(|v| {
            let docs: Vec<_> = v.iter().map(|e| e.doc.get()).collect();
            groups(&docs)
        })
    });
    view! {
        <Show when=move || groups.with(|g| !g.is_empty())>
            <h3>"项目汇总表"</h3>
            <ul class="summary-links">
                {move || {
                    groups
                        .get()
                        .into_iter()
                        .map(|(k, n)| {
                            let route = Route::Summary { department: k.department.clone(), year: k.year.clone() };
                            let href = route.to_hash();
                            view! {
                                <li>
                                    <a href=href class="open-summary" on:click=move |ev| {
                                        ev.prevent_default();
                                        app.navigate(route.clone());
                                    }>{format!("{}（{}个项目）", k.label_zh(), n)}</a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
