//! `sandbox install` and npm dependencies of `sandbox run`/`bundle`, against a real registry
//! on 127.0.0.1 (`support/registry.rs`) serving real packuments and tarballs. No test
//! reaches any other host.

use std::path::Path;
use std::process::Output;

use serde_json::json;

use crate::support::registry::{RawEntry, TestRegistry, pack, pack_raw};
use crate::support::{TestContext, output, render};

/// Exit code, stdout and stderr with the registry's address, the directories and timings
/// replaced, for snapshots.
fn rendered(context: &TestContext, registries: &[&TestRegistry], output: &Output) -> String {
    let mut text = render(output);
    for registry in registries {
        text = text.replace(&registry.url(), "[REGISTRY]/");
        let nerf_dart = registry.url().split_once(':').map(|(_, rest)| rest.to_owned()).unwrap_or_default();
        text = text.replace(&nerf_dart, "//[REGISTRY]/");
    }
    for (path, name) in [(context.cache.path(), "[CACHE]"), (context.temp.path(), "[TEMP]")] {
        text = text.replace(&path.display().to_string(), name);
        if let Ok(canonical) = path.canonicalize() {
            text = text.replace(&canonical.display().to_string(), name);
        }
    }
    regex::Regex::new(r"\d+(\.\d+)?ms").expect("a regex").replace_all(&text, "[TIME]").into_owned()
}

macro_rules! install_snapshot {
    ($context:expr, [$($registry:expr),*], $command:expr, @$snapshot:literal) => {{
        let output = output(&mut $command, None);
        insta::assert_snapshot!(rendered(&$context, &[$(&$registry),*], &output), @$snapshot);
        output
    }};
}

/// A project whose .npmrc points at `registry` and whose package.json has `dependencies`.
fn project(registry: &TestRegistry, dependencies: serde_json::Value) -> TestContext {
    let context = TestContext::new();
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    context.write(
        "package.json",
        serde_json::to_string_pretty(&json!({ "name": "app", "version": "1.0.0", "dependencies": dependencies }))
            .expect("JSON"),
    );
    context
}

/// Writes the user's own `.npmrc` (the only place credentials, proxies and certificates may
/// come from) and returns its path, for `NPM_CONFIG_USERCONFIG`.
fn user_npmrc(context: &TestContext, text: &str) -> std::path::PathBuf {
    let path = context.cache.path().join("user.npmrc");
    std::fs::write(&path, text).expect("write the user's .npmrc");
    path
}

fn install_ok(context: &TestContext) -> Output {
    let result = output(&mut context.install(&[]), None);
    assert!(result.status.success(), "install failed: {}", String::from_utf8_lossy(&result.stderr));
    result
}

fn lockfile(context: &TestContext) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(context.temp.path().join("package-lock.json")).expect("a lockfile"))
        .expect("JSON")
}

/// `location -> version` of every package in the lockfile.
fn versions(context: &TestContext) -> Vec<(String, String)> {
    let lockfile = lockfile(context);
    lockfile["packages"]
        .as_object()
        .expect("packages")
        .iter()
        .filter(|(location, _)| !location.is_empty())
        .map(|(location, entry)| (location.clone(), entry["version"].as_str().unwrap_or("link").to_owned()))
        .collect()
}

/// The version in `node_modules/<path>/package.json`.
fn installed_version(context: &TestContext, path: &str) -> Option<String> {
    let text = std::fs::read_to_string(context.temp.path().join(path).join("package.json")).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}

fn index(version: &str) -> String {
    format!("module.exports = {{ version: {version:?} }};\n")
}

/// Ranges and dist-tags pick what npm picks: `latest` when it satisfies, the highest match
/// otherwise, `^0.x` within the minor, prereleases only when asked for.
#[test]
fn ranges_and_tags() {
    let registry = TestRegistry::start();
    for version in ["0.1.0", "0.1.9", "0.2.0", "1.0.0", "1.4.0", "1.5.0", "2.0.0-rc.1"] {
        registry.publish("semver-demo", version, json!({}), &[("index.js", &index(version))]);
    }
    registry.tag("semver-demo", "latest", "1.4.0");
    registry.tag("semver-demo", "next", "2.0.0-rc.1");
    for version in ["1.0.0", "1.1.0"] {
        registry.publish("tagged", version, json!({}), &[("index.js", &index(version))]);
    }
    registry.tag("tagged", "stable", "1.0.0");
    let cases = [
        ("^1.0.0", "1.4.0"),
        (">=1.5.0", "1.5.0"),
        ("^0.1.0", "0.1.9"),
        ("0.1.0 - 0.2.0", "0.2.0"),
        ("~0.1 || 9", "0.1.9"),
        ("next", "2.0.0-rc.1"),
        ("*", "1.4.0"),
    ];
    for (range, expected) in cases {
        let context = project(&registry, json!({ "semver-demo": range, "tagged": "stable" }));
        install_ok(&context);
        assert_eq!(installed_version(&context, "node_modules/semver-demo").as_deref(), Some(expected), "{range}");
        assert_eq!(installed_version(&context, "node_modules/tagged").as_deref(), Some("1.0.0"));
    }
}

/// Conflicting versions nest as npm nests them: the first one found is hoisted, the other
/// goes inside the package that needs it; a shared dependency is installed once.
#[test]
fn nested_conflicts() {
    let registry = TestRegistry::start();
    registry.publish("shared", "1.0.0", json!({}), &[("index.js", &index("1.0.0"))]);
    registry.publish("shared", "2.0.0", json!({}), &[("index.js", &index("2.0.0"))]);
    registry.publish("left", "1.0.0", json!({ "dependencies": { "shared": "^2.0.0", "util": "^1" } }), &[]);
    registry.publish("right", "1.0.0", json!({ "dependencies": { "util": "^1.0.0" } }), &[]);
    registry.publish("util", "1.2.0", json!({}), &[]);
    let context = project(&registry, json!({ "shared": "^1.0.0", "left": "1.0.0", "right": "1" }));
    let result = install_ok(&context);
    assert_eq!(
        versions(&context),
        [
            ("node_modules/left".to_owned(), "1.0.0".to_owned()),
            ("node_modules/left/node_modules/shared".to_owned(), "2.0.0".to_owned()),
            ("node_modules/right".to_owned(), "1.0.0".to_owned()),
            ("node_modules/shared".to_owned(), "1.0.0".to_owned()),
            ("node_modules/util".to_owned(), "1.2.0".to_owned()),
        ]
    );
    assert_eq!(installed_version(&context, "node_modules/left/node_modules/shared").as_deref(), Some("2.0.0"));
    assert_eq!(String::from_utf8_lossy(&result.stdout), "", "stdout carries no data for install");
}

