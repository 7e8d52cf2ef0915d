//! Small building blocks: inputs bound to one field of an evaluation, and the diagnostics shown
//! beside a field.

use super::state::AppState;
use crate::i18n::t;
use crate::model::{DepartmentEvaluation, Evaluation, Indicator};
use crate::rules::{Assessment, IndicatorResult};
use crate::rules::{Diagnostic, Field, HeaderField, IndicatorField};
use leptos::prelude::*;

/// A document the user edits: edits go through the app state so they are saved.
pub trait Doc: Clone + Send + Sync + 'static {
    fn commit(app: AppState, doc: RwSignal<Self>, f: impl FnOnce(&mut Self));
}

impl Doc for Evaluation {
    fn commit(app: AppState, doc: RwSignal<Self>, f: impl FnOnce(&mut Self)) {
        app.edit(doc, f)
    }
}

impl Doc for DepartmentEvaluation {
    fn commit(app: AppState, doc: RwSignal<Self>, f: impl FnOnce(&mut Self)) {
        app.edit_department(doc, f)
    }
}

/// The diagnostics of the document being edited, by the field they concern: each field looks up
/// its own messages instead of scanning the whole list (a 200-row form has thousands of fields).
pub type Diags = Memo<DiagIndex>;
pub type DiagIndex = std::collections::HashMap<Field, Vec<Diagnostic>>;

/// Groups diagnostics by field. Indicator rows are left out: their cells read their messages
/// through [`RowFeed`], so copying them here on every keystroke would be work nobody reads.
pub fn index_diagnostics(ds: &[Diagnostic]) -> DiagIndex {
    let mut m: DiagIndex = std::collections::HashMap::new();
    for d in ds
        .iter()
        .filter(|d| !matches!(d.field, Field::Indicator(..)))
    {
        m.entry(d.field.clone()).or_default().push(d.clone());
    }
    m
}

/// One field's messages as a memo: its views re-render only when its own messages change.
pub fn field_diags(diags: Diags, field: Field) -> Memo<Vec<Diagnostic>> {
    Memo::new(move |_| diags.with(|m| m.get(&field).cloned().unwrap_or_default()))
}

/// Groups the diagnostics of indicator rows by row id.
pub fn index_by_row(ds: &[Diagnostic]) -> std::collections::HashMap<&str, Vec<&Diagnostic>> {
    let mut m: std::collections::HashMap<&str, Vec<&Diagnostic>> = Default::default();
    for d in ds {
        if let Field::Indicator(id, _) = &d.field {
            m.entry(id.as_str()).or_default().push(d);
        }
    }
    m
}

/// One 三级指标 row as its cells read it: the row, the engine's result for it and its messages,
/// each a signal of its own. [`RowFeed`] sets them, and only when they change: a keystroke
/// notifies the edited row alone instead of every row's nodes subscribing to the whole form
/// (on a 200-row form that fan-out was most of a keystroke's time).
#[derive(Clone, Copy)]
pub struct RowView {
    pub row: RwSignal<Option<Indicator>>,
    pub result: RwSignal<Option<IndicatorResult>>,
    pub diags: RwSignal<Vec<Diagnostic>>,
}

