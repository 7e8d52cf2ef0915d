//! The 项目支出绩效自评表 editor, laid out like the official form.

use super::charts::ScoreChart;
use super::exchange::{export_evaluation_csv, export_evaluation_json};
use super::office_export::{start_export, OfficeExport};
use super::state::{AppState, EvalEntry, Route};
use super::widgets::{
    field_diags, field_dom_id, form_title, header_field, index_diagnostics, indicator_text,
    message, notes, notes_of, text_area, text_input, text_input_bound, Diags, RowFeed, RowView,
};
use crate::i18n::{t, tf};
use crate::model::{
    Evaluation, FundColumn, FundRowKind, IndicatorKind, Level1, Level2, QualitativeTier,
};
use crate::rules::{
    assess, fmt_num, num::fmt2, num::fmt_pct, Assessment, Diagnostic, Field, HeaderField,
    IndicatorField, RuleScore, ScoreSource,
};
use crate::templates::Column;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Editor(app: AppState, entry: EvalEntry) -> impl IntoView {
    let doc = entry.doc;
    let assessment = Memo::new(move |_| doc.with(assess));
    let diags: Diags = Memo::new(move |_| assessment.with(|a| index_diagnostics(&a.diagnostics)));
    // the tables' shape follows the form's template: rebuilt when it changes, not when typing
    let template = Memo::new(move |_| doc.with(|e| e.template));
    view! {
        <section class="editor">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>{t("← 返回评价列表")}</button>
                <SummaryBar assessment=assessment />
                <span class="toolbar-actions">
                    <button data-testid="export-json" on:click=move |_| report(export_evaluation_json(&doc.get_untracked()))>{t("导出JSON")}</button>
                    <button data-testid="export-csv" on:click=move |_| report(export_evaluation_csv(&doc.get_untracked()))>{t("导出CSV")}</button>
                    <button data-testid="export-xlsx" on:click=move |_| start_export(app, OfficeExport::Workbook, vec![doc.get_untracked()], Vec::new())>{t("导出Excel")}</button>
                    <button data-testid="export-docx" on:click=move |_| start_export(app, OfficeExport::Forms, vec![doc.get_untracked()], Vec::new())>{t("导出Word")}</button>
                    <button data-testid="print" on:click=move |_| print_page()>{t("打印")}</button>
                </span>
            </div>
            <h2 class="form-title">
                {move || doc.with(|e| form_title(&e.year, t(crate::templates::template(e.template).title_zh)))}
            </h2>
            <PasteRows app=app doc=doc />
            <div class="form-layout">
                <div class="form-main">
                    {move || {
                        let _shape = template.get();
                        view! { <HeaderTable app=app doc=doc diags=diags /> }
                    }}
                    <super::template::DepartmentLink app=app doc=doc />
                    {move || {
                        let _shape = template.get();
                        view! { <FundTableView app=app doc=doc assessment=assessment diags=diags /> }
                    }}
                    <super::review::FundReview app=app doc=doc diags=diags />
                    {move || {
                        let _shape = template.get();
                        view! { <GoalTable app=app doc=doc /> }
                    }}
                    {move || {
                        let _shape = template.get();
                        view! { <IndicatorTable app=app doc=doc assessment=assessment diags=diags /> }
                    }}
                    <SignOffView app=app doc=doc />
                    <super::review::ReviewBlock app=app doc=doc assessment=assessment />
                    <NoteView app=app doc=doc diags=diags />
                    <h3>{t("得分构成")}</h3>
                    <ScoreChart assessment=assessment />
                </div>
                <DiagnosticsPanel assessment=assessment />
            </div>
        </section>
    }
}

#[component]
fn SummaryBar(assessment: Memo<Assessment>) -> impl IntoView {
    view! {
        <div class="summary-bar" role="status">
            <span class="total">{t("总分 ")} <strong data-testid="total">{move || assessment.with(|a| fmt2(a.total))}</strong></span>
            <span class="grade">{t("等级 ")} <strong data-testid="grade">{move || assessment.with(|a| t(a.grade.name_zh()))}</strong></span>
            <span class="rule-total">{t("规则总分 ")} {move || assessment.with(|a| fmt2(a.rule_total))}</span>
            {super::review::summary_text(assessment)}
            // on a narrow screen the 审核提示 panel sits under the form: the counts lead to it
            <button class="counts link" data-testid="to-diagnostics" on:click=move |_| {
                if let Some(panel) = document().get_element_by_id("diagnostics") {
                    panel.scroll_into_view();
                }
            }>
                {move || {
                    let c = assessment.with(|a| a.counts());
                    tf("错误 {} · 警告 {} · 提示 {}", &[&c.errors, &c.warnings, &c.infos])
                }}
            </button>
        </div>
    }
}

