//! The tool calls of one run: their limits (calls per run, in flight, result size, timeout),
//! the host futures on the executor's tokio runtime, the results on their way back to the
//! isolate, and what the run reports of each call.

use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::FutureExt;

use crate::ext::fetch::network::{self, NetworkHandle};
use crate::ext::tools::{
    ServiceBinding, ToolBinding, ToolCall, ToolCallOutcome, ToolCallRecord, ToolContext, ToolFailure, ToolLimits,
    ToolValue,
};
use crate::runtime::limits::{ArrayBufferBudget, Control, format_bytes, format_duration};

/// The deepest result the host may hand back (a deeper one is refused): the sandbox builds it
/// level by level on the isolate's stack.
pub(crate) const MAX_RESULT_DEPTH: usize = 256;

/// Bytes counted against the run's memory budget while the host holds a value of the code's
/// (an argument) or for the code (a result); given back when dropped, wherever that is.
pub(crate) struct Charge {
    budget: Arc<ArrayBufferBudget>,
    length: usize,
}

impl Charge {
    /// Counts `length` bytes if they fit; `None` otherwise (the caller stops the run).
    pub(crate) fn reserve(budget: &Arc<ArrayBufferBudget>, length: usize) -> Option<Charge> {
        budget.reserve(length).then(|| Charge { budget: Arc::clone(budget), length })
    }

    /// The charge of an argument packed on the run's thread: when the global allocator counts
    /// the host's allocations there ([`MemoryAllocator`]), they are counted already, and this
    /// only checks that they fit, as `ArrayBufferBudget::host_copy` does.
    ///
    /// [`MemoryAllocator`]: crate::MemoryAllocator
    pub(crate) fn for_argument(budget: &Arc<ArrayBufferBudget>, length: usize) -> Option<Charge> {
        if budget.host_counted.load(std::sync::atomic::Ordering::Relaxed) {
            let fits = budget.used().checked_add(length).is_some_and(|total| total <= budget.limit());
            return fits.then(|| Charge { budget: Arc::clone(budget), length: 0 });
        }
        Charge::reserve(budget, length)
    }
}

impl Drop for Charge {
    fn drop(&mut self) {
        self.budget.release(self.length);
    }
}

/// How a host future ended, as the tokio task reports it.
pub(crate) enum Answer {
    /// The result, its size, and its charge against the budget (held until it is converted).
    Value(ToolValue, usize, Charge),
    Failed(ToolFailure),
    TimedOut,
    /// Over `max_result_bytes` (its size) or [`MAX_RESULT_DEPTH`].
    TooLarge(usize),
    TooDeep,
    /// The result did not fit the memory budget (the run is stopped).
    Memory,
}

/// What the tokio side tells the isolate.
struct Completion {
    id: u32,
    answer: Answer,
    duration: Duration,
}

