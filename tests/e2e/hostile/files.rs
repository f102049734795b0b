//! Hostile cases: files outside the project. Code being bundled, and the project around it,
//! may be as untrusted as the code that runs: no import, `require`, wrangler `main`,
//! `package.json` or `tsconfig.json` field, symbolic link or module map may make `sandbox`
//! read a file outside the project's directory, the `node_modules` directories above it and
//! the cache's layouts. Each case puts a secret in a file outside and checks that it never
//! reaches the output, that the run stops with exit code 4 naming the refused path (or, for a
//! module map, which reads no file at all, fails to load), and that nothing grew.

use std::path::{Path, PathBuf};

use crate::support::TestContext;
use crate::support::measure::{MEBIBYTE, Measured, measure, rss_bound};

/// What every file outside holds; no output may ever show it.
const SECRET: &str = "SECRET-9f1c2e-outside-the-project";

/// The memory limit every case runs with: none of them gets as far as running code.
const MEMORY: &str = "32MB";

/// A project in `app/` of the test's directory, and a directory `outside/` beside it with a
/// module, a JSON file, a text file and a package that all hold the secret.
struct Layout {
    context: TestContext,
}

impl Layout {
    fn new() -> Layout {
        let context = TestContext::new();
        let module = format!("export default \"{SECRET}\";\n");
        context.write("outside/secret.js", &module);
        context.write("outside/secret.cjs", format!("module.exports = \"{SECRET}\";\n"));
        context.write("outside/secret.json", format!("{{\"secret\": \"{SECRET}\"}}\n"));
        context.write("outside/secret.txt", format!("{SECRET}\n"));
        context.write("outside/tsconfig.json", format!("{{\"compilerOptions\": {{\"jsxFactory\": \"{SECRET}\"}}}}\n"));
        context.write("outside/node_modules/evil/index.js", &module);
        context.write("outside/node_modules/evil/package.json", "{\"name\": \"evil\", \"main\": \"index.js\"}\n");
        context.write("outside/pkg/index.js", &module);
        context.write("outside/pkg/package.json", "{\"name\": \"pkg\", \"main\": \"index.js\"}\n");
        context.write("app/package.json", "{\"name\": \"app\"}\n");
        Layout { context }
    }

    fn outside(&self, name: &str) -> PathBuf {
        self.context.temp.path().join("outside").join(name)
    }

    fn app(&self, name: &str) -> PathBuf {
        self.context.temp.path().join("app").join(name)
    }

    fn write(&self, name: &str, contents: &str) {
        self.context.write(&format!("app/{name}"), contents);
    }

    fn link(&self, name: &str, target: &Path) {
        let link = self.app(name);
        std::fs::create_dir_all(link.parent().expect("a parent")).expect("create the link's directory");
        std::os::unix::fs::symlink(target, &link).expect("create a symbolic link");
    }

    /// `sandbox run app` (or `sandbox bundle app` with `bundle`), measured.
    fn run(&self, bundle: bool) -> Measured {
        let mut command =
            if bundle { self.context.bundle(&["app"]) } else { self.context.run(&["app", "--memory", MEMORY]) };
        measure(&mut command, None)
    }
}

/// How a refused file outside is named: itself, or for a package's file the package (the
/// first file of it the resolver would read may be its `package.json`).
fn shown(target: &str) -> String {
    if target.starts_with("node_modules/evil/") {
        "outside/node_modules/evil/".to_owned()
    } else {
        format!("outside/{target}")
    }
}

