//! The request's timeline: every event, oldest first, with its date, what
//! happened, who did it (the customer is "You", staff by name, the system as
//! such) and the note staff left with it.

use aftercare_core::service_request::{EventActor, TimelineEvent};
use leptos::prelude::*;

use crate::components::request::clock::I18n;
use crate::components::request::status_chip::status_label;
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::{format_date_time, format_window};

/// Who did something, as the customer reads it.
pub fn actor_words(i18n: I18n, actor: &EventActor) -> AnyView {
    let name = actor.name.clone().unwrap_or_default();
    match actor.kind.as_str() {
        "customer" => t!(i18n, track_actor_you).into_any(),
        "engineer" if !name.is_empty() => {
            t!(i18n, track_actor_engineer, name = move || name.clone()).into_any()
        }
        "supervisor" if !name.is_empty() => {
            t!(i18n, track_actor_supervisor, name = move || name.clone()).into_any()
        }
        "system" => t!(i18n, track_actor_system).into_any(),
        _ => t!(i18n, track_actor_team).into_any(),
    }
}

/// What an event did, in words.
fn event_words(i18n: I18n, event: &TimelineEvent) -> AnyView {
    let engineer = event
        .engineer
        .as_ref()
        .map(|e| e.name.clone())
        .unwrap_or_default();
    match event.action.as_deref() {
        Some("submit") => t!(i18n, track_event_submit).into_any(),
        Some("acknowledge") => t!(i18n, track_event_acknowledge).into_any(),
        Some("assign") => t!(i18n, track_event_assign, name = move || engineer.clone()).into_any(),
        Some("schedule") => t!(i18n, track_event_schedule).into_any(),
        Some("start") => t!(i18n, track_event_start).into_any(),
        Some("wait_on_customer") => t!(i18n, track_event_wait).into_any(),
        Some("customer_replied") => t!(i18n, track_event_replied).into_any(),
        Some("resolve") => t!(i18n, track_event_resolve).into_any(),
        Some("close") => t!(i18n, track_event_close).into_any(),
        Some("cancel") => t!(i18n, track_event_cancel).into_any(),
        Some("reopen") => t!(i18n, track_event_reopen).into_any(),
        _ if event.message.is_some() => t!(i18n, track_event_message).into_any(),
        _ => match event.status {
            Some(status) => (move || status_label(i18n, status)).into_any(),
            None => t!(i18n, track_event_other).into_any(),
        },
    }
}

/// The dated list of events.
#[component]
pub fn Timeline(
    /// The events, oldest first.
    events: Vec<TimelineEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title" class="card__title">{t!(i18n, track_timeline_heading)}</h2>
            <ol class="timeline__events">
                {events.into_iter().map(|event| view! { <TimelineItem event /> }).collect_view()}
            </ol>
        </section>
    }
}

/// One event.
#[component]
fn TimelineItem(event: TimelineEvent) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let at = event.at.clone();
    let when = {
        let at = at.clone();
        move || format_date_time(&at, choice.get())
    };
    let what = event_words(i18n, &event);
    let actor = event.actor.clone();
    let who = t!(i18n, track_by, who = move || actor_words(i18n, &actor));
    let appointment = event.appointment.clone().map(|slot| {
        let window = move || format_window(&slot.start, &slot.end, choice.get());
        view! { <p class="timeline__detail">{window}</p> }
    });
    let note = event
        .note
        .clone()
        .filter(|n| !n.trim().is_empty())
        .map(|note| view! { <p class="timeline__note">{note}</p> });
    view! {
        <li class="timeline__event">
            <p class="timeline__what">
                <strong>{what}</strong>
                " "
                <span class="timeline__who">{who}</span>
            </p>
            <p class="timeline__when"><time datetime=at>{when}</time></p>
            {appointment}
            {note}
        </li>
    }
}
