//! The bundle cache ([`BundleOptions::cache`](crate::BundleOptions::cache)): what bundling
//! made of a project, kept in a directory so that the next run over unchanged files does not
//! parse, strip and write them again.
//!
//! One file, a *pack*, per project entry and options (its [`Pack::fingerprint`], which also
//! names the build of the program, so that a new build never reads an old one's records):
//!
//! - a record of each code file's preparation (the code, its source map, its imports, what its
//!   parse counted), without the syntax tree, keyed by [`Pack::file_key`]: a hash of the
//!   file's bytes and of everything its preparation depends on (its path as shown, how it is
//!   imported, its language, its `tsconfig.json`'s options, the mode);
//! - in bundle mode, the bundle the last run made, keyed by the whole graph (every file's key
//!   and what each of its imports resolved to, see `bundle.rs`).
//!
//! A run still reads every file and resolves every import as a run without the cache does, so
//! a file changed, added or removed, or a `package.json` or `tsconfig.json` changed, is seen;
//! only the preparation of a file whose key has a record is skipped. Bundle mode reuses its
//! bundle only when every file has a record and the graph's key is the last run's; otherwise it
//! bundles from scratch.
//!
//! The cache is a help, never a source of errors: a pack that cannot be read, is corrupt or
//! too large is ignored (and replaced), and one that cannot be written is not written. A pack
//! is written to a temporary file and renamed into place, so a reader sees a whole one or none.
//!
//! Format: [`MAGIC`], the BLAKE3 hash of what follows (a pack changed on disk is not read), then
//! two [postcard] values: the file records (a sequence of key and record), then the bundle (an
//! optional key and record).

use std::borrow::Cow;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap;
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Serialize, Serializer};

use crate::depth::Scopes;
use crate::position::source_map::SourceMap;
use crate::source::imports::Import;
use crate::source::normalize::Shape;
use crate::source::prepare::Prepared;

/// A BLAKE3 hash.
pub(crate) type Key = [u8; 32];

/// The start of every pack; the number is the format's version.
const MAGIC: &[u8] = b"sandbox bundle cache 1\n";

#[cfg(test)]
pub(crate) const MAGIC_LENGTH: usize = MAGIC.len();

/// Packs kept in a cache directory: writing one more removes the least recently written
/// beyond this (each project and set of options has one).
pub(crate) const MAX_PACKS: usize = 256;

/// What preparing a code file made, apart from its syntax tree.
#[derive(Deserialize)]
pub(crate) struct FileRecord {
    pub(crate) prepared: Prepared,
    pub(crate) imports: Vec<Import>,
    pub(crate) scopes: Scopes,
}

/// A [`FileRecord`] to write, borrowed from the graph: `imports` iterates over the file's
/// imports.
pub(crate) struct FileRecordRef<'a, I> {
    pub(crate) prepared: &'a Prepared,
    pub(crate) imports: I,
    pub(crate) scopes: Scopes,
}

impl<'a, I: Iterator<Item = &'a Import> + Clone> Serialize for FileRecordRef<'a, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The fields of `FileRecord`, in its order.
        let mut record = serializer.serialize_struct("FileRecord", 3)?;
        record.serialize_field("prepared", self.prepared)?;
        record.serialize_field("imports", &Sequence(self.imports.clone()))?;
        record.serialize_field("scopes", &self.scopes)?;
        record.end()
    }
}

/// Serialises the items of an iterator as a sequence (of a known length: `I`'s size hint).
struct Sequence<I>(I);

