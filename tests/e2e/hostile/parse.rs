//! Hostile cases: input that is nested too deeply, or too large, for the bundler. Every
//! nesting below once overflowed the native stack (of swc's parser, or of a pass after it)
//! and aborted the process; now each is a syntax error with its position, whether in the
//! entry file, in a package in `node_modules` or on stdin, and code just under the limit
//! still bundles. `--max-source-size` bounds what one run reads, and so its memory.

use crate::support::TestContext;
use crate::support::measure::{FIXED_OVERHEAD, MEBIBYTE, Measured, measure};

/// The most a run that only parses and bundles may hold: the process, the stack the parser
/// may use (64 MiB in the tests' debug build, whose frames are several times a release
/// build's; 16 MiB in a release build), and the syntax trees of the small files these cases
/// give it.
const PARSE_BOUND: u64 = FIXED_OVERHEAD + 96 * MEBIBYTE;

/// The nesting limit (`bundler/src/depth.rs`), in levels of expressions, statements and types.
const MAX_DEPTH: usize = 2_000;

/// Deeply nested code, by kind: what each case nests, `count` times, as a module.
fn nested(kind: &str, count: usize) -> String {
    let repeat = |text: &str| text.repeat(count);
    match kind {
        "parentheses" => format!("export default () => {}1{};\n", repeat("("), repeat(")")),
        "sum" => format!("export default () => {};\n", vec!["1"; count].join("+")),
        "arrays" => format!("export default () => {}{};\n", repeat("["), repeat("]")),
        "objects" => format!("export default () => ({}1{});\n", repeat("{a:"), repeat("}")),
        "types" => format!("type T = {}string{};\nexport default () => 1;\n", repeat("Array<"), repeat(">")),
        "jsx" => format!("export default () => {}{};\n", repeat("<a>"), repeat("</a>")),
        "members" => format!("export default (a) => a{};\n", repeat(".b")),
        "templates" => format!("export default () => {}1{};\n", repeat("`${"), repeat("}`")),
        "else-if" => format!("export default (a) => {{ if (a) {{}}{} }};\n", repeat(" else if (a) {}")),
        "arrows" => format!("export default () => {}1;\n", repeat("x => ")),
        "ternaries" => format!("export default (a) => {}0;\n", repeat("a ? 1 : ")),
        "calls" => format!("export default (a) => a{};\n", repeat("()")),
        "blocks" => format!("export default () => {{ {}{} }};\n", repeat("{ "), repeat("} ")),
        "functions" => format!("export default {}1{};\n", repeat("function () { return "), repeat(" }")),
        other => unreachable!("no kind {other}"),
    }
}

/// Each kind, at a depth past the limit: the 5,000 parentheses and 20,000-term sum,
/// 10,000 arrays and objects, and as many of the rest.
const CASES: [(&str, usize); 14] = [
    ("parentheses", 5_000),
    ("sum", 20_000),
    ("arrays", 10_000),
    ("objects", 10_000),
    ("types", 10_000),
    ("jsx", 10_000),
    ("members", 50_000),
    ("templates", 10_000),
    ("else-if", 20_000),
    ("arrows", 10_000),
    ("ternaries", 20_000),
    ("calls", 50_000),
    ("blocks", 10_000),
    ("functions", 5_000),
];

/// Asserts `sandbox` stopped at nesting with `code`: a syntax error at a position in `file`,
/// no signal (the abort this was), no panic, and the process within [`PARSE_BOUND`].
#[track_caller]
fn assert_too_deep(measured: &Measured, code: i32, file: &str, kind: &str) {
    measured.assert_exit(code);
    let stderr = measured.stderr();
    assert!(
        stderr.contains("nested too deeply")
            || stderr.contains("nests functions and blocks too deeply")
            || stderr.contains("too many functions"),
        "{kind}: says the code is nested too deeply\n{}",
        measured.describe()
    );
    assert!(stderr.contains(&format!("--> {file}:")), "{kind}: points into {file}\n{}", measured.describe());
    assert!(stderr.contains("hint: split the deepest part"), "{kind}: says what to do\n{}", measured.describe());
    measured.assert_peak_rss_below(PARSE_BOUND);
}

/// Code nested too deeply in the file `sandbox run` is given fails to compile (exit code 1,
/// as any syntax error of the user's own code), with the file, line and column.
#[test]
fn too_deep_in_the_entry() {
    let context = TestContext::new();
    for (kind, count) in CASES {
        let file = if kind == "jsx" { "deep.tsx" } else { "deep.ts" };
        context.write(file, nested(kind, count));
        let measured = measure(&mut context.run(&[file, "--memory", "32MB"]), None);
        assert_too_deep(&measured, 1, file, kind);
    }
}

