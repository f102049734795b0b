//! Every limit stops real, hostile code in a real isolate, and the process survives it. The
//! tests assert which limit stopped a run, never how fast: each run has a hang guard
//! (`support::HangGuard`), and where another limit would also end the run, that one is far
//! away or its stop would show in the outcome.

mod support;

use std::sync::mpsc;
use std::time::Duration;

use executor::{
    Console, DiscardConsole, Invocation, Limit, Limits, LogLevel, ModuleKind, ModuleSource, Options, RunError, Sandbox,
};
use support::HangGuard;

fn run_with(code: &str, limits: Limits) -> (Result<Option<String>, RunError>, executor::Stats) {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let options = Options { limits, ..Options::default() };
    let sandbox = Sandbox::new(options);
    let _guard = HangGuard::new(&sandbox);
    let outcome = sandbox.run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    (outcome.result.map(|value| value.map(|json| json.get().to_owned())), outcome.stats)
}

fn limits(cpu_ms: u64, wall_ms: u64, heap_mib: usize) -> Limits {
    Limits {
        cpu_time: Duration::from_millis(cpu_ms),
        wall_time: Duration::from_millis(wall_ms),
        heap_bytes: heap_mib << 20,
    }
}

fn expect_limit(code: &str, limits: Limits, expected: Limit) {
    let (result, _) = run_with(code, limits);
    match result {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, expected, "wrong limit for {code}"),
        other => panic!("expected {expected:?} for {code}, got {other:?}"),
    }
}

/// An infinite loop is stopped by the CPU limit (the wall-clock limit, an hour away, never
/// comes).
#[test]
fn cpu_limit_stops_infinite_loop() {
    expect_limit(
        "export default () => { for (;;) {} }",
        limits(200, 3_600_000, 128),
        Limit::CpuTime(Duration::from_millis(200)),
    );
}

/// An endless chain of microtasks (no macrotask ever runs) is stopped by the CPU limit.
#[test]
fn cpu_limit_stops_endless_microtasks() {
    let code = "export default () => { const spin = () => { Promise.resolve().then(spin); }; spin(); return new Promise(() => {}); }";
    expect_limit(code, limits(200, 30_000, 128), Limit::CpuTime(Duration::from_millis(200)));
}

/// A busy loop is stopped by the wall-clock limit when that comes first.
#[test]
fn wall_limit_stops_busy_loop() {
    expect_limit(
        "export default () => { for (;;) {} }",
        limits(10_000, 200, 128),
        Limit::WallTime(Duration::from_millis(200)),
    );
}

/// Waiting for a far-away timer is stopped by the wall-clock limit, not by sleeping it out:
/// the timer is an hour away, and an event loop that slept through the stop would be caught
/// by the hang guard.
#[test]
fn wall_limit_stops_long_timer() {
    expect_limit(
        "export default () => new Promise((resolve) => setTimeout(resolve, 3_600_000))",
        limits(10_000, 300, 128),
        Limit::WallTime(Duration::from_millis(300)),
    );
}

/// `Atomics.wait` blocking forever is woken and stopped by the wall-clock limit.
#[test]
fn wall_limit_stops_atomics_wait() {
    let code = "export default () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)";
    expect_limit(code, limits(10_000, 300, 128), Limit::WallTime(Duration::from_millis(300)));
}

/// Filling the heap with live objects is stopped by the memory limit.
#[test]
fn heap_limit_stops_object_bomb() {
    let code = "export default () => { const keep = []; for (;;) keep.push(new Array(100000).fill({})); }";
    expect_limit(code, limits(10_000, 30_000, 64), Limit::Memory(64 << 20));
}

/// Building ever more large strings is stopped by the memory limit.
#[test]
fn heap_limit_stops_string_bomb() {
    let code = "export default () => { const keep = []; const s = 'x'.repeat(1 << 20); for (let i = 0; ; i++) keep.push((s + i).toUpperCase()); }";
    expect_limit(code, limits(10_000, 30_000, 64), Limit::Memory(64 << 20));
}

/// ArrayBuffers live outside the V8 heap; their budget stops a buffer bomb.
#[test]
fn array_buffer_budget_stops_buffer_bomb() {
    let code = "export default () => { const keep = []; for (;;) keep.push(new ArrayBuffer(16 << 20)); }";
    expect_limit(code, limits(10_000, 30_000, 64), Limit::Memory(64 << 20));
}

/// A single ArrayBuffer larger than the budget is refused, and the run stops.
#[test]
fn array_buffer_budget_refuses_huge_buffer() {
    let code = "export default () => { try { new ArrayBuffer(2 ** 32); } catch {} return 'caught and carried on'; }";
    expect_limit(code, limits(10_000, 30_000, 64), Limit::Memory(64 << 20));
}

