//! `GET /api/v1/portal`: the configuration's shape and values.

use aftercare_core::{Locale, PortalConfig};

use crate::common::TestApp;

#[tokio::test]
async fn portal_config_has_locales_categories_and_branding() {
    let app = TestApp::empty().await;
    let response = app.get("/api/v1/portal").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), "application/json");
    let config: PortalConfig = serde_json::from_slice(&response.body).expect("a PortalConfig");

    assert_eq!(config.locales, ["zh-CN", "zh-TW", "en"]);
    assert_eq!(config.default_locale, "zh-CN");
    let keys: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "installation",
            "usage",
            "troubleshooting",
            "warranty",
            "billing",
            "service-policy"
        ]
    );
    for category in &config.categories {
        for locale in Locale::ALL {
            assert!(
                !category.label.0[locale.tag()].is_empty(),
                "{}",
                category.key
            );
            assert!(!category.description.0[locale.tag()].is_empty());
        }
    }
    let installation = config.category("installation").unwrap();
    assert_eq!(installation.label.get(Locale::En), "Installation & setup");
    assert_eq!(installation.label.get(Locale::ZhCn), "安装与设置");
    assert_eq!(installation.label.get(Locale::ZhTw), "安裝與設定");
    let branding = &config.branding;
    assert_eq!(branding.portal_name.get(Locale::ZhTw), "售後服務中心");
    assert_eq!(branding.vendor_name.get(Locale::En), "Brightwell Equipment");
    assert_eq!(branding.vendor_name.get(Locale::ZhCn), "明川设备");
    assert_eq!(branding.accent_color, "#0f766e");
}

#[tokio::test]
async fn a_configured_portal_is_served_as_configured() {
    let mut app = TestApp::empty().await;
    let file = app.dir.path().join("portal.toml");
    std::fs::write(&file, "[branding]\naccent_color = \"#1d4ed8\"\n").unwrap();
    app.portal = aftercare_server::config::load(Some(&file)).unwrap();
    let config: PortalConfig =
        serde_json::from_slice(&app.get("/api/v1/portal").await.body).unwrap();
    assert_eq!(config.branding.accent_color, "#1d4ed8");
    assert_eq!(config.categories.len(), 6);
}

#[tokio::test]
async fn the_servers_own_settings_are_never_published() {
    let mut app = TestApp::empty().await;
    let file = app.dir.path().join("aftercare.toml");
    let secret = "vendor-secret-that-must-stay-private-0123";
    std::fs::write(
        &file,
        format!(
            "[branding]\naccent_color = \"#1d4ed8\"\n\
             [auth]\npepper = \"{secret}\"\n\
             [mail]\nsmtp_host = \"mail.internal\"\nfrom = \"s@example.com\"\n\
             [embed.vendors.acme]\nsecret = \"{secret}\"\n"
        ),
    )
    .unwrap();
    app.portal = aftercare_server::config::load(Some(&file)).unwrap();
    let settings = aftercare_server::settings::load(Some(&file)).unwrap();
    assert_eq!(settings.embed.vendors["acme"].secret.expose(), secret);
    let text = app.get("/api/v1/portal").await.text();
    assert!(text.contains("#1d4ed8"));
    for private in [secret, "mail.internal", "acme", "pepper"] {
        assert!(!text.contains(private), "{private} in {text}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::empty().await;
    for uri in ["/api/v1/portal", "/api/v1/nope", "/healthz", "/"] {
        let response = app.get(uri).await;
        assert_eq!(
            response.header("x-content-type-options"),
            "nosniff",
            "{uri}"
        );
        assert_eq!(response.header("referrer-policy"), "no-referrer", "{uri}");
    }
}
