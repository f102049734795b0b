//! Which file a project starts from, and its compatibility settings.
//!
//! A file given is the entry. In a directory, the rules of `@cloudflare/worker-bundler`
//! apply, in order: `main` in `wrangler.json`, `wrangler.jsonc` or `wrangler.toml` (the first
//! that exists, as wrangler reads them); `exports`, `module` or `main` in `package.json`; then
//! the first of [`DEFAULT_ENTRIES`] that exists. The wrangler config also gives the map's
//! `compatibilityDate` and `compatibilityFlags`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::diagnostics::error::{self, BundleError};
use crate::diagnostics::{self, Diagnostic};
use crate::module_map::{ModuleMap, json_error, json_type_name, raw_value_span};
use crate::position::LineIndex;
use crate::position::Location;
use crate::project::boundary::{lexically_normal, read_at_most};
use crate::project::paths;

/// Entry files looked for in a directory without a configured entry, in order.
pub const DEFAULT_ENTRIES: [&str; 14] = [
    "src/index.ts",
    "src/index.tsx",
    "src/index.mts",
    "src/index.js",
    "src/index.jsx",
    "src/index.mjs",
    "index.ts",
    "index.tsx",
    "index.mts",
    "index.js",
    "index.jsx",
    "index.mjs",
    "src/worker.ts",
    "src/worker.js",
];

/// How the entry file was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryRule {
    /// The path given is the entry file.
    Given,
    /// `main` in the wrangler config file named here, such as `wrangler.toml`.
    Wrangler(String),
    /// This field of `package.json`: `exports`, `module` or `main`.
    PackageJson(&'static str),
    /// The first of [`DEFAULT_ENTRIES`] that exists.
    Default,
}

impl fmt::Display for EntryRule {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryRule::Given => formatter.write_str("the file given"),
            EntryRule::Wrangler(file) => write!(formatter, "`main` in {file}"),
            EntryRule::PackageJson(field) => write!(formatter, "`{field}` in package.json"),
            EntryRule::Default => formatter.write_str("the first of the usual entry files"),
        }
    }
}

/// A project to bundle.
#[derive(Debug)]
pub(crate) struct Project {
    /// The entry file, canonical.
    pub(crate) entry: PathBuf,
    /// The project's directory (see [`project_root`]): the files bundled are in it, or are
    /// installed packages in a `node_modules` directory. Module names are relative to it, or
    /// to a directory above that also holds those packages.
    pub(crate) root: PathBuf,
    pub(crate) rule: EntryRule,
    pub(crate) compatibility_date: Option<String>,
    pub(crate) compatibility_flags: Vec<String>,
    /// The wrangler config file read, as diagnostics show it.
    pub(crate) config_file: Option<String>,
}

/// The project at `input` (canonical): a file, or a directory to find the entry in.
/// `cwd` makes display paths.
/// A configuration file larger than `max_file` bytes is refused.
pub(crate) fn find(input: &Path, cwd: &Path, max_file: u64) -> Result<Project, BundleError> {
    if !input.is_dir() {
        return Ok(Project {
            entry: input.to_path_buf(),
            root: project_root(input, cwd),
            rule: EntryRule::Given,
            compatibility_date: None,
            compatibility_flags: Vec::new(),
            config_file: None,
        });
    }
    let config = wrangler_config(input, cwd, max_file)?;
    let (entry, rule) = match config.as_ref().and_then(|config| config.main.as_ref()) {
        Some(main) => {
            let config = config.as_ref().expect("`main` came from the config");
            let file = config.file.clone();
            let field = format!("`main` in {file}");
            let entry = configured(input, &main.value, cwd).map_err(|problem| {
                let diagnostic = problem.diagnostic(&field, &main.value, main.location.clone());
                error::graph(diagnostic, Some(&config.text))
            })?;
            (entry, EntryRule::Wrangler(file))
        }
        None => match package_entry(input, cwd, max_file)? {
            Some(found) => found,
            None => {
                let entry =
                    DEFAULT_ENTRIES.iter().find_map(|candidate| existing(input, candidate)).ok_or_else(|| {
                        let tried = DEFAULT_ENTRIES.map(str::to_owned);
                        error::graph(diagnostics::no_entry(&paths::display(input, cwd), &tried), None)
                    })?;
                (entry, EntryRule::Default)
            }
        },
    };
    let (compatibility_date, compatibility_flags, config_file) = match config {
        Some(config) => (config.compatibility_date, config.compatibility_flags, Some(config.file)),
        None => (None, Vec::new(), None),
    };
    Ok(Project { entry, root: input.to_path_buf(), rule, compatibility_date, compatibility_flags, config_file })
}