/// Asserts a refused bundle: exit code 4, the secret nowhere, `refused` (the path outside, as
/// shown) and the rule named, and the process small.
#[track_caller]
fn assert_refused(measured: &Measured, refused: &str) {
    measured.assert_exit(4);
    measured.assert_absent(SECRET);
    let stderr = measured.stderr();
    assert!(stderr.contains(refused), "the refused path `{refused}` is named\n{}", measured.describe());
    assert!(stderr.contains("outside the project"), "the rule is named\n{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// `import` of a file above the project, by a relative path that climbs out of it.
#[test]
fn relative_import_out_of_the_project() {
    let layout = Layout::new();
    for target in ["secret.js", "node_modules/evil/index.js"] {
        layout
            .write("index.js", &format!("import secret from \"../outside/{target}\";\nexport default () => secret;\n"));
        assert_refused(&layout.run(false), &shown(target));
        assert_refused(&layout.run(true), &shown(target));
    }
}

/// `import` of a file by its absolute path, also one with a `node_modules` in it, which the
/// bundler once took for an installed package wherever it was.
#[test]
fn absolute_import_out_of_the_project() {
    let layout = Layout::new();
    for target in ["secret.js", "node_modules/evil/index.js"] {
        let path = layout.outside(target);
        layout.write(
            "index.js",
            &format!("import secret from {:?};\nexport default () => secret;\n", path.display().to_string()),
        );
        assert_refused(&layout.run(false), &shown(target));
    }
}

/// A `file:` URL is an absolute path too.
#[test]
fn file_url_import_out_of_the_project() {
    let layout = Layout::new();
    for target in ["secret.js", "node_modules/evil/index.js"] {
        let url = format!("file://{}", layout.outside(target).display());
        layout.write("index.js", &format!("import secret from {url:?};\nexport default () => secret;\n"));
        assert_refused(&layout.run(false), &shown(target));
    }
}

/// `require` in CommonJS, and imports of JSON and text, are held to the same rule.
#[test]
fn require_and_data_imports_out_of_the_project() {
    let layout = Layout::new();
    layout.write("package.json", "{\"name\": \"app\", \"main\": \"index.cjs\"}\n");
    for target in ["secret.cjs", "node_modules/evil/index.js"] {
        layout.write("index.cjs", &format!("module.exports = () => require(\"../outside/{target}\");\n"));
        assert_refused(&layout.run(false), &shown(target));
    }
    layout.write("package.json", "{\"name\": \"app\"}\n");
    std::fs::remove_file(layout.app("index.cjs")).expect("remove index.cjs");
    for target in ["secret.json", "secret.txt"] {
        layout
            .write("index.js", &format!("import secret from \"../outside/{target}\";\nexport default () => secret;\n"));
        assert_refused(&layout.run(false), &shown(target));
    }
}

/// `node_modules` as a symbolic link to the root of the file system, or to a directory
/// elsewhere: packages are found through it, but their files are outside.
#[test]
fn node_modules_linked_out_of_the_project() {
    let layout = Layout::new();
    layout.link("node_modules", Path::new("/"));
    let below_root = layout.outside("secret.js");
    let below_root = below_root.strip_prefix("/").expect("an absolute path");
    layout.write(
        "index.js",
        &format!("import secret from {:?};\nexport default () => secret;\n", below_root.display().to_string()),
    );
    assert_refused(&layout.run(false), "outside/secret.js");

    let layout = Layout::new();
    layout.link("node_modules", &layout.outside("node_modules"));
    layout.write("index.js", "import secret from \"evil\";\nexport default () => secret;\n");
    assert_refused(&layout.run(false), "outside/node_modules/evil");
}

/// A package in the project's `node_modules` that is a symbolic link to elsewhere (as
/// `npm link` makes them).
#[test]
fn package_linked_out_of_the_project() {
    for target in ["pkg", "node_modules/evil"] {
        let layout = Layout::new();
        layout.link("node_modules/pkg", &layout.outside(target));
        layout.write("index.js", "import secret from \"pkg\";\nexport default () => secret;\n");
        assert_refused(&layout.run(false), &shown(target));
    }
}

/// A package whose `package.json` `main` or `exports` leads out of `node_modules`.
#[test]
fn package_entry_out_of_the_project() {
    let layout = Layout::new();
    layout.write("index.js", "import secret from \"pkg\";\nexport default () => secret;\n");
    for target in ["secret.js", "node_modules/evil/index.js"] {
        layout.write(
            "node_modules/pkg/package.json",
            &format!("{{\"name\": \"pkg\", \"main\": \"../../../outside/{target}\"}}\n"),
        );
        assert_refused(&layout.run(false), &shown(target));
    }

    layout.write(
        "node_modules/pkg/package.json",
        "{\"name\": \"pkg\", \"exports\": {\".\": \"./../../../outside/secret.js\"}}\n",
    );
    let measured = layout.run(false);
    // The resolver refuses the target itself: `exports` may not climb out of the package.
    measured.assert_exit(4);
    measured.assert_absent(SECRET);
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// `paths` in `tsconfig.json` that map a name out of the project.
#[test]
fn tsconfig_paths_out_of_the_project() {
    let layout = Layout::new();
    layout.write("index.ts", "import secret from \"secret\";\nexport default () => secret;\n");
    for target in ["secret.js", "node_modules/evil/index.js"] {
        layout.write(
            "tsconfig.json",
            &format!("{{\"compilerOptions\": {{\"paths\": {{\"secret\": [\"../outside/{target}\"]}}}}}}\n"),
        );
        assert_refused(&layout.run(false), &shown(target));
    }
}

/// `extends` in `tsconfig.json` of a file outside, by absolute and by relative path: it is
/// not read (its options would change how the code compiles, and its text could show in an
/// error).
#[test]
fn tsconfig_extends_out_of_the_project() {
    let layout = Layout::new();
    let absolute = layout.outside("tsconfig.json");
    for extends in [absolute.display().to_string(), "../outside/tsconfig.json".to_owned()] {
        layout.write("tsconfig.json", &format!("{{\"extends\": {extends:?}}}\n"));
        layout.write("index.tsx", "export default () => <b>hi</b>;\n");
        assert_refused(&layout.run(false), "outside/tsconfig.json");
    }
    // A `tsconfig.json` that is itself a link out.
    std::fs::remove_file(layout.app("tsconfig.json")).expect("remove tsconfig.json");
    layout.link("tsconfig.json", &layout.outside("tsconfig.json"));
    assert_refused(&layout.run(false), "outside/tsconfig.json");
}

/// `main` in a wrangler config, or in the project's `package.json`, naming a file outside:
/// refused before anything there is read, with the field's position.
#[test]
fn configured_entry_out_of_the_project() {
    let layout = Layout::new();
    let absolute = layout.outside("node_modules/evil/index.js").display().to_string();
    for main in [absolute.as_str(), "../outside/secret.js"] {
        layout.write("wrangler.json", &format!("{{\"main\": {main:?}}}\n"));
        let measured = layout.run(false);
        assert_refused(&measured, "outside/");
        assert!(measured.stderr().contains("--> app/wrangler.json:1:10"), "{}", measured.describe());
    }
    std::fs::remove_file(layout.app("wrangler.json")).expect("remove wrangler.json");
    layout.write("package.json", "{\"name\": \"app\", \"main\": \"../outside/secret.js\"}\n");
    assert_refused(&layout.run(false), "outside/secret.js");
    assert_refused(&layout.run(true), "outside/secret.js");
}

/// A wrangler config or `package.json` that is a symbolic link to a file outside: it is not
/// read, so its text cannot show in a parse error.
#[test]
fn config_file_linked_out_of_the_project() {
    let layout = Layout::new();
    layout.write("index.js", "export default () => 1;\n");
    layout.link("wrangler.toml", &layout.outside("secret.txt"));
    assert_refused(&layout.run(false), "outside/secret.txt");
    std::fs::remove_file(layout.app("wrangler.toml")).expect("remove wrangler.toml");
    std::fs::remove_file(layout.app("package.json")).expect("remove package.json");
    layout.link("package.json", &layout.outside("secret.txt"));
    assert_refused(&layout.run(false), "outside/secret.txt");
}

/// A `node_modules` beside the project (not above it) is not one Node would search, so a
/// path into it is refused like any other; one above the project is found, as Node finds
/// it (npm workspaces hoist packages there).
#[test]
fn only_node_modules_above_the_project() {
    let layout = Layout::new();
    layout.write(
        "index.js",
        "import secret from \"../outside/node_modules/evil/index.js\";\nexport default () => secret;\n",
    );
    assert_refused(&layout.run(false), "outside/node_modules/evil/index.js");

    let context = TestContext::new();
    context.write("node_modules/hoisted/index.js", "export default \"from above\";\n");
    context.write("node_modules/hoisted/package.json", "{\"name\": \"hoisted\", \"main\": \"index.js\"}\n");
    context.write("packages/app/package.json", "{\"name\": \"app\"}\n");
    context.write("packages/app/index.js", "import value from \"hoisted\";\nexport default () => value;\n");
    let measured = measure(&mut context.run(&["packages/app", "--memory", MEMORY]), None);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "from above\n");
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// A module map names modules, not files: `sandbox run map.json` reads no file, so a module
/// named by a path outside is just a name, and an import of a path that is not in the map
/// fails to load.
#[test]
fn module_map_reads_no_files() {
    let layout = Layout::new();
    let path = layout.outside("secret.js").display().to_string();
    let map = serde_json::json!({
        "mainModule": "main.js",
        "modules": {
            "main.js": format!("import secret from {path:?};\nexport default () => secret;\n"),
        }
    });
    layout.write("map.json", &map.to_string());
    let measured = measure(&mut layout.context.run(&["app/map.json", "--memory", MEMORY]), None);
    measured.assert_exit(1);
    measured.assert_absent(SECRET);
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// Agent code on stdin is not a project: an import of a file by its path is left to the
/// runtime, which has no file system, so it fails to load and nothing is read.
#[test]
fn stdin_reads_no_files() {
    let layout = Layout::new();
    let code = format!(
        "import secret from {:?};\nexport default () => secret;\n",
        layout.outside("secret.js").display().to_string()
    );
    let measured = measure(&mut layout.context.run(&["-", "--memory", MEMORY]), Some(code.as_bytes()));
    measured.assert_exit(1);
    measured.assert_absent(SECRET);
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}
