//! workerd's own Node.js compatibility tests (`src/workerd/api/node/tests/*-test.js`, vendored
//! unchanged in `tests/fixtures/node-tests/workerd/`), run as they are written by the real
//! `sandbox run`, with the outcomes recorded in `tests/fixtures/node-tests/results.json`.
//!
//! Each test file is a module exporting objects with a `test(controller, env, ctx)` method.
//! Its `.wd-test` config says which modules, compatibility flags and bindings it runs with;
//! the runner turns that into a Worker Loader module map (the test file is the module
//! `worker`, as in the config, and `harness.js` is the main module that calls each test in
//! turn, as `workerd test` does) plus `--env` for text bindings. What sandbox cannot be given
//! is recorded with the file: an experimental flag (sandbox, like Worker Loader, refuses
//! them), a JSON, data or service binding. A test that needs it fails with its own error.
//!
//! One `sandbox run` per file, under sandbox's default limits. If the run stops (a limit, a
//! promise nothing can settle), the tests from the one that was running on run again in a
//! new process; a test that stops the run it is the first of fails with that reason. So one
//! test cannot take the others down, and the limits a test fails by are its own, as each
//! test is an event of its own in workerd. Files run on parallel threads.
//!
//! The test fails if a test passes that the file records as failing or the reverse, or if the
//! figures in README.md or the fixtures' README are not those of the file;
//! `UPDATE_NODE_SUITE=1` rewrites all three instead. A failing test's reason is as of the
//! last update (some hold what varies between runs); the test prints the ones that changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::support::{TestContext, output, repository_root};

/// The variable that makes the test rewrite the results instead of comparing.
const UPDATE_VARIABLE: &str = "UPDATE_NODE_SUITE";

/// The command that reruns the suite and records what it gives.
const RERUN: &str = "UPDATE_NODE_SUITE=1 cargo test -p sandbox --test e2e node_suite";

/// Where the vendored files came from.
const SOURCE: &str =
    "https://github.com/cloudflare/workerd/tree/6552d999c79ef651b5463c6d692d065a8ce6f859/src/workerd/api/node/tests";

/// The main module's name in each map.
const HARNESS_NAME: &str = "node-suite-harness.js";

/// The name every config gives the test file, which the harness imports.
const TEST_MODULE: &str = "worker";

/// The Node.js module each test file measures, by the start of its name.
const MODULES: &[(&str, &str)] = &[
    ("als-", "async_hooks"),
    ("assert-", "assert"),
    ("async_hooks-", "async_hooks"),
    ("bound-als-", "async_hooks"),
    ("buffer-", "buffer"),
    ("child_process-", "child_process"),
    ("cluster-", "cluster"),
    ("console-", "console"),
    ("constants-", "constants"),
    ("crypto_", "crypto"),
    ("dgram-", "dgram"),
    ("diagnostics-channel-", "diagnostics_channel"),
    ("dns-", "dns"),
    ("domain-", "domain"),
    ("fs-", "fs"),
    ("http2-", "http2"),
    ("inspector-", "inspector"),
    ("legacy_url-", "url"),
    ("mimetype-", "util"),
    ("module-", "module"),
    ("node-compat-v2-", "(globals)"),
    ("os-", "os"),
    ("path-", "path"),
    ("perf-hooks-", "perf_hooks"),
    ("process-", "process"),
    ("punycode-", "punycode"),
    ("querystring-", "querystring"),
    ("readline-", "readline"),
    ("repl-", "repl"),
    ("sqlite-", "sqlite"),
    ("streams-", "stream"),
    ("string-decoder-", "string_decoder"),
    ("sys-", "util"),
    ("timers-", "timers"),
    ("trace-events-", "trace_events"),
    ("tty-", "tty"),
    ("url-", "url"),
    ("util-", "util"),
    ("v8-", "v8"),
    ("vm-", "vm"),
    ("wasi-", "wasi"),
    ("worker_threads-", "worker_threads"),
    ("zlib-", "zlib"),
];

