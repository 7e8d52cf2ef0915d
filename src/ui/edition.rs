//! The page's two editions. A first visit loads the clerk's edition (this crate built without
//! its `full` feature): the list and the project forms, everything a department fills in. The
//! county view, the 汇总表, the department's figures form and 复核模式 are in the full edition, a
//! second build of the same crate. Opening one of them here saves everything and reloads the
//! page; the boot script (static/boot.template.js) then loads the full edition, for that page
//! (its address says so) and from then on in this browser (it remembers the choice).
//!
//! A reload rather than a second module beside the first: the two builds share no memory, and
//! every form is already in localStorage, so starting over from it loses nothing but the undo
//! of the last deletion.

use super::state::{AppState, StorageStatus};
#[cfg(not(feature = "full"))]
use crate::i18n::t;
use leptos::prelude::*;

/// Where the boot script reads that this browser has needed the full edition.
const EDITION_KEY: &str = "ziping:edition";

/// Whether this build is the full edition.
pub const FULL: bool = cfg!(feature = "full");

/// Saves everything, remembers the full edition and reloads into it. Refused (false) when this
/// browser cannot keep what was typed: a reload would lose what is only in memory.
pub fn switch_to_full(app: AppState) -> bool {
    app.flush();
    if matches!(
        app.status.get_untracked(),
        StorageStatus::Unavailable(_) | StorageStatus::Failed(_)
    ) {
        return false;
    }
    reload_into_full()
}

/// The reload itself, also when asked to go on without saving.
fn reload_into_full() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    if let Ok(Some(s)) = w.local_storage() {
        let _ = s.set_item(EDITION_KEY, "full");
    }
    w.location().reload().is_ok()
}

#[cfg(not(feature = "full"))]
/// What the clerk's edition shows for a page of the full edition: a line while it reloads, or,
/// when nothing can be saved, why it waits and the way on.
#[component]
pub fn FullEditionPage(app: AppState) -> impl IntoView {
    let refused = RwSignal::new(false);
    // after this render: the address already names the page the full edition opens
    set_timeout(
        move || {
            if !switch_to_full(app) {
                refused.set(true);
            }
        },
        std::time::Duration::ZERO,
    );
    view! {
        <section class="missing" data-testid="loading-full">
            {move || if refused.get() {
                view! {
                    <p>{t("打开此页需要重新载入页面（载入汇总、复核功能）。本浏览器无法保存数据，重新载入会丢失尚未导出的内容：请先用上方的“导出全部数据”保存一份。")}</p>
                    <button data-testid="reload-anyway" on:click=move |_| { reload_into_full(); }>{t("仍然重新载入")}</button>
                    " "
                    <button on:click=move |_| app.navigate(super::state::Route::List)>{t("返回评价列表")}</button>
                }
                .into_any()
            } else {
                view! { <p>{t("正在载入汇总、复核功能…")}</p> }.into_any()
            }}
        </section>
    }
}
