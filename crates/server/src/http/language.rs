//! Picks the language of an error's title from the request's
//! `Accept-Language` header: the supported locale that best matches the
//! highest-weighted language ranges, else English.

use aftercare_core::Locale;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::HeaderMap;

/// The locale to answer in, by `Accept-Language` (RFC 9110 weights honoured,
/// ties kept in header order), defaulting to English.
pub fn negotiate(headers: &HeaderMap) -> Locale {
    let Some(value) = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
    else {
        return Locale::En;
    };
    let mut ranges: Vec<(&str, f32)> = value
        .split(',')
        .filter_map(language_range)
        .filter(|(_, weight)| *weight > 0.0)
        .collect();
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
    Locale::negotiate(ranges.into_iter().map(|(tag, _)| tag))
}

/// One `tag;q=weight` item; `None` when its weight is unreadable.
fn language_range(item: &str) -> Option<(&str, f32)> {
    let mut parts = item.split(';');
    let tag = parts.next()?.trim();
    let mut weight = 1.0;
    for parameter in parts {
        if let Some(q) = parameter.trim().strip_prefix("q=") {
            weight = q.trim().parse().ok().filter(|q| (0.0..=1.0).contains(q))?;
        }
    }
    (!tag.is_empty()).then_some((tag, weight))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn pick(value: &str) -> Locale {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(value).unwrap());
        negotiate(&headers)
    }

    #[test]
    fn honours_weights_and_falls_back_to_english() {
        assert_eq!(pick("zh-CN"), Locale::ZhCn);
        assert_eq!(pick("zh-TW,zh;q=0.9,en;q=0.8"), Locale::ZhTw);
        assert_eq!(pick("en;q=0.5, zh-HK;q=0.9"), Locale::ZhTw);
        assert_eq!(pick("fr-FR, zh-Hans;q=0.7"), Locale::ZhCn);
        assert_eq!(pick("zh;q=0, en"), Locale::En);
        assert_eq!(pick("de, *;q=0.1"), Locale::En);
        assert_eq!(pick("zh;q=bogus"), Locale::En);
        assert_eq!(negotiate(&HeaderMap::new()), Locale::En);
    }
}
