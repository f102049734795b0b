//! `sandbox bundle DIR [--no-bundle] -o FILE` in a process that holds only the bundler, not
//! V8: what `bench/without-v8` times against `sandbox` itself, to show what a bundle process
//! pays for V8 in its image (the loader's relocation of V8's tables, their pages). It bundles
//! as the CLI does (`exits_after`, no maps back to the files, the map written as it is
//! serialized into a file renamed into place), without the CLI's huge-page heap.
//!
//!     cargo build --release -p bundler --example bundle_only
//!     target/release/examples/bundle_only bench/fixtures/ts-50 --no-bundle -o /tmp/map.json

#![allow(clippy::print_stderr)] // a measuring tool reports its own errors

use std::io::Write as _;
use std::path::{Path, PathBuf};

use bundler::{BundleOptions, Mode, bundle};

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (project, output, mode) = match arguments.as_slice() {
        [project, flag, o, output] if flag == "--no-bundle" && o == "-o" => (project, output, Mode::Transform),
        [project, o, output] if o == "-o" => (project, output, Mode::Bundle),
        _ => {
            eprintln!("usage: bundle_only DIR [--no-bundle] -o FILE");
            std::process::exit(2);
        }
    };
    let options = BundleOptions { mode, exits_after: true, skip_origin_maps: true, ..BundleOptions::default() };
    let bundled = bundle(&options, Path::new(project)).unwrap_or_else(|error| {
        eprintln!("bundle_only: {error}");
        std::process::exit(1);
    });
    let output = PathBuf::from(output);
    let partial = output.with_extension("partial");
    let written = std::fs::File::create(&partial).and_then(|file| {
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        bundled.module_map.write_json(&mut writer)?;
        writer.write_all(b"\n")?;
        writer.flush()
    });
    if let Err(error) = written.and_then(|()| std::fs::rename(&partial, &output)) {
        eprintln!("bundle_only: {}: {error}", output.display());
        std::process::exit(1);
    }
    // As `sandbox bundle`: nothing is freed, the process ends.
    std::process::exit(0);
}
