//! A fresh isolate and its context, made from the snapshot before any run needs it: what
//! [`Sandbox::run`](crate::Sandbox::run) makes first, and what a [`Pool`](crate::Pool) thread
//! makes ahead of its runs. One is used by exactly one run and disposed after it; none ever
//! runs code before its run.
//!
//! The `v8` crate enters an isolate on its thread when it creates it and exits it when it
//! drops it, and an isolate may only be dropped while it is the thread's current one. A
//! thread that keeps several made ahead parks each (exits it) once it is made, and enters it
//! again when its run takes it; [`WarmIsolate`]'s `Drop` enters a parked one before disposing
//! of it.

use std::sync::Arc;

use crate::ext::MANIFEST;
use crate::runtime::limits::{self, ArrayBufferBudget, Control};

/// An isolate from the snapshot with its context, never used, and what a run of it needs to
/// enforce its limits: the [`Control`] the run stops it through and the budget its
/// ArrayBuffer allocator counts against (the heap limit and that budget are fixed when the
/// isolate is made).
pub(crate) struct WarmIsolate {
    isolate: Option<v8::OwnedIsolate>,
    context: Option<v8::Global<v8::Context>>,
    pub(crate) control: Arc<Control>,
    pub(crate) budget: Arc<ArrayBufferBudget>,
    pub(crate) heap_bytes: usize,
    /// Exited: not the thread's current isolate.
    parked: bool,
}

impl WarmIsolate {
    /// Makes an isolate with a heap of `heap_bytes` (and an ArrayBuffer budget of as much),
    /// stopped through `control`. The isolate is entered on the calling thread.
    pub(crate) fn new(heap_bytes: usize, control: Arc<Control>) -> WarmIsolate {
        crate::runtime::platform::init_v8();
        let budget = ArrayBufferBudget::new(heap_bytes, Arc::clone(&control));
        let params = crate::runtime::platform::create_params(&MANIFEST)
            .heap_limits(0, heap_bytes)
            .array_buffer_allocator(limits::array_buffer_allocator(&budget));
        let mut isolate = v8::Isolate::new(params);
        let context = {
            v8::scope!(let scope, &mut isolate);
            let context = v8::Context::new(scope, Default::default());
            v8::Global::new(scope, context)
        };
        WarmIsolate { isolate: Some(isolate), context: Some(context), control, budget, heap_bytes, parked: false }
    }

    /// Exits the isolate, so that the thread can make or run others.
    pub(crate) fn park(&mut self) {
        if let Some(isolate) = &self.isolate
            && !self.parked
        {
            // SAFETY: the isolate was entered on this thread (when made, or by `unpark`) and
            // nothing entered since is still entered: a thread makes and runs one at a time.
            unsafe { isolate.exit() };
            self.parked = true;
        }
    }

    /// Enters the isolate on the calling thread, the one that made it.
    pub(crate) fn unpark(&mut self) {
        if let Some(isolate) = &self.isolate
            && self.parked
        {
            // SAFETY: the isolate is alive and belongs to this thread (`WarmIsolate` is not
            // `Send`); entering it makes it the current one, as dropping it requires.
            unsafe { isolate.enter() };
            self.parked = false;
        }
    }

    /// The isolate and its context, entered, for the one run that uses them.
    pub(crate) fn take(&mut self) -> (&mut v8::OwnedIsolate, v8::Global<v8::Context>) {
        self.unpark();
        let context = self.context.take().expect("a warm isolate's context is taken once");
        (self.isolate.as_mut().expect("a warm isolate has its isolate until dropped"), context)
    }
}

impl Drop for WarmIsolate {
    fn drop(&mut self) {
        self.unpark();
        // The context's handle goes first, while its isolate is alive.
        drop(self.context.take());
        drop(self.isolate.take());
    }
}
