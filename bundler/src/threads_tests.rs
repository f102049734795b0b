//! Bundling on a thread pool (`project/graph.rs`) gives the map bundling file after file gives,
//! byte for byte, whatever the number of threads and their timing; and what fails, fails
//! with the same diagnostic.

use std::path::{Path, PathBuf};

use crate::project::graph::{IN_TURN, POOL_AFTER, SEQUENTIAL_FILES_IN_TESTS};
use crate::{Bundle, BundleError, BundleOptions, Mode, bundle};

/// The projects to bundle: the bench's (those whose packages are installed, as `bench/bundle`
/// does) and the bundler's test fixtures, the failing ones too.
pub(crate) fn projects() -> Vec<PathBuf> {
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = crate_root.join("../bench/fixtures");
    let mut projects = vec![bench.join("ts-50"), crate_root.join("tests/fixtures/typescript_project")];
    for (fixture, installed) in [("hono-zod", "hono"), ("s3-presign", "@aws-sdk/client-s3")] {
        if bench.join(fixture).join("node_modules").join(installed).is_dir() {
            projects.push(bench.join(fixture));
        }
    }
    for directory in ["tests/fixtures", "tests/fixtures/errors"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(crate_root.join(directory))
            .expect("the fixtures are there")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.is_dir() && !path.ends_with("errors"))
            .collect();
        found.sort();
        projects.extend(found);
    }
    projects
}

/// Everything a bundle says, as text, to compare.
pub(crate) fn described(bundled: &Result<Bundle, BundleError>) -> String {
    match bundled {
        Ok(bundled) => format!(
            "{}\n{:?}\n{:?} {:?} {} {} {:?} {:?}",
            bundled.module_map.to_json(),
            bundled.origins,
            bundled.packages,
            bundled.node_builtins,
            bundled.files,
            bundled.package_files,
            bundled.mode,
            bundled.fallback,
        ),
        Err(error) => format!("error: {error}\n{:?}", error.diagnostic()),
    }
}

#[test]
fn the_map_is_the_same_whatever_the_threads() {
    let mut parallel_scans = 0;
    for project in projects() {
        // The 601 modules of the AWS SDK take seconds each in a debug build: bundle mode once.
        let large = project.ends_with("s3-presign");
        let modes: &[(Mode, bool, bool)] = if large {
            &[(Mode::Bundle, true, false)]
        } else {
            &[
                (Mode::Bundle, true, false),
                (Mode::Bundle, false, true),
                (Mode::Transform, true, false),
                (Mode::Transform, false, true),
            ]
        };
        let thread_counts: &[usize] = if large { &[2] } else { &[2, 3, 8, 2] };
        for &(mode, source_maps, minify) in modes {
            let options = |threads| BundleOptions {
                cwd: Some(project.clone()),
                mode,
                source_maps,
                minify,
                threads: Some(threads),
                ..BundleOptions::default()
            };
            let in_turn = bundle(&options(1), &project);
            let expected = described(&in_turn);
            // The code is the same without the source map that only stack traces need.
            if let Ok(with_maps) = &in_turn
                && !source_maps
            {
                let without = bundle(&BundleOptions { skip_origin_maps: true, ..options(1) }, &project)
                    .expect("it bundled with the maps");
                assert_eq!(without.module_map, with_maps.module_map, "{}", project.display());
                // Transform mode places each import in code written without a map as well.
                if mode == Mode::Transform {
                    let written = |skip_origin_maps| {
                        bundle(&BundleOptions { skip_origin_maps, minify: false, ..options(1) }, &project)
                            .map(|bundle| bundle.module_map)
                            .map_err(|error| error.to_string())
                    };
                    assert_eq!(written(true), written(false), "{}", project.display());
                }
            }
            for &threads in thread_counts {
                let again = IN_TURN.with(|count| count.get());
                let actual = described(&bundle(&options(threads), &project));
                assert!(
                    actual == expected,
                    "{} ({mode:?}, {threads} threads) differs from one thread:\n{actual}\n---\n{expected}",
                    project.display()
                );
                // A project that bundles did so on the pool to the end.
                if in_turn.is_ok() {
                    assert_eq!(
                        IN_TURN.with(|count| count.get()),
                        again,
                        "{} went on file after file",
                        project.display()
                    );
                    parallel_scans += 1;
                }
            }
        }
    }
    assert!(parallel_scans > 50, "only {parallel_scans} bundles on the pool");
}

/// A project in a directory of its own under the system's temporary directory, removed after.
pub(crate) struct TemporaryProject(pub(crate) PathBuf);

impl TemporaryProject {
    pub(crate) fn new(name: &str, files: &[(String, String)]) -> TemporaryProject {
        let directory = std::env::temp_dir().join(format!("bundler-threads-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        for (path, text) in files {
            let path = directory.join(path);
            std::fs::create_dir_all(path.parent().expect("a file in a directory")).expect("a temporary directory");
            std::fs::write(path, text).expect("a temporary file");
        }
        TemporaryProject(directory.canonicalize().expect("the directory was made"))
    }
}

impl Drop for TemporaryProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `count` modules, each `module(index)`, imported by `index.js`.
fn modules(count: usize, module: impl Fn(usize) -> String) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = (0..count).map(|index| (format!("m{index}.js"), module(index))).collect();
    let imports: String = (0..count).map(|index| format!("import {{ f{index} }} from \"./m{index}.js\";\n")).collect();
    let calls: Vec<String> = (0..count).map(|index| format!("f{index}")).collect();
    files.push(("index.js".to_owned(), format!("{imports}export default () => [{}];\n", calls.join(", "))));
    files
}

