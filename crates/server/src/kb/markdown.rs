//! Turns an article's Markdown into the two things the portal needs: safe
//! HTML to show, and plain text for the search index. This runs once, when an
//! article is imported, and both results are stored.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// An article body, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitised HTML: only ammonia's default tags and attributes survive,
    /// and every link gets `rel="noopener noreferrer"`.
    pub html: String,
    /// The words of the article without any markup, blocks on their own
    /// lines.
    pub text: String,
}

/// Renders `markdown` (CommonMark with tables and strikethrough).
pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut raw_html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw_html, Parser::new_ext(markdown, options));
    let html = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw_html)
        .to_string();
    Rendered {
        html,
        text: plain_text(Parser::new_ext(markdown, options)),
    }
}

/// Collects the text events, with a space between inline pieces that the
/// source separates by a line break and a newline after every block. Raw HTML
/// in the Markdown is dropped, and so is the text between an inline
/// `<script>` or `<style>` and its closing tag, as the sanitiser drops it from
/// the HTML.
fn plain_text<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut text = String::new();
    let mut inside_raw: Option<&str> = None;
    for event in events {
        if let Event::InlineHtml(tag) = &event {
            let tag = tag.trim_start().to_ascii_lowercase();
            match inside_raw {
                Some(name) if tag.starts_with(&format!("</{name}")) => inside_raw = None,
                None => {
                    inside_raw = ["script", "style"]
                        .into_iter()
                        .find(|name| tag.starts_with(&format!("<{name}")))
                }
                Some(_) => {}
            }
            continue;
        }
        if inside_raw.is_some() && matches!(event, Event::Text(_) | Event::Code(_)) {
            continue;
        }
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak | Event::Start(Tag::TableCell) => text.push(' '),
            Event::HardBreak | Event::Rule => text.push('\n'),
            Event::End(end) if ends_block(&end) => text.push('\n'),
            _ => {}
        }
    }
    tidy(&text)
}

fn ends_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableHead
            | TagEnd::TableRow
    )
}

/// Collapses runs of spaces inside each line and drops empty lines.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_and_marks_links() {
        let rendered = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://example.com)");
        assert!(rendered.html.contains("<table>"), "{}", rendered.html);
        assert!(rendered.html.contains(r#"rel="noopener noreferrer""#));
        assert_eq!(rendered.text, "a b\n1 2\nsite");
    }

    #[test]
    fn scripts_and_handlers_never_survive() {
        let markdown = "Hello <script>alert('x')</script>\n\n<script>\nsteal()\n</script>\n\n\
                        <img src=x onerror=\"alert(1)\"> [click](javascript:alert(1))";
        let rendered = render(markdown);
        for bad in ["<script", "alert", "steal", "onerror", "javascript:"] {
            assert!(!rendered.html.contains(bad), "{bad} in {}", rendered.html);
            assert!(!rendered.text.contains(bad), "{bad} in {}", rendered.text);
        }
        assert!(rendered.text.starts_with("Hello"));
    }

    #[test]
    fn text_separates_blocks_and_keeps_chinese() {
        let rendered =
            render("# 重置设备\n\n按住**电源键**\n十秒。\n\n- 第一步\n- 第二步\n\n`code`");
        assert_eq!(
            rendered.text,
            "重置设备\n按住电源键 十秒。\n第一步\n第二步\ncode"
        );
        assert!(!rendered.text.contains('<'));
        assert!(rendered.html.contains("<strong>电源键</strong>"));
    }
}