/// Feeds the rows' signals of one indicator table from the form and its assessment.
#[derive(Clone, Copy)]
pub struct RowFeed {
    rows: StoredValue<std::collections::HashMap<String, RowView>>,
    doc: RwSignal<Evaluation>,
    assessment: Memo<Assessment>,
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl RowFeed {
    /// Call in the table's component: the signals live as long as the table.
    pub fn new(doc: RwSignal<Evaluation>, assessment: Memo<Assessment>) -> RowFeed {
        let feed = RowFeed {
            rows: StoredValue::new(Default::default()),
            doc,
            assessment,
            owner: StoredValue::new_local(Owner::current()),
        };
        Effect::new(move |_| doc.with(|e| feed.rows.with_value(|m| feed_rows(m, e))));
        Effect::new(move |_| assessment.with(|a| feed.rows.with_value(|m| feed_results(m, a))));
        feed
    }

    /// The signals of row `id`, made on first use (with the current values) or brought up to
    /// date (a row put back by undo).
    pub fn row(self, id: &str) -> RowView {
        let (row, result, diags) = (
            self.doc.with_untracked(|e| e.indicator(id).cloned()),
            self.assessment.with_untracked(|a| a.indicator(id).cloned()),
            self.assessment.with_untracked(|a| row_diags(a, id)),
        );
        if let Some(rv) = self.rows.with_value(|m| m.get(id).copied()) {
            set_if_changed(rv.row, row);
            set_if_changed(rv.result, result);
            set_if_changed(rv.diags, diags);
            return rv;
        }
        let make = move || RowView {
            row: RwSignal::new(row),
            result: RwSignal::new(result),
            diags: RwSignal::new(diags),
        };
        let rv = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.rows.update_value(|m| {
            m.insert(id.to_string(), rv);
        });
        rv
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| v != &value) {
        signal.set(value);
    }
}

fn row_diags(a: &Assessment, id: &str) -> Vec<Diagnostic> {
    a.diagnostics
        .iter()
        .filter(|d| matches!(&d.field, Field::Indicator(row, _) if row == id))
        .cloned()
        .collect()
}

fn feed_rows(rows: &std::collections::HashMap<String, RowView>, e: &Evaluation) {
    for i in &e.indicators {
        if let Some(rv) = rows.get(&i.id) {
            if rv.row.with_untracked(|r| r.as_ref() != Some(i)) {
                rv.row.set(Some(i.clone()));
            }
        }
    }
}

fn feed_results(rows: &std::collections::HashMap<String, RowView>, a: &Assessment) {
    for r in &a.indicators {
        if let Some(rv) = rows.get(&r.id) {
            if rv.result.with_untracked(|x| x.as_ref() != Some(r)) {
                rv.result.set(Some(r.clone()));
            }
        }
    }
    let by_row = index_by_row(&a.diagnostics);
    for (id, rv) in rows {
        let mine = by_row
            .get(id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let same = rv.diags.with_untracked(|ds| {
            ds.len() == mine.len() && ds.iter().zip(mine).all(|(a, b)| a == *b)
        });
        if !same {
            rv.diags.set(mine.iter().map(|d| (*d).clone()).collect());
        }
    }
}

impl RowView {
    /// The text of one cell.
    pub fn value(self, which: IndicatorField) -> Memo<String> {
        Memo::new(move |_| {
            self.row.with(|r| {
                r.as_ref()
                    .map(|i| match which {
                        IndicatorField::Name => i.name.clone(),
                        IndicatorField::Target => i.target.clone(),
                        IndicatorField::AdjustedTarget => i.adjusted_target.clone(),
                        IndicatorField::Actual => i.actual.clone(),
                        IndicatorField::Weight => i.weight.clone(),
                        IndicatorField::Claimed => i.claimed.clone(),
                        IndicatorField::Reason => i.reason.clone(),
                        IndicatorField::ReviewScore => i.review.score.clone(),
                        IndicatorField::ReviewOpinion => i.review.opinion.clone(),
                        IndicatorField::Kind | IndicatorField::Tier => String::new(),
                    })
                    .unwrap_or_default()
            })
        })
    }

    /// The messages about one cell.
    pub fn field_diags(self, field: Field) -> Memo<Vec<Diagnostic>> {
        Memo::new(move |_| {
            self.diags
                .with(|ds| ds.iter().filter(|d| d.field == field).cloned().collect())
        })
    }
}

/// The DOM id of a field's input, so the 审核提示 panel can focus it.
pub fn field_dom_id(field: &Field) -> String {
    match field {
        Field::Header(h) => format!("f-h-{}", variant(h)),
        Field::FundCell(r, c) => format!("f-fund-{}-{}", variant(r), variant(c)),
        Field::FundWeight => "f-fund-weight".into(),
        Field::FundClaimed => "f-fund-claimed".into(),
        Field::FundReason => "f-fund-reason".into(),
        Field::FundReview => "f-fund-review".into(),
        Field::FundReviewOpinion => "f-fund-review-opinion".into(),
        Field::Level1Weight(l) => format!("f-l1-{}", variant(l)),
        Field::Indicator(id, f) => format!("f-i-{id}-{}", variant(f)),
        Field::Total => "f-total".into(),
        Field::ClaimedTotal => "f-claimed-total".into(),
        Field::ClaimedGrade => "f-claimed-grade".into(),
        Field::FundClaimedRate => "f-fund-claimed-rate".into(),
        Field::Note => "f-note".into(),
        Field::Dept(d) => format!("f-d-{}", variant(d)),
    }
}

/// A field enum's variant names as an id part: `ProjectName`, `Account_Income_Budget`. Through
/// serde, not `Debug`: the release build leaves `Debug` output out (`-Zfmt-debug=none`).
fn variant<T: serde::Serialize>(v: &T) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    json.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Messages the engine attaches to `field`, shown under it.
pub fn notes(diags: Diags, field: Field) -> impl IntoView {
    let mine = field_diags(diags, field);
    notes_of(mine)
}

pub fn notes_of(mine: Memo<Vec<Diagnostic>>) -> impl IntoView {
    move || {
        mine.with(|ds| {
            ds.iter()
                .map(|d| {
                    let class = format!("note {}", d.level.key());
                    view! { <div class=class>{message(d)}</div> }
                })
                .collect_view()
        })
    }
}

/// Whether the engine has an error or warning for `field` (for the input's border).
fn flagged(mine: Memo<Vec<Diagnostic>>) -> &'static str {
    mine.with(|ds| {
        let mut level = "";
        for d in ds {
            match d.level {
                crate::rules::Level::Error => return "has-error",
                crate::rules::Level::Warning => level = "has-warning",
                crate::rules::Level::Info => {}
            }
        }
        level
    })
}

/// A single-line text input bound to one string of the evaluation, with its notes.
#[allow(clippy::too_many_arguments)]
pub fn text_input<T: Doc>(
    app: AppState,
    doc: RwSignal<T>,
    diags: Diags,
    field: Field,
    label: String,
    class: &'static str,
    get: impl Fn(&T) -> String + Send + Sync + 'static,
    set: impl Fn(&mut T, String) + 'static,
) -> AnyView {
    let value = Memo::new(move |_| doc.with(&get));
    let mine = field_diags(diags, field.clone());
    text_input_bound(app, doc, &field, label, class, value, mine, set)
}

/// [`text_input`] with its value and messages given as memos.
#[allow(clippy::too_many_arguments)]
pub fn text_input_bound<T: Doc>(
    app: AppState,
    doc: RwSignal<T>,
    field: &Field,
    label: String,
    class: &'static str,
    value: Memo<String>,
    mine: Memo<Vec<Diagnostic>>,
    set: impl Fn(&mut T, String) + 'static,
) -> AnyView {
    let on_input = Box::new(move |v: String| T::commit(app, doc, |e| set(e, v)));
    input_box(field_dom_id(field), label, class, value, mine, on_input)
}

/// The one text input of every field. Not generic (only the edit it makes is), so its view is
/// compiled once instead of once per field: a large part of the module is view code, and this
/// widget appears on every form (issue 14).
fn input_box(
    id: String,
    label: String,
    class: &'static str,
    value: Memo<String>,
    mine: Memo<Vec<Diagnostic>>,
    on_input: Box<dyn Fn(String)>,
) -> AnyView {
    view! {
        <input
            type="text"
            id=id
            class=move || format!("{class} {}", flagged(mine))
            aria-label=label
            // screen readers announce a field the engine marks as wrong
            aria-invalid=move || if flagged(mine) == "has-error" { "true" } else { "false" }
            prop:value=move || value.get()
            on:input=move |ev| on_input(event_target_value(&ev))
        />
        <span class=format!("print-only {class}")>{move || value.get()}</span>
        {notes_of(mine)}
    }
    .into_any()
}

/// A multi-line text area bound to one string of the evaluation, with its notes.
#[allow(clippy::too_many_arguments)]
pub fn text_area<T: Doc>(
    app: AppState,
    doc: RwSignal<T>,
    diags: Diags,
    field: Field,
    label: String,
    get: impl Fn(&T) -> String + Send + Sync + 'static,
    set: impl Fn(&mut T, String) + 'static,
) -> AnyView {
    let value = Memo::new(move |_| doc.with(&get));
    let mine = field_diags(diags, field.clone());
    text_area_bound(app, doc, &field, label, value, mine, set)
}

/// [`text_area`] with its value and messages given as memos.
pub fn text_area_bound<T: Doc>(
    app: AppState,
    doc: RwSignal<T>,
    field: &Field,
    label: String,
    value: Memo<String>,
    mine: Memo<Vec<Diagnostic>>,
    set: impl Fn(&mut T, String) + 'static,
) -> AnyView {
    let on_input = Box::new(move |v: String| T::commit(app, doc, |e| set(e, v)));
    area_box(field_dom_id(field), label, value, mine, on_input)
}

/// The one text area of every field; not generic, as [`input_box`].
fn area_box(
    id: String,
    label: String,
    value: Memo<String>,
    mine: Memo<Vec<Diagnostic>>,
    on_input: Box<dyn Fn(String)>,
) -> AnyView {
    view! {
        <span class="print-only pre">{move || value.get()}</span>
        <textarea
            id=id
            rows="2"
            class=move || flagged(mine)
            aria-label=label
            // screen readers announce a field the engine marks as wrong
            aria-invalid=move || if flagged(mine) == "has-error" { "true" } else { "false" }
            prop:value=move || value.get()
            on:input=move |ev| on_input(event_target_value(&ev))
        ></textarea>
        {notes_of(mine)}
    }
    .into_any()
}

/// A header field (项目名称 …) with its label.
pub fn header_field(
    app: AppState,
    doc: RwSignal<Evaluation>,
    assessment: Diags,
    which: HeaderField,
) -> impl IntoView {
    let label = match which {
        HeaderField::ProjectName => t("项目名称"),
        HeaderField::Department => t("主管部门"),
        HeaderField::ImplementingUnit => t("实施单位"),
        HeaderField::Year => t("年度"),
    };
    text_input(
        app,
        doc,
        assessment,
        Field::Header(which),
        label.to_string(),
        "wide",
        move |e| match which {
            HeaderField::ProjectName => e.project_name.clone(),
            HeaderField::Department => e.department.clone(),
            HeaderField::ImplementingUnit => e.implementing_unit.clone(),
            HeaderField::Year => e.year.clone(),
        },
        move |e, v| match which {
            HeaderField::ProjectName => e.project_name = v,
            HeaderField::Department => e.department = v,
            HeaderField::ImplementingUnit => e.implementing_unit = v,
            HeaderField::Year => e.year = v,
        },
    )
}

/// An indicator cell: the field of row `row_id`.
pub fn indicator_text(
    app: AppState,
    doc: RwSignal<Evaluation>,
    row: RowView,
    row_id: String,
    which: IndicatorField,
    label: String,
    multiline: bool,
) -> AnyView {
    let set_id = row_id.clone();
    let set = move |e: &mut Evaluation, v: String| {
        if let Some(i) = e.indicator_mut(&set_id) {
            match which {
                IndicatorField::Name => i.name = v,
                IndicatorField::Target => i.target = v,
                IndicatorField::AdjustedTarget => i.adjusted_target = v,
                IndicatorField::Actual => i.actual = v,
                IndicatorField::Weight => i.weight = v,
                IndicatorField::Claimed => i.claimed = v,
                IndicatorField::Reason => i.reason = v,
                IndicatorField::ReviewScore => i.review.score = v,
                IndicatorField::ReviewOpinion => i.review.opinion = v,
                IndicatorField::Kind | IndicatorField::Tier => {}
            }
        }
    };
    let field = Field::Indicator(row_id, which);
    let value = row.value(which);
    let mine = row.field_diags(field.clone());
    if multiline {
        text_area_bound(app, doc, &field, label, value, mine, set)
    } else {
        let class = match which {
            IndicatorField::Weight | IndicatorField::Claimed | IndicatorField::ReviewScore => "num",
            _ => "cell",
        };
        text_input_bound(app, doc, &field, label, class, value, mine, set)
    }
}

/// A diagnostic's message in the current language (the engine writes both).
pub fn message(d: &Diagnostic) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => d.zh.clone(),
        crate::i18n::Lang::En => d.en.clone(),
    }
}