fn suite_directory() -> PathBuf {
    repository_root().join("tests/fixtures/node-tests")
}

fn updating() -> bool {
    std::env::var_os(UPDATE_VARIABLE).is_some_and(|value| value == "1")
}

/// The vendored test files, sorted.
fn test_files() -> Vec<PathBuf> {
    let directory = suite_directory().join("workerd");
    let mut files: Vec<_> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("read {}: {error}", directory.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.file_name().is_some_and(|name| name.to_string_lossy().ends_with("-test.js")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no test files in {}", directory.display());
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().expect("a file name").to_string_lossy().into_owned()
}

fn module_of(file: &str) -> &'static str {
    MODULES
        .iter()
        .find(|(prefix, _)| file.starts_with(prefix))
        .map(|(_, module)| *module)
        .unwrap_or_else(|| panic!("{file}: add its module to MODULES in tests/e2e/node_suite.rs"))
}

// ---------------------------------------------------------------------------------------------
// The `.wd-test` config (Cap'n Proto text), as far as these files use it.

/// A module or a binding: `(name = "N", KIND = "literal")` or `(name = "N", KIND = embed "F")`.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    kind: String,
    value: String,
}

/// The test worker's part of a `.wd-test` file: the first service's `worker`.
#[derive(Debug, Default)]
struct Config {
    modules: Vec<Entry>,
    flags: Vec<String>,
    date: Option<String>,
    bindings: Vec<Entry>,
}

/// The text between the bracket at `open` and the one that closes it, skipping strings.
fn balanced(text: &str, open: usize) -> &str {
    let bytes = text.as_bytes();
    let (opening, closing) = match bytes[open] {
        b'(' => (b'(', b')'),
        b'[' => (b'[', b']'),
        other => panic!("not a bracket: {}", other as char),
    };
    let mut depth = 0usize;
    let mut index = open;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
            }
            byte if byte == opening => depth += 1,
            byte if byte == closing => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..index];
                }
            }
            _ => {}
        }
        index += 1;
    }
    panic!("unbalanced bracket in a .wd-test file")
}

/// The bracketed list after `KEY = ` in `block`, if any.
fn section<'a>(block: &'a str, key: &str) -> Option<&'a str> {
    let pattern = regex::Regex::new(&format!(r"\b{key}\s*=\s*[\[(]")).expect("valid regex");
    let found = pattern.find(block)?;
    Some(balanced(block, found.end() - 1))
}

fn unescape(literal: &str) -> String {
    let mut text = String::with_capacity(literal.len());
    let mut characters = literal.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            text.push(character);
            continue;
        }
        match characters.next() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some(other) => text.push(other),
            None => {}
        }
    }
    text
}

/// The entries of a list of `( name = ..., kind = ... )`; every top-level entry must parse.
fn entries(list: &str, directory: &Path, what: &str) -> Vec<Entry> {
    let pattern = regex::Regex::new(
        r#"\(\s*name\s*=\s*"((?:[^"\\]|\\.)*)"\s*,\s*(\w+)\s*=\s*(?:embed\s+"([^"]*)"|"((?:[^"\\]|\\.)*)")\s*\)"#,
    )
    .expect("valid regex");
    let parsed: Vec<Entry> = pattern
        .captures_iter(list)
        .map(|captures| {
            let value = match (captures.get(3), captures.get(4)) {
                (Some(embedded), _) => {
                    let path = directory.join(embedded.as_str());
                    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()))
                }
                (None, Some(literal)) => unescape(literal.as_str()),
                (None, None) => unreachable!("the pattern has one of the two"),
            };
            Entry { name: unescape(&captures[1]), kind: captures[2].to_owned(), value }
        })
        .collect();
    // Count the list's own entries: `(` at depth one, outside strings.
    let mut count = 0;
    let mut index = 0;
    let bytes = list.as_bytes();
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' => {
                count += 1;
                index += balanced(&list[index..], 0).len() + 1;
            }
            _ => {}
        }
        index += 1;
    }
    assert_eq!(parsed.len(), count, "{what}: an entry the runner cannot read in:\n{list}");
    parsed
}

