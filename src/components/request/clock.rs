//! The service-level clock: for each promise of a request (first reply, on
//! site, resolution) where it stands, in words: "Expected by 14:30 — in
//! 42 min", paused while the department waits on the customer, overdue shown
//! plainly, met or stopped. Running clocks count down from their deadline
//! in the browser, so a page left open (or read offline) stays right.

use aftercare_core::service_request::SlaView;
use aftercare_core::PromiseState;
use leptos::prelude::*;

use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::{format_date_time, format_due, minutes_until};

/// How often a running clock is redrawn, in milliseconds.
const TICK_MS: u32 = 30_000;

/// The i18n context of the portal's languages.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// A duration in minutes as the customer reads it: "42 min", "1 h 5 min",
/// "2 d 3 h".
pub fn duration_words(i18n: I18n, minutes: i64) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1_440, minutes % 1_440 / 60, minutes % 60);
    let (d, h, m) = (
        t_string!(i18n, track_unit_days),
        t_string!(i18n, track_unit_hours),
        t_string!(i18n, track_unit_minutes),
    );
    if days > 0 {
        format!("{days} {d} {hours} {h}")
    } else if hours > 0 {
        format!("{hours} {h} {mins} {m}")
    } else {
        format!("{mins} {m}")
    }
}

/// An overdue promise in words: "Overdue by 12 min (was due 14:30)", with
/// `due` already formatted for the customer.
fn overdue_words(i18n: I18n, by_minutes: i64, due: String) -> AnyView {
    let by = duration_words(i18n, by_minutes);
    t!(
        i18n,
        track_sla_overdue,
        by = move || by.clone(),
        due = move || due.clone()
    )
    .into_any()
}

/// Which promise a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Promise {
    FirstResponse,
    OnSite,
    Resolution,
}

/// The clock of every promise the request carries.
#[component]
pub fn ServiceClock(
    /// The request's promises, as the backend last sent them.
    sla: SlaView,
) -> impl IntoView {
    let i18n = use_i18n();
    let tick = RwSignal::new(0u32);
    // A running clock is redrawn as time passes; the interval ends with the
    // component.
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|t| *t = t.wrapping_add(1)),
        std::time::Duration::from_millis(TICK_MS.into()),
    ) {
        on_cleanup(move || handle.clear());
    }
    let business = sla.business_hours_only;
    let mut rows = vec![(Promise::FirstResponse, sla.first_response.clone())];
    if let Some(on_site) = sla.on_site.clone() {
        rows.push((Promise::OnSite, on_site));
    }
    rows.push((Promise::Resolution, sla.resolution.clone()));
    view! {
        <section class="card sla" aria-labelledby="sla-title">
            <h2 id="sla-title" class="card__title">{t!(i18n, track_sla_heading)}</h2>
            <dl class="sla__rows">
                {rows
                    .into_iter()
                    .map(|(promise, state)| view! { <ClockRow promise state business tick /> })
                    .collect_view()}
            </dl>
            {business.then(|| view! { <p class="sla__note">{t!(i18n, track_sla_business_hours)}</p> })}
        </section>
    }
}

/// One promise: its name, and where it stands in words.
#[component]
fn ClockRow(
    promise: Promise,
    state: PromiseState,
    /// Whether the minutes are business minutes (then the backend's count
    /// is used, since wall-clock time would overstate what is left).
    business: bool,
    tick: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let name = move || match promise {
        Promise::FirstResponse => t_string!(i18n, track_sla_first_response),
        Promise::OnSite => t_string!(i18n, track_sla_on_site),
        Promise::Resolution => t_string!(i18n, track_sla_resolution),
    };
    let kind = match &state {
        PromiseState::Running { .. } => "running",
        PromiseState::Paused { .. } => "paused",
        PromiseState::Overdue { .. } => "overdue",
        PromiseState::Met { .. } => "met",
        PromiseState::Stopped { .. } => "stopped",
    };
    let words = move || -> AnyView {
        tick.track();
        let locale = choice.get();
        match state.clone() {
            PromiseState::Running {
                due,
                remaining_minutes,
            } => {
                let left = if business {
                    Some(remaining_minutes)
                } else {
                    minutes_until(&due)
                }
                .unwrap_or(remaining_minutes);
                let due = format_due(&due, locale);
                if left < 0 {
                    overdue_words(i18n, -left, due)
                } else {
                    let left = duration_words(i18n, left);
                    t!(
                        i18n,
                        track_sla_running,
                        due = move || due.clone(),
                        left = move || left.clone()
                    )
                    .into_any()
                }
            }
            PromiseState::Paused { remaining_minutes } => {
                let left = duration_words(i18n, remaining_minutes);
                t!(i18n, track_sla_paused, left = move || left.clone()).into_any()
            }
            PromiseState::Overdue { due, by_minutes } => {
                let by = if business {
                    by_minutes
                } else {
                    minutes_until(&due).map(|m| -m).unwrap_or(by_minutes)
                };
                overdue_words(i18n, by.max(by_minutes), format_due(&due, locale))
            }
            PromiseState::Met { at } => {
                let at = format_date_time(&at, locale);
                t!(i18n, track_sla_met, at = move || at.clone()).into_any()
            }
            PromiseState::Stopped { at } => {
                let at = format_date_time(&at, locale);
                t!(i18n, track_sla_stopped, at = move || at.clone()).into_any()
            }
        }
    };
    view! {
        <div class=format!("sla__row sla__row--{kind}")>
            <dt>{name}</dt>
            <dd>{words}</dd>
        </div>
    }
}
