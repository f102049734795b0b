//! Paths on disk to what people and module maps see: display paths relative to the current
//! directory, and module names relative to the project, joined with `/`.

use std::path::{Component, Path};

/// `path` as diagnostics show it: relative to `cwd` when it is inside it, else absolute.
pub(crate) fn display(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
        Ok(relative) => slashed(relative),
        Err(_) => path.display().to_string(),
    }
}

/// The components of a relative path joined with `/`.
pub(crate) fn slashed(relative: &Path) -> String {
    relative
        .components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The deepest directory that holds every path.
pub(crate) fn common_ancestor<'a>(mut paths: impl Iterator<Item = &'a Path>) -> Option<&'a Path> {
    let mut ancestor = paths.next()?;
    for path in paths {
        while !path.starts_with(ancestor) {
            ancestor = ancestor.parent()?;
        }
    }
    Some(ancestor)
}

/// The specifier that imports the module named `to` from the module named `from`: `./x.js`,
/// `../lib/x.js`. Module names are `/`-separated relative paths.
pub(crate) fn relative_specifier(from: &str, to: &str) -> String {
    let from_directory: Vec<&str> = match from.rsplit_once('/') {
        Some((directory, _)) => directory.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_directory, file) = to_parts.split_at(to_parts.len() - 1);
    let shared = from_directory.iter().zip(to_directory).take_while(|(a, b)| a == b).count();
    let mut specifier =
        if from_directory.len() == shared { "./".to_owned() } else { "../".repeat(from_directory.len() - shared) };
    for part in &to_directory[shared..] {
        specifier.push_str(part);
        specifier.push('/');
    }
    specifier.push_str(file[0]);
    specifier
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Specifiers climb out of the importer's directory only as far as needed.
    #[test]
    fn relative_specifiers() {
        assert_eq!(relative_specifier("index.ts", "util.ts"), "./util.ts");
        assert_eq!(relative_specifier("src/index.ts", "src/lib/a.ts"), "./lib/a.ts");
        assert_eq!(
            relative_specifier("src/index.ts", "node_modules/hono/dist/index.js"),
            "../node_modules/hono/dist/index.js"
        );
        assert_eq!(relative_specifier("a/b/c.js", "a/d/e.js"), "../d/e.js");
        assert_eq!(relative_specifier("a/b/c.js", "x.js"), "../../x.js");
    }

    /// The common ancestor of files is the deepest directory above all of them.
    #[test]
    fn common_ancestors() {
        let paths = [Path::new("/p/src"), Path::new("/p/src/lib"), Path::new("/p/node_modules/hono/dist")];
        assert_eq!(common_ancestor(paths.into_iter()), Some(Path::new("/p")));
        assert_eq!(common_ancestor([Path::new("/p/src")].into_iter()), Some(Path::new("/p/src")));
    }

    /// Paths inside the current directory are shown relative to it.
    #[test]
    fn display_paths() {
        assert_eq!(display(Path::new("/w/p/src/a.ts"), Path::new("/w")), "p/src/a.ts");
        assert_eq!(display(Path::new("/x/a.ts"), Path::new("/w")), "/x/a.ts");
        assert_eq!(display(Path::new("/w"), Path::new("/w")), ".");
    }
}
