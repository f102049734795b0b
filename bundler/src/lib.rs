//! Turns JavaScript and TypeScript into modules that V8 loads, and reads and writes the
//! module map that Cloudflare's Worker Loader `load()` takes.
//!
//! [`bundle`] takes a project on disk, a directory or its entry file, and returns a
//! [`ModuleMap`] of everything the entry needs:
//!
//! - The entry of a directory is `main` in its wrangler config, or `exports`, `module` or
//!   `main` in `package.json`, or the first of [`DEFAULT_ENTRIES`] ([`EntryRule`]).
//! - Imports resolve with `oxc_resolver` as Node, TypeScript and a Worker build resolve them:
//!   extensions may be left out, `./util.js` finds `util.ts`, `tsconfig.json` `paths` apply,
//!   packages in `node_modules` are found by their `exports` (conditions `workerd`, `worker`,
//!   `browser`, `import`), `module` or `main`, and a `browser` field can replace files.
//! - Only files in the project's directory (see [`bundle`]), in the `node_modules` directories
//!   Node searches from it (its own and those above it) and in
//!   [`BundleOptions::node_modules`] are read, their symbolic links followed: an import,
//!   `require`, `package.json` or `tsconfig.json` field (`extends` too) or wrangler `main` that
//!   leads anywhere else is an error, so code being bundled cannot pull files from elsewhere on
//!   the machine into the sandbox.
//! - Each file is prepared as [`prepare_source`] prepares one (only the entry may be agent
//!   code), with the JSX and decorator settings of its `tsconfig.json` and
//!   [`BundleOptions::defines`].
//! - [`Mode::Bundle`] (the default) links the files into one ES module, named as the entry
//!   with `.js`: scope-hoisted (each module's top-level code in evaluation order, imports
//!   replaced by the bindings they name), tree-shaken, CommonJS wrapped in closures that run
//!   on the first `require` and read through esbuild's interop, so default and named imports
//!   work; `import()` of a bundled file loads it lazily. JSON and text are inlined; bytes and
//!   WebAssembly stay modules of their own. What it can't link as the runtime would run the
//!   files (see [`Bundle::fallback`]) is bundled in transform mode instead.
//! - [`Mode::Transform`] makes each file a module named by its path from the project's
//!   directory (`src/lib/util.ts`, `node_modules/hono/dist/index.js`), with every import
//!   specifier rewritten to the module it names. ES module semantics stay the runtime's:
//!   nothing is hoisted or renamed, so circular imports, live bindings and `import()` behave
//!   as in the files. CommonJS files (`.cjs`, `.cts`, and `.js` without `import`/`export`
//!   that uses `require`, outside `"type": "module"` packages) are `cjs` modules; `.json`,
//!   `.txt` `.html` `.md` `.css` `.svg` `.sql`, `.bin` and `.wasm` files are `json`, `text`,
//!   `data` and `wasm` modules.
//! - `cloudflare:` modules and those named by [`BundleOptions::externals`] are left to the
//!   runtime; a Node.js built-in module (`node:fs`) is an error otherwise.
//!
//! [`prepare_source`] takes one file, as written by a person or by a language model:
//!
//! - TypeScript and JSX are stripped with swc (enums, namespaces and parameter properties
//!   compile; type-only imports are elided).
//! - Code without `export` is *agent code*. A markdown fence around it is blanked out, and it
//!   becomes an ES module whose default export is a function, following the rules of
//!   `normalizeCode` in `@cloudflare/codemode`: statements become the body of an async
//!   function that returns the last expression (top-level `return` and `await` work), a lone
//!   function is exported as it is. [`Shape`] says which rule applied.
//! - Plain JavaScript modules with `export` are returned untouched.
//!
//! Diagnostics and the [`SourceMap`] always point into the input as given, lines and
//! UTF-16 columns 1-based, as V8 reports them.
//!
//! [`ModuleMap`] is the `{ mainModule, modules }` JSON shape, read with a location for every
//! error and written deterministically.
//!
//! # Performance
//!
//! A 20-line TypeScript file takes about 35 µs in a warm release build, and 0.4 to 0.6 ms as
//! the first call of a process, most of it the first run of swc's code. Each call sets up its
//! own small swc context. [`bundle`] reads, parses and strips a project's files on a thread
//! pool ([`BundleOptions::threads`], one thread per core by default), made on the first call
//! and kept for the process; its map is the same whatever the number of threads.
//!
//! # Limits
//!
//! - In transform mode nothing is tree-shaken, and an ES module's named imports of CommonJS
//!   go through a facade module (`<name>.esm.js`) that reads them once the CommonJS module
//!   has run, as Node does.
//! - In bundle mode, a lazily evaluated module's top-level `let`, `const` and `class` have no
//!   temporal dead zone, and top-level `await` delays the modules after it (see the README).
//! - `require()` is only followed in CommonJS files, and only with a string literal; an
//!   `import()` with a computed specifier is left as written.
//! - Imports are elided as `tsc` elides them without `verbatimModuleSyntax`: an import whose
//!   bindings are all unused, or used only as types, is removed.
//! - `.cts` files are parsed as strict code, so sloppy-mode-only syntax (`with`, legacy octal
//!   literals) is rejected there, and ES `import`/`export` in them is an error rather than
//!   compiled to `require`.
//! - Dead branches (`if`, `?:`, `&&`, `||` with a constant test) are removed only in files
//!   where a define replaced something, such as a package's `process.env.NODE_ENV` switch;
//!   a constant written in the code itself (`if (false) require("./x")`) is kept, and its
//!   import followed, where esbuild would leave it out.
//! - A name one block of a merged `namespace` exports is qualified in its other blocks (as
//!   `tsc` does; swc's pass does not, swc-project/swc#11514) only for a namespace named by
//!   one identifier: two `namespace A.B { … }` blocks still do not see each other's names.
//! - Lines count at `\n`; see [`SourceMap`] for U+2028 and U+2029 in string literals.
//! - Code nested more than 2,000 levels deep (expressions, statements, types, JSX elements
//!   inside one another), or with far more nested scopes for its size than real code, is a
//!   `nested-too-deeply` diagnostic at its position: bundling runs on a stack of its own, the
//!   parser is stopped before it takes a quarter of it, and no pass sees a deeper tree.
//! - A bundle reads at most [`BundleOptions::max_source_size`] bytes of source
//!   ([`DEFAULT_MAX_SOURCE_SIZE`], 32 MiB); bundling holds about 25 times the source it reads
//!   for real code, and at most 300 times (plus the stack) for any code.
//!
//! ```
//! use std::path::Path;
//!
//! use bundler::{BundleOptions, EntryRule, Mode, Module, bundle};
//!
//! let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wrangler_toml");
//! let options = BundleOptions {
//!     cwd: Some(project.clone()),
//!     ..BundleOptions::default()
//! };
//! let bundled = bundle(&options, &project)?;
//! assert_eq!(bundled.rule, EntryRule::Wrangler("wrangler.toml".to_owned()));
//! let map = &bundled.module_map;
//! assert_eq!(map.main_module, "src/greeter.js");
//! assert_eq!(map.compatibility_date.as_deref(), Some("2025-06-01"));
//! // One module: `style` of src/style.ts is in it, and `cloudflare:workers` is imported.
//! let Module::Js(code) = &map.modules["src/greeter.js"] else {
//!     unreachable!("a bundle is an ES module")
//! };
//! assert!(code.contains(r#"const style = "formal";"#));
//!
//! // In transform mode, `import { style } from "./style"` names the module `src/style.ts`.
//! let options = BundleOptions { mode: Mode::Transform, ..options };
//! let map = bundle(&options, &project)?.module_map;
//! let Module::Js(code) = &map.modules["src/greeter.ts"] else {
//!     unreachable!("TypeScript becomes an ES module")
//! };
//! assert!(code.contains(r#"from "./style.ts""#));
//! # Ok::<(), bundler::BundleError>(())
//! ```
//!
//! ```
//! use std::collections::BTreeMap;
//!
//! use bundler::{Language, Module, ModuleMap, Shape, SourceInput, prepare_source};
//!
//! let prepared = prepare_source(&SourceInput {
//!     file: "agent.ts",
//!     text: "const answer: number = 6 * 7;\nanswer",
//!     language: Language::Ts,
//! })?;
//! assert_eq!(prepared.shape, Shape::Statements);
//! assert!(prepared.code.starts_with("export default async function"));
//! // `return answer;` is on line 3 of the code and came from line 2 of agent.ts.
//! let source_map = prepared.source_map.as_ref().expect("the code was rewritten");
//! assert_eq!(source_map.original_position(3, 5), Some((2, 1)));
//!
//! let map = ModuleMap {
//!     compatibility_date: Some("2025-01-01".to_owned()),
//!     compatibility_flags: Vec::new(),
//!     main_module: "agent.js".to_owned(),
//!     modules: BTreeMap::from([("agent.js".to_owned(), Module::Js(prepared.code))]),
//! };
//! assert_eq!(ModuleMap::from_json("modules.json", &map.to_json())?, map);
//! # Ok::<(), bundler::Diagnostic>(())
//! ```

mod bundle;
mod cache;
#[cfg(test)]
mod cache_tests;
mod depth;
#[cfg(test)]
mod depth_tests;
mod diagnostics;
mod language;
mod link;
mod module_map;
mod pool;
mod position;
mod project;
mod source;
#[cfg(test)]
mod threads_tests;

pub use bundle::{Bundle, BundleOptions, DEFAULT_MAX_SOURCE_SIZE, Mode, bundle};
pub use diagnostics::error::{BundleError, Located};
pub use diagnostics::{Diagnostic, DiagnosticCode, Import, UnresolvedReason};
pub use language::Language;
pub use link::transform::Origin;
pub use module_map::{Module, ModuleKind, ModuleMap};
pub use pool::{MAX_THREADS, on_thread_start};
pub use position::Location;
pub use position::source_map::SourceMap;
pub use project::entry::{DEFAULT_ENTRIES, EntryRule};
pub use source::define::Define;
pub use source::normalize::Shape;
pub use source::prepare::{Prepared, SourceInput, prepare_source};
