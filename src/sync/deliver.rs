//! Delivering one outbox entry: upload its files first (resuming where the
//! server stands), then send it with its idempotency key, judge the answer
//! with the core's rules, and save what the backend says about the request.

use aftercare_core::adapter::read_error;
use aftercare_core::outbox::judge;
use aftercare_core::{Credentials, HttpResponse, PortalError, Problem, Verdict};
use serde_json::Value;

use super::{Entry, Intent, Outbox};
use crate::net;
use crate::request_book;
use crate::session::Account;
use crate::store::DeviceStore;
use crate::uploads::{self, UploadError};
use crate::widget;
use crate::{product_book, survey_book};

/// Tries to deliver `entry` once. `None` when it cannot be tried yet: a
/// message or move on a request that is itself still waiting to be sent.
pub async fn deliver(outbox: Outbox, entry: &Entry) -> Option<Verdict> {
    let account = outbox.account;
    let mut sent_files = Vec::new();
    let verdict = match &entry.payload {
        Intent::NewRequest {
            local_id,
            request,
            access_key,
        } => {
            let mut credentials = account.credentials();
            credentials.access_key = access_key.clone();
            let mut request = request.clone();
            for value in request.fields.values_mut() {
                if let Err(verdict) =
                    upload_listed(outbox, &credentials, value, &mut sent_files).await
                {
                    return Some(verdict);
                }
            }
            let backend = account.backend();
            let call = backend.create_request(&request, &entry.key, &credentials, account.locale());
            let sent = net::send(call).await;
            Some(settle(account, sent, access_key.clone(), Some(local_id)).await)
        }
        Intent::Message {
            number,
            text,
            files,
        } => {
            let (number, credentials) = recipient(account, number).await?;
            let mut ids = Value::from(files.clone());
            if let Err(verdict) =
                upload_listed(outbox, &credentials, &mut ids, &mut sent_files).await
            {
                return Some(verdict);
            }
            let ids: Vec<String> = serde_json::from_value(ids).unwrap_or_default();
            let backend = account.backend();
            let call = backend.post_message(
                &number,
                text,
                &ids,
                &entry.key,
                &credentials,
                account.locale(),
            );
            Some(settle(account, net::send(call).await, None, None).await)
        }
        Intent::Action { number, action } => {
            let (number, credentials) = recipient(account, number).await?;
            let backend = account.backend();
            let call = backend.request_action(
                &number,
                *action,
                &entry.key,
                &credentials,
                account.locale(),
            );
            Some(settle(account, net::send(call).await, None, None).await)
        }
        Intent::Feedback {
            article_id,
            feedback,
        } => {
            let backend = account.backend();
            let call =
                backend.send_article_feedback(article_id, feedback, &entry.key, account.locale());
            Some(quietly(judge(net::send(call).await)))
        }
        Intent::KbEvents { batch } => {
            let backend = account.backend();
            let call = backend.send_kb_events(batch, &entry.key, account.locale());
            Some(quietly(judge(net::send(call).await)))
        }
        Intent::Survey {
            number,
            answers,
            token,
        } => {
            // A survey link names a delivered request, so its number stands.
            let (number, own) = match token {
                Some(_) => recipient(account, number)
                    .await
                    .unwrap_or_else(|| (number.clone(), account.credentials())),
                None => recipient(account, number).await?,
            };
            let backend = account.backend();
            let put = |credentials: &Credentials| {
                net::send(backend.put_survey(&number, answers, credentials, account.locale()))
            };
            let read = |answer| backend.read_survey(answer);
            let (verdict, record) = match token {
                Some(token) => {
                    let sent = put(&Credentials::survey_token(token.clone())).await;
                    if is_unauthorized(&sent) && opens_something(&own) {
                        // The link no longer opens the survey; what this
                        // device holds for the request may. A session
                        // refused in turn asks to sign in again; a guest's
                        // key refused is not mended by signing in.
                        let judge_own: fn(_) -> Verdict = if own.session.is_some() {
                            judge
                        } else {
                            judge_by_link
                        };
                        read_if_delivered(put(&own).await, judge_own, read)
                    } else {
                        read_if_delivered(sent, judge_by_link, read)
                    }
                }
                None => read_if_delivered(put(&own).await, judge, read),
            };
            if let Some(record) = record {
                let _ = survey_book::save(&record).await;
            }
            Some(verdict)
        }
        Intent::RegisterProduct { local_id, product } => {
            let credentials = account.credentials();
            let mut product = product.clone();
            if let Some(file) = product.proof_of_purchase.take() {
                let mut ids = Value::from(vec![file]);
                if let Err(verdict) =
                    upload_listed(outbox, &credentials, &mut ids, &mut sent_files).await
                {
                    return Some(verdict);
                }
                product.proof_of_purchase = ids[0].as_str().map(str::to_string);
            }
            let backend = account.backend();
            let call =
                backend.register_product(&product, &entry.key, &credentials, account.locale());
            let (verdict, registered) =
                read_if_delivered(net::send(call).await, judge, |a| backend.read_product(a));
            if let Some(registered) = registered {
                let _ = product_book::save_registered(local_id, &registered).await;
            }
            Some(verdict)
        }
        // Left for the newer version that wrote it.
        Intent::Unknown => None,
    };
    if verdict == Some(Verdict::Delivered) {
        forget_files(outbox, &sent_files).await;
    }
    verdict
}

