//! Builds the runtime context that the startup snapshot captures.
//!
//! This file is compiled twice: by `build.rs`, which runs [`build_context`] inside a
//! `SnapshotCreator` and writes the blob to `OUT_DIR`, and by the crate, which needs the
//! same [`V8_FLAGS`] and the same order of [`HOST_FUNCTIONS`] to deserialize it. V8 matches
//! native callbacks in a snapshot by their index in the external-reference table, so the
//! build script registers placeholder callbacks and the crate the real ones, in this order.

/// V8 flags, set before `V8::initialize` both when the snapshot is made and when it is
/// used: V8 refuses a snapshot made with other flags.
///
/// Source positions are recorded when code is compiled, not later on demand: a stack
/// overflow's stack trace is taken with no stack left to compute them, and would point
/// every frame at 1:1.
///
/// Compile hints: the runtime's scripts start with `//# allFunctionsCalledOnLoad`, so
/// their functions are compiled while the snapshot is made and their bytecode is kept in it,
/// instead of being compiled again from source in every sandbox.
///
/// Sparkplug, V8's baseline compiler, compiles on the sandbox's own thread. Concurrently, it
/// woke a worker thread a few milliseconds into a run, whose code installation then contended
/// with the run for V8's interrupt lock; the first contention of a process makes Abseil
/// measure the CPU's frequency by sleeping. That cost a Hono request 2 ms and made it twice
/// as variable (`bench/hono`); baseline compilation itself is cheap.
///
/// The garbage collector runs on the isolate's own thread (`--single-threaded-gc`), where the
/// CPU limit counts it. By default V8 marks, sweeps and scavenges on its worker threads too:
/// code that builds and drops large object graphs then used 1.6 to 1.8 s of the process's CPU
/// at a limit of 1 s (one worker on a two-core machine; V8 starts one per core but one, up to
/// 16), and 1.05 to 1.2 s with this flag, in the same time. Optimizing compilation stays on
/// the workers: without it (`--single-threaded`) V8 never moves a running loop from Maglev
/// to Turbofan, and a long top-level loop ran 7 times slower.
pub(crate) const V8_FLAGS: &str =
    "--no-enable-lazy-source-positions --compile-hints-magic --no-concurrent-sparkplug --single-threaded-gc";

/// Names of the native functions on the runtime's private `host` object, in
/// external-reference order. The runtime scripts call `host.<name>(...)`.
pub(crate) const HOST_FUNCTIONS: &[&str] = &[
    "print",
    "now",
    "utf8Length",
    "encodeUtf8Into",
    "decode",
    "normalizeEncoding",
    "urlParse",
    "urlSet",
    "formDecode",
    "formEncode",
    "randomFill",
    "structuredClone",
    "compileCommonJs",
    "requireResolve",
    "moduleValue",
    "promiseState",
    // Streams and compression (`compression.rs`).
    "compressionCreate",
    "compressionPush",
    "compressionEnd",
    "loadLazyScript",
    // crypto.subtle (`subtle.rs`).
    "subtleDigest",
    "subtleSign",
    "subtleVerify",
    "subtleAesGcm",
    "subtleGenerateKeyPair",
    "subtleImportKey",
    "subtleExportKey",
    "subtleHkdf",
    // fetch and the outbound policy (`fetch.rs`).
    "fetchStart",
    "fetchPull",
    "fetchCancel",
    "parseMediaType",
    "multipartParse",
    // Console output (`host.rs`).
    "stringHead",
    // Memory outside the ArrayBuffer allocator (`memory.rs`).
    "memoryCharge",
    "memoryRelease",
    "wasmGrow",
];

