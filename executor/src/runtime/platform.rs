//! Process-wide V8 setup: flags, platform, the startup snapshot and its native callbacks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, OnceLock};

use crate::runtime::lazy;
use crate::runtime::snapshot::{Manifest, V8_FLAGS, external_references};

/// The startup snapshot that `build.rs` made: V8's heap with the runtime already set up.
static SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/snapshot.bin"));

static INIT: Once = Once::new();

/// The platform, whose foreground tasks each run pumps for its isolate.
static PLATFORM: OnceLock<v8::SharedRef<v8::Platform>> = OnceLock::new();

/// Initialises V8 once per process, with the flags the snapshot was made with, and fixes the
/// time zone and locale (`locale.rs`).
pub(crate) fn init_v8() {
    INIT.call_once(|| {
        crate::runtime::memory::install_icu_allocator();
        crate::runtime::locale::apply_before_first_sandbox();
        v8::V8::set_flags_from_string(V8_FLAGS);
        // Without a source, V8 seeds each isolate's random number generator (hash seeds,
        // Math.random) by reading /dev/urandom through stdio: an open, a 4 KiB read and a
        // close for every sandbox. The getrandom syscall gives the same entropy in one call.
        v8::V8::set_entropy_source(|buffer: &mut [u8]| getrandom::fill(buffer).is_ok());
        keep_freed_memory();
        let platform = v8::new_default_platform(0, false).make_shared();
        let _ = PLATFORM.set(platform.clone());
        v8::V8::initialize_platform(platform);
        // SAFETY: V8's platform is initialised (it installs the printer this removes); the
        // function only stores the pointer, and V8 checks it for null before calling it.
        unsafe { v8_base_set_print_stack_trace(None) };
        v8::V8::initialize();
    });
}

unsafe extern "C" {
    /// `v8::base::SetPrintStackTrace(void (*)())`, which the `v8` crate does not bind. On a
    /// fatal error (a failed `CHECK`, an allocation V8's C++ code did not expect to fail)
    /// V8 prints the process's C stack, addresses and all, straight to file descriptor 2
    /// before it aborts: a leak of the process's memory layout, and noise no user can act
    /// on. Without a printer V8 only aborts, and the embedder decides what to say.
    #[link_name = "_ZN2v84base18SetPrintStackTraceEPFvvE"]
    fn v8_base_set_print_stack_trace(print: Option<unsafe extern "C" fn()>);
}

/// Runs one task that V8 posted for `isolate` and that is due (a FinalizationRegistry
/// cleanup, an `Atomics.waitAsync` waiter notified or timed out, a step of the garbage
/// collector); false if there was none. V8 posts them to the platform and runs none by itself.
pub(crate) fn run_posted_task(isolate: &v8::Isolate) -> bool {
    PLATFORM.get().is_some_and(|platform| v8::Platform::pump_message_loop(platform, isolate, false))
}

/// Lets glibc's allocator keep up to 8 MiB of freed memory instead of returning it to the
/// system at once. Disposing an isolate frees about a megabyte that the next one allocates
/// again; handing it back and faulting it in anew cost about 0.05 ms per sandbox. A process
/// that set `GLIBC_TUNABLES` keeps its own choice.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("GLIBC_TUNABLES").is_none() {
        // SAFETY: mallopt only adjusts the allocator's trimming threshold.
        unsafe {
            libc::mallopt(libc::M_TRIM_THRESHOLD, 8 << 20);
        }
    }
}

/// Parameters for an isolate that starts from the snapshot, which `build.rs` made from
/// `manifest` (`ext/manifest.rs`): its native callbacks, in the snapshot's external-reference
/// order.
pub(crate) fn create_params(manifest: &Manifest) -> v8::CreateParams {
    let load_lazy_script = v8::MapFnTo::<v8::FunctionCallback>::map_fn_to(lazy::load_lazy_script);
    let references = external_references(manifest, load_lazy_script, lazy::lazy_property_getter);
    v8::CreateParams::default().snapshot_blob(v8::StartupData::from(SNAPSHOT)).external_references(references.into())
}

/// Called as each sandbox starts. From the second sandbox of a process on, keeps one idle
/// isolate alive (see [`keep_warm`]) without waiting for it: a process that runs one sandbox
/// and exits, such as the CLI, never pays for it.
pub(crate) fn sandbox_starting(manifest: &'static Manifest) {
    static STARTED: AtomicUsize = AtomicUsize::new(0);
    if STARTED.fetch_add(1, Ordering::Relaxed) == 1 {
        spawn_keeper(manifest, false);
    }
}

/// Keeps one idle isolate alive for the rest of the process, and returns once it is (see
/// `executor::keep_warm`, which calls it).
pub(crate) fn keep_warm(manifest: &'static Manifest) {
    spawn_keeper(manifest, true);
}

fn spawn_keeper(manifest: &'static Manifest, wait: bool) {
    static KEEPER: Once = Once::new();
    KEEPER.call_once(|| {
        init_v8();
        let (ready, started) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("sandbox-keeper".into()).stack_size(1 << 20).spawn(move || {
            let _isolate = v8::Isolate::new(create_params(manifest));
            let _ = ready.send(());
            loop {
                std::thread::park();
            }
        });
        if spawned.is_ok() && wait {
            let _ = started.recv();
        }
    });
}
