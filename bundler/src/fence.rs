//! Markdown code fences around agent code.
//!
//! Language models often answer with ```` ```ts ```` … ```` ``` ```` around their code. The fence
//! lines are blanked out with spaces rather than removed, so every byte of code keeps its offset,
//! line and column: an error on line 3 of what the agent wrote is still reported on line 3.

/// Info-string tags that mean JavaScript or TypeScript (compared ignoring ASCII case).
const SCRIPT_TAGS: [&str; 10] = ["js", "javascript", "mjs", "cjs", "jsx", "ts", "typescript", "mts", "cts", "tsx"];

/// What [`strip_fence`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fence<'a> {
    /// The text does not start with a fence.
    None,
    /// The text with the fence lines replaced by spaces; as long as the input, byte for byte.
    Stripped(String),
    /// The fence names another language: `tag` is at bytes `start..end` of the input.
    Foreign { tag: &'a str, start: usize, end: usize },
}

/// Blanks out a markdown fence around the whole text: an opening line of three or more
/// backticks with an optional tag, and, if the text ends with backticks, the closing run.
pub(crate) fn strip_fence(text: &str) -> Fence<'_> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let ticks = rest.bytes().take_while(|&byte| byte == b'`').count();
    if ticks < 3 {
        return Fence::None;
    }
    let opener_end = rest.find('\n').map_or(text.len(), |index| start + index);
    let info = &text[start + ticks..opener_end];
    // CommonMark: the info string of a backtick fence has no backtick; the text is code.
    if info.contains('`') {
        return Fence::None;
    }
    let tag = info.split_whitespace().next().unwrap_or("");
    if !tag.is_empty() && !SCRIPT_TAGS.iter().any(|known| known.eq_ignore_ascii_case(tag)) {
        let tag_start = start + ticks + (info.len() - info.trim_start().len());
        return Fence::Foreign { tag, start: tag_start, end: tag_start + tag.len() };
    }

    let mut bytes = text.as_bytes().to_vec();
    // Keep a `\r` of a `\r\n` opener so the line break stays what it was.
    let blank_end = if text[..opener_end].ends_with('\r') { opener_end - 1 } else { opener_end };
    bytes[start..blank_end].fill(b' ');

    let body_end = text.trim_end().len();
    let closing = text[..body_end].bytes().rev().take_while(|&byte| byte == b'`').count();
    if closing >= ticks && body_end - closing >= opener_end {
        bytes[body_end - closing..body_end].fill(b' ');
    }
    // Both ranges start and end on character boundaries, so replacing every byte in them by a
    // space leaves valid UTF-8.
    Fence::Stripped(String::from_utf8(bytes).expect("blanking whole lines keeps UTF-8 valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(text: &str) -> String {
        match strip_fence(text) {
            Fence::Stripped(code) => code,
            other => panic!("expected a stripped fence, got {other:?}"),
        }
    }

    /// A fence with a tag is replaced by spaces, keeping every offset.
    #[test]
    fn strips_a_tagged_fence_in_place() {
        let text = "```ts\nconst x = 1;\nx\n```\n";
        let code = stripped(text);
        assert_eq!(code, "     \nconst x = 1;\nx\n   \n");
        assert_eq!(code.len(), text.len());
    }

    /// Tags match in any case, and a fence may have no tag at all.
    #[test]
    fn accepts_every_script_tag_in_any_case() {
        for tag in ["", "js", "JS", "JavaScript", "mjs", "cjs", "jsx", "ts", "TypeScript", "mts", "cts", "TSX"] {
            let code = stripped(&format!("```{tag}\n1\n```"));
            assert_eq!(code.trim(), "1", "tag {tag:?}");
        }
    }

    /// Another language is reported with the position of its tag.
    #[test]
    fn reports_a_foreign_tag() {
        assert_eq!(strip_fence("\n```python\nprint(1)\n```"), Fence::Foreign { tag: "python", start: 4, end: 10 });
    }

    /// Text not opened by three backticks is left alone, including template literals.
    #[test]
    fn ignores_text_without_a_fence() {
        assert_eq!(strip_fence("const x = 1"), Fence::None);
        assert_eq!(strip_fence("``\n1"), Fence::None);
        assert_eq!(strip_fence("```js```"), Fence::None);
    }

    /// A missing closing fence still strips the opening line; CRLF line ends survive.
    #[test]
    fn strips_an_unclosed_fence_and_keeps_crlf() {
        assert_eq!(stripped("```js\r\n1 + 1\r\n"), "     \r\n1 + 1\r\n");
    }

    /// Longer fences and text after the tag (a title) are blanked too.
    #[test]
    fn strips_long_fences_with_titles() {
        assert_eq!(stripped("````ts title=\"a.ts\"\n1\n````"), "                   \n1\n    ");
    }
}