/// Files that mark the directory of a project.
const PROJECT_FILES: [&str; 5] = ["package.json", "wrangler.json", "wrangler.jsonc", "wrangler.toml", "tsconfig.json"];

/// The directory of the project an entry file belongs to: the nearest directory above it
/// with a `package.json`, wrangler config or `tsconfig.json`, searched up to the current
/// directory when the entry is inside it, which is the project then if none is found; for an
/// entry elsewhere, the search goes up to the root, and the entry's own directory is the
/// project if none is found.
///
/// The project bounds what `bundle` reads: code that is bundled, which may be untrusted,
/// cannot import files from elsewhere on the machine into the sandbox.
fn project_root(entry: &Path, cwd: &Path) -> PathBuf {
    let directory = entry.parent().unwrap_or(entry);
    let inside_cwd = directory.starts_with(cwd);
    directory
        .ancestors()
        .take_while(|ancestor| !inside_cwd || ancestor.starts_with(cwd))
        .find(|ancestor| PROJECT_FILES.iter().any(|name| ancestor.join(name).is_file()))
        .unwrap_or(if inside_cwd { cwd } else { directory })
        .to_path_buf()
}

/// The canonical path of `relative` in `directory`, if it is a file.
fn existing(directory: &Path, relative: &str) -> Option<PathBuf> {
    let path = directory.join(relative.strip_prefix("./").unwrap_or(relative));
    path.is_file().then(|| path.canonicalize().ok()).flatten()
}

/// Why an entry named by a configuration field cannot be used.
enum EntryProblem {
    Missing,
    /// The path as it leads out of the project (canonical once it exists), for display, and
    /// the project's.
    Outside {
        file: String,
        project: String,
    },
}

impl EntryProblem {
    fn diagnostic(&self, field: &str, entry: &str, location: Location) -> Diagnostic {
        match self {
            EntryProblem::Missing => diagnostics::missing_entry(field, entry, Some(location)),
            EntryProblem::Outside { file, project } => {
                diagnostics::configured_entry_outside_project(field, entry, file, project, location)
            }
        }
    }
}

/// The canonical path of the entry file `relative` that a configuration field of the project
/// in `directory` names: it must be in `directory`, as written and with its links followed,
/// since the configuration may be as untrusted as the code. A path out of it is refused
/// before anything there is looked at.
fn configured(directory: &Path, relative: &str, cwd: &Path) -> Result<PathBuf, EntryProblem> {
    let outside = |path: &Path| EntryProblem::Outside {
        file: paths::display(path, cwd),
        project: paths::display(directory, cwd),
    };
    let written = lexically_normal(&directory.join(relative));
    if !written.starts_with(directory) {
        return Err(outside(&written));
    }
    let entry = existing(directory, relative).ok_or(EntryProblem::Missing)?;
    if !entry.starts_with(directory) {
        return Err(outside(&entry));
    }
    Ok(entry)
}

/// A string setting and where it is written.
struct Setting {
    value: String,
    location: Location,
}

/// What sandbox reads from a wrangler config file.
struct WranglerConfig {
    /// The file's name as diagnostics show it.
    file: String,
    text: String,
    main: Option<Setting>,
    compatibility_date: Option<String>,
    compatibility_flags: Vec<String>,
}

