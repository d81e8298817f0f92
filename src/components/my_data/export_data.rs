//! "Download my data": asks the backend for everything it holds about the
//! signed-in customer (requests, messages, the list of attachments,
//! products, survey answers) and hands the JSON document to the browser as
//! a download, named as the backend names it or
//! `aftercare-my-data-YYYY-MM-DD.json`. It needs the network; offline it
//! says so.

use aftercare_core::{HttpResponse, PortalError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::warranty_chip::today;
use crate::i18n::*;
use crate::net;
use crate::session::use_account;

/// Where the download got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Asking the backend.
    Working,
    /// Handed to the browser.
    Done,
    /// The device is offline (or the backend cannot be reached).
    Offline,
    /// The session ended.
    SignedOut,
    /// Anything else.
    Failed,
}

/// The section with the button.
#[component]
pub fn ExportData() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let state = RwSignal::new(None::<State>);
    let on_click = move |_| {
        if state.get_untracked() == Some(State::Working) {
            return;
        }
        state.set(Some(State::Working));
        spawn_local(async move {
            let outcome = download(account).await;
            state.try_set(Some(outcome));
        });
    };
    view! {
        <section class="card" aria-labelledby="export-title">
            <h2 class="card__title" id="export-title">{t!(i18n, my_data_export_title)}</h2>
            <p>{t!(i18n, my_data_export_body)}</p>
            <div class="actions__buttons">
                <button
                    type="button"
                    class="button"
                    aria-disabled=move || (state.get() == Some(State::Working)).then_some("true")
                    on:click=on_click
                >
                    {t!(i18n, my_data_export_button)}
                </button>
            </div>
            <div class="my-data__status" role="status" aria-live="polite">
                {move || state.get().map(|s| match s {
                    State::Working => view! { <p class="muted">{t!(i18n, my_data_export_working)}</p> }.into_any(),
                    State::Done => view! { <p class="notice notice--quiet">{t!(i18n, my_data_export_done)}</p> }.into_any(),
                    State::Offline => view! { <p class="notice notice--error">{t!(i18n, my_data_offline)}</p> }.into_any(),
                    State::SignedOut => view! { <p class="notice notice--error">{t!(i18n, account_needs_sign_in)}</p> }.into_any(),
                    State::Failed => view! { <p class="notice notice--error">{t!(i18n, my_data_failed)}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}

/// Fetches the document and hands it to the browser.
async fn download(account: crate::session::Account) -> State {
    let backend = account.backend();
    let sent = net::send(backend.export_my_data(&account.credentials(), account.locale())).await;
    let response = match sent {
        Ok(response) => response,
        Err(_) => return State::Offline,
    };
    if response.status == 401 {
        account.needs_sign_in.set(true);
        return State::SignedOut;
    }
    let name = file_name(&response);
    match backend.read_my_data(response) {
        Ok(bytes) => match save_as(&bytes, &name) {
            Ok(()) => State::Done,
            Err(_) => State::Failed,
        },
        Err(PortalError::Unreachable(_)) => State::Offline,
        Err(_) => State::Failed,
    }
}

/// The name the backend gave the file (`Content-Disposition: attachment;
/// filename="…"`), or `aftercare-my-data-DATE.json`.
fn file_name(response: &HttpResponse) -> String {
    let given = response.header("Content-Disposition").and_then(|value| {
        value.split(';').find_map(|part| {
            let (key, name) = part.trim().split_once('=')?;
            let name = name.trim().trim_matches('"');
            let safe = !name.is_empty() && !name.contains(['/', '\\']);
            (key.trim().eq_ignore_ascii_case("filename") && safe).then(|| name.to_string())
        })
    });
    given.unwrap_or_else(|| {
        let day = today().map(|d| d.to_string()).unwrap_or_default();
        format!("aftercare-my-data-{day}.json")
    })
}

/// Saves `bytes` as the download `name`: a Blob, its object URL, and a
/// link with `download` clicked once.
fn save_as(bytes: &[u8], name: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document().body().ok_or("no body")?;
    body.append_child(&link)?;
    link.click();
    body.remove_child(&link)?;
    // The browser has the file once the click was handled.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_disposition(value: &str) -> HttpResponse {
        let mut response = HttpResponse::json(200, "{}");
        response
            .headers
            .push(("Content-Disposition".into(), value.into()));
        response
    }

    #[test]
    fn the_backend_names_the_file() {
        let response =
            with_disposition(r#"attachment; filename="aftercare-my-data-2026-11-24.json""#);
        assert_eq!(file_name(&response), "aftercare-my-data-2026-11-24.json");
        let bare = with_disposition("attachment; FILENAME=data.json");
        assert_eq!(file_name(&bare), "data.json");
    }
}
