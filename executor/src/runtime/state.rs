//! What the native callbacks of one run share, kept in isolate slots: the runtime's own
//! [`State`], and one value for each extension that keeps state of its own (the console, the
//! module loader, the network, the compression codecs), found by its type.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use crate::runtime::compatibility::Compatibility;
use crate::runtime::limits::ArrayBufferBudget;
use crate::runtime::snapshot::Manifest;

pub(crate) struct State {
    /// Time zero of `performance.now()` and of timers.
    pub(crate) origin: Instant,
    /// Promises rejected with no handler yet, and their reasons, in order.
    pub(crate) rejections: RefCell<Vec<(v8::Global<v8::Promise>, v8::Global<v8::Value>)>>,
    /// The runtime's private `internals` object (see `snapshot.rs`).
    pub(crate) internals: v8::Global<v8::Object>,
    /// The run's ArrayBuffer memory, to check before the host makes a buffer.
    pub(crate) budget: Arc<ArrayBufferBudget>,
    /// The runtime's parts, which the snapshot was made from (for the lazy scripts).
    pub(crate) manifest: &'static Manifest,
    /// `eval` and `new Function` in every phase (`Options::allow_eval`).
    pub(crate) allow_eval: bool,
    /// The run's compatibility date and flags: what the runtime's features read to behave as
    /// workerd does for them (`nodejs_compat`, code generation at the top level).
    pub(crate) compatibility: Compatibility,
    /// The lazy scripts this run has run so far, by name (`Stats::scripts_loaded`).
    pub(crate) scripts_loaded: RefCell<Vec<&'static str>>,
}

/// The state of the run that owns `isolate`.
pub(crate) fn state(isolate: &v8::Isolate) -> Rc<State> {
    extension(isolate)
}

/// The value of type `T` that the run owning `isolate` keeps in an isolate slot, set by
/// `Sandbox::run` before any JavaScript runs: [`State`], or an extension's own state (as
/// deno's `OpState` holds each extension's by type).
pub(crate) fn extension<T: 'static>(isolate: &v8::Isolate) -> Rc<T> {
    Rc::clone(isolate.get_slot::<Rc<T>>().expect("a run's state is set before any JavaScript runs"))
}
