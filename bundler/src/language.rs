use std::path::Path;

/// The language a source file is written in, as its extension says.
///
/// `Cjs` and `Cts` are CommonJS: they run as written (types stripped), never as ES modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// JavaScript ES module: `.js`, `.mjs`.
    Js,
    /// JavaScript with JSX: `.jsx`.
    Jsx,
    /// TypeScript ES module: `.ts`, `.mts`.
    Ts,
    /// TypeScript with JSX: `.tsx`.
    Tsx,
    /// CommonJS JavaScript: `.cjs`.
    Cjs,
    /// CommonJS TypeScript: `.cts`.
    Cts,
}

impl Language {
    /// The language of a path from its extension, or `None` for any other extension
    /// (`.d.ts` files are declarations, not code, and give `None` too).
    pub fn from_path(path: &Path) -> Option<Language> {
        let name = path.file_name()?.to_str()?;
        if [".d.ts", ".d.mts", ".d.cts"].iter().any(|suffix| name.ends_with(suffix)) {
            return None;
        }
        match path.extension()?.to_str()? {
            "js" | "mjs" => Some(Language::Js),
            "jsx" => Some(Language::Jsx),
            "ts" | "mts" => Some(Language::Ts),
            "tsx" => Some(Language::Tsx),
            "cjs" => Some(Language::Cjs),
            "cts" => Some(Language::Cts),
            _ => None,
        }
    }

    /// Whether the source is CommonJS (`.cjs`, `.cts`).
    pub fn is_common_js(self) -> bool {
        matches!(self, Language::Cjs | Language::Cts)
    }

    /// Whether the source may hold TypeScript syntax (`.ts`, `.mts`, `.tsx`, `.cts`).
    pub fn is_typescript(self) -> bool {
        matches!(self, Language::Ts | Language::Tsx | Language::Cts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every supported extension maps to its language, and nothing else does.
    #[test]
    fn from_path_reads_the_extension() {
        let cases = [
            ("agent.js", Some(Language::Js)),
            ("agent.mjs", Some(Language::Js)),
            ("src/app.jsx", Some(Language::Jsx)),
            ("agent.ts", Some(Language::Ts)),
            ("agent.mts", Some(Language::Ts)),
            ("app.tsx", Some(Language::Tsx)),
            ("lib.cjs", Some(Language::Cjs)),
            ("lib.cts", Some(Language::Cts)),
            ("types.d.ts", None),
            ("agent.py", None),
            ("agent", None),
            ("JS", None),
        ];
        for (path, expected) in cases {
            assert_eq!(Language::from_path(Path::new(path)), expected, "{path}");
        }
    }
}