/// The runtime's own scripts, run in this order when the snapshot is made. Each evaluates
/// to a function that is called with `(globalThis, host, internals, primordials)`;
/// `internals` is kept in the snapshot as context data [`INTERNALS_INDEX`] and is how the
/// crate calls back into the runtime; `primordials` is the builtins captured by the first
/// script, `js/primordials.js`, before any user code exists. None of the scripts may call
/// `host` while being set up: the build script's callbacks are placeholders.
pub(crate) const RUNTIME_SCRIPTS: &[(&str, &str)] = &[
    ("sandbox:internal/primordials.js", include_str!("primordials.js")),
    ("sandbox:internal/util.js", include_str!("lazy.js")),
    ("sandbox:internal/console.js", include_str!("../ext/console/stub.js")),
    ("sandbox:internal/timers.js", include_str!("../ext/timers/stub.js")),
    ("sandbox:internal/encoding.js", include_str!("../ext/encoding/stub.js")),
    ("sandbox:internal/url.js", include_str!("../ext/url/stub.js")),
    ("sandbox:internal/web.js", include_str!("../ext/web/web.js")),
    // Stubs that define the globals of lazy units (below), in the order the globals had when
    // the units were run here.
    ("sandbox:internal/events.js", include_str!("../ext/events/stub.js")),
    ("sandbox:internal/streams.js", include_str!("../ext/streams/stub.js")),
    ("sandbox:internal/transform_streams.js", include_str!("../ext/compression/stub.js")),
    ("sandbox:internal/fetch.js", include_str!("../ext/fetch/stub.js")),
    ("sandbox:internal/subtle.js", include_str!("../ext/crypto/stub.js")),
    ("sandbox:internal/modules.js", include_str!("../ext/modules/stub.js")),
    ("sandbox:internal/entrypoint.js", include_str!("../ext/entrypoint/entrypoint.js")),
    // Last: it guards ArrayBuffer, which the scripts above take as it was.
    ("sandbox:internal/memory.js", include_str!("../ext/memory/stub.js")),
];

/// Runtime scripts that most sandboxes never use, run on first use instead of at snapshot
/// time: `build.rs` compiles each into a V8 code cache (`OUT_DIR/lazy_scripts.bin`), and
/// `host.loadLazyScript(index)` (`lazy.rs`) compiles it from that cache and returns its
/// setup function. A stub among `RUNTIME_SCRIPTS` groups them into units
/// (`internals.lazyUnit`) and defines the globals that load them; the stubs refer to them by
/// index in this list. The scripts that used to run at snapshot time keep their names (and
/// line numbers), so stack traces through them read as before.
pub(crate) const LAZY_SCRIPTS: &[(&str, &str)] = &[
    // 0: the Streams Standard (`js/streams.js`).
    ("sandbox:internal/lazy/streams.js", include_str!("../ext/streams/streams.js")),
    // 1: Event, EventTarget, AbortController, AbortSignal (`js/events.js`).
    ("sandbox:internal/events.js", include_str!("../ext/events/events.js")),
    // 2: URL, URLSearchParams (`js/url.js`).
    ("sandbox:internal/url.js", include_str!("../ext/url/url.js")),
    // 3, 4: the encoding and compression streams (`js/transform_streams.js`).
    ("sandbox:internal/encoding_streams.js", include_str!("../ext/encoding/streams.js")),
    ("sandbox:internal/compression_streams.js", include_str!("../ext/compression/compression.js")),
    // 5 to 8: Headers, Blob, File, FormData, Request, Response, fetch (`js/fetch.js`).
    ("sandbox:internal/headers.js", include_str!("../ext/fetch/headers.js")),
    ("sandbox:internal/blob.js", include_str!("../ext/fetch/blob.js")),
    ("sandbox:internal/form_data.js", include_str!("../ext/fetch/form_data.js")),
    ("sandbox:internal/fetch.js", include_str!("../ext/fetch/fetch.js")),
    // 9: crypto.subtle, SubtleCrypto, CryptoKey (`js/subtle.js`).
    ("sandbox:internal/subtle.js", include_str!("../ext/crypto/subtle.js")),
    // 10: console's value formatter (`js/console.js`).
    ("sandbox:internal/lazy/inspect.js", include_str!("../ext/console/inspect.js")),
    // 11 to 14: console, the timers, the encoding globals and CommonJS `require`
    // (`js/console.js`, `js/timers.js`, `js/encoding.js`, `js/modules.js`).
    ("sandbox:internal/console.js", include_str!("../ext/console/console.js")),
    ("sandbox:internal/timers.js", include_str!("../ext/timers/timers.js")),
    ("sandbox:internal/encoding.js", include_str!("../ext/encoding/encoding.js")),
    ("sandbox:internal/modules.js", include_str!("../ext/modules/commonjs.js")),
    // 15: the guards on memory V8 takes outside the ArrayBuffer allocator (`js/memory.js`).
    ("sandbox:internal/lazy/memory.js", include_str!("../ext/memory/guards.js")),
];

