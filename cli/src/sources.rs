//! What the CLI knows about each module it hands the sandbox: the path to show, the text
//! the user wrote, and the source map from the code V8 ran back to that text.

use std::borrow::Cow;
use std::collections::HashMap;

pub(crate) struct SourceInfo {
    /// The path the user knows: `examples/hello.ts`, `<stdin>`, or a module-map name.
    pub(crate) display: String,
    /// What the user wrote (for code frames).
    pub(crate) text: String,
    /// Maps positions in the code V8 ran to `text`; `None` when they are the same.
    pub(crate) map: Option<bundler::SourceMap>,
}

#[derive(Default)]
pub(crate) struct Sources {
    by_module: HashMap<String, SourceInfo>,
}

impl Sources {
    pub(crate) fn insert(&mut self, module: String, info: SourceInfo) {
        self.by_module.insert(module, info);
    }

    /// About how much memory the sources hold: their texts, and their source maps'
    /// mappings counted as the text they come from.
    pub(crate) fn bytes(&self) -> usize {
        self.by_module
            .iter()
            .map(|(module, info)| {
                module.len() + info.display.len() + info.text.len() * if info.map.is_some() { 3 } else { 1 }
            })
            .sum()
    }

    /// The user's file, line and column for a position V8 reported in `module`: a bundle's
    /// map knows which of its files a position comes from.
    pub(crate) fn original(&self, module: &str, line: u32, column: u32) -> (String, u32, u32) {
        let Some(info) = self.by_module.get(module) else {
            return (module.to_owned(), line, column);
        };
        match info.map.as_ref().and_then(|map| map.original_location(line, column)) {
            Some((file, line, column)) => (file.to_owned(), line, column),
            None => (info.display.clone(), line, column),
        }
    }

    /// A console message with its stack frames (`console.trace`, a logged `error.stack`) as
    /// an uncaught error shows them: positions in the code V8 ran mapped back to the user's
    /// files, and the runtime's own frames left out. Other lines are kept as they are.
    pub(crate) fn map_stack_frames<'a>(&self, message: &'a str) -> Cow<'a, str> {
        if !message.split('\n').any(|line| line.trim_start().starts_with("at ")) {
            return Cow::Borrowed(message);
        }
        let mut mapped = Vec::new();
        for line in message.split('\n') {
            if !line.trim_start().starts_with("at ") {
                mapped.push(Cow::Borrowed(line));
            } else if !line.contains(executor::INTERNAL_SCRIPT_PREFIX) {
                mapped.push(self.map_frame(line).map_or(Cow::Borrowed(line), Cow::Owned));
            }
        }
        Cow::Owned(mapped.join("\n"))
    }

    /// `    at f (module:line:column)` or `    at module:line:column` with the position
    /// mapped, if `module` is one of ours.
    fn map_frame(&self, line: &str) -> Option<String> {
        let (head, location, tail) = match line.strip_suffix(')') {
            Some(body) => {
                let open = body.rfind('(')? + 1;
                (&line[..open], &body[open..], ")")
            }
            None => {
                let mut start = line.find("at ")? + 3;
                if line[start..].starts_with("async ") {
                    start += "async ".len();
                }
                (&line[..start], &line[start..], "")
            }
        };
        let mut parts = location.rsplitn(3, ':');
        let column: u32 = parts.next()?.parse().ok()?;
        let line_number: u32 = parts.next()?.parse().ok()?;
        let module = parts.next()?;
        if !self.by_module.contains_key(module) {
            return None;
        }
        let (file, line_number, column) = self.original(module, line_number, column);
        Some(format!("{head}{file}:{line_number}:{column}{tail}"))
    }

    /// The text a position V8 reported in `module` is in, for a code frame: the user's file
    /// its source map points to, or the module's code when it has no map. `None` for a
    /// position the map does not cover (better no frame than a line of another text), and
    /// for modules we know nothing of.
    pub(crate) fn text_at(&self, module: &str, line: u32, column: u32) -> Option<&str> {
        let info = self.by_module.get(module)?;
        let Some(map) = &info.map else { return Some(info.text.as_str()) };
        let (file, _, _) = map.original_location(line, column)?;
        map.sources().find(|(source, _)| *source == file).map(|(_, text)| text)
    }
}

/// The source map a module carries in a `//# sourceMappingURL=data:...;base64,...` comment
/// (as `sandbox bundle --sourcemap` writes it), so that a module map's errors point at the
/// files it was bundled from.
pub(crate) fn inline_source_map(code: &str) -> Option<bundler::SourceMap> {
    use base64::Engine as _;
    let start = code.rfind("//# sourceMappingURL=data:")?;
    let url = code[start..].lines().next()?.trim_end();
    let (_, data) = url.split_once(";base64,")?;
    let json = base64::prelude::BASE64_STANDARD.decode(data).ok()?;
    bundler::SourceMap::from_json(std::str::from_utf8(&json).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        let mut sources = Sources::default();
        sources.insert("main.js".into(), SourceInfo { display: "src/main.js".into(), text: String::new(), map: None });
        sources
    }

    /// Frames of our modules are shown by the user's path, the runtime's are left out, and
    /// everything else is kept as written.
    #[test]
    fn stack_frames_in_console_messages() {
        let message = "Error: x\n    at f (main.js:3:5)\n    at async main.js:9:1\n    at sandbox:internal/entrypoint.js:1:2\n    at g (other.js:1:1)\n  at home";
        assert_eq!(
            sources().map_stack_frames(message),
            "Error: x\n    at f (src/main.js:3:5)\n    at async src/main.js:9:1\n    at g (other.js:1:1)\n  at home"
        );
        assert!(matches!(sources().map_stack_frames("plain text"), Cow::Borrowed("plain text")));
    }
}
