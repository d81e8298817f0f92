//! Attached files: name and size, and a way to download each. With the
//! customer's session a plain link does; a guest's download needs the access
//! key in a header, which a link cannot send, so a button fetches the file
//! with the key and hands it to the browser as a download.

use aftercare_core::{AttachmentRef, HttpRequest, PortalError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::request_form::attachment_picker::human_size;
use crate::i18n::*;
use crate::net;

/// A list of files.
#[component]
pub fn FileList(
    /// The files.
    files: Vec<AttachmentRef>,
    /// The guest's access key, when the request is opened with one.
    access_key: Option<String>,
) -> impl IntoView {
    view! {
        <ul class="file-list">
            {files
                .into_iter()
                .map(|file| view! { <FileItem file access_key=access_key.clone() /> })
                .collect_view()}
        </ul>
    }
}

/// One file.
#[component]
fn FileItem(file: AttachmentRef, access_key: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let size = human_size(file.size);
    let name = file.name.clone();
    let failed = RwSignal::new(false);
    let control = match access_key {
        None => view! {
            <a href=file.url.clone() download=name.clone()>{name.clone()}</a>
        }
        .into_any(),
        Some(key) => {
            let label = name.clone();
            view! {
                <span>{name.clone()}</span>
                <button
                    type="button"
                    class="button button--secondary button--small"
                    on:click=move |_| {
                        let (file, key) = (file.clone(), key.clone());
                        spawn_local(async move {
                            failed.set(download_with_key(&file, &key).await.is_err());
                        });
                    }
                >
                    {t!(i18n, track_download_button)}
                    <span class="visually-hidden">" " {label}</span>
                </button>
            }
            .into_any()
        }
    };
    view! {
        <li class="file-list__item">
            {control}
            <span class="file-list__size">{size}</span>
            {move || failed.get().then(|| view! {
                <span class="field__error" role="alert">{t!(i18n, track_download_failed)}</span>
            })}
        </li>
    }
}

/// Fetches `file` with the access key and saves it through a temporary
/// object URL.
async fn download_with_key(file: &AttachmentRef, key: &str) -> Result<(), PortalError> {
    let mut request = HttpRequest::get(file.url.clone());
    request
        .headers
        .push(("X-Access-Key".to_string(), key.to_string()));
    let response = net::send(request).await?;
    if !response.is_success() {
        return Err(PortalError::Status(response.status));
    }
    let fail = |_| PortalError::Decode("the browser could not save the file".into());
    let bytes = js_sys::Uint8Array::from(response.body.as_slice());
    let parts = js_sys::Array::of1(&bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.content_type);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let href = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| PortalError::Decode("no anchor".into()))?;
    anchor.set_href(&href);
    anchor.set_download(&file.name);
    anchor.click();
    // The browser has taken the file once the click is handled.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&href);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