fn read_config(path: &Path) -> Config {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
    let text: String = text.lines().filter(|line| !line.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n");
    let what = file_name(path);
    let start = text.find("worker = (").unwrap_or_else(|| panic!("{what}: no `worker = (`"));
    let block = balanced(&text, start + "worker = ".len());
    let directory = path.parent().expect("a directory");
    let strings = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#).expect("valid regex");
    Config {
        modules: entries(section(block, "modules").unwrap_or_default(), directory, &what),
        flags: section(block, "compatibilityFlags")
            .map(|list| strings.captures_iter(list).map(|captures| unescape(&captures[1])).collect())
            .unwrap_or_default(),
        date: regex::Regex::new(r#"compatibilityDate\s*=\s*"([^"]*)""#)
            .expect("valid regex")
            .captures(block)
            .map(|captures| captures[1].to_owned()),
        bindings: section(block, "bindings").map(|list| entries(list, directory, &what)).unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------------
// The tests a file exports, read from its source, for when the module cannot be loaded at all.

/// The names of the exported objects with a `test` method, sorted as the module namespace
/// sorts them. Block comments are left out (a file may comment tests out); an exported
/// object counts if a line of it, indented once, starts its `test` method. Checked against
/// the harness's own list whenever the module loads.
fn exported_tests(source: &str) -> Vec<String> {
    let source = without_block_comments(source);
    let export = regex::Regex::new(r"(?m)^export\s+(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*|default\s+)\{")
        .expect("valid regex");
    let method = regex::Regex::new(r"(?m)^  (?:async\s+)?test\s*\(").expect("valid regex");
    let mut names: Vec<String> = export
        .captures_iter(&source)
        .filter(|captures| {
            let open = captures.get(0).expect("the match").end() - 1;
            method.is_match(&balanced_braces(&source, open))
        })
        .map(|captures| captures.get(1).map_or_else(|| "default".to_owned(), |name| name.as_str().to_owned()))
        .collect();
    names.sort();
    names
}

/// `source` without its block comments; strings, templates and line comments are kept, and
/// skipped over (a glob such as `'**/*.js'` holds `/*`).
fn without_block_comments(source: &str) -> String {
    let mut kept = String::with_capacity(source.len());
    let mut characters = source.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '\'' | '"' | '`' => {
                kept.push(character);
                while let Some(inner) = characters.next() {
                    kept.push(inner);
                    if inner == '\\' {
                        kept.extend(characters.next());
                    } else if inner == character || (inner == '\n' && character != '`') {
                        break;
                    }
                }
            }
            '/' if characters.peek() == Some(&'/') => {
                kept.push(character);
                for inner in characters.by_ref() {
                    kept.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '/' if characters.peek() == Some(&'*') => {
                characters.next();
                let mut previous = ' ';
                for inner in characters.by_ref() {
                    if previous == '*' && inner == '/' {
                        break;
                    }
                    previous = inner;
                }
            }
            _ => kept.push(character),
        }
    }
    kept
}

/// The object literal starting at the `{` at `open`, with the lines as written (strings and
/// templates are not skipped: the object ends at the first line that is only `};`).
fn balanced_braces(source: &str, open: usize) -> String {
    let rest = &source[open..];
    let end = rest.find("\n};").map_or(rest.len(), |end| end + 3);
    rest[..end].to_owned()
}

// ---------------------------------------------------------------------------------------------
// Running a file.

/// What one test file gave.
#[derive(Debug, Default)]
struct FileOutcome {
    module: String,
    /// The config's flags that sandbox was given.
    flags: Vec<String>,
    /// The config's flags sandbox refused (experimental ones), with its reason.
    flags_refused: Vec<String>,
    /// What the config gives that sandbox could not be given.
    not_given: Vec<String>,
    /// Each test: `pass` or `fail: reason`.
    tests: BTreeMap<String, String>,
    /// How many times `sandbox run` ran.
    runs: usize,
}

/// The module map of a file's config, with the harness as its main module.
fn module_map(config: &Config, flags: &[String], not_given: &mut Vec<String>) -> Value {
    let harness = std::fs::read_to_string(suite_directory().join("harness.js")).expect("read harness.js");
    let mut modules = Map::new();
    modules.insert(HARNESS_NAME.to_owned(), Value::String(harness));
    for module in &config.modules {
        let value = match module.kind.as_str() {
            "esModule" => Value::String(module.value.clone()),
            "commonJsModule" => json!({ "cjs": module.value }),
            "text" => json!({ "text": module.value }),
            "json" => match serde_json::from_str::<Value>(&module.value) {
                Ok(value) => json!({ "json": value }),
                Err(error) => panic!("module `{}`: not JSON: {error}", module.name),
            },
            "data" => json!({ "data": base64::engine::general_purpose::STANDARD.encode(&module.value) }),
            other => {
                not_given.push(format!("module `{}` ({other})", module.name));
                continue;
            }
        };
        modules.insert(module.name.clone(), value);
    }
    let mut map = json!({ "mainModule": HARNESS_NAME, "modules": modules, "compatibilityFlags": flags });
    if let Some(date) = &config.date {
        map["compatibilityDate"] = json!(date);
    }
    map
}

/// The first line of `text`, with the run's temporary directory left out.
fn one_line(text: &str, temporary: &str) -> String {
    text.lines().next().unwrap_or_default().replace(temporary, "[TEMP]").trim_end().to_owned()
}

/// How a whole run failed, in one line: the error's name and message.
fn run_failure(envelope: &Value, temporary: &str) -> String {
    let error = &envelope["error"];
    let message = one_line(error["message"].as_str().unwrap_or("no message"), temporary);
    match error["name"].as_str() {
        Some(name) if !message.starts_with(name) => format!("fail: {name}: {message}"),
        _ => format!("fail: {message}"),
    }
}

/// The experimental flag sandbox refused, from its error.
fn refused_flag(envelope: &Value) -> Option<String> {
    if envelope["error"]["code"] != "invalid-compatibility-flag" {
        return None;
    }
    let pattern = regex::Regex::new(r"^The compatibility flag (\S+) is experimental").expect("valid regex");
    let message = envelope["error"]["message"].as_str()?;
    pattern.captures(message).map(|captures| captures[1].to_owned())
}

fn run_file(context: &TestContext, path: &Path, module: &str) -> FileOutcome {
    let name = file_name(path);
    let source = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
    let config = read_config(&path.with_extension("wd-test"));
    assert!(
        config.modules.iter().any(|module| module.name == TEST_MODULE && module.value == source),
        "{name}: its config does not name it `{TEST_MODULE}`; harness.js imports that name"
    );
    let static_names = exported_tests(&source);
    let mut outcome = FileOutcome { module: module.to_owned(), ..FileOutcome::default() };
    outcome.flags = config.flags.clone();
    let mut environment = Vec::new();
    for binding in &config.bindings {
        if binding.kind == "text" {
            environment.push(format!("{}={}", binding.name, binding.value));
        } else {
            outcome.not_given.push(format!("binding `{}` ({})", binding.name, binding.kind));
        }
    }
    let map_path = context.temp.path().join(format!("{name}.map.json"));
    let mut not_given = Vec::new();
    let mut map = module_map(&config, &outcome.flags, &mut not_given);
    outcome.not_given.extend(not_given);
    // Each test in a run of its own where `/tmp` must start empty; else all of the file's at
    // once. Each batch runs until every test of it has an outcome: after a run that stopped,
    // from the one that was running on.
    let batches: Vec<Option<Vec<String>>> = if uses_the_file_system(&source) {
        static_names.iter().map(|test| Some(vec![test.clone()])).collect()
    } else {
        vec![None]
    };
    for batch in batches {
        run_batch(context, &name, batch, &static_names, &environment, &map_path, &mut map, &mut outcome);
    }
    for test in &static_names {
        assert!(outcome.tests.contains_key(test), "{name}: no outcome for `{test}`");
    }
    outcome
}

/// Whether a test file uses `node:fs`. workerd gives each test a request of its own, and
/// what a request writes to `/tmp` is gone when it ends; sandbox's file system lasts for a
/// run, so each such test gets a run of its own.
fn uses_the_file_system(source: &str) -> bool {
    regex::Regex::new(r#"(?:\bfrom|\brequire\(|\bimport\()\s*['"](?:node:)?fs(?:/promises)?['"]"#)
        .expect("valid regex")
        .is_match(source)
}

/// Runs the tests `only` names (all if `None`) until each has an outcome.
#[allow(clippy::too_many_arguments, reason = "the state of one file's runs")]
fn run_batch(
    context: &TestContext,
    name: &str,
    mut only: Option<Vec<String>>,
    static_names: &[String],
    environment: &[String],
    map_path: &Path,
    map: &mut Value,
    outcome: &mut FileOutcome,
) {
    let temporary = context.temp.path().display().to_string();
    loop {
        std::fs::write(map_path, map.to_string()).expect("write the module map");
        let only_argument = serde_json::to_string(&only).expect("JSON");
        let mut arguments =
            vec![map_path.display().to_string(), "--method".into(), "run".into(), "--arg".into(), only_argument];
        for binding in environment {
            arguments.push("--env".into());
            arguments.push(binding.clone());
        }
        arguments.push("--json".into());
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        let ran = output(&mut context.run(&arguments), None);
        outcome.runs += 1;
        let envelope: Value = match serde_json::from_slice(&ran.stdout) {
            Ok(envelope) => envelope,
            Err(_) => {
                let reason = format!(
                    "fail: sandbox exited with {:?} and printed no JSON: {}",
                    ran.status.code(),
                    one_line(&String::from_utf8_lossy(&ran.stderr), &temporary)
                );
                for test in only.clone().unwrap_or_else(|| static_names.to_vec()) {
                    outcome.tests.insert(test, reason.clone());
                }
                break;
            }
        };
        if let Some(flag) = refused_flag(&envelope).filter(|flag| outcome.flags.contains(flag)) {
            outcome.flags.retain(|given| *given != flag);
            outcome.flags_refused.push(flag);
            map["compatibilityFlags"] = json!(outcome.flags);
            continue;
        }
        if envelope["ok"] == true {
            let result = &envelope["result"];
            let mut names: Vec<String> = serde_json::from_value(result["names"].clone()).expect("harness names");
            names.sort();
            assert_eq!(names, static_names, "{name}: the exports read from the source differ from the module's");
            let results: BTreeMap<String, String> =
                serde_json::from_value(result["results"].clone()).expect("harness results");
            for (test, result) in results {
                outcome.tests.insert(test, one_line(&result, &temporary));
            }
            break;
        }
        // The run stopped: the tests it finished, and the one it was running.
        let reason = run_failure(&envelope, &temporary);
        let logs = envelope["logs"].as_array().cloned().unwrap_or_default();
        let mut finished = Vec::new();
        let mut running = None;
        for log in &logs {
            let message = log["message"].as_str().unwrap_or_default();
            if let Some(test) = message.strip_prefix("node-suite:start ") {
                running = Some(test.to_owned());
            } else if let Some(rest) = message.strip_prefix("node-suite:result ")
                && let Some((test, result)) = rest.split_once(' ')
            {
                finished.push((test.to_owned(), one_line(result, &temporary)));
                running = None;
            }
        }
        let planned = only.clone().unwrap_or_else(|| static_names.to_vec());
        let first_of_the_run = finished.is_empty();
        for (test, result) in finished {
            outcome.tests.insert(test, result);
        }
        match running {
            // The limits are the run's, shared by the tests it ran: a test that stops a run
            // after others is run again first in a new one, and fails only by itself.
            Some(_) if !first_of_the_run => {}
            Some(test) => {
                outcome.tests.insert(test, reason);
            }
            None => {
                // Nothing was running: the module failed before any test (or after all).
                for test in &planned {
                    outcome.tests.entry(test.clone()).or_insert_with(|| reason.clone());
                }
            }
        }
        let remaining: Vec<String> = planned.into_iter().filter(|test| !outcome.tests.contains_key(test)).collect();
        if remaining.is_empty() {
            break;
        }
        only = Some(remaining);
    }
}

/// Every file's outcome, run on parallel threads.
#[allow(clippy::print_stderr, reason = "the test prints each file's figures")]
fn run_suite() -> BTreeMap<String, FileOutcome> {
    let context = TestContext::new();
    let files = test_files();
    let queue = Mutex::new(files.iter());
    let outcomes = Mutex::new(BTreeMap::new());
    let threads = std::thread::available_parallelism().map_or(2, |threads| threads.get()).clamp(2, 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let Some(path) = queue.lock().expect("queue").next() else { break };
                    let started = std::time::Instant::now();
                    let outcome = run_file(&context, path, module_of(&file_name(path)));
                    let passed = outcome.tests.values().filter(|result| *result == "pass").count();
                    eprintln!(
                        "node suite: {}: {passed}/{} passed ({} runs, {:.1} s)",
                        file_name(path),
                        outcome.tests.len(),
                        outcome.runs,
                        started.elapsed().as_secs_f64()
                    );
                    outcomes.lock().expect("outcomes").insert(file_name(path), outcome);
                }
            });
        }
    });
    outcomes.into_inner().expect("outcomes")
}

