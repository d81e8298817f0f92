//! The server's own settings: the tables of the configuration file that are
//! about running the server rather than about the portal, and that are
//! therefore never published at `/api/v1/portal`.
//!
//! ```toml
//! [auth]
//! pepper = "at least 32 characters, the same on every server"
//!
//! [mail]
//! smtp_host = "smtp.example.com"
//! smtp_port = 587
//! from = "Brightwell Service <service@example.com>"
//! starttls = true
//!
//! [embed.vendors.acme]
//! secret = "at least 32 characters shared with acme's web server"
//!
//! # `demo` is the demo vendor page's (`serve --vendor-addr`, see
//! # `crate::http::demo_vendor`): never on a production server.
//! [embed.vendors.demo]
//! secret = "at least 32 characters"
//!
//! [limits]
//! enabled = true
//! window_seconds = 600
//! codes_per_email = 5
//! codes_per_ip = 20
//! sign_ins_per_ip = 30
//! requests_per_ip = 30
//! requests_per_customer = 30
//! guest_calls_per_minute = 60
//! wrong_key_cost = 10
//! body_bytes = 1048576
//!
//! [embedding]
//! # The demo vendor page on `serve --vendor-addr 127.0.0.1:8081` is the
//! # origin "http://127.0.0.1:8081".
//! origins = ["https://vendor.example"]
//!
//! [cors]
//! origins = ["https://app.vendor.example"]
//!
//! [server]
//! public_url = "https://service.example.com"
//! ```
//!
//! Every table is optional. Inside a table an unknown key is an error, so a
//! misspelt setting is caught when the server starts.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::config::ConfigError;

mod server;

pub use server::{ServerSettings, DEFAULT_PUBLIC_URL};

/// The fewest characters a pepper or a vendor's secret may have: HS256 keys
/// must be at least as long as the hash (RFC 7518, section 3.2).
pub const MIN_SECRET_LEN: usize = 32;

/// The server's settings, all defaulted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub auth: AuthSettings,
    /// How sign-in codes are mailed; without it they are printed to stdout.
    pub mail: Option<MailSettings>,
    pub embed: EmbedSettings,
    pub limits: LimitSettings,
    pub embedding: OriginSettings,
    pub cors: OriginSettings,
    pub server: ServerSettings,
}

/// `[auth]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// The key sign-in codes are hashed with. Without it, `serve` keeps a
    /// random one in the data directory, which is fine for one server but
    /// not for several behind a load balancer.
    pub pepper: Option<Secret>,
}

/// `[mail]`: an SMTP relay.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub smtp_host: String,
    #[serde(default = "default_smtp_port")]
    pub smtp_port: u16,
    /// The sender, such as `Brightwell Service <service@example.com>`.
    pub from: String,
    /// Whether to upgrade the connection with STARTTLS (and refuse to send
    /// if the relay cannot).
    #[serde(default = "default_true")]
    pub starttls: bool,
    /// Credentials for relays that require them.
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<Secret>,
}

/// `[embed]`: the vendors whose websites may sign customers in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbedSettings {
    /// By the name a vendor puts in its tokens' `iss` claim.
    pub vendors: BTreeMap<String, VendorSettings>,
}

/// `[embed.vendors.NAME]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorSettings {
    /// The HS256 key the vendor signs its tokens with.
    pub secret: Secret,
}

