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
    if !is_script_tag(tag) {
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

/// A fenced code block inside other text (an agent's answer with prose around its code).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    /// The info string's first word (`ts`), empty when there is none.
    pub(crate) tag: &'a str,
    /// Where the tag is, in bytes of the text (`start..start` without a tag).
    pub(crate) tag_range: std::ops::Range<usize>,
    /// The code between the fence lines, in bytes of the text.
    pub(crate) code: std::ops::Range<usize>,
    /// The 1-based lines of the opening and closing fences (the last line of the text when
    /// the block is not closed).
    pub(crate) lines: (usize, usize),
}

impl Block<'_> {
    /// Whether the block holds JavaScript or TypeScript (or says nothing of its language).
    pub(crate) fn is_script(&self) -> bool {
        is_script_tag(self.tag)
    }
}

/// Whether a fence's tag means JavaScript or TypeScript (no tag says nothing else).
fn is_script_tag(tag: &str) -> bool {
    tag.is_empty() || SCRIPT_TAGS.iter().any(|known| known.eq_ignore_ascii_case(tag))
}

/// The fenced code blocks of markdown text, as CommonMark finds them: an opening line of three
/// or more backticks (indented by at most three spaces) with an optional info string, up to a
/// line of at least as many backticks and nothing else, or the end of the text.
pub(crate) fn fenced_blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, &str, std::ops::Range<usize>, usize, usize)> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        if indent > 3 {
            continue;
        }
        let rest = &content[indent..];
        let ticks = rest.bytes().take_while(|&byte| byte == b'`').count();
        if ticks < 3 {
            continue;
        }
        match &open {
            Some((opened_ticks, tag, tag_range, code_start, first_line)) => {
                if rest[ticks..].trim().is_empty() && ticks >= *opened_ticks {
                    blocks.push(Block {
                        tag,
                        tag_range: tag_range.clone(),
                        code: *code_start..start,
                        lines: (*first_line, index + 1),
                    });
                    open = None;
                }
            }
            None => {
                let info = &rest[ticks..];
                if info.contains('`') {
                    continue;
                }
                let tag = info.split_whitespace().next().unwrap_or("");
                let tag_start = start + indent + ticks + (info.len() - info.trim_start().len());
                open = Some((ticks, tag, tag_start..tag_start + tag.len(), offset, index + 1));
            }
        }
    }
    if let Some((_, tag, tag_range, code_start, first_line)) = open {
        let last_line = text.split_inclusive('\n').count().max(1);
        blocks.push(Block { tag, tag_range, code: code_start..text.len(), lines: (first_line, last_line) });
    }
    blocks
}

/// `text` with everything outside `code` blanked by spaces, line breaks kept: the code keeps
/// every offset, line and column it had in the text.
pub(crate) fn keep_only(text: &str, code: std::ops::Range<usize>) -> String {
    let mut kept = String::with_capacity(text.len());
    for (index, character) in text.char_indices() {
        if code.contains(&index) || character == '\n' || character == '\r' {
            kept.push(character);
        } else {
            kept.extend(std::iter::repeat_n(' ', character.len_utf8()));
        }
    }
    kept
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

    /// Blocks inside prose are found with their tags and lines; a longer fence closes only on
    /// as many backticks; an unclosed block runs to the end; indented code is not a fence.
    #[test]
    fn finds_blocks_inside_prose() {
        let text =
            "Here is the code:\n\n```ts\nconst x = 1;\n```\n\nAnd a test:\n````js title\n```\n````\n    ```py\n```";
        let blocks = fenced_blocks(text);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!((blocks[0].tag, &text[blocks[0].code.clone()], blocks[0].lines), ("ts", "const x = 1;\n", (3, 5)));
        assert_eq!(&text[blocks[0].tag_range.clone()], "ts");
        assert_eq!((blocks[1].tag, &text[blocks[1].code.clone()], blocks[1].lines), ("js", "```\n", (8, 10)));
        assert_eq!((blocks[2].tag, &text[blocks[2].code.clone()], blocks[2].lines), ("", "", (12, 12)));
        assert!(blocks[0].is_script() && blocks[2].is_script());
        assert!(fenced_blocks("const fence = '```';").is_empty());
    }

    /// Only the code stays, every character elsewhere a space, line breaks kept.
    #[test]
    fn keeps_only_the_code_in_place() {
        let text = "Try é:\r\n```js\n1 + 1\n```\nDone.";
        let block = &fenced_blocks(text)[0];
        let kept = keep_only(text, block.code.clone());
        assert_eq!(kept, "       \r\n     \n1 + 1\n   \n     ");
        assert_eq!(kept.len(), text.len());
    }

    /// Longer fences and text after the tag (a title) are blanked too.
    #[test]
    fn strips_long_fences_with_titles() {
        assert_eq!(stripped("````ts title=\"a.ts\"\n1\n````"), "                   \n1\n    ");
    }
}
