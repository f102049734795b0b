//! Every host function by its name on the runtime's private `host` object.

/// The callback implementing the host function `name` (one of `HOST_FUNCTIONS`).
pub(crate) fn callback(name: &str) -> Option<v8::FunctionCallback> {
    use v8::MapFnTo;
    let function: v8::FunctionCallback = match name {
        "print" => crate::ext::console::host::print.map_fn_to(),
        "now" => crate::ext::web::host::now.map_fn_to(),
        "utf8Length" => crate::ext::encoding::host::utf8_length.map_fn_to(),
        "encodeUtf8Into" => crate::ext::encoding::host::encode_utf8_into.map_fn_to(),
        "decode" => crate::ext::encoding::host::decode.map_fn_to(),
        "normalizeEncoding" => crate::ext::encoding::host::normalize_encoding.map_fn_to(),
        "urlParse" => crate::ext::url::host::url_parse.map_fn_to(),
        "urlSet" => crate::ext::url::host::url_set.map_fn_to(),
        "formDecode" => crate::ext::url::host::form_decode.map_fn_to(),
        "formEncode" => crate::ext::url::host::form_encode.map_fn_to(),
        "randomFill" => crate::ext::web::host::random_fill.map_fn_to(),
        "structuredClone" => crate::ext::web::clone::structured_clone.map_fn_to(),
        "compileCommonJs" => crate::ext::modules::host::compile_common_js.map_fn_to(),
        "requireResolve" => crate::ext::modules::host::require_resolve.map_fn_to(),
        "moduleValue" => crate::ext::modules::host::module_value.map_fn_to(),
        "promiseState" => crate::ext::web::host::promise_state.map_fn_to(),
        "stringHead" => crate::ext::console::host::string_head.map_fn_to(),
        // Streams and compression.
        "compressionCreate" => crate::ext::compression::compression_create.map_fn_to(),
        "compressionPush" => crate::ext::compression::compression_push.map_fn_to(),
        "compressionEnd" => crate::ext::compression::compression_end.map_fn_to(),
        "loadLazyScript" => crate::runtime::lazy::load_lazy_script.map_fn_to(),
        // crypto.subtle.
        "subtleDigest" => crate::ext::crypto::subtle::digest.map_fn_to(),
        "subtleSign" => crate::ext::crypto::subtle::sign.map_fn_to(),
        "subtleVerify" => crate::ext::crypto::subtle::verify.map_fn_to(),
        "subtleAesGcm" => crate::ext::crypto::subtle::aes_gcm.map_fn_to(),
        "subtleGenerateKeyPair" => crate::ext::crypto::subtle::generate_key_pair.map_fn_to(),
        "subtleImportKey" => crate::ext::crypto::subtle::import_key.map_fn_to(),
        "subtleExportKey" => crate::ext::crypto::subtle::export_key.map_fn_to(),
        "subtleHkdf" => crate::ext::crypto::subtle::hkdf.map_fn_to(),
        // fetch and the outbound policy.
        "fetchStart" => crate::ext::fetch::host::fetch_start.map_fn_to(),
        "fetchPull" => crate::ext::fetch::host::fetch_pull.map_fn_to(),
        "fetchCancel" => crate::ext::fetch::host::fetch_cancel.map_fn_to(),
        "parseMediaType" => crate::ext::fetch::host::parse_media_type.map_fn_to(),
        "multipartParse" => crate::ext::fetch::host::multipart_parse.map_fn_to(),
        "memoryCharge" => crate::ext::memory::host::memory_charge.map_fn_to(),
        "memoryRelease" => crate::ext::memory::host::memory_release.map_fn_to(),
        "wasmGrow" => crate::ext::memory::host::wasm_grow.map_fn_to(),
        _ => return None,
    };
    Some(function)
}

#[cfg(test)]
mod tests {
    use crate::runtime::snapshot::HOST_FUNCTIONS;

    /// Every name the runtime can call has a native callback, so the snapshot's external
    /// references line up.
    #[test]
    fn every_host_function_has_a_callback() {
        for name in HOST_FUNCTIONS {
            assert!(super::callback(name).is_some(), "no callback for host function `{name}`");
        }
    }
}
