//! The Leptos layer: a thin view over the domain core. Components read the assessment memo and
//! write the model through [`state::AppState::edit`]; they hold no rules of their own.

mod assets;
mod charts;
// the full edition's pages (edition.rs)
#[cfg(feature = "full")]
mod county;
#[cfg(feature = "full")]
mod department;
mod edition;
mod editor;
mod exchange;
mod help;
mod intake;
mod lang;
mod list;
mod office;
mod office_export;
mod review;
mod state;
#[cfg(feature = "full")]
mod summary;
mod template;
mod widgets;

use crate::i18n::t;
use leptos::prelude::*;
use state::{AppState, Route, StorageStatus};

/// Mounts the app on `<body>`.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        announce_panic(&info.to_string());
    }));
    // a deliberate crash, to rehearse the recovery screen (tests/browser/reliability.test.js)
    if web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| h == "#/__selftest-panic")
    {
        panic!("自检：人为触发的程序错误（#/__selftest-panic）");
    }
    leptos::mount::mount_to_body(App);
}

/// Tells `static/recovery.js` (plain JS, independent of the crashed wasm) to show the recovery
/// screen with the panic text and an "export my data" way out.
fn announce_panic(text: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&wasm_bindgen::JsValue::from_str(text));
    if let (Some(w), Ok(ev)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict("ziping-panic", &init),
    ) {
        let _ = w.dispatch_event(&ev);
    }
}

#[component]
fn App() -> impl IntoView {
    // the language first: loading may already have something to say
    // English needs its catalogue fetched first: the page starts in Chinese and switches
    let language = RwSignal::new(crate::i18n::Lang::Zh);
    assets::switch_to(language, lang::remembered());
    lang::apply(language.get_untracked());
    let app = AppState::load();
    app.warm_rows();

    // never lose the last keystroke: save at once when the page is hidden or closed
    let flush = move || app.flush();
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            flush();
        }
    });
    let hashchange =
        window_event_listener(leptos::ev::hashchange, move |_| app.sync_route_from_hash());
    // another tab wrote to localStorage
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        app.on_storage(ev.key(), ev.new_value())
    });
    on_cleanup(move || {
        pagehide.remove();
        hidden.remove();
        hashchange.remove();
        storage.remove();
    });

    let page = move || match app.route.get() {
        Route::List => view! { <list::EvaluationList app=app /> }.into_any(),
        Route::Edit(id) => match app.entry(&id) {
            Some(entry) => view! { <editor::Editor app=app entry=entry /> }.into_any(),
            None => view! {
                <section class="missing">
                    <p>{t("找不到这份自评表（可能已被删除）。")}</p>
                    <button on:click=move |_| app.navigate(Route::List)>{t("返回评价列表")}</button>
                </section>
            }
            .into_any(),
        },
        #[cfg(feature = "full")]
        Route::Department(id) => match app.dept_entry(&id) {
            Some(entry) => view! { <department::DepartmentForm app=app entry=entry /> }.into_any(),
            None => view! {
                <section class="missing">
                    <p>{t("找不到这份部门整体支出自评表（可能已被删除）。")}</p>
                    <button on:click=move |_| app.navigate(Route::List)>{t("返回评价列表")}</button>
                </section>
            }
            .into_any(),
        },
        Route::Help => view! { <help::HelpPage app=app /> }.into_any(),
        #[cfg(feature = "full")]
        Route::Summary { department, year } => {
            view! { <summary::SummaryPage app=app department=department year=year /> }.into_any()
        }
        #[cfg(feature = "full")]
        Route::County { year } => view! { <county::CountyPage app=app year=year /> }.into_any(),
        #[cfg(not(feature = "full"))]
        Route::Department(_) | Route::Summary { .. } | Route::County { .. } => {
            view! { <edition::FullEditionPage app=app /> }.into_any()
        }
    };

    // switching the language rebuilds the page from the state above (nothing typed is lost)
    move || {
        lang::apply(language.get());
        view! {
        <header class="app-header no-print">
            <h1>
                <a href="#/" on:click=move |ev| {
                    ev.prevent_default();
                    app.navigate(Route::List);
                }>{t("绩效自评")}</a>
                <span class="sub">{t(" 预算支出绩效自评计算器")}</span>
            </h1>
            <SaveStatus app=app />
            <a class="help-link" href="#/county" data-testid="county-link" on:click=move |ev| {
                ev.prevent_default();
                app.navigate(Route::County { year: String::new() });
            }>{t("全县汇总")}</a>
            <a class="help-link" href="#/help" data-testid="help-link" on:click=move |ev| {
                ev.prevent_default();
                app.navigate(Route::Help);
            }>{t("使用说明")}</a>
            <review::RoleSwitch app=app />
            <lang::LangSwitch lang=language />
        </header>
        <StorageBanner app=app />
        <office_export::ExportStatus app=app />
        <SyncNotes app=app />
        <UndoBar app=app />
        <main>{page}</main>
        }
    }
}

