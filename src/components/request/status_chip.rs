//! The status chip: a request's status as a word on a coloured background,
//! the same in lists and on the request page; the word carries the meaning,
//! the colour only helps.

use aftercare_core::RequestStatus;
use leptos::prelude::*;

use crate::components::request::clock::I18n;
use crate::i18n::*;

/// The customer's word for `status`, in the current language.
pub fn status_label(i18n: I18n, status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Submitted => t_string!(i18n, track_status_submitted),
        RequestStatus::Acknowledged => t_string!(i18n, track_status_acknowledged),
        RequestStatus::Assigned => t_string!(i18n, track_status_assigned),
        RequestStatus::Scheduled => t_string!(i18n, track_status_scheduled),
        RequestStatus::InProgress => t_string!(i18n, track_status_in_progress),
        RequestStatus::WaitingOnCustomer => t_string!(i18n, track_status_waiting_on_customer),
        RequestStatus::Resolved => t_string!(i18n, track_status_resolved),
        RequestStatus::Closed => t_string!(i18n, track_status_closed),
        RequestStatus::Cancelled => t_string!(i18n, track_status_cancelled),
    }
}

/// The CSS modifier of `status`'s chip, such as `in-progress`.
pub fn status_class(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Submitted => "submitted",
        RequestStatus::Acknowledged => "acknowledged",
        RequestStatus::Assigned => "assigned",
        RequestStatus::Scheduled => "scheduled",
        RequestStatus::InProgress => "in-progress",
        RequestStatus::WaitingOnCustomer => "waiting",
        RequestStatus::Resolved => "resolved",
        RequestStatus::Closed => "closed",
        RequestStatus::Cancelled => "cancelled",
    }
}

/// A chip with the status's word; `None` is a request still waiting to send.
#[component]
pub fn StatusChip(
    /// The status, or `None` while the request is in the outbox.
    #[prop(into)]
    status: Signal<Option<RequestStatus>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = move || {
        let modifier = status.get().map(status_class).unwrap_or("pending");
        format!("status-chip status-chip--{modifier}")
    };
    let label = move || match status.get() {
        Some(status) => status_label(i18n, status),
        None => t_string!(i18n, track_waiting_to_send),
    };
    view! { <span class=class>{label}</span> }
}
