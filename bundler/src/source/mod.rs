//! The one-file pipeline: `prepare` (`prepare_source`, and `prepare_file` for a file of a
//! project) takes one file through
//! `parse` (swc, its lexer guarded by `depth`), `fence` (a markdown fence blanked out),
//! `normalize` (agent code to an ES module), `strip_types` (TypeScript, JSX and decorators;
//! `merged_namespaces`), `define` and `dead_branches`, `minify` and `emit` (code and a source
//! map), and `imports` finds each import specifier in the code. In transform mode a
//! TypeScript module that needs no more has its types blanked out of its text instead
//! (`blank_types`), and skips `strip_types` and `emit`. `compilation` is the swc
//! context of one file. Nothing here knows about other files: the project (`crate::project`)
//! resolves what a file imports.

pub(crate) mod blank_types;
pub(crate) mod compilation;
pub(crate) mod dead_branches;
pub(crate) mod define;
pub(crate) mod emit;
pub(crate) mod fence;
pub(crate) mod imports;
pub(crate) mod merged_namespaces;
pub(crate) mod minify;
pub(crate) mod normalize;
pub(crate) mod parse;
pub(crate) mod prepare;
pub(crate) mod strip_types;
