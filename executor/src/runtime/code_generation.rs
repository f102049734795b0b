//! Code generation from strings (`eval`, `new Function` and its async and generator
//! variants) by phase of a run, as workerd allows it: while a module's top level is evaluated
//! (from the compatibility date 2025-06-01, `allow_eval_during_startup`; ajv and handlebars
//! compile there), never while the entrypoint runs, unless the embedder allows both. A refusal
//! is V8's `EvalError`, with a message that names the phase.

use crate::runtime::compatibility::Compatibility;

/// Why `eval` or `new Function` was refused: the phase of the run it was called in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalRefusal {
    /// While a module's top level was evaluated, with a compatibility date before 2025-06-01
    /// or `disallow_eval_during_startup`.
    TopLevel,
    /// While the entrypoint ran (the call, and everything after it: timers, handlers,
    /// modules imported by `import()`).
    Entrypoint,
}

impl EvalRefusal {
    /// The `EvalError`'s message. It starts as V8's and workerd's does, so code that looks for
    /// that finds it.
    pub fn message(self) -> &'static str {
        match self {
            EvalRefusal::TopLevel => {
                "Code generation from strings disallowed for this context: refused at a module's top level by \
                 the compatibility date (before 2025-06-01) or `disallow_eval_during_startup`"
            }
            EvalRefusal::Entrypoint => {
                "Code generation from strings disallowed for this context: refused while the entrypoint runs \
                 (allowed while a module's top level is evaluated)"
            }
        }
    }

    /// The refusal whose [`message`](EvalRefusal::message) this is.
    pub fn from_message(message: &str) -> Option<EvalRefusal> {
        [EvalRefusal::TopLevel, EvalRefusal::Entrypoint].into_iter().find(|refusal| refusal.message() == message)
    }
}

/// Allows or refuses code generation in `context` for the phase that starts: the top level of
/// the modules (`entrypoint` false) or the entrypoint's call.
pub(crate) fn enter_phase(
    scope: &mut v8::PinScope<'_, '_>,
    context: v8::Local<'_, v8::Context>,
    allow_eval: bool,
    compatibility: &Compatibility,
    entrypoint: bool,
) {
    let refusal = match (allow_eval, entrypoint) {
        (true, _) => None,
        (false, false) if compatibility.eval_during_startup() => None,
        (false, false) => Some(EvalRefusal::TopLevel),
        (false, true) => Some(EvalRefusal::Entrypoint),
    };
    context.set_allow_generation_from_strings(refusal.is_none());
    if let Some(refusal) = refusal
        && let Some(message) = v8::String::new(scope, refusal.message())
    {
        // SAFETY: `Context::SetErrorMessageForCodeGenerationFromStrings(Local<String>)` is a
        // public V8 API that the `v8` crate links but does not bind. `&Context` and
        // `&String` are the addresses of their handle slots, which is what a C++ `Context*`
        // (`this`) and a `Local<String>` (a `[[clang::trivial_abi]]` class holding that one
        // pointer, passed in a register) are; both handles are alive in `scope`.
        unsafe { set_error_message_for_code_generation_from_strings(&*context, &*message) };
    }
}

unsafe extern "C" {
    #[link_name = "_ZN2v87Context43SetErrorMessageForCodeGenerationFromStringsENS_5LocalINS_6StringEEE"]
    fn set_error_message_for_code_generation_from_strings(context: *const v8::Context, message: *const v8::String);
}
