//! Host functions of the Node.js globals.

use crate::ext::node::ProcessEnv;
use crate::runtime::host::{Arguments, Return};
use crate::runtime::state::extension;

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
