//! npm dependencies for sandbox: `.npmrc`-aware registry client, npm's resolution, the
//! lockfile npm writes, and a content-addressed cache whose entries are checked against
//! their integrity before they exist.
//!
//! [`install`] makes a project's `node_modules` as `npm install` would (from
//! `package-lock.json` exactly as written, or resolved and written to it);
//! [`install_dependencies`] does the same for code without a `package.json`, in a layout
//! kept in the [`Cache`]. Both report fetches through a [`Reporter`] and never print.
//!
//! ```no_run
//! use std::path::Path;
//!
//! use npm_cache::{Cache, InstallOptions, NpmConfig, install};
//!
//! let environment: Vec<(String, String)> = std::env::vars().collect();
//! let project = Path::new("my-worker");
//! let config = NpmConfig::load(project, &environment)?;
//! let cache = Cache::from_environment(&environment);
//! let installed = install(project, &cache, &config, &InstallOptions::default(), &())?;
//! println!("{} packages in {}", installed.packages, installed.node_modules.display());
//! # Ok::<(), npm_cache::InstallError>(())
//! ```
//!
//! What the crate guarantees:
//!
//! - Every tarball is hashed while it streams to disk and compared with the lockfile's or
//!   packument's `integrity` (sha512; sha1 only where the registry has nothing better) before
//!   it is unpacked; a mismatch is an error, never a cache entry.
//! - Unpacking refuses absolute paths, `..`, links out of the package, device files and
//!   archives past [`Limits`], naming the package and the entry.
//! - Entries are unpacked in the cache's `tmp/` and renamed into place whole, under a file
//!   lock per entry, so processes can share a cache and a crash leaves no half entry; an
//!   entry whose files changed on disk is detected (size and modification time against its
//!   index) and fetched again.
//! - Credentials come only from the user's own configuration (never a project's `.npmrc`,
//!   which may choose registries and nothing else, and is never expanded from the
//!   environment), go only to the registry they are keyed to, and appear in no error,
//!   lockfile or `Debug` output.

mod cache;
mod client;
mod config;
mod error;
mod extract;
mod install;
mod integrity;
mod layout;
mod lockfile;
mod packument;
mod registry;
mod reporter;
mod resolve;
mod spec;

pub use cache::Cache;
pub use config::{DEFAULT_REGISTRY, NpmConfig};
pub use error::{InstallError, Refusal};
pub use extract::Limits;
pub use install::{InstallOptions, Installed, install, install_dependencies, missing_dependencies};
pub use integrity::{Algorithm, Integrity};
pub use lockfile::{LockEntry, Lockfile, PackageJson};
pub use packument::{Manifest, Packument};
pub use registry::RegistryClient;
pub use reporter::{FetchKind, FetchOutcome, Reporter};
pub use spec::{Spec, UnsupportedKind, is_valid_name, split_name};
