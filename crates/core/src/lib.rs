//! The sans-IO heart of Aftercare: domain types, the backend adapters that turn
//! intents into [`HttpRequest`] values and [`HttpResponse`] values into domain
//! types, and the errors a customer can meet. Nothing here touches a network,
//! a disk or a clock, so it compiles unchanged for the browser and the server.

pub mod adapter;
pub mod http;
pub mod kb;
pub mod locale;
pub mod portal;
pub mod problem;

pub use adapter::{Backend, RestBackend};
pub use http::{HttpRequest, HttpResponse, Method};
pub use kb::{Article, ArticlePage, ArticleQuery, ArticleSummary};
pub use locale::Locale;
pub use portal::{Branding, Category, PortalConfig};
pub use problem::{PortalError, Problem, ProblemFieldError};
