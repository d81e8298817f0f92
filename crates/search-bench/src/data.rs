//! The bench's data files: the core's demo articles, synonyms and labelled
//! relevance lists (read from `crates/core/tests/data/`), and the generated
//! corpora and queries exported as JSON for the Chromium page.

use std::path::{Path, PathBuf};

use aftercare_core::{Article, SearchSettings, SynonymSets};
use aftercare_search_bench::relevance::Judgement;
use aftercare_search_bench::{BenchSet, CORPUS_SIZES};

/// The labelled lists the bench scores, by file name.
pub const RELEVANCE_LISTS: [&str; 2] = ["kb_relevance.json", "kb_relevance_holdout.json"];

/// The core's test data folder.
pub fn core_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data")
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The demo synonyms as search settings (either a bare list of sets or a
/// whole settings object); none when the file is missing.
pub fn synonyms(dir: &Path) -> Result<SearchSettings, String> {
    let path = dir.join("demo_synonyms.json");
    if !path.exists() {
        eprintln!("search-bench: {} is missing; no synonyms", path.display());
        return Ok(SearchSettings::default());
    }
    let json = read(&path)?;
    if let Ok(settings) = serde_json::from_str::<SearchSettings>(&json) {
        return Ok(settings);
    }
    let sets: SynonymSets = serde_json::from_str(&json).map_err(|e| format!("{e}"))?;
    Ok(SearchSettings { synonyms: sets })
}

/// The demo articles (a list, or `{"articles": [...]}`).
pub fn demo_articles(dir: &Path) -> Result<Vec<Article>, String> {
    let path = dir.join("demo_articles.json");
    if !path.exists() {
        eprintln!("search-bench: {} is missing", path.display());
        return Ok(Vec::new());
    }
    let json = read(&path)?;
    if let Ok(articles) = serde_json::from_str::<Vec<Article>>(&json) {
        return Ok(articles);
    }
    #[derive(serde::Deserialize)]
    struct Page {
        articles: Vec<Article>,
    }
    let page: Page = serde_json::from_str(&json).map_err(|e| format!("{path:?}: {e}"))?;
    Ok(page.articles)
}

/// A labelled list, or `None` when its file does not exist yet.
pub fn labelled(dir: &Path, list: &str) -> Result<Option<Vec<Judgement>>, String> {
    let path = dir.join(list);
    if !path.exists() {
        eprintln!("search-bench: {} is missing", path.display());
        return Ok(None);
    }
    serde_json::from_str(&read(&path)?)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes what the Chromium page loads into `out`: `set-N.json` per corpus
/// size, the demo articles, the synonyms and the labelled lists.
pub fn export(data_dir: &Path, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let write = |name: &str, json: String| {
        std::fs::write(out.join(name), json).map_err(|e| format!("{name}: {e}"))
    };
    for size in CORPUS_SIZES {
        let set = BenchSet::generate(size);
        write(&format!("set-{size}.json"), to_json(&set)?)?;
    }
    write("demo_articles.json", to_json(&demo_articles(data_dir)?)?)?;
    write("demo_synonyms.json", to_json(&synonyms(data_dir)?)?)?;
    let mut lists = Vec::new();
    for list in RELEVANCE_LISTS {
        if let Some(labelled) = labelled(data_dir, list)? {
            write(list, to_json(&labelled)?)?;
            lists.push(list);
        }
    }
    write("lists.json", to_json(&lists)?)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}
