//! The adapter for Aftercare's own REST contract (v1), as the reference
//! server implements it (`crates/server/README.md`).

use super::wire::{keyed, offset_header, query_string, with_json};
use super::{read_error, read_json, Backend, CustomerAction};
use crate::access::{Credentials, SignedIn};
use crate::http::encode_component;
use crate::product::{NewProduct, ProductList, RegisteredProduct};
use crate::service_request::{NewServiceRequest, RequestPage, RequestQuery, ServiceRequest};
use crate::survey::{SurveyAnswers, SurveyRecord, SurveySubmission};
use crate::upload::{ChunkOutcome, UploadProgress, UploadSlot, UploadStart};
use crate::{
    Article, ArticleFeedback, ArticlePage, ArticleQuery, HttpRequest, HttpResponse, KbEventBatch,
    Locale, Method, PortalConfig, PortalError, SearchResults, ServiceCatalog,
};

/// The adapter for Aftercare's own REST contract (v1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestBackend {
    /// Where `/api/v1` lives, without a trailing slash; empty for the
    /// portal's own origin.
    base_url: String,
}

impl RestBackend {
    /// An adapter for the contract served under `base_url` (e.g.
    /// `https://help.example.com`, or `""` for the same origin).
    pub fn new(base_url: impl Into<String>) -> Self {
        RestBackend {
            base_url: base_url.into().trim_end_matches('/').to_string(),
        }
    }

    fn call(&self, method: Method, path: &str, locale: Locale) -> HttpRequest {
        let mut request = HttpRequest::get(format!("{}/api/v1{path}", self.base_url));
        request.method = method;
        request
            .headers
            .push(("Accept-Language".into(), locale.tag().into()));
        request
    }

    fn get(&self, path: &str, locale: Locale) -> HttpRequest {
        self.call(Method::Get, path, locale)
    }

    /// A call on behalf of `credentials`.
    fn as_asker(
        &self,
        method: Method,
        path: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let mut request = self.call(method, path, locale);
        if let Some(token) = &credentials.session {
            request
                .headers
                .push(("Authorization".into(), format!("Bearer {token}")));
        }
        if let Some(key) = &credentials.access_key {
            request.headers.push(("X-Access-Key".into(), key.clone()));
        }
        if let Some(token) = &credentials.survey_token {
            request
                .headers
                .push(("X-Survey-Token".into(), token.clone()));
        }
        request
    }
}

impl Backend for RestBackend {
    fn portal_config(&self, locale: Locale) -> HttpRequest {
        self.get("/portal", locale)
    }

    fn read_portal_config(&self, response: HttpResponse) -> Result<PortalConfig, PortalError> {
        read_json(response)
    }

    fn read_service_catalog(&self, response: HttpResponse) -> Result<ServiceCatalog, PortalError> {
        /// The part of the portal configuration that holds the catalog.
        #[derive(serde::Deserialize)]
        struct WithService {
            service: ServiceCatalog,
        }
        read_json::<WithService>(response).map(|answer| answer.service)
    }

    fn list_articles(&self, query: &ArticleQuery, locale: Locale) -> HttpRequest {
        let params = query_string(&[
            ("locale", query.locale.clone()),
            ("since", query.since.clone()),
            ("limit", query.limit.map(|l| l.to_string())),
        ]);
        self.get(&format!("/kb/articles{params}"), locale)
    }

    fn read_article_page(&self, response: HttpResponse) -> Result<ArticlePage, PortalError> {
        read_json(response)
    }

    fn get_article(&self, id: &str, locale: Locale) -> HttpRequest {
        self.get(&format!("/kb/articles/{}", encode_component(id)), locale)
    }

    fn read_article(&self, response: HttpResponse) -> Result<Article, PortalError> {
        read_json(response)
    }

    fn search_articles(&self, text: &str, limit: u32, locale: Locale) -> HttpRequest {
        let params = query_string(&[
            ("q", Some(text.to_string())),
            ("locale", Some(locale.tag().to_string())),
            ("limit", Some(limit.to_string())),
        ]);
        self.get(&format!("/kb/search{params}"), locale)
    }

