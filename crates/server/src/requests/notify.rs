//! The mail that tells a customer their service request moved: when staff
//! take an action on it or post a message, its customer (the signed-in
//! customer's address; for a guest, the request's `email` field, if the form
//! had one and it was filled in) gets a short mail in the request's
//! language, with the number and the new status.
//!
//! It is sent after the move has committed, and nothing about it reaches the
//! staff member's answer: a relay that fails, or a lookup that does, is
//! logged. Without a relay the mail is one line on stdout,
//! `status mail for EMAIL: AC-XXXX-XX is now STATUS`.
//!
//! When staff resolve a request and the catalog has a survey, the mail
//! also carries the survey link ([`crate::surveys::invite`]), and without a
//! relay a second line follows:
//! `survey link for EMAIL: AC-XXXX-XX https://.../survey#token=TOKEN`.

use aftercare_core::lifecycle::RequestStatus;
use aftercare_core::{Locale, PortalConfig};
use serde_json::Value;

use super::{parse_status, RequestView};
use crate::db::Db;
use crate::mail::Mailer;
use crate::surveys::invite::SurveyInvite;

/// What happened to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Staff moved it (the status may be the one it had, as on a re-assign).
    Moved,
    /// Staff wrote to the customer.
    Message,
}

/// Mails the news of `view` (as it stands after the change) to its
/// customer, if the request has an address to write to; with the survey
/// link of `survey` when the change resolved it.
pub async fn status_change(
    db: &Db,
    mailer: &Mailer,
    portal: &PortalConfig,
    view: &RequestView,
    change: Change,
    survey: Option<SurveyInvite<'_>>,
) {
    let Some(status) = parse_status(&view.status) else {
        return;
    };
    let to = match recipient(db, view).await {
        Ok(Some(to)) => to,
        Ok(None) => return,
        Err(error) => {
            tracing::error!(%error, number = %view.number, "cannot find whom to tell of a move");
            return;
        }
    };
    let locale = Locale::from_tag(&view.locale)
        .or_else(|| Locale::from_tag(&portal.default_locale))
        .unwrap_or(Locale::En);
    let portal_name = portal.branding.portal_name.get(locale);
    let (subject, mut body) = text(&view.number, status, change, locale, portal_name);
    let mut console = format!(
        "status mail for {to}: {} is now {}",
        view.number, view.status
    );
    if let Some(link) = survey_link(view, change, survey) {
        body.push_str(&survey_text(&link, locale));
        console.push_str(&format!("\n{}", survey_line(&to, &view.number, &link)));
    }
    mailer
        .send(&to, locale, subject, body, console, "a status mail")
        .await;
}

/// The survey link a change brings: when staff moved the request to
/// resolved and there is a survey to invite to.
fn survey_link(
    view: &RequestView,
    change: Change,
    survey: Option<SurveyInvite<'_>>,
) -> Option<String> {
    let resolved =
        change == Change::Moved && parse_status(&view.status) == Some(RequestStatus::Resolved);
    survey
        .filter(|_| resolved)
        .map(|invite| invite.link(&view.number))
}

/// The console line of a survey link:
/// `survey link for EMAIL: AC-XXXX-XX URL`.
fn survey_line(to: &str, number: &str, link: &str) -> String {
    format!("survey link for {to}: {number} {link}")
}

/// The survey line of a command that has no relay to mail it with (see
/// `requests::cli`): `None` when the change brings no link or the request
/// has no address to send one to.
pub async fn survey_console_line(
    db: &Db,
    view: &RequestView,
    change: Change,
    survey: Option<SurveyInvite<'_>>,
) -> Option<String> {
    let link = survey_link(view, change, survey)?;
    match recipient(db, view).await {
        Ok(Some(to)) => Some(survey_line(&to, &view.number, &link)),
        Ok(None) => None,
        Err(error) => {
            tracing::error!(%error, number = %view.number, "cannot find whom to send a survey");
            None
        }
    }
}

/// The paragraph of a mail that invites to the survey at `link`; the days
/// it works are [`crate::auth::survey_token::LIFETIME`]'s.
fn survey_text(link: &str, locale: Locale) -> String {
    let days = crate::auth::survey_token::LIFETIME.whole_days();
    match locale {
        Locale::En => format!(
            "\nHow did we do? Tell us in two minutes (the link works for {days} days):\n{link}\n"
        ),
        Locale::ZhCn => format!("\n请花两分钟评价本次服务（链接 {days} 天内有效）：\n{link}\n"),
        Locale::ZhTw => format!("\n請花兩分鐘評價本次服務（連結 {days} 天內有效）：\n{link}\n"),
    }
}

/// The signed-in customer's address, else the `email` field of the form;
/// nobody when the customer deleted their account.
async fn recipient(db: &Db, view: &RequestView) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT c.email, c.deleted_at FROM service_requests r \
         JOIN customers c ON c.id = r.customer_id WHERE r.number = $1",
    )
    .bind(&view.number)
    .fetch_optional(db.pool())
    .await?;
    if let Some((email, deleted_at)) = row {
        return Ok(deleted_at.is_none().then_some(email));
    }
    Ok(match view.fields.get("email") {
        Some(Value::String(email)) if email.contains('@') => Some(email.trim().to_string()),
        _ => None,
    })
}