/// A verdict on a knowledge-base vote or event batch: the customer cannot
/// fix a refused one (an article removed since, say), so it is dropped
/// rather than kept for their attention.
fn quietly(verdict: Verdict) -> Verdict {
    match verdict {
        Verdict::NeedsAttention(_) | Verdict::SignInAgain => Verdict::Delivered,
        other => other,
    }
}

/// Judges `sent` with `judge_by` and, when the backend has it, reads what
/// it answered with `read` (an answer that cannot be read is left unsaved).
fn read_if_delivered<T>(
    sent: Result<HttpResponse, PortalError>,
    judge_by: fn(Result<HttpResponse, PortalError>) -> Verdict,
    read: impl FnOnce(HttpResponse) -> Result<T, PortalError>,
) -> (Verdict, Option<T>) {
    let answer = sent.as_ref().ok().filter(|r| r.is_success()).cloned();
    let verdict = judge_by(sent);
    let read = answer
        .filter(|_| verdict == Verdict::Delivered)
        .and_then(|answer| read(answer).ok());
    (verdict, read)
}

/// Whether the backend refused the credentials (401).
fn is_unauthorized(sent: &Result<HttpResponse, PortalError>) -> bool {
    matches!(sent, Ok(response) if response.status == 401)
}

/// Whether `credentials` open anything: a session or an access key.
fn opens_something(credentials: &Credentials) -> bool {
    credentials.session.is_some() || credentials.access_key.is_some()
}

/// Judges answers sent with a survey link's token alone. A 401 means the
/// link no longer opens the survey (it expired, or the backend's signing
/// key changed): signing in again would not mend that token, so the
/// answers wait for the customer's attention with a problem of status 401,
/// which the survey explains (sign in, or use the request's access key).
pub(crate) fn judge_by_link(sent: Result<HttpResponse, PortalError>) -> Verdict {
    match sent {
        Ok(response) if response.status == 401 => {
            let problem = match read_error(response) {
                PortalError::Problem(problem) if problem.status == 401 => problem,
                _ => Problem::new("about:blank", 401, "The survey link has expired"),
            };
            Verdict::NeedsAttention(PortalError::Problem(problem))
        }
        other => judge(other),
    }
}

/// Drops the files the backend now holds from this device.
async fn forget_files(outbox: Outbox, ids: &[String]) {
    let Ok(store) = DeviceStore::shared().await else {
        return;
    };
    for id in ids {
        let _ = store.delete_file(id).await;
        outbox.progress.clear(id);
    }
}

