//! V8's code cache for the ES modules of a map, shared by runs: the first run that compiles a
//! module's source makes the cache once it has its result (so the functions it ran, which V8
//! compiled lazily, are in it), and later runs of the same source, each in its own fresh
//! isolate, compile from it instead of parsing again.
//!
//! An entry is found by the SHA-256 of the module's source, never by a name: a changed
//! module is a different entry, and a source that merely has the same length (which is all
//! V8 itself checks) never finds another's cache. What V8 puts in a code cache is the
//! compiled functions of the source (bytecode and the data to check it), not the heap of the
//! run that made it: no value, global or object of one run reaches another through it. The
//! cache keeps at most `max_bytes` of data and evicts the least recently used entries.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use sha2::Digest as _;

/// The SHA-256 of a module's source.
pub(crate) type Key = [u8; 32];

/// V8 code caches of ES modules by the SHA-256 of their source, bounded in bytes, shared by
/// the runs that are given it ([`Options::code_cache`](crate::Options::code_cache)).
pub struct CodeCache {
    max_bytes: usize,
    entries: Mutex<Entries>,
    hits: AtomicU64,
    misses: AtomicU64,
    rejected: AtomicU64,
    evicted: AtomicU64,
}

/// What a [`CodeCache`] holds and did, for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeCacheStats {
    pub entries: usize,
    pub bytes: usize,
    /// Modules compiled from the cache.
    pub hits: u64,
    /// Modules compiled from source because the cache had nothing for them.
    pub misses: u64,
    /// Entries V8 refused (made by another V8 or with other flags), and dropped.
    pub rejected: u64,
    /// Entries dropped to stay within the bound.
    pub evicted: u64,
}

#[derive(Default)]
struct Entries {
    by_key: HashMap<Key, Entry>,
    /// Keys by the tick of their last use: the first is the least recently used.
    by_use: BTreeMap<u64, Key>,
    tick: u64,
    bytes: usize,
}

struct Entry {
    data: Arc<[u8]>,
    used: u64,
}

/// What an entry costs beyond its data: its key, twice, and the maps' nodes.
const ENTRY_OVERHEAD: usize = 128;

impl CodeCache {
    /// A cache that keeps at most `max_bytes` of code caches (0 keeps none).
    pub fn new(max_bytes: usize) -> CodeCache {
        CodeCache {
            max_bytes,
            entries: Mutex::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            evicted: AtomicU64::new(0),
        }
    }

    pub fn stats(&self) -> CodeCacheStats {
        let entries = self.lock();
        CodeCacheStats {
            entries: entries.by_key.len(),
            bytes: entries.bytes,
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            evicted: self.evicted.load(Ordering::Relaxed),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn get(&self, key: &Key) -> Option<Arc<[u8]>> {
        let mut entries = self.lock();
        entries.tick += 1;
        let tick = entries.tick;
        let entry = entries.by_key.get_mut(key)?;
        let previous = std::mem::replace(&mut entry.used, tick);
        let data = Arc::clone(&entry.data);
        entries.by_use.remove(&previous);
        entries.by_use.insert(tick, *key);
        Some(data)
    }

    fn insert(&self, key: Key, data: &[u8]) {
        let cost = data.len() + ENTRY_OVERHEAD;
        if cost > self.max_bytes {
            return;
        }
        let mut entries = self.lock();
        if entries.by_key.contains_key(&key) {
            return; // another run made it first
        }
        while entries.bytes + cost > self.max_bytes {
            let Some((_, oldest)) = entries.by_use.pop_first() else { break };
            if let Some(evicted) = entries.by_key.remove(&oldest) {
                entries.bytes -= evicted.data.len() + ENTRY_OVERHEAD;
                self.evicted.fetch_add(1, Ordering::Relaxed);
            }
        }
        entries.tick += 1;
        let tick = entries.tick;
        entries.by_use.insert(tick, key);
        entries.by_key.insert(key, Entry { data: Arc::from(data), used: tick });
        entries.bytes += cost;
    }

    fn remove(&self, key: &Key) {
        let mut entries = self.lock();
        if let Some(entry) = entries.by_key.remove(key) {
            entries.by_use.remove(&entry.used);
            entries.bytes -= entry.data.len() + ENTRY_OVERHEAD;
        }
    }
}

impl std::fmt::Debug for CodeCache {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("CodeCache").field("max_bytes", &self.max_bytes).field("stats", &self.stats()).finish()
    }
}

/// One run's use of a [`CodeCache`]: the modules it compiled without an entry, whose cache
/// it makes once it has its result.
pub(crate) struct RunCache {
    cache: Arc<CodeCache>,
    compiled_fresh: std::cell::RefCell<Vec<(Key, v8::Global<v8::Module>)>>,
}

impl RunCache {
    pub(crate) fn new(cache: Arc<CodeCache>) -> RunCache {
        RunCache { cache, compiled_fresh: Default::default() }
    }

    /// Compiles the ES module `source` (whose bytes are `code`), from the cache when it has an
    /// entry for it. On failure an exception is pending on `scope`.
    pub(crate) fn compile_module<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        source: v8::Local<'s, v8::String>,
        origin: &v8::ScriptOrigin<'s>,
        code: &[u8],
    ) -> Option<v8::Local<'s, v8::Module>> {
        let key: Key = sha2::Sha256::new().chain_update(b"esm\0").chain_update(code).finalize().into();
        if let Some(data) = self.cache.get(&key) {
            let cached = v8::script_compiler::CachedData::new(&data);
            let mut source = v8::script_compiler::Source::new_with_cached_data(source, Some(origin), cached);
            let module = v8::script_compiler::compile_module2(
                scope,
                &mut source,
                v8::script_compiler::CompileOptions::ConsumeCodeCache,
                v8::script_compiler::NoCacheReason::NoReason,
            );
            if source.get_cached_data().is_some_and(|cached| cached.rejected()) {
                // V8 compiled from source instead; the entry is of no use to anyone.
                self.cache.rejected.fetch_add(1, Ordering::Relaxed);
                self.cache.remove(&key);
                if let Some(module) = module {
                    self.compiled_fresh.borrow_mut().push((key, v8::Global::new(scope, module)));
                }
            } else {
                self.cache.hits.fetch_add(1, Ordering::Relaxed);
            }
            return module;
        }
        self.cache.misses.fetch_add(1, Ordering::Relaxed);
        let mut source = v8::script_compiler::Source::new(source, Some(origin));
        let module = v8::script_compiler::compile_module(scope, &mut source)?;
        self.compiled_fresh.borrow_mut().push((key, v8::Global::new(scope, module)));
        Some(module)
    }

    /// Makes the cache of every module this run compiled from source, with the functions it
    /// ran compiled in it.
    pub(crate) fn produce(&self, scope: &mut v8::PinScope<'_, '_>) {
        for (key, module) in self.compiled_fresh.borrow_mut().drain(..) {
            let module = v8::Local::new(scope, module);
            if let Some(data) = module.get_unbound_module_script(scope).create_code_cache() {
                self.cache.insert(key, &data);
            }
        }
    }
}
