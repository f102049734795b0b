//! Host functions of the Node.js globals.

use crate::ext::node::{MountedFiles, ProcessEnv};
use crate::runtime::host::{Arguments, Return, string_argument, throw_error};
use crate::runtime::state::{extension, state};

/// `processEnv()` -> a new object with the run's `env` bindings as strings: `process.env`.
/// The host's environment is never read.
pub(crate) fn process_env(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, mut return_value: Return<'_>) {
    let env = extension::<ProcessEnv>(scope);
    let object = v8::Object::new(scope);
    for (key, value) in &env.0 {
        let (Some(key), Some(value)) = (v8::String::new(scope, key), v8::String::new(scope, value)) else { return };
        if object.create_data_property(scope, key.into(), value.into()).is_none() {
            return;
        }
    }
    return_value.set(object.into());
}

/// `processExit(code)`: ends the run at once (`RunError::ProcessExit`), as workerd cancels the
/// request on `process.exit`.
pub(crate) fn process_exit(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let code = args.get(0).int32_value(scope).unwrap_or(0);
    state(scope).budget.control().exit(code);
}

/// `loadNodeModule(name)` -> the setup function of the lazy script that makes the Node.js
/// built-in module `name` (`buffer`, `internal/errors`), as the manifest's `node_modules`
/// pair them; `internals.nodeModule` calls it once per run.
pub(crate) fn load_node_module(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let manifest = state(scope).manifest;
    let script = string_argument(scope, &args, 0).and_then(|name| {
        let (_, key) = manifest.node_modules.iter().find(|(module, _)| *module == name)?;
        manifest.lazy_scripts.iter().position(|script| script.key() == *key)
    });
    let Some(index) = script else {
        return throw_error(scope, "TypeError", "No such Node.js built-in module");
    };
    state(scope).scripts_loaded.borrow_mut().push(manifest.lazy_scripts[index].name);
    // On failure an exception is pending and propagates to the caller.
    if let Some((setup, _)) = crate::runtime::lazy::compile_and_run(scope, manifest.lazy_scripts, index) {
        return_value.set(setup);
    }
}

/// `bundleFileNames()` -> the names of the run's modules, the files of `node:fs`'s `/bundle`.
pub(crate) fn bundle_file_names(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, mut return_value: Return<'_>) {
    let names = crate::ext::modules::loader::modules(scope).registry.borrow().names();
    let mut values = Vec::with_capacity(names.len());
    for name in names {
        let Some(name) = v8::String::new(scope, &name) else { return };
        values.push(name.into());
    }
    return_value.set(v8::Array::new_with_elements(scope, &values).into());
}

/// `bundleFileRead(name)` -> a new `Uint8Array` with the bytes of the run's module `name`,
/// made in the run's memory (it counts against the limit).
pub(crate) fn bundle_file_read(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string_argument(scope, &args, 0) else {
        return throw_error(scope, "TypeError", "Expected a module name");
    };
    let Some(code) = crate::ext::modules::loader::modules(scope).registry.borrow().code(&name) else {
        return throw_error(scope, "TypeError", "No such module");
    };
    let Some(buffer) = crate::runtime::host::new_array_buffer(scope, &code) else {
        return throw_error(scope, "RangeError", "Array buffer allocation failed: the memory limit is reached");
    };
    if let Some(array) = v8::Uint8Array::new(scope, buffer, 0, code.len()) {
        return_value.set(array.into());
    }
}

/// `mountedFiles()` -> `[[path, Uint8Array], ...]`: the files the caller gives the run, each
/// copied into the run's memory (it counts against the limit).
pub(crate) fn mounted_files(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, mut return_value: Return<'_>) {
    let files = extension::<MountedFiles>(scope);
    let mut entries = Vec::with_capacity(files.0.len());
    for (path, bytes) in &files.0 {
        let Some(path) = v8::String::new(scope, path) else { return };
        let Some(buffer) = crate::runtime::host::new_array_buffer(scope, bytes) else {
            return throw_error(scope, "RangeError", "Array buffer allocation failed: the memory limit is reached");
        };
        let Some(array) = v8::Uint8Array::new(scope, buffer, 0, bytes.len()) else { return };
        entries.push(v8::Array::new_with_elements(scope, &[path.into(), array.into()]).into());
    }
    return_value.set(v8::Array::new_with_elements(scope, &entries).into());
}
