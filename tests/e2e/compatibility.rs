//! Compatibility dates and flags, as workerd reads them: every map `sandbox bundle` writes has
//! a date (the newest the runtime implements, which `--version` prints, unless one is given),
//! `--compatibility-date` and `--compatibility-flag` win over the module map's and the
//! wrangler config's, what workerd refuses is refused with a message naming the value, and
//! Node.js compatibility decides whether the Node.js globals exist.

use serde_json::{Value, json};

use crate::sandbox_snapshot;
use crate::support::{TestContext, output};

/// The date `sandbox --version` prints.
fn version_date(context: &TestContext) -> String {
    let printed = output(context.sandbox().arg("--version"), None);
    assert_eq!(printed.status.code(), Some(0));
    let text = String::from_utf8(printed.stdout).expect("the version is UTF-8");
    let date = regex::Regex::new(r"^sandbox \d+\.\d+\.\d+ \(compatibility date (\d{4}-\d{2}-\d{2})\)\n$")
        .expect("valid regex")
        .captures(&text)
        .unwrap_or_else(|| panic!("`sandbox --version` names the compatibility date: {text:?}"))[1]
        .to_owned();
    assert_eq!(date, executor::COMPATIBILITY_DATE);
    date
}

fn bundled_map(context: &TestContext, args: &[&str]) -> Value {
    let bundled = output(&mut context.bundle(args), None);
    assert_eq!(bundled.status.code(), Some(0), "{}", String::from_utf8_lossy(&bundled.stderr));
    serde_json::from_slice(&bundled.stdout).expect("the map is JSON")
}

/// A project without a wrangler config gets the newest date the runtime implements, the one
/// `--version` prints; regression test for issue 13 (the map had none, and Worker Loader
/// refused it).
#[test]
fn bundle_without_config_has_the_runtime_date() {
    let context = TestContext::new();
    context.write("index.js", "export default { run: () => 1 };\n");
    let date = version_date(&context);
    let map = bundled_map(&context, &[]);
    assert_eq!(map["compatibilityDate"], json!(date));
    assert_eq!(map.get("compatibilityFlags"), None);
    let map = bundled_map(&context, &["--compatibility-date", "2025-06-01"]);
    assert_eq!(map["compatibilityDate"], "2025-06-01");
}

/// `--compatibility-date` wins over the wrangler config's date and `--compatibility-flag`
/// replaces its flags, for `sandbox bundle` and for `sandbox run`.
#[test]
fn command_line_wins_over_the_config() {
    let context = TestContext::new();
    context.write("index.js", "const base = eval('20');\nexport default { run: () => base + 1 };\n");
    context.write(
        "wrangler.toml",
        "main = \"index.js\"\ncompatibility_date = \"2025-05-31\"\ncompatibility_flags = [\"nodejs_compat\"]\n",
    );
    let map = bundled_map(&context, &[]);
    assert_eq!(
        (&map["compatibilityDate"], &map["compatibilityFlags"]),
        (&json!("2025-05-31"), &json!(["nodejs_compat"]))
    );
    let map = bundled_map(&context, &["--compatibility-date", "2025-06-01", "--compatibility-flag", "url_standard"]);
    assert_eq!(
        (&map["compatibilityDate"], &map["compatibilityFlags"]),
        (&json!("2025-06-01"), &json!(["url_standard"]))
    );
    // The config's date (before 2025-06-01) refuses `eval` at the top level; the flag's allows it.
    let refused = output(&mut context.run(&["."]), None);
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stderr));
    let allowed = output(&mut context.run(&[".", "--compatibility-date", "2025-06-01", "--arg", "null"]), None);
    assert_eq!((allowed.status.code(), allowed.stdout.as_slice()), (Some(0), &b"21\n"[..]));
    let allowed = output(&mut context.run(&[".", "--compatibility-flag", "allow_eval_during_startup"]), None);
    assert_eq!((allowed.status.code(), allowed.stdout.as_slice()), (Some(0), &b"21\n"[..]));
}