/// The origin that lazy scripts are compiled with, at build time and at run time alike (a
/// code cache is only accepted for the same source and origin options).
#[allow(dead_code)]
pub(crate) fn lazy_script_origin<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> Option<v8::ScriptOrigin<'s>> {
    let resource = v8::String::new(scope, name)?;
    Some(v8::ScriptOrigin::new(scope, resource.into(), 0, 0, false, 0, None, false, false, false, None))
}

/// Compiles every lazy script (all functions, as their compile hint asks) in an isolate made
/// from the snapshot, and returns their code caches, each preceded by its length as a
/// little-endian u32. Only `build.rs` calls it.
#[allow(dead_code)]
pub(crate) fn lazy_script_caches(scope: &mut v8::PinScope<'_, '_, ()>) -> Result<Vec<u8>, String> {
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let mut caches = Vec::new();
    for (name, source) in LAZY_SCRIPTS {
        let origin = lazy_script_origin(scope, name).ok_or("string")?;
        let code = v8::String::new(scope, source).ok_or("script too long")?;
        let mut source = v8::script_compiler::Source::new(code, Some(&origin));
        let script = v8::script_compiler::compile_unbound_script(
            scope,
            &mut source,
            v8::script_compiler::CompileOptions::EagerCompile,
            v8::script_compiler::NoCacheReason::NoReason,
        )
        .ok_or_else(|| format!("{name} does not compile"))?;
        let cache = script.create_code_cache().ok_or_else(|| format!("no code cache for {name}"))?;
        caches.extend_from_slice(&u32::try_from(cache.len()).map_err(|_| "code cache too large")?.to_le_bytes());
        caches.extend_from_slice(&cache);
    }
    Ok(caches)
}

/// Prefix of every runtime script name; frames from these scripts are hidden from users.
#[allow(dead_code)] // not used by build.rs
pub(crate) const INTERNAL_SCRIPT_PREFIX: &str = "sandbox:internal/";

/// The index under which `internals` is stored as context data in the snapshot.
pub(crate) const INTERNALS_INDEX: usize = 0;

/// The external reference of the getter of lazy properties (`lazy.rs` at run time, a
/// placeholder in `build.rs`), which follows `HOST_FUNCTIONS` in the snapshot's
/// external-reference table.
pub(crate) fn lazy_property_reference<G: v8::MapFnTo<v8::AccessorNameGetterCallback>>(
    _getter: G,
) -> v8::ExternalReference {
    let getter: v8::AccessorNameGetterCallback = G::mapping();
    v8::ExternalReference { pointer: getter as *mut std::ffi::c_void }
}

