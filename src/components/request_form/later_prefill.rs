//! Answers the page's address brings after the new-request form is open:
//! the vendor's page sends the widget another `prefill` while the customer
//! is already on the form. Like the first one, they fill only what is still
//! empty, so nothing the customer typed (or an earlier prefill gave) is
//! replaced, and they never switch the request type under the customer.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use super::form_state::FormState;
use super::product_link::ProductLink;

/// Fills `form` from every later change of `query` (not its first value,
/// which the page applies itself once the draft is back), while `ready`
/// says the draft has been restored; `subject_field` is the field a
/// `subject` fills.
pub fn follow_later_prefills(
    form: FormState,
    query: Memo<ParamsMap>,
    ready: RwSignal<bool>,
    subject_field: &'static str,
) {
    Effect::new(move |first_seen: Option<()>| {
        let (link, subject) = query.with(|q| (ProductLink::read(q), q.get("subject")));
        if first_seen.is_none() || !ready.get_untracked() {
            return;
        }
        if let Some(link) = link {
            link.fill(form);
        }
        if let Some(subject) = subject {
            form.prefill(subject_field, subject.trim());
        }
    });
}
