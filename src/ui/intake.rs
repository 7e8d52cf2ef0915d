//! Reading what the user picked or dropped — files, a folder, .zip archives — into the arrivals
//! of one batch (`exchange::intake`): each file read on its own, in path order, an archive's
//! files as if picked one by one. The browser parts only: the files' bytes, the folder walk of a
//! drop (static/office-stub.template.js) and the GBK names of archives.

use super::office;
use super::state::{now_ms, AppState};
use crate::exchange::csv::{parse_indicators_csv, CsvError};
use crate::exchange::intake::{Arrival, Arrived};
use crate::exchange::json::MAX_IMPORT_BYTES;
use crate::exchange::zip::{is_clutter, unzip, MAX_ENTRIES};
use crate::exchange::{parse_export, Envelope};
use crate::i18n::{lang, t, tf};
use crate::import::adopt::envelope_of;
use crate::import::{Preview, PreviewForm};
use crate::model::Workspace;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = zipingFiles, js_name = dropped, catch)]
    fn dropped_js(data: &web_sys::DataTransfer) -> Result<js_sys::Promise, JsValue>;
}

/// A file to read: its path as the user sees it (folder or archive included), and the file
/// (None when the browser could not give it).
pub struct Picked {
    pub path: String,
    pub file: Option<web_sys::File>,
}

/// The files of an `<input type=file multiple>` or `webkitdirectory` pick, with their folder
/// paths.
pub fn picked(list: &web_sys::FileList) -> Vec<Picked> {
    let mut out: Vec<Picked> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let rel = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|p| !p.is_empty());
            Picked {
                path: rel.unwrap_or_else(|| file.name()),
                file: Some(file),
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The files of a drop, folders walked. The walk must start during the drop event (the browser
/// forgets the dropped items when the handler returns), so call this from the handler.
pub fn dropped(data: &web_sys::DataTransfer) -> Option<js_sys::Promise> {
    dropped_js(data).ok()
}

/// The answer of [`dropped`]: `[{path, file}]`, a file null when it could not be read.
pub async fn dropped_files(walk: js_sys::Promise) -> Vec<Picked> {
    let Ok(list) = wasm_bindgen_futures::JsFuture::from(walk).await else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .map(|item| Picked {
            path: js_sys::Reflect::get(&item, &"path".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default(),
            file: js_sys::Reflect::get(&item, &"file".into())
                .ok()
                .and_then(|v| v.dyn_into::<web_sys::File>().ok()),
        })
        .collect()
}

/// What a file's name says it is. Anything but ziping's own files and archives goes to the
/// office reader, which tells a form from what is not one (and says what to do with a PDF, an
/// old .doc or a WPS file).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Export,
    Csv,
    Archive,
    Office,
}

fn kind_of(path: &str) -> Kind {
    let lower = path.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "json" => Kind::Export,
        "csv" => Kind::Csv,
        "zip" => Kind::Archive,
        _ => Kind::Office,
    }
}

/// Names of archives made on Chinese Windows are in GBK without saying so.
fn gbk(bytes: &[u8]) -> String {
    web_sys::TextDecoder::new_with_label("gbk")
        .ok()
        .and_then(|d| d.decode_with_u8_array(bytes).ok())
        .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
}

/// Reads files one after another (`progress` told how far), archives opened, into arrivals.
/// Ids of forms read from office documents are taken as the batch goes, so two files never
/// give the same new id.
pub async fn read_all(
    app: AppState,
    files: Vec<Picked>,
    progress: impl Fn(usize, usize),
) -> Vec<Arrival> {
    let ws = app.snapshot();
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let files: Vec<Picked> = files.into_iter().filter(|p| !is_clutter(&p.path)).collect();
    let total = files.len();
    for (n, p) in files.into_iter().enumerate() {
        progress(n, total);
        if out.len() >= MAX_ENTRIES {
            out.push(refused(p.path, tf("一次最多导入{}个文件", &[&MAX_ENTRIES])));
            continue;
        }
        let kind = kind_of(&p.path);
        let Some(file) = p.file else {
            out.push(refused(p.path, t("浏览器无法读取此文件").into()));
            continue;
        };
        // a file past the cap is not even read (a folder may hold videos)
        if file.size() > MAX_IMPORT_BYTES as f64 {
            out.push(refused(p.path, too_large()));
            continue;
        }
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
            Err(_) => {
                out.push(refused(p.path, t("浏览器无法读取此文件").into()));
                continue;
            }
        };
        if kind == Kind::Archive {
            match unzip(&bytes, &gbk) {
                Err(e) => out.push(refused(p.path, e.message(lang()))),
                Ok(entries) => {
                    for entry in entries {
                        let path = format!("{}/{}", p.path, entry.name);
                        let read = match entry.content {
                            Err(e) => Err(e.message(lang())),
                            Ok(bytes) => match kind_of(&path) {
                                Kind::Archive => {
                                    Err(t("压缩包中的压缩包不会展开，请先解压").into())
                                }
                                kind => {
                                    read_bytes(&app, &ws, kind, &path, &bytes, &mut taken).await
                                }
                            },
                        };
                        out.push(Arrival { file: path, read });
                    }
                }
            }
            continue;
        }
        let read = read_bytes(&app, &ws, kind, &p.path, &bytes, &mut taken).await;
        out.push(Arrival { file: p.path, read });
    }
    progress(total, total);
    out
}

