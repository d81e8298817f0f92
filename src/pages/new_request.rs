//! The new-request page at `/requests/new`: pick a type, answer its own
//! questions, pick a severity and see its promise, attach files, agree to the
//! privacy notice once, and send. The form is kept as a draft while the
//! customer types; sending puts it in the outbox, so it works offline.
//! `?type=complaint&about=AC-…` starts a complaint about a request, and
//! `?fix=<outbox entry>` reopens a request the backend refused, and
//! `?subject=` (from a help-center search that found nothing) starts the
//! description with the customer's words, and `?product_model=&serial_number=
//! &purchase_date=` (from "My products") names the product — without
//! overwriting a saved draft silently (see `product_link`). Articles that match the
//! description are suggested beside it; "This solved it" closes the form.

use aftercare_core::{NewServiceRequest, PortalError, ServiceCatalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::Value;

use crate::components::focus::focus_later;
use crate::components::kb::deflected::{DeflectedNotice, Solved};
use crate::components::request_form::{
    catalog::load_catalog,
    consent::{consent_given, remember_consent, PrivacyConsent},
    draft_keeper::{keep_drafts, restore, DraftKeeper},
    fields::TypeFields,
    form_state::{control_id, FormState},
    later_prefill,
    product_link::{ProductLink, ProductLinkNotice},
    severity_picker::SeverityPicker,
    submit::{self, FixTarget},
    suggested_articles::SuggestedArticles,
    type_picker::TypePicker,
};
use crate::components::{load_error::LoadError, skeleton::SkeletonCards};
use crate::drafts;
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::session::use_account;
use crate::store::StoreError;
use crate::sync::use_outbox;

/// The complaint type's field that names the request complained about.
const RELATED_REQUEST: &str = "related_request";
/// The field every request type has for the customer's own words; a
/// `?subject=` link starts it.
const DESCRIPTION: &str = "description";

/// What the status line under the form says.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    /// Some answers need fixing.
    FixAnswers,
    /// Saved in the outbox; about to open the request's page.
    Saved,
    /// The device is out of storage space.
    NoSpace,
    /// The device store failed otherwise.
    StoreFailed,
}

