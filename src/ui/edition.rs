//! The page's two editions. A first visit loads the clerk's edition (this crate built without
//! its `full` feature): the list and the project forms, everything a department fills in. The
//! county view, the 汇总表, the department's figures form and 复核模式 are in the full edition, a
//! second build of the same crate. Opening one of them here saves everything and reloads the
//! page; the boot script (static/boot.template.js) then loads the full edition, for that page
//! (its address says so) or in 复核模式, and from then on in this browser (it remembers the full
//! edition once it has started).
//!
//! A reload rather than a second module beside the first: the two builds share no memory, and
//! every form is already in localStorage, so starting over from it loses nothing but the undo
//! of the last deletion. What would be lost holds the reload back: a Word/Excel file still being
//! written, edits that could not be saved.

use super::state::{AppState, StorageStatus};
use crate::i18n::t;
use leptos::prelude::*;

/// Whether this build is the full edition.
pub const FULL: bool = cfg!(feature = "full");

/// This tab's word with the boot script (sessionStorage): `asked` when the clerk's edition
/// reloads for the full one, `failed` when the full one could not start. A clerk's edition that
/// starts while either is set does not reload again (no loop whatever the cause).
const SESSION_KEY: &str = "ziping:full";

/// Why the page does not reload into the full edition now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// A Word/Excel file is being written (the worker would be stopped).
    Exporting,
    /// The last edits could not be saved yet (the app retries; the reload waits for it).
    NotSaved,
    /// This browser keeps nothing: a reload would lose what is only in memory.
    CannotSave,
    /// The full edition was asked for or tried in this tab and did not start.
    FullFailed,
}

impl Hold {
    pub fn message(self) -> &'static str {
        match self {
            Hold::Exporting => t("正在生成Word/Excel文件，完成后再重新载入。"),
            Hold::NotSaved => t("最近的修改还未能保存（见上方提示），保存成功后再重新载入。"),
            Hold::CannotSave => t("本浏览器无法保存数据，重新载入会丢失尚未导出的内容：请先用上方的“导出全部数据”保存一份。"),
            Hold::FullFailed => t("汇总、复核功能（完整版程序）未能载入：请检查网络或服务器后刷新页面重试。"),
        }
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Why the page cannot reload into the full edition now, if it cannot. Saves what is pending.
fn hold(app: AppState) -> Option<Hold> {
    if session().is_some_and(|s| s.get_item(SESSION_KEY).ok().flatten().is_some()) {
        return Some(Hold::FullFailed);
    }
    if app.office_job.with_untracked(Option::is_some) {
        return Some(Hold::Exporting);
    }
    app.flush();
    match app.status.get_untracked() {
        StorageStatus::Unavailable(_) => Some(Hold::CannotSave),
        StorageStatus::Failed(_) => Some(Hold::NotSaved),
        StorageStatus::Saved | StorageStatus::Pending => None,
    }
}

/// Saves everything and reloads into the full edition, or says why not.
pub fn switch_to_full(app: AppState) -> Result<(), Hold> {
    if let Some(h) = hold(app) {
        return Err(h);
    }
    reload(true);
    Ok(())
}

/// The reload; `ask` marks it as this page's (see [`SESSION_KEY`]), a reload the user asked for
/// despite a hold clears the mark.
fn reload(ask: bool) {
    if let Some(s) = session() {
        let _ = if ask {
            s.set_item(SESSION_KEY, "asked")
        } else {
            s.remove_item(SESSION_KEY)
        };
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

#[cfg(not(feature = "full"))]
/// What the clerk's edition shows for a page of the full edition: a line while it reloads, or
/// what holds the reload back — tried again when an export ends or a save succeeds.
#[component]
pub fn FullEditionPage(app: AppState) -> impl IntoView {
    let held = RwSignal::new(None::<Hold>);
    // once the reload is asked for, the save it did must not run this again
    let reloading = StoredValue::new(false);
    Effect::new(move |_| {
        let exporting = app.office_job.with(Option::is_some);
        // a failed save is retried by the app: wait for its outcome rather than flush again
        let status = app.status.get();
        if reloading.get_value() {
            return;
        }
        let h = match status {
            _ if exporting => Some(Hold::Exporting),
            StorageStatus::Failed(_) => Some(Hold::NotSaved),
            _ => switch_to_full(app).err(),
        };
        reloading.set_value(h.is_none());
        held.set(h);
    });
    view! {
        <section class="missing" data-testid="loading-full">
            {move || match held.get() {
                None => view! { <p>{t("正在载入汇总、复核功能…")}</p> }.into_any(),
                Some(h) => view! {
                    <p>{t("打开此页需要重新载入页面（载入汇总、复核功能）。")}</p>
                    <p data-testid="full-hold">{h.message()}</p>
                    {matches!(h, Hold::CannotSave | Hold::FullFailed).then(|| view! {
                        <button data-testid="reload-anyway" on:click=move |_| reload(false)>{t("仍然重新载入")}</button>
                        " "
                    })}
                    <button on:click=move |_| app.navigate(super::state::Route::List)>{t("返回评价列表")}</button>
                }
                .into_any(),
            }}
        </section>
    }
}