/// The first wrangler config file of the directory, in wrangler's order.
fn wrangler_config(directory: &Path, cwd: &Path, max_file: u64) -> Result<Option<WranglerConfig>, BundleError> {
    for name in ["wrangler.json", "wrangler.jsonc", "wrangler.toml"] {
        let path = directory.join(name);
        let Some(text) = read_config(&path, cwd, max_file)? else {
            continue;
        };
        let file = paths::display(&path, cwd);
        let config = if name.ends_with(".toml") { wrangler_toml(&file, &text) } else { wrangler_json(&file, &text) };
        return config.map(Some).map_err(|diagnostic| error::graph(diagnostic, Some(&text)));
    }
    Ok(None)
}

/// The text of a config file, `None` when there is none. One that is there but cannot be
/// read (not UTF-8, a directory, not permitted) is an error: skipping it would bundle from
/// another entry, with other settings, without a word.
fn read_config(path: &Path, cwd: &Path, max_file: u64) -> Result<Option<String>, BundleError> {
    let unreadable = |source| BundleError::Unreadable { path: paths::display(path, cwd), source };
    // Most projects have none of the four files looked for: one question each, where
    // canonicalising reads the link of every component of the path first.
    if std::fs::symlink_metadata(path).is_err_and(|error| error.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    // A link to a file outside the project is not read: its text could end up in an error.
    if let (Ok(canonical), Some(directory)) = (path.canonicalize(), path.parent())
        && !canonical.starts_with(directory)
    {
        let name = paths::display(path, cwd);
        let diagnostic = diagnostics::project_file_outside_project(
            &name,
            &paths::display(&canonical, cwd),
            &paths::display(directory, cwd),
        );
        return Err(error::graph(diagnostic, None));
    }
    let bytes = match read_at_most(path, max_file) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            let file = paths::display(path, cwd);
            let diagnostic = diagnostics::source_too_large(&file, size, max_file, None, None);
            return Err(error::graph(diagnostic, None));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(unreadable(error)),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| unreadable(std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")))
}

fn wrangler_toml(file: &str, text: &str) -> Result<WranglerConfig, Diagnostic> {
    #[derive(Deserialize)]
    struct Toml {
        main: Option<toml::Spanned<String>>,
        compatibility_date: Option<toml::Spanned<String>>,
        compatibility_flags: Option<Vec<String>>,
    }
    let lines = LineIndex::new(text);
    let config: Toml = toml::from_str(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let location = lines.location(file, span.start, span.end);
        diagnostics::invalid_config(file, "TOML", error.message(), location)
    })?;
    let setting = |value: toml::Spanned<String>| {
        let span = value.span();
        Setting { location: lines.location(file, span.start, span.end), value: value.into_inner() }
    };
    let compatibility_date = config.compatibility_date.map(setting);
    Ok(WranglerConfig {
        file: file.to_owned(),
        text: text.to_owned(),
        main: config.main.map(setting),
        compatibility_date: checked_date(compatibility_date)?,
        compatibility_flags: config.compatibility_flags.unwrap_or_default(),
    })
}

fn wrangler_json(file: &str, text: &str) -> Result<WranglerConfig, Diagnostic> {
    #[derive(Deserialize)]
    struct Json<'a> {
        #[serde(borrow)]
        main: Option<&'a RawValue>,
        #[serde(borrow)]
        compatibility_date: Option<&'a RawValue>,
        compatibility_flags: Option<Vec<String>>,
    }
    // Comments become spaces, so offsets in the stripped text are offsets in the file.
    let mut stripped = text.to_owned();
    let _ = json_strip_comments::strip(&mut stripped);
    let lines = LineIndex::new(&stripped);
    let config: Json<'_> = serde_json::from_str(&stripped).map_err(|error| {
        let (message, location) = json_error(file, &stripped, &lines, &error);
        diagnostics::invalid_config(file, "JSON", &message, location)
    })?;
    let main = config.main.map(|raw| string_setting(file, &stripped, &lines, raw, "`main`")).transpose()?;
    let compatibility_date = config
        .compatibility_date
        .map(|raw| string_setting(file, &stripped, &lines, raw, "`compatibility_date`"))
        .transpose()?;
    Ok(WranglerConfig {
        file: file.to_owned(),
        text: text.to_owned(),
        main,
        compatibility_date: checked_date(compatibility_date)?,
        compatibility_flags: config.compatibility_flags.unwrap_or_default(),
    })
}

