//! What V8 itself needs for a fresh isolate, with nothing of the runtime: the floor the
//! `isolate` and `pool` benches measure the executor against.

/// Creates an isolate from V8's own snapshot, makes a context, runs a one-line script and
/// disposes of it all.
pub(crate) fn isolate_context_script_dispose() {
    let isolate = &mut v8::Isolate::new(v8::CreateParams::default());
    v8::scope!(let scope, isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let code = v8::String::new(scope, "({ message: 'Hello' })").expect("string");
    let script = v8::Script::compile(scope, code, None).expect("compiles");
    std::hint::black_box(script.run(scope).expect("runs"));
}
