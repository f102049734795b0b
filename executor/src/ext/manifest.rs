//! The one list of the runtime's parts: the host functions (by their name on the private
//! `host` object, and the Rust function behind each), the scripts run when the snapshot is
//! made (in order), and the scripts run on first use (by name). `build.rs` reads it to make
//! the snapshot, and the crate to run one; each defines `manifest!` its own way (placeholder
//! callbacks there, the real ones here), so the external-reference table, the `host` object
//! and the build's placeholders all follow from this list and cannot disagree.
//!
//! A host function is one line here, `"name" => feature::file::function`, plus the function
//! (`fn(&mut v8::PinScope, v8::FunctionCallbackArguments, v8::ReturnValue<v8::Value>)`). A
//! script is one line, `feature "file.js"` (the file `src/ext/<feature>/<file>.js`, or
//! `src/runtime/<file>.js` for `runtime`), named `sandbox:internal/<feature>/<file>.js` in
//! stack traces. A lazy script is loaded by that name, `internals.lazyUnit(['feature/file.js'])`.
//! A Node.js built-in module is one line, `"name" => "node/file.js"`, naming the lazy script
//! that makes its value (see `Manifest::node_modules`).

use super::{Manifest, Script};

/// One script: its name in stack traces and its source, included from `src/`.
macro_rules! script {
    (runtime $file:literal) => {
        Script {
            name: concat!("sandbox:internal/runtime/", $file),
            source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/runtime/", $file)),
        }
    };
    ($feature:ident $file:literal) => {
        Script {
            name: concat!("sandbox:internal/", stringify!($feature), "/", $file),
            source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ext/", stringify!($feature), "/", $file)),
        }
    };
}