/// A raw deflate stream of `mebibytes` MiB of zeros, about 1 KiB per MiB: one compressed MiB
/// repeated, as its blocks only refer back to zeros.
fn deflate_bomb(mebibytes: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let zeros = vec![0u8; 1 << 20];
    let mut compressor = Compress::new(Compression::best(), false);
    let mut block = |input: &[u8], flush| {
        let mut output = Vec::with_capacity(64 << 10);
        compressor.compress_vec(input, &mut output, flush).expect("compresses");
        output
    };
    let first = block(&zeros, FlushCompress::Sync);
    let repeated = block(&zeros, FlushCompress::Sync);
    let end = block(&[], FlushCompress::Finish);
    let mut bomb = first;
    for _ in 1..mebibytes {
        bomb.extend_from_slice(&repeated);
    }
    bomb.extend_from_slice(&end);
    bomb
}

/// A decompression bomb (a small deflate stream that expands to 256 MiB) ends at the memory
/// limit: DecompressionStream's output is ArrayBuffers counted by the run's budget, never
/// host memory.
#[test]
fn memory_limit_stops_decompression_bomb() {
    let bomb = deflate_bomb(256);
    assert!(bomb.len() < 512 << 10, "the bomb is small: {} bytes", bomb.len());
    let code = b"import bomb from './bomb.bin';
        export default async () => {
          const output = ReadableStream.from([new Uint8Array(bomb)]).pipeThrough(new DecompressionStream('deflate-raw'));
          const chunks = [];
          for await (const chunk of output) chunks.push(chunk);
          return chunks.length;
        };";
    let modules = [
        ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code },
        ModuleSource { specifier: "bomb.bin", kind: ModuleKind::Data, code: &bomb },
    ];
    let options = Options { limits: limits(30_000, 60_000, 32), ..Options::default() };
    let outcome = Sandbox::new(options).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    match outcome.result {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::Memory(32 << 20)),
        other => panic!("expected the memory limit, got {other:?}"),
    }
}

/// node:zlib's inflateRawSync of the same bomb ends at the memory limit too, before its
/// 128 MiB maxOutputLength: every chunk of its output is an ArrayBuffer of the run's, and the
/// budget's peak stays within the limit (plus nothing the host holds).
#[test]
fn memory_limit_stops_node_zlib_bomb() {
    let bomb = deflate_bomb(256);
    let code = b"import bomb from './bomb.bin';
        import zlib from 'node:zlib';
        export default () => zlib.inflateRawSync(new Uint8Array(bomb)).length;";
    let modules = [
        ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code },
        ModuleSource { specifier: "bomb.bin", kind: ModuleKind::Data, code: &bomb },
    ];
    let options = Options { limits: limits(30_000, 60_000, 32), ..Options::default() };
    let outcome = Sandbox::new(options).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    match outcome.result {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::Memory(32 << 20)),
        other => panic!("expected the memory limit, got {other:?}"),
    }
    let peak = outcome.stats.array_buffer_peak_bytes;
    assert!(peak <= 32 << 20, "the output stopped at the budget, peak {peak} bytes");
}

/// Compression streams that are started and never finished keep zlib's state on the host; it
/// counts against the memory limit too, so piling them up ends the run.
#[test]
fn memory_limit_counts_unfinished_compression_streams() {
    let code = "export default async () => {
      const keep = [];
      for (;;) {
        const stream = new CompressionStream('gzip');
        const reader = stream.readable.getReader();
        reader.read();
        const writer = stream.writable.getWriter();
        await writer.write(new Uint8Array(1));
        keep.push(stream, reader, writer);
      }
    }";
    expect_limit(code, limits(30_000, 60_000, 32), Limit::Memory(32 << 20));
}

/// Deep recursion is a catchable RangeError, not a crash.
#[test]
fn deep_recursion_is_a_catchable_range_error() {
    let code =
        "export default () => { const f = (n) => f(n + 1) + 1; try { f(0); } catch (error) { return error.name; } }";
    let (result, _) = run_with(code, Limits::default());
    assert_eq!(result.expect("the run succeeds").as_deref(), Some("\"RangeError\""));
}

/// Uncaught deep recursion fails the run with the RangeError.
#[test]
fn uncaught_deep_recursion_fails_the_run() {
    let (result, _) = run_with("export default () => { const f = () => f(); f(); }", Limits::default());
    match result {
        Err(RunError::Exception(exception)) => assert_eq!(exception.name, "RangeError"),
        other => panic!("expected a RangeError, got {other:?}"),
    }
}

