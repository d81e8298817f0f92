//! A request about a registered product: "Request service" on "My
//! products" opens the form with `?type=fault_report&product_model=…&
//! serial_number=…&purchase_date=…`. The link fills those answers, but
//! never overwrites a saved draft silently: when the draft restored is of
//! another type or names another product, the draft stays as it was and a
//! notice offers to switch it to the linked product (its other answers
//! stay).

use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use serde_json::Value;

use super::form_state::FormState;
use crate::components::request::confirm::ChoiceButtons;
use crate::i18n::*;

/// The answers a product link fills, by field key.
pub const PRODUCT_FIELDS: [&str; 3] = ["product_model", "serial_number", "purchase_date"];

/// What a product link asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductLink {
    /// The request type, if the link names one.
    pub request_type: Option<String>,
    /// The product's answers, by field key.
    pub values: Vec<(String, String)>,
}

impl ProductLink {
    /// The link in `query`, if it names a product.
    pub fn read(query: &ParamsMap) -> Option<ProductLink> {
        let values: Vec<(String, String)> = PRODUCT_FIELDS
            .iter()
            .filter_map(|key| {
                let value = query.get(key)?.trim().to_string();
                (!value.is_empty()).then(|| (key.to_string(), value))
            })
            .collect();
        (!values.is_empty()).then(|| ProductLink {
            request_type: query.get("type"),
            values,
        })
    }

    /// The linked product as the notice names it: "BW-500 · SN123".
    fn summary(&self) -> String {
        self.values
            .iter()
            .filter(|(key, _)| key != "purchase_date")
            .map(|(_, value)| value.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Whether applying the link would change what the (restored) form
    /// already holds: another type, or another answer in a product field.
    pub fn conflicts(&self, form: FormState) -> bool {
        let current_type = form.request_type.get_untracked();
        let other_type = matches!((&current_type, &self.request_type), (Some(now), Some(wanted)) if now != wanted);
        other_type
            || self.values.iter().any(|(key, value)| {
                let now = untrack(|| form.text(key));
                !now.is_empty() && now != *value
            })
    }

    /// Applies `link` (if any) once the draft is back in the form: when a
    /// `restored` draft conflicts with it, nothing changes and the link
    /// waits in `waiting` for the customer's choice (returns `true`: the
    /// link's type must not be applied either); otherwise the product's
    /// answers fill the empty fields.
    pub fn settle(
        link: Option<ProductLink>,
        form: FormState,
        restored: bool,
        waiting: RwSignal<Option<ProductLink>>,
    ) -> bool {
        let Some(link) = link else { return false };
        if restored && link.conflicts(form) {
            waiting.set(Some(link));
            return true;
        }
        link.fill(form);
        false
    }

    /// Fills the product's answers the form leaves empty.
    pub fn fill(&self, form: FormState) {
        for (key, value) in &self.values {
            form.prefill(key, value);
        }
    }

    /// Switches the form to the linked product: its type and its answers
    /// replace the draft's; every other answer stays.
    pub fn replace(&self, form: FormState) {
        let known = |key: &str| form.catalog.with_value(|c| c.request_type(key).is_some());
        if let Some(kind) = self.request_type.clone().filter(|k| known(k)) {
            form.request_type.set(Some(kind));
        }
        for (key, value) in &self.values {
            form.set(key, Value::String(value.clone()));
        }
    }
}

/// The notice shown when a product link met a draft about something else.
#[component]
pub fn ProductLinkNotice(
    /// The form.
    form: FormState,
    /// The link waiting for the customer's choice; cleared once chosen.
    link: RwSignal<Option<ProductLink>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        link.get().map(|wanted| {
            let product = wanted.summary();
            view! {
                <div class="notice notice--quiet" role="status">
                    <p>{t!(i18n, products_link_draft_kept, product = move || product.clone())}</p>
                    <ChoiceButtons
                        yes=move || t_string!(i18n, products_link_use).to_string()
                        no=move || t_string!(i18n, products_link_keep).to_string()
                        class="actions__buttons"
                        on_yes=Callback::new(move |_| {
                            wanted.replace(form);
                            link.set(None);
                        })
                        on_no=Callback::new(move |_| link.set(None))
                    />
                </div>
            }
        })
    }
}