// ---------------------------------------------------------------------------------------------
// The results file and the READMEs.

fn results_json(outcomes: &BTreeMap<String, FileOutcome>) -> Value {
    let files: Map<String, Value> = outcomes
        .iter()
        .map(|(file, outcome)| {
            (
                file.clone(),
                json!({
                    "module": outcome.module,
                    "flags": outcome.flags,
                    "flags_refused": outcome.flags_refused,
                    "not_given": outcome.not_given,
                    "tests": outcome.tests,
                }),
            )
        })
        .collect();
    json!({ "source": SOURCE, "rerun": RERUN, "files": files })
}

/// Per module: test files, tests, passed, failed.
fn per_module(results: &Value) -> BTreeMap<String, (usize, usize, usize)> {
    let mut modules: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for file in results["files"].as_object().expect("files").values() {
        let entry = modules.entry(file["module"].as_str().expect("module").to_owned()).or_default();
        entry.0 += 1;
        for result in file["tests"].as_object().expect("tests").values() {
            if result == "pass" {
                entry.1 += 1;
            } else {
                entry.2 += 1;
            }
        }
    }
    modules
}

/// The figures README.md shows: a table per module, and the commonest reasons for failing.
fn readme_figures(results: &Value) -> String {
    let modules = per_module(results);
    let mut text = String::from("| Module | Test files | Tests | Passed | Failed |\n|---|---:|---:|---:|---:|\n");
    let mut totals = (0, 0, 0);
    for (module, (files, passed, failed)) in &modules {
        text.push_str(&format!("| `{module}` | {files} | {} | {passed} | {failed} |\n", passed + failed));
        totals = (totals.0 + files, totals.1 + passed, totals.2 + failed);
    }
    text.push_str(&format!("| **all** | {} | {} | {} | {} |\n", totals.0, totals.1 + totals.2, totals.1, totals.2));
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let place = regex::Regex::new(r" \(worker:\d+:\d+\)$").expect("valid regex");
    for file in results["files"].as_object().expect("files").values() {
        for result in file["tests"].as_object().expect("tests").values() {
            if let Some(reason) = result.as_str().and_then(|result| result.strip_prefix("fail: ")) {
                // The same reason at another line of the test file counts as the same.
                *reasons.entry(place.replace(reason, "").into_owned()).or_default() += 1;
            }
        }
    }
    let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if !reasons.is_empty() {
        let failed: usize = reasons.iter().map(|(_, count)| count).sum();
        text.push_str(&format!(
            "\nEach of the {failed} failing tests is listed with its reason in \
             [`results.json`](tests/fixtures/node-tests/results.json); the commonest reasons \
             (tests: reason):\n\n"
        ));
        for (reason, count) in reasons.iter().take(12) {
            text.push_str(&format!("- {count}: {}\n", reason.replace('|', "\\|")));
        }
    }
    text
}

