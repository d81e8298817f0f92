//! What the survey's parts share: the backend's record of a survey (from
//! the network, or this device's copy when it cannot be reached), the
//! customer's unsent draft of answers (kept in the private settings as
//! `survey-draft:{number}`, so nothing typed is lost), the outbox entry
//! that carries answers on their way, and where problems are shown.

use aftercare_core::{Credentials, EntryState, PortalError, Problem, SurveyAnswers, SurveyRecord};
use leptos::prelude::*;

use crate::net;
use crate::session::Account;
use crate::store::DeviceStore;
use crate::survey_book;
use crate::sync::{Entry, Intent, Outbox};

thread_local! {
    /// The requests whose survey the customer sent from this tab, so that
    /// a section drawn again (the request page redraws when the request
    /// changes) still thanks them.
    static SENT_HERE: std::cell::RefCell<std::collections::BTreeSet<String>> =
        Default::default();
}

/// Notes that the customer sent request `number`'s survey from this tab.
pub fn note_sent(number: &str) {
    SENT_HERE.with(|sent| sent.borrow_mut().insert(number.to_uppercase()));
}

/// Whether the customer sent request `number`'s survey from this tab.
pub fn sent_here(number: &str) -> bool {
    SENT_HERE.with(|sent| sent.borrow().contains(&number.to_uppercase()))
}

/// The id of the section on the request page, which links point at.
pub const SECTION_ID: &str = "survey";

/// The backend's record of request `number`'s survey (saved on this device
/// for next time); when the backend cannot be reached, this device's copy
/// and `true` (a saved copy).
pub async fn load_record(
    account: &Account,
    number: &str,
    credentials: &Credentials,
) -> Result<(SurveyRecord, bool), PortalError> {
    let backend = account.backend();
    let fetched = match net::send(backend.get_survey(number, credentials, account.locale())).await {
        Ok(response) => {
            if response.status == 401 && credentials.session.is_some() {
                // The session ended: the page says so, as everywhere.
                account.needs_sign_in.set(true);
            }
            backend.read_survey(response)
        }
        Err(error) => Err(error),
    };
    match fetched {
        Ok(record) => {
            // A failed save only costs the offline copy.
            let _ = survey_book::save(&record).await;
            Ok((record, false))
        }
        Err(error) if error.is_transient() && !refused_as_not_open(&error) => {
            match survey_book::saved(number).await {
                Ok(Some(saved)) => Ok((saved, true)),
                _ => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// Whether `error` is the backend saying the survey is not open.
pub fn refused_as_not_open(error: &PortalError) -> bool {
    matches!(error, PortalError::Problem(problem) if is_not_open(problem))
}

/// Whether the backend refused because the edit window is over.
pub fn is_closed(problem: &Problem) -> bool {
    problem.kind.ends_with("survey-closed")
}

/// Whether the backend says the survey is not open: the request is not
/// resolved or closed (now), and was never answered.
pub fn is_not_open(problem: &Problem) -> bool {
    problem.kind.ends_with("survey-not-open")
}

/// Whether this device knows the customer answered request `number`'s
/// survey: the saved record says so.
pub async fn answered_here(number: &str) -> bool {
    survey_book::saved(number)
        .await
        .ok()
        .flatten()
        .is_some_and(|record| record.answered())
}

fn draft_key(number: &str) -> String {
    format!("survey-draft:{number}")
}

/// The answers the customer gave request `number`'s survey and has not sent.
pub async fn saved_draft(number: &str) -> Option<SurveyAnswers> {
    let store = DeviceStore::shared().await.ok()?;
    store.setting(&draft_key(number)).await.ok().flatten()
}

/// Keeps `answers` as the unsent draft of request `number`'s survey.
pub async fn keep_draft(number: &str, answers: &SurveyAnswers) {
    if let Ok(store) = DeviceStore::shared().await {
        // Without the draft the answers stay in the form until it closes.
        let _ = store.put_setting(&draft_key(number), answers).await;
    }
}

/// Forgets the draft of request `number`'s survey (it is in the outbox now).
pub async fn drop_draft(number: &str) {
    if let Ok(store) = DeviceStore::shared().await {
        let _ = store.delete_setting(&draft_key(number)).await;
    }
}

/// The newest outbox entry carrying answers to request `number`'s survey,
/// while there is one (tracked).
pub fn survey_entry(outbox: Outbox, number: String) -> Memo<Option<Entry>> {
    Memo::new(move |_| {
        outbox.entries.with(|entries| {
            entries
                .iter()
                .rev()
                .find(|entry| is_survey_of(entry, &number))
                .cloned()
        })
    })
}

/// Answers on their way, as the survey shows them.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Waiting to be sent (offline, or being sent now); `sign_in` when
    /// they wait for the customer to sign in again.
    Waiting {
        answers: SurveyAnswers,
        sign_in: bool,
    },
    /// Refused by the backend: the entry's key, its answers, why, and
    /// whether they went with a survey link's token.
    Refused {
        key: String,
        answers: SurveyAnswers,
        problem: Option<Problem>,
        by_link: bool,
    },
}

/// The state of the answers to request `number`'s survey still in the
/// outbox, if any (tracked).
pub fn pending_answers(outbox: Outbox, number: String) -> Memo<Option<Pending>> {
    let entry = survey_entry(outbox, number);
    Memo::new(move |_| {
        let entry = entry.get()?;
        let answers = entry_answers(&entry)?;
        Some(match entry.state {
            EntryState::Waiting => Pending::Waiting {
                answers,
                sign_in: false,
            },
            EntryState::SignInNeeded => Pending::Waiting {
                answers,
                sign_in: true,
            },
            EntryState::NeedsAttention { problem, .. } => Pending::Refused {
                by_link: matches!(&entry.payload, Intent::Survey { token: Some(_), .. }),
                key: entry.key,
                answers,
                problem,
            },
        })
    })
}

/// Whether `entry` carries answers to request `number`'s survey.
pub fn is_survey_of(entry: &Entry, number: &str) -> bool {
    matches!(&entry.payload, Intent::Survey { number: n, .. } if n.eq_ignore_ascii_case(number))
}

/// The answers an outbox entry carries, if it is a survey's.
pub fn entry_answers(entry: &Entry) -> Option<SurveyAnswers> {
    match &entry.payload {
        Intent::Survey { answers, .. } => Some(answers.clone()),
        _ => None,
    }
}

/// The question key a problem's pointer (`/answers/{key}`) names.
pub fn question_of(pointer: &str) -> Option<String> {
    pointer
        .strip_prefix("/answers/")
        .filter(|key| !key.is_empty())
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
}

/// The id of the control that gets focus for question `key`: its first
/// radio button, or its text box.
pub fn control_id(key: &str) -> String {
    format!("survey-{key}")
}

/// The id of the problem message shown at question `key`.
pub fn error_id(key: &str) -> String {
    format!("survey-{key}-error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_names_its_question() {
        assert_eq!(question_of("/answers/overall").as_deref(), Some("overall"));
        assert_eq!(question_of("/answers/a~1b~0c").as_deref(), Some("a/b~c"));
        assert_eq!(question_of("/answers/"), None);
        assert_eq!(question_of("/fields/x"), None);
    }
}