/// A flag or date on the command line that workerd would refuse is a usage error naming it
/// and the fix (exit 2), before any work.
#[test]
fn command_line_values_are_checked() {
    let context = TestContext::new();
    context.write("index.js", "export default { run: () => 1 };\n");
    sandbox_snapshot!(context.bundle(&["--compatibility-flag", "nodejs_compt"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Invalid `--compatibility-flag nodejs_compt`: no such compatibility flag

    hint: did you mean `nodejs_compat`? The flags are workerd's: https://developers.cloudflare.com/workers/configuration/compatibility-flags/
    ");
    sandbox_snapshot!(context.run(&["index.js", "--compatibility-date", "2099-01-01"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--compatibility-date 2099-01-01` is newer than this runtime, whose newest date is 2026-11-17

    hint: use 2026-11-17 or an earlier date: the newest this version of sandbox implements (`sandbox --version`)
    ");
    sandbox_snapshot!(context.bundle(&["--compatibility-flag", "experimental"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Invalid `--compatibility-flag experimental`: the flag is experimental in workerd

    hint: leave it out: Worker Loader refuses experimental flags, and sandbox implements none
    ");
    sandbox_snapshot!(context.bundle(&["--compatibility-flag", "nodejs_compat", "--compatibility-flag", "no_nodejs_compat"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--compatibility-flag nodejs_compat` and `--compatibility-flag no_nodejs_compat` contradict each other

    hint: keep one of them: `nodejs_compat` turns the feature on, `no_nodejs_compat` off
    ");
    sandbox_snapshot!(context.run(&["index.js", "--compatibility-flag", "url_standard", "--compatibility-flag", "url_standard", "--json"]), @r#"
    exit code: 2
    ----- stdout -----
    {"ok":false,"result":null,"error":{"code":"usage","name":null,"message":"`--compatibility-flag url_standard` is given twice","stack":null,"file":null,"line":null,"column":null,"hint":"give each flag once"},"logs":[],"stats":null}
    ----- stderr -----
    "#);
}

/// A wrangler config's flags are checked as workerd checks them (exit 4, as for its other
/// settings), and so are a module map's (exit 2, as for the rest of the map).
#[test]
fn config_and_map_values_are_checked() {
    let context = TestContext::new();
    context.write("project/index.js", "export default { run: () => 1 };\n");
    context.write(
        "project/wrangler.json",
        "{ \"main\": \"index.js\", \"compatibility_flags\": [\"nodejs_compat\", \"no_nodejs_compat\"] }\n",
    );
    sandbox_snapshot!(context.bundle(&["project"]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Compatibility flags are mutually contradictory: nodejs_compat vs no_nodejs_compat
      Caused by: set by `compatibility_flags` in project/wrangler.json

    hint: keep one of them: `nodejs_compat` turns the feature on, `no_nodejs_compat` off
    ");
    sandbox_snapshot!(context.run(&["project"]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Compatibility flags are mutually contradictory: nodejs_compat vs no_nodejs_compat
      Caused by: set by `compatibility_flags` in project/wrangler.json

    hint: keep one of them: `nodejs_compat` turns the feature on, `no_nodejs_compat` off
    ");
    context.write(
        "map.json",
        r#"{"compatibilityDate": "2026-12-31", "mainModule": "a.js", "modules": {"a.js": "export default () => 1"}}"#,
    );
    sandbox_snapshot!(context.run(&["map.json"]), @r#"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: This Worker requires compatibility date "2026-12-31", but the newest date supported by this runtime is "2026-11-17"
      Caused by: set by `compatibilityDate` in the module map `map.json`

    hint: use 2026-11-17 or an earlier date: the newest this version of sandbox implements (`sandbox --version`)
    "#);
    context.write(
        "flags.json",
        r#"{"compatibilityDate": "2025-06-01", "compatibilityFlags": ["nodejs-compat"], "mainModule": "a.js", "modules": {"a.js": "export default () => 1"}}"#,
    );
    sandbox_snapshot!(context.run(&["flags.json"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: No such compatibility flag: nodejs-compat
      Caused by: set by `compatibilityFlags` in the module map `flags.json`

    hint: did you mean `nodejs_compat`? The flags are workerd's: https://developers.cloudflare.com/workers/configuration/compatibility-flags/
    ");
    // The command line's flags replace the map's, so the map's bad flag no longer matters.
    sandbox_snapshot!(context.run(&["flags.json", "--compatibility-flag", "nodejs_compat"]), @"
    exit code: 0
    ----- stdout -----
    1
    ----- stderr -----
    ");
}

/// With Node.js compatibility (the default date has it), `process.env` holds the granted
/// `--env` bindings and nothing else of the host's environment, at the top level and in the
/// call; a host variable that is not granted appears nowhere in the output.
#[test]
fn process_env_holds_only_granted_bindings() {
    const HOST_SECRET: &str = "host-secret-6f1c9a";
    let context = TestContext::new();
    context.write(
        "index.js",
        "const atTopLevel = JSON.stringify(process.env);\n\
         export default { run: () => ({ atTopLevel, inCall: process.env, keys: Object.keys(process.env) }) };\n",
    );
    let ran = output(
        context
            .run(&["index.js", "--env", "GRANTED=yes", "--env", "PASSED"])
            .env("SANDBOX_TEST_HOST_SECRET", HOST_SECRET)
            .env("PASSED", "passed-value"),
        None,
    );
    let (stdout, stderr) = (String::from_utf8_lossy(&ran.stdout), String::from_utf8_lossy(&ran.stderr));
    assert_eq!(ran.status.code(), Some(0), "{stderr}");
    assert!(!stdout.contains(HOST_SECRET) && !stderr.contains(HOST_SECRET), "the host's variable leaked");
    let result: Value = serde_json::from_str(&stdout).expect("the result is JSON");
    let granted = json!({ "GRANTED": "yes", "PASSED": "passed-value" });
    assert_eq!(result["inCall"], granted);
    assert_eq!(serde_json::from_str::<Value>(result["atTopLevel"].as_str().expect("a string")).ok(), Some(granted));
    assert_eq!(result["keys"], json!(["GRANTED", "PASSED"]));
}

/// The Node.js globals exist only with Node.js compatibility: at the default date (which has
/// it) and with `nodejs_compat_v2`, not at 2024-01-01 without a flag, as in workerd.
#[test]
fn node_globals_follow_nodejs_compat() {
    let context = TestContext::new();
    context.write(
        "index.js",
        "export default { run: () => ['global', 'process', 'setImmediate', 'clearImmediate']\n\
         .map((name) => `${name}: ${name in globalThis ? typeof globalThis[name] : 'absent'}`).join(', ') };\n",
    );
    let present = "global: object, process: object, setImmediate: function, clearImmediate: function\n";
    let absent = "global: absent, process: absent, setImmediate: absent, clearImmediate: absent\n";
    for (args, expected) in [
        (&[][..], present),
        (&["--compatibility-date", "2024-01-01"][..], absent),
        (&["--compatibility-date", "2024-01-01", "--compatibility-flag", "nodejs_compat_v2"][..], present),
        (&["--compatibility-flag", "no_nodejs_compat", "--compatibility-flag", "no_nodejs_compat_v2"][..], absent),
    ] {
        let ran = output(&mut context.run(&[&["index.js"][..], args].concat()), None);
        assert_eq!(ran.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&ran.stderr));
        assert_eq!(String::from_utf8_lossy(&ran.stdout), expected, "{args:?}");
    }
}