/// Bundles `project` with 1 thread and then with 2 and 8, and says what one thread gave, and
/// how many of the scans on the pool went on file after file.
fn same_whatever_the_threads(project: &Path, max_source_size: Option<u64>) -> (Result<Bundle, BundleError>, usize) {
    let options = |threads| BundleOptions {
        cwd: Some(project.to_path_buf()),
        max_source_size,
        threads: Some(threads),
        ..BundleOptions::default()
    };
    let in_turn = bundle(&options(1), project);
    let before = IN_TURN.with(|count| count.get());
    for threads in [2, 8] {
        assert_eq!(described(&bundle(&options(threads), project)), described(&in_turn), "{threads} threads");
    }
    (in_turn, IN_TURN.with(|count| count.get()) - before)
}

/// Files that together read more than `max_source_size`, each within it: the threads read
/// ahead, and the file that goes over is the one file after file names.
#[test]
fn the_source_limit_is_the_same_whatever_the_threads() {
    let padding = "// padding\n".repeat(300);
    let files = modules(12, |index| format!("{padding}export const f{index} = () => {index};\n"));
    let project = TemporaryProject::new("source", &files);
    let (bundled, in_turn) = same_whatever_the_threads(&project.0, Some(20_000));
    let error = bundled.expect_err("over the limit");
    assert!(error.to_string().contains("would take the source of the bundle to"), "{error}");
    assert_eq!(in_turn, 2, "the reservations stopped the threads");
}

/// The same with the first files read on the calling thread and the rest on the pool, as
/// a graph larger than `SEQUENTIAL_FILES` is read.
#[test]
fn the_source_limit_is_the_same_when_the_pool_takes_over() {
    let padding = "// padding\n".repeat(300);
    let files = modules(12, |index| format!("{padding}export const f{index} = () => {index};\n"));
    let project = TemporaryProject::new("source-takeover", &files);
    SEQUENTIAL_FILES_IN_TESTS.with(|files| files.set(4));
    let (bundled, _) = same_whatever_the_threads(&project.0, Some(20_000));
    let within = modules(12, |index| format!("export const f{index} = () => {index};\n"));
    let within = TemporaryProject::new("takeover", &within);
    let (all, _) = same_whatever_the_threads(&within.0, None);
    SEQUENTIAL_FILES_IN_TESTS.with(|files| files.set(1));
    let error = bundled.expect_err("over the limit");
    assert!(error.to_string().contains("would take the source of the bundle to"), "{error}");
    all.expect("within the limit");
}

/// Files whose names sit in nested scopes, each within what `depth::Scopes` allows a file,
/// together past what it allows the bundle: the file that goes over is the one file after
/// file names.
#[test]
fn the_scope_limit_is_the_same_whatever_the_threads() {
    let nested = |depth: usize| format!("{}a", "(a, b, c, d, e, f, g, h) => ".repeat(depth));
    let files = modules(8, |index| format!("export const f{index} = {};\n", nested(200)));
    let project = TemporaryProject::new("scopes", &files);
    let (bundled, in_turn) = same_whatever_the_threads(&project.0, None);
    let error = bundled.expect_err("over the limit");
    assert!(error.to_string().contains("nests functions and blocks too deeply"), "{error}");
    assert_eq!(in_turn, 2, "the reservations stopped the threads");
    // Fewer of them bundle, on the pool to the end.
    let files = modules(2, |index| format!("export const f{index} = {};\n", nested(200)));
    let project = TemporaryProject::new("scopes-fewer", &files);
    let (bundled, in_turn) = same_whatever_the_threads(&project.0, None);
    bundled.expect("within the limit");
    assert_eq!(in_turn, 0);
}

/// A graph whose entry imports more files than `WAITING_FILES` goes to the pool after the
/// entry, without reading `SEQUENTIAL_FILES` first; a graph that is a chain, each file
/// importing the next, is read on the calling thread up to `SEQUENTIAL_FILES`. The map is the
/// same either way.
#[test]
fn a_wide_graph_goes_to_the_pool_at_once() {
    let bundled_after = |project: &Path| {
        POOL_AFTER.with(|after| after.set(None));
        let options = BundleOptions { cwd: Some(project.to_path_buf()), threads: Some(2), ..BundleOptions::default() };
        let bundled = bundle(&options, project);
        let in_turn = bundle(&BundleOptions { threads: Some(1), ..options }, project);
        assert_eq!(described(&bundled), described(&in_turn));
        bundled.expect("it bundles");
        POOL_AFTER.with(std::cell::Cell::get)
    };
    SEQUENTIAL_FILES_IN_TESTS.with(|files| files.set(64));
    let wide = TemporaryProject::new("wide", &modules(40, |index| format!("export const f{index} = () => {index};\n")));
    let wide_after = bundled_after(&wide.0);
    let mut chain: Vec<(String, String)> = (0..40)
        .map(|index| {
            let next = if index < 39 {
                format!("import {{ f{} }} from \"./m{}.js\";\n", index + 1, index + 1)
            } else {
                String::new()
            };
            (format!("m{index}.js"), format!("{next}export const f{index} = () => {index};\n"))
        })
        .collect();
    chain.push(("index.js".to_owned(), "import { f0 } from \"./m0.js\";\nexport default f0;\n".to_owned()));
    let chain = TemporaryProject::new("chain", &chain);
    let chain_after = bundled_after(&chain.0);
    SEQUENTIAL_FILES_IN_TESTS.with(|files| files.set(1));
    assert_eq!(wide_after, Some(1), "40 files waiting after the entry");
    assert_eq!(chain_after, None, "41 files in a chain, all read on the calling thread");
}
