//! Attachments: the limits shown before the customer picks anything, a file
//! input with a visible label, and the files picked so far with their size,
//! a remove button and, once the outbox sends them, a progress bar. Each
//! picked file is checked, scaled down when it is a photo and kept on the
//! device by `crate::uploads::prepare`; the answer holds its local id.

use std::collections::HashMap;

use aftercare_core::{FieldDef, UploadLimits};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use web_sys::HtmlInputElement;

use super::field_shell::FieldShell;
use super::field_slot::FieldSlot;
use super::form_state::{use_form, FormState};
use crate::i18n::*;
use crate::store::{DeviceStore, StoreError};
use crate::uploads::{prepare, UploadError, UploadProgress};

/// What the list shows of a picked file: its name and size, or nothing when
/// the file is no longer on this device.
type FileInfo = Option<(String, u64)>;

/// A file that was not added, and why.
#[derive(Clone)]
struct Refusal {
    name: String,
    error: UploadError,
}

/// The attachments answer.
#[component]
pub fn AttachmentPicker(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let slot = FieldSlot::of(&def);
    let id = slot.id();
    let hint_id = format!("{id}-hint");
    let limits = StoredValue::new(form.catalog.with_value(|c| c.uploads.clone()));
    let known = RwSignal::new(HashMap::<String, FileInfo>::new());
    let refused = RwSignal::new(Vec::<Refusal>::new());
    let busy = RwSignal::new(0usize);
    let ids = Memo::new(move |_| file_ids(slot.value()));

    // Files restored with a draft: read their names from the store.
    Effect::new(move |_| {
        for file in ids.get() {
            if known.with_untracked(|k| k.contains_key(&file)) {
                continue;
            }
            known.update(|k| {
                k.insert(file.clone(), Some((String::new(), 0)));
            });
            spawn_local(async move {
                let info = match DeviceStore::shared().await {
                    Ok(store) => store.file(&file).await.ok().flatten(),
                    Err(_) => None,
                };
                // The picker may be gone by now; then nobody needs the name.
                known.try_update(|k| {
                    k.insert(file, info.map(|r| (r.name, r.size)));
                });
            });
        }
    });

    let on_pick = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        // The same file can be picked again after it was removed.
        input.set_value("");
        refused.set(Vec::new());
        for file in picked {
            let key = slot.key();
            busy.update(|n| *n += 1);
            spawn_local(async move {
                let name = file.name();
                let limits = limits.get_value();
                match prepare(file, &limits).await {
                    Ok(record) => {
                        known.update(|k| {
                            k.insert(record.id.clone(), Some((record.name.clone(), record.size)));
                        });
                        add_file(form, &key, record.id);
                    }
                    Err(error) => refused.update(|r| r.push(Refusal { name, error })),
                }
                busy.update(|n| *n = n.saturating_sub(1));
            });
        }
    };

    let hint_for_input = hint_id.clone();
    let accept = limits.with_value(|l| l.allowed_types.join(","));
    let hint =
        view! { <p class="field__hint" id=hint_id>{limits_text(i18n, limits.get_value())}</p> };
    view! {
        <FieldShell def=def.clone() class="field field--files" hint=hint.into_any()>
            <input
                class="file-input"
                id=id
                type="file"
                multiple=true
                accept=accept
                aria-invalid=move || slot.invalid()
                aria-describedby=move || slot.described_by(Some(&hint_for_input))
                on:change=on_pick
            />
            <p class="field__status" role="status">
                {move || (busy.get() > 0).then(|| {
                    let count = busy.get();
                    view! { {t!(i18n, form_files_preparing, count = move || count)} }
                })}
            </p>
            <div role="alert">
                {move || refused.get().into_iter().map(|r| view! {
                    <p class="field__error">{refusal_text(i18n, r)}</p>
                }).collect_view()}
            </div>
            <ul class="files">
                {move || ids.get().into_iter().map(|file| {
                    let info = known.with(|k| k.get(&file).cloned().flatten());
                    view! { <FileItem field=slot.key() id=file info /> }
                }).collect_view()}
            </ul>
        </FieldShell>
    }
}

