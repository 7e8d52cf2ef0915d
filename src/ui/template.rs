//! Templates in the page: the choice for a new form, the change of a form's template with its
//! preview, and the target in three columns. What each template is lives in
//! `crate::templates`; these views only read it.

use super::state::AppState;
use super::widgets::{field_dom_id, notes_of, RowView};
use crate::i18n::{lang, t, tf};
use crate::model::{Evaluation, FormKind, TemplateId};
use crate::rules::{Field, IndicatorField};
use crate::templates::{
    department, join_target, preview_switch, split_target, template, SplitTarget,
    QUALITATIVE_NATURE,
};
use leptos::prelude::*;

const TEMPLATE_KEY: &str = "ziping:template";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The template the clerk chose last for a new form (a department keeps to its province's).
pub fn remembered() -> TemplateId {
    storage()
        .and_then(|s| s.get_item(TEMPLATE_KEY).ok().flatten())
        .and_then(|k| TemplateId::from_key(&k))
        .unwrap_or_default()
}

fn remember(id: TemplateId) {
    if let Some(s) = storage() {
        // not being able to remember the choice is no reason to stop
        let _ = s.set_item(TEMPLATE_KEY, id.key());
    }
}

/// The templates as options: project forms and department forms in their own groups; `kind`
/// keeps to one (a form changes its layout, not what it evaluates).
fn options(
    selected: impl Fn() -> TemplateId + Copy + Send + Sync + 'static,
    kind: Option<FormKind>,
) -> impl IntoView {
    [
        (FormKind::Project, t("项目支出绩效自评表")),
        (FormKind::Department, t("部门整体支出绩效自评表")),
    ]
    .into_iter()
    .filter(move |(k, _)| kind.is_none_or(|x| x == *k))
    .map(move |(k, label)| {
        let items = TemplateId::ALL
            .into_iter()
            .filter(|id| id.kind() == k)
            .map(|id| {
                view! {
                    <option value=id.key() selected=move || selected() == id>
                        {template(id).name(lang())}
                    </option>
                }
            })
            .collect_view();
        view! { <optgroup label=label>{items}</optgroup> }
    })
    .collect_view()
}

/// The template of the next new form, beside the 新建 button.
#[component]
pub fn NewFormTemplate(choice: RwSignal<TemplateId>) -> impl IntoView {
    view! {
        <label class="template-choice">
            {t("表样")}
            <select
                data-testid="new-template"
                aria-label=t("新建表的表样")
                prop:value=move || choice.get().key()
                on:change=move |ev| {
                    if let Some(id) = TemplateId::from_key(&event_target_value(&ev)) {
                        remember(id);
                        choice.set(id);
                    }
                }
            >
                {options(move || choice.get(), None)}
            </select>
        </label>
    }
}

/// The form's template in its header: a choice, and before anything changes, what the change
/// would do (weights that follow the template, scores under the new rules, the layout).
#[component]
pub fn TemplateRow(app: AppState, doc: RwSignal<Evaluation>) -> impl IntoView {
    let current = Memo::new(move |_| doc.with(|e| e.template));
    let pending: RwSignal<Option<TemplateId>> = RwSignal::new(None);
    let preview = Memo::new(move |_| {
        pending
            .get()
            .map(|to| doc.with(|e| preview_switch(e, to).notes))
    });
    let confirm = move |_| {
        if let Some(to) = pending.get_untracked() {
            app.edit(doc, |e| *e = preview_switch(e, to).form);
            pending.set(None);
        }
    };
    view! {
        // not on the paper form: the printed form shows its template by its layout
        <tr class="template-row no-print">
            <th>{t("表样")}</th>
            <td colspan="5">
                <select
                    data-testid="template-select"
                    class="no-print"
                    aria-label=t("表样")
                    prop:value=move || pending.get().unwrap_or_else(|| current.get()).key()
                    on:change=move |ev| {
                        let to = TemplateId::from_key(&event_target_value(&ev));
                        pending.set(to.filter(|to| *to != current.get_untracked()));
                    }
                >
                    {options(move || pending.get().unwrap_or_else(|| current.get()), Some(current.get_untracked().kind()))}
                </select>
                <span class="print-only">{move || template(current.get()).name(lang())}</span>
                <div class="sub template-basis">
                    {move || {
                        template(current.get()).basis(lang())
                    }}
                </div>
                {move || {
                    preview
                        .get()
                        .map(|notes| {
                            let lines = if notes.is_empty() {
                                vec![view! { <li>{t("两种表样的规则和版式相同，所填内容不变")}</li> }.into_any()]
                            } else {
                                notes
                                    .into_iter()
                                    .map(|n| {
                                        let text = match lang() {
                                            crate::i18n::Lang::Zh => n.zh,
                                            crate::i18n::Lang::En => n.en,
                                        };
                                        view! { <li>{text}</li> }.into_any()
                                    })
                                    .collect()
                            };
                            view! {
                                <div class="template-preview no-print" data-testid="template-preview" role="dialog">
                                    <p>{t("更换表样将有以下变化（所填内容均保留）：")}</p>
                                    <ul>{lines}</ul>
                                    <button class="primary" data-testid="template-confirm" on:click=confirm>{t("确定更换")}</button>
                                    " "
                                    <button data-testid="template-cancel" on:click=move |_| pending.set(None)>{t("取消")}</button>
                                </div>
                            }
                        })
                }}
            </td>
        </tr>
    }
}

const NATURES: [&str; 7] = ["", "≥", ">", "=", "≤", "<", QUALITATIVE_NATURE];

/// Writes a change of the cells back into the row's target.
type WriteParts = dyn Fn(&dyn Fn(&mut SplitTarget)) + Send + Sync;

/// The target of a row in several cells over the one target text: 指标性质 | 指标值 | 度量单位
/// (云南, 四川), or the value with its operator and 计量单位 apart (重庆). Each cell writes the
/// whole target back.
pub struct TargetCells {
    parts: RwSignal<SplitTarget>,
    write: std::sync::Arc<WriteParts>,
    mine: Memo<Vec<crate::rules::Diagnostic>>,
    dom_id: String,
    /// Whether the operator has a cell of its own (else the value cell holds it).
    with_operator: bool,
}

impl TargetCells {
    pub fn new(
        app: AppState,
        doc: RwSignal<Evaluation>,
        rv: RowView,
        id: String,
        with_operator: bool,
    ) -> TargetCells {
        let target = rv.value(IndicatorField::Target);
        let split = move |t: &str| {
            let p = split_target(t);
            if with_operator {
                p
            } else {
                // the operator stays with the value: ≥95 | %
                SplitTarget {
                    nature: String::new(),
                    value: join_target(&p.nature, &p.value, ""),
                    unit: p.unit,
                }
            }
        };
        // the cells as typed: a cell left empty while typing (≥ | | %) must not make the others
        // jump, so they are re-read from the target only when it changes from elsewhere
        let parts = RwSignal::new(target.with_untracked(|t| split(t)));
        Effect::new(move |_| {
            let now = target.get();
            let shown = parts.with_untracked(|p| join_target(&p.nature, &p.value, &p.unit));
            if shown != now {
                parts.set(split(&now));
            }
        });
        let field = Field::Indicator(id.clone(), IndicatorField::Target);
        let mine = rv.field_diags(field.clone());
        let dom_id = field_dom_id(&field);
        let write = move |change: &dyn Fn(&mut SplitTarget)| {
            parts.update(|p| {
                change(p);
                // a text value is 定性, a number is not: follow what was typed unless an
                // operator was chosen
                if with_operator
                    && (p.nature.is_empty() || p.nature == QUALITATIVE_NATURE)
                    && !p.value.is_empty()
                {
                    let text = split_target(&p.value).nature == QUALITATIVE_NATURE;
                    p.nature = if text {
                        QUALITATIVE_NATURE.into()
                    } else {
                        String::new()
                    };
                }
            });
            let text = parts.with_untracked(|p| join_target(&p.nature, &p.value, &p.unit));
            let row = id.clone();
            app.edit(doc, move |e| {
                if let Some(i) = e.indicator_mut(&row) {
                    i.target = text;
                }
            });
        };
        TargetCells {
            parts,
            write: std::sync::Arc::new(write),
            mine,
            dom_id,
            with_operator,
        }
    }

    /// 指标性质: ≥ ≤ = 定性 …
    pub fn operator(&self) -> AnyView {
        let parts = self.parts;
        let w = self.write.clone();
        let natures = move || {
            let now = parts.with(|p| p.nature.clone());
            let mut list: Vec<String> = NATURES.iter().map(|s| s.to_string()).collect();
            // a word a form used (不低于 …) stays selectable as written
            if !list.contains(&now) {
                list.push(now.clone());
            }
            list.into_iter()
                .map(|n| {
                    // 定性 is a word of the page; the signs are the forms' own
                    let shown = if n == QUALITATIVE_NATURE {
                        t(QUALITATIVE_NATURE).to_string()
                    } else {
                        n.clone()
                    };
                    let selected = n == now;
                    view! { <option value=n selected=selected>{shown}</option> }
                })
                .collect_view()
        };
        view! {
            <td class="nature">
                <select
                    class="no-print"
                    aria-label=t("指标性质")
                    data-testid="target-nature"
                    prop:value=move || parts.with(|p| p.nature.clone())
                    on:change=move |ev| {
                        let n = event_target_value(&ev);
                        w(&|p| p.nature = n.clone());
                    }
                >
                    {natures}
                </select>
                <span class="print-only">{move || parts.with(|p| p.nature.clone())}</span>
            </td>
        }
        .into_any()
    }

    /// The value (with its operator where the operator has no cell).
    pub fn value(&self) -> AnyView {
        let w = self.write.clone();
        let label = if self.with_operator {
            t("指标值")
        } else {
            t("年初指标值")
        };
        view! {
            <td class="target">
                {part_input(self.parts, "cell", label, "target-value", Some(self.dom_id.clone()), |p| &mut p.value, move |f| w(f))}
                {notes_of(self.mine)}
            </td>
        }
        .into_any()
    }

    /// 度量单位 / 计量单位
    pub fn unit(&self) -> AnyView {
        let w = self.write.clone();
        view! {
            <td class="unit">
                {part_input(self.parts, "tiny", t("度量单位"), "target-unit", None, |p| &mut p.unit, move |f| w(f))}
            </td>
        }
        .into_any()
    }
}

/// One text cell of a split target: its input, and its text for print.
fn part_input(
    parts: RwSignal<crate::templates::SplitTarget>,
    class: &'static str,
    label: &'static str,
    testid: &'static str,
    dom_id: Option<String>,
    field: fn(&mut crate::templates::SplitTarget) -> &mut String,
    write: impl Fn(&dyn Fn(&mut crate::templates::SplitTarget)) + 'static,
) -> impl IntoView {
    let shown = move || parts.with(|p| field(&mut p.clone()).clone());
    view! {
        <input
            type="text"
            id=dom_id
            class=class
            aria-label=label
            data-testid=testid
            prop:value=shown
            on:input=move |ev| {
                let v = event_target_value(&ev);
                write(&|p| *field(p) = v.clone());
            }
        />
        <span class="print-only">{shown}</span>
    }
}

/// On a department form: the department-year's own figures (RULES.md R7) beside it — which cells
/// they fill, the ones that differ, one click to take them — or, when the department has no
/// figures yet, where to enter them.
#[component]
pub fn DepartmentLink(app: AppState, doc: RwSignal<Evaluation>) -> impl IntoView {
    let is_department = Memo::new(move |_| doc.with(|e| e.template.is_department()));
    // the department form of the same department and year
    let dept = Memo::new(move |_| {
        if !is_department.get() {
            return None;
        }
        doc.with(|e| {
            app.depts.with(|ds| {
                ds.iter()
                    .find(|d| d.doc.with(|d| department::belongs(e, d)))
                    .map(|d| (d.id.clone(), d.doc))
            })
        })
    });
    let links = Memo::new(move |_| {
        dept.get()
            .map(|(_, d)| d.with(|d| doc.with(|e| department::links(e, d))))
            .unwrap_or_default()
    });
    let take = move |_| {
        let l = links.get_untracked();
        app.edit(doc, |e| {
            department::apply(e, &l);
        });
    };
    move || {
        if !is_department.get() {
            return None;
        }
        let Some((dept_id, _)) = dept.get() else {
            return Some(
                view! {
                    <div class="dept-link banner info no-print" data-testid="dept-link">
                        {t("本部门本年度还没有部门整体数据（预决算、“三公”经费、资产、人员）。在列表中新建“部门整体”数据后，本表的资金和共性指标可直接取数。")}
                    </div>
                }
                .into_any(),
            );
        };
        let all = links.get();
        let pending: Vec<_> = all.iter().filter(|l| !l.agrees()).cloned().collect();
        let taken = all.len() - pending.len();
        let lines = pending
            .iter()
            .map(|l| {
                let source = match lang() {
                    crate::i18n::Lang::Zh => l.source_zh,
                    crate::i18n::Lang::En => l.source_en,
                };
                let now = if l.is_blank() {
                    t("未填").to_string()
                } else {
                    l.current.clone()
                };
                let class = if l.is_blank() { "" } else { "differs" };
                view! {
                    <li class=class>{tf("{}：{} → {}（{}）", &[&l.cell_zh, &now, &l.value, &source])}</li>
                }
            })
            .collect_view();
        let open = move |_| app.navigate(super::state::Route::Department(dept_id.clone()));
        Some(
            view! {
                <div class="dept-link no-print" data-testid="dept-link">
                    <p>
                        {tf("与本部门本年度的部门整体数据关联：{}项一致", &[&taken])}
                        " "
                        <button class="link" on:click=open>{t("查看部门整体数据")}</button>
                    </p>
                    {(!pending.is_empty()).then(|| view! {
                        <p>{tf("以下{}项可由部门整体数据填入（与之不同的已标出）：", &[&pending.len()])}</p>
                        <ul>{lines}</ul>
                        <button class="primary" data-testid="take-dept-figures" on:click=take>{t("按部门整体数据填入")}</button>
                    })}
                </div>
            }
            .into_any(),
        )
    }
}
