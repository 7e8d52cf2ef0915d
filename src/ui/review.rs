//! 复核 on the page: the reviewer's mode (remembered in this browser), the 复核 column of the
//! indicator table, the fund score's 复核, and the form's 复核 block with 自评 / 规则 / 复核
//! totals side by side. Out of the reviewer's mode a review that came with a form is shown
//! read-only: the department sees it and cannot change it.

use super::state::AppState;
use super::widgets::{indicator_text, notes, text_area, text_input, Diags, RowView};
use crate::i18n::{t, tf};
use crate::model::Evaluation;
use crate::rules::num::fmt2;
use crate::rules::{Assessment, Field, IndicatorField};
use leptos::prelude::*;

/// Where the mode is remembered (a setting of this browser, not part of the workspace).
const ROLE_KEY: &str = "ziping:role";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether this browser was last used in 复核模式 (the clerk's edition has no 复核模式: there it
/// is only ever on after the full edition failed to start).
pub fn remembered() -> bool {
    super::edition::FULL
        && storage()
            .and_then(|s| s.get_item(ROLE_KEY).ok().flatten())
            .is_some_and(|r| r == "reviewer")
}

/// Keeps the mode for this browser; whether it was written.
fn remember(on: bool) -> bool {
    storage().is_some_and(|s| {
        s.set_item(ROLE_KEY, if on { "reviewer" } else { "clerk" })
            .is_ok()
    })
}

/// The 复核模式 switch in the page header.
#[component]
pub fn RoleSwitch(app: AppState) -> impl IntoView {
    view! {
        <label class="role-switch" title=t("财政部门复核时打开：可填写复核分和复核意见")>
            <input
                type="checkbox"
                data-testid="reviewer-mode"
                prop:checked=move || app.reviewer.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let remembered = remember(on);
                    // the clerk's edition has no 复核模式: the full edition takes over (the boot
                    // script reads the role), unless something holds the reload back
                    if on && !super::edition::FULL {
                        let switched = if remembered {
                            super::edition::switch_to_full(app)
                        } else {
                            Err(super::edition::Hold::CannotSave)
                        };
                        if let Err(h) = switched {
                            remember(false);
                            event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
                            app.sync_notes.update(|n| n.push(tf("复核模式需要重新载入页面：{}", &[&h.message()])));
                        }
                        return;
                    }
                    app.reviewer.set(on);
                }
            />
            {t("复核模式")}
        </label>
    }
}

/// Whether the page shows the 复核 parts of this form: in 复核模式, or when it has a review.
pub fn shown(app: AppState, doc: RwSignal<Evaluation>) -> Memo<bool> {
    Memo::new(move |_| app.reviewer.get() || doc.with(Evaluation::has_review))
}

/// A value as text (the read-only view of a review).
fn read_only(value: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    view! { <span class="review-text pre">{value}</span> }
}

/// The 复核 cell of an indicator row.
pub fn row_cell(app: AppState, doc: RwSignal<Evaluation>, rv: RowView, id: String) -> AnyView {
    if app.reviewer.get_untracked() {
        view! {
            <td class="review-col">
                {indicator_text(app, doc, rv, id.clone(), IndicatorField::ReviewScore, t("复核分").to_string(), false)}
                {indicator_text(app, doc, rv, id, IndicatorField::ReviewOpinion, t("复核意见").to_string(), true)}
            </td>
        }
        .into_any()
    } else {
        let (score, opinion) = (
            rv.value(IndicatorField::ReviewScore),
            rv.value(IndicatorField::ReviewOpinion),
        );
        let mine = rv.field_diags(Field::Indicator(id, IndicatorField::ReviewScore));
        view! {
            <td class="review-col read-only">
                <strong class="review-score">{move || score.get()}</strong>
                " "
                {read_only(move || opinion.get())}
                {super::widgets::notes_of(mine)}
            </td>
        }
        .into_any()
    }
}

