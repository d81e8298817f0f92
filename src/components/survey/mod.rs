//! The satisfaction survey a customer answers once a request is resolved,
//! one piece per file: the section that brings it together (on the request
//! page and the survey link's page), the form and its questions (radio
//! groups for scores and yes/no, the comment box with its counter), the
//! problem messages, the answers read back, the refusal and load-failure
//! notices, the "not solved" step, the invitation in lists and pages, and
//! the shared state (record, draft, outbox entry).

pub mod answer_list;
pub mod choice_question;
pub mod comment_question;
pub mod form;
pub mod load_failed;
pub mod not_solved;
pub mod problem_text;
pub mod prompt;
pub mod refused;
pub mod section;
pub mod state;