/// Turns the placeholders that the runtime's scripts registered in
/// `internals.lazyProperties` (`[object, name, attributes]`, see `js/util.js`) into V8 lazy
/// data properties, in place, so that property order does not change. The first read calls
/// `getter`, which asks `internals.lazyGet(holder, name)` for the value; V8 then stores it as a
/// plain data property. Until then the property looks like a data property with its final
/// attributes (V8 reports it so), and an assignment simply replaces it.
///
/// The getter has no data: V8 keeps accessor infos in the startup part of the snapshot,
/// shared by every context, so a function there would bring a copy of its whole realm.
fn install_lazy_properties<G: v8::MapFnTo<v8::AccessorNameGetterCallback> + Copy>(
    scope: &mut v8::PinScope<'_, '_>,
    internals: v8::Local<'_, v8::Object>,
    getter: G,
) -> Result<(), String> {
    let key = v8::String::new(scope, "lazyProperties").ok_or("string")?;
    let list = internals.get(scope, key.into()).ok_or("no internals.lazyProperties")?;
    let list = v8::Local::<v8::Array>::try_from(list).map_err(|_| "internals.lazyProperties is not an array")?;
    for index in 0..list.length() {
        let entry = list.get_index(scope, index).ok_or("lazy property entry")?;
        let entry = v8::Local::<v8::Array>::try_from(entry).map_err(|_| "lazy property entry")?;
        let object = entry.get_index(scope, 0).and_then(|value| v8::Local::<v8::Object>::try_from(value).ok());
        let name = entry.get_index(scope, 1).and_then(|value| v8::Local::<v8::Name>::try_from(value).ok());
        let bits = entry.get_index(scope, 2).and_then(|value| value.uint32_value(scope));
        let (Some(object), Some(name), Some(bits)) = (object, name, bits) else {
            return Err("a malformed entry in internals.lazyProperties".into());
        };
        let mut attributes = v8::PropertyAttribute::NONE;
        for flag in
            [v8::PropertyAttribute::READ_ONLY, v8::PropertyAttribute::DONT_ENUM, v8::PropertyAttribute::DONT_DELETE]
        {
            if bits & flag.as_u32() != 0 {
                attributes = attributes | flag;
            }
        }
        let installed = object.set_lazy_data_property_with_data(
            scope,
            name,
            getter,
            v8::undefined(scope).into(),
            attributes,
            v8::SideEffectType::HasSideEffect,
            v8::SideEffectType::HasSideEffect,
        );
        if installed != Some(true) {
            return Err(format!("cannot make {} lazy", name.to_rust_string_lossy(scope)));
        }
    }
    internals.delete(scope, key.into());
    Ok(())
}

/// Creates a context, installs the runtime into it and registers `internals` as context
/// data. `callbacks[i]` implements `HOST_FUNCTIONS[i]`; `lazy_getter` is the getter of lazy
/// properties. Only `build.rs` calls it.
#[allow(dead_code)]
pub(crate) fn build_context<'s, G: v8::MapFnTo<v8::AccessorNameGetterCallback> + Copy>(
    scope: &mut v8::PinScope<'s, '_, ()>,
    callbacks: &[v8::FunctionCallback],
    lazy_getter: G,
) -> Result<v8::Local<'s, v8::Context>, String> {
    assert_eq!(callbacks.len(), HOST_FUNCTIONS.len(), "one callback per host function");
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);

    let host = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    for (name, callback) in HOST_FUNCTIONS.iter().zip(callbacks) {
        let template = v8::FunctionTemplate::builder_raw(*callback)
            .constructor_behavior(v8::ConstructorBehavior::Throw)
            .build(scope);
        let function = template.get_function(scope).ok_or("cannot create a host function")?;
        let key = v8::String::new(scope, name).ok_or("string")?;
        function.set_name(key);
        host.set(scope, key.into(), function.into());
    }
    let internals = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    let primordials = v8::Object::with_prototype_and_properties(scope, v8::null(scope).into(), &[], &[]);
    let global = context.global(scope);

    for (name, source) in RUNTIME_SCRIPTS {
        v8::tc_scope!(let try_catch, scope);
        let code = v8::String::new(try_catch, source).ok_or("script too long")?;
        let resource = v8::String::new(try_catch, name).ok_or("string")?;
        let origin = v8::ScriptOrigin::new(try_catch, resource.into(), 0, 0, false, 0, None, false, false, false, None);
        let result = v8::Script::compile(try_catch, code, Some(&origin))
            .and_then(|script| script.run(try_catch))
            .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
            .and_then(|function| {
                function.call(
                    try_catch,
                    v8::undefined(try_catch).into(),
                    &[global.into(), host.into(), internals.into(), primordials.into()],
                )
            });
        if result.is_none() {
            let detail = match (try_catch.exception(), try_catch.message()) {
                (Some(exception), Some(message)) => format!(
                    "{}:{}: {}",
                    name,
                    message.get_line_number(try_catch).unwrap_or(0),
                    exception.to_rust_string_lossy(try_catch)
                ),
                _ => format!("{name}: the script did not return a setup function"),
            };
            return Err(detail);
        }
    }
    install_lazy_properties(scope, internals, lazy_getter)?;
    let index = scope.add_context_data(context, internals);
    assert_eq!(index, INTERNALS_INDEX, "internals is the first context data");
    Ok(context)
}
