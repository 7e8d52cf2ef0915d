//! Export (JSON, CSV) as real downloads, and import (file picker and drag-and-drop) through a
//! preview: the file is checked first, nothing changes until the user confirms, and an existing
//! evaluation is never overwritten without the user choosing to.

use super::intake::{adopt, dropped, dropped_files, picked, read_all, Picked};
use super::state::{now_ms, AppState};
use crate::exchange::csv::{indicators_csv, summary_csv};
use crate::exchange::intake::{gather, Arrival, FileOutcome};
use crate::exchange::plan::{actions, Choice, DocKind, Newer, PlanItem};
use crate::exchange::{export_json, file_name, Envelope};
use crate::i18n::{t, tf};
use crate::import::PreviewForm;
use crate::model::{DepartmentEvaluation, Evaluation, Workspace};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `content` as a file download.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| t("无法生成文件").to_string())?;
    download_blob(name, &blob)
}

/// Offers bytes the office module wrote (a `Uint8Array`) as a file download.
pub fn download_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) -> Result<(), String> {
    let parts = js_sys::Array::of1(bytes);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|_| t("无法生成文件").to_string())?;
    download_blob(name, &blob)
}

fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| t("无法生成下载链接").to_string())?;
    let doc = document();
    let a = doc
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| t("无法创建下载链接").to_string())?;
    a.set_href(&url);
    a.set_download(name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
    // let the browser start the download before the URL goes
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// Today as `20261124`, for file names of several forms.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

pub fn export_evaluation_json(e: &Evaluation) -> Result<(), String> {
    let env = Envelope::new(vec![e.clone()], Vec::new(), now_ms());
    let name = file_name(
        &[&e.year, &e.department, &e.project_name],
        t("绩效自评"),
        "json",
    );
    download(&name, "application/json", &export_json(&env))
}

pub fn export_evaluation_csv(e: &Evaluation) -> Result<(), String> {
    let name = file_name(
        &[&e.year, &e.department, &e.project_name],
        t("绩效自评指标明细"),
        "csv",
    );
    download(&name, "text/csv;charset=utf-8", &indicators_csv([e]))
}

/// A department-year: its project forms and its department form.
pub fn export_group_json(
    department: &str,
    year: &str,
    evaluations: Vec<Evaluation>,
    departments: Vec<DepartmentEvaluation>,
) -> Result<(), String> {
    let env = Envelope::new(evaluations, departments, now_ms());
    let name = file_name(&[year, department], t("部门绩效自评全部"), "json");
    download(&name, "application/json", &export_json(&env))
}

pub fn export_group_csv(
    department: &str,
    year: &str,
    evaluations: &[Evaluation],
    indicators: bool,
) -> Result<(), String> {
    if indicators {
        let name = file_name(&[year, department], t("绩效自评指标明细"), "csv");
        download(
            &name,
            "text/csv;charset=utf-8",
            &indicators_csv(evaluations),
        )
    } else {
        let name = file_name(&[year, department], t("绩效自评汇总表"), "csv");
        download(&name, "text/csv;charset=utf-8", &summary_csv(evaluations))
    }
}

pub fn export_selection_json(
    evaluations: Vec<Evaluation>,
    departments: Vec<DepartmentEvaluation>,
) -> Result<(), String> {
    let n = evaluations.len() + departments.len();
    let name = file_name(&[&today()], &tf("绩效自评_{}份", &[&n]), "json");
    let env = Envelope::new(evaluations, departments, now_ms());
    download(&name, "application/json", &export_json(&env))
}

/// Files read and checked, waiting for the user's choices.
#[derive(Clone)]
struct Pending {
    /// The file's name, or how many files.
    label: String,
    /// Each file's line (shown when there are several, or one was refused).
    files: Vec<FileOutcome>,
    envelope: Envelope,
    items: Vec<PlanItem>,
    choices: Vec<RwSignal<Choice>>,
    /// Per project form: the account of its reading when it came from Word, Excel, WPS, HTML or
    /// text.
    recognised: Vec<Option<PreviewForm>>,
    /// Per project form: take the 分值 the form implies for rows printed without one.
    accept_weights: Vec<RwSignal<bool>>,
    /// What each item takes in storage, and the room left (None without storage).
    space: Option<(Vec<crate::workspace::ItemSpace>, usize)>,
}

/// A size in the browser's storage (UTF-16 code units, two bytes each), for people.
fn fmt_size(units: i64) -> String {
    let bytes = units.max(0).saturating_mul(2);
    if bytes >= 1024 * 1024 {
        let tenths = bytes * 10 / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

fn fmt_time(ms: u64) -> String {
    if ms == 0 {
        return t("未知").into();
    }
    // a JS Date takes its milliseconds as a JS number; this is a timestamp, not an amount
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Shows what the files gave for confirmation, or why nothing can be imported.
fn show(
    app: AppState,
    arrivals: Vec<Arrival>,
    pending: RwSignal<Option<Pending>>,
    error: RwSignal<Option<String>>,
) {
    let label = match arrivals.as_slice() {
        [one] => one.file.clone(),
        many => tf("{}个文件", &[&many.len()]),
    };
    let ws = app.snapshot();
    let batch = gather(&ws, arrivals, now_ms());
    if batch.items.is_empty() {
        pending.set(None);
        let why: Vec<String> = batch
            .refused()
            .map(|(file, why)| tf("“{}”未导入：{}", &[&file, &why]))
            .collect();
        error.set(Some(if why.is_empty() {
            t("没有找到可导入的文件").to_string()
        } else {
            why.join("\n")
        }));
        return;
    }
    let choices = batch
        .items
        .iter()
        .map(|it| RwSignal::new(it.proposed()))
        .collect();
    error.set(None);
    let accept_weights = batch
        .recognised
        .iter()
        .map(|_| RwSignal::new(false))
        .collect();
    let space = app.space_for(&batch.envelope);
    pending.set(Some(Pending {
        label,
        files: batch.files,
        envelope: batch.envelope,
        items: batch.items,
        choices,
        recognised: batch.recognised,
        accept_weights,
        space,
    }));
}

/// Reads the files (in the background, with a progress line) and shows the batch.
fn take_files(
    app: AppState,
    files: impl std::future::Future<Output = Vec<Picked>> + 'static,
    pending: RwSignal<Option<Pending>>,
    error: RwSignal<Option<String>>,
    reading: RwSignal<Option<(usize, usize)>>,
) {
    pending.set(None);
    error.set(None);
    reading.set(Some((0, 0)));
    leptos::task::spawn_local(async move {
        let files = files.await;
        let arrivals = read_all(app, files, |n, of| reading.set(Some((n, of)))).await;
        reading.set(None);
        show(app, arrivals, pending, error);
    });
}

/// Import: a file picker, a drop zone, the preview with a choice for every conflict.
#[component]
pub fn ImportPanel(app: AppState) -> impl IntoView {
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let done: RwSignal<Option<String>> = RwSignal::new(None);
    let dragging = RwSignal::new(false);
    let reading: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(list) = input.files().filter(|f| f.length() > 0) {
                done.set(None);
                let files = picked(&list);
                take_files(app, async move { files }, pending, error, reading);
            }
            // picking the same file again must fire again
            input.set_value("");
        }
    };
    // Ctrl+V on the list page: a table copied from Word, Excel or WPS becomes new forms
    let paste = window_event_listener(leptos::ev::paste, move |ev: web_sys::ClipboardEvent| {
        if super::office::from_field(&ev) {
            return;
        }
        let Some((html, plain)) = super::office::clipboard_of(&ev, true) else {
            return;
        };
        ev.prevent_default();
        done.set(None);
        leptos::task::spawn_local(async move {
            let read = match super::office::read_clipboard(&html, &plain).await {
                Ok(preview) => adopt(&app, &app.snapshot(), preview, &mut Vec::new()),
                Err(why) => Err(why),
            };
            let file = t("粘贴的内容").to_string();
            show(app, vec![Arrival { file, read }], pending, error);
        });
    });
    on_cleanup(move || paste.remove());
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(data) = ev.data_transfer() else {
            return;
        };
        done.set(None);
        // the folder walk starts now: the browser forgets the dropped items after this handler
        match dropped(&data) {
            Some(walk) => take_files(app, dropped_files(walk), pending, error, reading),
            None => {
                let files = data.files().map(|l| picked(&l)).unwrap_or_default();
                take_files(app, async move { files }, pending, error, reading);
            }
        }
    };
    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let choices: Vec<Choice> = p.choices.iter().map(|c| c.get_untracked()).collect();
        let mut envelope = p.envelope;
        for ((r, accept), e) in p
            .recognised
            .iter()
            .zip(&p.accept_weights)
            .zip(envelope.evaluations.iter_mut())
        {
            let Some(r) = r else {
                continue;
            };
            if accept.get_untracked() {
                // the id the plan gave it (a stored twin's, when it replaces one) stays
                let id = std::mem::take(&mut e.id);
                *e = r.with_proposed_weights();
                e.id = id;
            }
        }
        let acts = actions(envelope, &choices, |id| app.id_taken(id));
        let n = acts.len();
        match app.import(acts) {
            Ok(()) => {
                pending.set(None);
                error.set(None);
                done.set(Some(tf("已从“{}”导入 {} 份。", &[&p.label, &n])));
            }
            // nothing changed: the preview stays, so the user can skip some or make room
            Err(why) => error.set(Some(tf(
                "“{}”未导入，本机数据没有任何改动：{}",
                &[&p.label, &why],
            ))),
        }
    };
    let preview = move || {
        pending.get().map(|p| {
            let rows = p
                .items
                .iter()
                .zip(p.choices.iter().copied())
                .map(|(it, choice)| {
                    let kind = match it.kind {
                        DocKind::Project => t("项目支出"),
                        DocKind::Department => t("部门整体支出"),
                    };
                    let status = match &it.conflict {
                        None => view! { <span class="new">{t("新增")}</span> }.into_any(),
                        Some(c) => {
                            let newer = if c.identical {
                                t("内容相同")
                            } else {
                                match c.newer {
                                    Newer::Incoming => t("文件中的较新"),
                                    Newer::Existing => t("本机的较新"),
                                    Newer::Same => t("修改时间相同"),
                                }
                            };
                            let first = choice.get_untracked();
                            view! {
                                <span class="conflict" data-status=it.status().key()>
                                    {tf("已存在（本机：{}，修改于{}；文件：修改于{}；{}）", &[&c.existing_title, &fmt_time(c.existing_updated_at), &fmt_time(c.incoming_updated_at), &newer])}
                                </span>
                                <select
                                    aria-label=t("处理方式")
                                    class="conflict-choice"
                                    on:change=move |ev| {
                                        choice.set(match event_target_value(&ev).as_str() {
                                            "replace" => Choice::Replace,
                                            "both" => Choice::KeepBoth,
                                            _ => Choice::Skip,
                                        })
                                    }
                                >
                                    <option value="skip" selected=first == Choice::Skip>{t("跳过（保留本机的）")}</option>
                                    <option value="replace" selected=first == Choice::Replace>{t("替换本机的")}</option>
                                    <option value="both">{t("两份都保留")}</option>
                                </select>
                            }
                            .into_any()
                        }
                    };
                    view! {
                        <li data-id=it.id.clone()>
                            <span class="kind sub">{kind}</span>
                            " "
                            <strong>{it.title.clone()}</strong>
                            " "
                            {status}
                        </li>
                    }
                })
                .collect_view();
            let recognised: Vec<_> = p
                .recognised
                .iter()
                .cloned()
                .zip(p.accept_weights.iter().copied())
                .filter_map(|(form, accept)| Some((form?, accept)))
                .collect();
            let many = recognised.len() > 3;
            let forms = recognised
                .into_iter()
                .map(|(form, accept)| view! { <super::office::RecognisedForm form=form accept_weights=accept /> })
                .collect_view();
            // many forms read from documents: their accounts folded away, the list first
            let forms = if many {
                view! {
                    <details class="recognised-list">
                        <summary>{t("查看从Word、Excel等文件读出的各表详情")}</summary>
                        {forms}
                    </details>
                }
                .into_any()
            } else {
                view! { <div class="recognised-list">{forms}</div> }.into_any()
            };
            let files = file_lines(&p.files, &p.items);
            // the room it needs follows the choices; an import that cannot fit is not offered
            let choices = p.choices.clone();
            let space = p.space.clone();
            let need = Memo::new(move |_| {
                space.as_ref().map(|(spaces, free)| {
                    let chosen: Vec<Choice> = choices.iter().map(|c| c.get()).collect();
                    (crate::workspace::needed(spaces, &chosen), *free as i64)
                })
            });
            let fits = move || need.get().is_none_or(|(n, free)| n <= free);
            let space_line = move || {
                need.get().map(|(n, free)| {
                    let line = tf(
                        "导入需要约 {} 的浏览器存储空间，本机还剩约 {}。",
                        &[&fmt_size(n), &fmt_size(free)],
                    );
                    if n <= free {
                        view! { <p class="sub" data-testid="import-space">{line}</p> }.into_any()
                    } else {
                        view! {
                            <p class="banner error" role="alert" data-testid="import-space">
                                {line}
                                {t("空间不足，不能导入：请先导出备份，再删除不需要的表或清空回收站；也可以把部分表设为“跳过”，分批导入。")}
                            </p>
                        }
                        .into_any()
                    }
                })
            };
            view! {
                <div class="import-preview" data-testid="import-preview">
                    <p>{tf("“{}”中有 {} 份表：", &[&p.label, &p.items.len()])}</p>
                    {files}
                    {forms}
                    <ul>{rows}</ul>
                    {space_line}
                    <button class="primary" data-testid="confirm-import" on:click=confirm prop:disabled=move || !fits()>{t("确认导入")}</button>
                    <button on:click=move |_| pending.set(None)>{t("取消")}</button>
                </div>
            }
        })
    };
    view! {
        <div
            class="import"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label class="import-pick">
                {t("导入文件（可一次选多个：本工具的JSON、CSV，.zip压缩包，或Excel、Word、WPS保存的.xlsx、.xls、.docx、网页、文本），也可把文件或文件夹拖到这里，或在本页按Ctrl+V粘贴从Word、Excel复制的表格：")}
                <input type="file" multiple=true accept=".json,.csv,.zip,.xlsx,.xls,.docx,.html,.htm,.txt,.xml,.doc,.et,.wps,application/json,text/csv,application/zip" data-testid="import-file" on:change=on_pick />
            </label>
            <label class="import-pick">
                {t("或选择整个文件夹（各部门报送的文件放在一起）：")}
                <input type="file" multiple=true prop:webkitdirectory=true data-testid="import-folder" on:change=on_pick />
            </label>
            {move || reading.get().map(|(n, of)| view! {
                <p class="note info" role="status" data-testid="import-reading">
                    {if of == 0 { t("正在读取文件…").to_string() } else { tf("正在读取第 {} / {} 个文件…", &[&(n + 1).min(of), &of]) }}
                </p>
            })}
            {move || error.get().map(|m| view! { <div class="banner error" role="alert" data-testid="import-error">{m}</div> })}
            {move || done.get().map(|m| view! { <div class="note info" role="status" data-testid="import-done">{m}</div> })}
            {preview}
        </div>
    }
}