/// State shared with the tasks of the host futures.
struct Shared {
    control: Arc<Control>,
    completions: Mutex<VecDeque<Completion>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A call that has left the sandbox.
struct Pending {
    binding: usize,
    tool: usize,
    /// Its entry in `records`.
    record: usize,
    /// Once the host has it: since when, and its task.
    running: Option<(Instant, tokio::task::AbortHandle)>,
}

/// What the code's promise of call `id` settles with.
pub(crate) enum Settled {
    Value(ToolValue, Charge),
    /// `[name, message]` of the Error the promise rejects with (the message with its
    /// `binding.tool: ` prefix).
    Error(String, String),
}

/// The tool calls of one run (an extension's state, in an isolate slot).
pub(crate) struct Tools {
    pub(crate) bindings: Vec<ToolBinding>,
    pub(crate) services: Vec<ServiceBinding>,
    pub(crate) globals: bool,
    limits: ToolLimits,
    budget: Arc<ArrayBufferBudget>,
    shared: Arc<Shared>,
    network: NetworkHandle,
    next_id: u32,
    /// Calls that left the sandbox (running, queued, or ended).
    made: u32,
    /// Calls not yet settled in the sandbox, by id, in the order they were made.
    pending: HashMap<u32, Pending>,
    /// Calls waiting for a slot (`max_in_flight`), in order, with their arguments.
    queue: VecDeque<(u32, ToolValue, Charge)>,
    running: usize,
    records: Vec<ToolCallRecord>,
    /// Whether a call refused for `max_calls` is recorded already.
    refusal_recorded: bool,
    /// Whether records keep the calls' arguments.
    pub(crate) record_arguments: bool,
}

impl Tools {
    pub(crate) fn new(
        bindings: Vec<ToolBinding>,
        services: Vec<ServiceBinding>,
        globals: bool,
        limits: ToolLimits,
        budget: Arc<ArrayBufferBudget>,
        control: Arc<Control>,
        network: NetworkHandle,
    ) -> Tools {
        Tools {
            bindings,
            services,
            globals,
            limits,
            budget,
            shared: Arc::new(Shared { control, completions: Mutex::new(VecDeque::new()) }),
            network,
            next_id: 1,
            made: 0,
            pending: HashMap::new(),
            queue: VecDeque::new(),
            running: 0,
            records: Vec::new(),
            refusal_recorded: false,
            record_arguments: false,
        }
    }

    /// `binding.tool`, for messages.
    pub(crate) fn describe(&self, binding: usize, tool: usize) -> String {
        match self.bindings.get(binding) {
            Some(found) => {
                format!("{}.{}", found.name, found.tools.get(tool).map_or("?", |tool| tool.name.as_str()))
            }
            None => "?".to_owned(),
        }
    }

    /// A call of the code's, its argument packed and charged: its id, or the message of the
    /// `RangeError` that refuses it.
    pub(crate) fn call(
        &mut self,
        binding: usize,
        tool: usize,
        arguments: ToolValue,
        charge: Charge,
    ) -> Result<u32, String> {
        let name = self.describe(binding, tool);
        if self.limits.max_in_flight == 0 {
            let message = "no tool calls may be in flight in this run".to_owned();
            self.refuse(binding, tool, &message);
            return Err(format!("{name}: {message}"));
        }
        if self.made >= self.limits.max_calls {
            let message = format!("a run may make at most {} tool calls", self.limits.max_calls);
            self.refuse(binding, tool, &message);
            return Err(format!("{name}: {message}"));
        }
        self.made += 1;
        let id = self.next_id;
        self.next_id += 1;
        let record = self.records.len();
        let mut entry = self.record(binding, tool, ToolCallOutcome::Cancelled);
        if self.record_arguments {
            entry.arguments = Some(arguments.clone());
        }
        self.records.push(entry);
        self.pending.insert(id, Pending { binding, tool, record, running: None });
        self.queue.push_back((id, arguments, charge));
        self.start_queued();
        Ok(id)
    }

    fn record(&self, binding: usize, tool: usize, outcome: ToolCallOutcome) -> ToolCallRecord {
        let found = &self.bindings[binding];
        ToolCallRecord {
            binding: found.name.clone(),
            tool: found.tools[tool].name.clone(),
            arguments: None,
            duration: Duration::ZERO,
            bytes: 0,
            outcome,
            started_at: None,
        }
    }

    fn refuse(&mut self, binding: usize, tool: usize, message: &str) {
        if !self.refusal_recorded {
            self.refusal_recorded = true;
            self.records.push(self.record(binding, tool, ToolCallOutcome::Refused(message.to_owned())));
        }
    }

