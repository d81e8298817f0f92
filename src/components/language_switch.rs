//! The language switch: a labelled select of the three portal languages. The
//! choice takes effect at once and is remembered on this device.

use aftercare_core::Locale;
use leptos::prelude::*;

use crate::i18n::*;
use crate::language::LanguageChoice;

/// A select that switches the portal between zh-CN, zh-TW and en.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let current = move || choice.get().tag();
    let on_change = move |event| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&event)) {
            choice.choose(locale);
        }
    };
    view! {
        <label class="language-switch">
            <span class="language-switch__label">{t!(i18n, language_label)}</span>
            <select on:change=on_change prop:value=current>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option value=locale.tag() lang=locale.tag() selected=move || current() == locale.tag()>
                                {locale.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
