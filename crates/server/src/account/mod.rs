//! A customer's own data: everything the backend holds about them, as one
//! JSON document ([`export`]), and the deletion of their account
//! ([`delete`]).
//!
//! Deleting keeps the service requests — the department still needs them —
//! but not who made them: their forms lose every personal answer (see
//! [`anonymise`]), what stays of their texts — answers, messages, survey
//! and knowledge-base comments — loses every trace of them (see [`mask`]),
//! and the customer row becomes a tombstone whose address
//! is no address, so that nobody can sign in as it and no code can be sent
//! to it. Signing in later with the same address makes a new, empty
//! account; the old requests are never shown to it.

pub mod anonymise;
pub mod mask;

use serde::Serialize;
use serde_json::Value;

use crate::attachments::Store;
use crate::db::my_data::{self, TextKind};
use crate::http::identity::Identity;
use crate::http::problem::ApiError;
use crate::http::products::{customer_id, product_list, today};
use crate::http::AppState;
use crate::requests::{self, Asker, RequestView};
use aftercare_core::RegisteredProduct;

/// The export document.
#[derive(Debug, Clone, Serialize)]
pub struct MyData {
    pub exported_at: String,
    pub customer: CustomerData,
    /// Every request of theirs, whole (timeline, messages, files), newest
    /// first.
    pub requests: Vec<RequestView>,
    pub attachments: Vec<FileData>,
    pub products: Vec<RegisteredProduct>,
    pub surveys: Vec<SurveyData>,
    /// Their "Was this helpful?" answers in the knowledge base.
    pub feedback: Vec<FeedbackData>,
}

/// The customer's own record.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerData {
    pub id: String,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub created_at: String,
}

/// A file they uploaded, or one attached to a request of theirs.
#[derive(Debug, Clone, Serialize)]
pub struct FileData {
    pub id: String,
    pub name: String,
    pub content_type: String,
    pub bytes: i64,
    /// The request it is attached to, by number; `null` for a file no
    /// request uses (such as a proof of purchase).
    pub request: Option<String>,
}

/// A survey answer set of theirs.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyData {
    pub number: String,
    pub answers: Value,
    pub submitted_at: String,
    pub updated_at: String,
}

/// A "Was this helpful?" answer of theirs.
#[derive(Debug, Clone, Serialize)]
pub struct FeedbackData {
    pub article_id: String,
    pub helpful: bool,
    pub comment: Option<String>,
    pub locale: String,
    pub created_at: String,
}

/// Everything the backend holds about the signed-in customer of
/// `identity`; a 401 problem for anyone else.
pub async fn export(state: &AppState, identity: &Identity) -> Result<MyData, ApiError> {
    let id = customer_id(identity)?;
    let mut connection = state.db.pool().acquire().await?;
    let record = my_data::customer(&mut connection, id)
        .await?
        .ok_or_else(|| ApiError::Unauthenticated("The account was deleted.".into()))?;
    // Their requests as they themselves see them; an access key they
    // carry for a request made as a guest shows nothing more here.
    let asker = Asker {
        identity: identity.clone(),
        key_hash: None,
    };
    let desk = crate::http::requests::desk(state);
    let mut views = Vec::new();
    for number in my_data::request_numbers(&mut connection, id).await? {
        views.push(requests::read(desk, &asker, &number).await?);
    }
    let files = my_data::files(&mut connection, &identity.scope(), id).await?;
    let products = product_list(
        &mut connection,
        &state.catalog,
        today(&state.clock, &state.catalog),
        id,
    )
    .await?;
    let surveys = my_data::surveys(&mut connection, id)
        .await?
        .into_iter()
        .map(|survey| SurveyData {
            number: survey.number,
            answers: serde_json::from_str(&survey.answers).unwrap_or(Value::Null),
            submitted_at: survey.submitted_at,
            updated_at: survey.updated_at,
        })
        .collect();
    let feedback = my_data::feedback(&mut connection, id)
        .await?
        .into_iter()
        .map(|vote| FeedbackData {
            article_id: vote.article_id,
            helpful: vote.helpful,
            comment: vote.comment,
            locale: vote.locale,
            created_at: vote.created_at,
        })
        .collect();
    Ok(MyData {
        exported_at: state.clock.stamp(),
        customer: CustomerData {
            id: record.id,
            email: record.email,
            name: record.name,
            locale: record.locale,
            created_at: record.created_at,
        },
        requests: views,
        attachments: files
            .into_iter()
            .map(|file| FileData {
                id: file.id,
                name: file.name,
                content_type: file.content_type,
                bytes: file.bytes,
                request: file.request,
            })
            .collect(),
        products: products.items,
        surveys,
        feedback,
    })
}

/// Deletes the signed-in customer's account in one transaction: the
/// customer row locked first (so that a request being opened for them is
/// either anonymised here or refused), sessions revoked, products and loose
/// uploads deleted, requests anonymised and the customer's traces masked in
/// every text that stays, the customer a tombstone (see
/// [`my_data::delete_account`]). The loose uploads' files are removed from
/// disk after the commit, as far as they can be. A 401 problem for anyone
/// else.
pub async fn delete(state: &AppState, identity: &Identity) -> Result<(), ApiError> {
    let id = customer_id(identity)?;
    let scope = identity.scope();
    let now = state.clock.stamp();
    let mut tx = state.db.begin_immediate().await?;
    let gone = || ApiError::Unauthenticated("The account was deleted.".into());
    let customer = my_data::lock_customer(&mut tx, state.db.engine(), id)
        .await?
        .ok_or_else(gone)?;
    let forms = my_data::request_forms(&mut tx, id).await?;
    let (fields, traces) =
        anonymise::anonymised_forms(&state.catalog, &customer.name, &customer.email, &forms);
    for (request_id, kept) in fields {
        my_data::set_fields(&mut tx, &request_id, &kept).await?;
    }
    for kind in [TextKind::Messages, TextKind::Surveys, TextKind::Feedback] {
        for (text_id, text) in my_data::texts(&mut tx, kind, id).await? {
            let masked = match kind {
                TextKind::Surveys => mask::mask_json(&text, &traces),
                _ => mask::mask(&text, &traces),
            };
            if masked != text {
                my_data::set_text(&mut tx, kind, &text_id, &masked).await?;
            }
        }
    }
    let loose = my_data::loose_files(&mut tx, &scope).await?;
    if !my_data::delete_account(&mut tx, id, &scope, &now).await? {
        return Err(gone());
    }
    tx.commit().await?;
    if let Some(dir) = &state.data_dir {
        let store = Store::in_data_dir(dir);
        for name in loose {
            if let Err(error) = store.remove(&name).await {
                tracing::warn!(%error, "a deleted account's file stays on disk");
            }
        }
    }
    Ok(())
}