    fn read_search_results(&self, response: HttpResponse) -> Result<SearchResults, PortalError> {
        read_json(response)
    }

    fn send_article_feedback(
        &self,
        id: &str,
        feedback: &ArticleFeedback,
        idempotency_key: &str,
        locale: Locale,
    ) -> HttpRequest {
        let path = format!("/kb/articles/{}/feedback", encode_component(id));
        keyed(
            with_json(self.call(Method::Post, &path, locale), feedback),
            idempotency_key,
        )
    }

    fn send_kb_events(
        &self,
        batch: &KbEventBatch,
        idempotency_key: &str,
        locale: Locale,
    ) -> HttpRequest {
        let call = self.call(Method::Post, "/kb/events", locale);
        keyed(with_json(call, batch), idempotency_key)
    }

    fn read_accepted(&self, response: HttpResponse) -> Result<(), PortalError> {
        if response.is_success() {
            Ok(())
        } else {
            Err(read_error(response))
        }
    }

    fn request_sign_in_code(&self, email: &str, locale: Locale) -> HttpRequest {
        let body = serde_json::json!({"email": email, "locale": locale.tag()});
        with_json(self.call(Method::Post, "/auth/email-code", locale), &body)
    }

    fn read_code_sent(&self, response: HttpResponse) -> Result<(), PortalError> {
        if response.is_success() {
            Ok(())
        } else {
            Err(read_error(response))
        }
    }

    fn sign_in(&self, email: &str, code: &str, locale: Locale) -> HttpRequest {
        let body = serde_json::json!({"email": email, "code": code});
        with_json(self.call(Method::Post, "/auth/session", locale), &body)
    }

    fn sign_in_with_embed_token(&self, token: &str, locale: Locale) -> HttpRequest {
        let body = serde_json::json!({"token": token});
        with_json(self.call(Method::Post, "/auth/embed", locale), &body)
    }

    fn read_signed_in(&self, response: HttpResponse) -> Result<SignedIn, PortalError> {
        read_json(response)
    }

    fn sign_out(&self, token: &str, locale: Locale) -> HttpRequest {
        self.as_asker(
            Method::Delete,
            "/auth/session",
            &Credentials::session(token),
            locale,
        )
    }

    fn create_request(
        &self,
        request: &NewServiceRequest,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let call = self.as_asker(Method::Post, "/requests", credentials, locale);
        keyed(with_json(call, request), idempotency_key)
    }

    fn list_requests(
        &self,
        query: &RequestQuery,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let status = query
            .status
            .map(|s| serde_json::to_value(s).expect("statuses serialise"))
            .and_then(|v| v.as_str().map(str::to_string));
        let params = query_string(&[
            ("status", status),
            ("cursor", query.cursor.clone()),
            ("limit", query.limit.map(|l| l.to_string())),
        ]);
        self.as_asker(
            Method::Get,
            &format!("/requests{params}"),
            credentials,
            locale,
        )
    }

    fn read_request_page(&self, response: HttpResponse) -> Result<RequestPage, PortalError> {
        read_json(response)
    }

    fn get_request(&self, number: &str, credentials: &Credentials, locale: Locale) -> HttpRequest {
        let path = format!("/requests/{}", encode_component(number));
        self.as_asker(Method::Get, &path, credentials, locale)
    }

    fn post_message(
        &self,
        number: &str,
        text: &str,
        attachments: &[String],
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let path = format!("/requests/{}/messages", encode_component(number));
        let body = serde_json::json!({"text": text, "attachments": attachments});
        let call = self.as_asker(Method::Post, &path, credentials, locale);
        keyed(with_json(call, &body), idempotency_key)
    }

    fn request_action(
        &self,
        number: &str,
        action: CustomerAction,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let path = format!("/requests/{}/{}", encode_component(number), action.as_str());
        keyed(
            self.as_asker(Method::Post, &path, credentials, locale),
            idempotency_key,
        )
    }

