//! Process-wide V8 setup: flags, platform, the startup snapshot and its native callbacks.

use std::sync::Once;

use crate::bootstrap::{HOST_FUNCTIONS, V8_FLAGS, lazy_property_reference};
use crate::host;

/// The startup snapshot that `build.rs` made: V8's heap with the runtime already set up.
static SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/snapshot.bin"));

static INIT: Once = Once::new();

/// Initialises V8 once per process, with the flags the snapshot was made with.
pub(crate) fn init_v8() {
    INIT.call_once(|| {
        v8::V8::set_flags_from_string(V8_FLAGS);
        let platform = v8::new_default_platform(0, false).make_shared();
        v8::V8::initialize_platform(platform);
        v8::V8::initialize();
    });
}

/// The native callbacks, in the snapshot's external-reference order: the host functions,
/// then the getter of lazy properties.
fn external_references() -> Vec<v8::ExternalReference> {
    HOST_FUNCTIONS
        .iter()
        .map(|name| v8::ExternalReference {
            function: host::callback(name).expect("every host function has a callback (tested)"),
        })
        .chain([lazy_property_reference(crate::lazy::lazy_property_getter)])
        .collect()
}

/// Parameters for an isolate that starts from the snapshot.
pub(crate) fn create_params() -> v8::CreateParams {
    v8::CreateParams::default()
        .snapshot_blob(v8::StartupData::from(SNAPSHOT))
        .external_references(external_references().into())
}

/// Keeps one idle isolate alive for the rest of the process.
///
/// V8 shares its read-only heap between the isolates of a process, but sets it up again
/// whenever the last isolate is disposed. A process that runs sandboxes one after another
/// pays that (about a third of a millisecond here) on every run unless an isolate outlives
/// them; this one never runs code. A single-run process such as the CLI should not call it.
pub fn keep_warm() {
    static KEEPER: Once = Once::new();
    KEEPER.call_once(|| {
        init_v8();
        let (ready, wait) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("sandbox-keeper".into())
            .spawn(move || {
                let _isolate = v8::Isolate::new(create_params());
                let _ = ready.send(());
                loop {
                    std::thread::park();
                }
            });
        if spawned.is_ok() {
            let _ = wait.recv();
        }
    });
}
