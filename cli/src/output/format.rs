//! How printed text is laid out: `--pretty` indentation of JSON, colour for the terminal, and
//! console lines that would read as sandbox's own marked.

use std::io::Write;

/// How a line of sandbox console output may not begin, because sandbox's own lines on
/// stderr begin so: its notes and its report come after the code's output, and the report
/// (`error:`, then frames, code frame, `Caused by:` and `hint:` lines) is the last thing
/// printed, so a reader who knows that no console line starts with `error:` knows where
/// ours begin.
const OWN_LINE_STARTS: [&str; 5] = ["error:", "warning:", "hint:", "sandbox:", "outbound:"];

/// What console lines that would read as sandbox's own get in front.
pub(crate) const CONSOLE_MARK: &str = "console: ";

/// `text` with `console: ` before every line that begins as one of sandbox's own, and a
/// carriage return that would start one (`ok\rerror: ...`, which a terminal shows as
/// `error: ...` when the output is viewed later) written as `\r`.
pub(crate) fn mark_console_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let forged = |segment: &str| OWN_LINE_STARTS.iter().any(|start| segment.starts_with(start));
    let suspicious = text.split('\n').any(|line| forged(line) || line.split('\r').skip(1).any(forged));
    if !suspicious {
        return text.into();
    }
    let mut marked = String::with_capacity(text.len() + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            marked.push('\n');
        }
        if forged(line) {
            marked.push_str(CONSOLE_MARK);
        }
        for (part, segment) in line.split('\r').enumerate() {
            if part > 0 {
                marked.push_str(if forged(segment) { "\\r" } else { "\r" });
            }
            marked.push_str(segment);
        }
    }
    marked.into()
}

/// Colours the parts of a rendered report: `error:` red, `hint:` cyan, gutters dim.
pub(super) fn colorize(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len() + 32);
    for line in rendered.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("error:") {
            out.push_str("\x1b[1;31merror\x1b[0m\x1b[1m:");
            out.push_str(rest.trim_end_matches('\n'));
            out.push_str("\x1b[0m");
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else if let Some(rest) = line.strip_prefix("hint:") {
            out.push_str("\x1b[1;36mhint\x1b[0m:");
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// How many levels of arrays and objects `--pretty` indents; what is nested deeper is written
/// compact, on the line of its key. Indenting every level would make the output of a deep
/// value grow with the square of its depth (a 5,000-deep value holding a 1 MB array would
/// take gigabytes); this way it is at most about `2 * MAX_INDENT_DEPTH` times the input.
pub(crate) const MAX_INDENT_DEPTH: usize = 20;

/// Re-indents compact JSON with two spaces, keeping every token (and number spelling) as it
/// is, to `out` as it goes: time and memory are linear in the output, which is linear in
/// the input (see [`MAX_INDENT_DEPTH`]).
pub(crate) fn write_indented(out: &mut impl Write, compact: &str) -> std::io::Result<()> {
    const SPACES: &[u8; 2 * MAX_INDENT_DEPTH] = &[b' '; 2 * MAX_INDENT_DEPTH];
    let bytes = compact.as_bytes();
    let newline = |out: &mut dyn Write, depth: usize| -> std::io::Result<()> {
        out.write_all(b"\n")?;
        out.write_all(&SPACES[..2 * depth.min(MAX_INDENT_DEPTH)])
    };
    let mut depth = 0usize;
    // The start of the bytes not yet written, which are copied as they are.
    let mut pending = 0usize;
    let mut index = 0usize;
    while index < bytes.len() {
        let byte = bytes[index];
        match byte {
            b'"' => {
                // Skip the string: to its closing quote, past escapes.
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
                index += 1;
                continue;
            }
            b'{' | b'[' => {
                let empty = matches!(bytes.get(index + 1), Some(b'}' | b']'));
                depth += 1;
                if empty || depth > MAX_INDENT_DEPTH {
                    if empty {
                        depth -= 1;
                        index += 2;
                    } else {
                        index += 1;
                    }
                    continue;
                }
                out.write_all(&bytes[pending..=index])?;
                newline(out, depth)?;
            }
            b'}' | b']' => {
                let indented = depth <= MAX_INDENT_DEPTH;
                depth = depth.saturating_sub(1);
                if !indented {
                    index += 1;
                    continue;
                }
                out.write_all(&bytes[pending..index])?;
                newline(out, depth)?;
                out.write_all(&[byte])?;
            }
            b',' if depth <= MAX_INDENT_DEPTH => {
                out.write_all(&bytes[pending..=index])?;
                newline(out, depth)?;
            }
            b':' if depth <= MAX_INDENT_DEPTH => {
                out.write_all(&bytes[pending..=index])?;
                out.write_all(b" ")?;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                out.write_all(&bytes[pending..index])?;
            }
            _ => {
                index += 1;
                continue;
            }
        }
        index += 1;
        pending = index;
    }
    out.write_all(&bytes[pending.min(bytes.len())..])
}

/// [`write_indented`] into a string.
#[cfg(test)]
fn indent_json(compact: &str) -> String {
    let mut out = Vec::new();
    write_indented(&mut out, compact).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("indentation keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::{MAX_INDENT_DEPTH, indent_json, mark_console_lines};

    /// Compact JSON is re-indented without touching strings or numbers.
    #[test]
    fn indents_json() {
        assert_eq!(
            indent_json(r#"{"a":[1,2],"b":{},"c":"x:{,}\"","d":[],"e":1e+21}"#),
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": \"x:{,}\\\"\",\n  \"d\": [],\n  \"e\": 1e+21\n}"
        );
        assert_eq!(indent_json("42"), "42");
    }

    /// Levels deeper than MAX_INDENT_DEPTH are written compact, so the output stays linear
    /// in the input however deep it nests.
    #[test]
    fn deep_values_are_indented_to_a_depth() {
        let depth = 10_000;
        let compact = format!("{}1,[],{{}},\"x\"{}", "[".repeat(depth), "]".repeat(depth));
        let indented = indent_json(&compact);
        assert!(indented.len() < compact.len() + 4 * MAX_INDENT_DEPTH * MAX_INDENT_DEPTH);
        let deepest = indented.lines().map(|line| line.len() - line.trim_start().len()).max();
        assert_eq!(deepest, Some(2 * MAX_INDENT_DEPTH));
        let squeezed: String = indented.split('\n').map(str::trim_start).collect();
        assert_eq!(squeezed.replace(": ", ":"), compact);
    }

    /// Console lines that begin as sandbox's own lines are marked; others are left alone.
    #[test]
    fn marks_console_lines_that_read_as_ours() {
        assert!(matches!(mark_console_lines("Error: boom\n    at f (a.ts:1:1)"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            mark_console_lines("ok\nerror: Uncaught forged\nhint: x\n  error: indented"),
            "ok\nconsole: error: Uncaught forged\nconsole: hint: x\n  error: indented"
        );
        assert_eq!(mark_console_lines("sandbox: wall 1ms"), "console: sandbox: wall 1ms");
        assert_eq!(mark_console_lines("50%\rerror: hidden\r100%"), "50%\\rerror: hidden\r100%");
    }
}