fn refused(file: String, why: String) -> Arrival {
    Arrival {
        file,
        read: Err(why),
    }
}

fn too_large() -> String {
    tf("文件超过{} MB，不能导入", &[&(MAX_IMPORT_BYTES >> 20)])
}

/// One file's bytes: an export, ziping's CSV, or forms read by the office module.
async fn read_bytes(
    app: &AppState,
    ws: &Workspace,
    kind: Kind,
    path: &str,
    bytes: &[u8],
    taken: &mut Vec<String>,
) -> Result<Arrived, String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let exported = |envelope: Envelope| Arrived {
        envelope,
        recognised: Vec::new(),
    };
    match kind {
        Kind::Export => parse_export(bytes)
            .map(exported)
            .map_err(|e| e.message(lang())),
        Kind::Csv => match parse_indicators_csv(bytes) {
            Ok(evals) => Ok(exported(Envelope::new(evals, Vec::new(), 0))),
            // a CSV of another shape (a form saved from Excel as CSV): read it as a table
            Err(CsvError::MissingColumn(_) | CsvError::Encoding(_)) => {
                let preview = office::read_file(name, bytes).await?;
                adopt(app, ws, preview, taken)
            }
            Err(e) => Err(e.message(lang())),
        },
        _ => {
            let preview = office::read_file(name, bytes).await?;
            adopt(app, ws, preview, taken)
        }
    }
}

/// Forms read from an office document or a paste, with ids: a stored form's when it is the
/// same project, else a fresh one. Nothing found is a refusal with what the reader saw.
pub fn adopt(
    app: &AppState,
    ws: &Workspace,
    preview: Preview,
    taken: &mut Vec<String>,
) -> Result<Arrived, String> {
    if preview.forms.is_empty() && preview.rows.is_empty() {
        return Err(preview.found.get(lang()).to_string());
    }
    let Preview { forms, rows, .. } = preview;
    let envelope = envelope_of(
        forms.iter().map(|f| f.evaluation.clone()).collect(),
        rows,
        &ws.evaluations,
        || {
            let id = app.new_id(taken);
            taken.push(id.clone());
            id
        },
        now_ms(),
    );
    // each form as imported (with its id); rows without a form: the one form they make
    let recognised = if forms.is_empty() {
        envelope
            .evaluations
            .iter()
            .cloned()
            .map(PreviewForm::plain)
            .collect()
    } else {
        forms
            .into_iter()
            .zip(&envelope.evaluations)
            .map(|(mut r, e)| {
                r.evaluation = e.clone();
                r
            })
            .collect()
    };
    Ok(Arrived {
        envelope,
        recognised,
    })
}