/// The per-file table of the fixtures' README: what each config gives and what sandbox got.
fn fixture_figures(results: &Value) -> String {
    let mut text = String::from(
        "| File | Module | Tests | Passed | Flags given | Flags refused | Not given |\n|---|---|---:|---:|---|---|---|\n",
    );
    let list = |value: &Value| {
        let items: Vec<String> =
            value.as_array().expect("a list").iter().map(|item| item.as_str().unwrap_or_default().to_owned()).collect();
        if items.is_empty() { "-".to_owned() } else { items.join(", ") }
    };
    for (name, file) in results["files"].as_object().expect("files") {
        let tests = file["tests"].as_object().expect("tests");
        let passed = tests.values().filter(|result| *result == "pass").count();
        text.push_str(&format!(
            "| `{name}` | `{}` | {} | {passed} | {} | {} | {} |\n",
            file["module"].as_str().unwrap_or_default(),
            tests.len(),
            list(&file["flags"]),
            list(&file["flags_refused"]),
            list(&file["not_given"]),
        ));
    }
    text
}

const START_MARKER: &str = "<!-- node-suite:start (generated by tests/e2e/node_suite.rs) -->\n";
const END_MARKER: &str = "<!-- node-suite:end -->";

/// `text` with the generated block between the markers replaced by `block`, or `None` if
/// the markers are missing.
fn replace_block(text: &str, block: &str) -> Option<String> {
    let start = text.find(START_MARKER)? + START_MARKER.len();
    let end = text[start..].find(END_MARKER)? + start;
    Some(format!("{}{block}{}", &text[..start], &text[end..]))
}