/// Tells another thread that the code runs, on its first console message.
struct Running(mpsc::Sender<()>);

impl Console for Running {
    fn log(&mut self, _level: LogLevel, _message: &str) {
        let _ = self.0.send(());
    }
}

/// A cancel handle stops a running sandbox from another thread: the code says it runs and
/// spins, and the other thread cancels it on that message (without it, the CPU limit would
/// end the run, with another error).
#[test]
fn cancel_handle_interrupts() {
    let modules = [ModuleSource {
        specifier: "main.js",
        kind: ModuleKind::EsModule,
        code: b"export default () => { console.log('running'); for (;;) {} }",
    }];
    let sandbox = Sandbox::new(Options::default());
    let cancel = sandbox.cancel_handle();
    let (running, started) = mpsc::channel();
    let canceller = std::thread::spawn(move || {
        started.recv().expect("the code says it runs");
        cancel.cancel();
    });
    let outcome = sandbox.run("main.js", &modules, &Invocation::default(), Box::new(Running(running)));
    canceller.join().expect("canceller thread");
    assert!(matches!(outcome.result, Err(RunError::Interrupted)), "{:?}", outcome.result);
}

/// After all of the above in one process, a normal run still works.
#[test]
fn process_survives_and_runs_again() {
    let _ = run_with(
        "export default () => { const keep = []; for (;;) keep.push(new Array(100000).fill({})); }",
        limits(10_000, 30_000, 32),
    );
    let (result, _) = run_with("export default () => 6 * 7", Limits::default());
    assert_eq!(result.expect("runs").as_deref(), Some("42"));
}

/// crypto.subtle writes its results into ArrayBuffers of the run, so they count against the
/// budget: keeping ciphertexts stops the run at the memory limit.
#[test]
fn array_buffer_budget_counts_crypto_subtle_results() {
    let code = "export default async () => {
        const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']);
        const plaintext = new Uint8Array(8 << 20);
        const keep = [];
        for (;;) keep.push(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, plaintext));
    }";
    expect_limit(code, limits(30_000, 60_000, 64), Limit::Memory(64 << 20));
}

/// The native work of crypto.subtle runs on the isolate's thread and counts as its CPU time.
#[test]
fn cpu_limit_stops_crypto_subtle_loop() {
    let code = "export default async () => {
        const data = new Uint8Array(1 << 20);
        for (;;) await crypto.subtle.digest('SHA-256', data);
    }";
    expect_limit(code, limits(300, 30_000, 128), Limit::CpuTime(Duration::from_millis(300)));
}

/// PBKDF2 runs inside one host call, which V8 cannot interrupt; with the largest iteration
/// count (2^32 - 1, hours of HMAC) the call looks at the run's stop flag between rounds and
/// the run stops at the CPU limit. Without that, the run would hang until the hang guard.
#[test]
fn cpu_limit_stops_pbkdf2_inside_one_call() {
    let code = "export default async () => {
        const key = await crypto.subtle.importKey('raw', new Uint8Array(8), 'PBKDF2', false, ['deriveBits']);
        return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(8), iterations: 4294967295 }, key, 256);
    }";
    expect_limit(code, limits(200, 3_600_000, 128), Limit::CpuTime(Duration::from_millis(200)));
}

/// RSA key generation of an 8192-bit modulus takes seconds of prime search inside one host
/// call; the search looks at the stop flag between candidates, so the run stops at the CPU
/// limit, not seconds after it.
#[test]
fn cpu_limit_stops_rsa_key_generation_inside_one_call() {
    let code = "export default () => crypto.subtle.generateKey(
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: 8192, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        false, ['sign'])";
    let (result, stats) = run_with(code, limits(200, 3_600_000, 128));
    match result {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::CpuTime(Duration::from_millis(200))),
        other => panic!("expected the CPU limit, got {other:?}"),
    }
    assert!(stats.cpu < Duration::from_secs(1), "the run used {:?} of CPU at a limit of 200ms", stats.cpu);
}

/// A resizable ArrayBuffer's pages come from V8's page allocator, not the ArrayBuffer
/// allocator; resizing one past the limit stops the run at the memory limit.
#[test]
fn memory_limit_counts_resizable_array_buffers() {
    let code = "export default () => {
        const buffer = new ArrayBuffer(0, { maxByteLength: 2 ** 30 });
        buffer.resize(2 ** 30);
        new Uint8Array(buffer).fill(1);
        return buffer.byteLength;
    }";
    expect_limit(code, limits(10_000, 30_000, 32), Limit::Memory(32 << 20));
}