/// "衡山县商务和粮食局 · 2022年" for a department-year group, in the current language.
pub fn group_label(key: &crate::summary::GroupKey) -> String {
    let department = if key.department.is_empty() {
        t("（未填主管部门）").to_string()
    } else {
        key.department.clone()
    };
    let year = if key.year.is_empty() {
        t("（未填年度）").to_string()
    } else {
        crate::i18n::tf("{}年", &[&key.year])
    };
    format!("{department} · {year}")
}

/// "2022年度预算支出绩效自评表": the form's title with its year when there is one.
pub fn form_title(year: &str, title: &str) -> String {
    if year.trim().is_empty() {
        title.to_string()
    } else {
        crate::i18n::tf("{}年度{}", &[&year.trim(), &title])
    }
}

/// A labelled one-line field of a form's foot (填表人, 复核人 …): an input on screen, the value on
/// a signature line in print.
pub fn line_input(
    app: AppState,
    doc: RwSignal<Evaluation>,
    label: &'static str,
    get: fn(&Evaluation) -> String,
    set: fn(&mut Evaluation, String),
) -> impl IntoView {
    view! {
        <label class="signoff-field">
            <span>{label}{t("：")}</span>
            <span class="print-only signline">{move || doc.with(get)}</span>
            <input
                type="text"
                aria-label=label
                prop:value=move || doc.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    app.edit(doc, |e| set(e, v));
                }
            />
        </label>
    }
}

/// A link to a page of the app: a real `href` (open in a new tab, copy the address) that moves
/// within the page on a plain click. `class` and `testid` are left out when None.
pub fn route_link(
    app: AppState,
    route: super::state::Route,
    class: Option<&'static str>,
    testid: Option<&'static str>,
    label: impl IntoView + 'static,
) -> impl IntoView {
    let href = route.to_hash();
    view! {
        <a href=href class=class data-testid=testid on:click=move |ev| {
            ev.prevent_default();
            app.navigate(route.clone());
        }>{label}</a>
    }
}