fn passed(result: &Value) -> bool {
    result == "pass"
}

/// The tests that still fail, for another reason than recorded, one line each. Not an error:
/// a reason may hold what varies between runs (`mkdtemp`'s random name), and is brought up to
/// date whenever the results are recorded.
fn changed_reasons(recorded: &Value, now: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for (file, now_file) in now["files"].as_object().expect("files") {
        for (test, result) in now_file["tests"].as_object().expect("tests") {
            let before = &recorded["files"][file]["tests"][test];
            if !passed(result) && !passed(before) && before.is_string() && before != result {
                found.push(format!("{file}: {test}: was {before}, now {result}"));
            }
        }
    }
    found
}

/// The differences between the recorded results and the new ones that matter, one line each:
/// a test that passed and fails or the reverse, a test added or gone, a flag or binding
/// given differently. (A failing test's reason may change; see [`changed_reasons`].)
fn differences(recorded: &Value, now: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let empty = Map::new();
    let recorded_files = recorded["files"].as_object().unwrap_or(&empty);
    let now_files = now["files"].as_object().expect("files");
    for (file, now_file) in now_files {
        let Some(recorded_file) = recorded_files.get(file) else {
            found.push(format!("{file}: not in results.json"));
            continue;
        };
        for key in ["module", "flags", "flags_refused", "not_given"] {
            if recorded_file[key] != now_file[key] {
                found.push(format!("{file}: {key} was {}, now {}", recorded_file[key], now_file[key]));
            }
        }
        let recorded_tests = recorded_file["tests"].as_object().unwrap_or(&empty);
        for (test, result) in now_file["tests"].as_object().expect("tests") {
            match recorded_tests.get(test) {
                Some(recorded) if passed(recorded) == passed(result) => {}
                Some(recorded) => found.push(format!("{file}: {test}: was {recorded}, now {result}")),
                None => found.push(format!("{file}: {test}: not recorded, now {result}")),
            }
        }
        for test in recorded_tests.keys() {
            if !now_file["tests"].as_object().expect("tests").contains_key(test) {
                found.push(format!("{file}: {test}: recorded, but the file has no such test"));
            }
        }
    }
    for file in recorded_files.keys() {
        if !now_files.contains_key(file) {
            found.push(format!("{file}: recorded, but there is no such test file"));
        }
    }
    found
}

