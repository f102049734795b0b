//! The depth limits (`depth.rs`) measured against the whole pipeline: code nested as deep as
//! the limits allow parses and bundles within the stack, and one level more is a diagnostic.
//! These tests parse and bundle, so they sit above every stage rather than in `depth.rs`,
//! which the stages use.

use std::path::Path;

use swc_core::common::GLOBALS;
use swc_core::common::input::SourceFileInput;
use swc_core::ecma::ast::EsVersion;
use swc_core::ecma::parser::{Lexer, Parser};

use crate::depth::*;
use crate::language::Language;
use crate::source::compilation::Compilation;

/// What parsing some code took.
struct Measured {
    /// The most [`Nesting`] counted.
    nesting: u32,
    /// The most stack the parser used.
    stack: usize,
    /// The syntax tree's depth, names in nested scopes and scopes, when it parsed.
    tree: Option<(u32, u64, u64)>,
    /// Why the parser was stopped.
    stopped: Option<TooDeep>,
    /// The most levels of [`Nesting`] held at once (see [`Levels`]).
    levels: usize,
}

/// Parses `text` as `language` and measures it.
fn measure(text: &str, language: Language) -> Measured {
    with_stack(|| {
        GLOBALS.set(&Default::default(), || {
            let compilation = Compilation::new("measured", text, language);
            let watch = Watch::new();
            let lexer = Lexer::new(
                crate::source::parse::syntax(language),
                EsVersion::EsNext,
                SourceFileInput::from(&*compilation.source_file),
                None,
            );
            let mut parser = Parser::new_from(Guarded::new(lexer, watch.clone()));
            let module = parser.parse_module();
            let tree = module.ok().map(|module| measure_tree(&module));
            let (nesting, stack) = watch.most();
            let levels = watch.most_levels();
            Measured { nesting, stack, tree, stopped: watch.stopped().map(|(_, why)| why), levels }
        })
    })
}

/// Code nested `count` times, by kind, as a module (`.tsx` for types and JSX).
fn nested(kind: &str, count: usize) -> String {
    let repeat = |text: &str| text.repeat(count);
    match kind {
        "parentheses" => format!("export default () => {}1{};\n", repeat("("), repeat(")")),
        "sum" => format!("export default () => {};\n", vec!["1"; count].join("+")),
        "arrays" => format!("export default () => {}{};\n", repeat("["), repeat("]")),
        "objects" => format!("export default () => ({}1{});\n", repeat("{a:"), repeat("}")),
        "types" => format!("type T = {}string{};\nexport default () => 1;\n", repeat("Array<"), repeat(">")),
        "object types" => format!("type T = {}string{};\nexport default () => 1;\n", repeat("{a:"), repeat("}")),
        "jsx" => format!("export default () => {}{};\n", repeat("<a>"), repeat("</a>")),
        "members" => format!("export default (a) => a{};\n", repeat(".b")),
        "templates" => format!("export default () => {}1{};\n", repeat("`${"), repeat("}`")),
        "else-if" => format!("export default (a) => {{ if (a) {{}}{} }};\n", repeat(" else if (a) {}")),
        "blocks" => format!("export default () => {{ {}{} }};\n", repeat("{ "), repeat("} ")),
        "functions" => format!("export default {}1{};\n", repeat("function () { return "), repeat(" }")),
        "classes" => format!("export default {}1{};\n", repeat("class { m() { return "), repeat(" } }")),
        other => unreachable!("no kind {other}"),
    }
}

/// Whether `text` parses within the limits.
fn accepted(text: &str) -> bool {
    let measured = measure(text, Language::Tsx);
    let allowed = Scopes::allowed(text.len() as u64);
    let within = measured
        .tree
        .is_some_and(|(depth, names, scopes)| depth <= MAX_DEPTH && names <= allowed.names && scopes <= allowed.scopes);
    measured.stopped.is_none() && within
}

