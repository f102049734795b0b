//! What the native callbacks of one run share, kept in an isolate slot.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use crate::Console;
use crate::ext::fetch::network::Network;
use crate::ext::modules::loader::Registry;
use crate::runtime::exception::Frame;
use crate::runtime::limits::ArrayBufferBudget;

pub(crate) struct State {
    /// Time zero of `performance.now()` and of timers.
    pub(crate) origin: Instant,
    pub(crate) console: RefCell<Box<dyn Console>>,
    pub(crate) registry: RefCell<Registry>,
    /// Promises rejected with no handler yet, and their reasons, in order.
    pub(crate) rejections: RefCell<Vec<(v8::Global<v8::Promise>, v8::Global<v8::Value>)>>,
    /// The runtime's private `internals` object (see `bootstrap.rs`).
    pub(crate) internals: v8::Global<v8::Object>,
    /// True only while the host compiles a `wasm` module of the map.
    pub(crate) allow_wasm: Cell<bool>,
    /// Where the import that failed to resolve is, for link errors.
    pub(crate) link_error_frame: RefCell<Option<Frame>>,
    /// Outbound requests of this run.
    pub(crate) network: RefCell<Network>,
    /// The run's ArrayBuffer memory, to check before the host makes a buffer.
    pub(crate) budget: Arc<ArrayBufferBudget>,
    /// Live codecs of compression streams (`compression.rs`).
    pub(crate) compression: RefCell<crate::ext::compression::Codecs>,
}

/// The state of the run that owns `isolate`.
pub(crate) fn state(isolate: &v8::Isolate) -> Rc<State> {
    Rc::clone(isolate.get_slot::<Rc<State>>().expect("a run's state is set before any JavaScript runs"))
}
