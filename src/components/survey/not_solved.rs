//! The one step offered when the customer says the problem is not solved:
//! reopen the request (asked first, sent through the outbox like every
//! action), or complain to a supervisor through the request form. Without
//! the right to reopen (a survey link opened signed out), signing in is
//! offered instead.

use aftercare_core::CustomerAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::components::request::confirm::ConfirmButton;
use crate::i18n::*;
use crate::sync::use_outbox;

/// "Not solved": reopen or complain.
#[component]
pub fn NotSolvedStep(
    /// The request's number.
    #[prop(into)]
    number: String,
    /// Whether the customer may reopen the request from here.
    can_reopen: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let queued = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let complaint = format!("/requests/new?type=complaint&about={number}");
    let sign_in = format!("/sign-in?next=/requests/{number}");
    let reopen = {
        let number = number.clone();
        Callback::new(move |_| {
            let number = number.clone();
            spawn_local(async move {
                let sent = outbox.act(&number, CustomerAction::Reopen).await;
                failed.set(sent.is_err());
                queued.set(sent.is_ok());
            });
        })
    };
    view! {
        <section class="survey-next" aria-labelledby="survey-next-title">
            <h3 id="survey-next-title" class="survey-next__title">{t!(i18n, survey_not_solved_title)}</h3>
            <p>{t!(i18n, survey_not_solved_body)}</p>
            <div class="actions__buttons">
                {move || match (can_reopen, queued.get()) {
                    (true, false) => view! {
                        <ConfirmButton
                            label=move || t_string!(i18n, survey_reopen).to_string()
                            question=move || t_string!(i18n, survey_reopen_confirm).to_string()
                            yes=move || t_string!(i18n, survey_reopen_yes).to_string()
                            no=move || t_string!(i18n, survey_reopen_no).to_string()
                            on_confirm=reopen
                        />
                    }.into_any(),
                    (true, true) => view! {
                        <p role="status">{t!(i18n, survey_reopen_queued)}</p>
                    }.into_any(),
                    (false, _) => view! {
                        <A href=sign_in.clone() attr:class="button">{t!(i18n, survey_sign_in_to_reopen)}</A>
                    }.into_any(),
                }}
                <A href=complaint attr:class="button button--secondary">{t!(i18n, survey_complain)}</A>
            </div>
            {move || failed.get().then(|| view! {
                <p class="notice notice--error" role="alert">{t!(i18n, account_generic_error)}</p>
            })}
        </section>
    }
}
