//! The in-app 使用说明 (`#/help`), from the same content as docs/使用说明.md: the guide's text is a
//! file of its own (`assets/guide.json`), fetched when the page is opened.

use super::state::{AppState, Route};
use crate::help::GuideSection;
use crate::i18n::{lang, t, Lang};
use leptos::prelude::*;

#[component]
pub fn HelpPage(app: AppState) -> impl IntoView {
    let english = lang() == Lang::En;
    let pick = move |pair: &[String]| {
        let i = usize::from(english);
        pair.get(i).cloned().unwrap_or_default()
    };
    let guide: RwSignal<Option<Result<Vec<GuideSection>, String>>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let read = super::assets::fetch_asset("guide")
            .await
            .and_then(|json| serde_json::from_str(&json).map_err(|e| e.to_string()));
        guide.set(Some(read));
    });
    let sections = move || match guide.get() {
        None => view! { <p class="loading">{t("加载中……")}</p> }.into_any(),
        Some(Err(why)) => view! { <p class="note error">{why}</p> }.into_any(),
        Some(Ok(sections)) => sections
            .into_iter()
            .map(|s| {
                view! {
                    <h3>{pick(&s.title)}</h3>
                    {s.image.map(|[path, zh, en]| {
                        let hidden = RwSignal::new(false);
                        let caption = if english { en } else { zh };
                        view! {
                            // missing where only the single file was copied: the text stands alone
                            <figure class:hidden=move || hidden.get()>
                                <img src=format!("./{path}") alt=caption.clone() loading="lazy"
                                    on:error=move |_| hidden.set(true) />
                                <figcaption>{caption}</figcaption>
                            </figure>
                        }
                    })}
                    <ol>
                        {s.steps.iter().map(|step| view! { <li>{pick(step)}</li> }).collect_view()}
                    </ol>
                }
            })
            .collect_view()
            .into_any(),
    };
    view! {
        <section class="help" data-testid="help">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>{t("← 返回评价列表")}</button>
            </div>
            <h2>{t("使用说明")}</h2>
            {sections}
        </section>
    }
}
