//! The message thread: each message's author, date, text and files. Text is
//! put on the page as a text node, never as HTML, and keeps its line breaks
//! through CSS (`white-space: pre-wrap`).

use aftercare_core::service_request::Message;
use leptos::prelude::*;

use crate::components::request::files::FileList;
use crate::components::request::timeline::actor_words;
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::format_date_time;

/// The conversation, oldest first.
#[component]
pub fn Thread(
    /// The messages, oldest first.
    messages: Vec<Message>,
    /// The guest's access key, when the request is opened with one.
    access_key: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = messages.is_empty();
    view! {
        <section class="card thread" aria-labelledby="thread-title">
            <h2 id="thread-title" class="card__title">{t!(i18n, track_messages_heading)}</h2>
            {empty.then(|| view! { <p class="muted">{t!(i18n, track_no_messages)}</p> })}
            <ol class="thread__messages">
                {messages
                    .into_iter()
                    .map(|message| view! { <ThreadMessage message access_key=access_key.clone() /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// One message.
#[component]
fn ThreadMessage(message: Message, access_key: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let mine = message.author.kind == "customer";
    let author = message.author.clone();
    let who = move || actor_words(i18n, &author);
    let at = message.at.clone();
    let when = {
        let at = at.clone();
        move || format_date_time(&at, choice.get())
    };
    let files = (!message.attachments.is_empty())
        .then(|| view! { <FileList files=message.attachments.clone() access_key /> });
    let text = (!message.text.is_empty()).then(|| {
        view! { <p class="message__text">{message.text.clone()}</p> }
    });
    view! {
        <li class=if mine { "message message--mine" } else { "message" }>
            <p class="message__meta">
                <strong>{who}</strong>
                " · "
                <time datetime=at>{when}</time>
            </p>
            {text}
            {files}
        </li>
    }
}