/// workerd's Node.js compatibility tests pass and fail as `results.json` records, and the
/// READMEs show the figures of that file (`UPDATE_NODE_SUITE=1` rewrites all three).
#[test]
#[allow(clippy::print_stderr, reason = "the test prints what it rewrote and what changed")]
fn workerd_node_tests_give_the_recorded_results() {
    let now = results_json(&run_suite());
    let results_path = suite_directory().join("results.json");
    let readme_path = repository_root().join("README.md");
    let fixture_readme_path = suite_directory().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("read README.md");
    let fixture_readme = std::fs::read_to_string(&fixture_readme_path).expect("read the fixtures' README.md");
    if updating() {
        let new_readme = replace_block(&readme, &readme_figures(&now)).expect("README.md has the node-suite markers");
        let new_fixture_readme = replace_block(&fixture_readme, &fixture_figures(&now))
            .expect("tests/fixtures/node-tests/README.md has the node-suite markers");
        std::fs::write(&results_path, format!("{}\n", serde_json::to_string_pretty(&now).expect("JSON")))
            .expect("write results.json");
        std::fs::write(&readme_path, new_readme).expect("write README.md");
        std::fs::write(&fixture_readme_path, new_fixture_readme).expect("write the fixtures' README.md");
        eprintln!("node suite: wrote {}, README.md and the fixtures' README.md", results_path.display());
        return;
    }
    let recorded: Value = std::fs::read_to_string(&results_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| panic!("no readable {} (make it with `{RERUN}`)", results_path.display()));
    for change in changed_reasons(&recorded, &now) {
        eprintln!("node suite: another reason: {change}");
    }
    let mut found = differences(&recorded, &now);
    if replace_block(&readme, &readme_figures(&recorded)).as_ref() != Some(&readme) {
        found.push("README.md: the figures differ from results.json".to_owned());
    }
    if replace_block(&fixture_readme, &fixture_figures(&recorded)).as_ref() != Some(&fixture_readme) {
        found.push("tests/fixtures/node-tests/README.md: the figures differ from results.json".to_owned());
    }
    assert!(
        found.is_empty(),
        "the Node.js compatibility suite gives other outcomes than recorded (record them with `{RERUN}`):\n{}",
        found.join("\n")
    );
}