/// The most times `kind` nests within the limits.
fn deepest_accepted(kind: &str) -> usize {
    let (mut low, mut high) = (1, MAX_DEPTH as usize + 1);
    assert!(accepted(&nested(kind, low)) && !accepted(&nested(kind, high)), "{kind}");
    while high - low > 1 {
        let middle = (low + high) / 2;
        if accepted(&nested(kind, middle)) {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

/// The stack is several times what the most stack-hungry code within the limits needs:
/// each kind of nesting, as deep as it is accepted, bundles in both modes with every
/// pass (minified), on a quarter of [`STACK_SIZE`] (and the parser within
/// [`PARSER_STACK`]); one level more is a diagnostic. Measured in the tests' debug build,
/// whose frames are the larger.
#[test]
fn the_stack_holds_four_times_the_deepest_code() {
    let directory = std::env::temp_dir().join(format!("bundler-depth-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("create a directory");
    for kind in [
        "parentheses",
        "sum",
        "arrays",
        "objects",
        "types",
        "object types",
        "jsx",
        "members",
        "templates",
        "else-if",
        "blocks",
        "functions",
        "classes",
    ] {
        let count = deepest_accepted(kind);
        let file = directory.join("deep.tsx");
        std::fs::write(&file, nested(kind, count)).expect("write the file");
        for mode in [crate::Mode::Bundle, crate::Mode::Transform] {
            let options = crate::BundleOptions {
                cwd: Some(directory.clone()),
                mode,
                minify: true,
                ..crate::BundleOptions::default()
            };
            let bundled = stacker::grow(STACK_SIZE / 4, || crate::bundle::bundle_here(&options, &file).map(|_| ()));
            assert!(bundled.is_ok(), "{kind} x {count}, {mode:?}: {bundled:?}");
        }
        if kind != "jsx" {
            // As `.ts` in transform mode, not minified: its types blanked out of the text
            // (`source/blank_types`), a walk of its own.
            let file = directory.join("deep.ts");
            std::fs::write(&file, nested(kind, count)).expect("write the file");
            let options = crate::BundleOptions {
                cwd: Some(directory.clone()),
                mode: crate::Mode::Transform,
                ..crate::BundleOptions::default()
            };
            let bundled = stacker::grow(STACK_SIZE / 4, || crate::bundle::bundle_here(&options, &file).map(|_| ()));
            assert!(bundled.is_ok(), "{kind} x {count}, .ts in transform mode: {bundled:?}");
            std::fs::remove_file(&file).expect("remove the file");
        }
        std::fs::write(&file, nested(kind, count + 1)).expect("write the file");
        let error = crate::bundle(&crate::BundleOptions::default(), &file).expect_err("one level more is too deep");
        let code = error.diagnostic().map(|located| located.diagnostic.code);
        assert_eq!(code, Some(crate::DiagnosticCode::NestedTooDeeply), "{kind} x {}", count + 1);
    }
    let _ = std::fs::remove_dir_all(&directory);
}

/// The levels [`Nesting`] keeps for its brackets are taken back as the brackets close: a file
/// of 4,000 lines, each with five brackets open at its deepest, holds a few levels at a time,
/// as JavaScript and as TypeScript (whose parser saves a checkpoint at each `<` it may read as
/// type arguments, and loads it when it may not), and nests no deeper for being long.
#[test]
fn levels_are_taken_back_as_brackets_close() {
    let lines = [
        "const a = f((b) => [b, { c: g<string>(b), d: h < i }]);\n",
        "if (a) { k(a < b, c > (d)); } else { ((e) => e)(1); }\n",
    ];
    for line in lines {
        let text = line.repeat(4_000);
        for language in [Language::Js, Language::Ts] {
            let measured = measure(&text, language);
            assert_eq!(measured.stopped, None, "{language:?}: {line}");
            assert!(measured.tree.is_some(), "{language:?} parses: {line}");
            assert!(measured.levels <= 16, "{language:?}: {} levels held for {line}", measured.levels);
            assert!(measured.nesting <= 16, "{language:?}: nesting {} for {line}", measured.nesting);
        }
    }
}

/// Not a test: prints, for every JavaScript and TypeScript file under `$DEPTH_SURVEY`, the
/// most [`Nesting`] counted, the parser's stack and the syntax tree's depth, the deepest
/// files last, to check the limits against real code. `DEPTH_SURVEY=~/project cargo test
/// -p bundler survey -- --ignored --nocapture`
#[test]
#[ignore = "reads the directory named by $DEPTH_SURVEY"]
#[allow(clippy::print_stdout, reason = "a survey prints what it found")]
fn survey() {
    let root = std::env::var("DEPTH_SURVEY").expect("set DEPTH_SURVEY to a directory");
    let mut files = Vec::new();
    let mut pending = vec![Path::new(&root).to_path_buf()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                pending.push(path);
            } else if let Some(language) = Language::from_path(&path) {
                files.push((path, language));
            }
        }
    }
    let mut results = Vec::new();
    let mut fewest_bytes_per_scope = Vec::new();
    for (path, language) in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let language = if *language == Language::Cjs { Language::Js } else { *language };
        let Measured { nesting, stack, tree, stopped, .. } = measure(&text, language);
        let (depth, names, scopes) = tree.unwrap_or_default();
        let names_per_byte = names as f64 / text.len().max(1) as f64;
        let bytes_per_scope = text.len() as f64 / scopes.max(1) as f64;
        if text.len() > 4096 {
            fewest_bytes_per_scope.push((bytes_per_scope, path.clone(), text.len()));
        }
        results.push((depth, nesting, stack, names_per_byte, stopped, path.clone(), text.len()));
    }
    results.sort_by_key(|result| (result.0, result.1));
    for (depth, nesting, stack, names, stopped, path, size) in &results {
        println!(
            "depth {depth:5} nesting {nesting:6} stack {:6} KiB names/byte {names:5.2} {stopped:?} {} ({size} bytes)",
            stack >> 10,
            path.display()
        );
    }
    results.sort_by(|a, b| a.3.total_cmp(&b.3));
    for (_, _, _, names, _, path, size) in results.iter().rev().take(15) {
        println!("names/byte {names:6.2} {} ({size} bytes)", path.display());
    }
    fewest_bytes_per_scope.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (bytes, path, size) in fewest_bytes_per_scope.iter().take(10) {
        println!("bytes/scope {bytes:6.1} {} ({size} bytes)", path.display());
    }
    println!("{} files", results.len());
}