/// Each file's outcome, when there are several or one was refused: the forms it gave by where
/// they stand, copies left for a later one, or why it gave nothing.
fn file_lines(files: &[FileOutcome], items: &[PlanItem]) -> Option<impl IntoView> {
    if files.len() < 2 && files.iter().all(|f| f.refused.is_none()) {
        return None;
    }
    let lines = files
        .iter()
        .map(|f| {
            let what = match &f.refused {
                Some(why) => {
                    view! { <span class="refused">{tf("未导入：{}", &[why])}</span> }.into_any()
                }
                None => {
                    let mut parts: Vec<String> = f
                        .counts(items)
                        .into_iter()
                        .map(|(status, n)| format!("{} {n}", t(status.label())))
                        .collect();
                    if f.superseded > 0 {
                        parts.push(tf("另有{}份以本批中较新的为准", &[&f.superseded]));
                    }
                    let n = f.items.len() + f.superseded;
                    view! { <span>{tf("{}份表：{}", &[&n, &parts.join(t("，"))])}</span> }
                        .into_any()
                }
            };
            view! {
                <li class:refused=f.refused.is_some()>
                    <span class="file">{f.file.clone()}</span>
                    " "
                    {what}
                </li>
            }
        })
        .collect_view();
    Some(view! { <ul class="intake-files" data-testid="intake-files">{lines}</ul> })
}

impl AppState {
    /// The workspace as plain data (for planning an import).
    pub fn snapshot(&self) -> Workspace {
        Workspace {
            evaluations: self
                .evals
                .with_untracked(|v| v.iter().map(|e| e.doc.get_untracked()).collect()),
            departments: self
                .depts
                .with_untracked(|v| v.iter().map(|d| d.doc.get_untracked()).collect()),
            trash: self.trash.get_untracked(),
        }
    }
}
