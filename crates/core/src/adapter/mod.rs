//! Backend adapters: data in, data out. An adapter turns what the portal
//! wants into an [`HttpRequest`] and the [`HttpResponse`] that comes back into
//! domain values or a [`PortalError`]. Adding a helpdesk means adding one
//! implementation of [`Backend`]; nothing else changes.

mod rest;
mod wire;

use serde::de::DeserializeOwned;

pub use rest::RestBackend;

use crate::access::{Credentials, SignedIn};
use crate::product::{NewProduct, ProductList, RegisteredProduct};
use crate::service_request::{NewServiceRequest, RequestPage, RequestQuery, ServiceRequest};
use crate::survey::{SurveyAnswers, SurveyRecord};
use crate::upload::{ChunkOutcome, UploadProgress, UploadSlot, UploadStart};
use crate::{
    Article, ArticleFeedback, ArticlePage, ArticleQuery, HttpRequest, HttpResponse, KbEventBatch,
    Locale, PortalConfig, PortalError, Problem, SearchResults, ServiceCatalog,
};

/// What a customer may do to their own request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerAction {
    /// Say a resolved request is not solved after all.
    Reopen,
    /// Withdraw a request that no longer matters.
    Cancel,
    /// Confirm a resolved request, which closes it.
    Close,
}

impl CustomerAction {
    /// The action's name in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerAction::Reopen => "reopen",
            CustomerAction::Cancel => "cancel",
            CustomerAction::Close => "close",
        }
    }
}

