//! The browser transport: sends the core's [`HttpRequest`] values with
//! gloo-net and hands back [`HttpResponse`] values. It is the only place in
//! the portal that talks to the network.

use aftercare_core::{HttpRequest, HttpResponse, Method, PortalError};
use gloo_net::http::{Method as NetMethod, RequestBuilder};

/// Sends `request` and returns whatever the server answered, error statuses
/// included; only a failure to get any answer is an error here.
pub async fn send(request: HttpRequest) -> Result<HttpResponse, PortalError> {
    let method = match request.method {
        Method::Get => NetMethod::GET,
        Method::Post => NetMethod::POST,
        Method::Patch => NetMethod::PATCH,
        Method::Put => NetMethod::PUT,
        Method::Head => NetMethod::HEAD,
        Method::Delete => NetMethod::DELETE,
    };
    let mut builder = RequestBuilder::new(&request.url).method(method);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(js_sys::Uint8Array::from(body.as_slice())),
        None => builder.build(),
    }
    .map_err(|e| PortalError::Unreachable(e.to_string()))?;
    let response = built
        .send()
        .await
        .map_err(|e| PortalError::Unreachable(e.to_string()))?;
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = response
        .binary()
        .await
        .map_err(|e| PortalError::Unreachable(e.to_string()))?;
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}