    /// Hands queued calls to their hosts while slots are free.
    fn start_queued(&mut self) {
        while self.running < self.limits.max_in_flight as usize {
            let Some((id, arguments, charge)) = self.queue.pop_front() else { return };
            let Some(pending) = self.pending.get(&id) else { continue };
            let (binding, tool) = (pending.binding, pending.tool);
            // The runtime the future runs on, started by the first call (or `fetch`) of the
            // process.
            let runtime = match network::runtime() {
                Ok(runtime) => runtime,
                Err(reason) => {
                    let answer = Answer::Failed(ToolFailure { name: "Error".to_owned(), message: reason });
                    lock(&self.shared.completions).push_back(Completion { id, answer, duration: Duration::ZERO });
                    self.running += 1;
                    continue;
                }
            };
            let found = &self.bindings[binding];
            let call = ToolCall { binding: found.name.clone(), tool: found.tools[tool].name.clone(), arguments };
            let context = ToolContext { network: self.network.clone() };
            let host = Arc::clone(&found.host);
            let started = Instant::now();
            // A host that panics fails its call; it does not unwind through V8's frames.
            let future = match std::panic::catch_unwind(AssertUnwindSafe(|| host.call(call, context))) {
                Ok(future) => future,
                Err(_) => Box::pin(std::future::ready(Err(ToolFailure {
                    name: "Error".to_owned(),
                    message: "the tool's host failed (it panicked)".to_owned(),
                }))),
            };
            let shared = Arc::clone(&self.shared);
            let budget = Arc::clone(&self.budget);
            let limits = self.limits;
            let task = runtime.spawn(async move {
                let outcome = tokio::time::timeout(limits.timeout, AssertUnwindSafe(future).catch_unwind()).await;
                let duration = started.elapsed();
                // The argument's bytes are the host's business from here; its charge ends.
                drop(charge);
                let answer = match outcome {
                    Err(_) => Answer::TimedOut,
                    Ok(Err(_)) => Answer::Failed(ToolFailure {
                        name: "Error".to_owned(),
                        message: "the tool's host failed (it panicked)".to_owned(),
                    }),
                    Ok(Ok(Err(failure))) => Answer::Failed(failure),
                    Ok(Ok(Ok(value))) => measure(value, &limits, &budget),
                };
                lock(&shared.completions).push_back(Completion { id, answer, duration });
                shared.control.notify();
            });
            if let Some(pending) = self.pending.get_mut(&id) {
                pending.running = Some((started, task.abort_handle()));
                if let Some(record) = self.records.get_mut(pending.record) {
                    record.started_at = Some(started);
                }
            }
            self.running += 1;
        }
    }