/// In a package in `node_modules`, the same is a broken dependency: exit code 4, naming the
/// package's file, in both bundle and transform mode.
#[test]
fn too_deep_in_a_dependency() {
    let context = TestContext::new();
    context.write("package.json", "{\"name\": \"app\", \"dependencies\": {\"deep\": \"1.0.0\"}}\n");
    context.write(
        "node_modules/deep/package.json",
        "{\"name\": \"deep\", \"version\": \"1.0.0\", \"main\": \"index.js\"}\n",
    );
    context.write("index.js", "import deep from \"deep\";\nexport default () => deep();\n");
    for (kind, count) in CASES.iter().filter(|(kind, _)| !["types", "jsx"].contains(kind)) {
        context.write("node_modules/deep/index.js", nested(kind, *count));
        for mode in [None, Some("--no-bundle")] {
            let mut command = context.bundle(&["."]);
            command.args(mode);
            let measured = measure(&mut command, None);
            assert_too_deep(&measured, 4, "node_modules/deep/index.js", kind);
        }
    }
}

/// Agent code on stdin is compiled on its own, with the same guard: exit code 1.
#[test]
fn too_deep_on_stdin() {
    let context = TestContext::new();
    for (kind, count) in CASES.iter().filter(|(kind, _)| *kind != "jsx") {
        let code = nested(kind, *count);
        let measured = measure(&mut context.run(&["-", "--memory", "32MB"]), Some(code.as_bytes()));
        assert_too_deep(&measured, 1, "<stdin>", kind);
    }
}

/// Just under the limit, code still bundles, in every mode; a sum that deep also runs.
#[test]
fn just_under_the_limit_bundles() {
    let context = TestContext::new();
    // `export default () => 1+…+1`: the export and the arrow take two levels besides the
    // sum's own, one for each term.
    context.write("sum.ts", nested("sum", MAX_DEPTH - 2));
    for mode in [&[][..], &["--no-bundle"], &["--minify"], &["--no-bundle", "--minify"]] {
        let measured = measure(context.bundle(&["sum.ts"]).args(mode), None);
        measured.assert_exit(0);
        measured.assert_peak_rss_below(PARSE_BOUND);
    }
    let measured = measure(&mut context.run(&["sum.ts", "--memory", "32MB"]), None);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), format!("{}\n", MAX_DEPTH - 2));
    measured.assert_peak_rss_below(PARSE_BOUND);
    // One more term is one level too many.
    context.write("sum.ts", nested("sum", MAX_DEPTH - 1));
    let measured = measure(&mut context.bundle(&["sum.ts"]), None);
    assert_too_deep(&measured, 1, "sum.ts", "sum");

    // Each parenthesis is a level, and the literal inside one more.
    context.write("parentheses.ts", nested("parentheses", MAX_DEPTH - 3));
    for mode in [&[][..], &["--no-bundle"], &["--minify"]] {
        let measured = measure(context.bundle(&["parentheses.ts"]).args(mode), None);
        measured.assert_exit(0);
        measured.assert_peak_rss_below(PARSE_BOUND);
    }
    context.write("parentheses.ts", nested("parentheses", MAX_DEPTH - 2));
    let measured = measure(&mut context.bundle(&["parentheses.ts"]), None);
    assert_too_deep(&measured, 1, "parentheses.ts", "parentheses");
}

/// Bundling holds at most this many bytes for each byte of source it reads, whatever the
/// code (the worst shape found: deeply nested arrays, whose syntax trees take about 150 bytes
/// for each byte of `[`, and whose code, one line each, is written out again; real code takes
/// about 25), beyond [`PARSE_BOUND`]. The README states this bound.
const BYTES_PER_SOURCE_BYTE: u64 = 300;

/// Code whose syntax tree is the largest for its size: arrays nested 1,900 deep, side by side,
/// `size` bytes in all.
fn nested_arrays(size: usize) -> String {
    let unit = format!("{}{},\n", "[".repeat(1_900), "]".repeat(1_900));
    let mut code = String::from("export default () => [\n");
    while code.len() + unit.len() + 4 < size {
        code.push_str(&unit);
    }
    code.push_str("];\n");
    code
}

/// With a small `--max-source-size`, the worst code that fits bundles within the bound per
/// byte, in both modes; one byte more is refused with the file and the limit named, and a hint
/// naming the flag.
#[test]
fn source_size_bounds_memory_at_a_small_limit() {
    let context = TestContext::new();
    let limit = MEBIBYTE;
    let code = nested_arrays(limit as usize);
    context.write("arrays.js", &code);
    for mode in [&[][..], &["--no-bundle"]] {
        let measured = measure(context.bundle(&["arrays.js", "--max-source-size", "1MB"]).args(mode), None);
        measured.assert_exit(0);
        measured.assert_peak_rss_below(BYTES_PER_SOURCE_BYTE * limit + PARSE_BOUND);
    }
    write_repeated(&context, "arrays.js", &code, " ", limit as usize + 1 - code.len());
    let measured = measure(&mut context.bundle(&["arrays.js", "--max-source-size", "1MB"]), None);
    measured.assert_exit(4);
    let stderr = measured.stderr();
    assert!(
        stderr.contains("`arrays.js` is 1.0 MiB, more than the 1.0 MiB of source one bundle may read"),
        "{}",
        measured.describe()
    );
    assert!(
        stderr.contains("hint: if the code needs more, raise the limit, e.g. `--max-source-size 2MB`"),
        "{}",
        measured.describe()
    );
    measured.assert_peak_rss_below(PARSE_BOUND);
}

