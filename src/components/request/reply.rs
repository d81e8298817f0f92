//! The reply box at the bottom of the thread: a labelled text area, files
//! (checked, scaled and kept on the device by `crate::uploads::prepare`
//! once the catalog's limits are known), and Send. The message goes to the
//! outbox, so it is kept and shown at once even offline; the text stays in
//! the box when the device cannot save it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::components::request::labels::CatalogSignal;
use crate::components::request_form::attachment_picker::human_size;
use crate::i18n::*;
use crate::store::StoreError;
use crate::sync::use_outbox;
use crate::uploads::prepare;

/// What went wrong with a reply.
#[derive(Clone, Debug, PartialEq)]
enum ReplyProblem {
    Empty,
    Store(StoreError),
    File(String),
}

/// The text of the reply being written, kept by the page so that a refresh
/// of the request does not lose it.
#[derive(Clone, Copy, Debug)]
pub struct ReplyDraft(pub RwSignal<String>);

/// A file picked for the reply: this device's id, name and size.
#[derive(Clone, Debug, PartialEq)]
struct Picked {
    id: String,
    name: String,
    size: u64,
}

/// The reply form for the request `number`.
#[component]
pub fn ReplyBox(#[prop(into)] number: String, catalog: CatalogSignal) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let text = use_context::<ReplyDraft>()
        .map(|draft| draft.0)
        .unwrap_or_else(|| RwSignal::new(String::new()));
    let files = RwSignal::new(Vec::<Picked>::new());
    let problem = RwSignal::new(None::<ReplyProblem>);
    let saved = RwSignal::new(false);
    let on_pick = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        let Some(limits) = catalog.with_untracked(|c| c.as_ref().map(|c| c.uploads.clone())) else {
            return;
        };
        for file in picked {
            let limits = limits.clone();
            spawn_local(async move {
                let name = file.name();
                match prepare(file, &limits).await {
                    Ok(record) => files.update(|f| {
                        f.push(Picked {
                            id: record.id,
                            name: record.name,
                            size: record.size,
                        })
                    }),
                    Err(error) => problem.set(Some(ReplyProblem::File(format!("{name}: {error}")))),
                }
            });
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = text.get_untracked();
        let picked = files.get_untracked();
        if body.trim().is_empty() && picked.is_empty() {
            problem.set(Some(ReplyProblem::Empty));
            saved.set(false);
            return;
        }
        let number = number.clone();
        spawn_local(async move {
            let ids = picked.iter().map(|p| p.id.clone()).collect();
            match outbox.send_message(&number, body, ids).await {
                Ok(()) => {
                    text.set(String::new());
                    files.set(Vec::new());
                    problem.set(None);
                    saved.set(true);
                }
                Err(error) => {
                    problem.set(Some(ReplyProblem::Store(error)));
                    saved.set(false);
                }
            }
        });
    };
    let invalid = move || matches!(problem.get(), Some(ReplyProblem::Empty)).then_some("true");
    view! {
        <form class="card reply" aria-labelledby="reply-title" on:submit=on_submit novalidate>
            <h2 id="reply-title" class="card__title">{t!(i18n, track_reply_heading)}</h2>
            <label class="field__label" for="reply-text">{t!(i18n, track_reply_label)}</label>
            <textarea
                id="reply-text"
                class="field__input field__textarea"
                rows="4"
                aria-invalid=invalid
                aria-describedby=move || problem.get().map(|_| "reply-problem")
                prop:value=move || text.get()
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    saved.set(false);
                }
            ></textarea>
            {move || catalog.with(|c| c.is_some()).then(|| view! {
                <label class="field__label" for="reply-files">{t!(i18n, track_reply_files)}</label>
                <input id="reply-files" class="file-input" type="file" multiple=true on:change=on_pick />
            })}
            <ul class="file-list">
                {move || files.get().into_iter().map(|file| view! {
                    <li class="file-list__item">
                        <span>{file.name}</span>
                        <span class="file-list__size">{human_size(file.size)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <div id="reply-problem" role="alert">
                {move || problem.get().map(|problem| match problem {
                    ReplyProblem::Empty => view! { <p class="field__error">{t!(i18n, track_reply_empty)}</p> }.into_any(),
                    ReplyProblem::Store(StoreError::QuotaExceeded) => view! {
                        <p class="field__error">{t!(i18n, track_quota_error)}</p>
                    }.into_any(),
                    ReplyProblem::Store(_) => view! {
                        <p class="field__error">{t!(i18n, account_generic_error)}</p>
                    }.into_any(),
                    ReplyProblem::File(why) => view! { <p class="field__error">{why}</p> }.into_any(),
                })}
            </div>
            <p role="status" class="reply__saved">
                {move || saved.get().then(|| view! { {t!(i18n, track_saved_on_device)} })}
            </p>
            <button type="submit" class="button">{t!(i18n, track_reply_send)}</button>
        </form>
    }
}