#[component]
fn SaveStatus(app: AppState) -> impl IntoView {
    view! {
        <span class="save-status" data-testid="save-status">
            {move || match app.status.get() {
                StorageStatus::Saved => t("已保存到本浏览器").to_string(),
                StorageStatus::Pending => t("正在保存…").to_string(),
                StorageStatus::Unavailable(_) => t("未保存（仅在内存中）").to_string(),
                StorageStatus::Failed(_) => t("保存失败").to_string(),
            }}
        </span>
    }
}

#[component]
fn StorageBanner(app: AppState) -> impl IntoView {
    let message = move || match app.status.get() {
        StorageStatus::Unavailable(m) | StorageStatus::Failed(m) => Some(m),
        _ => None,
    };
    // the way out when nothing can be saved: everything in memory, as an importable file
    let export_all = move |_| {
        let ws = app.snapshot();
        let mut evaluations = ws.evaluations;
        evaluations.extend(ws.trash.into_iter().map(|t| t.evaluation));
        editor::report(exchange::export_selection_json(evaluations, ws.departments));
    };
    let export_raw = move |_| {
        let dump = app.raw_problem_entries();
        editor::report(exchange::download(
            t("绩效自评_无法读取的原始数据.json"),
            "application/json",
            &dump,
        ));
    };
    view! {
        {move || message().map(|m| view! {
            <div class="banner error" role="alert" data-testid="storage-banner">
                {m}
                " "
                <button class="small" data-testid="banner-export" on:click=export_all>{t("导出全部数据")}</button>
            </div>
        })}
        {move || {
            app.problems
                .get()
                .into_iter()
                .map(|p| view! { <div class="banner warning" role="alert" data-testid="load-problem">{p}</div> })
                .collect_view()
        }}
        <Show when=move || app.problems.with(|p| !p.is_empty())>
            <div class="banner warning">
                <button class="small" data-testid="export-raw" on:click=export_raw>{t("导出无法读取的原始数据（供恢复）")}</button>
            </div>
        </Show>
    }
}

/// What happened when another tab edited the same data.
#[component]
fn SyncNotes(app: AppState) -> impl IntoView {
    move || {
        let notes = app.sync_notes.get();
        (!notes.is_empty()).then(|| {
            view! {
                <div class="banner warning" role="status" data-testid="sync-note">
                    {notes.join(" ")}
                    " "
                    <button class="small" on:click=move |_| app.sync_notes.set(Vec::new())>{t("知道了")}</button>
                </div>
            }
        })
    }
}

/// "已删除 … [撤销]": the last destructive action, reversible in one click.
#[component]
fn UndoBar(app: AppState) -> impl IntoView {
    move || {
        app.undo.get().map(|u| {
            view! {
                <div class="undo-bar no-print" role="status" data-testid="undo-bar">
                    {u.label()}
                    <button class="small" data-testid="undo" on:click=move |_| app.undo_last()>{t("撤销")}</button>
                    <button class="small" on:click=move |_| app.undo.set(None)>{t("关闭")}</button>
                </div>
            }
        })
    }
}
