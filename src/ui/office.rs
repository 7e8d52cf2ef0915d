//! The bridge to the office module (static/office.template.js starts it in a worker on first
//! use) and the preview of forms read from Word, Excel, WPS, HTML and text: for each form its
//! header, fund table and indicator rows as read, the total the document printed beside the total
//! ziping computes, and what could not be placed.

use crate::i18n::{lang, t, tf, Lang};
use crate::import::{Preview, PreviewForm};
use crate::model::{FundColumn, FundRowKind};
use crate::rules::{assess, num::fmt2};
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = zipingOffice, js_name = readFile, catch)]
    fn read_file_js(name: &str, bytes: &[u8]) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = zipingOffice, js_name = readClipboard, catch)]
    fn read_clipboard_js(html: &str, plain: &str) -> Result<js_sys::Promise, JsValue>;
}

#[derive(Deserialize)]
struct ErrorText {
    zh: String,
    en: String,
}

/// The module's answer: `{"ok": outcome}` or `{"error": {zh, en}}`.
#[derive(Deserialize)]
struct Answer {
    ok: Option<Preview>,
    error: Option<ErrorText>,
}

/// What the office worker answered to a request, or the message for why there is no answer:
/// `unavailable` when the module cannot start, `timed_out` when it gave up, `failed(why)` when it
/// stopped.
pub(super) async fn settled(
    promise: Result<js_sys::Promise, JsValue>,
    unavailable: &str,
    timed_out: &str,
    failed: impl Fn(&str) -> String,
) -> Result<JsValue, String> {
    let promise = promise.map_err(|_| unavailable.to_string())?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            if why == "timeout" {
                timed_out.to_string()
            } else {
                failed(&why)
            }
        })
}

async fn answer(promise: Result<js_sys::Promise, JsValue>) -> Result<Preview, String> {
    let unavailable = || t("无法启动读取Word/Excel文件的组件，请刷新页面后再试").to_string();
    let value = settled(
        promise,
        &unavailable(),
        t("文件过大或过于复杂，读取超时，未导入任何内容"),
        |why| tf("读取失败（{}），未导入任何内容", &[&why]),
    )
    .await?;
    let text = value.as_string().ok_or_else(unavailable)?;
    // straight from the text: the page deserialises forms from text only (`model::tree`)
    let answer: Answer = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    match (answer.ok, answer.error) {
        (Some(o), _) => Ok(o),
        (None, Some(e)) => Err(match lang() {
            Lang::Zh => e.zh,
            Lang::En => e.en,
        }),
        (None, None) => Err(unavailable()),
    }
}

/// The forms in a file (.xlsx, .xls, .docx, .html, .txt, a CSV not of ziping's own).
pub async fn read_file(name: &str, bytes: &[u8]) -> Result<Preview, String> {
    answer(read_file_js(name, bytes)).await
}

/// The forms in a paste: the clipboard's HTML and its plain text.
pub async fn read_clipboard(html: &str, plain: &str) -> Result<Preview, String> {
    answer(read_clipboard_js(html, plain)).await
}

/// The clipboard's HTML and text of a paste event, when it holds a table (or, `text_too`, any
/// text at all).
pub fn clipboard_of(ev: &web_sys::ClipboardEvent, text_too: bool) -> Option<(String, String)> {
    let data = ev.clipboard_data()?;
    let html = data.get_data("text/html").unwrap_or_default();
    let plain = data.get_data("text/plain").unwrap_or_default();
    // one cell copied from a sheet also comes as a table: a table is two rows or two columns
    let rows = html.to_ascii_lowercase().matches("<tr").count();
    let table = rows >= 2 || plain.contains('\t');
    (table || (text_too && !plain.trim().is_empty())).then_some((html, plain))
}