#[component]
fn HeaderTable(app: AppState, doc: RwSignal<Evaluation>, diags: Diags) -> impl IntoView {
    let assessment = diags;
    // a department form names its department and year; a project form its project and units
    let department = doc.with_untracked(|e| e.template.is_department());
    let rows = if department {
        view! {
            <tr>
                <th>{t("部门（单位）名称")}</th>
                <td colspan="3">{header_field(app, doc, assessment, HeaderField::Department)}</td>
                <th>{t("年度")}</th>
                <td>{header_field(app, doc, assessment, HeaderField::Year)}</td>
            </tr>
        }
        .into_any()
    } else {
        view! {
            <tr>
                <th>{t("项目名称")}</th>
                <td colspan="3">{header_field(app, doc, assessment, HeaderField::ProjectName)}</td>
                <th>{t("年度")}</th>
                <td>{header_field(app, doc, assessment, HeaderField::Year)}</td>
            </tr>
            <tr>
                <th>{t("主管部门")}</th>
                <td colspan="2">{header_field(app, doc, assessment, HeaderField::Department)}</td>
                <th>{t("实施单位")}</th>
                <td colspan="2">{header_field(app, doc, assessment, HeaderField::ImplementingUnit)}</td>
            </tr>
        }
        .into_any()
    };
    view! {
        <table class="form header-table">
            <tbody>
                {rows}
                <super::template::TemplateRow app=app doc=doc />
            </tbody>
        </table>
    }
}