/// A status as the customer reads it.
pub fn status_label(status: RequestStatus, locale: Locale) -> &'static str {
    use RequestStatus::*;
    match (locale, status) {
        (Locale::En, Submitted) => "submitted",
        (Locale::En, Acknowledged) => "acknowledged",
        (Locale::En, Assigned) => "assigned to an engineer",
        (Locale::En, Scheduled) => "visit scheduled",
        (Locale::En, InProgress) => "in progress",
        (Locale::En, WaitingOnCustomer) => "waiting for your reply",
        (Locale::En, Resolved) => "resolved",
        (Locale::En, Closed) => "closed",
        (Locale::En, Cancelled) => "cancelled",
        (Locale::ZhCn, Submitted) => "已提交",
        (Locale::ZhCn, Acknowledged) => "已受理",
        (Locale::ZhCn, Assigned) => "已派工",
        (Locale::ZhCn, Scheduled) => "已预约上门",
        (Locale::ZhCn, InProgress) => "处理中",
        (Locale::ZhCn, WaitingOnCustomer) => "等待您的回复",
        (Locale::ZhCn, Resolved) => "已解决",
        (Locale::ZhCn, Closed) => "已关闭",
        (Locale::ZhCn, Cancelled) => "已取消",
        (Locale::ZhTw, Submitted) => "已提交",
        (Locale::ZhTw, Acknowledged) => "已受理",
        (Locale::ZhTw, Assigned) => "已派工",
        (Locale::ZhTw, Scheduled) => "已預約到府",
        (Locale::ZhTw, InProgress) => "處理中",
        (Locale::ZhTw, WaitingOnCustomer) => "等待您的回覆",
        (Locale::ZhTw, Resolved) => "已解決",
        (Locale::ZhTw, Closed) => "已關閉",
        (Locale::ZhTw, Cancelled) => "已取消",
    }
}

/// The subject and text of a status mail.
fn text(
    number: &str,
    status: RequestStatus,
    change: Change,
    locale: Locale,
    portal: &str,
) -> (String, String) {
    let label = status_label(status, locale);
    match (locale, change) {
        (Locale::En, Change::Moved) => (
            format!("{number}: {label}"),
            format!(
                "Your service request {number} is now {label}.\n\n\
                 Open it in {portal} to see the details.\n\n{portal}\n"
            ),
        ),
        (Locale::En, Change::Message) => (
            format!("{number}: a new message"),
            format!(
                "There is a new message on your service request {number} \
                 (now {label}).\n\nOpen it in {portal} to read it.\n\n{portal}\n"
            ),
        ),
        (Locale::ZhCn, Change::Moved) => (
            format!("服务请求 {number}：{label}"),
            format!(
                "您的服务请求 {number} 的状态已更新为：{label}。\n\n\
                 请在{portal}中查看详情。\n\n{portal}\n"
            ),
        ),
        (Locale::ZhCn, Change::Message) => (
            format!("服务请求 {number}：有新消息"),
            format!(
                "您的服务请求 {number} 有一条新消息（当前状态：{label}）。\n\n\
                 请在{portal}中查看。\n\n{portal}\n"
            ),
        ),
        (Locale::ZhTw, Change::Moved) => (
            format!("服務請求 {number}：{label}"),
            format!(
                "您的服務請求 {number} 的狀態已更新為：{label}。\n\n\
                 請在{portal}中查看詳情。\n\n{portal}\n"
            ),
        ),
        (Locale::ZhTw, Change::Message) => (
            format!("服務請求 {number}：有新訊息"),
            format!(
                "您的服務請求 {number} 有一則新訊息（目前狀態：{label}）。\n\n\
                 請在{portal}中查看。\n\n{portal}\n"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_label_in_every_language() {
        for locale in Locale::ALL {
            let labels: std::collections::HashSet<_> = RequestStatus::ALL
                .into_iter()
                .map(|status| status_label(status, locale))
                .collect();
            assert_eq!(labels.len(), RequestStatus::ALL.len(), "{locale:?}");
        }
    }

    #[test]
    fn the_text_names_the_number_and_the_status() {
        for locale in Locale::ALL {
            for change in [Change::Moved, Change::Message] {
                let (subject, body) = text(
                    "AC-7K3F-92",
                    RequestStatus::Resolved,
                    change,
                    locale,
                    "Help",
                );
                assert!(subject.contains("AC-7K3F-92"), "{subject}");
                assert!(
                    body.contains("AC-7K3F-92") && body.contains("Help"),
                    "{body}"
                );
                assert!(
                    body.contains(status_label(RequestStatus::Resolved, locale)),
                    "{body}"
                );
            }
        }
    }

    #[test]
    fn every_language_invites_to_the_survey_with_the_link() {
        for locale in Locale::ALL {
            let text = survey_text("https://x.example/survey#token=T", locale);
            assert!(
                text.contains("https://x.example/survey#token=T\n"),
                "{text}"
            );
            assert!(text.contains("60"), "{text}");
        }
        assert_eq!(
            survey_line("a@example.com", "AC-7K3F-92", "http://l/survey#token=T"),
            "survey link for a@example.com: AC-7K3F-92 http://l/survey#token=T"
        );
    }
}