/// WebAssembly memories made in JavaScript count, and so does their growth.
#[test]
fn memory_limit_counts_webassembly_memory() {
    let code = "export default () => {
        const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
        for (;;) { memory.grow(160); new Uint8Array(memory.buffer).fill(1); }
    }";
    expect_limit(code, limits(10_000, 30_000, 32), Limit::Memory(32 << 20));
}

/// A module with one memory of one page that exports `grow(pages)`, a `memory.grow` inside
/// WebAssembly.
fn growing_module() -> Vec<u8> {
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, Instruction, MemorySection, MemoryType,
        Module, TypeSection, ValType,
    };
    let mut module = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]);
    module.section(&types);
    let mut functions = FunctionSection::new();
    functions.function(0);
    module.section(&functions);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    module.section(&memories);
    let mut exports = ExportSection::new();
    exports.export("grow", ExportKind::Func, 0);
    module.section(&exports);
    let mut code = CodeSection::new();
    let mut grow = Function::new([]);
    grow.instruction(&Instruction::LocalGet(0));
    grow.instruction(&Instruction::MemoryGrow(0));
    grow.instruction(&Instruction::End);
    code.function(&grow);
    module.section(&code);
    module.finish()
}

/// `memory.grow` inside a module of the map asks the budget first: growing past the limit
/// returns -1, as a refused growth does, and stops the run.
#[test]
fn memory_limit_counts_webassembly_module_growth() {
    let wasm = growing_module();
    let code = b"import module from './module.wasm';
        export default () => {
          const { exports } = new WebAssembly.Instance(module, {});
          const results = [];
          for (let i = 0; i < 8; i++) results.push(exports.grow(160));
          return results;
        };";
    let modules = [
        ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code },
        ModuleSource { specifier: "module.wasm", kind: ModuleKind::Wasm, code: &wasm },
    ];
    let options = Options { limits: limits(10_000, 30_000, 32), ..Options::default() };
    let outcome = Sandbox::new(options).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    match outcome.result {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::Memory(32 << 20)),
        other => panic!("expected the memory limit, got {other:?}"),
    }
}

/// Within the limit the rewritten module grows as written.
#[test]
fn webassembly_module_grows_within_the_limit() {
    let wasm = growing_module();
    let code = b"import module from './module.wasm';
        export default () => {
          const { exports } = new WebAssembly.Instance(module, {});
          return [exports.grow(1), exports.grow(2), WebAssembly.Module.imports(module).length];
        };";
    let modules = [
        ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code },
        ModuleSource { specifier: "module.wasm", kind: ModuleKind::Wasm, code: &wasm },
    ];
    let outcome =
        Sandbox::new(Options::default()).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    assert_eq!(outcome.result.expect("runs").map(|json| json.get().to_owned()).as_deref(), Some("[1,2,0]"));
}

/// ICU's memory behind Intl objects counts: keeping DateTimeFormats stops the run.
#[test]
fn memory_limit_counts_intl_objects() {
    let code = "export default () => {
        const keep = [];
        for (let i = 0; i < 1e5; i++) keep.push(new Intl.DateTimeFormat('en', { timeZone: 'UTC' }));
        return keep.length;
    }";
    expect_limit(code, limits(30_000, 60_000, 32), Limit::Memory(32 << 20));
}

/// ArrayBuffers that are garbage give their budget back before a new one is refused.
#[test]
fn array_buffer_garbage_does_not_count() {
    let code = "export default () => {
        let total = 0;
        for (let i = 0; i < 128; i++) total += new Uint8Array(8 << 20).fill(1).length;
        return total;
    }";
    let (result, _) = run_with(code, limits(30_000, 60_000, 32));
    assert_eq!(result.expect("the run succeeds").as_deref(), Some("1073741824"));
}

/// Every `require()` of a data module returns the same buffer, made once.
#[test]
fn data_module_is_made_once() {
    let data = vec![1u8; 1 << 20];
    let code = b"const a = require('./data.bin'); const b = require('./data.bin');
        module.exports = () => [a === b, a.byteLength];";
    let modules = [
        ModuleSource { specifier: "main.cjs", kind: ModuleKind::CommonJs, code },
        ModuleSource { specifier: "data.bin", kind: ModuleKind::Data, code: &data },
    ];
    let outcome =
        Sandbox::new(Options::default()).run("main.cjs", &modules, &Invocation::default(), Box::new(DiscardConsole));
    assert_eq!(outcome.result.expect("runs").map(|json| json.get().to_owned()).as_deref(), Some("[true,1048576]"));
}