    fn read_request(&self, response: HttpResponse) -> Result<ServiceRequest, PortalError> {
        read_json(response)
    }

    fn start_upload(
        &self,
        file: &UploadStart,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let call = self.as_asker(Method::Post, "/attachments", credentials, locale);
        keyed(with_json(call, file), idempotency_key)
    }

    fn read_upload_slot(&self, response: HttpResponse) -> Result<UploadSlot, PortalError> {
        read_json(response)
    }

    fn upload_chunk(
        &self,
        id: &str,
        offset: u64,
        chunk: Vec<u8>,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let path = format!("/attachments/{}", encode_component(id));
        let mut request = self.as_asker(Method::Patch, &path, credentials, locale);
        request.headers.push((
            "Content-Type".into(),
            "application/offset+octet-stream".into(),
        ));
        request
            .headers
            .push(("Upload-Offset".into(), offset.to_string()));
        request.body = Some(chunk);
        request
    }

    fn read_chunk_outcome(&self, response: HttpResponse) -> Result<ChunkOutcome, PortalError> {
        if response.is_success() {
            return offset_header(&response, "Upload-Offset").map(ChunkOutcome::Stored);
        }
        if response.status == 409 {
            if let Ok(stored) = offset_header(&response, "Upload-Offset") {
                return Ok(ChunkOutcome::Conflict(stored));
            }
        }
        Err(read_error(response))
    }

    fn upload_status(&self, id: &str, credentials: &Credentials, locale: Locale) -> HttpRequest {
        let path = format!("/attachments/{}", encode_component(id));
        self.as_asker(Method::Head, &path, credentials, locale)
    }

    fn read_upload_progress(&self, response: HttpResponse) -> Result<UploadProgress, PortalError> {
        if !response.is_success() {
            return Err(read_error(response));
        }
        Ok(UploadProgress {
            offset: offset_header(&response, "Upload-Offset")?,
            length: offset_header(&response, "Upload-Length")?,
        })
    }

    fn get_survey(&self, number: &str, credentials: &Credentials, locale: Locale) -> HttpRequest {
        let path = format!("/requests/{}/survey", encode_component(number));
        self.as_asker(Method::Get, &path, credentials, locale)
    }

    fn put_survey(
        &self,
        number: &str,
        answers: &SurveyAnswers,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let path = format!("/requests/{}/survey", encode_component(number));
        let body = SurveySubmission {
            answers: answers.clone(),
        };
        with_json(
            self.as_asker(Method::Put, &path, credentials, locale),
            &body,
        )
    }

    fn read_survey(&self, response: HttpResponse) -> Result<SurveyRecord, PortalError> {
        read_json(response)
    }

    fn list_products(&self, credentials: &Credentials, locale: Locale) -> HttpRequest {
        self.as_asker(Method::Get, "/products", credentials, locale)
    }

    fn read_products(&self, response: HttpResponse) -> Result<ProductList, PortalError> {
        read_json(response)
    }

    fn register_product(
        &self,
        product: &NewProduct,
        idempotency_key: &str,
        credentials: &Credentials,
        locale: Locale,
    ) -> HttpRequest {
        let call = self.as_asker(Method::Post, "/products", credentials, locale);
        keyed(with_json(call, product), idempotency_key)
    }

    fn read_product(&self, response: HttpResponse) -> Result<RegisteredProduct, PortalError> {
        read_json(response)
    }

    fn export_my_data(&self, credentials: &Credentials, locale: Locale) -> HttpRequest {
        self.as_asker(Method::Get, "/me/export", credentials, locale)
    }

    fn read_my_data(&self, response: HttpResponse) -> Result<Vec<u8>, PortalError> {
        if response.is_success() {
            Ok(response.body)
        } else {
            Err(read_error(response))
        }
    }

    fn delete_account(&self, credentials: &Credentials, locale: Locale) -> HttpRequest {
        self.as_asker(Method::Delete, "/me", credentials, locale)
    }

    fn read_account_deleted(&self, response: HttpResponse) -> Result<(), PortalError> {
        self.read_accepted(response)
    }
}
