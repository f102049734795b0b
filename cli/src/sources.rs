//! What the CLI knows about each module it hands the sandbox: the path to show, the text
//! the user wrote, and the source map from the code V8 ran back to that text.

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

    /// The text of the source shown as `display`.
    pub(crate) fn text_of_display(&self, display: &str) -> Option<&str> {
        self.by_module.values().find(|info| info.display == display).map(|info| info.text.as_str()).or_else(|| {
            let mut sources = self.by_module.values().filter_map(|info| info.map.as_ref()).flat_map(|map| map.sources());
            sources.find(|(file, _)| *file == display).map(|(_, text)| text)
        })
    }
}
