//! Tests of saving an index as bytes and loading it back.

use super::tests::{corpus, settings};
use super::*;

/// The length of the saved index's header.
const MAGIC_LEN: usize = 8;

#[test]
fn a_saved_index_loads_back_and_answers_the_same() {
    let index = SearchIndex::build(&corpus(), &settings());
    let bytes = index.to_bytes();
    let loaded = SearchIndex::from_bytes(&bytes).expect("the saved index loads");
    assert_eq!(loaded.len(), index.len());
    for (text, locale) in [
        ("BW 200", Locale::En),
        ("warrn", Locale::En),
        ("维修", Locale::ZhCn),
        ("制冷", Locale::ZhTw),
    ] {
        let query = SearchQuery {
            text,
            locale,
            limit: 10,
            category: None,
        };
        assert_eq!(loaded.search(&query), index.search(&query), "{text}");
    }
    assert_eq!(loaded.related("cool-cn", 5), index.related("cool-cn", 5));
    assert_eq!(loaded.to_bytes(), bytes);
    assert!(
        SearchIndex::from_bytes(&bytes[..bytes.len() - 1]).is_none(),
        "cut short"
    );
    assert!(SearchIndex::from_bytes(b"not an index").is_none());
    // Damage anywhere either fails to load or loads an index that still
    // answers without panicking.
    for at in (MAGIC_LEN..bytes.len()).step_by(bytes.len() / 97 + 1) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0xA5;
        if let Some(loaded) = SearchIndex::from_bytes(&damaged) {
            let query = SearchQuery {
                text: "printer 打印",
                locale: Locale::ZhCn,
                limit: 10,
                category: None,
            };
            let _ = loaded.search(&query);
            let _ = loaded.related("cool-cn", 5);
        }
    }
}
