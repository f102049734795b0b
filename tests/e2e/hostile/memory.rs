//! Hostile cases: memory. Each tries to make the process hold memory that `--memory` does not
//! see, through the real binary, and asserts that the run stops at the memory limit (exit 3,
//! the limit named) or fails inside the code as the standard says the allocation fails, with
//! the child's peak RSS within `rss_bound(limit)`: about twice the limit plus a fixed
//! overhead, whatever the code does.

use base64::Engine as _;
use base64::prelude::BASE64_STANDARD;
use wasm_encoder::{
    CodeSection, ExportKind, ExportSection, Function, FunctionSection, Instruction, MemorySection, MemoryType, Module,
    TypeSection, ValType,
};

use crate::support::TestContext;
use crate::support::measure::{MEBIBYTE, Measured, measure, rss_bound};

/// Runs `code` (on stdin) with `--memory <mebibytes>MB`.
fn run(code: &str, mebibytes: u64) -> Measured {
    let context = TestContext::new();
    let limit = format!("{mebibytes}MB");
    measure(&mut context.run(&["-", "--memory", &limit]), Some(code.as_bytes()))
}

/// Asserts the run was stopped at the memory limit of `mebibytes` MiB (exit 3, the limit
/// named on stderr), within the memory bound, and that V8's own out-of-memory report did not
/// reach the user.
#[track_caller]
fn assert_stopped_at_memory_limit(measured: &Measured, mebibytes: u64) {
    measured.assert_exit(3);
    let stderr = measured.stderr();
    assert!(stderr.contains(&format!("stopped at the memory limit of {mebibytes}MiB")), "{}", measured.describe());
    assert_no_v8_report(measured);
    measured.assert_peak_rss_below(rss_bound(mebibytes * MEBIBYTE));
}

/// V8 prints heap addresses in its out-of-memory report; none may reach the user.
#[track_caller]
fn assert_no_v8_report(measured: &Measured) {
    let output = measured.all_output();
    for marker in ["<--- Last few GCs --->", "FATAL ERROR", "Fatal error", "0x55", "0x7f"] {
        assert!(!output.contains(marker), "`{marker}` was printed\n{}", measured.describe());
    }
}