/// The number of the request `key` and the credentials that open it;
/// `None` while the request is still waiting to be sent.
async fn recipient(account: Account, key: &str) -> Option<(String, Credentials)> {
    let Some(saved) = request_book::saved_request(key).await.ok().flatten() else {
        // Not known on this device: a number the customer typed.
        return Some((key.to_string(), account.credentials()));
    };
    let number = saved
        .number
        .clone()
        .or_else(|| saved.delivered_as.clone())?;
    let mut credentials = account.credentials_for(&saved);
    if credentials.access_key.is_none() && number != saved.key {
        // A delivered local record: its number's record holds the key.
        if let Ok(Some(delivered)) = request_book::saved_request(&number).await {
            credentials = account.credentials_for(&delivered);
        }
    }
    Some((number, credentials))
}

/// Uploads every file this device keeps whose id is listed in `value` (an
/// array), and swaps each id for the server's.
async fn upload_listed(
    outbox: Outbox,
    credentials: &Credentials,
    value: &mut Value,
    sent_files: &mut Vec<String>,
) -> Result<(), Verdict> {
    let account = outbox.account;
    let Value::Array(items) = value else {
        return Ok(());
    };
    let Ok(store) = DeviceStore::shared().await else {
        return Err(Verdict::Retry { after_ms: None });
    };
    let progress = outbox.progress;
    let backend = account.backend();
    for item in items.iter_mut() {
        let Some(file_id) = item.as_str().map(str::to_string) else {
            continue;
        };
        if !matches!(store.file(&file_id).await, Ok(Some(_))) {
            continue;
        }
        let report = progress.reporter(&file_id);
        let uploaded = uploads::upload(
            &store,
            &file_id,
            backend.as_ref(),
            credentials,
            account.locale(),
            report,
        )
        .await;
        match uploaded {
            Ok(server_id) => {
                sent_files.push(file_id);
                *item = Value::String(server_id);
            }
            Err(UploadError::Transient { after_ms }) => return Err(Verdict::Retry { after_ms }),
            Err(UploadError::SignInAgain) => return Err(Verdict::SignInAgain),
            Err(UploadError::Refused(error)) => return Err(Verdict::NeedsAttention(error)),
            Err(UploadError::Store(_)) => return Err(Verdict::Retry { after_ms: None }),
            Err(other) => {
                return Err(Verdict::NeedsAttention(PortalError::Decode(
                    other.to_string(),
                )))
            }
        }
    }
    Ok(())
}

/// Judges an attempt's answer; when the backend has the request, saves it
/// (and, for a new one, points its local record at its number, drops the
/// files this device no longer needs, and tells the widget's host page).
async fn settle(
    account: Account,
    sent: Result<HttpResponse, PortalError>,
    access_key: Option<String>,
    local_id: Option<&String>,
) -> Verdict {
    let answer = sent.as_ref().ok().filter(|r| r.is_success()).cloned();
    let verdict = judge(sent);
    if verdict != Verdict::Delivered {
        return verdict;
    }
    let Some(answer) = answer else {
        return verdict;
    };
    let Ok(request) = account.backend().read_request(answer) else {
        return verdict;
    };
    let number = request.number.clone();
    if local_id.is_some() {
        // A new request has its number now; the host page of the
        // embedded widget hears of it (outside the widget, nobody does).
        widget::bridge::request_created(&number);
    }
    if let Ok(saved) = request_book::save_from_backend(request, access_key).await {
        if let Some(local_id) = local_id {
            if let Ok(Some(mut local)) = request_book::saved_request(local_id).await {
                local.delivered_as = Some(number);
                local.pending = None;
                local.access_key = saved.access_key.clone();
                let _ = request_book::save(&local).await;
            }
        }
    }
    verdict
}