#[component]
fn FundTableView(
    app: AppState,
    doc: RwSignal<Evaluation>,
    assessment: Memo<Assessment>,
    diags: Diags,
) -> impl IntoView {
    let tpl = crate::templates::template(doc.with_untracked(|e| e.template));
    // the rows and columns the template prints, and any other that holds something
    let kinds: Vec<FundRowKind> = doc.with_untracked(|e| tpl.fund_rows(e));
    let initial = doc.with_untracked(|e| tpl.shows_initial_budget(e));
    // a form that scores execution among its indicators has no 分值 or 得分 here
    let scored = doc.with_untracked(|e| tpl.shows_execution_score(e));
    let columns: Vec<FundColumn> = FundColumn::ALL
        .into_iter()
        .filter(|c| initial || *c != FundColumn::InitialBudget)
        .collect();
    let span = kinds.len().to_string();
    let wide = (columns.len() + if scored { 3 } else { 1 }).to_string();
    let row_name = move |kind: FundRowKind| t(tpl.fund_label(kind));
    let rows = kinds
        .into_iter()
        .map(|kind| {
            let span = span.clone();
            let cells = columns
                .clone()
                .into_iter()
                .map(|col| {
                    let label = tf("{}{}", &[&row_name(kind), &t(col.name_zh())]);
                    view! {
                        <td>
                            {text_input(
                                app,
                                doc,
                                diags,
                                Field::FundCell(kind, col),
                                label,
                                "num",
                                move |e| e.funds.row(kind).get(col).to_string(),
                                move |e, v| *e.funds.row_mut(kind).get_mut(col) = v,
                            )}
                        </td>
                    }
                })
                .collect_view();
            let rate = move || {
                assessment.with(|a| {
                    a.execution
                        .row(kind)
                        .and_then(|r| r.rate)
                        .map(fmt_pct)
                        .unwrap_or_else(|| "—".into())
                })
            };
            let is_total = kind == FundRowKind::Total;
            let rate_cell = if is_total {
                view! { <td class="rate" data-testid="execution-rate">{rate}</td> }.into_any()
            } else {
                view! { <td class="rate">{rate}</td> }.into_any()
            };
            let weight_cell = (is_total && scored).then(|| {
                view! {
                    <td rowspan=span.clone()>
                        {text_input(
                            app,
                            doc,
                            diags,
                            Field::FundWeight,
                            t("预算执行率分值").into(),
                            "num",
                            |e| e.funds.weight.clone(),
                            |e, v| e.funds.weight = v,
                        )}
                    </td>
                }
            });
            let score_cell = (is_total && scored).then(|| {
                view! {
                    <td rowspan=span.clone() class="score-cell">
                        <ExecutionScore app=app doc=doc assessment=assessment diags=diags />
                    </td>
                }
            });
            view! {
                <tr class:total-row=is_total>
                    <th class="row-head">{row_name(kind)}</th>
                    {cells}
                    {weight_cell}
                    {rate_cell}
                    {score_cell}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="form fund-table">
            <thead>
                <tr>
                    <th>{t(tpl.funds.heading_zh)}</th>
                    {initial.then(|| view! { <th>{tpl.funds.initial_budget.map(t).unwrap_or_else(|| t("年初预算数"))}</th> })}
                    <th>{t(tpl.funds.budget_zh)}</th>
                    <th>{t(tpl.funds.executed_zh)}</th>
                    {scored.then(|| view! { <th>{t(tpl.funds.weight_zh)}</th> })}
                    <th>{t(tpl.funds.rate_zh)}</th>
                    {scored.then(|| view! { <th>{t(tpl.funds.score_zh)}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tbody>
                <tr>
                    <th class="row-head">{t("执行偏差说明")}</th>
                    <td colspan=wide.clone()>
                        {text_area(
                            app,
                            doc,
                            diags,
                            Field::FundReason,
                            t("执行偏差说明").into(),
                            |e| e.funds.reason.clone(),
                            |e, v| e.funds.reason = v,
                        )}
                    </td>
                </tr>
                <tr class="printed-claim">
                    <th class="row-head" title=t("导入的表上印的执行率，用于核对；自己填的表可留空")>{t("表上执行率")}</th>
                    <td colspan=wide>
                        {text_input(
                            app,
                            doc,
                            diags,
                            Field::FundClaimedRate,
                            t("表上执行率").into(),
                            "num",
                            |e| e.funds.claimed_rate.clone(),
                            |e, v| e.funds.claimed_rate = v,
                        )}
                    </td>
                </tr>
            </tbody>
        </table>
    }
}

#[component]
fn ExecutionScore(
    app: AppState,
    doc: RwSignal<Evaluation>,
    assessment: Memo<Assessment>,
    diags: Diags,
) -> impl IntoView {
    let rule = move || assessment.with(|a| a.execution.rule_score);
    let source = move || assessment.with(|a| a.execution.source);
    view! {
        <div class="score">
            <ClaimInput
                app=app
                doc=doc
                field=Field::FundClaimed
                label=t("预算执行率得分")
                value=Memo::new(move |_| doc.with(|e| e.funds.claimed.clone()))
                mine=field_diags(diags, Field::FundClaimed)
                rule_text=Signal::derive(move || rule().map(fmt2))
                source=Signal::derive(source)
                set=|e: &mut Evaluation, v: String| e.funds.claimed = v
            />
        </div>
    }
}

/// A claimed score with the rule's score beside it and a one-click "采用规则得分".
#[component]
fn ClaimInput<S>(
    app: AppState,
    doc: RwSignal<Evaluation>,
    field: Field,
    label: &'static str,
    /// The claimed score as typed, and the messages about it.
    value: Memo<String>,
    mine: Memo<Vec<Diagnostic>>,
    /// The rule's exact score, formatted, when there is one.
    rule_text: Signal<Option<String>>,
    source: Signal<ScoreSource>,
    set: S,
) -> impl IntoView
where
    S: Fn(&mut Evaluation, String) + Clone + Send + Sync + 'static,
{
    let set_rule = set.clone();
    let adopt = move |_| {
        let set = &set_rule;
        if let Some(r) = rule_text.get_untracked() {
            let plain = r.parse::<rust_decimal::Decimal>().map(fmt_num).unwrap_or(r);
            app.edit(doc, |e| set(e, plain));
        }
    };
    let differs = move || {
        let claimed = value.get();
        match rule_text.get() {
            Some(r) => {
                !claimed.trim().is_empty()
                    && claimed
                        .trim()
                        .parse::<rust_decimal::Decimal>()
                        .ok()
                        .zip(r.parse::<rust_decimal::Decimal>().ok())
                        .map(|(c, r)| c != r)
                        .unwrap_or(true)
            }
            None => false,
        }
    };
    // left to the rule: the rule's score is the one printed
    let by_rule = move || value.with(|v| v.trim().is_empty()) && rule_text.with(Option::is_some);
    view! {
        <div class="claim" class:by-rule=by_rule>
            <label class="sub">{t("自评")}</label>
            {text_input_bound(app, doc, &field, label.to_string(), "num claim-input", value, mine, set)}
            <div class="rule-line">
                <span class="sub">{t("规则 ")}</span>
                <span class="rule-score">{move || rule_text.get().unwrap_or_else(|| "—".into())}</span>
                <Show when=move || source.get() == ScoreSource::Rule>
                    <span class="badge rule-used" title=t("自评得分为空，采用规则得分")>{t("（按规则）")}</span>
                </Show>
            </div>
            <button class="adopt small no-print" class:hidden=move || !differs() on:click=adopt title=t("把自评得分改为规则得分")>
                {t("采用规则得分")}
            </button>
        </div>
    }
}

/// Ctrl+V of a table copied from Word, Excel or WPS inside an open form: its indicator rows,
/// shown first, go into this form's groups. A paste into a field of a single value is the
/// field's own.
#[component]
fn PasteRows(app: AppState, doc: RwSignal<Evaluation>) -> impl IntoView {
    let pending: RwSignal<Option<Vec<crate::model::Indicator>>> = RwSignal::new(None);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let listener = window_event_listener(leptos::ev::paste, move |ev: web_sys::ClipboardEvent| {
        let Some((html, plain)) = super::office::clipboard_of(&ev, false) else {
            return;
        };
        ev.prevent_default();
        problem.set(None);
        leptos::task::spawn_local(async move {
            match super::office::read_clipboard(&html, &plain).await {
                Ok(preview) => {
                    let mut rows: Vec<crate::model::Indicator> = preview
                        .forms
                        .into_iter()
                        .flat_map(|f| f.evaluation.indicators)
                        .collect();
                    if rows.is_empty() {
                        rows = preview.rows;
                    }
                    if rows.is_empty() {
                        problem.set(Some(
                            t("粘贴的内容中没有找到三级指标行（需含二级指标名称或表头）")
                                .to_string(),
                        ));
                    } else {
                        pending.set(Some(rows));
                    }
                }
                Err(m) => problem.set(Some(m)),
            }
        });
    });
    on_cleanup(move || listener.remove());
    let add = move |_| {
        if let Some(rows) = pending.get_untracked() {
            app.add_rows(doc, rows);
        }
        pending.set(None);
    };
    view! {
        {move || problem.get().map(|m| view! { <div class="banner warning no-print" role="alert" data-testid="paste-problem">{m}</div> })}
        {move || pending.get().map(|rows| {
            let n = rows.len();
            let list = rows
                .into_iter()
                .map(|r| view! { <li>{t(r.level2.name_zh())}" · "{r.name}" · "{r.target}" · "{r.actual}</li> })
                .collect_view();
            view! {
                <div class="import-preview no-print" data-testid="paste-preview">
                    <p>{tf("粘贴的表格中有{}行三级指标，将添加到本表对应的二级指标下：", &[&n])}</p>
                    <ul>{list}</ul>
                    <button class="primary" data-testid="confirm-paste" on:click=add>{t("添加到本表")}</button>
                    <button on:click=move |_| pending.set(None)>{t("取消")}</button>
                </div>
            }
        })}
    }
}

/// 备注: free text, where an import keeps what it could not place.
#[component]
fn NoteView(app: AppState, doc: RwSignal<Evaluation>, diags: Diags) -> impl IntoView {
    view! {
        <table class="form note-table">
            <tbody>
                <tr>
                    <th class="row-head">{t("备注")}</th>
                    <td>
                        {text_area(
                            app,
                            doc,
                            diags,
                            Field::Note,
                            t("备注").into(),
                            |e| e.note.clone(),
                            |e, v| e.note = v,
                        )}
                    </td>
                </tr>
            </tbody>
        </table>
    }
}

#[component]
fn GoalTable(app: AppState, doc: RwSignal<Evaluation>) -> impl IntoView {
    let area = move |label: &'static str,
                     get: fn(&Evaluation) -> String,
                     set: fn(&mut Evaluation, String)| {
        view! {
            <span class="print-only pre">{move || doc.with(get)}</span>
            <textarea
                rows="3"
                aria-label=label
                prop:value=move || doc.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    app.edit(doc, |e| set(e, v));
                }
            ></textarea>
        }
    };
    let goal = &crate::templates::template(doc.with_untracked(|e| e.template)).goal;
    view! {
        <table class="form goal-table">
            <tbody>
                <tr>
                    <th rowspan="2" class="row-head">{t(goal.heading_zh)}</th>
                    <th>{t(goal.expected_zh)}</th>
                    <th>{t(goal.achieved_zh)}</th>
                </tr>
                <tr>
                    <td>{area(t(goal.expected_zh), |e| e.goal.expected.clone(), |e, v| e.goal.expected = v)}</td>
                    <td>{area(t(goal.achieved_zh), |e| e.goal.achieved.clone(), |e, v| e.goal.achieved = v)}</td>
                </tr>
            </tbody>
        </table>
    }
}

#[component]
fn IndicatorTable(
    app: AppState,
    doc: RwSignal<Evaluation>,
    assessment: Memo<Assessment>,
    diags: Diags,
) -> impl IntoView {
    let feed = RowFeed::new(doc, assessment);
    let review = super::review::shown(app, doc);
    let tpl = crate::templates::template(doc.with_untracked(|e| e.template));
    let flat = tpl.indicators.flat;
    // the template's columns and any other a row holds; the table is rebuilt when the template
    // changes, not while typing
    let cols = StoredValue::new(doc.with_untracked(|e| tpl.columns(e)));
    // the template's columns, 类型 and 操作 (an empty group's 无 spans them but 操作)
    let ncols = cols.with_value(|c| c.len()) + 1;
    // The table's shape changes only when rows are added, removed or moved; typing does not
    // re-render it (the memo compares equal), so inputs keep focus.
    let structure = Memo::new(move |_| {
        doc.with(|e| {
            (
                tpl.level1_groups(e),
                e.indicators
                    .iter()
                    .map(|i| (i.level2, i.id.clone()))
                    .collect::<Vec<_>>(),
            )
        })
    });
    let body = move || {
        let (groups, s) = structure.get();
        let mut rows: Vec<AnyView> = Vec::new();
        let row = |id: String, cells: (Option<AnyView>, Option<AnyView>)| {
            cols.with_value(|cols| {
                indicator_row(app, doc, feed.row(&id), id, cells, review, tpl, cols)
            })
        };
        if flat {
            // one list in the form's order (重庆)
            for (_, id) in s {
                rows.push(row(id, (None, None)));
            }
            return rows;
        }
        for l1 in groups {
            let spans: Vec<(Level2, Vec<String>)> = l1
                .groups()
                .iter()
                .map(|&g| {
                    (
                        g,
                        s.iter()
                            .filter(|(l, _)| *l == g)
                            .map(|(_, id)| id.clone())
                            .collect(),
                    )
                })
                .collect();
            let l1_span: usize = spans.iter().map(|(_, ids)| ids.len().max(1)).sum();
            let mut first_in_l1 = true;
            for (l2, ids) in spans {
                let l1_cell =
                    first_in_l1.then(|| level1_cell(app, doc, assessment, diags, l1, l1_span));
                first_in_l1 = false;
                let n = ids.len().max(1);
                if ids.is_empty() {
                    rows.push(
                        view! {
                            <tr class="empty-group">
                                {l1_cell}
                                {level2_cell(app, doc, l2, 1)}
                                <td colspan=move || (ncols + usize::from(review.get())).to_string() class="none">{t("无")}</td>
                                <td class="no-print"></td>
                            </tr>
                        }
                        .into_any(),
                    );
                } else {
                    let mut l1_cell = l1_cell;
                    for (k, id) in ids.into_iter().enumerate() {
                        let l2_cell = (k == 0).then(|| level2_cell(app, doc, l2, n));
                        rows.push(row(id, (l1_cell.take(), l2_cell)));
                    }
                }
            }
        }
        rows
    };
    let (lead, before_weight, after_score) = cols.with_value(|cols| {
        let lead = if flat { 0 } else { 2 };
        let weight = cols.iter().position(|c| *c == Column::Weight).unwrap_or(0);
        let score = cols
            .iter()
            .position(|c| *c == Column::Score)
            .unwrap_or(weight);
        (lead, lead + weight, (cols.len() - score - 1).max(1))
    });
    let heads = cols.with_value(|cols| {
        cols.iter()
            .map(|c| {
                let label = t(tpl.indicators.label(*c));
                let class = column_class(*c);
                let kind = (*c == Column::Weight)
                    .then(|| view! { <th class="kind-col no-print">{t("类型")}</th> });
                view! { <th class=class>{label}</th> {kind} }
            })
            .collect_view()
    });
    // a flat form adds rows at its end; a grouped one under each 二级指标
    let add_flat = flat.then(|| {
        let group = tpl.indicators.level1[0].0.groups()[0];
        view! {
            <button
                class="small add-row no-print"
                data-testid="add-flat-row"
                on:click=move |_| {
                    let mut new_id = String::new();
                    app.edit(doc, |e| new_id = e.push_row(group));
                    focus_later(field_dom_id(&Field::Indicator(new_id, IndicatorField::Name)));
                }
            >
                {t("+ 添加指标")}
            </button>
        }
    });
    view! {
        <table class="form indicator-table" class:flat=flat>
            <thead>
                <tr>
                    {(lead > 0).then(|| view! { <th>{t("一级指标")}</th><th>{t("二级指标")}</th> })}
                    {heads}
                    {move || review.get().then(|| view! { <th class="review-col">{t("复核")}</th> })}
                    <th class="no-print">{t("操作")}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <tfoot>
                <tr class="total-line">
                    <th colspan=before_weight.to_string()>{t("总分")} {add_flat}</th>
                    <td>"100"</td>
                    <td class="kind no-print"></td>
                    <td class="score-cell"><strong data-testid="total-foot">{move || assessment.with(|a| fmt2(a.total))}</strong></td>
                    <td colspan=after_score.to_string()>{move || assessment.with(|a| tf("等级：{}", &[&t(a.grade.name_zh())]))} {notes(diags, Field::Total)}</td>
                    {move || review.get().then(|| view! {
                        <td class="review-col">{super::review::summary_text(assessment)}</td>
                    })}
                    <td class="no-print"></td>
                </tr>
                <tr class="printed-claim">
                    // under the scores, as the 总分 line above (the 类型 column is not printed)
                    <th colspan=(before_weight + 1).to_string() title=t("导入的表上印的总分和等级，用于核对；自己填的表可留空")>{t("表上总分")}</th>
                    <td class="kind no-print"></td>
                    <td>
                        {text_input(
                            app,
                            doc,
                            diags,
                            Field::ClaimedTotal,
                            t("表上总分").into(),
                            "num",
                            |e| e.claimed_total.clone(),
                            |e, v| e.claimed_total = v,
                        )}
                    </td>
                    <td colspan=after_score.to_string()>
                        {t("表上等级")}
                        {text_input(
                            app,
                            doc,
                            diags,
                            Field::ClaimedGrade,
                            t("表上等级").into(),
                            "tiny",
                            |e| e.claimed_grade.clone(),
                            |e, v| e.claimed_grade = v,
                        )}
                    </td>
                    {move || review.get().then(|| view! { <td class="review-col"></td> })}
                    <td class="no-print"></td>
                </tr>
            </tfoot>
        </table>
    }
}

/// The CSS class of an indicator column (widths in the stylesheet and in print).
fn column_class(c: Column) -> &'static str {
    match c {
        Column::Name => "name",
        Column::Operator => "nature",
        Column::Target => "target",
        Column::Unit => "unit",
        Column::Nature => "quality",
        Column::AdjustedTarget => "target adjusted",
        Column::Actual => "actual",
        Column::Coefficient => "coefficient",
        Column::Weight => "weight",
        Column::Score => "score-cell",
        Column::Core => "core",
        Column::Reason => "reason",
    }
}

fn level1_cell(
    app: AppState,
    doc: RwSignal<Evaluation>,
    assessment: Memo<Assessment>,
    diags: Diags,
    l1: Level1,
    span: usize,
) -> AnyView {
    let subtotal = move || {
        assessment.with(|a| {
            a.level1
                .iter()
                .find(|r| r.level1 == l1)
                .map(|r| tf("小计 {}", &[&fmt2(r.totals.used)]))
                .unwrap_or_default()
        })
    };
    view! {
        <td rowspan=span class="l1">
            <div class="l1-name">{t(l1.name_zh())}</div>
            // a form that prints no 一级 weights (湖北 2020) prints no empty brackets
            <div class="l1-weight" class:blank-weight=move || doc.with(|e| e.level1_weights.get(l1).trim().is_empty())>
                {t("（")}
                {text_input(
                    app,
                    doc,
                    diags,
                    Field::Level1Weight(l1),
                    tf("{}分值", &[&t(l1.name_zh())]),
                    "num tiny",
                    move |e| e.level1_weights.get(l1).to_string(),
                    move |e, v| *e.level1_weights.get_mut(l1) = v,
                )}
                {t("分）")}
            </div>
            <div class="sub subtotal">{subtotal}</div>
        </td>
    }
    .into_any()
}

fn level2_cell(app: AppState, doc: RwSignal<Evaluation>, l2: Level2, span: usize) -> AnyView {
    view! {
        <td rowspan=span class="l2">
            <div>{t(l2.name_zh())}</div>
            <button
                class="small add-row no-print"
                title=tf("在{}下添加一行三级指标", &[&t(l2.name_zh())])
                on:click=move |_| {
                    let mut new_id = String::new();
                    app.edit(doc, |e| new_id = e.add_row(l2));
                    focus_later(field_dom_id(&Field::Indicator(new_id, IndicatorField::Name)));
                }
            >
                {t("+ 添加")}
            </button>
        </td>
    }
    .into_any()
}

#[allow(clippy::too_many_arguments)]
fn indicator_row(
    app: AppState,
    doc: RwSignal<Evaluation>,
    rv: RowView,
    id: String,
    (l1_cell, l2_cell): (Option<AnyView>, Option<AnyView>),
    review: Memo<bool>,
    tpl: &'static crate::templates::Template,
    cols: &[Column],
) -> AnyView {
    let text = |which, label: &str, multiline| {
        indicator_text(
            app,
            doc,
            rv,
            id.clone(),
            which,
            label.to_string(),
            multiline,
        )
    };
    // one memo per row: the row's cells update only when its own result changes
    let result = move || rv.result.get();
    let rule_text = Signal::derive(move || result().and_then(|r| r.rule.exact()).map(fmt2));
    let band_text = move || {
        result().map(|r| match r.rule {
            RuleScore::Band {
                low,
                high,
                high_inclusive,
            } => tf(
                "档次区间 [{}, {}{}",
                &[
                    &fmt2(low),
                    &fmt2(high),
                    &if high_inclusive { "]" } else { ")" },
                ],
            ),
            RuleScore::Excluded => t("不适用，不计分").into(),
            _ => String::new(),
        })
    };
    let source = Signal::derive(move || result().map(|r| r.source).unwrap_or(ScoreSource::Missing));
    let sid = id.clone();
    let claim = view! {
        <ClaimInput
            app=app
            doc=doc
            field=Field::Indicator(id.clone(), IndicatorField::Claimed)
            label=t("得分")
            value=rv.value(IndicatorField::Claimed)
            mine=rv.field_diags(Field::Indicator(id.clone(), IndicatorField::Claimed))
            rule_text=rule_text
            source=source
            set=move |e: &mut Evaluation, v: String| {
                if let Some(i) = e.indicator_mut(&sid) {
                    i.claimed = v;
                }
            }
        />
    };
    let (up_id, down_id, del_id, enter_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    // Enter in any field of the row adds a row to the same 二级指标 (Shift+Enter: a new line in
    // the text). Not while an input method is composing: Chinese IMEs confirm with Enter.
    let on_enter = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Enter" || ev.shift_key() || ev.is_composing() || ev.key_code() == 229 {
            return;
        }
        let Some(group) = doc.with_untracked(|e| e.indicator(&enter_id).map(|i| i.level2)) else {
            return;
        };
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        if !in_field {
            return;
        }
        ev.prevent_default();
        let mut new_id = String::new();
        // a flat form's list goes on at its end; a grouped one's group
        let flat = tpl.indicators.flat;
        app.edit(doc, |e| {
            new_id = if flat {
                e.push_row(group)
            } else {
                e.add_row(group)
            }
        });
        focus_later(field_dom_id(&Field::Indicator(
            new_id,
            IndicatorField::Name,
        )));
    };
    // the target in several columns (指标性质 | 指标值 | 度量单位, or 计量单位 apart): one text
    // behind them, each cell writing it back whole
    let target = tpl.indicators.split_target().then(|| {
        super::template::TargetCells::new(
            app,
            doc,
            rv,
            id.clone(),
            tpl.indicators.has(Column::Operator),
        )
    });
    let mut claim = Some(claim);
    let cells = cols
        .iter()
        .map(|c| {
            let label = t(tpl.indicators.label(*c));
            match c {
                Column::Name => view! { <td class="name">{text(IndicatorField::Name, label, true)}</td> }.into_any(),
                Column::Operator => target.as_ref().map(|x| x.operator()).into_any(),
                Column::Target => match &target {
                    Some(x) => x.value(),
                    None => view! { <td class="target">{text(IndicatorField::Target, label, true)}</td> }.into_any(),
                },
                Column::Unit => target.as_ref().map(|x| x.unit()).into_any(),
                Column::Nature => view! { <td class="quality">{nature_select(app, doc, rv, id.clone())}</td> }.into_any(),
                Column::AdjustedTarget => view! { <td class="target adjusted">{text(IndicatorField::AdjustedTarget, label, true)}</td> }.into_any(),
                Column::Actual => view! { <td class="actual">{text(IndicatorField::Actual, label, true)}</td> }.into_any(),
                Column::Coefficient => {
                    let coefficient = move || {
                        result()
                            .filter(|r| r.applicable())
                            .and_then(|r| r.coefficient)
                            .map(fmt_pct)
                            .unwrap_or_else(|| "—".into())
                    };
                    view! { <td class="coefficient" data-testid="coefficient">{coefficient}</td> }.into_any()
                }
                Column::Weight => view! {
                    <td class="weight">{text(IndicatorField::Weight, label, false)}</td>
                    <td class="kind no-print">{kind_select(app, doc, rv, id.clone())}</td>
                }
                .into_any(),
                Column::Score => view! { <td class="score-cell">{claim.take()} <div class="sub band">{band_text}</div></td> }.into_any(),
                Column::Core => view! { <td class="core">{core_box(app, doc, rv, id.clone())}</td> }.into_any(),
                Column::Reason => view! { <td class="reason">{text(IndicatorField::Reason, label, true)}</td> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <tr class="indicator-row" data-row=id.clone() on:keydown=on_enter>
            {l1_cell}
            {l2_cell}
            {cells}
            {
                let id = id.clone();
                move || {
                    // the mode decides between inputs and text
                    app.reviewer.track();
                    review.get().then(|| super::review::row_cell(app, doc, rv, id.clone()))
                }
            }
            <td class="actions no-print">
                <button class="small" title=t("上移") aria-label=t("上移") on:click=move |_| app.edit(doc, |e| { e.move_row(&up_id, true); })>"↑"</button>
                <button class="small" title=t("下移") aria-label=t("下移") on:click=move |_| app.edit(doc, |e| { e.move_row(&down_id, false); })>"↓"</button>
                <button class="small danger" title=t("删除此行") aria-label=t("删除此行") on:click=move |_| app.remove_row(doc, &del_id)>{t("删除")}</button>
            </td>
        </tr>
    }
    .into_any()
}

fn kind_select(app: AppState, doc: RwSignal<Evaluation>, rv: RowView, id: String) -> impl IntoView {
    let current = Memo::new(move |_| rv.row.with(|r| r.as_ref().and_then(|i| i.kind_override)));
    let current_tier = Memo::new(move |_| rv.row.with(|r| r.as_ref().and_then(|i| i.tier)));
    let result_kinds =
        Memo::new(move |_| rv.result.with(|r| r.as_ref().map(|r| (r.kind, r.detected))));
    let (s_id, st_id) = (id.clone(), id.clone());
    view! {
        <select
            aria-label=t("指标类型")
            id=field_dom_id(&Field::Indicator(id.clone(), IndicatorField::Kind))
            on:change=move |ev| {
                let v = event_target_value(&ev);
                app.edit(doc, |e| {
                    if let Some(i) = e.indicator_mut(&s_id) {
                        i.kind_override = IndicatorKind::from_key(&v);
                    }
                });
            }
        >
            <option value="auto" selected=move || current.get().is_none()>
                {move || tf("自动：{}", &[&result_kinds.get().map(|k| t(k.1.name_zh())).unwrap_or("")])}
            </option>
            {IndicatorKind::ALL
                .into_iter()
                .map(|k| view! { <option value=k.key() selected=move || current.get() == Some(k)>{t(k.name_zh())}</option> })
                .collect_view()}
        </select>
        <Show when=move || result_kinds.get().map(|k| k.0) == Some(IndicatorKind::Qualitative)>
            {
                let st_id = st_id.clone();
                view! {
                    <select
                        aria-label=t("定性档次")
                        class="tier"
                        id=field_dom_id(&Field::Indicator(st_id.clone(), IndicatorField::Tier))
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            app.edit(doc, |e| {
                                if let Some(i) = e.indicator_mut(&st_id) {
                                    i.tier = QualitativeTier::from_key(&v);
                                }
                            });
                        }
                    >
                        <option value="" selected=move || current_tier.get().is_none()>{t("选择档次…")}</option>
                        {QualitativeTier::ALL
                            .into_iter()
                            .map(|tier| view! { <option value=tier.key() selected=move || current_tier.get() == Some(tier)>{t(tier.name_zh())}</option> })
                            .collect_view()}
                    </select>
                }
            }
        </Show>
        {notes_of(rv.field_diags(Field::Indicator(id.clone(), IndicatorField::Tier)))}
    }
}

/// 指标性质 as 定量 / 定性 (重庆): 定性 scores by tier; 定量 goes back to what the target says,
/// or to 正向 when the target reads as text.
fn nature_select(
    app: AppState,
    doc: RwSignal<Evaluation>,
    rv: RowView,
    id: String,
) -> impl IntoView {
    let qualitative = Memo::new(move |_| {
        rv.result
            .with(|r| r.as_ref().map(|r| r.kind) == Some(IndicatorKind::Qualitative))
    });
    let shown = move || {
        if qualitative.get() {
            t("定性")
        } else {
            t("定量")
        }
    };
    view! {
        <select
            class="no-print"
            aria-label=t("指标性质")
            data-testid="nature"
            on:change=move |ev| {
                let v = event_target_value(&ev);
                // the kind the rules engine reads from the target (and the name)
                let detected = rv.result.with_untracked(|r| r.as_ref().map(|r| r.detected));
                app.edit(doc, |e| {
                    let detected = detected.unwrap_or(IndicatorKind::Qualitative);
                    if let Some(i) = e.indicator_mut(&id) {
                        i.kind_override = match v.as_str() {
                            "qualitative" => Some(IndicatorKind::Qualitative),
                            _ if detected == IndicatorKind::Qualitative => Some(IndicatorKind::Positive),
                            _ => None,
                        };
                    }
                });
            }
        >
            <option value="quantitative" selected=move || !qualitative.get()>{t("定量")}</option>
            <option value="qualitative" selected=move || qualitative.get()>{t("定性")}</option>
        </select>
        <span class="print-only">{shown}</span>
    }
}

/// 是否核心指标: a box on screen, 是 / 否 in print.
fn core_box(app: AppState, doc: RwSignal<Evaluation>, rv: RowView, id: String) -> impl IntoView {
    let core = Memo::new(move |_| rv.row.with(|r| r.as_ref().is_some_and(|i| i.core)));
    let dom_id = format!("f-i-{id}-Core");
    view! {
        <input
            type="checkbox"
            id=dom_id
            class="no-print"
            aria-label=t("是否核心指标")
            prop:checked=move || core.get()
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                app.edit(doc, |e| {
                    if let Some(i) = e.indicator_mut(&id) {
                        i.core = on;
                    }
                });
            }
        />
        <span class="print-only">{move || if core.get() { t("是") } else { t("否") }}</span>
    }
}

#[component]
fn SignOffView(app: AppState, doc: RwSignal<Evaluation>) -> impl IntoView {
    let input = move |label: &'static str,
                      get: fn(&Evaluation) -> String,
                      set: fn(&mut Evaluation, String)| {
        super::widgets::line_input(app, doc, label, get, set)
    };
    view! {
        <div class="signoff">
            {input(t("填表人"), |e| e.sign_off.preparer.clone(), |e, v| e.sign_off.preparer = v)}
            {input(t("填报日期"), |e| e.sign_off.date.clone(), |e, v| e.sign_off.date = v)}
            {input(t("联系电话"), |e| e.sign_off.phone.clone(), |e, v| e.sign_off.phone = v)}
            {input(t("单位负责人签字"), |e| e.sign_off.head.clone(), |e, v| e.sign_off.head = v)}
        </div>
    }
}

#[component]
fn DiagnosticsPanel(assessment: Memo<Assessment>) -> impl IntoView {
    // Its own memo, keyed entries: a keystroke that leaves the messages as they were renders
    // nothing here, and one that changes a message re-renders that entry only.
    let entries = Memo::new(move |_| {
        assessment.with(|a| {
            let mut ds: Vec<&Diagnostic> = a.diagnostics.iter().collect();
            ds.sort_by_key(|d| d.level);
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            ds.into_iter()
                .map(|d| {
                    let base = format!("{}|{}|{}", field_dom_id(&d.field), d.rule.label(), d.zh);
                    let n = seen.entry(base.clone()).or_default();
                    *n += 1;
                    (format!("{base}|{n}"), d.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let items = move || {
        view! {
            <For
                each=move || entries.get()
                key=|(key, _)| key.clone()
                children=move |(_, d)| {
                    let target = field_dom_id(&d.field);
                    let class = format!("diag {}", d.level.key());
                    view! {
                        <li class=class>
                            <button class="link" on:click=move |_| focus(&target)>
                                <span class="level">{t(d.level.name_zh())}</span>
                                <span class="rule">{t(d.rule.label())}</span>
                                <span class="msg">{message(&d)}</span>
                            </button>
                        </li>
                    }
                }
            />
        }
    };
    view! {
        <aside class="diagnostics no-print" id="diagnostics" aria-label=t("审核提示")>
            <h3>{t("审核提示")}</h3>
            <Show
                when=move || assessment.with(|a| !a.diagnostics.is_empty())
                fallback=|| view! { <p class="ok">{t("没有发现问题。")}</p> }
            >
                <ul>{items}</ul>
            </Show>
            <p class="legend sub">{t("R1–R6 对应《评分规则》各条；“输入”为无法识别的填写内容。")}</p>
        </aside>
    }
}

fn focus(dom_id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(dom_id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Focuses an element after the current render (a newly added row).
fn focus_later(dom_id: String) {
    set_timeout(move || focus(&dom_id), std::time::Duration::from_millis(0));
}

/// Shows a failed export to the user (downloads fail only when the browser refuses blobs).
pub fn report(result: Result<(), String>) {
    if let Err(m) = result {
        if let Some(w) = web_sys::window() {
            let _ = w.alert_with_message(&tf("导出失败：{}", &[&m]));
        }
    }
}

/// Opens the browser's print dialog (the print stylesheet lays the form out on A4).
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
