//! What a dependency in `package.json` asks for, read as npm reads it (`npm-package-arg`):
//! a semver range, a dist-tag, an `npm:` alias, a `file:` path, or one of the kinds sandbox
//! does not install (git, URLs, `workspace:`).

use std::fmt;

use nodejs_semver::Range;

/// A dependency's specification, parsed.
#[derive(Debug, Clone)]
pub enum Spec {
    /// A semver range (an exact version is a range too): `^1.2.0`, `1.x`, `*`, `>=1 <3 || 4`.
    Range(Range),
    /// A dist-tag: `latest`, `next`.
    Tag(String),
    /// `npm:real-name@spec`: the package `name`, installed under the dependency's own name.
    Alias { name: String, spec: Box<Spec> },
    /// `file:path`, or a path (`./lib`, `../x.tgz`): a directory or a tarball on disk,
    /// relative to the project.
    File(String),
    /// A kind of dependency sandbox does not install, and what it is.
    Unsupported(UnsupportedKind),
}

/// The kinds of specifications that sandbox refuses with a clear error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsupportedKind {
    Git,
    Url,
    Workspace,
    Link,
    Invalid,
    /// `file:` in a package's own dependencies (npm resolves it against that package).
    NestedFile,
    /// `file:` naming something that is not a directory with a `package.json`.
    FileNotDirectory,
}

impl fmt::Display for UnsupportedKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            UnsupportedKind::Git => "git dependencies",
            UnsupportedKind::Url => "tarball URL dependencies",
            UnsupportedKind::Workspace => "`workspace:` dependencies",
            UnsupportedKind::Link => "`link:` dependencies",
            UnsupportedKind::Invalid => "invalid version ranges",
            UnsupportedKind::NestedFile => "`file:` dependencies of packages",
            UnsupportedKind::FileNotDirectory => "`file:` dependencies other than directories with a `package.json`",
        })
    }
}

impl Spec {
    /// Reads `spec`, the value of a dependency in `package.json`.
    pub fn parse(spec: &str) -> Spec {
        let spec = spec.trim();
        if let Some(rest) = spec.strip_prefix("npm:") {
            let (name, sub) = split_name(rest);
            if !is_valid_name(name) {
                return Spec::Unsupported(UnsupportedKind::Invalid);
            }
            let sub = match sub {
                Some(sub) => Spec::parse(sub),
                None => Spec::Range(Range::any()),
            };
            if matches!(sub, Spec::Alias { .. } | Spec::File(_) | Spec::Unsupported(_)) {
                return Spec::Unsupported(UnsupportedKind::Invalid);
            }
            return Spec::Alias { name: name.to_owned(), spec: Box::new(sub) };
        }
        if let Some(path) = spec.strip_prefix("file:") {
            return Spec::File(path.to_owned());
        }
        if spec.starts_with("./")
            || spec.starts_with("../")
            || spec.starts_with('/')
            || spec.starts_with("~/")
            || spec == "."
            || spec == ".."
        {
            return Spec::File(spec.to_owned());
        }
        if spec.starts_with("workspace:") {
            return Spec::Unsupported(UnsupportedKind::Workspace);
        }
        if spec.starts_with("link:") || spec.starts_with("portal:") {
            return Spec::Unsupported(UnsupportedKind::Link);
        }
        if spec.starts_with("git+")
            || spec.starts_with("git:")
            || ["github:", "gitlab:", "bitbucket:", "gist:"].iter().any(|prefix| spec.starts_with(prefix))
            || spec.ends_with(".git")
        {
            return Spec::Unsupported(UnsupportedKind::Git);
        }
        if spec.starts_with("http://") || spec.starts_with("https://") {
            return Spec::Unsupported(UnsupportedKind::Url);
        }
        if let Ok(range) = Range::parse(spec) {
            return Spec::Range(range);
        }
        // `user/repo` is GitHub to npm.
        if spec.contains('/') && !spec.contains(' ') && !spec.starts_with('@') {
            return Spec::Unsupported(UnsupportedKind::Git);
        }
        if is_tag(spec) {
            return Spec::Tag(spec.to_owned());
        }
        Spec::Unsupported(UnsupportedKind::Invalid)
    }
}

/// `name@spec` into the name and the spec; a scope's `@` is part of the name.
pub fn split_name(text: &str) -> (&str, Option<&str>) {
    let search_from = usize::from(text.starts_with('@'));
    match text[search_from..].find('@') {
        Some(index) => {
            let at = index + search_from;
            (&text[..at], Some(&text[at + 1..]))
        }
        None => (text, None),
    }
}

