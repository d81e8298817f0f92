//! The sans-IO heart of Aftercare: domain types, the backend adapters that turn
//! intents into [`HttpRequest`] values and [`HttpResponse`] values into domain
//! types, and the errors a customer can meet. Nothing here touches a network,
//! a disk or a clock, so it compiles unchanged for the browser and the server.

pub mod access;
pub mod adapter;
pub mod calendar;
pub mod catalog;
pub mod forms;
pub mod http;
pub mod kb;
pub mod kb_signals;
pub mod lifecycle;
pub mod locale;
pub mod outbox;
pub mod portal;
pub mod problem;
pub mod product;
pub mod search;
pub mod service_request;
pub mod sla;
pub mod survey;
#[cfg(test)]
mod test_support;
pub mod time;
pub mod upload;
pub mod warranty;

pub use access::{Credentials, Customer, SignedIn};
pub use adapter::{Backend, CustomerAction, RestBackend};
pub use calendar::{BusinessCalendar, OpeningHours};
pub use catalog::{
    ProductModel, RequestTypeDef, ServiceCatalog, ServiceTargets, SeverityDef, UploadLimits,
};
pub use forms::{Condition, FieldDef, FieldError, FieldKind, FieldOption};
pub use http::{HttpRequest, HttpResponse, Method};
pub use kb::{Article, ArticlePage, ArticleQuery, ArticleSummary};
pub use kb_signals::{ArticleFeedback, KbEvent, KbEventBatch, KbEventKind};
pub use lifecycle::{Actor, RequestAction, RequestStatus, TransitionError};
pub use locale::Locale;
pub use outbox::{EntryState, OutboxEntry, Step, Verdict};
pub use portal::{Branding, Category, LocalizedText, PortalConfig};
pub use problem::{PortalError, Problem, ProblemFieldError};
pub use product::{NewProduct, ProductList, RegisteredProduct, ServiceVisit};
pub use search::{SearchHit, SearchIndex, SearchQuery, SearchResults, SearchSettings, SynonymSets};
pub use service_request::{
    AttachmentRef, NewServiceRequest, PromiseState, RequestPage, RequestQuery, RequestSummary,
    ServiceRequest, TimelineEvent,
};
pub use sla::{SlaClock, SlaState, SlaStates, SlaTarget};
pub use survey::{
    Answer, QuestionKind, SurveyAnswers, SurveyDefinition, SurveyQuestion, SurveyRecord,
    SurveySubmission,
};
pub use time::{Date, Timestamp, Weekday};
pub use upload::{ChunkOutcome, UploadProgress, UploadSlot, UploadStart};
pub use warranty::WarrantyStatus;
