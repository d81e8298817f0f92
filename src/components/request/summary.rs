//! The top of the request page: what it is (number, type, severity, status,
//! when it was sent), the guest's access key, and what happens next (the
//! engineer and the booked visit).

use aftercare_core::ServiceRequest;
use leptos::prelude::*;

use crate::components::request::labels::{severity_label, type_label, CatalogSignal};
use crate::components::request::status_chip::StatusChip;
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::{format_date_time, format_window};
use crate::request_book::SavedRequest;

/// The request's heading and facts.
#[component]
pub fn RequestSummary(
    /// The request as this device knows it.
    saved: SavedRequest,
    catalog: CatalogSignal,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let request = saved.request.clone();
    let status = request.as_ref().map(|r| r.status);
    let (type_key, severity_key) = match (&saved.request, &saved.pending) {
        (Some(r), _) => (r.request_type.clone(), r.severity.clone()),
        (None, Some(p)) => (p.request_type.clone(), p.severity.clone()),
        (None, None) => (String::new(), String::new()),
    };
    let type_name = move || type_label(catalog.read().as_ref(), &type_key, choice.get());
    let severity_name =
        move || severity_label(catalog.read().as_ref(), &severity_key, choice.get());
    let sent = request.as_ref().map(|r| r.created_at.clone());
    let title = match saved.number.clone() {
        Some(number) => t!(i18n, track_request_title, number = move || number.clone()).into_any(),
        None => t!(i18n, track_local_title).into_any(),
    };
    view! {
        <header class="request-head">
            <h1 id="request-title" class="request-head__title">{title}</h1>
            <StatusChip status=Signal::stored(status) />
        </header>
        <dl class="facts">
            <div class="facts__item">
                <dt>{t!(i18n, track_type)}</dt>
                <dd>{type_name}</dd>
            </div>
            <div class="facts__item">
                <dt>{t!(i18n, track_severity)}</dt>
                <dd>{severity_name}</dd>
            </div>
            {sent.map(|at| {
                let when = move || format_date_time(&at, choice.get());
                view! {
                    <div class="facts__item">
                        <dt>{t!(i18n, track_sent_on)}</dt>
                        <dd>{when}</dd>
                    </div>
                }
            })}
        </dl>
        {saved.request.is_none().then(|| view! {
            <p class="notice notice--quiet" role="status">
                {t!(i18n, track_saved_on_device)} " " {t!(i18n, track_clock_starts)}
            </p>
        })}
        {saved.access_key.clone().map(|key| view! { <AccessKeyCard key /> })}
        {request.map(|request| view! { <NextSteps request /> })}
    }
}

/// A guest's access key, to write down with the number.
#[component]
fn AccessKeyCard(key: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card access-key" aria-labelledby="access-key-title">
            <h2 id="access-key-title" class="card__title">{t!(i18n, track_access_key_heading)}</h2>
            <p class="access-key__value"><code>{key}</code></p>
            <p class="muted">{t!(i18n, track_access_key_note)}</p>
        </section>
    }
}

/// The engineer and the booked visit, for on-site work.
#[component]
fn NextSteps(request: ServiceRequest) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    if request.engineer.is_none() && request.appointment.is_none() {
        return ().into_any();
    }
    let engineer = request.engineer.map(|e| {
        view! {
            <div class="facts__item">
                <dt>{t!(i18n, track_engineer)}</dt>
                <dd>{e.name}</dd>
            </div>
        }
    });
    let visit = request.appointment.map(|slot| {
        let window = move || format_window(&slot.start, &slot.end, choice.get());
        view! {
            <div class="facts__item">
                <dt>{t!(i18n, track_appointment)}</dt>
                <dd>{window}</dd>
            </div>
        }
    });
    view! {
        <section class="card next-steps" aria-labelledby="next-title">
            <h2 id="next-title" class="card__title">{t!(i18n, track_next_heading)}</h2>
            <dl class="facts">{engineer}{visit}</dl>
        </section>
    }
    .into_any()
}
