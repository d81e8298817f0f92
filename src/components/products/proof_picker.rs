//! The optional proof of purchase (a receipt or invoice, as a photo or a
//! PDF): picked like a request's attachments — checked against the
//! catalog's upload limits, a photo scaled down, kept in the device store
//! by `crate::uploads::prepare` — and the form holds its local id; the
//! outbox uploads it before it registers the product.

use aftercare_core::UploadLimits;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use super::register_state::{control_id, RegisterState};
use crate::components::request_form::attachment_picker::human_size;
use crate::i18n::*;
use crate::store::{DeviceStore, StoreError};
use crate::uploads::{prepare, UploadError};

/// The catalog's `limits` narrowed to pictures and PDF documents.
pub fn proof_limits(limits: &UploadLimits) -> UploadLimits {
    let mut narrowed = limits.clone();
    narrowed
        .allowed_types
        .retain(|t| t.starts_with("image/") || t == "application/pdf");
    narrowed
}

/// The file input, the file picked and its remove button.
#[component]
pub fn ProofPicker(
    /// The form.
    state: RegisterState,
    /// The upload limits of the catalog.
    limits: UploadLimits,
) -> impl IntoView {
    let i18n = use_i18n();
    let limits = StoredValue::new(proof_limits(&limits));
    let id = control_id("proof_of_purchase");
    let hint_id = format!("{id}-hint");
    let busy = RwSignal::new(false);
    let refused = RwSignal::new(None::<UploadError>);
    let info = RwSignal::new(None::<(String, u64)>);
    let file_id = Memo::new(move |_| state.draft.with(|d| d.proof_of_purchase.clone()));

    // The name of a file restored with the draft.
    Effect::new(move |_| {
        let Some(file) = file_id.get() else {
            info.set(None);
            return;
        };
        spawn_local(async move {
            let record = match DeviceStore::shared().await {
                Ok(store) => store.file(&file).await.ok().flatten(),
                Err(_) => None,
            };
            info.try_set(record.map(|r| (r.name, r.size)));
        });
    });

    let on_pick = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        input.set_value("");
        refused.set(None);
        busy.set(true);
        spawn_local(async move {
            match prepare(file, &limits.get_value()).await {
                Ok(record) => {
                    let previous = state
                        .draft
                        .try_with_untracked(|d| d.proof_of_purchase.clone());
                    state.edit("proof_of_purchase", |d| {
                        d.proof_of_purchase = Some(record.id)
                    });
                    if let Some(Some(old)) = previous {
                        forget_file(old);
                    }
                }
                Err(error) => {
                    refused.try_set(Some(error));
                }
            }
            busy.try_set(false);
        });
    };
    let remove = move |_| {
        let old = state.draft.with_untracked(|d| d.proof_of_purchase.clone());
        state.edit("proof_of_purchase", |d| d.proof_of_purchase = None);
        if let Some(old) = old {
            forget_file(old);
        }
    };

    let accept = limits.with_value(|l| l.allowed_types.join(","));
    let size = human_size(limits.with_value(|l| l.max_bytes));
    let hint_for_input = hint_id.clone();
    view! {
        <div class="field field--files">
            <label class="field__label" for=id.clone()>
                <span class="field__name">{t!(i18n, products_proof_label)}</span>
                " "
                <span class="muted">{t!(i18n, products_optional)}</span>
            </label>
            <p class="field__hint" id=hint_id>{t!(i18n, products_proof_hint, size = move || size.clone())}</p>
            <input
                class="file-input"
                id=id
                type="file"
                accept=accept
                aria-describedby=hint_for_input
                on:change=on_pick
            />
            <p class="field__status" role="status">
                {move || busy.get().then(|| view! { {t!(i18n, form_files_preparing, count = 1)} })}
            </p>
            <div role="alert">
                {move || refused.get().map(|error| view! { <p class="field__error">{refusal(i18n, error)}</p> })}
            </div>
            <ul class="files">
                {move || file_id.get().map(|file| {
                    let (name, bytes) = info.get().unwrap_or_else(|| (file.clone(), 0));
                    let button_name = name.clone();
                    view! {
                        <li class="file">
                            <span class="file__name">{name}</span>
                            <span class="file__size">{human_size(bytes)}</span>
                            <button class="button button--secondary file__remove" type="button" on:click=remove>
                                {t!(i18n, form_files_remove)}
                                <span class="visually-hidden">" " {button_name}</span>
                            </button>
                        </li>
                    }
                })}
            </ul>
        </div>
    }
}

/// Why a picked file was not kept.
fn refusal(i18n: leptos_i18n::I18nContext<Locale>, error: UploadError) -> AnyView {
    match error {
        UploadError::TooLarge { max } => {
            let size = human_size(max);
            t!(i18n, products_proof_too_large, size = move || size.clone()).into_any()
        }
        UploadError::NotAllowed { .. } => t!(i18n, products_proof_wrong_type).into_any(),
        UploadError::Store(StoreError::QuotaExceeded) => t!(i18n, form_no_space_title).into_any(),
        _ => t!(i18n, products_proof_unreadable).into_any(),
    }
}

/// Removes a file the form no longer holds from the device store.
pub fn forget_file(id: String) {
    spawn_local(async move {
        if let Ok(store) = DeviceStore::shared().await {
            // A file left behind only costs space until the next wipe.
            let _ = store.delete_file(&id).await;
        }
    });
}