/// One picked file: name, size, progress while it uploads, remove button.
#[component]
fn FileItem(field: String, id: String, info: FileInfo) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let progress = UploadProgress::from_context();
    let (name, size) = info.unwrap_or_default();
    let shown_name = if name.is_empty() {
        id.clone()
    } else {
        name.clone()
    };
    let sent = {
        let id = id.clone();
        move || progress.and_then(|p| p.fraction(&id))
    };
    let remove = {
        let id = id.clone();
        move |_| {
            remove_file(form, &field, &id);
            if let Some(p) = progress {
                p.clear(&id);
            }
            let id = id.clone();
            spawn_local(async move {
                if let Ok(store) = DeviceStore::shared().await {
                    // A file left behind only costs space until the next wipe.
                    let _ = store.delete_file(&id).await;
                }
            });
        }
    };
    let progress_label = shown_name.clone();
    let button_name = shown_name.clone();
    view! {
        <li class="file">
            <span class="file__name">{shown_name}</span>
            <span class="file__size">{human_size(size)}</span>
            {move || sent().map(|fraction| {
                let percent = (fraction * 100.0).round() as u32;
                let label = progress_label.clone();
                view! {
                    <progress
                        class="file__progress"
                        max="100"
                        value=percent
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=percent
                        aria-label=move || format!("{} {label}", t_string!(i18n, form_files_progress))
                    ></progress>
                }
            })}
            <button class="button button--secondary file__remove" type="button" on:click=remove>
                {t!(i18n, form_files_remove)}
                <span class="visually-hidden">" " {button_name}</span>
            </button>
        </li>
    }
}

/// The local file ids an attachments answer holds.
fn file_ids(value: Option<Value>) -> Vec<String> {
    value
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn add_file(form: FormState, key: &str, id: String) {
    // A file prepared after the form went away stays in the store only.
    let Some(current) = form.values.try_with_untracked(|v| v.get(key).cloned()) else {
        return;
    };
    let mut ids = file_ids(current);
    ids.push(id);
    form.set(key, Value::from(ids));
    form.check_field(key);
}

fn remove_file(form: FormState, key: &str, id: &str) {
    let mut ids = file_ids(form.values.with_untracked(|v| v.get(key).cloned()));
    ids.retain(|kept| kept != id);
    form.set(key, Value::from(ids));
}

/// "Up to 25 MB each: JPEG, PNG, PDF…", shown before the customer picks.
fn limits_text(i18n: leptos_i18n::I18nContext<Locale>, limits: UploadLimits) -> impl IntoView {
    let size = human_size(limits.max_bytes);
    let types = limits
        .allowed_types
        .iter()
        .map(|t| type_name(t))
        .collect::<Vec<_>>()
        .join(", ");
    view! { {t!(i18n, form_files_limits, size = move || size.clone(), types = move || types.clone())} }
}

fn refusal_text(i18n: leptos_i18n::I18nContext<Locale>, refusal: Refusal) -> AnyView {
    let name = refusal.name;
    match refusal.error {
        UploadError::TooLarge { max } => {
            let size = human_size(max);
            t!(
                i18n,
                form_files_too_large,
                name = move || name.clone(),
                size = move || size.clone()
            )
            .into_any()
        }
        UploadError::NotAllowed { .. } => {
            t!(i18n, form_files_wrong_type, name = move || name.clone()).into_any()
        }
        UploadError::Empty => t!(i18n, form_files_empty, name = move || name.clone()).into_any(),
        UploadError::Store(StoreError::QuotaExceeded) => {
            t!(i18n, form_files_no_space, name = move || name.clone()).into_any()
        }
        _ => t!(i18n, form_files_unreadable, name = move || name.clone()).into_any(),
    }
}

/// A media type as customers know it: `image/jpeg` is "JPEG".
fn type_name(media_type: &str) -> String {
    let sub = media_type.split('/').nth(1).unwrap_or(media_type);
    match sub {
        "jpeg" => "JPEG".into(),
        "webp" => "WebP".into(),
        "quicktime" => "MOV".into(),
        other => other.to_ascii_uppercase(),
    }
}

/// A size in bytes as people read it: "340 KB", "1.2 MB", "25 MB".
pub fn human_size(bytes: u64) -> String {
    // Integer arithmetic only: float formatting would add its whole
    // formatter to the wasm for one decimal.
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            rest => format!("{}.{rest} MB", tenths / 10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(340 * 1024 + 600), "341 KB");
        assert_eq!(human_size(1024 * 1024), "1 MB");
        assert_eq!(human_size(1_258_291), "1.2 MB");
        assert_eq!(human_size(25 * 1024 * 1024), "25 MB");
        assert_eq!(human_size(25 * 1024 * 1024 - 1), "25 MB");
    }
}