    /// Whether calls are still to settle.
    pub(crate) fn busy(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The next call that ended on the host: its id, its record's index and what its promise
    /// settles with. Frees its slot for a queued call.
    pub(crate) fn take_settled(&mut self) -> Option<(u32, usize, Settled)> {
        let (Completion { id, answer, duration }, pending) = loop {
            let completion = lock(&self.shared.completions).pop_front()?;
            // A call cancelled while its task was finishing has no promise to settle.
            if let Some(pending) = self.pending.remove(&completion.id) {
                break (completion, pending);
            }
        };
        self.running = self.running.saturating_sub(1);
        let name = self.describe(pending.binding, pending.tool);
        let record = &mut self.records[pending.record];
        record.duration = duration;
        let settled = match answer {
            Answer::Value(value, size, charge) => {
                record.bytes = size as u64;
                record.outcome = ToolCallOutcome::Ok;
                Settled::Value(value, charge)
            }
            Answer::Failed(failure) => {
                let message = cut(failure.message, MAX_FAILURE_MESSAGE);
                let failure_name = if failure.name.is_empty() { "Error".to_owned() } else { cut(failure.name, 100) };
                record.outcome = ToolCallOutcome::Failed(message.clone());
                Settled::Error(failure_name, format!("{name}: {message}"))
            }
            Answer::TimedOut => {
                record.outcome = ToolCallOutcome::TimedOut;
                let message = format!("the tool did not answer within {}", format_duration(self.limits.timeout));
                Settled::Error("TimeoutError".to_owned(), format!("{name}: {message}"))
            }
            Answer::TooLarge(size) => {
                record.bytes = size as u64;
                let message = format!(
                    "the result is {}, more than the {} a tool's result may be",
                    format_bytes(size),
                    format_bytes(self.limits.max_result_bytes)
                );
                record.outcome = ToolCallOutcome::Refused(message.clone());
                Settled::Error("RangeError".to_owned(), format!("{name}: {message}"))
            }
            Answer::TooDeep => {
                let message = format!("the result is nested more than {MAX_RESULT_DEPTH} levels deep");
                record.outcome = ToolCallOutcome::Refused(message.clone());
                Settled::Error("RangeError".to_owned(), format!("{name}: {message}"))
            }
            Answer::Memory => {
                let message = "the result does not fit in the run's memory".to_owned();
                record.outcome = ToolCallOutcome::Refused(message.clone());
                Settled::Error("RangeError".to_owned(), format!("{name}: {message}"))
            }
        };
        self.start_queued();
        Some((id, pending.record, settled))
    }

    /// Marks record `record` refused: its result could not be made into a JavaScript value.
    pub(crate) fn result_refused(&mut self, record: usize, message: &str) {
        if let Some(record) = self.records.get_mut(record) {
            record.outcome = ToolCallOutcome::Refused(message.to_owned());
        }
    }

    /// Ends every call that has not settled in the sandbox (the run is over): drops the host
    /// futures and queued arguments, and returns `binding.tool` of each, in the order they
    /// were made.
    pub(crate) fn cancel_pending(&mut self) -> Vec<String> {
        let now = Instant::now();
        lock(&self.shared.completions).clear();
        let mut pending: Vec<(u32, Pending)> = self.pending.drain().collect();
        pending.sort_by_key(|(id, _)| *id);
        self.queue.clear();
        self.running = 0;
        let mut names = Vec::with_capacity(pending.len());
        for (_, call) in pending {
            names.push(self.describe(call.binding, call.tool));
            let record = &mut self.records[call.record];
            record.outcome = ToolCallOutcome::Cancelled;
            if let Some((started, task)) = call.running {
                task.abort();
                record.duration = now.saturating_duration_since(started);
            }
        }
        names
    }

    /// `binding.tool` of record `record`.
    pub(crate) fn record_name(&self, record: usize) -> String {
        self.records.get(record).map_or_else(|| "?".to_owned(), |record| format!("{}.{}", record.binding, record.tool))
    }

    /// The run's calls, in the order they were made.
    pub(crate) fn records(&self) -> Vec<ToolCallRecord> {
        self.records.clone()
    }
}

/// The longest failure message the code gets from a host, in bytes; a longer one is cut.
const MAX_FAILURE_MESSAGE: usize = 64 * 1024;

/// `text`, cut to at most `limit` bytes (at a character boundary) with `…` after the cut.
fn cut(mut text: String, limit: usize) -> String {
    if text.len() > limit {
        let mut end = limit;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

/// Checks a result against the limits and charges it to the budget.
fn measure(value: ToolValue, limits: &ToolLimits, budget: &Arc<ArrayBufferBudget>) -> Answer {
    let size = value.size();
    if size > limits.max_result_bytes {
        return Answer::TooLarge(size);
    }
    if depth_over(&value, MAX_RESULT_DEPTH) {
        return Answer::TooDeep;
    }
    match Charge::reserve(budget, size) {
        Some(charge) => Answer::Value(value, size, charge),
        None => {
            budget.exceeded();
            Answer::Memory
        }
    }
}

/// Whether `value` nests more than `limit` levels deep (measured without recursion).
fn depth_over(value: &ToolValue, limit: usize) -> bool {
    let mut stack = vec![(value, 1usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        match value {
            ToolValue::Array(items) => stack.extend(items.iter().map(|item| (item, depth + 1))),
            ToolValue::Object(entries) => stack.extend(entries.iter().map(|(_, item)| (item, depth + 1))),
            _ => {}
        }
    }
    false
}
