//! The host functions of the entrypoint's call.

use crate::runtime::code_generation;
use crate::runtime::host::{Arguments, Return};
use crate::runtime::state::state;

/// `startupEnded()`: the modules' top level has been evaluated and the entrypoint is about to
/// be called; code generation is refused from now on, unless the run allows it everywhere.
pub(crate) fn startup_ended(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, _return_value: Return<'_>) {
    let state = state(scope);
    let context = scope.get_current_context();
    code_generation::enter_phase(scope, context, state.allow_eval, &state.compatibility, true);
}