/// The runner itself: a test that passes, one that throws (its reason is the error's name,
/// its message on one line and where the test file threw it), two that stop the whole run (each fails with the run's reason once it stops
/// a run by itself, and the tests after it run in a new process), the config's second module and text binding given, its
/// experimental flag and service binding reported as not given, and an export that is not a
/// test left out.
#[test]
fn the_runner_reports_each_outcome() {
    let context = TestContext::new();
    let path = suite_directory().join("runner-check/check-test.js");
    let outcome = run_file(&context, &path, "check");
    let tests: Vec<(&str, &str)> =
        outcome.tests.iter().map(|(test, result)| (test.as_str(), result.as_str())).collect();
    assert_eq!(
        tests,
        [
            ("hangs", "fail: The entrypoint's promise never settled, and nothing is left that could settle it"),
            ("passes", "pass"),
            ("readsTheConfig", "pass"),
            ("throws", "fail: TypeError: expected failure / second line (worker:11:11)"),
            (
                "zHangsAfterOthers",
                "fail: The entrypoint's promise never settled, and nothing is left that could settle it"
            ),
        ]
    );
    assert_eq!(outcome.flags, ["nodejs_compat"]);
    assert_eq!(outcome.flags_refused, ["experimental"]);
    assert_eq!(outcome.not_given, ["binding `SERVICE` (service)"]);
    // Refused for the flag; stopped by `hangs`; stopped by `zHangsAfterOthers` after others;
    // stopped by it alone.
    assert_eq!(outcome.runs, 4);
}
