//! The knowledge base's pieces of UI: the search box and its results, topic
//! cards, snippets with their matches marked, the "Was this helpful?" box,
//! related articles, the wait for the library, and the note shown when an
//! article solved the customer's problem.

pub mod breadcrumb;
pub mod deflected;
pub mod hit_list;
pub mod locale_badge;
pub mod marked_text;
pub mod related;
pub mod search_box;
pub mod search_results;
pub mod shelf_gate;
pub mod topic_cards;
pub mod vote_box;
