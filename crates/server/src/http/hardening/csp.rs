//! The Content-Security-Policy of the portal's pages, made for the
//! Trunk-built wasm app and nothing more: scripts only from the portal
//! itself, plus `'wasm-unsafe-eval'` to compile the wasm, plus Trunk's
//! inline module loader by hash.
//!
//! The hashes come from the `index.html` being served, computed the way
//! browsers compute them (SHA-256 of the text between the tags, base64), so
//! no hash is ever kept by hand. They are computed when the server starts,
//! and again whenever `index.html` changes on disk (its modification time or
//! size), so a server that keeps running while the portal is rebuilt keeps
//! working. `frame-ancestors` lists the `[embedding]` origins (`'none'`
//! without any): it decides who may show the portal in a frame, and has no
//! say over a top-level tab.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// What identifies one version of `index.html` on disk.
type Stamp = Option<(SystemTime, u64)>;

/// The policy of the portal's pages, kept up to date with `index.html`;
/// cheap to clone.
#[derive(Debug, Clone)]
pub struct PortalPolicy {
    index: Option<PathBuf>,
    frame_ancestors: Arc<Vec<String>>,
    current: Arc<Mutex<(Stamp, HeaderValue)>>,
}

impl PortalPolicy {
    /// The policy for the portal whose files are in `dist` (or for the "not
    /// built" page without them). An unreadable `index.html` only means no
    /// hashes: its scripts will not run, and the log says why.
    pub fn new(dist: Option<&Path>, frame_ancestors: &[String]) -> Self {
        let index = dist.map(|dir| dir.join("index.html"));
        let frame_ancestors = Arc::new(frame_ancestors.to_vec());
        let stamp = stamp(index.as_deref());
        let value = compute(index.as_deref(), &frame_ancestors);
        PortalPolicy {
            index,
            frame_ancestors,
            current: Arc::new(Mutex::new((stamp, value))),
        }
    }

    /// The policy for `index.html` as it is now on disk.
    pub fn value(&self) -> HeaderValue {
        let now = stamp(self.index.as_deref());
        let mut current = self
            .current
            .lock()
            .expect("the policy's lock is never poisoned");
        if current.0 != now {
            *current = (now, compute(self.index.as_deref(), &self.frame_ancestors));
        }
        current.1.clone()
    }
}

fn stamp(index: Option<&Path>) -> Stamp {
    let metadata = std::fs::metadata(index?).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

fn compute(index: Option<&Path>, frame_ancestors: &[String]) -> HeaderValue {
    let html = index.and_then(|path| {
        std::fs::read_to_string(path)
            .inspect_err(|error| {
                tracing::warn!(
                    path = %path.display(),
                    %error,
                    "cannot read the portal's index.html to hash its inline scripts"
                );
            })
            .ok()
    });
    let policy = policy(html.as_deref().unwrap_or_default(), frame_ancestors);
    HeaderValue::from_str(&policy).expect("origins are checked when the settings load")
}

/// Middleware for the portal's files: puts the policy on every HTML
/// response.
pub async fn portal_policy(
    State(policy): State<PortalPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if is_html {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy.value());
    }
    response
}

/// The policy for a page whose HTML is `html`.
pub fn policy(html: &str, frame_ancestors: &[String]) -> String {
    let sources = |kind: &str, base: &str| {
        let mut list = String::from(base);
        for hash in inline_hashes(html, kind) {
            list.push_str(&format!(" 'sha256-{hash}'"));
        }
        list
    };
    let ancestors = if frame_ancestors.is_empty() {
        "'none'".to_string()
    } else {
        frame_ancestors.join(" ")
    };
    [
        "default-src 'self'".to_string(),
        format!(
            "script-src {}",
            sources("script", "'self' 'wasm-unsafe-eval'")
        ),
        format!("style-src {}", sources("style", "'self'")),
        "img-src 'self' data: blob:".to_string(),
        "connect-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'self'".to_string(),
        format!("frame-ancestors {ancestors}"),
    ]
    .join("; ")
}

/// The base64 SHA-256 of the text of every inline `<tag>` element (one
/// without a `src` attribute) in `html`, in order. The text is what the
/// browser hashes: everything between the start tag and `</tag`, with line
/// breaks normalised to `\n` as the HTML parser does. Comments are skipped.
pub fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(found) = next_tag(&lower, &open, at) {
        let Some(head_end) = tag_end(&lower, found + open.len()) else {
            break;
        };
        let attributes = &lower[found + open.len()..head_end];
        let body_start = head_end + 1;
        let body_end = lower[body_start..]
            .find(&close)
            .map_or(lower.len(), |i| body_start + i);
        if !has_src(attributes) {
            let text = html[body_start..body_end]
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            hashes.push(STANDARD.encode(Sha256::digest(text.as_bytes())));
        }
        at = body_end;
    }
    hashes
}

/// The index of the next `open` tag (followed by a space, `/` or `>`) at or
/// after `from`, outside comments.
fn next_tag(lower: &str, open: &str, mut from: usize) -> Option<usize> {
    loop {
        let tag = lower[from..].find(open).map(|i| from + i)?;
        if let Some(comment) = lower[from..tag].find("<!--").map(|i| from + i) {
            from = lower[comment..]
                .find("-->")
                .map_or(lower.len(), |i| comment + i + 3);
            continue;
        }
        let after = lower.as_bytes().get(tag + open.len());
        if after.is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/') {
            return Some(tag);
        }
        from = tag + open.len();
    }
}

/// The index of the `>` that ends a start tag whose attributes begin at
/// `from`, skipping quoted attribute values.
fn tag_end(lower: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, b) in lower.bytes().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether a start tag's attributes include `src`.
fn has_src(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .any(|word| word == "src" || word.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(text: &str) -> String {
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    }

    #[test]
    fn inline_scripts_are_hashed_exactly_and_external_ones_skipped() {
        let html = "<html><head>\r\n<!-- <script>commented()</script> -->\
                    <script src=\"/a.js\"></script>\
                    <SCRIPT type=\"module\" data-x='a>b'>\r\nimport init from '/x.js';\n</SCRIPT>\
                    <scripts></scripts><script>one()</script></head></html>";
        assert_eq!(
            inline_hashes(html, "script"),
            [sha("\nimport init from '/x.js';\n"), sha("one()")]
        );
        assert!(inline_hashes(html, "style").is_empty());
        assert_eq!(inline_hashes("<style>a{}</style>", "style"), [sha("a{}")]);
    }

    #[test]
    fn the_policy_lists_every_directive() {
        let policy = policy("<script>go()</script>", &[]);
        assert_eq!(
            policy,
            format!(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{}'; \
                 style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
                 object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                sha("go()")
            )
        );
        let framed = super::policy(
            "",
            &["https://a.example".into(), "https://b.example".into()],
        );
        assert!(framed.ends_with("frame-ancestors https://a.example https://b.example"));
    }

    #[test]
    fn the_policy_follows_a_rebuilt_index_html() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index.html");
        std::fs::write(&index, "<script>one()</script>").unwrap();
        let policy = PortalPolicy::new(Some(dir.path()), &[]);
        assert!(policy.value().to_str().unwrap().contains(&sha("one()")));
        std::fs::write(&index, "<script>two(); three()</script>").unwrap();
        assert!(policy
            .value()
            .to_str()
            .unwrap()
            .contains(&sha("two(); three()")));
        std::fs::remove_file(&index).unwrap();
        assert!(policy
            .value()
            .to_str()
            .unwrap()
            .contains("script-src 'self' 'wasm-unsafe-eval';"));
    }
}
