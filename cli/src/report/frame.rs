//! The code frame under a report: the line of the user's file with a caret under the
//! column, cut to a window around the caret when the line is long.

/// The source line around a position, with a caret under the span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Excerpt {
    pub(crate) line: u32,
    pub(crate) text: String,
    /// 1-based, in UTF-16 code units.
    pub(crate) column: u32,
    pub(crate) length: u32,
    pub(crate) label: Option<String>,
}

/// The line `line` of `source`, with a caret span at `column` (both 1-based; the column in
/// UTF-16 code units). Tabs are shown as four spaces.
pub(crate) fn excerpt(source: &str, line: u32, column: u32, length: u32, label: Option<String>) -> Option<Excerpt> {
    let text = source.lines().nth(line.checked_sub(1)? as usize)?;
    Some(Excerpt { line, text: text.trim_end().to_owned(), column: column.max(1), length: length.max(1), label })
}

/// The most columns of a source line a code frame shows; a longer line (minified code) is cut
/// to a window around the caret, with `…` where it was cut.
const MAX_FRAME_WIDTH: usize = 120;

pub(super) fn render_excerpt(excerpt: &Excerpt) -> String {
    use unicode_width::UnicodeWidthChar as _;
    let number = excerpt.line.to_string();
    let gutter = " ".repeat(number.len());
    // Each character with the columns it takes on a terminal (a tab four, a wide character
    // two, a combining one none) and where it starts.
    let mut cells: Vec<(char, usize, usize)> = Vec::new();
    let mut caret: Option<(usize, usize)> = None;
    let (mut width, mut units) = (0usize, 1u32);
    for character in excerpt.text.chars() {
        let columns = if character == '\t' { 4 } else { character.width().unwrap_or(0) };
        if units >= excerpt.column && units < excerpt.column.saturating_add(excerpt.length) {
            caret.get_or_insert((width, width)).1 = width + columns;
        }
        cells.push((character, width, columns));
        width += columns;
        units += character.len_utf16() as u32;
    }
    let (caret_start, caret_end) = caret.unwrap_or((width, width));
    // The window of columns shown: everything, or MAX_FRAME_WIDTH columns with the caret a
    // third of the way in.
    let (from, to) = if width <= MAX_FRAME_WIDTH {
        (0, width)
    } else {
        let room = MAX_FRAME_WIDTH - 2;
        let from = caret_start.saturating_sub(room / 3).min(width - room);
        (from, from + room)
    };
    let mut shown = String::new();
    let mut shown_from = None;
    for &(character, start, columns) in &cells {
        if start >= from && start + columns <= to {
            shown_from.get_or_insert(start);
            if character == '\t' {
                shown.push_str("    ");
            } else {
                shown.push(character);
            }
        }
    }
    let shown_from = shown_from.unwrap_or(from);
    let cut_left = shown_from > 0;
    let cut_right = cells.last().is_some_and(|&(_, start, columns)| start + columns > to);
    let text = format!("{}{shown}{}", if cut_left { "…" } else { "" }, if cut_right { "…" } else { "" });
    let offset = usize::from(cut_left) + caret_start.clamp(shown_from, to.max(shown_from)) - shown_from;
    let caret_width = caret_end.min(to).saturating_sub(caret_start.max(shown_from)).max(1);
    let caret = "^".repeat(caret_width);
    let label = excerpt.label.as_deref().map(|label| format!(" {label}")).unwrap_or_default();
    format!(" {number} | {text}\n {gutter} | {}{caret}{label}\n", " ".repeat(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The caret sits under the given UTF-16 column, with tabs widened and non-ASCII counted
    /// as V8 counts it.
    #[test]
    fn excerpt_places_the_caret() {
        let rendered = render_excerpt(&excerpt("a\n\tlet é = x +;\n", 2, 13, 1, Some("here".into())).unwrap());
        assert_eq!(rendered, " 2 |     let é = x +;\n   |                ^ here\n");
        assert!(excerpt("one line", 5, 1, 1, None).is_none());
    }

    /// Wide characters take two columns and combining marks none, so the caret still lands
    /// under the character at the column.
    #[test]
    fn excerpt_counts_display_columns() {
        // `界` is one UTF-16 unit and two columns; `e\u{301}` two units and one column.
        let rendered = render_excerpt(&excerpt("界e\u{301}=x", 1, 5, 1, None).unwrap());
        assert_eq!(rendered, " 1 | 界e\u{301}=x\n   |     ^\n");
        let rendered = render_excerpt(&excerpt("😀 y", 1, 4, 1, None).unwrap());
        assert_eq!(rendered, " 1 | 😀 y\n   |    ^\n");
    }

    /// A line longer than the window is cut around the caret, marked where it was cut, and
    /// the caret is under the character of the column.
    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}throw x;{}", "a;".repeat(50_000), "b;".repeat(50_000));
        let column = 100_001; // the `t` of `throw`
        let rendered = render_excerpt(&excerpt(&line, 1, column, 5, None).unwrap());
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[0].starts_with(" 1 | …") && lines[0].ends_with('…'), "{rendered}");
        assert!(lines[0].chars().count() <= MAX_FRAME_WIDTH + 6, "{rendered}");
        let caret = lines[1].find('^').expect("a caret");
        assert_eq!(lines[1][caret..].trim_end(), "^^^^^");
        let above: String = lines[0].chars().skip(caret).take(5).collect();
        assert_eq!(above, "throw", "{rendered}");

        // At the start and at the end of the line, only one side is cut.
        let rendered = render_excerpt(&excerpt(&line, 1, 1, 1, None).unwrap());
        assert!(rendered.starts_with(" 1 | a;a;") && rendered.lines().next().unwrap().ends_with('…'));
        let end = line.len() as u32;
        let rendered = render_excerpt(&excerpt(&line, 1, end, 1, None).unwrap());
        let first = rendered.lines().next().unwrap();
        assert!(first.starts_with(" 1 | …") && first.ends_with("b;"), "{rendered}");
        assert_eq!(rendered.lines().nth(1).unwrap().find('^'), Some(first.chars().count() - 1));

        // Tabs count four columns inside a cut line too.
        let line = format!("{}\tz", "c".repeat(300));
        let rendered = render_excerpt(&excerpt(&line, 1, 302, 1, None).unwrap());
        let lines: Vec<&str> = rendered.lines().collect();
        let caret = lines[1].chars().position(|character| character == '^').unwrap();
        assert_eq!(lines[0].chars().nth(caret), Some('z'), "{rendered}");
    }
}