/// What the portal needs from a helpdesk, as pairs of "build the request" and
/// "read the response". Implementations do no I/O. Calls that change
/// something take the idempotency key the outbox made once for the intent.
pub trait Backend {
    /// Asks for the portal's configuration.
    fn portal_config(&self, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::portal_config`].
    fn read_portal_config(&self, response: HttpResponse) -> Result<PortalConfig, PortalError>;
    /// Reads the service catalog (request types, severities, products, the
    /// survey) from the same answer as [`Backend::read_portal_config`], so
    /// that one call brings both.
    fn read_service_catalog(&self, response: HttpResponse) -> Result<ServiceCatalog, PortalError>;
    /// Asks for a page of the article feed.
    fn list_articles(&self, query: &ArticleQuery, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::list_articles`].
    fn read_article_page(&self, response: HttpResponse) -> Result<ArticlePage, PortalError>;
    /// Asks for one article by id.
    fn get_article(&self, id: &str, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::get_article`].
    fn read_article(&self, response: HttpResponse) -> Result<Article, PortalError>;
    /// Asks the backend's search for `text` in `locale`, at most `limit` hits.
    fn search_articles(&self, text: &str, limit: u32, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::search_articles`].
    fn read_search_results(&self, response: HttpResponse) -> Result<SearchResults, PortalError>;
    /// Sends a "Was this helpful?" answer on article `id`.
    fn send_article_feedback(
        &self,
        id: &str,
        feedback: &ArticleFeedback,
        idempotency_key: &str,
        locale: Locale,
    ) -> HttpRequest;
    /// Sends a batch of search analytics events.
    fn send_kb_events(
        &self,
        batch: &KbEventBatch,
        idempotency_key: &str,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads an answer whose body does not matter, only whether it succeeded
    /// (feedback and events).
    fn read_accepted(&self, response: HttpResponse) -> Result<(), PortalError>;

    /// Asks for a sign-in code to be mailed to `email`.
    fn request_sign_in_code(&self, email: &str, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::request_sign_in_code`].
    fn read_code_sent(&self, response: HttpResponse) -> Result<(), PortalError>;
    /// Redeems a mailed code for a session.
    fn sign_in(&self, email: &str, code: &str, locale: Locale) -> HttpRequest;
    /// Signs in the customer a vendor's website vouches for with a signed
    /// embed token (the embedded widget's "identify"); the answer is read
    /// with [`Backend::read_signed_in`].
    fn sign_in_with_embed_token(&self, token: &str, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::sign_in`] and
    /// [`Backend::sign_in_with_embed_token`].
    fn read_signed_in(&self, response: HttpResponse) -> Result<SignedIn, PortalError>;
    /// Ends the session of `token`.
    fn sign_out(&self, token: &str, locale: Locale) -> HttpRequest;

    /// Opens a service request.
    fn create_request(
        &self,
        request: &NewServiceRequest,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Asks for a page of the signed-in customer's requests.
    fn list_requests(
        &self,
        query: &RequestQuery,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads the answer to [`Backend::list_requests`].
    fn read_request_page(&self, response: HttpResponse) -> Result<RequestPage, PortalError>;
    /// Asks for one request by its number.
    fn get_request(&self, number: &str, credentials: &Credentials, locale: Locale) -> HttpRequest;
    /// Adds a message (text, files or both) to a request.
    fn post_message(
        &self,
        number: &str,
        text: &str,
        attachments: &[String],
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reopens, cancels or closes a request.
    fn request_action(
        &self,
        number: &str,
        action: CustomerAction,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads any answer that is a whole request: creating, reading,
    /// messaging and moving one.
    fn read_request(&self, response: HttpResponse) -> Result<ServiceRequest, PortalError>;

    /// Announces a file to upload.
    fn start_upload(
        &self,
        file: &UploadStart,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads the answer to [`Backend::start_upload`].
    fn read_upload_slot(&self, response: HttpResponse) -> Result<UploadSlot, PortalError>;
    /// Sends the bytes of upload `id` that start at `offset`.
    fn upload_chunk(
        &self,
        id: &str,
        offset: u64,
        chunk: Vec<u8>,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads the answer to [`Backend::upload_chunk`].
    fn read_chunk_outcome(&self, response: HttpResponse) -> Result<ChunkOutcome, PortalError>;
    /// Asks how much of upload `id` the server holds.
    fn upload_status(&self, id: &str, credentials: &Credentials, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::upload_status`].
    fn read_upload_progress(&self, response: HttpResponse) -> Result<UploadProgress, PortalError>;

    /// Asks for the satisfaction survey of request `number`: the answers so
    /// far and whether they may change. Reading records nothing.
    fn get_survey(&self, number: &str, credentials: &Credentials, locale: Locale) -> HttpRequest;
    /// Answers (or changes the answers to) the survey of request `number`;
    /// the same call twice leaves one answer.
    fn put_survey(
        &self,
        number: &str,
        answers: &SurveyAnswers,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads the answer to [`Backend::get_survey`] and [`Backend::put_survey`].
    fn read_survey(&self, response: HttpResponse) -> Result<SurveyRecord, PortalError>;

    /// Asks for the signed-in customer's registered products.
    fn list_products(&self, credentials: &Credentials, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::list_products`].
    fn read_products(&self, response: HttpResponse) -> Result<ProductList, PortalError>;
    /// Registers a product for the signed-in customer.
    fn register_product(
        &self,
        product: &NewProduct,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest;
    /// Reads the answer to [`Backend::register_product`].
    fn read_product(&self, response: HttpResponse) -> Result<RegisteredProduct, PortalError>;

    /// Asks for everything the backend holds about the signed-in customer.
    fn export_my_data(&self, credentials: &Credentials, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::export_my_data`]: the JSON document,
    /// as the backend wrote it, for the customer to keep.
    fn read_my_data(&self, response: HttpResponse) -> Result<Vec<u8>, PortalError>;
    /// Deletes the signed-in customer's account; their requests stay,
    /// anonymised.
    fn delete_account(&self, credentials: &Credentials, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::delete_account`].
    fn read_account_deleted(&self, response: HttpResponse) -> Result<(), PortalError>;
}

/// Reads a contract response: a 2xx body as `T`, anything else as the error
/// it stands for (a problem document when the server sent one).
pub fn read_json<T: DeserializeOwned>(response: HttpResponse) -> Result<T, PortalError> {
    if response.is_success() {
        return serde_json::from_slice(&response.body)
            .map_err(|e| PortalError::Decode(e.to_string()));
    }
    Err(read_error(response))
}

/// The error a non-2xx contract response stands for.
pub fn read_error(response: HttpResponse) -> PortalError {
    if response.status == 404 {
        return PortalError::NotFound;
    }
    match serde_json::from_slice::<Problem>(&response.body) {
        Ok(problem) => PortalError::Problem(problem),
        Err(_) => PortalError::Status(response.status),
    }
}

#[cfg(test)]
mod tests_account;
#[cfg(test)]
mod tests_kb;
#[cfg(test)]
mod tests_requests;