impl<I: Iterator<Item: Serialize> + Clone> Serialize for Sequence<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// A module of a cached bundle (JSON as its text: the record's format is not self-describing).
/// Borrowed from the bundle to write it, owned when read.
#[derive(Serialize, Deserialize)]
pub(crate) enum CachedModule<'a> {
    Js(Cow<'a, str>),
    Cjs(Cow<'a, str>),
    Text(Cow<'a, str>),
    Data(Cow<'a, [u8]>),
    Json(Cow<'a, str>),
    Wasm(Cow<'a, [u8]>),
}

/// Where the code of a module of a cached bundle comes from (`link::transform::Origin`).
#[derive(Serialize, Deserialize)]
pub(crate) struct CachedOrigin<'a> {
    pub(crate) file: Cow<'a, str>,
    /// `None`: the code of the module of the same name (a bundle's origin is its own code).
    pub(crate) text: Option<Cow<'a, str>>,
    pub(crate) source_map: Option<Cow<'a, SourceMap>>,
}

/// What bundle mode made of a graph.
#[derive(Serialize, Deserialize)]
pub(crate) struct GraphRecord<'a> {
    pub(crate) main_module: Cow<'a, str>,
    pub(crate) modules: Vec<(Cow<'a, str>, CachedModule<'a>)>,
    pub(crate) origins: Vec<(Cow<'a, str>, CachedOrigin<'a>)>,
    pub(crate) shape: Cow<'a, Shape>,
    pub(crate) prose_dropped: Option<(usize, usize)>,
    pub(crate) packages: Vec<Cow<'a, str>>,
    pub(crate) files: usize,
    pub(crate) package_files: usize,
}

impl GraphRecord<'_> {
    /// About how many bytes it takes in a pack.
    fn size_hint(&self) -> usize {
        let module = |module: &CachedModule<'_>| match module {
            CachedModule::Js(text) | CachedModule::Cjs(text) | CachedModule::Text(text) | CachedModule::Json(text) => {
                text.len()
            }
            CachedModule::Data(bytes) | CachedModule::Wasm(bytes) => bytes.len(),
        };
        let modules: usize = self.modules.iter().map(|(name, code)| name.len() + module(code)).sum();
        let origins: usize = self
            .origins
            .iter()
            .map(|(name, origin)| name.len() + origin.file.len() + origin.text.as_ref().map_or(0, |text| text.len()))
            .sum();
        modules + origins + 4096
    }
}

/// The records of one project and set of options, read from its pack.
pub(crate) struct Pack {
    directory: PathBuf,
    /// Names the pack; the start of every key made for it.
    fingerprint: Key,
    /// The last run's file records, each taken by the file whose key it has.
    files: Mutex<FxHashMap<Key, FileRecord>>,
    /// The last run's bundle, until taken.
    graph: Mutex<Option<(Key, GraphRecord<'static>)>>,
}

impl Pack {
    /// The pack of `parts` (what names the project and its options) in `directory`, with the
    /// records it holds when it exists and reads whole; `None` when this program cannot be
    /// told from other builds (see [`build`]), as then no cache is safe. A pack larger than
    /// `max_size` bytes is not read.
    pub(crate) fn open(directory: &Path, parts: &[&[u8]], max_size: u64) -> Option<Pack> {
        let mut hasher = Fields::new();
        hasher.field(build()?);
        for part in parts {
            hasher.field(part);
        }
        let fingerprint = hasher.finish();
        let mut pack =
            Pack { directory: directory.to_path_buf(), fingerprint, files: Mutex::default(), graph: Mutex::default() };
        if let Some((files, graph)) = read(&pack.path(), max_size) {
            pack.files = Mutex::new(files.into_iter().collect());
            pack.graph = Mutex::new(graph);
        }
        Some(pack)
    }

    /// The pack's name: the first half of its fingerprint, in hexadecimal.
    fn name(&self) -> String {
        blake3::Hash::from_bytes(self.fingerprint).to_hex()[..32].to_owned()
    }

    fn path(&self) -> PathBuf {
        self.directory.join(format!("{}.pack", self.name()))
    }

    /// The key of a code file's record: its `bytes` and what else its preparation depends on
    /// (`context`: its path as shown, how it is imported, its language and compile options,
    /// the mode).
    pub(crate) fn file_key(&self, context: &[&[u8]], bytes: &[u8]) -> Key {
        let mut hasher = self.key();
        for part in context {
            hasher.field(part);
        }
        hasher.field(bytes);
        hasher.finish()
    }

    /// The record with `key`, taken out of the pack.
    pub(crate) fn take(&self, key: &Key) -> Option<FileRecord> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner).remove(key)
    }

    /// Whether the pack holds a bundle.
    pub(crate) fn has_graph(&self) -> bool {
        self.graph.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// The bundle made of the graph whose key is `key`, taken out of the pack.
    pub(crate) fn take_graph(&self, key: &Key) -> Option<GraphRecord<'static>> {
        let mut graph = self.graph.lock().unwrap_or_else(PoisonError::into_inner);
        match graph.take() {
            Some((cached, record)) if cached == *key => Some(record),
            other => {
                *graph = other;
                None
            }
        }
    }

    /// The start of a key made for this pack (a file's, or a graph's, see `bundle.rs`): the
    /// fields the caller adds follow the fingerprint.
    pub(crate) fn key(&self) -> Fields {
        let mut hasher = Fields::new();
        hasher.field(&self.fingerprint);
        hasher
    }

    /// The start of a pack: `files`, every code file's record, for [`Pack::write`]; `size`
    /// says about how many bytes they take (so the buffer is not grown again and again).
    pub(crate) fn records<'a, I>(files: &[(&'a Key, FileRecordRef<'a, I>)], size: usize) -> Option<Vec<u8>>
    where
        I: Iterator<Item = &'a Import> + Clone,
    {
        let mut start = Vec::with_capacity(MAGIC.len() + 32 + size);
        // The digest's place, filled in by `write`.
        start.extend_from_slice(MAGIC);
        start.extend_from_slice(&[0; 32]);
        postcard::to_extend(&files, start).ok()
    }

    /// Writes the pack anew: `records` ([`Pack::records`]), and `graph`, the bundle made of
    /// those files. Failures are ignored (the next run prepares the files again).
    pub(crate) fn write(&self, mut records: Vec<u8>, graph: Option<(&Key, &GraphRecord<'_>)>) {
        if let Some((_, graph)) = graph {
            records.reserve(graph.size_hint());
        }
        if let Ok(mut bytes) = postcard::to_extend(&graph, records) {
            let (digest, rest) = bytes[MAGIC.len()..].split_at_mut(32);
            digest.copy_from_slice(blake3::hash(rest).as_bytes());
            let _ = self.store(&bytes);
        }
    }

    /// Puts `bytes` in place of the pack, through a temporary file.
    fn store(&self, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.directory)?;
        let path = self.path();
        let new = !path.exists();
        let temporary = self.directory.join(format!(
            ".{}.{}.{}.tmp",
            &self.name()[..16],
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_nanos())
        ));
        let written = std::fs::File::create_new(&temporary)
            .and_then(|mut file| file.write_all(bytes))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        } else if new {
            prune(&self.directory);
        }
        written
    }
}