manifest! {
    host_functions: [
        // console
        "print" => console::host::print,
        "stringHead" => console::host::string_head,
        // web
        "now" => web::host::now,
        "randomFill" => web::host::random_fill,
        "structuredClone" => web::clone::structured_clone,
        "promiseState" => web::host::promise_state,
        "isSharedArrayBuffer" => web::host::is_shared_array_buffer,
        // encoding
        "utf8Length" => encoding::host::utf8_length,
        "encodeUtf8Into" => encoding::host::encode_utf8_into,
        "decode" => encoding::host::decode,
        "normalizeEncoding" => encoding::host::normalize_encoding,
        // url
        "urlParse" => url::host::url_parse,
        "urlSet" => url::host::url_set,
        "formDecode" => url::host::form_decode,
        "formEncode" => url::host::form_encode,
        "urlPatternParse" => url::pattern::url_pattern_parse,
        "urlPatternMatchInput" => url::pattern::url_pattern_match_input,
        // modules
        "compileCommonJs" => modules::host::compile_common_js,
        "requireResolve" => modules::host::require_resolve,
        "moduleValue" => modules::host::module_value,
        // compression
        "compressionCreate" => compression::compression_create,
        "compressionPush" => compression::compression_push,
        "compressionEnd" => compression::compression_end,
        // crypto
        "subtleDigest" => crypto::subtle::digest,
        "subtleSign" => crypto::subtle::sign,
        "subtleVerify" => crypto::subtle::verify,
        "subtleAesGcm" => crypto::subtle::aes_gcm,
        "subtleGenerateKeyPair" => crypto::subtle::generate_key_pair,
        "subtleImportKey" => crypto::subtle::import_key,
        "subtleExportKey" => crypto::subtle::export_key,
        "subtleHkdf" => crypto::subtle::hkdf,
        "subtlePbkdf2" => crypto::subtle::pbkdf2,
        "subtleEcdh" => crypto::subtle::ecdh,
        "subtleAes" => crypto::aes::aes,
        "subtleRsaGenerate" => crypto::rsa::generate,
        "subtleRsaImport" => crypto::rsa::import,
        "subtleRsaExport" => crypto::rsa::export,
        "subtleRsaPublic" => crypto::rsa::public,
        "subtleRsaSign" => crypto::rsa::sign,
        "subtleRsaVerify" => crypto::rsa::verify,
        "subtleRsaOaep" => crypto::rsa::oaep,
        // fetch
        "fetchStart" => fetch::host::fetch_start,
        "fetchPull" => fetch::host::fetch_pull,
        "fetchCancel" => fetch::host::fetch_cancel,
        "parseMediaType" => fetch::host::parse_media_type,
        "multipartParse" => fetch::host::multipart_parse,
        // memory
        "memoryCharge" => memory::host::memory_charge,
        "memoryRelease" => memory::host::memory_release,
        "wasmGrow" => memory::host::wasm_grow,
        // node
        "processEnv" => node::host::process_env,
        "loadNodeModule" => node::host::load_node_module,
        "processExit" => node::host::process_exit,
        // node: buffer, string_decoder, util, assert
        "nodeBufferEncode" => node::buffer::buffer_encode,
        "nodeBufferDecode" => node::buffer::buffer_decode,
        "nodeIsType" => node::types::is_type,
        "bundleFileNames" => node::host::bundle_file_names,
        "bundleFileRead" => node::host::bundle_file_read,
        "mountedFiles" => node::host::mounted_files,
        // node: events, stream, timers, async_hooks, diagnostics_channel
        "asyncContextGet" => node::async_context::async_context_get,
        "asyncContextSet" => node::async_context::async_context_set,
        // node: crypto, zlib
        "nodeHashCreate" => node::crypto::hash_create,
        "nodeHashUpdate" => node::crypto::hash_update,
        "nodeHashDigest" => node::crypto::hash_digest,
        "nodeHashCopy" => node::crypto::hash_copy,
        "nodeCipherCreate" => node::crypto::cipher_create,
        "nodeCipherUpdate" => node::crypto::cipher_update,
        "nodeCipherFinal" => node::crypto::cipher_final,
        "nodeCipherFree" => node::crypto::cipher_free,
        "nodeCipherSet" => node::crypto::cipher_set,
        "nodeCipherAuthTag" => node::crypto::cipher_auth_tag,
        "nodeDerive" => node::crypto::derive,
        "nodeZlibCreate" => node::zlib::zlib_create,
        "nodeZlibWrite" => node::zlib::zlib_write,
        "nodeZlibClose" => node::zlib::zlib_close,
        "nodeZlibReset" => node::zlib::zlib_reset,
        "nodeCrc32" => node::zlib::crc32_host,
        "nodeKeyRead" => node::keys::key_read,
        "nodeKeyWrite" => node::keys::key_write,
        "nodeSign" => node::keys::sign_host,
        "nodeVerify" => node::keys::verify_host,
        // html_rewriter
        "htmlRewriterSelector" => html_rewriter::html_rewriter_selector,
        "htmlRewriterCreate" => html_rewriter::html_rewriter_create,
        "htmlRewriterWrite" => html_rewriter::html_rewriter_write,
        "htmlRewriterResume" => html_rewriter::html_rewriter_resume,
        "htmlRewriterContent" => html_rewriter::html_rewriter_content,
        "htmlRewriterDrop" => html_rewriter::html_rewriter_drop,
        // tools
        "toolCall" => tools::host::tool_call,
        // entrypoint
        "startupEnded" => entrypoint::host::startup_ended,
    ],
    snapshot_scripts: [
        runtime "primordials.js",
        runtime "globals.js",
        runtime "lazy.js",
        web "dom_exception.js",
        // The stubs of lazy units and the snapshot's own scripts, in the order the globals had
        // when every unit ran here.
        console "stub.js",
        timers "stub.js",
        encoding "stub.js",
        url "stub.js",
        web "web.js",
        events "stub.js",
        streams "stub.js",
        encoding "streams_stub.js",
        compression "stub.js",
        fetch "stub.js",
        crypto "stub.js",
        modules "stub.js",
        node "stub.js",
        // html_rewriter
        html_rewriter "stub.js",
        tools "stub.js",
        entrypoint "entrypoint.js",
        // Last: it guards ArrayBuffer, which the scripts above take as it was.
        memory "stub.js",
    ],
    lazy_scripts: [
        streams "streams.js",
        streams "identity.js",
        events "events.js",
        events "messages.js",
        web "performance.js",
        url "url.js",
        url "url_pattern.js",
        encoding "streams.js",
        compression "compression.js",
        fetch "headers.js",
        fetch "blob.js",
        fetch "form_data.js",
        fetch "fetch.js",
        crypto "subtle.js",
        console "inspect.js",
        console "console.js",
        timers "timers.js",
        encoding "encoding.js",
        modules "commonjs.js",
        memory "guards.js",
        node "process.js",
        node "immediate.js",
        node "internal/errors.js",
        node "internal/ip.js",
        node "unimplemented.js",
        node "path.js",
        node "querystring.js",
        node "os.js",
        node "url.js",
        node "module.js",
        // node: buffer, string_decoder, util, assert
        node "buffer.js",
        node "string_decoder.js",
        node "util.js",
        node "util_types.js",
        node "comparisons.js",
        node "assert.js",
        node "mime.js",
        node "fs.js",
        node "http.js",
        node "process_module.js",
        node "test.js",
        node "constants.js",
        node "stream_alias.js",
        // node: events, stream, timers, async_hooks, diagnostics_channel
        node "events.js",
        node "stream/utils.js",
        node "stream/destroy.js",
        node "stream/end_of_stream.js",
        node "stream/legacy.js",
        node "stream/add_abort_signal.js",
        node "stream/buffer_list.js",
        node "stream/readable.js",
        node "stream/writable.js",
        node "stream/duplex.js",
        node "stream/transform.js",
        node "stream/from.js",
        node "stream/pipeline.js",
        node "stream/operators.js",
        node "stream/duplexify.js",
        node "stream/compose.js",
        node "stream/duplex_pair.js",
        node "stream/web.js",
        node "stream/stream.js",
        node "stream/promises.js",
        node "stream/web_module.js",
        node "stream/consumers.js",
        node "timers.js",
        node "timers_promises.js",
        node "async_hooks.js",
        node "diagnostics_channel.js",
        // node: crypto, zlib
        node "crypto.js",
        node "zlib.js",
        // html_rewriter
        html_rewriter "html_rewriter.js",
        tools "tools.js",
    ],
    // The Node.js built-in modules, by name without `node:`, each with its lazy script.
    node_modules: [
        "internal/errors" => "node/internal/errors.js",
        "internal/ip" => "node/internal/ip.js",
        // What a sandbox cannot do: importable, and each function throws.
        "child_process" => "node/unimplemented.js",
        "cluster" => "node/unimplemented.js",
        "dgram" => "node/unimplemented.js",
        "inspector" => "node/unimplemented.js",
        "inspector/promises" => "node/unimplemented.js",
        "net" => "node/unimplemented.js",
        "tls" => "node/unimplemented.js",
        "v8" => "node/unimplemented.js",
        "vm" => "node/unimplemented.js",
        "worker_threads" => "node/unimplemented.js",
        // Paths, URLs, the machine, modules.
        "path" => "node/path.js",
        "path/posix" => "node/path.js",
        "path/win32" => "node/path.js",
        "querystring" => "node/querystring.js",
        "os" => "node/os.js",
        "url" => "node/url.js",
        "module" => "node/module.js",
        // Bytes, text, values and assertions.
        "buffer" => "node/buffer.js",
        "string_decoder" => "node/string_decoder.js",
        "util" => "node/util.js",
        "sys" => "node/util.js",
        "util/types" => "node/util_types.js",
        "internal/comparisons" => "node/comparisons.js",
        "internal/mime" => "node/mime.js",
        "assert" => "node/assert.js",
        "assert/strict" => "node/assert.js",
        "fs" => "node/fs.js",
        "fs/promises" => "node/fs.js",
        "http" => "node/http.js",
        "https" => "node/http.js",
        "process" => "node/process_module.js",
        "test" => "node/test.js",
        "constants" => "node/constants.js",
        "_stream_readable" => "node/stream_alias.js",
        "_stream_writable" => "node/stream_alias.js",
        "_stream_duplex" => "node/stream_alias.js",
        "_stream_transform" => "node/stream_alias.js",
        "_stream_passthrough" => "node/stream_alias.js",
        // node: events, stream, timers, async_hooks, diagnostics_channel
        "events" => "node/events.js",
        "stream" => "node/stream/stream.js",
        "stream/promises" => "node/stream/promises.js",
        "stream/web" => "node/stream/web_module.js",
        "stream/consumers" => "node/stream/consumers.js",
        "internal/streams/utils" => "node/stream/utils.js",
        "internal/streams/destroy" => "node/stream/destroy.js",
        "internal/streams/end-of-stream" => "node/stream/end_of_stream.js",
        "internal/streams/legacy" => "node/stream/legacy.js",
        "internal/streams/add-abort-signal" => "node/stream/add_abort_signal.js",
        "internal/streams/buffer_list" => "node/stream/buffer_list.js",
        "internal/streams/readable" => "node/stream/readable.js",
        "internal/streams/writable" => "node/stream/writable.js",
        "internal/streams/duplex" => "node/stream/duplex.js",
        "internal/streams/transform" => "node/stream/transform.js",
        "internal/streams/from" => "node/stream/from.js",
        "internal/streams/pipeline" => "node/stream/pipeline.js",
        "internal/streams/operators" => "node/stream/operators.js",
        "internal/streams/duplexify" => "node/stream/duplexify.js",
        "internal/streams/compose" => "node/stream/compose.js",
        "internal/streams/duplexpair" => "node/stream/duplex_pair.js",
        "internal/streams/web" => "node/stream/web.js",
        "timers" => "node/timers.js",
        "timers/promises" => "node/timers_promises.js",
        "async_hooks" => "node/async_hooks.js",
        "diagnostics_channel" => "node/diagnostics_channel.js",
        // node: crypto, zlib
        "crypto" => "node/crypto.js",
        "zlib" => "node/zlib.js",
    ],
}
