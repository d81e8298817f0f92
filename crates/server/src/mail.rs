//! Mail to customers: the sign-in code, in the customer's language, and the
//! news of their service requests (written in [`crate::requests::notify`]),
//! sent through the SMTP relay of `[mail]`. Without a relay each mail is
//! printed to stdout as one line, such as `sign-in code for EMAIL: 123456`,
//! so that someone trying the portal locally can still sign in.
//!
//! Mail goes out after the database has committed, and a failure to send is
//! logged, never shown to the client: the answer to "send me a code" is the
//! same whether or not the mail got through (or the address is known).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aftercare_core::Locale;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::auth::CODE_LIFETIME;
use crate::settings::MailSettings;

/// How long one delivery to the relay may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Where mail goes.
#[derive(Debug, Clone)]
pub enum Mailer {
    /// Printed to stdout, for local use without a relay.
    Stdout,
    /// Sent through an SMTP relay.
    Smtp(Arc<SmtpMailer>),
    /// Kept in memory, for tests.
    Memory(Outbox),
}

/// An SMTP relay and the sender address.
#[derive(Debug)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// A mail as it was composed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMail {
    pub to: String,
    pub locale: Locale,
    pub subject: String,
    pub body: String,
}

/// The mail a [`Mailer::Memory`] was given, in order.
#[derive(Debug, Clone, Default)]
pub struct Outbox(Arc<Mutex<Vec<SentMail>>>);

impl Outbox {
    /// Every mail so far.
    pub fn sent(&self) -> Vec<SentMail> {
        self.0
            .lock()
            .expect("the outbox lock is never poisoned")
            .clone()
    }
}

impl Mailer {
    /// The mailer `[mail]` describes, or stdout when there is no `[mail]`.
    pub fn from_settings(settings: Option<&MailSettings>) -> Result<Mailer, String> {
        let Some(settings) = settings else {
            return Ok(Mailer::Stdout);
        };
        let builder = if settings.starttls {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.smtp_host)
                .map_err(|e| format!("`mail.smtp_host` cannot be used for STARTTLS: {e}"))?
        } else {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.smtp_host)
        };
        let mut builder = builder.port(settings.smtp_port).timeout(Some(SMTP_TIMEOUT));
        if let (Some(username), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(
                username.clone(),
                password.expose().to_string(),
            ));
        }
        let from = settings
            .from
            .parse()
            .map_err(|e| format!("`mail.from` is not an address: {e}"))?;
        Ok(Mailer::Smtp(Arc::new(SmtpMailer {
            transport: builder.build(),
            from,
        })))
    }

    /// Sends `code` to `to` in `locale`, signed with the portal's name.
    /// Failures are logged; the caller has nothing to do about them.
    pub async fn send_sign_in_code(&self, to: &str, code: &str, locale: Locale, portal: &str) {
        let (subject, body) = sign_in_text(code, locale, portal);
        let console = format!("sign-in code for {to}: {code}");
        self.send(to, locale, subject, body, console, "a sign-in code")
            .await;
    }

    /// Sends a composed mail to `to`; without a relay, prints `console`
    /// instead. A failure is logged as about `what`, never returned.
    pub async fn send(
        &self,
        to: &str,
        locale: Locale,
        subject: String,
        body: String,
        console: String,
        what: &str,
    ) {
        match self {
            Mailer::Stdout => {
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{console}");
                let _ = stdout.flush();
            }
            Mailer::Memory(outbox) => {
                let mail = SentMail {
                    to: to.to_string(),
                    locale,
                    subject,
                    body,
                };
                outbox
                    .0
                    .lock()
                    .expect("the outbox lock is never poisoned")
                    .push(mail);
            }
            Mailer::Smtp(smtp) => {
                if let Err(error) = smtp.send(to, subject, body).await {
                    tracing::error!(%error, "could not send {what}");
                }
            }
        }
    }
}

impl SmtpMailer {
    async fn send(&self, to: &str, subject: String, body: String) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("bad recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("cannot compose the mail: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| format!("the relay refused the mail: {e}"))
    }
}

/// The subject and text of a sign-in code mail.
fn sign_in_text(code: &str, locale: Locale, portal: &str) -> (String, String) {
    let minutes = CODE_LIFETIME.whole_minutes();
    match locale {
        Locale::En => (
            format!("Your sign-in code: {code}"),
            format!(
                "Your sign-in code for {portal} is {code}.\n\n\
                 It works for {minutes} minutes. If you did not ask for it, \
                 you can ignore this email.\n\n{portal}\n"
            ),
        ),
        Locale::ZhCn => (
            format!("您的登录验证码：{code}"),
            format!(
                "您登录{portal}的验证码是 {code}。\n\n\
                 验证码在 {minutes} 分钟内有效。如果这不是您本人的操作，请忽略此邮件。\n\n{portal}\n"
            ),
        ),
        Locale::ZhTw => (
            format!("您的登入驗證碼：{code}"),
            format!(
                "您登入{portal}的驗證碼是 {code}。\n\n\
                 驗證碼在 {minutes} 分鐘內有效。如果這不是您本人的操作，請忽略此郵件。\n\n{portal}\n"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_own_text_with_the_code() {
        let texts: Vec<_> = Locale::ALL
            .into_iter()
            .map(|locale| sign_in_text("042517", locale, "Help"))
            .collect();
        for (subject, body) in &texts {
            assert!(subject.contains("042517") && body.contains("042517"));
            assert!(body.contains("10"));
        }
        assert!(texts[0].0.contains("登录"));
        assert!(texts[1].0.contains("登入"));
        assert!(texts[2].0.starts_with("Your"));
    }

    #[tokio::test]
    async fn the_memory_mailer_keeps_what_it_is_given() {
        let outbox = Outbox::default();
        Mailer::Memory(outbox.clone())
            .send_sign_in_code("a@example.com", "123456", Locale::ZhTw, "Help")
            .await;
        let sent = outbox.sent();
        assert_eq!(sent.len(), 1);
        assert_eq!(
            (sent[0].to.as_str(), sent[0].locale),
            ("a@example.com", Locale::ZhTw)
        );
    }
}
