//! Runs waiting for the client's answer to an approval, by the `requestState` the client
//! echoes: a random key (128 bits), never data the client could forge. A waiting run is
//! forgotten, and so stopped, when its approval times out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What waits: a run stopped at a question, with the code of its call.
pub(crate) trait Code {
    /// The code of the call, which the retry must send again.
    fn code(&self) -> &str;
}

pub(crate) struct Pending<Waiting> {
    waiting: Arc<Mutex<HashMap<String, Waiting>>>,
    lifetime: Duration,
}

impl<Waiting> Clone for Pending<Waiting> {
    fn clone(&self) -> Self {
        Pending { waiting: Arc::clone(&self.waiting), lifetime: self.lifetime }
    }
}

impl<Waiting: Code + Send + 'static> Pending<Waiting> {
    pub(crate) fn new(lifetime: Duration) -> Pending<Waiting> {
        Pending { waiting: Arc::default(), lifetime }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Waiting>> {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps `waiting` and returns its key; it is forgotten after the lifetime unless taken.
    pub(crate) fn put(&self, waiting: Waiting) -> String {
        let mut bytes = [0u8; 16];
        // Without randomness no key can be made that a client cannot guess: then the key is
        // unusable (the retry finds nothing) rather than guessable.
        let random = getrandom::fill(&mut bytes).is_ok();
        let mut key: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        if !random {
            key = format!("unusable-{}", std::process::id());
        }
        if random {
            self.lock().insert(key.clone(), waiting);
            let pending = self.clone();
            let forget = key.clone();
            tokio::spawn(async move {
                tokio::time::sleep(pending.lifetime).await;
                let expired = pending.lock().remove(&forget);
                drop(expired);
            });
        }
        key
    }

    /// The run waiting under `key`, if its code is `code`.
    pub(crate) fn take(&self, key: &str, code: &str) -> Option<Waiting> {
        let mut waiting = self.lock();
        if waiting.get(key).is_some_and(|entry| entry.code() == code) { waiting.remove(key) } else { None }
    }
}
