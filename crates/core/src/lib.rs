//! The sans-IO heart of Aftercare: domain types, the backend adapters that turn
//! intents into [`HttpRequest`] values and [`HttpResponse`] values into domain
//! types, and the errors a customer can meet. Nothing here touches a network,
//! a disk or a clock, so it compiles unchanged for the browser and the server.

pub mod adapter;
pub mod calendar;
pub mod catalog;
pub mod forms;
pub mod http;
pub mod kb;
pub mod lifecycle;
pub mod locale;
pub mod portal;
pub mod problem;
pub mod sla;
pub mod time;
pub mod warranty;

pub use adapter::{Backend, RestBackend};
pub use calendar::{BusinessCalendar, OpeningHours};
pub use catalog::{RequestTypeDef, ServiceCatalog, ServiceTargets, SeverityDef, UploadLimits};
pub use forms::{Condition, FieldDef, FieldError, FieldKind, FieldOption};
pub use http::{HttpRequest, HttpResponse, Method};
pub use kb::{Article, ArticlePage, ArticleQuery, ArticleSummary};
pub use lifecycle::{Actor, RequestAction, RequestStatus, TransitionError};
pub use locale::Locale;
pub use portal::{Branding, Category, LocalizedText, PortalConfig};
pub use problem::{PortalError, Problem, ProblemFieldError};
pub use sla::{SlaClock, SlaState, SlaStates, SlaTarget};
pub use time::{Date, Timestamp, Weekday};
pub use warranty::WarrantyStatus;
