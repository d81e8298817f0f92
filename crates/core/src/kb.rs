//! Knowledge-base articles as the portal shows and caches them, and the
//! delta-sync page the backend hands out.

use serde::{Deserialize, Serialize};

/// One help article in one language, ready to show: `html` was rendered and
/// sanitised by the backend, `text` is the plain text search indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub locale: String,
    /// The key of the category this article belongs to (see `PortalConfig`).
    pub category: String,
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub html: String,
    pub text: String,
    /// When the article last changed, RFC 3339 in UTC.
    pub updated_at: String,
}

impl Article {
    /// The first sentence-sized piece of the plain text, for lists and cards.
    pub fn excerpt(&self, max_chars: usize) -> String {
        let text = self.text.trim();
        if text.chars().count() <= max_chars {
            return text.to_string();
        }
        let cut: String = text.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A page of the article feed: what changed since the cursor, what was
/// removed, and where to continue if there is more.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticlePage {
    pub articles: Vec<Article>,
    /// Ids of articles removed since the cursor the page was asked with.
    #[serde(default)]
    pub tombstones: Vec<String>,
    /// Pass this as `since` to continue: the next page, or later the changes
    /// made since this one. A page shorter than the asked `limit` means the
    /// reader is up to date; the cursor is still worth keeping.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// What to ask the article feed for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleQuery {
    /// Only articles in this locale tag; every locale when `None`.
    pub locale: Option<String>,
    /// A cursor from an earlier page; from the beginning when `None`.
    pub since: Option<String>,
    /// At most this many articles; the backend's default when `None`.
    pub limit: Option<u32>,
}

/// An article without its body, for category lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub category: String,
    pub title: String,
    pub excerpt: String,
}

impl From<&Article> for ArticleSummary {
    fn from(article: &Article) -> Self {
        ArticleSummary {
            id: article.id.clone(),
            category: article.category.clone(),
            title: article.title.clone(),
            excerpt: article.excerpt(120),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            id: "a".into(),
            locale: "en".into(),
            category: "usage".into(),
            title: "T".into(),
            tags: vec![],
            html: String::new(),
            text: text.into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn excerpt_cuts_on_characters_not_bytes() {
        assert_eq!(article("短文").excerpt(10), "短文");
        assert_eq!(article("保修期内免费维修").excerpt(4), "保修期内…");
        assert_eq!(article("abc def").excerpt(4), "abc…");
    }
}
