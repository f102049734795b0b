//! Text from the sandbox is untrusted: before it reaches a terminal, control characters,
//! bidirectional overrides and zero-width characters are escaped, so the code cannot move
//! the cursor, rewrite earlier output, set the window title, or hide text (as fd does).

/// `text` with every character a terminal would act on replaced by a visible escape.
/// Newlines and tabs are kept.
pub(crate) fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for character in text.chars() {
        if needs_escape(character) {
            let code = character as u32;
            if code <= 0xff {
                escaped.push_str(&format!("\\x{code:02x}"));
            } else {
                escaped.push_str(&format!("\\u{{{code:x}}}"));
            }
        } else {
            escaped.push(character);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

fn needs_escape(character: char) -> bool {
    match character {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional formatting (Trojan Source), zero-width and invisible characters.
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' => true,
        '\u{feff}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    /// Escape sequences, bidi overrides and zero-width characters become visible; ordinary
    /// text, newlines and tabs pass through unchanged.
    #[test]
    fn escapes_what_a_terminal_would_interpret() {
        assert_eq!(for_terminal("plain\ttext\nnext"), "plain\ttext\nnext");
        assert_eq!(for_terminal("\x1b[2J\x1b]0;title\x07"), "\\x1b[2J\\x1b]0;title\\x07");
        assert_eq!(for_terminal("a\u{202e}b\u{200b}c\r"), "a\\u{202e}b\\u{200b}c\\x0d");
        assert_eq!(for_terminal("héllo €"), "héllo €");
    }
}
