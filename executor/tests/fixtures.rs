//! Each folder under `tests/fixtures/` is a module map: every file in it is a module, named
//! by its path in the folder, with its kind taken from the extension. `main.js` is the main
//! module. An optional `invocation.json` sets `entrypoint`, `method`, `args`, `env` and
//! `allow_eval`. The run's logs and result (or error) are snapshotted; a folder whose name
//! starts with `.` is skipped.

use std::path::Path;

use executor::{CollectConsole, Invocation, ModuleKind, ModuleSource, Options, RunError, Sandbox};

fn kind_of(path: &Path) -> ModuleKind {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("cjs") => ModuleKind::CommonJs,
        Some("txt") => ModuleKind::Text,
        Some("json") => ModuleKind::Json,
        Some("bin") => ModuleKind::Data,
        Some("wasm") => ModuleKind::Wasm,
        _ => ModuleKind::EsModule,
    }
}

fn files(root: &Path, directory: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(directory).expect("read fixture").flatten().collect();
    entries.sort_by_key(|entry| entry.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files(root, &path, out);
        } else if path.file_name().is_some_and(|name| name != "invocation.json") {
            let name = path.strip_prefix(root).expect("inside root").to_string_lossy().replace('\\', "/");
            out.push((name, std::fs::read(&path).expect("read module")));
        }
    }
}

/// Runs the fixture folder and renders what happened as text.
fn run_fixture(directory: &Path) -> String {
    let mut sources = Vec::new();
    files(directory, directory, &mut sources);
    let modules: Vec<ModuleSource<'_>> = sources
        .iter()
        .map(|(name, code)| ModuleSource { specifier: name, kind: kind_of(Path::new(name)), code })
        .collect();
    let settings: serde_json::Value = std::fs::read_to_string(directory.join("invocation.json"))
        .map(|text| serde_json::from_str(&text).expect("invocation.json is JSON"))
        .unwrap_or_default();
    let args: Vec<String> =
        settings["args"].as_array().map(|args| args.iter().map(|arg| arg.to_string()).collect()).unwrap_or_default();
    let invocation = Invocation {
        entrypoint: settings["entrypoint"].as_str(),
        method: settings["method"].as_str(),
        args: &args,
        request: None,
    };
    let env = settings["env"]
        .as_object()
        .map(|env| {
            env.iter().map(|(key, value)| (key.clone(), value.as_str().unwrap_or_default().to_owned())).collect()
        })
        .unwrap_or_default();
    let options = Options { allow_eval: settings["allow_eval"].as_bool().unwrap_or(false), env, ..Options::default() };
    let console = CollectConsole::default();
    let messages = console.messages.clone();
    let outcome = Sandbox::new(options).run("main.js", &modules, &invocation, Box::new(console));

    let mut rendered = String::new();
    for (level, message) in messages.borrow().iter() {
        rendered.push_str(&format!("{level:?}: {message}\n"));
    }
    match outcome.result {
        Ok(Some(json)) => rendered.push_str(&format!("result: {}\n", json.get())),
        Ok(None) => rendered.push_str("result: undefined\n"),
        Err(RunError::Exception(exception)) => {
            rendered.push_str(&format!("error ({:?}): {}\n", exception.kind, exception.headline()));
            for frame in &exception.frames {
                let function = frame.function.as_deref().unwrap_or("<anonymous>");
                rendered.push_str(&format!("    at {function} ({}:{}:{})\n", frame.file, frame.line, frame.column));
            }
        }
        Err(error) => rendered.push_str(&format!("error: {error}\n  {error:?}\n")),
    }
    rendered
}

/// Every fixture's logs and result match its snapshot.
#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let rendered = run_fixture(&root.join(&name));
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("fixture", rendered);
        });
    }
}