/// `[limits]`: how often one client may ask for sign-in codes, try to sign
/// in, open service requests and use access keys. Counts are per
/// `window_seconds`, refilled evenly, except `guest_calls_per_minute`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    /// `false` turns every limit off (for benchmarks).
    pub enabled: bool,
    pub window_seconds: u64,
    /// Sign-in codes one email address may be sent.
    pub codes_per_email: u32,
    /// Sign-in codes one client IP address may ask for.
    pub codes_per_ip: u32,
    /// Sign-in attempts (codes and embed tokens) from one client IP address.
    pub sign_ins_per_ip: u32,
    /// Service requests guests may open from one client IP address.
    pub requests_per_ip: u32,
    /// Service requests one signed-in customer may open.
    pub requests_per_customer: u32,
    /// Calls carrying `X-Access-Key` from one client IP address, per minute.
    pub guest_calls_per_minute: u32,
    /// How many guest calls a key that opens nothing (a 404) uses up, so
    /// that guessing keys is throttled harder than using one.
    pub wrong_key_cost: u32,
    /// The largest body the API's routes read, in bytes, unless a route
    /// sets its own limit. Not a rate limit: `enabled` does not turn it off.
    pub body_bytes: usize,
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            enabled: true,
            window_seconds: 600,
            codes_per_email: 5,
            codes_per_ip: 20,
            sign_ins_per_ip: 30,
            requests_per_ip: 30,
            requests_per_customer: 30,
            guest_calls_per_minute: 60,
            wrong_key_cost: 10,
            body_bytes: 1024 * 1024,
        }
    }
}

/// `[embedding]` (the websites that may show the portal in a frame) and
/// `[cors]` (the websites whose scripts may call the API): lists of origins
/// such as `https://vendor.example`, empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OriginSettings {
    pub origins: Vec<String>,
}

/// A secret from the configuration; its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

fn default_smtp_port() -> u16 {
    587
}

fn default_true() -> bool {
    true
}

/// The server's settings from the configuration file at `path`, or the
/// defaults when there is none.
pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
    let Some(path) = path else {
        return Ok(Settings::default());
    };
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    from_toml(&text).map_err(|(invalid, message)| {
        let path = path.to_path_buf();
        if invalid {
            ConfigError::Invalid { path, message }
        } else {
            ConfigError::Parse { path, message }
        }
    })
}

/// The tables this module owns; every other key belongs to the portal.
const TABLES: [&str; 7] = [
    "auth",
    "mail",
    "embed",
    "limits",
    "embedding",
    "cors",
    "server",
];

/// Reads the settings from a whole configuration file's text. The error says
/// whether the file was unreadable (`false`) or broke a rule (`true`).
fn from_toml(text: &str) -> Result<Settings, (bool, String)> {
    let mut table: toml::Table = toml::from_str(text).map_err(|e| (false, e.to_string()))?;
    table.retain(|key, _| TABLES.contains(&key));
    let settings: Settings = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| (false, e.to_string()))?;
    validate(&settings).map_err(|message| (true, message))?;
    Ok(settings)
}

/// Checks the rules the settings must follow, naming the first one broken.
pub fn validate(settings: &Settings) -> Result<(), String> {
    if let Some(pepper) = &settings.auth.pepper {
        if pepper.expose().len() < MIN_SECRET_LEN {
            return Err(format!(
                "`auth.pepper` must be at least {MIN_SECRET_LEN} characters"
            ));
        }
    }
    if let Some(mail) = &settings.mail {
        if mail.smtp_host.trim().is_empty() {
            return Err("`mail.smtp_host` must name the SMTP relay".into());
        }
        if mail.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(format!(
                "`mail.from` {:?} must be an address such as \"Service <service@example.com>\"",
                mail.from
            ));
        }
        if mail.username.is_some() != mail.password.is_some() {
            return Err("`mail.username` and `mail.password` go together".into());
        }
    }
    for (name, vendor) in &settings.embed.vendors {
        if vendor.secret.expose().len() < MIN_SECRET_LEN {
            return Err(format!(
                "`embed.vendors.{name}.secret` must be at least {MIN_SECRET_LEN} characters"
            ));
        }
    }
    let limits = &settings.limits;
    if limits.window_seconds == 0
        || limits.codes_per_email == 0
        || limits.codes_per_ip == 0
        || limits.sign_ins_per_ip == 0
        || limits.requests_per_ip == 0
        || limits.requests_per_customer == 0
        || limits.guest_calls_per_minute == 0
        || limits.wrong_key_cost == 0
        || limits.body_bytes == 0
    {
        return Err(
            "every `limits` number must be at least 1 (use `enabled = false` to turn them off)"
                .into(),
        );
    }
    settings.server.check()?;
    for (table, list) in [("embedding", &settings.embedding), ("cors", &settings.cors)] {
        if let Some(bad) = list.origins.iter().find(|origin| !is_origin(origin)) {
            return Err(format!(
                "`{table}.origins` holds {bad:?}, which is not an origin such as \"https://vendor.example\""
            ));
        }
    }
    Ok(())
}