/// The fund score's 复核: a row under the fund table.
#[component]
pub fn FundReview(app: AppState, doc: RwSignal<Evaluation>, diags: Diags) -> impl IntoView {
    let show = shown(app, doc);
    move || {
        show.get().then(|| {
            let cells = if app.reviewer.get() {
                view! {
                    {text_input(
                        app,
                        doc,
                        diags,
                        Field::FundReview,
                        t("预算执行率复核分").into(),
                        "num",
                        |e| e.review.fund.score.clone(),
                        |e, v| e.review.fund.score = v,
                    )}
                    {text_area(
                        app,
                        doc,
                        diags,
                        Field::FundReviewOpinion,
                        t("预算执行率复核意见").into(),
                        |e| e.review.fund.opinion.clone(),
                        |e, v| e.review.fund.opinion = v,
                    )}
                }
                .into_any()
            } else {
                view! {
                    <strong class="review-score">{move || doc.with(|e| e.review.fund.score.clone())}</strong>
                    " "
                    {read_only(move || doc.with(|e| e.review.fund.opinion.clone()))}
                    {notes(diags, Field::FundReview)}
                }
                .into_any()
            };
            view! {
                <table class="form fund-review">
                    <tbody>
                        <tr>
                            <th class="row-head">{t("预算执行率复核")}</th>
                            <td data-testid="fund-review">{cells}</td>
                        </tr>
                    </tbody>
                </table>
            }
        })
    }
}

/// The form's 复核: 自评 / 规则 / 复核 totals and grades side by side, the opinion, who and when,
/// 已复核.
#[component]
pub fn ReviewBlock(
    app: AppState,
    doc: RwSignal<Evaluation>,
    assessment: Memo<Assessment>,
) -> impl IntoView {
    let show = shown(app, doc);
    let totals = move || {
        assessment.with(|a| {
            let review = a.review.as_ref();
            view! {
                <table class="form review-totals" data-testid="review-totals">
                    <thead>
                        <tr>
                            <th></th>
                            <th>{t("自评")}</th>
                            <th>{t("规则")}</th>
                            <th>{t("复核")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th>{t("总分")}</th>
                            <td class="num">{fmt2(a.total)}</td>
                            <td class="num">{fmt2(a.rule_total)}</td>
                            <td class="num" data-testid="review-total">{review.map(|r| fmt2(r.total)).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                        <tr>
                            <th>{t("等级")}</th>
                            <td>{t(a.grade.name_zh())}</td>
                            <td>{t(crate::rules::Grade::of(a.rule_total).name_zh())}</td>
                            <td data-testid="review-grade">{review.map(|r| t(r.grade.name_zh())).unwrap_or("—")}</td>
                        </tr>
                    </tbody>
                </table>
            }
        })
    };
    let text = move |label: &'static str,
                     get: fn(&Evaluation) -> String,
                     set: fn(&mut Evaluation, String)| {
        if app.reviewer.get_untracked() {
            super::widgets::line_input(app, doc, label, get, set).into_any()
        } else {
            view! {
                <span class="signoff-field">
                    <span>{label}{t("：")}</span>
                    <span class="signline">{move || doc.with(get)}</span>
                </span>
            }
            .into_any()
        }
    };
    move || {
        show.get().then(|| {
            let reviewer = app.reviewer.get();
            let opinion = if reviewer {
                view! {
                    <textarea
                        aria-label=t("复核意见")
                        data-testid="review-opinion"
                        prop:value=move || doc.with(|e| e.review.opinion.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            app.edit(doc, |e| e.review.opinion = v);
                        }
                    ></textarea>
                    <span class="print-only pre">{move || doc.with(|e| e.review.opinion.clone())}</span>
                }
                .into_any()
            } else {
                read_only(move || doc.with(|e| e.review.opinion.clone())).into_any()
            };
            let done = move || doc.with(|e| e.review.done);
            view! {
                <section class="review-block" data-testid="review-block">
                    <h3>{t("财政部门复核")}</h3>
                    {(!reviewer).then(|| view! {
                        <p class="note info" data-testid="review-read-only">{t("本表附有财政部门的复核意见，仅供查看，不能修改。")}</p>
                    })}
                    {totals}
                    <div class="block-label">{t("复核意见")}</div>
                    {opinion}
                    <div class="signoff">
                        {text(t("复核人"), |e| e.review.reviewer.clone(), |e, v| e.review.reviewer = v)}
                        {text(t("复核日期"), |e| e.review.date.clone(), |e, v| e.review.date = v)}
                        <label class="signoff-field">
                            <input
                                type="checkbox"
                                data-testid="review-done"
                                prop:checked=done
                                prop:disabled=!reviewer
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    app.edit(doc, |e| e.review.done = on);
                                }
                            />
                            {t("已复核")}
                        </label>
                    </div>
                </section>
            }
        })
    }
}

/// "复核 90.00（优）" in the summary bar when the form has a review.
pub fn summary_text(assessment: Memo<Assessment>) -> impl IntoView {
    move || {
        assessment.with(|a| {
            a.review.as_ref().map(|r| {
                view! {
                    <span class="review-total">
                        {tf("复核 {}（{}）", &[&fmt2(r.total), &t(r.grade.name_zh())])}
                    </span>
                }
            })
        })
    }
}