/// A dist-tag: what `npm dist-tag` accepts (not a range, no spaces, no `/`).
fn is_tag(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('v')
        && text.chars().all(|character| character.is_ascii_alphanumeric() || "-_.".contains(character))
        && !text.chars().next().is_some_and(|character| character.is_ascii_digit())
}

/// A valid npm package name: lower case, URL-safe, `@scope/name` at most one level deep, and
/// never a path (`.`, `..`, `/`, `\`), so it can be used as a directory name in
/// `node_modules`.
pub fn is_valid_name(name: &str) -> bool {
    let (scope, bare) = match name.strip_prefix('@') {
        Some(rest) => match rest.split_once('/') {
            Some((scope, bare)) => (Some(scope), bare),
            None => return false,
        },
        None => (None, name),
    };
    let part_ok = |part: &str| {
        !part.is_empty()
            && part.len() <= 214
            && !part.starts_with('.')
            && !part.starts_with('_')
            && part.chars().all(|character| {
                character.is_ascii_lowercase() || character.is_ascii_digit() || "-._~!$&'()*+,;=:".contains(character)
            })
    };
    // Old packages have capitals (`JSONStream`); npm still installs them.
    let legacy_ok = |part: &str| part_ok(&part.to_ascii_lowercase()) && !part.contains(['/', '\\']);
    scope.is_none_or(legacy_ok) && legacy_ok(bare) && name.len() <= 214
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(spec: &str) -> &'static str {
        match Spec::parse(spec) {
            Spec::Range(_) => "range",
            Spec::Tag(_) => "tag",
            Spec::Alias { .. } => "alias",
            Spec::File(_) => "file",
            Spec::Unsupported(UnsupportedKind::Git) => "git",
            Spec::Unsupported(UnsupportedKind::Url) => "url",
            Spec::Unsupported(UnsupportedKind::Workspace) => "workspace",
            Spec::Unsupported(UnsupportedKind::Link) => "link",
            Spec::Unsupported(_) => "invalid",
        }
    }

    /// Specs are read as npm reads them.
    #[test]
    fn kinds() {
        for range in [
            "^1.2.3",
            "~0.1",
            "1.x",
            "*",
            "",
            "latest-1", /* tag */
            ">=1 <2 || 3",
            "1.0.0 - 2.0.0",
            "=1.2.3",
            "v1.2.3",
        ] {
            let expected = if range == "latest-1" { "tag" } else { "range" };
            assert_eq!(kind(range), expected, "{range}");
        }
        assert_eq!(kind("latest"), "tag");
        assert_eq!(kind("next"), "tag");
        assert_eq!(kind("npm:zod@^3"), "alias");
        assert_eq!(kind("npm:@scope/pkg"), "alias");
        assert_eq!(kind("file:../lib"), "file");
        assert_eq!(kind("./vendor/x.tgz"), "file");
        assert_eq!(kind("github:colinhacks/zod"), "git");
        assert_eq!(kind("colinhacks/zod"), "git");
        assert_eq!(kind("git+https://example.com/x.git"), "git");
        assert_eq!(kind("https://example.com/x.tgz"), "url");
        assert_eq!(kind("workspace:*"), "workspace");
        assert_eq!(kind("not a range !"), "invalid");
    }

    /// Aliases keep the real name and the range.
    #[test]
    fn aliases() {
        let Spec::Alias { name, spec } = Spec::parse("npm:@scope/real@~1.2") else { panic!("an alias") };
        assert_eq!(name, "@scope/real");
        assert!(matches!(*spec, Spec::Range(_)));
        assert!(matches!(Spec::parse("npm:../evil"), Spec::Unsupported(UnsupportedKind::Invalid)));
    }

    /// Names that could climb out of `node_modules` are not names.
    #[test]
    fn names() {
        for good in ["zod", "@hono/node-server", "date-fns", "lodash.merge", "JSONStream"] {
            assert!(is_valid_name(good), "{good}");
        }
        for bad in ["", "..", ".hidden", "../x", "a/b", "@scope", "@scope/../x", "@/x", "x\\y", "_private"] {
            assert!(!is_valid_name(bad), "{bad}");
        }
        assert_eq!(split_name("@a/b@1"), ("@a/b", Some("1")));
        assert_eq!(split_name("zod"), ("zod", None));
    }
}