/// Whether `text` is a web origin as browsers send it: `http` or `https`,
/// `://`, a host of letters, digits, dots and dashes, and an optional port;
/// nothing else (no path, no trailing slash, no wildcard).
pub fn is_origin(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn a_file_without_server_tables_gives_the_defaults() {
        let settings = from_toml("[branding]\naccent_color = \"#1d4ed8\"\n").unwrap();
        assert!(settings.mail.is_none());
        assert!(settings.embed.vendors.is_empty());
        assert_eq!(settings.limits, LimitSettings::default());
    }

    #[test]
    fn every_table_is_read() {
        let text = format!(
            "[auth]\npepper = \"{SECRET}\"\n\
             [mail]\nsmtp_host = \"localhost\"\nsmtp_port = 2525\nfrom = \"Svc <s@example.com>\"\nstarttls = false\n\
             [embed.vendors.acme]\nsecret = \"{SECRET}\"\n\
             [limits]\nenabled = false\n"
        );
        let settings = from_toml(&text).unwrap();
        assert_eq!(settings.auth.pepper.unwrap().expose(), SECRET);
        let mail = settings.mail.unwrap();
        assert_eq!((mail.smtp_port, mail.starttls), (2525, false));
        assert_eq!(settings.embed.vendors["acme"].secret.expose(), SECRET);
        assert!(!settings.limits.enabled);
        assert_eq!(settings.limits.codes_per_email, 5);
    }

    #[test]
    fn origins_are_checked() {
        for good in [
            "https://vendor.example",
            "http://127.0.0.1:8080",
            "https://a-b.c",
        ] {
            assert!(is_origin(good), "{good}");
        }
        for bad in [
            "vendor.example",
            "https://vendor.example/",
            "https://*.vendor.example",
            "https://Vendor.example",
            "https://v.example:99999",
            "https://v.example; script-src *",
            "https://",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
        let settings = from_toml(
            "[embedding]\norigins = [\"https://vendor.example\"]\n[cors]\norigins = []\n",
        )
        .unwrap();
        assert_eq!(settings.embedding.origins, ["https://vendor.example"]);
        assert!(settings.cors.origins.is_empty());
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let text = format!("[embed.vendors.acme]\nsecret = \"{SECRET}\"\n");
        let settings = from_toml(&text).unwrap();
        assert!(!format!("{settings:?}").contains(SECRET));
    }

    #[test]
    fn rule_breaking_settings_are_rejected() {
        for (bad, invalid) in [
            ("[auth]\npepper = \"short\"", true),
            ("[embed.vendors.acme]\nsecret = \"short\"", true),
            ("[mail]\nsmtp_host = \"h\"\nfrom = \"not an address\"", true),
            (
                "[mail]\nsmtp_host = \"h\"\nfrom = \"a@b.example\"\nusername = \"u\"",
                true,
            ),
            ("[limits]\ncodes_per_ip = 0", true),
            ("[limits]\nenabeld = false", false),
            ("[limits]\nbody_bytes = 0", true),
            ("[limits]\nwrong_key_cost = 0", true),
            ("[cors]\norigins = [\"https://a.example/\"]", true),
            ("[embedding]\norigins = [\"*\"]", true),
            ("[embedding]\norigin = []", false),
            ("[mail]\nsmtp_host = \"h\"", false),
        ] {
            let error = from_toml(bad).expect_err(bad);
            assert_eq!(error.0, invalid, "{bad}: {}", error.1);
        }
    }
}
