//! `[server]`: how customers reach this server — the public address that
//! links in mail (such as the survey link) start with.

use serde::Deserialize;

/// `[server]`: how customers reach this server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// The portal's address as customers reach it (`https://...`, maybe
    /// with a path), used in links that mail carries, such as the survey
    /// link. Without it, `serve` uses `http://localhost:PORT` with the port
    /// it listens on, and the `staff` commands `http://localhost:8080`.
    pub public_url: Option<String>,
}

/// The public URL when none is configured and the port is unknown (the
/// `serve` command's default port).
pub const DEFAULT_PUBLIC_URL: &str = "http://localhost:8080";

impl ServerSettings {
    /// The configured public URL without a trailing slash, else the one
    /// for a server listening on `port` of this machine.
    pub fn public_url_or(&self, port: Option<u16>) -> String {
        match (&self.public_url, port) {
            (Some(url), _) => url.trim_end_matches('/').to_string(),
            (None, Some(port)) => format!("http://localhost:{port}"),
            (None, None) => DEFAULT_PUBLIC_URL.to_string(),
        }
    }

    /// Whether the public URL, if set, is an http(s) address without a
    /// query or fragment; else why not.
    pub fn check(&self) -> Result<(), String> {
        if let Some(url) = &self.public_url {
            let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
            let host = url.split("://").nth(1).unwrap_or_default();
            if !scheme_ok
                || host.is_empty()
                || host.starts_with('/')
                || url.contains(['?', '#'])
                || url.chars().any(char::is_whitespace)
            {
                return Err(format!(
                    "`server.public_url` is {url:?}; it must be an http(s) address such as \
                     \"https://service.example.com\", without a query or fragment"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::from_toml;
    use super::*;

    #[test]
    fn the_public_url_is_checked_and_defaulted() {
        let settings =
            from_toml("[server]\npublic_url = \"https://service.example.com/help/\"\n").unwrap();
        assert_eq!(
            settings.server.public_url_or(Some(9000)),
            "https://service.example.com/help"
        );
        let none = ServerSettings::default();
        assert_eq!(none.public_url_or(Some(9000)), "http://localhost:9000");
        assert_eq!(none.public_url_or(None), DEFAULT_PUBLIC_URL);
        for bad in [
            "service.example.com",
            "https://",
            "https://a.example/?x=1",
            "ftp://a",
            "https://a b",
        ] {
            let text = format!("[server]\npublic_url = {bad:?}\n");
            assert!(matches!(from_toml(&text), Err((true, _))), "{bad}");
        }
    }
}