/// The page.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let locale = Signal::derive(move || choice.get());
    let catalog = LocalResource::new(move || load_catalog(locale.get_untracked()));
    view! {
        <Title text=move || t_string!(i18n, form_title).to_string() />
        <h1 class="page-title">{t!(i18n, form_title)}</h1>
        <p class="page-lead">{t!(i18n, form_lead)}</p>
        <Transition fallback=|| view! { <SkeletonCards count=2 /> }>
            <ErrorBoundary fallback=move |errors| {
                view! { <LoadError errors on_retry=Callback::new(move |_| catalog.refetch()) /> }
            }>
                {move || Suspend::new(async move {
                    let catalog = catalog.await?;
                    Ok::<_, PortalError>(view! { <RequestForm catalog locale /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The form itself, once the catalog is known.
#[component]
fn RequestForm(catalog: ServiceCatalog, locale: Signal<aftercare_core::Locale>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(catalog, locale);
    provide_context(form);
    let account = use_account();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let query = use_query_map();
    let (fix_key, wanted_type, about) =
        query.with_untracked(|q| (q.get("fix"), q.get("type"), q.get("about")));
    let link_waiting = RwSignal::new(None::<ProductLink>);
    let draft_id = fix_key
        .as_deref()
        .map(drafts::fixing)
        .unwrap_or_else(|| drafts::NEW_REQUEST.to_string());
    let keeper = keep_drafts(form, draft_id.clone());
    let restored_at = RwSignal::new(None::<f64>);
    let fixing = RwSignal::new(None::<FixTarget>);
    let status = RwSignal::new(None::<Status>);
    let sending = RwSignal::new(false);
    let needs_consent = !consent_given();

    // Bring back the draft (or the refused request), then apply the link.
    spawn_local({
        let about = about.clone();
        async move {
            if let Some(key) = fix_key.as_deref() {
                if let Ok(Some(target)) = submit::fix_target(key).await {
                    form.request_type
                        .set(Some(target.request.request_type.clone()));
                    form.severity.set(Some(target.request.severity.clone()));
                    form.values.set(target.request.fields.clone());
                    fixing.set(Some(target));
                }
            }
            if let Ok(Some(draft)) = drafts::load(&draft_id).await {
                if !draft.is_empty() {
                    restored_at.set(Some(draft.saved_at_ms));
                    restore(form, draft);
                }
            }
            if let Some(target) = fixing.get_untracked() {
                if let Some(slot) = form.show_server_problems(&target.problems) {
                    focus_later(control_id(&slot));
                }
            }
            // The address as it is now: a prefill that came while the draft
            // was loading counts too.
            let (product_link, subject) =
                query.with_untracked(|q| (ProductLink::read(q), q.get("subject")));
            let link = product_link.filter(|_| fixing.get_untracked().is_none());
            let restored = restored_at.get_untracked().is_some();
            let held = ProductLink::settle(link, form, restored, link_waiting);
            apply_link(form, wanted_type.filter(|_| !held), about);
            if let Some(subject) = subject.filter(|_| fixing.get_untracked().is_none()) {
                form.prefill(DESCRIPTION, subject.trim());
            }
            keeper.ready.set(true);
        }
    });
    later_prefill::follow_later_prefills(form, query, keeper.ready, DESCRIPTION);

    // A signed-in customer's name and email, where the form asks for them
    // and the customer has not typed anything there.
    Effect::new(move |_| {
        let Some(session) = account.signed_in.get() else {
            return;
        };
        if !keeper.ready.get() {
            return;
        }
        for def in form.fields() {
            match (def.kind, def.key.as_str()) {
                (aftercare_core::FieldKind::Email, _) => {
                    form.prefill(&def.key, &session.customer.email)
                }
                (_, "contact_name") => {
                    form.prefill(&def.key, session.customer.name.as_deref().unwrap_or(""))
                }
                _ => {}
            }
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let consent_needed = needs_consent && fixing.with_untracked(Option::is_none);
        if let Some(slot) = form.check_all(consent_needed) {
            status.set(Some(Status::FixAnswers));
            focus_later(control_id(&slot));
            return;
        }
        let request = NewServiceRequest {
            request_type: form.request_type.get_untracked().unwrap_or_default(),
            severity: form.severity.get_untracked().unwrap_or_default(),
            fields: untrack(|| form.answers()),
            locale: Some(locale.get_untracked().tag().to_string()),
        };
        sending.set(true);
        status.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match submit::send(outbox, request, fixing.get_untracked()).await {
                Ok(key) => {
                    remember_consent();
                    keeper.finish().await;
                    status.set(Some(Status::Saved));
                    // Leaving the page disposes this form; nothing may
                    // touch its state afterwards.
                    navigate(&format!("/requests/{key}"), Default::default());
                    return;
                }
                Err(StoreError::QuotaExceeded) => {
                    status.try_set(Some(Status::NoSpace));
                }
                Err(_) => {
                    status.try_set(Some(Status::StoreFailed));
                }
            }
            sending.try_set(false);
        });
    };

    let on_discard = move |_| {
        let question = t_string!(i18n, form_discard_confirm);
        let agreed = window().confirm_with_message(question).unwrap_or(false);
        if !agreed {
            return;
        }
        let files = form.file_ids();
        form.clear();
        form.consent.set(false);
        restored_at.set(None);
        status.set(None);
        spawn_local(async move {
            if let Err(error) = keeper.discard(files).await {
                keeper.problem.set(Some(error));
            }
        });
    };

    let chosen = Memo::new(move |_| {
        form.request_type
            .get()
            .and_then(|key| form.catalog.with_value(|c| c.request_type(&key).cloned()))
    });
    // Set when an article solved the problem: the form closes.
    let solved = RwSignal::new(None::<Solved>);
    let query_text = Signal::derive(move || form.text(DESCRIPTION));
    let related = Signal::derive(move || form.text(RELATED_REQUEST));

    view! {
        {move || solved.get().map(|solved| view! { <DeflectedNotice solved /> })}
        <div class="request-layout" hidden=move || solved.with(Option::is_some)>
            <form class="request-form" novalidate=true on:submit=on_submit>
                <DraftNotices keeper restored_at fixing=fixing.into() />
                <ProductLinkNotice form link=link_waiting />
                <TypePicker />
                {move || chosen.get().map(|kind| {
                    let supervisor = kind.supervisor_queue.then(|| view! {
                        <p class="notice notice--quiet supervisor-note">
                            {t!(i18n, form_complaint_supervisor)}
                            {move || {
                                let number = related.get();
                                (!number.trim().is_empty()).then(|| view! {
                                    " " {t!(i18n, form_complaint_about, number = move || number.clone())}
                                })
                            }}
                        </p>
                    });
                    view! {
                        {supervisor}
                        <section class="form-step" aria-labelledby="form-details-title">
                            <h2 class="form-step__title" id="form-details-title">{t!(i18n, form_details_title)}</h2>
                            <TypeFields />
                        </section>
                        <SuggestedArticles query=query_text keeper solved />
                        <SeverityPicker />
                    }
                })}
                <PrivacyConsent needed=needs_consent />
                <StatusLine status />
                <div class="form-actions">
                    <button class="button" type="submit" aria-disabled=move || sending.get().then_some("true")>
                        {t!(i18n, form_submit)}
                    </button>
                    <Show when=move || form.request_type.with(Option::is_some) || form.values.with(|v| !v.is_empty())>
                        <button class="button button--secondary" type="button" on:click=on_discard>
                            {t!(i18n, form_discard)}
                        </button>
                    </Show>
                </div>
            </form>
        </div>
    }
}

/// Fills in what a link asked for: `type` picks the request type (only when
/// the customer has not picked one), `about` the request a complaint is
/// about.
fn apply_link(form: FormState, wanted_type: Option<String>, about: Option<String>) {
    let known = |key: &str| form.catalog.with_value(|c| c.request_type(key).is_some());
    if let Some(kind) = wanted_type.filter(|k| known(k)) {
        form.request_type.set(Some(kind));
    }
    if let Some(number) = about.filter(|n| !n.trim().is_empty()) {
        let asks = untrack(|| form.fields())
            .iter()
            .any(|d| d.key == RELATED_REQUEST);
        if asks {
            form.values.update(|values| {
                values.insert(
                    RELATED_REQUEST.into(),
                    Value::String(number.trim().to_string()),
                );
            });
        }
    }
}

/// The notes at the top of the form: a restored draft, a request being
/// fixed, a draft that could not be saved.
#[component]
fn DraftNotices(
    keeper: DraftKeeper,
    restored_at: RwSignal<Option<f64>>,
    fixing: Signal<Option<FixTarget>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    view! {
        {move || restored_at.get().map(|ms| {
            let when = format_moment(ms, choice.get());
            view! {
                <p class="notice notice--quiet" role="status">
                    {t!(i18n, form_draft_restored, time = move || when.clone())}
                </p>
            }
        })}
        {move || fixing.get().map(|_| view! {
            <div class="notice notice--error" role="alert">
                <h2 class="notice__title">{t!(i18n, form_fix_title)}</h2>
                <p>{t!(i18n, form_fix_body)}</p>
            </div>
        })}
        {move || keeper.problem.get().map(|error| {
            let no_space = error == StoreError::QuotaExceeded;
            view! {
                <div class="notice notice--error" role="alert">
                    <p>
                        {if no_space {
                            t!(i18n, form_draft_no_space).into_any()
                        } else {
                            t!(i18n, form_draft_not_saved).into_any()
                        }}
                    </p>
                </div>
            }
        })}
    }
}

/// The live line under the form: what is wrong, or what happened.
#[component]
fn StatusLine(status: RwSignal<Option<Status>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-status" role="status" aria-live="polite">
            {move || match status.get() {
                None => ().into_any(),
                Some(Status::FixAnswers) => view! {
                    <p class="field__error">{t!(i18n, form_fix_answers)}</p>
                }.into_any(),
                Some(Status::Saved) => view! {
                    <p class="notice notice--quiet">{t!(i18n, form_saved_offline)}</p>
                }.into_any(),
                Some(Status::NoSpace) => view! {
                    <div class="notice notice--error">
                        <h2 class="notice__title">{t!(i18n, form_no_space_title)}</h2>
                        <p>{t!(i18n, form_no_space_body)}</p>
                    </div>
                }.into_any(),
                Some(Status::StoreFailed) => view! {
                    <div class="notice notice--error">
                        <p>{t!(i18n, form_store_failed)}</p>
                    </div>
                }.into_any(),
            }}
        </div>
    }
}

/// A moment as the customer's language writes it ("24 Nov 2026, 09:30").
fn format_moment(ms: f64, locale: aftercare_core::Locale) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(locale.tag(), &options).into()
}
