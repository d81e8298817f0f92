//! Registrations still in the outbox: each shown at once as "Saved on this
//! device — will be sent when online" with what the customer entered, and
//! the ones the backend refused with its problem in words, the values kept,
//! and two ways out: "Edit and send again" (the values go back into the
//! form, asking first when it holds another registration half typed) or
//! "Discard" (asking first).

use aftercare_core::{EntryState, NewProduct, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::field_problem::message;
use super::product_card::product_name;
use super::proof_picker::forget_file;
use super::register_state::{ProductDraft, RegisterState};
use crate::components::request::confirm::{ConfirmButton, DiscardButton};
use crate::components::request::labels::CatalogSignal;
use crate::components::warranty_chip::format_day;
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::sync::{use_outbox, Entry, Intent};

/// The list, shown only while registrations wait or were refused.
#[component]
pub fn PendingProducts(
    /// The catalog (for the models' names).
    catalog: CatalogSignal,
    /// The register form, which "Edit and send again" fills in.
    state: RegisterState,
    /// Opens the register form.
    on_edit: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    // Registrations are not about a request: `outbox_entries` leaves them out.
    let pending = Memo::new(move |_| {
        outbox.entries.with(|entries| {
            entries
                .iter()
                .filter(|e| matches!(e.payload, Intent::RegisterProduct { .. }))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    move || {
        let entries = pending.get();
        (!entries.is_empty()).then(|| {
            view! {
                <section class="request-group" aria-labelledby="pending-products-title">
                    <h2 class="section-title" id="pending-products-title">{t!(i18n, products_pending_title)}</h2>
                    <ul class="request-list">
                        {entries.into_iter().map(|entry| view! {
                            <PendingProduct entry around=Around { catalog, state, on_edit } />
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// What a registration in the list works with: the list's own props.
#[derive(Clone, Copy)]
struct Around {
    catalog: CatalogSignal,
    state: RegisterState,
    on_edit: Callback<()>,
}

/// One registration in the outbox.
#[component]
fn PendingProduct(entry: Entry, around: Around) -> impl IntoView {
    let Around {
        catalog,
        state,
        on_edit,
    } = around;
    let i18n = use_i18n();
    let outbox = use_outbox();
    let choice = expect_context::<LanguageChoice>();
    let Intent::RegisterProduct { product, .. } = entry.payload.clone() else {
        return ().into_any();
    };
    let problem = match &entry.state {
        EntryState::NeedsAttention { problem, reason } => Some((problem.clone(), reason.clone())),
        _ => None,
    };
    let refused = problem.is_some();
    let model = product.model.clone();
    let name = move || product_name(catalog.read().as_ref(), &model, choice.get());
    let bought = product.purchase_date;
    let edit_key = entry.key.clone();
    let edit_product = product.clone();
    let problems_at = field_problems(&entry.state);
    let edit = Callback::new(move |_: ()| {
        let key = edit_key.clone();
        let replacing = draft_of(&edit_product);
        let earlier = state.draft.get_untracked();
        // The customer agreed to replace what the form held; its file goes.
        if let Some(file) = earlier.proof_of_purchase {
            if replacing.proof_of_purchase.as_ref() != Some(&file) {
                forget_file(file);
            }
        }
        state.draft.set(replacing);
        state.errors.set(problems_at.clone());
        on_edit.run(());
        // The values live in the form (and its draft) from now on.
        spawn_local(async move { outbox.discard(&key).await });
    });
    // A registration half typed in the form is not replaced without asking.
    let asks_first = {
        let same = draft_of(&product);
        move || state.draft.with(|d| !d.is_empty() && *d != same)
    };
    let discard_key = entry.key.clone();
    let proof = product.proof_of_purchase.clone();
    view! {
        <li class="card request-row">
            <div class="request-row__top">
                <h3 class="request-row__type">{name}</h3>
                <span class="status-chip status-chip--pending">
                    {if refused {
                        t!(i18n, track_attention_heading).into_any()
                    } else {
                        t!(i18n, products_pending_saved).into_any()
                    }}
                </span>
            </div>
            <p class="request-row__meta">
                {t!(i18n, products_serial_label)} ": " {product.serial_number.clone()}
                " · "
                {t!(i18n, products_date_label)} ": " {move || format_day(bought, choice.get())}
            </p>
            {problem.map(|(problem, reason)| view! {
                <ProblemWords problem reason />
                <div class="actions__buttons">
                    {move || if asks_first() {
                        view! {
                            <ConfirmButton
                                label=move || t_string!(i18n, products_edit_again).to_string()
                                question=move || t_string!(i18n, products_edit_replace_question).to_string()
                                yes=move || t_string!(i18n, products_edit_replace_yes).to_string()
                                no=move || t_string!(i18n, products_edit_keep_typed).to_string()
                                on_confirm=edit
                            />
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button" on:click=move |_| edit.run(())>
                                {t!(i18n, products_edit_again)}
                            </button>
                        }.into_any()
                    }}
                    <DiscardButton
                        on_discard=Callback::new(move |_| {
                            let key = discard_key.clone();
                            if let Some(file) = proof.clone() {
                                forget_file(file);
                            }
                            spawn_local(async move { outbox.discard(&key).await });
                        })
                    />
                </div>
            })}
        </li>
    }
    .into_any()
}

/// The backend's problem: its title and each field's problem in the
/// form's words.
#[component]
fn ProblemWords(problem: Option<Problem>, reason: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(problem) = problem else {
        return view! { <p class="attention__problem" role="alert">{reason}</p> }.into_any();
    };
    let already = problem
        .kind
        .ends_with(aftercare_core::product::product_codes::ALREADY_REGISTERED)
        || problem.status == 409;
    let fields = problem
        .errors
        .iter()
        .map(|e| {
            let field = e.pointer.trim_start_matches('/').to_string();
            view! { <li>{message(i18n, &field, &e.code)}</li> }
        })
        .collect_view();
    view! {
        <div role="alert">
            <p class="attention__problem">
                {if already {
                    t!(i18n, products_error_already_registered).into_any()
                } else {
                    view! { <strong>{problem.title.clone()}</strong> {problem.detail.clone().map(|d| view! { " " {d} })} }.into_any()
                }}
            </p>
            <ul class="attention__fields">{fields}</ul>
        </div>
    }
    .into_any()
}

/// The form's answers for a registration.
fn draft_of(product: &NewProduct) -> ProductDraft {
    ProductDraft {
        model: product.model.clone(),
        serial_number: product.serial_number.clone(),
        purchase_date: product.purchase_date.to_string(),
        proof_of_purchase: product.proof_of_purchase.clone(),
    }
}

/// The fields the backend named, with their codes.
fn field_problems(state: &EntryState) -> std::collections::BTreeMap<String, String> {
    match state {
        EntryState::NeedsAttention {
            problem: Some(problem),
            ..
        } => problem
            .errors
            .iter()
            .map(|e| {
                (
                    e.pointer.trim_start_matches('/').to_string(),
                    e.code.clone(),
                )
            })
            .collect(),
        _ => Default::default(),
    }
}