/// A resizable ArrayBuffer's pages come from V8's page allocator, not the ArrayBuffer
/// allocator: growing one past the limit and writing every byte stops at the limit.
#[test]
fn resizable_array_buffer_resize() {
    let code = "const buffer = new ArrayBuffer(0, { maxByteLength: 2 ** 30 });
        buffer.resize(64 << 20);
        new Uint8Array(buffer).fill(1);
        buffer.byteLength";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// Far past the limit (1 GiB at 32 MiB), the operating system refuses V8 the pages (the CLI's
/// `RLIMIT_DATA`): `resize` throws a RangeError, as the standard says a failed allocation
/// does, and the code can catch it.
#[test]
fn resizable_array_buffer_far_past_the_limit() {
    let code = "const buffer = new ArrayBuffer(0, { maxByteLength: 2 ** 30 });
        try { buffer.resize(2 ** 30); } catch (error) { return [error.name, buffer.byteLength]; }";
    let measured = run(code, 32);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "[\"RangeError\",0]\n");
    assert_no_v8_report(&measured);
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// A resizable ArrayBuffer made at full size commits its pages at once.
#[test]
fn resizable_array_buffer_constructed_full() {
    let code = "const keep = [];
        for (;;) {
          const buffer = new ArrayBuffer(64 << 20, { maxByteLength: 64 << 20 });
          new Uint8Array(buffer).fill(1);
          keep.push(buffer);
        }";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// `transfer` of a resizable ArrayBuffer keeps it resizable; growing the new one counts too.
#[test]
fn resizable_array_buffer_transfer() {
    let code = "const keep = [];
        let buffer = new ArrayBuffer(0, { maxByteLength: 2 ** 30 });
        for (;;) {
          buffer = buffer.transfer();
          buffer.resize(buffer.byteLength + (16 << 20));
          new Uint8Array(buffer).fill(1);
        }";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// A growable SharedArrayBuffer grows in place, outside the ArrayBuffer allocator.
#[test]
fn growable_shared_array_buffer_grow() {
    let code = "const buffer = new SharedArrayBuffer(0, { maxByteLength: 2 ** 30 });
        buffer.grow(64 << 20);
        new Uint8Array(buffer).fill(1);
        buffer.byteLength";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// A WebAssembly.Memory made in JavaScript with 1 GiB of initial pages.
#[test]
fn webassembly_memory_initial() {
    let code = "const memory = new WebAssembly.Memory({ initial: 16384 });
        new Uint8Array(memory.buffer).fill(1);
        memory.buffer.byteLength";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// Many small WebAssembly memories, each written in full.
#[test]
fn webassembly_memories_many() {
    let code = "const keep = [];
        for (;;) {
          const memory = new WebAssembly.Memory({ initial: 160 });
          new Uint8Array(memory.buffer).fill(1);
          keep.push(memory);
        }";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// `memory.grow` from JavaScript, up to the 4 GiB maximum.
#[test]
fn webassembly_memory_grow() {
    let code = "const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
        for (;;) {
          memory.grow(160);
          new Uint8Array(memory.buffer).fill(1);
        }";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// A WebAssembly memory's resizable buffer grows the memory when resized.
#[test]
fn webassembly_memory_resizable_buffer() {
    let code = "const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
        const buffer = memory.toResizableBuffer();
        buffer.resize(64 << 20);
        new Uint8Array(buffer).fill(1);
        buffer.byteLength";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// A module that defines a memory of `initial` pages (no maximum) and exports `grow(pages)`
/// (`memory.grow`, from inside WebAssembly) and `fill(offset, length)` (`memory.fill` with
/// ones).
fn growing_module(initial: u64) -> Vec<u8> {
    let mut module = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]);
    types.ty().function([ValType::I32, ValType::I32], []);
    module.section(&types);
    let mut functions = FunctionSection::new();
    functions.function(0);
    functions.function(1);
    module.section(&functions);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: initial,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    module.section(&memories);
    let mut exports = ExportSection::new();
    exports.export("grow", ExportKind::Func, 0);
    exports.export("fill", ExportKind::Func, 1);
    exports.export("memory", ExportKind::Memory, 0);
    module.section(&exports);
    let mut code = CodeSection::new();
    let mut grow = Function::new([]);
    grow.instruction(&Instruction::LocalGet(0));
    grow.instruction(&Instruction::MemoryGrow(0));
    grow.instruction(&Instruction::End);
    code.function(&grow);
    let mut fill = Function::new([]);
    fill.instruction(&Instruction::LocalGet(0));
    fill.instruction(&Instruction::I32Const(1));
    fill.instruction(&Instruction::LocalGet(1));
    fill.instruction(&Instruction::MemoryFill(0));
    fill.instruction(&Instruction::End);
    code.function(&fill);
    module.section(&code);
    module.finish()
}

/// A module map of `main.js` (`code`) and `module.wasm`.
fn wasm_map(code: &str, wasm: &[u8]) -> String {
    serde_json::json!({
        "mainModule": "main.js",
        "modules": { "main.js": code, "module.wasm": { "wasm": BASE64_STANDARD.encode(wasm) } },
    })
    .to_string()
}

fn run_map(map: &str, mebibytes: u64) -> Measured {
    let context = TestContext::new();
    context.write("map.json", map);
    let limit = format!("{mebibytes}MB");
    measure(&mut context.run(&["map.json", "--memory", &limit]), None)
}

/// `memory.grow` inside WebAssembly never passes through JavaScript: a module of the map
/// that grows its memory and writes it, in a loop, stops at the limit.
#[test]
fn webassembly_module_grows_inside() {
    let code = "import module from './module.wasm';
        export default () => {
          const { exports } = new WebAssembly.Instance(module, {});
          let pages = 1;
          for (;;) {
            if (exports.grow(160) < 0) return `memory.grow failed at ${pages} pages`;
            exports.fill(pages * 65536, 160 * 65536);
            pages += 160;
          }
        };";
    let measured = run_map(&wasm_map(code, &growing_module(1)), 32);
    assert_stopped_at_memory_limit(&measured, 32);
}

/// A module of the map that declares 1 GiB of initial memory and writes it all.
#[test]
fn webassembly_module_large_initial_memory() {
    let code = "import module from './module.wasm';
        export default async () => {
          const instance = await WebAssembly.instantiate(module);
          instance.exports.fill(0, 2 ** 30);
          return 'filled';
        };";
    let measured = run_map(&wasm_map(code, &growing_module(16384)), 32);
    assert_stopped_at_memory_limit(&measured, 32);
}

/// Within the limit, a module of the map works as written: its memory grows, its own imports
/// read as they were, and `memory.grow` returns the old size.
#[test]
fn webassembly_module_within_the_limit() {
    let code = "import module from './module.wasm';
        export default () => {
          const { exports } = new WebAssembly.Instance(module, {});
          const before = exports.grow(15);
          exports.fill(0, 16 * 65536);
          return [before, exports.memory.buffer.byteLength, WebAssembly.Module.imports(module).length];
        };";
    let measured = run_map(&wasm_map(code, &growing_module(1)), 32);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "[1,1048576,0]\n");
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// Each pending `Atomics.waitAsync` waiter holds native memory (its node in V8's wait list);
/// a million of them stop at the limit.
#[test]
fn atomics_wait_async_waiters() {
    let code = "const cell = new Int32Array(new SharedArrayBuffer(4));
        const keep = [];
        for (let i = 0; i < 4e6; i++) keep.push(Atomics.waitAsync(cell, 0, 0).value);
        keep.length";
    assert_stopped_at_memory_limit(&run(code, 128), 128);
}

/// A copy of `Atomics.waitAsync` taken before any SharedArrayBuffer exists counts its
/// waiters too (the count is in the one wrapper that exists from the snapshot on).
#[test]
fn atomics_wait_async_taken_early() {
    let code = "const waitAsync = Atomics.waitAsync;
        const cell = new Int32Array(new SharedArrayBuffer(4));
        const keep = [];
        for (let i = 0; i < 4e6; i++) keep.push(waitAsync(cell, 0, 0).value);
        keep.length";
    assert_stopped_at_memory_limit(&run(code, 128), 128);
}

/// Millions of one-byte ArrayBuffers: each costs V8 and malloc about 200 bytes besides its
/// byte, which the budget counts.
#[test]
fn tiny_array_buffers() {
    let code = "const keep = [];
        for (let i = 0; i < 4e6; i++) keep.push(new ArrayBuffer(1));
        keep.length";
    assert_stopped_at_memory_limit(&run(code, 128), 128);
}

/// `Intl` objects hold ICU memory outside the V8 heap (about 27 KiB per DateTimeFormat).
#[test]
fn intl_objects() {
    let code = "const keep = [];
        for (let i = 0; i < 1e5; i++) keep.push(new Intl.DateTimeFormat('en', { timeZone: 'UTC', hour: 'numeric' }));
        keep.length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// Intl objects that are garbage give their ICU memory back: making and dropping many of them
/// (through a function, where V8 checks for interrupts) finishes.
#[test]
fn intl_garbage_is_collected() {
    let code = "const format = (i) => new Intl.DateTimeFormat('en', { timeZone: 'UTC' }).format(i);
        let length = 0;
        for (let i = 0; i < 5000; i++) length += format(i).length;
        length";
    let measured = run(code, 32);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "40000\n");
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// ArrayBuffers that are garbage do not count: allocating far more than the limit, one
/// buffer at a time, finishes.
#[test]
fn array_buffer_garbage_is_collected() {
    let code = "let total = 0;
        for (let i = 0; i < 128; i++) total += new Uint8Array(8 << 20).fill(1).length;
        total";
    let measured = run(code, 32);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "1073741824\n");
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// Filling the heap: V8 gets a fixed room to unwind past the limit, not a second limit.
#[test]
fn heap_growth() {
    let code = "new Array(1e7).fill(0).map((_, i) => ({ i })).length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// V8's serializer writes a string once for each reference to it: `structuredClone` of one
/// 4 MiB string referenced a thousand times would make the host hold 4 GiB.
#[test]
fn structured_clone_of_a_repeated_string() {
    let code = "const text = 'x'.repeat(1 << 22);
        structuredClone(new Array(1000).fill(text)).length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// Each `require()` of a `data` module returns the one ArrayBuffer the module stands for, as
/// in Node and workerd, instead of a new copy of its bytes.
#[test]
fn require_of_a_data_module() {
    let main = "const keep = [];
        for (let i = 0; i < 200; i++) keep.push(require('./big.bin'));
        module.exports = () => [keep.length, keep.every((buffer) => buffer === keep[0])];";
    let map = serde_json::json!({
        "mainModule": "main.cjs",
        "modules": { "main.cjs": { "cjs": main }, "big.bin": { "data": BASE64_STANDARD.encode(vec![1u8; 4 << 20]) } },
    });
    let measured = run_map(&map.to_string(), 32);
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "[200,true]\n");
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// The URL parser percent-encodes in the host: a URL of 12 million `é` becomes 72 MB of
/// UTF-8 there before V8 sees it.
#[test]
fn url_percent_encoding() {
    let code = "new URL('http://example.com/' + '\u{e9}'.repeat(12e6)).href.length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// URLSearchParams serializes in the host too.
#[test]
fn url_search_params_encoding() {
    let code = "const params = new URLSearchParams();
        for (let i = 0; i < 40; i++) params.append('k', '\u{e9}'.repeat(1e6));
        params.toString().length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// A legacy encoding decodes in the host (encoding_rs), into up to three bytes of UTF-8 for
/// each byte: 24 MiB of 0x80 in windows-1252 is 72 MiB of euro signs.
#[test]
fn legacy_text_decoder() {
    let code = "new TextDecoder('windows-1252').decode(new Uint8Array(24 << 20).fill(0x80)).length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// `Request.formData()` parses in the host (multer), which holds every field with its
/// headers: 400,000 empty fields.
#[test]
fn form_data_with_many_fields() {
    let code = "const parts = [];
        for (let i = 0; i < 400000; i++) parts.push('--b\\r\\nContent-Disposition: form-data; name=\"a\"\\r\\n\\r\\n\\r\\n');
        parts.push('--b--\\r\\n');
        const request = new Request('http://localhost/', {
          method: 'POST',
          body: parts.join(''),
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        });
        [...(await request.formData()).keys()].length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// V8 lets one object of any size into its young generation before it checks the heap limit:
/// flattening a string of 2^28 euro signs asks for 512 MiB at once. The CLI's `RLIMIT_DATA`
/// makes the kernel refuse it, and the run ends at its limit.
#[test]
fn one_huge_string() {
    let code = "const text = '\u{20ac}'.repeat(2 ** 28); text.indexOf('y')";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// The same for one huge array: `Array.from` of 30 million elements allocates its 240 MiB of
/// elements at once. V8 ran out of memory here and printed its report, heap addresses
/// included, before the CLI could say which limit stopped the run.
#[test]
fn one_huge_array_and_v8_out_of_memory_report() {
    let code = "Array.from({ length: 3e7 }, (_, i) => i).length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// A builtin that never checks for termination and keeps allocating: `join` of a 160 MiB
/// array.
#[test]
fn huge_join() {
    let code = "new Array(2e7).fill('ab').join('').length";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}

/// Empty ArrayBuffers cost V8 about 200 bytes each outside the heap, which the budget does
/// not see; the CLI's `RLIMIT_DATA` bounds them, and when V8's C++ code then cannot allocate
/// and aborts, the run is reported at its memory limit instead of dying by a signal.
#[test]
fn empty_array_buffers() {
    let code = "const keep = []; for (;;) keep.push(new ArrayBuffer(0));";
    assert_stopped_at_memory_limit(&run(code, 128), 128);
    let code = "const keep = []; for (;;) keep.push(new Uint8Array(0).buffer);";
    assert_stopped_at_memory_limit(&run(code, 128), 128);
}

/// A Node.js Readable that is pushed to and never read buffers every chunk (`push` returns
/// false, and code may ignore it): the buffered chunks count against the limit like any
/// other memory, and the run stops there.
#[test]
fn node_stream_buffering_without_bound() {
    let code = "import { Readable } from 'node:stream';
        const readable = new Readable({ read() {} });
        for (;;) readable.push(new Uint8Array(1 << 16));";
    assert_stopped_at_memory_limit(&run(code, 32), 32);
}