/// The records of the pack at `path`, when it exists, is at most `max_size` bytes and reads
/// whole.
#[allow(clippy::type_complexity)]
fn read(path: &Path, max_size: u64) -> Option<(Vec<(Key, FileRecord)>, Option<(Key, GraphRecord<'static>)>)> {
    let mut bytes = Vec::new();
    std::fs::File::open(path).ok()?.take(max_size.saturating_add(1)).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > max_size {
        return None;
    }
    let (digest, rest) = bytes.strip_prefix(MAGIC)?.split_first_chunk::<32>()?;
    if blake3::hash(rest).as_bytes() != digest {
        return None;
    }
    let (files, rest) = postcard::take_from_bytes::<Vec<(Key, FileRecord)>>(rest).ok()?;
    let (graph, rest) = postcard::take_from_bytes::<Option<(Key, GraphRecord<'static>)>>(rest).ok()?;
    rest.is_empty().then_some((files, graph))
}

/// Removes the packs written least recently beyond [`MAX_PACKS`], and temporary files an hour
/// old (left by a process that stopped while writing).
fn prune(directory: &Path) {
    let Ok(entries) = std::fs::read_dir(directory) else { return };
    let mut packs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let modified = entry.metadata().and_then(|metadata| metadata.modified()).ok();
        match path.extension().and_then(|extension| extension.to_str()) {
            Some("pack") => packs.push((modified, path)),
            Some("tmp") => {
                let old = modified.and_then(|modified| modified.elapsed().ok()).is_some_and(|age| age.as_secs() > 3600);
                if old {
                    let _ = std::fs::remove_file(&path);
                }
            }
            _ => {}
        }
    }
    if packs.len() > MAX_PACKS {
        packs.sort();
        for (_, path) in &packs[..packs.len() - MAX_PACKS] {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// What tells this program from other builds: its version, and its executable's size, time
/// and inode (any build changes them). `None` when the executable cannot be found.
fn build() -> Option<&'static [u8]> {
    static BUILD: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    BUILD
        .get_or_init(|| {
            let executable = std::env::current_exe().ok()?;
            let metadata = std::fs::metadata(&executable).ok()?;
            let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
            #[cfg(not(unix))]
            let inode = 0u64;
            let mut build = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
            for number in [metadata.len(), modified.as_secs(), u64::from(modified.subsec_nanos()), inode] {
                build.extend_from_slice(&number.to_le_bytes());
            }
            Some(build)
        })
        .as_deref()
}

/// A hash of fields, each with its length, so that no two lists of fields hash alike by
/// where one ends and the next starts.
pub(crate) struct Fields(blake3::Hasher);

impl Fields {
    fn new() -> Fields {
        Fields(blake3::Hasher::new())
    }

    pub(crate) fn field(&mut self, bytes: &[u8]) -> &mut Fields {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub(crate) fn finish(self) -> Key {
        self.0.finalize().into()
    }
}
