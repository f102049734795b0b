//! Workers kept by id, Worker Loader's `get(id)`: a module map prepared once (read, its code
//! prepared, its compatibility settled) and run in a fresh isolate for each request. A
//! changed map under the same id replaces the old one; the least recently used are forgotten
//! to keep within `--worker-memory` (workerd keeps every one until it runs out of memory).
//!
//! Ids belong to the token that kept them: one token's `shop` is not another's.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::serve::request::{Prepared, RunOptions};

/// A worker's program and the options its runs get unless a request gives its own.
pub(crate) struct Worker {
    /// The SHA-256 of the fields that define the program.
    pub(crate) hash: [u8; 32],
    pub(crate) prepared: Arc<Prepared>,
    pub(crate) options: RunOptions,
}

/// A worker's id, with the token that kept it.
pub(crate) type Key = (String, String);

/// What keeping a worker did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kept {
    Created,
    Replaced,
    /// The same program was kept already: nothing was prepared again.
    Unchanged,
    /// Larger than the whole bound: not kept.
    TooLarge,
}

impl Kept {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kept::Created => "created",
            Kept::Replaced => "replaced",
            Kept::Unchanged => "unchanged",
            Kept::TooLarge => "too-large",
        }
    }
}

pub(crate) struct Workers {
    max_bytes: usize,
    inner: Mutex<Inner>,
    pub(crate) evicted: AtomicU64,
}

#[derive(Default)]
struct Inner {
    by_key: HashMap<Key, Entry>,
    by_use: BTreeMap<u64, Key>,
    tick: u64,
    bytes: usize,
}

struct Entry {
    worker: Arc<Worker>,
    used: u64,
    bytes: usize,
}

/// What an entry costs beyond its program.
const ENTRY_OVERHEAD: usize = 512;

impl Workers {
    pub(crate) fn new(max_bytes: usize) -> Workers {
        Workers { max_bytes, inner: Mutex::default(), evicted: AtomicU64::new(0) }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The worker kept as `key`, now the most recently used.
    pub(crate) fn get(&self, key: &Key) -> Option<Arc<Worker>> {
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.by_key.get_mut(key)?;
        let previous = std::mem::replace(&mut entry.used, tick);
        let worker = Arc::clone(&entry.worker);
        inner.by_use.remove(&previous);
        inner.by_use.insert(tick, key.clone());
        Some(worker)
    }

    /// Whether `key` is kept with a program of this `hash` (then it is now the most recently
    /// used).
    pub(crate) fn unchanged(&self, key: &Key, hash: &[u8; 32]) -> Option<Arc<Worker>> {
        self.get(key).filter(|worker| worker.hash == *hash)
    }

    /// Keeps `worker` as `key`, replacing what was there, and forgets the least recently
    /// used workers beyond the bound.
    pub(crate) fn put(&self, key: Key, worker: Arc<Worker>) -> Kept {
        let bytes = worker.prepared.bytes + ENTRY_OVERHEAD + key.0.len() + key.1.len();
        let mut inner = self.lock();
        let previous = inner.by_key.remove(&key);
        if let Some(previous) = &previous {
            inner.by_use.remove(&previous.used);
            inner.bytes -= previous.bytes;
        }
        if bytes > self.max_bytes {
            return Kept::TooLarge;
        }
        while inner.bytes + bytes > self.max_bytes {
            let Some((_, oldest)) = inner.by_use.pop_first() else { break };
            if let Some(evicted) = inner.by_key.remove(&oldest) {
                inner.bytes -= evicted.bytes;
                self.evicted.fetch_add(1, Ordering::Relaxed);
            }
        }
        inner.tick += 1;
        let tick = inner.tick;
        inner.by_use.insert(tick, key.clone());
        inner.by_key.insert(key, Entry { worker, used: tick, bytes });
        inner.bytes += bytes;
        if previous.is_some() { Kept::Replaced } else { Kept::Created }
    }

    pub(crate) fn remove(&self, key: &Key) -> bool {
        let mut inner = self.lock();
        match inner.by_key.remove(key) {
            Some(entry) => {
                inner.by_use.remove(&entry.used);
                inner.bytes -= entry.bytes;
                true
            }
            None => false,
        }
    }

    pub(crate) fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// How many are kept, and their bytes.
    pub(crate) fn size(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.by_key.len(), inner.bytes)
    }
}
