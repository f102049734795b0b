//! `sandbox`: run untrusted JavaScript and TypeScript in a fresh V8 isolate.

mod allocator;
mod args;
mod commands;
mod compatibility;
mod containment;
mod deadline;
mod dependencies;
mod exit;
mod heap;
mod input;
mod mcp;
mod output;
mod report;
mod serve;
mod settings;
mod sources;
mod tools;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{CacheCommand, Cli, Command};
use crate::exit::ExitStatus;
use crate::output::{Output, Printer, RunDetails};
use crate::report::Report;
use crate::settings::{BundleSettings, InstallSettings, RunSettings};

/// The system allocator, with what the sandbox's thread allocates during a run counted
/// against its `--memory` (the host's copies of data the code controls); mimalloc on the
/// bundler's pool threads (see allocator.rs).
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

fn main() -> ExitCode {
    bundler::on_thread_start(allocator::use_area);
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (2).
            let _ = error.print();
            return if error.use_stderr() { ExitStatus::Usage.into() } else { ExitStatus::Success.into() };
        }
    };
    match cli.command {
        Command::Bundle(args) => {
            heap::use_huge_pages();
            allocator::keep_freed_blocks();
            let output = Output { json: args.json, ..Output::default() };
            match BundleSettings::resolve(args) {
                Ok(settings) => {
                    let printer = Printer::new(settings.output);
                    commands::bundle::bundle(settings, printer).into()
                }
                Err(error) => {
                    let report = Report::from_setup_error(&error);
                    Printer::new(output).command_error(&report);
                    report.status.into()
                }
            }
        }
        Command::Install(args) => {
            let output = Output { json: args.json, ..Output::default() };
            match InstallSettings::resolve(args) {
                Ok(settings) => {
                    let printer = Printer::new(settings.output);
                    commands::install::install(settings, printer).into()
                }
                Err(error) => {
                    let report = Report::from_setup_error(&error);
                    Printer::new(output).command_error(&report);
                    report.status.into()
                }
            }
        }
        Command::Cache(command) => {
            let printer = Printer::new(Output::default());
            match command {
                CacheCommand::Dir => commands::cache::dir(printer).into(),
                CacheCommand::Clean => commands::cache::clean(printer).into(),
            }
        }
        Command::Serve(args) => match serve::settings::ServeSettings::resolve(args) {
            Ok(settings) => serve::serve(settings, Printer::new(Output::default())),
            Err(error) => report_setup_error(&error, Printer::new(Output::default())),
        }
        .into(),
        Command::Mcp(args) => match mcp::settings::McpSettings::resolve(args) {
            Ok(settings) => mcp::mcp(settings, Printer::new(Output::default())),
            Err(error) => report_setup_error(&error, Printer::new(Output::default())),
        }
        .into(),
        Command::Types(args) => {
            let printer = Printer::new(Output { json: args.json, ..Output::default() });
            match crate::settings::tool_sources(&args.tools) {
                Ok((settings, _services)) => {
                    commands::types::types(&settings, args.env_interface, args.output.as_deref(), printer).into()
                }
                Err(error) => {
                    let report = Report::from_setup_error(&error);
                    printer.command_error(&report);
                    report.status.into()
                }
            }
        }
        Command::Run(args) => {
            let output = Output { json: args.json, pretty: args.pretty, ..Output::default() };
            match RunSettings::resolve(args) {
                Ok(settings) => {
                    let printer = Printer::new(settings.output);
                    commands::run::run(settings, printer).into()
                }
                Err(error) => report_setup_error(&error, Printer::new(output)).into(),
            }
        }
    }
}

/// Errors found before any work: bad flags (exit 2), or anything unexpected (exit 70).
fn report_setup_error(error: &anyhow::Error, printer: Printer) -> ExitStatus {
    let report = Report::from_setup_error(error);
    printer.report(&report, RunDetails::default());
    report.status
}
