//! Host functions of `node:async_hooks`: the async context an AsyncLocalStorage reads is V8's
//! continuation-preserved embedder data, which V8 saves when a promise reaction is created
//! and restores while it runs; the runtime's timers save and restore it the same way.

use crate::runtime::host::{Arguments, Return};

/// `asyncContextGet()` -> the current async context (undefined when none was set).
pub(crate) fn async_context_get(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, mut return_value: Return<'_>) {
    let data = scope.get_continuation_preserved_embedder_data();
    return_value.set(data);
}

/// `asyncContextSet(value)`: makes `value` the current async context.
pub(crate) fn async_context_set(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return_value: Return<'_>) {
    scope.set_continuation_preserved_embedder_data(args.get(0));
}
