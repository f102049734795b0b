//! CompressionStream output is the standard formats, read back by an independent decoder on
//! the host (flate2's gzip and zlib framing), and DecompressionStream reads what the host
//! compressed. The fixture `streams_compression` also decompresses files made by GNU gzip
//! and by Python's zlib.

use std::io::Read;

use executor::{DiscardConsole, Invocation, ModuleKind, ModuleSource, Options, Sandbox};

const TEXT: &str = "Compressed in the sandbox, checked on the host. ";

fn run(code: &str, data: &[u8]) -> String {
    let modules = [
        ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() },
        ModuleSource { specifier: "data.bin", kind: ModuleKind::Data, code: data },
    ];
    let outcome =
        Sandbox::new(Options::default()).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    let json = outcome.result.expect("the run succeeds").expect("a result");
    serde_json::from_str(json.get()).expect("a JSON string")
}

/// Compresses `TEXT` repeated 500 times in the sandbox, fed in uneven pieces, and returns
/// the bytes.
fn compress_in_sandbox(format: &str) -> Vec<u8> {
    let code = format!(
        "export default async () => {{
          const bytes = new TextEncoder().encode({text:?}.repeat(500));
          const pieces = [bytes.subarray(0, 1), bytes.subarray(1, 5000), bytes.subarray(5000)];
          const stream = ReadableStream.from(pieces).pipeThrough(new CompressionStream({format:?}));
          let binary = '';
          for await (const chunk of stream) for (const byte of chunk) binary += String.fromCharCode(byte);
          return binary;
        }};",
        text = TEXT,
        format = format,
    );
    run(&code, b"").chars().map(|c| c as u8).collect()
}

fn expected() -> String {
    TEXT.repeat(500)
}

/// A gzip member made in the sandbox is read by the host's gzip decoder, with its header
/// and its CRC-32 and length trailer checked.
#[test]
fn sandbox_gzip_reads_on_the_host() {
    let compressed = compress_in_sandbox("gzip");
    assert_eq!(&compressed[..3], &[0x1f, 0x8b, 0x08]);
    let mut text = String::new();
    flate2::read::GzDecoder::new(&compressed[..]).read_to_string(&mut text).expect("valid gzip");
    assert_eq!(text, expected());
}

/// `deflate` is the zlib format (RFC 1950) and `deflate-raw` bare deflate (RFC 1951).
#[test]
fn sandbox_deflate_and_raw_read_on_the_host() {
    let mut text = String::new();
    flate2::read::ZlibDecoder::new(&compress_in_sandbox("deflate")[..]).read_to_string(&mut text).expect("valid zlib");
    assert_eq!(text, expected());
    text.clear();
    flate2::read::DeflateDecoder::new(&compress_in_sandbox("deflate-raw")[..])
        .read_to_string(&mut text)
        .expect("valid deflate");
    assert_eq!(text, expected());
}

/// A gzip member made on the host decompresses in the sandbox.
#[test]
fn host_gzip_reads_in_the_sandbox() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, expected().as_bytes()).expect("compresses");
    let compressed = encoder.finish().expect("finishes");
    let code = "import data from './data.bin';
      export default async () => {
        const stream = ReadableStream.from([new Uint8Array(data)]).pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream());
        let text = '';
        for await (const piece of stream) text += piece;
        return text;
      };";
    assert_eq!(run(code, &compressed), expected());
}
