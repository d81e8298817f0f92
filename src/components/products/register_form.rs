//! "Register a product": the model (from the catalog, named in the
//! customer's language), the serial number, the purchase date (not after
//! today), an optional proof of purchase, and the warranty line computed as
//! the customer types. Sending checks the answers with the core's rules,
//! shows each problem at its field and moves focus to the first; a good
//! registration goes into the outbox, so it works offline.

use aftercare_core::ServiceCatalog;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::field_problem::FieldProblem;
use super::proof_picker::ProofPicker;
use super::register_state::{control_id, RegisterState};
use crate::components::focus::focus_later;
use crate::components::warranty_chip::{today, WarrantyChip};
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::random;
use crate::sync::use_outbox;

/// What the line under the form says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Some answers need fixing.
    FixAnswers,
    /// In the outbox.
    Saved,
    /// The device store refused it.
    NotSaved,
}

/// The form.
#[component]
pub fn RegisterForm(
    /// The catalog the models come from.
    catalog: ServiceCatalog,
    /// The form's state (the page keeps it, so "edit" on a refused
    /// registration can fill it in).
    state: RegisterState,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let choice = expect_context::<LanguageChoice>();
    let catalog = StoredValue::new(catalog);
    let outcome = RwSignal::new(None::<Outcome>);
    let sending = RwSignal::new(false);
    let max_day = today().map(|d| d.to_string()).unwrap_or_default();

    let warranty = Memo::new(move |_| {
        let (model, date) = state
            .draft
            .with(|d| (d.model.clone(), d.purchase_date.clone()));
        let bought = aftercare_core::Date::parse(date.trim()).ok()?;
        if model.is_empty() {
            return None;
        }
        Some(catalog.with_value(|c| c.warranty(&model, bought, today()?)))
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(today) = today() else { return };
        let checked = state
            .draft
            .with_untracked(|d| catalog.with_value(|c| d.check(c, today)));
        let product = match checked {
            Ok(product) => product,
            Err(problems) => {
                let first = problems.first().map(|(field, _)| control_id(field));
                state.errors.set(problems.into_iter().collect());
                outcome.set(Some(Outcome::FixAnswers));
                if let Some(id) = first {
                    focus_later(id);
                }
                return;
            }
        };
        sending.set(true);
        spawn_local(async move {
            let local_id = random::id("product");
            match outbox.register_product(&local_id, product).await {
                Ok(_) => {
                    state.clear();
                    outcome.try_set(Some(Outcome::Saved));
                }
                Err(_) => {
                    outcome.try_set(Some(Outcome::NotSaved));
                }
            }
            sending.try_set(false);
        });
    };

    let models = catalog.with_value(|c| c.products.clone());
    let limits = catalog.with_value(|c| c.uploads.clone());
    let field = |name: &'static str| {
        (
            move || state.error(name).map(|_| "true"),
            move || state.described_by(name, None),
        )
    };
    let (model_invalid, model_described) = field("model");
    let (serial_invalid, serial_described) = field("serial_number");
    let (date_invalid, date_described) = field("purchase_date");
    view! {
        <form class="request-form register-form" novalidate=true on:submit=on_submit>
            <div class="field">
                <label class="field__label" for=control_id("model")>
                    <span class="field__name">{t!(i18n, products_model_label)}</span>
                    " " <span class="field__required">{t!(i18n, form_required)}</span>
                </label>
                <FieldProblem state field="model" />
                <select
                    class="field__input field__select"
                    id=control_id("model")
                    aria-required="true"
                    aria-invalid=model_invalid
                    aria-describedby=model_described
                    prop:value=move || state.draft.with(|d| d.model.clone())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.edit("model", |d| d.model = value);
                    }
                >
                    <option value="">{t!(i18n, form_choose)}</option>
                    {models.into_iter().map(|product| {
                        let name = product.name.clone();
                        let model = product.model.clone();
                        let selected = model.clone();
                        view! {
                            <option
                                value=model
                                selected=move || state.draft.with(|d| d.model == selected)
                            >
                                {move || name.get(choice.get()).to_string()}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for=control_id("serial_number")>
                    <span class="field__name">{t!(i18n, products_serial_label)}</span>
                    " " <span class="field__required">{t!(i18n, form_required)}</span>
                </label>
                <p class="field__hint" id="product-serial-hint">{t!(i18n, products_serial_hint)}</p>
                <FieldProblem state field="serial_number" />
                <input
                    class="field__input field__input--medium"
                    id=control_id("serial_number")
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-required="true"
                    aria-invalid=serial_invalid
                    aria-describedby=move || {
                        Some(serial_described().map_or("product-serial-hint".into(), |ids| format!("product-serial-hint {ids}")))
                    }
                    prop:value=move || state.draft.with(|d| d.serial_number.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.edit("serial_number", |d| d.serial_number = value);
                    }
                />
            </div>
            <div class="field">
                <label class="field__label" for=control_id("purchase_date")>
                    <span class="field__name">{t!(i18n, products_date_label)}</span>
                    " " <span class="field__required">{t!(i18n, form_required)}</span>
                </label>
                <FieldProblem state field="purchase_date" />
                <input
                    class="field__input field__input--short"
                    id=control_id("purchase_date")
                    type="date"
                    max=max_day
                    aria-required="true"
                    aria-invalid=date_invalid
                    aria-describedby=date_described
                    prop:value=move || state.draft.with(|d| d.purchase_date.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.edit("purchase_date", |d| d.purchase_date = value);
                    }
                />
                <p class="warranty" role="status">
                    // Once the date's problem is shown, the chip would only repeat it.
                    {move || {
                        let shown = state.error("purchase_date").is_none();
                        warranty.get().filter(|_| shown).map(|status| view! { <WarrantyChip status /> })
                    }}
                </p>
            </div>
            <ProofPicker state limits />
            <div class="form-status" role="status" aria-live="polite">
                {move || outcome.get().map(|outcome| match outcome {
                    Outcome::FixAnswers => view! {
                        <p class="field__error">{t!(i18n, form_fix_answers)}</p>
                    }.into_any(),
                    Outcome::Saved => view! {
                        <p class="notice notice--quiet">{t!(i18n, products_saved)}</p>
                    }.into_any(),
                    Outcome::NotSaved => view! {
                        <p class="notice notice--error">{t!(i18n, form_store_failed)}</p>
                    }.into_any(),
                })}
            </div>
            <div class="form-actions">
                <button class="button" type="submit" aria-disabled=move || sending.get().then_some("true")>
                    {t!(i18n, products_register_submit)}
                </button>
            </div>
        </form>
    }
}
