//! The in-app 使用说明 (`#/help`), from the same content as docs/使用说明.md.

use super::state::{AppState, Route};
use crate::help::SECTIONS;
use crate::i18n::{lang, t, Lang};
use leptos::prelude::*;

#[component]
pub fn HelpPage(app: AppState) -> impl IntoView {
    let english = lang() == Lang::En;
    let pick = move |zh: &'static str, en: &'static str| if english { en } else { zh };
    view! {
        <section class="help" data-testid="help">
            <div class="toolbar no-print">
                <button on:click=move |_| app.navigate(Route::List)>{t("← 返回评价列表")}</button>
            </div>
            <h2>{t("使用说明")}</h2>
            {SECTIONS
                .iter()
                .map(|s| {
                    view! {
                        <h3>{pick(s.title_zh, s.title_en)}</h3>
                        {s.image.map(|(path, zh, en)| {
                            let hidden = RwSignal::new(false);
                            view! {
                                // missing where only the single file was copied: the text stands alone
                                <figure class:hidden=move || hidden.get()>
                                    <img src=format!("./{path}") alt=pick(zh, en) loading="lazy"
                                        on:error=move |_| hidden.set(true) />
                                    <figcaption>{pick(zh, en)}</figcaption>
                                </figure>
                            }
                        })}
                        <ol>
                            {s.steps.iter().map(|step| view! { <li>{pick(step.zh, step.en)}</li> }).collect_view()}
                        </ol>
                    }
                })
                .collect_view()}
        </section>
    }
}
