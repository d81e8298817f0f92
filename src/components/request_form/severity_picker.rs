//! How urgent the request is: each severity with when to choose it and the
//! promise that comes with it ("First reply within 2 hours · on site within
//! 8 hours · resolved within 2 days"), all from the catalog's targets.

use aftercare_core::{Locale, ServiceTargets};
use leptos::prelude::*;

use super::form_state::{use_form, SEVERITY_SLOT};
use super::radio_card::{CardGroup, Choice, RadioCards};
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// How the severity picker's cards are named.
const SEVERITY_CARDS: CardGroup = CardGroup {
    at: SEVERITY_SLOT,
    name: "severity",
    id_prefix: "form-severity",
    about_suffix: "about",
};

/// The severity picker.
#[component]
pub fn SeverityPicker() -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let mut levels = form.catalog.with_value(|c| c.severities.clone());
    levels.sort_by_key(|s| s.level);
    let on_pick = Callback::new(move |()| {
        form.errors.update(|errors| {
            errors.remove(SEVERITY_SLOT);
        });
    });
    let choices = levels
        .into_iter()
        .map(|severity| {
            let description = severity.description;
            let targets = severity.targets;
            Choice {
                key: severity.key,
                title: severity.label,
                about: view! {
                    <span>{move || description.get(form.locale.get()).to_string()}</span>
                    " "
                    <span class="promise">{move || promise(i18n, form.locale.get(), targets)}</span>
                }
                .into_any(),
            }
        })
        .collect();
    view! {
        <RadioCards
            group=SEVERITY_CARDS
            legend=t!(i18n, form_severity_legend).into_any()
            hint=t!(i18n, form_severity_hint).into_any()
            choices
            chosen=form.severity
            on_pick
        />
    }
}

/// The promise of `targets` in words, its parts joined by " · ".
pub fn promise(
    i18n: I18nContext<crate::i18n::Locale>,
    locale: Locale,
    targets: ServiceTargets,
) -> String {
    let business = targets.business_hours_only;
    let span = |minutes: u32| time_span(i18n, minutes, business);
    let mut parts = vec![format!(
        "{} {}",
        t_string!(i18n, form_promise_reply),
        span(targets.first_response_minutes)
    )];
    if let Some(visit) = targets.on_site_minutes {
        parts.push(format!(
            "{} {}",
            t_string!(i18n, form_promise_visit),
            span(visit)
        ));
    }
    parts.push(format!(
        "{} {}",
        t_string!(i18n, form_promise_resolve),
        span(targets.resolve_minutes)
    ));
    let joined = parts.join(" · ");
    match locale {
        Locale::En => capitalise(&joined),
        _ => joined,
    }
}

/// The units a span of time is told in.
#[derive(Clone, Copy)]
enum Unit {
    BusinessHour,
    BusinessMinute,
    Day,
    Hour,
    Minute,
}

/// "2 hours", "30 minutes", "2 days", or "8 business hours": the largest unit
/// that tells the span whole.
fn time_span(i18n: I18nContext<crate::i18n::Locale>, minutes: u32, business: bool) -> String {
    let (count, unit) = match minutes {
        m if business && m.is_multiple_of(60) => (m / 60, Unit::BusinessHour),
        m if business => (m, Unit::BusinessMinute),
        m if m.is_multiple_of(1440) => (m / 1440, Unit::Day),
        m if m.is_multiple_of(60) => (m / 60, Unit::Hour),
        m => (m, Unit::Minute),
    };
    let word = match (unit, count == 1) {
        (Unit::BusinessHour, true) => t_string!(i18n, form_unit_business_hour),
        (Unit::BusinessHour, false) => t_string!(i18n, form_unit_business_hours),
        (Unit::BusinessMinute, true) => t_string!(i18n, form_unit_business_minute),
        (Unit::BusinessMinute, false) => t_string!(i18n, form_unit_business_minutes),
        (Unit::Day, true) => t_string!(i18n, form_unit_day),
        (Unit::Day, false) => t_string!(i18n, form_unit_days),
        (Unit::Hour, true) => t_string!(i18n, form_unit_hour),
        (Unit::Hour, false) => t_string!(i18n, form_unit_hours),
        (Unit::Minute, true) => t_string!(i18n, form_unit_minute),
        (Unit::Minute, false) => t_string!(i18n, form_unit_minutes),
    };
    format!("{count} {word}")
}

/// The text with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