/// Whether an event comes from a field the user types in (their paste is theirs).
pub fn from_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// One form of the preview.
#[component]
pub fn RecognisedForm(form: PreviewForm, accept_weights: RwSignal<bool>) -> impl IntoView {
    let e = form.evaluation.clone();
    let a = assess(&e);
    let title = if e.project_name.trim().is_empty() {
        t("（未填项目名称）").to_string()
    } else {
        e.project_name.clone()
    };
    let place = form.at.get(lang()).to_string();
    let printed = e.claimed_total.trim().to_string();
    let computed = fmt2(a.total);
    let differs = !printed.is_empty()
        && printed
            .parse::<rust_decimal::Decimal>()
            .map(|p| (p - a.total).abs() > rust_decimal::Decimal::new(5, 3))
            .unwrap_or(true);
    let funds: Vec<Vec<String>> = FundRowKind::ALL
        .into_iter()
        .filter(|k| {
            FundColumn::ALL
                .iter()
                .any(|c| !e.funds.row(*k).get(*c).is_empty())
        })
        .map(|k| {
            let row = e.funds.row(k);
            vec![
                t(k.name_zh()).to_string(),
                row.initial_budget.clone(),
                row.annual_budget.clone(),
                row.executed.clone(),
            ]
        })
        .collect();
    let rows: Vec<Vec<String>> = e
        .indicators
        .iter()
        .map(|r| {
            vec![
                t(r.level2.name_zh()).to_string(),
                r.name.clone(),
                r.target.clone(),
                r.actual.clone(),
                r.weight.clone(),
                r.claimed.clone(),
                r.reason.clone(),
            ]
        })
        .collect();
    let notes = form
        .notes
        .iter()
        .map(|n| view! { <li>{n.get(lang()).to_string()}</li> })
        .collect_view();
    let unplaced = form
        .unplaced
        .iter()
        .map(|(at, text)| view! { <li><span class="sub">{at.get(lang()).to_string()}</span>" "{text.clone()}</li> })
        .collect_view();
    let has_unplaced = !form.unplaced.is_empty();
    let proposal = (!form.proposed_weights.is_empty()).then(|| {
        let basis = form
            .proposal_basis
            .iter()
            .map(|n| n.get(lang()).to_string())
            .collect::<Vec<_>>()
            .join(t("；"));
        view! {
            <label class="proposal">
                <input
                    type="checkbox"
                    data-testid="accept-weights"
                    prop:checked=move || accept_weights.get()
                    on:change=move |ev| accept_weights.set(event_target_checked(&ev))
                />
                {tf("表中没有印出的分值可由表上内容推得（{}），采用这些分值", &[&basis])}
            </label>
        }
    });
    let n_rows = e.indicators.len();
    view! {
        <details class="recognised" data-testid="recognised-form">
            <summary>
                <strong>{title}</strong>
                " · "
                {e.year.clone()}
                " · "
                {e.department.clone()}
                " · "
                {tf("{}行指标", &[&n_rows])}
                " · "
                <span class:departs=differs data-testid="recognised-totals">
                    {if printed.is_empty() {
                        tf("计算总分 {}", &[&computed])
                    } else {
                        tf("表上总分 {} · 计算总分 {}", &[&printed, &computed])
                    }}
                </span>
                <span class="sub">{tf("（{}）", &[&place])}</span>
            </summary>
            <p class="sub">
                {tf("主管部门：{}　实施单位：{}", &[&e.department, &e.implementing_unit])}
            </p>
            {mini_table(
                &[t("项目资金（万元）"), t("年初预算数"), t("全年预算数"), t("全年执行数")],
                funds,
            )}
            {mini_table(
                &[
                    t("二级指标"),
                    t("三级指标"),
                    t("年度指标值"),
                    t("实际完成值"),
                    t("分值"),
                    t("得分"),
                    t("偏差原因分析及改进措施"),
                ],
                rows,
            )}
            <ul class="notes">{notes}</ul>
            {proposal}
            <Show when=move || has_unplaced>
                <p>{t("未能归入栏目的内容（已记入该表的“备注”）：")}</p>
            </Show>
            <ul class="unplaced" data-testid="unplaced">{unplaced}</ul>
        </details>
    }
}

/// A small table of text: the titles, then the rows.
fn mini_table(titles: &[&'static str], rows: Vec<Vec<String>>) -> impl IntoView {
    let head = titles
        .iter()
        .map(|h| view! { <th>{*h}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|cells| {
            let cells = cells
                .into_iter()
                .map(|c| view! { <td class="pre">{c}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="mini">
            <thead><tr>{head}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}