/// Writes `times` copies of `chunk` to `name` in the test's directory, without holding them:
/// a child's peak resident set, as `wait4` reports it, counts what the test process held when
/// it started the child (Linux keeps the larger of the two at `exec`).
fn write_repeated(context: &TestContext, name: &str, head: &str, chunk: &str, times: usize) {
    use std::io::Write;
    let path = context.write(name, head);
    let mut file = std::fs::OpenOptions::new().append(true).open(path).expect("open the file");
    for _ in 0..times {
        file.write_all(chunk.as_bytes()).expect("write the file");
    }
}

/// At the default limit (32 MiB), a project whose files add up to more is refused at the file
/// that goes over, having read no more than the limit; a single file over it is not read at
/// all; and so is stdin past it (a usage error, exit code 2), read no further.
#[test]
fn source_size_is_bounded_by_default() {
    let context = TestContext::new();
    let chunk = "x".repeat(64 << 10);
    let mut imports = String::new();
    for index in 0..40 {
        write_repeated(&context, &format!("data/{index}.txt"), "", &chunk, 16);
        imports.push_str(&format!("import d{index} from \"./data/{index}.txt\";\n"));
    }
    context.write("many.js", format!("{imports}export default () => d0.length;\n"));
    let measured = measure(&mut context.bundle(&["many.js"]), None);
    measured.assert_exit(4);
    let stderr = measured.stderr();
    assert!(
        stderr.contains("would take the source of the bundle to 32.0 MiB, more than the 32.0 MiB one bundle may read"),
        "{}",
        measured.describe()
    );
    assert!(stderr.contains("--> many.js:32:"), "names the import that went over\n{}", measured.describe());
    assert!(stderr.contains("`--max-source-size 64MB`"), "{}", measured.describe());
    // What was read, as text, and once more as the prepared module at most.
    measured.assert_peak_rss_below(3 * 32 * MEBIBYTE + PARSE_BOUND);

    write_repeated(&context, "big.txt", "", &chunk, 33 * 16);
    context.write("big.js", "import big from \"./big.txt\";\nexport default () => big.length;\n");
    let measured = measure(&mut context.bundle(&["big.js"]), None);
    measured.assert_exit(4);
    assert!(
        measured.stderr().contains("`big.txt` (33.0 MiB) would take the source of the bundle to 33.0 MiB"),
        "{}",
        measured.describe()
    );
    measured.assert_peak_rss_below(PARSE_BOUND);

    // stdin from a file, through `sh`, which `exec`s sandbox: the test holds nothing of it.
    write_repeated(&context, "stdin.txt", "return 1;\n//", &chunk, 32 * 16);
    let run = context.run(&["-", "--memory", "32MB"]);
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg("exec \"$0\" \"$@\" < stdin.txt").arg(run.get_program()).args(run.get_args());
    shell.current_dir(context.temp.path()).env_clear();
    for (key, value) in run.get_envs() {
        if let Some(value) = value {
            shell.env(key, value);
        }
    }
    let measured = measure(&mut shell, None);
    measured.assert_exit(2);
    assert!(
        measured.stderr().contains("stdin is more than the 32MiB of source one run may read"),
        "{}",
        measured.describe()
    );
    measured.assert_peak_rss_below(32 * MEBIBYTE + PARSE_BOUND);
}

/// Bundling that would take minutes (swc's renamer is quadratic in same-named parameters of
/// sibling functions: this file takes over a minute in a debug build) stops at `sandbox run`'s
/// wall-clock limit, with exit code 3 and the limit named; swc cannot be interrupted, so the
/// process ends there.
#[test]
fn slow_bundling_stops_at_the_wall_clock_limit() {
    let context = TestContext::new();
    write_repeated(&context, "slow.js", "export default () => [", &format!("{:<17}", "x=>x,"), 60_000);
    std::fs::OpenOptions::new()
        .append(true)
        .open(context.temp.path().join("slow.js"))
        .and_then(|mut file| std::io::Write::write_all(&mut file, b"].length;\n"))
        .expect("finish the file");
    let measured = measure(&mut context.run(&["slow.js", "--timeout", "500ms", "--memory", "32MB"]), None);
    measured.assert_exit(3);
    assert!(
        measured
            .stderr()
            .contains("error: Bundling took longer than allowed: stopped at the wall-clock limit of 500ms"),
        "{}",
        measured.describe()
    );
    measured.assert_peak_rss_below(PARSE_BOUND);
}