/// Peer dependencies are installed beside the package that asks for them, as npm 7+ does,
/// and marked `peer` in the lockfile; an optional peer is not installed.
#[test]
fn peer_dependencies() {
    let registry = TestRegistry::start();
    registry.publish("host", "2.1.0", json!({}), &[]);
    registry.publish("maybe", "1.0.0", json!({}), &[]);
    registry.publish(
        "plugin",
        "1.0.0",
        json!({ "peerDependencies": { "host": "^2.0.0", "maybe": "*" }, "peerDependenciesMeta": { "maybe": { "optional": true } } }),
        &[],
    );
    let context = project(&registry, json!({ "plugin": "^1.0.0" }));
    install_ok(&context);
    let lockfile = lockfile(&context);
    assert_eq!(lockfile["packages"]["node_modules/host"]["version"], "2.1.0");
    assert_eq!(lockfile["packages"]["node_modules/host"]["peer"], true);
    assert!(lockfile["packages"].get("node_modules/maybe").is_none());
    assert_eq!(installed_version(&context, "node_modules/host").as_deref(), Some("2.1.0"));

    // A peer the project pins to another major is npm's ERESOLVE.
    let context = project(&registry, json!({ "plugin": "^1.0.0", "host": "1.0.0" }));
    registry.publish("host", "1.0.0", json!({}), &[]);
    install_snapshot!(context, [registry], context.install(&[]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Conflicting peer dependency: `plugin@1.0.0` needs `host@^2.0.0`, but `host@1.0.0` is installed

    hint: make the versions in package.json agree with what the package's peerDependencies ask for
    ");
}

/// Optional dependencies that do not resolve are left out; those for another platform stay
/// in the lockfile (as npm keeps them) but are not installed.
#[test]
fn optional_dependencies() {
    let registry = TestRegistry::start();
    registry.publish("elsewhere", "1.0.0", json!({ "os": ["aix"], "cpu": ["ppc64"] }), &[]);
    registry.publish(
        "tool",
        "1.0.0",
        json!({ "optionalDependencies": { "elsewhere": "1.0.0", "not-published": "^1" } }),
        &[],
    );
    let context = project(&registry, json!({ "tool": "1.0.0" }));
    install_ok(&context);
    let lockfile = lockfile(&context);
    assert_eq!(lockfile["packages"]["node_modules/elsewhere"]["optional"], true);
    assert_eq!(lockfile["packages"]["node_modules/elsewhere"]["os"], json!(["aix"]));
    assert!(lockfile["packages"].get("node_modules/not-published").is_none());
    assert!(!context.temp.path().join("node_modules/elsewhere").exists());
    assert!(context.temp.path().join("node_modules/tool/package.json").is_file());
}

/// `npm:` aliases install a package under another name.
#[test]
fn aliases() {
    let registry = TestRegistry::start();
    registry.publish("real-name", "3.1.0", json!({}), &[("index.js", &index("3.1.0"))]);
    let context = project(&registry, json!({ "nickname": "npm:real-name@^3" }));
    install_ok(&context);
    assert_eq!(lockfile(&context)["packages"]["node_modules/nickname"]["name"], "real-name");
    assert_eq!(installed_version(&context, "node_modules/nickname").as_deref(), Some("3.1.0"));
}

/// A scoped registry gets its token, from the environment through `${VAR}` in the user's
/// .npmrc; the other registry never sees it, and it is in no output, lockfile or error.
#[test]
fn scoped_registry_with_token() {
    let public = TestRegistry::start();
    let private = TestRegistry::start();
    public.publish("left-pad", "1.3.0", json!({}), &[("index.js", "module.exports = (s) => s;")]);
    private.publish(
        "@acme/secret-sauce",
        "1.0.0",
        json!({ "dependencies": { "left-pad": "^1.3.0" } }),
        &[("index.js", "module.exports = 42;")],
    );
    private.require_token("@acme", "tok-3f9a2b71c5");
    let context = project(&public, json!({ "@acme/secret-sauce": "^1.0.0" }));
    let private_host = private.url().trim_start_matches("http:").to_owned();
    let user =
        user_npmrc(&context, &format!("@acme:registry={}\n{private_host}:_authToken=${{ACME_TOKEN}}\n", private.url()));
    let result = output(
        context.install(&["--verbose"]).env("ACME_TOKEN", "tok-3f9a2b71c5").env("NPM_CONFIG_USERCONFIG", &user),
        None,
    );
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let everything = format!(
        "{}{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr),
        std::fs::read_to_string(context.temp.path().join("package-lock.json")).unwrap_or_default()
    );
    assert!(!everything.contains("tok-3f9a2b71c5"));
    assert!(private.received().iter().all(|request| {
        request.headers.iter().any(|(name, value)| name == "authorization" && value == "Bearer tok-3f9a2b71c5")
    }));
    assert!(public.received().iter().all(|request| request.headers.iter().all(|(name, _)| name != "authorization")));
    assert_eq!(installed_version(&context, "node_modules/@acme/secret-sauce").as_deref(), Some("1.0.0"));

    // A wrong token: the error names the package and the registry, not the token.
    let context = project(&public, json!({ "@acme/secret-sauce": "^1.0.0" }));
    let user = user_npmrc(
        &context,
        &format!("@acme:registry={}\n{private_host}:_authToken=wrong-token-8c1d\n", private.url()),
    );
    let result = install_snapshot!(context, [public, private], context.install(&[]).env("NPM_CONFIG_USERCONFIG", &user), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: The registry answered 401 for `@acme/secret-sauce` ([REGISTRY]/@acme%2fsecret-sauce)

    hint: check the credentials for [REGISTRY]/ in your own .npmrc (`~/.npmrc` or NPM_CONFIG_USERCONFIG: `//[REGISTRY]/:_authToken=...`); a project's .npmrc cannot hold them
    ");
    assert!(!String::from_utf8_lossy(&result.stderr).contains("wrong-token-8c1d"));
}

/// A package the registry does not have, and a version that does not exist.
#[test]
fn not_found() {
    let registry = TestRegistry::start();
    registry.publish("exists", "1.0.0", json!({}), &[]);
    let context = project(&registry, json!({ "does-not-exist": "^1.0.0" }));
    install_snapshot!(context, [registry], context.install(&[]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: The registry answered 404 for `does-not-exist` ([REGISTRY]/does-not-exist)

    hint: check the name, and that [REGISTRY]/ is the registry that serves it
    ");
    let context = project(&registry, json!({ "exists": "^2.0.0" }));
    install_snapshot!(context, [registry], context.install(&[]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: No version of `exists` matches `^2.0.0`

    hint: the latest version is 1.0.0; change the range in package.json
    ");
}

/// Dependencies sandbox does not install say so.
#[test]
fn unsupported_specs() {
    let registry = TestRegistry::start();
    let context = project(&registry, json!({ "zod": "github:colinhacks/zod" }));
    install_snapshot!(context, [registry], context.install(&[]), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `zod@github:colinhacks/zod`: git dependencies are not supported

    hint: depend on a version from the registry (`"name": "^1.2.0"`), or install it with npm
    "#);
    let context = project(&registry, json!({ "lib": "workspace:*" }));
    install_snapshot!(context, [registry], context.install(&[]), @r#"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `lib@workspace:*`: `workspace:` dependencies are not supported

    hint: depend on a version from the registry (`"name": "^1.2.0"`), or install it with npm
    "#);
}

/// A tarball whose bytes do not match the integrity the packument gives is an error, and
/// nothing of it enters the cache or node_modules.
#[test]
fn integrity_mismatch() {
    let registry = TestRegistry::start();
    registry.publish("victim", "1.0.0", json!({}), &[("index.js", "module.exports = 'good';")]);
    registry.tamper(
        "victim",
        "1.0.0",
        pack(&[
            ("package/package.json".into(), br#"{"name":"victim","version":"1.0.0"}"#.to_vec()),
            ("package/index.js".into(), b"module.exports = 'evil';".to_vec()),
        ]),
    );
    let context = project(&registry, json!({ "victim": "1.0.0" }));
    let result = output(&mut context.install(&[]), None);
    let text = rendered(&context, &[&registry], &result);
    let text = regex::Regex::new(r"sha512-[A-Za-z0-9+/=]+").expect("regex").replace_all(&text, "sha512-[HASH]");
    insta::assert_snapshot!(text, @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: Integrity check failed for `victim@1.0.0`: expected sha512-[HASH], got sha512-[HASH]

    hint: the registry sent different bytes than recorded; nothing was installed. If the package was republished on purpose, remove its entry from package-lock.json and install again
    ");
    assert!(!context.temp.path().join("node_modules/victim").exists());
    assert_eq!(entries(&context.cache.path().join("tarballs-v1")), 0);
}

/// How many cache entries there are under `bucket`.
fn entries(bucket: &Path) -> usize {
    walk(bucket).iter().filter(|path| path.ends_with("index.json")).count()
}

fn walk(directory: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(directory) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && !path.is_symlink() {
                found.extend(walk(&path));
            }
            found.push(path);
        }
    }
    found
}

/// Each hostile tarball is refused with an error naming the package and the entry; nothing
/// is written outside the cache's temporary directory, and nothing becomes an entry.
#[test]
fn hostile_tarballs() {
    let cases: [(&str, Vec<RawEntry<'_>>); 7] = [
        (
            "absolute",
            vec![RawEntry {
                path: "/tmp/sandbox-pwned",
                kind: tar::EntryType::Regular,
                link: None,
                data: b"x",
                size: None,
            }],
        ),
        (
            "dotdot",
            vec![RawEntry {
                path: "package/../../sandbox-pwned",
                kind: tar::EntryType::Regular,
                link: None,
                data: b"x",
                size: None,
            }],
        ),
        (
            "symlink",
            vec![RawEntry {
                path: "package/link",
                kind: tar::EntryType::Symlink,
                link: Some("../../../../etc/passwd"),
                data: b"",
                size: None,
            }],
        ),
        (
            "hardlink",
            vec![RawEntry {
                path: "package/hard",
                kind: tar::EntryType::Link,
                link: Some("../etc/passwd"),
                data: b"",
                size: None,
            }],
        ),
        (
            "device",
            vec![RawEntry { path: "package/null", kind: tar::EntryType::Char, link: None, data: b"", size: None }],
        ),
        (
            "fifo",
            vec![RawEntry { path: "package/pipe", kind: tar::EntryType::Fifo, link: None, data: b"", size: None }],
        ),
        (
            "bomb",
            vec![RawEntry {
                path: "package/huge.bin",
                kind: tar::EntryType::Regular,
                link: None,
                data: b"",
                size: Some(5 << 30),
            }],
        ),
    ];
    let registry = TestRegistry::start();
    let mut messages = Vec::new();
    for (name, entries_of_case) in &cases {
        let package = format!("hostile-{name}");
        let mut raw = vec![RawEntry {
            path: "package/package.json",
            kind: tar::EntryType::Regular,
            link: None,
            data: b"{}",
            size: None,
        }];
        raw.extend(entries_of_case.iter().map(|entry| RawEntry {
            path: entry.path,
            kind: entry.kind,
            link: entry.link,
            data: entry.data,
            size: entry.size,
        }));
        registry.publish_tarball(&json!({ "name": package, "version": "1.0.0" }), pack_raw(&raw));
        let context = project(&registry, json!({ package.clone(): "1.0.0" }));
        let result = output(&mut context.install(&[]), None);
        assert_eq!(result.status.code(), Some(4), "{name}");
        let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
        messages.push(stderr.lines().next().unwrap_or_default().to_owned());
        assert!(!context.temp.path().join("node_modules").join(&package).exists(), "{name}");
        assert_eq!(entries(&context.cache.path().join("tarballs-v1")), 0, "{name}");
        assert!(!Path::new("/tmp/sandbox-pwned").exists());
        assert!(
            !context.cache.path().join("sandbox-pwned").exists() && !context.temp.path().join("sandbox-pwned").exists()
        );
    }
    insta::assert_snapshot!(messages.join("\n"), @"
    error: Refusing to extract `hostile-absolute@1.0.0`: entry `/tmp/sandbox-pwned` has an absolute path
    error: Refusing to extract `hostile-dotdot@1.0.0`: entry `package/../../sandbox-pwned` climbs out of the package with `..`
    error: Refusing to extract `hostile-symlink@1.0.0`: entry `package/link` is a symbolic link to `../../../../etc/passwd`, outside the package
    error: Refusing to extract `hostile-hardlink@1.0.0`: entry `package/hard` is a hard link to `../etc/passwd`, outside the package
    error: Refusing to extract `hostile-device@1.0.0`: entry `package/null` is a device file
    error: Refusing to extract `hostile-fifo@1.0.0`: entry `package/pipe` is a FIFO
    error: Refusing to extract `hostile-bomb@1.0.0`: entry `package/huge.bin` makes the package unpack to more than 1024 MiB
    ");
}

/// Two installs at once on one cache both succeed, and the cache they leave is intact.
#[test]
fn concurrent_installs() {
    let registry = TestRegistry::start();
    let files: Vec<(String, String)> =
        (0..200).map(|index| (format!("lib/file{index}.js"), format!("module.exports = {index};\n"))).collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    for name in ["alpha", "beta", "gamma", "delta"] {
        registry.publish(name, "1.0.0", json!({}), &borrowed);
    }
    let dependencies = json!({ "alpha": "1", "beta": "1", "gamma": "1", "delta": "1" });
    let first = project(&registry, dependencies.clone());
    let second = project(&registry, dependencies.clone());
    let shared = first.cache.path().to_path_buf();
    let spawn = |context: &TestContext| {
        context
            .install(&[])
            .env("SANDBOX_CACHE_DIR", &shared)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start sandbox")
    };
    let (a, b) = (spawn(&first), spawn(&second));
    for child in [a, b] {
        let result = child.wait_with_output().expect("wait");
        assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    }
    assert_eq!(entries(&shared.join("tarballs-v1")), 4);
    // The cache serves a third project offline, every file intact.
    let third = project(&registry, dependencies);
    std::fs::copy(first.temp.path().join("package-lock.json"), third.temp.path().join("package-lock.json"))
        .expect("copy the lockfile");
    let result = output(third.install(&["--offline"]).env("SANDBOX_CACHE_DIR", &shared), None);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(
        std::fs::read_to_string(third.temp.path().join("node_modules/delta/lib/file199.js")).expect("a file"),
        "module.exports = 199;\n"
    );
}

/// A cache entry whose bytes changed on disk is detected and fetched again, not used.
#[test]
fn corrupted_cache_entry() {
    let registry = TestRegistry::start();
    registry.publish("fragile", "1.0.0", json!({}), &[("index.js", "module.exports = 'original';\n")]);
    let context = project(&registry, json!({ "fragile": "1.0.0" }));
    install_ok(&context);
    let cached = walk(&context.cache.path().join("tarballs-v1"))
        .into_iter()
        .find(|path| path.ends_with("package/index.js"))
        .expect("the cached file");
    std::fs::write(&cached, "module.exports = 'tampered!';\n").expect("tamper");
    // A size and a modification time both unlike the recorded ones, whatever the clock's
    // resolution.
    let file = std::fs::File::options().write(true).open(&cached).expect("open the cached file");
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(86_400)).expect("set its mtime");
    std::fs::remove_dir_all(context.temp.path().join("node_modules")).expect("remove node_modules");
    install_ok(&context);
    assert_eq!(registry.requests_for("/fragile/-/"), 2, "the tarball is fetched again");
    assert_eq!(
        std::fs::read_to_string(context.temp.path().join("node_modules/fragile/index.js")).expect("a file"),
        "module.exports = 'original';\n"
    );
}

/// `--offline` installs from the cache alone, and names what is missing from it.
#[test]
fn offline() {
    let registry = TestRegistry::start();
    registry.publish("cached", "1.0.0", json!({}), &[]);
    registry.publish("uncached", "2.0.0", json!({}), &[]);
    let context = project(&registry, json!({ "cached": "1.0.0" }));
    install_snapshot!(context, [registry], context.install(&["--offline"]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `cached` is not in the cache and `--offline` was given

    hint: run `sandbox install` once while online (or leave out `--offline`) to fill the cache
    ");
    install_ok(&context);
    let before = registry.received().len();
    std::fs::remove_dir_all(context.temp.path().join("node_modules")).expect("remove node_modules");
    std::fs::remove_file(context.temp.path().join("package-lock.json")).expect("remove the lockfile");
    let result = output(&mut context.install(&["--offline"]), None);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(registry.received().len(), before, "offline sends nothing");
}

/// Server errors and dropped connections are retried; the install then succeeds.
#[test]
fn retries_server_errors() {
    let registry = TestRegistry::start();
    registry.publish("flaky", "1.0.0", json!({}), &[]);
    registry.fail("/flaky", &[503, 502]);
    registry.fail("/flaky/-/flaky-1.0.0.tgz", &[500]);
    let context = project(&registry, json!({ "flaky": "1.0.0" }));
    install_ok(&context);
    assert_eq!(registry.requests_for("/flaky"), 5);
}

/// The second install of an installed project does nothing: no request, no change.
#[test]
fn warm_install_is_a_no_op() {
    let registry = TestRegistry::start();
    registry.publish("once", "1.0.0", json!({}), &[]);
    let context = project(&registry, json!({ "once": "1.0.0" }));
    install_ok(&context);
    let before = registry.received().len();
    install_snapshot!(context, [registry], context.install(&[]), @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    1 package up to date in [TIME]
    ");
    assert_eq!(registry.received().len(), before);
}

/// `sandbox run` installs a project's missing dependencies before bundling it.
#[test]
fn run_installs_on_demand() {
    let registry = TestRegistry::start();
    registry.publish(
        "greeting",
        "1.0.0",
        json!({ "type": "module", "exports": "./index.js" }),
        &[("index.js", "export const greet = (name) => `hello, ${name}`;\n")],
    );
    let context = project(&registry, json!({ "greeting": "^1.0.0" }));
    context.write("index.ts", "import { greet } from \"greeting\";\nexport default (name: string) => greet(name);\n");
    install_snapshot!(context, [registry], context.run(&[".", "--arg", "\"Ada\""]), @"
    exit code: 0
    ----- stdout -----
    hello, Ada
    ----- stderr -----
    ");
    // Offline and cached: the same.
    std::fs::remove_dir_all(context.temp.path().join("node_modules")).expect("remove node_modules");
    install_snapshot!(context, [registry], context.run(&[".", "--arg", "\"Ada\"", "--offline"]), @"
    exit code: 0
    ----- stdout -----
    hello, Ada
    ----- stderr -----
    ");
}

/// `sandbox cache dir` prints the cache; `sandbox cache clean` empties it.
#[test]
fn cache_commands() {
    let registry = TestRegistry::start();
    registry.publish("tiny", "1.0.0", json!({}), &[]);
    let context = project(&registry, json!({ "tiny": "1.0.0" }));
    install_ok(&context);
    let mut command = context.sandbox();
    install_snapshot!(context, [registry], command.args(["cache", "dir"]), @"
    exit code: 0
    ----- stdout -----
    [CACHE]
    ----- stderr -----
    ");
    let mut command = context.sandbox();
    install_snapshot!(context, [registry], command.args(["cache", "clean"]), @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    Removed 4 entries from [CACHE]
    ");
    assert_eq!(entries(&context.cache.path().join("tarballs-v1")), 0);
}

/// An https registry whose CA is given by `cafile` in the user's .npmrc; without it the
/// certificate is refused.
#[test]
fn tls_registry_with_cafile() {
    let context = TestContext::new();
    let ca = context.cache.path().join("ca.pem");
    let registry = TestRegistry::start_tls(&ca);
    registry.publish("secure", "1.0.0", json!({}), &[]);
    context.write("package.json", r#"{ "dependencies": { "secure": "1.0.0" } }"#);
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    let result = output(&mut context.install(&[]), None);
    assert_eq!(result.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("Cannot reach the registry for `secure`") && stderr.contains("certificate"), "{stderr}");
    let user = user_npmrc(&context, &format!("cafile={}\n", ca.display()));
    let result = output(context.install(&[]).env("NPM_CONFIG_USERCONFIG", &user), None);
    assert!(result.status.success(), "install failed: {}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(installed_version(&context, "node_modules/secure").as_deref(), Some("1.0.0"));
}

/// `HTTPS_PROXY` sends every request through the proxy (a real CONNECT proxy here), unless
/// `NO_PROXY` names the host.
#[test]
fn proxy_from_https_proxy() {
    let context = TestContext::new();
    let ca = context.cache.path().join("ca.pem");
    let registry = TestRegistry::start_tls(&ca);
    registry.publish("proxied", "1.0.0", json!({}), &[]);
    let proxy = crate::support::registry::ConnectProxy::start();
    context.write("package.json", r#"{ "dependencies": { "proxied": "1.0.0" } }"#);
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    let user = user_npmrc(&context, &format!("cafile={}\n", ca.display()));
    let result = output(context.install(&[]).env("HTTPS_PROXY", proxy.url()).env("NPM_CONFIG_USERCONFIG", &user), None);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let target = format!("localhost:{}", registry.address.port());
    assert!(
        !proxy.targets().is_empty() && proxy.targets().iter().all(|connected| *connected == target),
        "{:?}",
        proxy.targets()
    );

    let direct = TestContext::new();
    direct.write("package.json", r#"{ "dependencies": { "proxied": "1.0.0" } }"#);
    direct.write(".npmrc", format!("registry={}\n", registry.url()));
    let before = proxy.targets().len();
    let result = output(
        direct
            .install(&[])
            .env("HTTPS_PROXY", proxy.url())
            .env("NO_PROXY", "localhost")
            .env("NPM_CONFIG_USERCONFIG", &user),
        None,
    );
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(proxy.targets().len(), before, "NO_PROXY bypasses the proxy");
}

/// `npm ci`, pointed at the same registry, installs exactly the tree of the lockfile
/// sandbox wrote (versions at every location).
#[test]
#[cfg_attr(not(npm), ignore = "npm is not installed")]
fn npm_ci_installs_the_same_tree() {
    let registry = TestRegistry::start();
    registry.publish("shared", "1.0.0", json!({}), &[("index.js", &index("1.0.0"))]);
    registry.publish("shared", "2.0.0", json!({}), &[("index.js", &index("2.0.0"))]);
    registry.publish("left", "1.0.0", json!({ "dependencies": { "shared": "^2.0.0" } }), &[]);
    registry.publish("host", "2.1.0", json!({}), &[]);
    registry.publish("plugin", "1.0.0", json!({ "peerDependencies": { "host": "^2.0.0" } }), &[]);
    registry.publish("elsewhere", "1.0.0", json!({ "os": ["aix"] }), &[]);
    registry.publish("tool", "1.0.0", json!({ "optionalDependencies": { "elsewhere": "1.0.0" } }), &[]);
    registry.publish("real-name", "3.1.0", json!({}), &[]);
    registry.publish("devtool", "0.3.0", json!({}), &[]);
    let context = project(
        &registry,
        json!({ "shared": "^1", "left": "1.0.0", "plugin": "1", "tool": "1", "nickname": "npm:real-name@^3" }),
    );
    let manifest = json!({ "name": "app", "version": "1.0.0",
        "dependencies": { "shared": "^1", "left": "1.0.0", "plugin": "1", "tool": "1", "nickname": "npm:real-name@^3" },
        "devDependencies": { "devtool": "^0.3.0" } });
    context.write("package.json", serde_json::to_string_pretty(&manifest).expect("JSON"));
    install_ok(&context);
    let ours = tree(&context.temp.path().join("node_modules"));

    let npm = npm_ci(&context, &registry, &["package.json", "package-lock.json"]);
    assert_eq!(tree(&npm.temp.path().join("node_modules")), ours);
    assert!(ours.contains(&("left/node_modules/shared".to_owned(), "2.0.0".to_owned())));
    assert!(ours.contains(&("host".to_owned(), "2.1.0".to_owned())));
    assert!(ours.contains(&("devtool".to_owned(), "0.3.0".to_owned())));
}

/// Every package under `node_modules`: its path and version.
fn tree(node_modules: &Path) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = walk(node_modules)
        .into_iter()
        .filter(|path| {
            path.ends_with("package.json")
                && !path.strip_prefix(node_modules).is_ok_and(|inside| inside.starts_with(".bin"))
        })
        .filter_map(|path| {
            let directory = path.parent()?;
            let relative = directory.strip_prefix(node_modules).ok()?.to_string_lossy().replace('\\', "/");
            let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            Some((relative, manifest["version"].as_str()?.to_owned()))
        })
        .collect();
    found.sort();
    found
}

/// Code without a package.json, in a file or on stdin, gets the packages it imports
/// installed into a layout in the cache: the latest version, or `--dep`'s range; nothing is
/// written next to the code.
#[test]
fn code_without_package_json() {
    let registry = TestRegistry::start();
    for version in ["1.0.0", "2.0.0"] {
        let code = format!("export default (text) => text.toLowerCase().replace(/ /g, '-') + '@{version}';\n");
        registry.publish(
            "slugify",
            version,
            json!({ "type": "module", "exports": "./index.js" }),
            &[("index.js", &code)],
        );
    }
    let context = TestContext::new();
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    context.write("agent.ts", "import slugify from \"slugify\";\nexport default () => slugify(\"Hello World\");\n");
    install_snapshot!(context, [registry], context.run(&["agent.ts"]), @"
    exit code: 0
    ----- stdout -----
    hello-world@2.0.0
    ----- stderr -----
    ");
    install_snapshot!(context, [registry], context.run(&["agent.ts", "--dep", "slugify@^1"]), @"
    exit code: 0
    ----- stdout -----
    hello-world@1.0.0
    ----- stderr -----
    ");
    let stdin = "import slugify from \"slugify\";\nexport default () => slugify(\"From Stdin\");\n";
    let result = output(&mut context.run(&["-"]), Some(stdin.as_bytes()));
    insta::assert_snapshot!(rendered(&context, &[&registry], &result), @"
    exit code: 0
    ----- stdout -----
    from-stdin@2.0.0
    ----- stderr -----
    ");
    assert!(!context.temp.path().join("node_modules").exists());
    assert!(!context.temp.path().join("package-lock.json").exists());
    // Cached: offline works, and sends nothing.
    let before = registry.received().len();
    install_snapshot!(context, [registry], context.run(&["agent.ts", "--offline"]), @"
    exit code: 0
    ----- stdout -----
    hello-world@2.0.0
    ----- stderr -----
    ");
    assert_eq!(registry.received().len(), before);
    // A package that is not cached, offline: named.
    context.write("other.ts", "import pad from \"left-pad\";\nexport default () => pad;\n");
    install_snapshot!(context, [registry], context.run(&["other.ts", "--offline"]), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    error: `left-pad` is not in the cache and `--offline` was given

    hint: run `sandbox install` once while online (or leave out `--offline`) to fill the cache
    ");
    // `--dep` is for code without a package.json.
    context.write("package.json", "{}");
    install_snapshot!(context, [registry], context.run(&["agent.ts", "--dep", "slugify"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--dep` is for code without a package.json, and `[TEMP]/package.json` has one

    hint: add the dependency to `dependencies` in package.json
    ");
}

/// A package installed for a lone file cannot import files outside the project and its
/// `node_modules`, even though its own files live in the cache.
#[test]
fn packages_in_the_cache_cannot_read_outside() {
    let outside = tempfile::tempdir().expect("a directory");
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "top secret").expect("write the secret");
    let registry = TestRegistry::start();
    let code = format!("import secret from {:?};\nexport default secret;\n", secret.display().to_string());
    registry.publish("thief", "1.0.0", json!({ "type": "module", "exports": "./index.js" }), &[("index.js", &code)]);
    let context = TestContext::new();
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    context.write("agent.ts", "import stolen from \"thief\";\nexport default () => stolen;\n");
    let result = output(&mut context.run(&["agent.ts"]), None);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(4), "{stderr}");
    assert!(!String::from_utf8_lossy(&result.stdout).contains("top secret"));
    assert!(stderr.contains("outside"), "{stderr}");
}

/// A project with a `file:` dependency on `lib/`, which depends on a `shared` of another
/// major version than the project's, installed by `sandbox install`.
fn file_dependency_project(registry: &TestRegistry) -> TestContext {
    registry.publish(
        "left-pad",
        "1.3.0",
        json!({}),
        &[("index.js", "module.exports = (text, length) => text.padStart(length, '.');\n")],
    );
    for version in ["1.0.0", "2.0.0"] {
        registry.publish("shared", version, json!({}), &[("index.js", &index(version))]);
    }
    registry.publish("devonly", "1.0.0", json!({}), &[]);
    let context = project(registry, json!({ "local-lib": "file:./lib", "shared": "^2.0.0" }));
    let library = json!({ "name": "local-lib", "version": "0.1.0", "license": "MIT", "main": "index.js",
        "dependencies": { "left-pad": "^1.3.0", "shared": "^1.0.0" }, "devDependencies": { "devonly": "1" } });
    context.write("lib/package.json", serde_json::to_string_pretty(&library).expect("JSON"));
    context.write("lib/index.js", "const pad = require('left-pad');\nconst { version } = require('shared');\nmodule.exports = { shout: (text) => `${pad(text.toUpperCase(), 6)} (shared ${version})` };\n");
    context.write("index.ts", "import { shout } from \"local-lib\";\nexport default (name: string) => shout(name);\n");
    install_ok(&context);
    context
}

/// A `file:` directory in the project is linked into `node_modules` as npm links it, its own
/// dependencies (dev ones too, as npm installs them for a link inside the project) placed
/// beside the project's or, on a conflict, in its own `node_modules`; the lockfile records
/// it as npm v3 does, and code importing it runs.
#[test]
fn file_dependency() {
    let registry = TestRegistry::start();
    let context = file_dependency_project(&registry);
    let lockfile = lockfile(&context);
    assert_eq!(lockfile["packages"]["node_modules/local-lib"], json!({ "resolved": "lib", "link": true }));
    assert_eq!(
        lockfile["packages"]["lib"],
        json!({ "name": "local-lib", "version": "0.1.0", "license": "MIT",
            "dependencies": { "left-pad": "^1.3.0", "shared": "^1.0.0" }, "devDependencies": { "devonly": "1" } })
    );
    assert_eq!(
        versions(&context),
        [
            ("lib".to_owned(), "0.1.0".to_owned()),
            ("lib/node_modules/shared".to_owned(), "1.0.0".to_owned()),
            ("node_modules/devonly".to_owned(), "1.0.0".to_owned()),
            ("node_modules/left-pad".to_owned(), "1.3.0".to_owned()),
            ("node_modules/local-lib".to_owned(), "link".to_owned()),
            ("node_modules/shared".to_owned(), "2.0.0".to_owned()),
        ]
    );
    assert_eq!(lockfile["packages"]["node_modules/devonly"]["dev"], true);
    assert_eq!(
        std::fs::read_link(context.temp.path().join("node_modules/local-lib")).expect("a link"),
        Path::new("../lib")
    );
    let ours = linked_tree(context.temp.path());
    assert!(ours.contains(&("lib/node_modules/shared".to_owned(), "1.0.0".to_owned())), "{ours:?}");
    install_snapshot!(context, [registry], context.run(&[".", "--arg", "\"ada\""]), @"
    exit code: 0
    ----- stdout -----
    ...ADA (shared 1.0.0)
    ----- stderr -----
    ");
    install_snapshot!(context, [registry], context.install(&[]), @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    5 packages up to date in [TIME]
    ");
    // From the lockfile as written, `lib/node_modules` included.
    for directory in ["node_modules", "lib/node_modules"] {
        std::fs::remove_dir_all(context.temp.path().join(directory)).expect("remove a node_modules");
    }
    install_ok(&context);
    assert_eq!(linked_tree(context.temp.path()), ours);
}

/// `npm ci` installs the tree of the lockfile sandbox wrote for a `file:` dependency.
#[test]
#[cfg_attr(not(npm), ignore = "npm is not installed")]
fn file_dependency_npm_ci_installs_the_same_tree() {
    let registry = TestRegistry::start();
    let context = file_dependency_project(&registry);
    let ours = linked_tree(context.temp.path());
    assert!(ours.contains(&("lib/node_modules/shared".to_owned(), "1.0.0".to_owned())), "{ours:?}");
    let npm = npm_ci(&context, &registry, &["package.json", "package-lock.json", "lib/package.json", "lib/index.js"]);
    assert_eq!(linked_tree(npm.temp.path()), ours);
}

/// The real npm, run now, builds the trees committed in
/// `npm-cache/tests/placement/*/npm.json`, which the resolver's unit tests compare it with
/// (`node npm-cache/tests/placement/npm.mjs` rewrites them).
#[test]
#[cfg_attr(not(all(npm, node)), ignore = "npm and node are not installed")]
fn npm_builds_the_committed_placement_trees() {
    let script = crate::support::repository_root().join("npm-cache/tests/placement/npm.mjs");
    let result = output(std::process::Command::new("node").arg(&script).arg("--check"), None);
    assert!(
        result.status.success(),
        "npm builds other trees now:\n{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Runs `npm ci` against `registry`, with an empty npm cache and configuration, in a new
/// directory holding `files` copied from `context`, and returns that directory.
fn npm_ci(context: &TestContext, registry: &TestRegistry, files: &[&str]) -> TestContext {
    let npm = TestContext::new();
    for file in files {
        npm.write(file, std::fs::read(context.temp.path().join(file)).expect("read"));
    }
    npm.write(".npmrc", "");
    let result = std::process::Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--registry", &registry.url()])
        .arg("--cache")
        .arg(npm.cache.path())
        .arg("--userconfig")
        .arg(npm.temp.path().join(".npmrc"))
        .current_dir(npm.temp.path())
        .output()
        .expect("run npm ci");
    assert!(result.status.success(), "npm ci failed: {}", String::from_utf8_lossy(&result.stderr));
    npm
}

/// A dependency added to a `file:` directory's `package.json` makes the lockfile stale, as
/// it does for npm: the next install resolves again and installs it.
#[test]
fn file_dependency_edited() {
    let registry = TestRegistry::start();
    registry.publish("left-pad", "1.3.0", json!({}), &[("index.js", &index("1.3.0"))]);
    registry.publish("added", "1.0.0", json!({}), &[("index.js", &index("1.0.0"))]);
    let context = project(&registry, json!({ "local-lib": "file:./lib" }));
    let library = |dependencies: serde_json::Value| json!({ "name": "local-lib", "version": "0.1.0", "dependencies": dependencies });
    context.write("lib/package.json", library(json!({ "left-pad": "^1.3.0" })).to_string());
    install_ok(&context);
    assert_eq!(installed_version(&context, "node_modules/added"), None);

    context.write("lib/package.json", library(json!({ "left-pad": "^1.3.0", "added": "^1.0.0" })).to_string());
    install_ok(&context);
    assert_eq!(installed_version(&context, "node_modules/added").as_deref(), Some("1.0.0"));
    assert_eq!(
        lockfile(&context)["packages"]["lib"]["dependencies"],
        json!({ "left-pad": "^1.3.0", "added": "^1.0.0" })
    );
}

/// The packages of a project with a `file:` link into `lib/`: `node_modules`, the link's
/// target, and `lib/node_modules`.
fn linked_tree(project: &Path) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = tree(&project.join("node_modules"))
        .into_iter()
        .map(|(path, version)| (format!("node_modules/{path}"), version))
        .collect();
    found.extend(
        tree(&project.join("lib/node_modules"))
            .into_iter()
            .map(|(path, version)| (format!("lib/node_modules/{path}"), version)),
    );
    let link = std::fs::read_link(project.join("node_modules/local-lib"))
        .map(|target| target.display().to_string())
        .unwrap_or_default();
    found.push(("node_modules/local-lib".to_owned(), format!("-> {link}")));
    found.sort();
    found
}

/// Packuments are cached with their `ETag` and `max-age`: while a copy is fresh a new
/// resolution asks nothing; a stale one is revalidated with `If-None-Match` and the
/// registry's 304 keeps it (fresh again for the 304's `max-age`); `--offline` uses it
/// however stale.
#[test]
fn packument_http_cache() {
    let registry = TestRegistry::start();
    registry.publish("steady", "1.0.0", json!({}), &[]);
    registry.publish("volatile", "1.0.0", json!({}), &[]);
    let context = project(&registry, json!({ "steady": "^1.0.0" }));
    install_ok(&context);
    // `steady` came with `max-age=300`, so resolving again does not ask for it; `volatile`
    // comes with `max-age=0`.
    registry.set_max_age(0);
    context.write(
        "package.json",
        serde_json::to_string_pretty(
            &json!({ "name": "app", "dependencies": { "steady": "^1.0.0", "volatile": "^1.0.0" } }),
        )
        .expect("JSON"),
    );
    install_ok(&context);
    assert_eq!(registry.requests_to("/steady").len(), 1);
    assert_eq!(registry.requests_to("/volatile").len(), 1);

    // `volatile` came with `max-age=0`, so it is stale at once; offline it is used anyway.
    let resolve_again =
        || std::fs::remove_file(context.temp.path().join("package-lock.json")).expect("remove the lockfile");
    resolve_again();
    let before = registry.received().len();
    let result = output(&mut context.install(&["--offline"]), None);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(registry.received().len(), before, "offline sends nothing");

    // Online, only the stale one is asked for, with its ETag; the 304 is used.
    registry.set_max_age(300);
    resolve_again();
    install_snapshot!(context, [registry], context.install(&["--verbose"]), @"
    exit code: 0
    ----- stdout -----
    ----- stderr -----
    sandbox: fetched packument [REGISTRY]/volatile (304, not modified, [TIME])
    sandbox: installed 2 packages in [TIME] (resolved, package-lock.json written)
    ");
    let requests = registry.requests_to("/volatile");
    assert_eq!(requests.len(), 2);
    let revalidation = &requests[1];
    assert!(revalidation.headers.iter().any(|(name, _)| name == "if-none-match"), "{revalidation:?}");
    assert_eq!(revalidation.status, 304);
    assert_eq!(registry.requests_to("/steady").len(), 1);
    assert_eq!(installed_version(&context, "node_modules/volatile").as_deref(), Some("1.0.0"));

    // The 304's `max-age=300` made the copy fresh again.
    resolve_again();
    let before = registry.received().len();
    install_ok(&context);
    assert_eq!(registry.received().len(), before);
}

/// `--verbose` lists each fetch, packuments and tarballs, with the registry's answer; the
/// lines come as fetches finish, so they are sorted here.
#[test]
fn verbose_lists_each_fetch() {
    let registry = TestRegistry::start();
    registry.publish(
        "outer",
        "1.0.0",
        json!({ "dependencies": { "inner": "^2.0.0" } }),
        &[("index.js", "module.exports = require('inner');\n")],
    );
    registry.publish("inner", "2.0.0", json!({}), &[("index.js", "module.exports = 2;\n")]);
    registry.fail("/inner/-/inner-2.0.0.tgz", &[503]);
    let context = project(&registry, json!({ "outer": "^1.0.0" }));
    let result = output(&mut context.install(&["--verbose"]), None);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let text = rendered(&context, &[&registry], &result);
    let text = regex::Regex::new(r"\b\d+(\.\d+)?(B|KiB|MiB)\b").expect("a regex").replace_all(&text, "[SIZE]");
    let mut lines: Vec<&str> = text.lines().skip_while(|line| *line != "----- stderr -----").skip(1).collect();
    lines.sort_unstable();
    insta::assert_snapshot!(lines.join("\n"), @"
    sandbox: fetched packument [REGISTRY]/inner (200, [SIZE], [TIME])
    sandbox: fetched packument [REGISTRY]/outer (200, [SIZE], [TIME])
    sandbox: fetched tarball [REGISTRY]/inner/-/inner-2.0.0.tgz (200, [SIZE], [TIME])
    sandbox: fetched tarball [REGISTRY]/outer/-/outer-1.0.0.tgz (200, [SIZE], [TIME])
    sandbox: installed 2 packages in [TIME] (resolved, package-lock.json written, 2 fetched)
    sandbox: retrying [REGISTRY]/inner/-/inner-2.0.0.tgz (attempt 1 failed: the registry answered 503 Service Unavailable)
    ");
}

/// A 403 and a 404 from a scoped registry with a token: each error names the package and the
/// registry, and the token is in no output, `--verbose` included.
#[test]
fn forbidden_and_not_found_with_token() {
    let public = TestRegistry::start();
    let private = TestRegistry::start();
    private.publish("@acme/locked", "1.0.0", json!({}), &[]);
    private.require_token("@acme", "tok-51e0c7d2a9");
    private.fail("/@acme%2flocked", &[403]);
    let private_host = private.url().trim_start_matches("http:").to_owned();
    let npmrc = format!("@acme:registry={}\n{private_host}:_authToken=${{ACME_TOKEN}}\n", private.url());
    // The private registry is the one named, the token was sent to it, and is nowhere else.
    let check = |result: &Output, path: &str| {
        let everything =
            format!("{}{}", String::from_utf8_lossy(&result.stdout), String::from_utf8_lossy(&result.stderr));
        assert!(everything.contains(&private.url()) && !everything.contains(&public.url()), "{everything}");
        assert!(!everything.contains("tok-51e0c7d2a9"), "{everything}");
        let requests = private.requests_to(path);
        assert!(
            !requests.is_empty()
                && requests.iter().all(|request| request
                    .headers
                    .iter()
                    .any(|(name, value)| name == "authorization" && value == "Bearer tok-51e0c7d2a9"))
        );
    };

    let context = project(&public, json!({ "@acme/locked": "^1.0.0" }));
    let user = user_npmrc(&context, &npmrc);
    let result = install_snapshot!(context, [public, private], context.install(&["--verbose"]).env("ACME_TOKEN", "tok-51e0c7d2a9").env("NPM_CONFIG_USERCONFIG", &user), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    sandbox: fetched packument [REGISTRY]/@acme%2flocked (403, 10B, [TIME])
    error: The registry answered 403 for `@acme/locked` ([REGISTRY]/@acme%2flocked)

    hint: check the credentials for [REGISTRY]/ in your own .npmrc (`~/.npmrc` or NPM_CONFIG_USERCONFIG: `//[REGISTRY]/:_authToken=...`); a project's .npmrc cannot hold them
    ");
    check(&result, "/@acme%2flocked");
    assert!(!context.temp.path().join("package-lock.json").exists());

    let context = project(&public, json!({ "@acme/missing": "^1.0.0" }));
    let user = user_npmrc(&context, &npmrc);
    let result = install_snapshot!(context, [public, private], context.install(&["--verbose"]).env("ACME_TOKEN", "tok-51e0c7d2a9").env("NPM_CONFIG_USERCONFIG", &user), @"
    exit code: 4
    ----- stdout -----
    ----- stderr -----
    sandbox: fetched packument [REGISTRY]/@acme%2fmissing (404, 21B, [TIME])
    error: The registry answered 404 for `@acme/missing` ([REGISTRY]/@acme%2fmissing)

    hint: check the name, and that [REGISTRY]/ serves it (a scope's registry is set with `@acme:registry=URL` in .npmrc)
    ");
    check(&result, "/@acme%2fmissing");
}