/// A `compatibility_date` that is a date, as the module map needs it.
fn checked_date(date: Option<Setting>) -> Result<Option<String>, Diagnostic> {
    match date {
        Some(date) if !ModuleMap::is_compatibility_date(&date.value) => {
            Err(diagnostics::invalid_compatibility_date(&date.value, date.location))
        }
        date => Ok(date.map(|date| date.value)),
    }
}

fn string_setting(
    file: &str,
    text: &str,
    lines: &LineIndex<'_>,
    raw: &RawValue,
    what: &str,
) -> Result<Setting, Diagnostic> {
    let (start, end) = raw_value_span(text, raw);
    let location = lines.location(file, start, end);
    match serde_json::from_str::<String>(raw.get()) {
        Ok(value) => Ok(Setting { value, location }),
        Err(_) => Err(diagnostics::wrong_type(&format!("{what} in {file}"), "a string", json_type_name(raw), location)),
    }
}

/// The entry `package.json` names: `exports` (its `.` entry, by the conditions of a Worker
/// build), then `module`, then `main`.
fn package_entry(directory: &Path, cwd: &Path, max_file: u64) -> Result<Option<(PathBuf, EntryRule)>, BundleError> {
    let path = directory.join("package.json");
    let Some(text) = read_config(&path, cwd, max_file)? else {
        return Ok(None);
    };
    let file = paths::display(&path, cwd);
    let lines = LineIndex::new(&text);
    let fields: BTreeMap<String, &RawValue> = serde_json::from_str(&text).map_err(|error| {
        let (message, location) = json_error(&file, &text, &lines, &error);
        error::graph(diagnostics::invalid_config(&file, "JSON", &message, location), Some(&text))
    })?;
    for field in ["exports", "module", "main"] {
        let Some(raw) = fields.get(field) else {
            continue;
        };
        let value: serde_json::Value = serde_json::from_str(raw.get()).unwrap_or_default();
        let Some(entry) = exports_entry(&value) else {
            continue;
        };
        let (start, end) = raw_value_span(&text, raw);
        let location = lines.location(&file, start, end);
        let found = configured(directory, entry, cwd).map_err(|problem| {
            let diagnostic = problem.diagnostic(&format!("`{field}` in {file}"), entry, location);
            error::graph(diagnostic, Some(&text))
        })?;
        return Ok(Some((found, EntryRule::PackageJson(field))));
    }
    Ok(None)
}

/// The file an `exports` value (or a `module` or `main` string) names for `import` in a
/// Worker: a string, the `.` subpath, or the first matching condition.
fn exports_entry(value: &serde_json::Value) -> Option<&str> {
    const CONDITIONS: [&str; 6] = ["workerd", "worker", "browser", "import", "module", "default"];
    match value {
        serde_json::Value::String(entry) => Some(entry),
        serde_json::Value::Object(map) => match map.get(".") {
            Some(root) => exports_entry(root),
            None => CONDITIONS.iter().find_map(|condition| map.get(*condition).and_then(exports_entry)),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `exports` gives its `.` entry, by condition, or is the entry itself.
    #[test]
    fn exports_entries() {
        let entry = |json: &str| {
            let value: serde_json::Value = serde_json::from_str(json).expect("test JSON");
            exports_entry(&value).map(str::to_owned)
        };
        assert_eq!(entry(r#""./a.js""#).as_deref(), Some("./a.js"));
        assert_eq!(entry(r#"{".": "./b.js", "./x": "./x.js"}"#).as_deref(), Some("./b.js"));
        assert_eq!(
            entry(r#"{".": {"types": "./t.d.ts", "require": "./c.cjs", "import": "./c.mjs"}}"#).as_deref(),
            Some("./c.mjs")
        );
        assert_eq!(entry(r#"{"node": "./n.js", "default": "./d.js"}"#).as_deref(), Some("./d.js"));
        assert_eq!(entry(r#"{"./x": "./x.js"}"#), None);
        assert_eq!(entry("3"), None);
    }
}
