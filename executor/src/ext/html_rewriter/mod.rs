//! The engine behind `HTMLRewriter` (`html_rewriter.js`): Cloudflare's `lol_html` crate, the
//! streaming rewriter workerd uses, driven from a stackful coroutine (`corosensei`) as workerd
//! drives it from a fiber.
//!
//! lol-html calls its content handlers synchronously from inside `write` and `end`, and a
//! handler may return a promise in workerd, which waits for it before lol-html goes on. Here
//! each rewriter runs on a small stack of its own: a handler's Rust side suspends the
//! coroutine (`Yield::Handler`) with a pointer to the content (an element, a comment, ...)
//! and returns to the host function that resumed it, which tells JavaScript which handler to
//! call. JavaScript calls it, waits for its promise if it returned one, and resumes the
//! coroutine (`htmlRewriterResume`); until then the content stays valid on the suspended
//! stack, and `htmlRewriterContent` reads and changes it. No JavaScript and no V8 call runs on
//! the coroutine's stack: V8 checks its stack limit against the thread's own stack.
//!
//! Limits: the coroutine's stack and lol-html's own buffers (`MemorySettings`, 3 MiB as in
//! workerd) are charged to the run's memory budget when a rewriter is made and given back
//! when it is dropped; the output is handed to JavaScript in Uint8Arrays the budget counts.
//! lol-html's work is linear in its input, which the runtime writes in pieces of at most 64
//! KiB (`html_rewriter.js`), and a run that was stopped cannot resume a rewriter.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};
use lol_html::html_content::{Comment, ContentType, Doctype, DocumentEnd, Element, EndTag, TextChunk};
use lol_html::{
    AsciiCompatibleEncoding, DocumentContentHandlers, ElementContentHandlers, HandlerResult, HtmlRewriter,
    MemorySettings, Selector, Settings,
};

use crate::runtime::host::{Arguments, Return, new_bytes, optional_string, throw_error};
use crate::runtime::limits::ArrayBufferBudget;
use crate::runtime::memory::charge;
use crate::runtime::state::{extension, state};

/// The coroutine's stack. lol-html does not recurse on its input (nesting is a list on the
/// heap), and no JavaScript runs here.
const STACK_SIZE: usize = 256 * 1024;
/// lol-html's limit on its own buffers, workerd's.
const MEMORY_LIMIT: usize = 3 * 1024 * 1024;

/// What a content pointer points to (numbered as `html_rewriter.js` numbers them).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Element = 0,
    Comment = 1,
    Text = 2,
    Doctype = 3,
    End = 4,
    EndTag = 5,
}

/// What the coroutine is resumed with.
enum Input {
    /// Bytes to write (the coroutine is waiting for input).
    Chunk(Vec<u8>),
    /// The end of the input.
    End,
    /// The handler finished (the coroutine is suspended in a handler).
    Continue,
    /// The handler failed, or the rewriter is dropped: stop.
    Fail,
}

/// What the coroutine suspends with.
enum Yield {
    /// A handler is to be called for the content at `content`, valid until the next resume.
    Handler { kind: Kind, handler: u32, content: *mut () },
    /// The chunk was written; more input, please.
    Written,
}

/// How the rewriting ended: `Err` with lol-html's message (None when a handler failed).
type Outcome = Result<(), Option<String>>;

/// The error a handler's Rust side gives lol-html when the JavaScript handler failed (the
/// runtime keeps the handler's exception).
#[derive(Debug)]
struct HandlerFailed;

impl fmt::Display for HandlerFailed {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a content handler failed")
    }
}

impl Error for HandlerFailed {}

/// What the coroutine shares with the host functions: its yielder (set when it starts), the
/// output not yet handed to JavaScript, and whether a handler failed.
struct Shared {
    yielder: Cell<*const Yielder<Input, Yield>>,
    output: RefCell<Vec<u8>>,
    failed: Cell<bool>,
}

/// Suspends the coroutine for the handler numbered `handler`; `Ok` once JavaScript resumed it
/// with `Continue`.
fn suspend(shared: &Shared, kind: Kind, handler: u32, content: *mut ()) -> HandlerResult {
    if shared.failed.get() {
        return Err(Box::new(HandlerFailed));
    }
    let yielder = shared.yielder.get();
    // SAFETY: the coroutine's body stores its yielder before it makes the rewriter, and lol-html
    // calls handlers only from the body's calls to `write` and `end`, while the body (and so the
    // yielder it borrows) is alive.
    match unsafe { &*yielder }.suspend(Yield::Handler { kind, handler, content }) {
        Input::Continue => Ok(()),
        _ => {
            shared.failed.set(true);
            Err(Box::new(HandlerFailed))
        }
    }
}

/// The handlers of one `on(selector, ...)` or `onDocument(...)`, by the number of each
/// handler present (numbered in order across all of them, as `html_rewriter.js` does).
enum Registration {
    Element { selector: Selector, element: Option<u32>, comments: Option<u32>, text: Option<u32> },
    Document { doctype: Option<u32>, comments: Option<u32>, text: Option<u32>, end: Option<u32> },
}

/// Where a rewriter's coroutine is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for input (or not started).
    Input,
    /// Suspended in a handler for `content`; `token` tells that handler's content objects.
    Handler { kind: Kind, content: *mut (), token: u32 },
    /// Ended, failed or cancelled.
    Finished,
}

struct Rewriter {
    coroutine: Coroutine<Input, Yield, Outcome, DefaultStack>,
    shared: Rc<Shared>,
    phase: Phase,
    tokens: u32,
    budget: Arc<ArrayBufferBudget>,
}

impl Drop for Rewriter {
    fn drop(&mut self) {
        // A suspended coroutine is resumed until it returns (each handler then fails at once),
        // so that lol-html and its handlers are dropped on their own stack, without unwinding.
        if self.coroutine.started() {
            while !self.coroutine.done() {
                let _ = self.coroutine.resume(Input::Fail);
            }
        }
        self.budget.release(STACK_SIZE + MEMORY_LIMIT);
    }
}

/// The live rewriters of one run, by id (in an isolate slot, as `RefCell<Rewriters>`).
#[derive(Default)]
pub(crate) struct Rewriters {
    next: u32,
    live: HashMap<u32, Rewriter>,
}

/// A selector as lol-html parses it, or the TypeError's message.
fn parse_selector(selector: &str) -> Result<Selector, String> {
    selector.parse::<Selector>().map_err(|error| format!("Parser error: {error}"))
}

/// `htmlRewriterSelector(selector)`: throws workerd's TypeError for a selector lol-html does
/// not support.
pub(crate) fn html_rewriter_selector(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let selector = args.get(0).to_rust_string_lossy(scope);
    if let Err(message) = parse_selector(&selector) {
        throw_error(scope, "TypeError", &message);
    }
}

/// `[selector, element, comments, text]` or `[null, doctype, comments, text, end]`, each
/// handler a boolean, into registrations.
fn registrations(
    scope: &mut v8::PinScope<'_, '_>,
    specs: v8::Local<'_, v8::Value>,
) -> Result<Vec<Registration>, String> {
    let specs = v8::Local::<v8::Array>::try_from(specs).map_err(|_| "Expected the handlers".to_owned())?;
    let mut next = 0u32;
    let mut number = |present: bool| {
        present.then(|| {
            next += 1;
            next - 1
        })
    };
    let mut found = Vec::new();
    for index in 0..specs.length() {
        let spec = specs.get_index(scope, index).and_then(|spec| v8::Local::<v8::Array>::try_from(spec).ok());
        let Some(spec) = spec else { return Err("Expected the handlers".to_owned()) };
        let mut flags = [false; 4];
        for (offset, flag) in flags.iter_mut().enumerate() {
            *flag = spec.get_index(scope, offset as u32 + 1).is_some_and(|value| value.boolean_value(scope));
        }
        let selector = spec.get_index(scope, 0).filter(|value| value.is_string());
        found.push(match selector {
            Some(selector) => Registration::Element {
                selector: parse_selector(&selector.to_rust_string_lossy(scope))?,
                element: number(flags[0]),
                comments: number(flags[1]),
                text: number(flags[2]),
            },
            None => Registration::Document {
                doctype: number(flags[0]),
                comments: number(flags[1]),
                text: number(flags[2]),
                end: number(flags[3]),
            },
        });
    }
    Ok(found)
}

/// lol-html's settings for the registrations, each handler suspending the coroutine.
fn settings<'h>(
    registrations: Vec<Registration>,
    shared: &'h Shared,
    encoding: AsciiCompatibleEncoding,
) -> Settings<'h, 'static> {
    let mut settings = Settings::new().with_encoding(encoding).with_strict(true).with_memory_settings(
        MemorySettings::new().with_preallocated_parsing_buffer_size(1024).with_max_allowed_memory_usage(MEMORY_LIMIT),
    );
    for registration in registrations {
        match registration {
            Registration::Element { selector, element, comments, text } => {
                let mut handlers = ElementContentHandlers::default();
                if let Some(handler) = element {
                    handlers = handlers.element(move |element: &mut Element<'_, '_>| {
                        suspend(shared, Kind::Element, handler, std::ptr::from_mut(element).cast())
                    });
                }
                if let Some(handler) = comments {
                    handlers = handlers.comments(move |comment: &mut Comment<'_>| {
                        suspend(shared, Kind::Comment, handler, std::ptr::from_mut(comment).cast())
                    });
                }
                if let Some(handler) = text {
                    handlers = handlers.text(move |text: &mut TextChunk<'_>| {
                        suspend(shared, Kind::Text, handler, std::ptr::from_mut(text).cast())
                    });
                }
                settings = settings.append_element_content_handler((Cow::Owned(selector), handlers));
            }
            Registration::Document { doctype, comments, text, end } => {
                let mut handlers = DocumentContentHandlers::default();
                if let Some(handler) = doctype {
                    handlers = handlers.doctype(move |doctype: &mut Doctype<'_>| {
                        suspend(shared, Kind::Doctype, handler, std::ptr::from_mut(doctype).cast())
                    });
                }
                if let Some(handler) = comments {
                    handlers = handlers.comments(move |comment: &mut Comment<'_>| {
                        suspend(shared, Kind::Comment, handler, std::ptr::from_mut(comment).cast())
                    });
                }
                if let Some(handler) = text {
                    handlers = handlers.text(move |text: &mut TextChunk<'_>| {
                        suspend(shared, Kind::Text, handler, std::ptr::from_mut(text).cast())
                    });
                }
                if let Some(handler) = end {
                    handlers = handlers.end(move |end: &mut DocumentEnd<'_>| {
                        suspend(shared, Kind::End, handler, std::ptr::from_mut(end).cast())
                    });
                }
                settings = settings.append_document_content_handler(handlers);
            }
        }
    }
    settings
}

/// `htmlRewriterCreate(handlers, charset)` -> id. `handlers` as [`registrations`] reads them;
/// throws a TypeError for a charset lol-html cannot rewrite (it must be ASCII-compatible).
pub(crate) fn html_rewriter_create(
    scope: &mut v8::PinScope<'_, '_>,
    args: Arguments<'_>,
    mut return_value: Return<'_>,
) {
    let registrations = match registrations(scope, args.get(0)) {
        Ok(registrations) => registrations,
        Err(message) => return throw_error(scope, "TypeError", &message),
    };
    let charset = args.get(1).to_rust_string_lossy(scope);
    // lol-html's messages, as workerd gives them.
    let Some(encoding) = encoding_rs::Encoding::for_label(charset.trim().as_bytes()) else {
        return throw_error(scope, "TypeError", "Parser error: Unknown character encoding has been provided.");
    };
    let Some(encoding) = AsciiCompatibleEncoding::new(encoding) else {
        return throw_error(scope, "TypeError", "Parser error: Expected ASCII-compatible encoding.");
    };
    if !charge(scope, STACK_SIZE + MEMORY_LIMIT) {
        return throw_error(scope, "RangeError", "The memory limit is reached");
    }
    let budget = Arc::clone(&state(scope).budget);
    let stack = match DefaultStack::new(STACK_SIZE) {
        Ok(stack) => stack,
        Err(error) => {
            budget.release(STACK_SIZE + MEMORY_LIMIT);
            return throw_error(scope, "Error", &format!("HTMLRewriter could not allocate its stack: {error}"));
        }
    };
    let shared = Rc::new(Shared {
        yielder: Cell::new(std::ptr::null()),
        output: RefCell::new(Vec::new()),
        failed: Cell::new(false),
    });
    let body_shared = Rc::clone(&shared);
    let coroutine = Coroutine::with_stack(stack, move |yielder: &Yielder<Input, Yield>, first: Input| -> Outcome {
        let shared = &*body_shared;
        shared.yielder.set(std::ptr::from_ref(yielder));
        let mut rewriter = HtmlRewriter::new(settings(registrations, shared, encoding), |bytes: &[u8]| {
            shared.output.borrow_mut().extend_from_slice(bytes);
        });
        let failure = |error: lol_html::errors::RewritingError| {
            if shared.failed.get() { None } else { Some(format!("Parser error: {error}")) }
        };
        let mut input = first;
        loop {
            match input {
                Input::Chunk(bytes) => {
                    rewriter.write(&bytes).map_err(failure)?;
                    input = yielder.suspend(Yield::Written);
                }
                Input::End => return rewriter.end().map_err(failure),
                Input::Continue | Input::Fail => return Err(None),
            }
        }
    });
    let table = extension::<RefCell<Rewriters>>(scope);
    let mut table = table.borrow_mut();
    table.next = table.next.wrapping_add(1);
    let id = table.next;
    table.live.insert(id, Rewriter { coroutine, shared, phase: Phase::Input, tokens: 0, budget });
    return_value.set_uint32(id);
}

/// Resumes the rewriter `id` with `input` and tells JavaScript where it stopped:
/// `[output, -1]` (more input, please), `[output, -2]` (ended), `[output, -3, message]`
/// (failed: lol-html's message, or undefined when a handler failed), or `[output, handler, kind,
/// token]` (call that handler). `output` is a Uint8Array of what was written since the last
/// step, or undefined.
fn step(scope: &mut v8::PinScope<'_, '_>, id: u32, input: Input, handler_done: bool, mut return_value: Return<'_>) {
    if state(scope).budget.control().stopped().is_some() {
        return throw_error(scope, "Error", "The run was stopped");
    }
    let table = extension::<RefCell<Rewriters>>(scope);
    let mut table = table.borrow_mut();
    let Some(rewriter) = table.live.get_mut(&id) else {
        drop(table);
        return throw_error(scope, "TypeError", "This HTMLRewriter has already finished");
    };
    let expected = matches!(rewriter.phase, Phase::Handler { .. }) == handler_done;
    if !expected || rewriter.phase == Phase::Finished {
        drop(table);
        return throw_error(scope, "TypeError", "This HTMLRewriter is busy");
    }
    // A panic in lol-html ends this rewriter (its coroutine is finished by the unwinding), not
    // the process: it must not unwind into V8.
    let resumed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rewriter.coroutine.resume(input)));
    let result =
        resumed.unwrap_or_else(|_| CoroutineResult::Return(Err(Some("Parser error: internal error".to_owned()))));
    let output = std::mem::take(&mut *rewriter.shared.output.borrow_mut());
    let mut values: Vec<v8::Local<'_, v8::Value>> = Vec::with_capacity(4);
    let (phase, code, extra): (Phase, i32, Vec<v8::Local<'_, v8::Value>>) = match result {
        CoroutineResult::Yield(Yield::Written) => (Phase::Input, -1, Vec::new()),
        CoroutineResult::Yield(Yield::Handler { kind, handler, content }) => {
            rewriter.tokens = rewriter.tokens.wrapping_add(1);
            let token = rewriter.tokens;
            let extra =
                vec![v8::Integer::new(scope, kind as i32).into(), v8::Integer::new_from_unsigned(scope, token).into()];
            (Phase::Handler { kind, content, token }, handler as i32, extra)
        }
        CoroutineResult::Return(Ok(())) => (Phase::Finished, -2, Vec::new()),
        CoroutineResult::Return(Err(message)) => {
            (Phase::Finished, -3, vec![optional_string(scope, message.as_deref())])
        }
    };
    rewriter.phase = phase;
    if phase == Phase::Finished {
        table.live.remove(&id);
    }
    drop(table);
    if output.is_empty() {
        values.push(v8::undefined(scope).into());
    } else {
        let Some(bytes) = new_bytes(scope, &output) else { return };
        values.push(bytes.into());
    }
    values.push(v8::Integer::new(scope, code).into());
    values.extend(extra);
    return_value.set(v8::Array::new_with_elements(scope, &values).into());
}

/// `htmlRewriterWrite(id, bytes)` -> a step (see [`step`]); `bytes` undefined ends the input.
pub(crate) fn html_rewriter_write(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, return_value: Return<'_>) {
    let Some(id) = args.get(0).uint32_value(scope) else {
        return throw_error(scope, "TypeError", "Expected an HTMLRewriter id");
    };
    let chunk = args.get(1);
    let input = if chunk.is_undefined() {
        Input::End
    } else {
        let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(chunk) else {
            return throw_error(scope, "TypeError", "Expected bytes");
        };
        let mut bytes = vec![0; view.byte_length()];
        view.copy_contents(&mut bytes);
        Input::Chunk(bytes)
    };
    step(scope, id, input, false, return_value);
}

/// `htmlRewriterResume(id, ok)` -> a step: the handler the last step named returned (`ok`) or
/// threw.
pub(crate) fn html_rewriter_resume(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, return_value: Return<'_>) {
    let Some(id) = args.get(0).uint32_value(scope) else {
        return throw_error(scope, "TypeError", "Expected an HTMLRewriter id");
    };
    let input = if args.get(1).boolean_value(scope) { Input::Continue } else { Input::Fail };
    step(scope, id, input, true, return_value);
}

/// `htmlRewriterDrop(id)`: the transformed body was cancelled or failed; the rewriter stops.
pub(crate) fn html_rewriter_drop(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    if let Some(id) = args.get(0).uint32_value(scope) {
        let removed = extension::<RefCell<Rewriters>>(scope).borrow_mut().live.remove(&id);
        drop(removed);
    }
}

const INVALID_TOKEN: &str = "This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.";

/// The content type of a mutation: HTML when the options say `html: true`.
fn content_type(html: bool) -> ContentType {
    if html { ContentType::Html } else { ContentType::Text }
}

/// What an operation on content gives back.
enum Answer {
    Nothing,
    Bool(bool),
    Text(Option<String>),
    Attributes(Vec<(String, String)>),
}

/// `htmlRewriterContent(id, token, op, first, second)` -> the operation's answer, on the
/// content of the handler that is running (`token` names it; any other token throws workerd's
/// TypeError).
pub(crate) fn html_rewriter_content(
    scope: &mut v8::PinScope<'_, '_>,
    args: Arguments<'_>,
    mut return_value: Return<'_>,
) {
    let (Some(id), Some(token)) = (args.get(0).uint32_value(scope), args.get(1).uint32_value(scope)) else {
        return throw_error(scope, "TypeError", INVALID_TOKEN);
    };
    let op = args.get(2).to_rust_string_lossy(scope);
    // A string, or the bytes of a Response's or stream's body (UTF-8).
    let first = args.get(3);
    let first = if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(first) {
        let mut bytes = vec![0; view.byte_length()];
        view.copy_contents(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    } else if first.is_undefined() {
        String::new()
    } else {
        first.to_rust_string_lossy(scope)
    };
    let second_value = args.get(4);
    let flag = second_value.boolean_value(scope);
    let second = if second_value.is_string() { second_value.to_rust_string_lossy(scope) } else { String::new() };

    let table = extension::<RefCell<Rewriters>>(scope);
    let mut table = table.borrow_mut();
    let found = table.live.get_mut(&id).and_then(|rewriter| match rewriter.phase {
        Phase::Handler { kind, content, token: current } if current == token => {
            Some((kind, content, Rc::clone(&rewriter.shared)))
        }
        _ => None,
    });
    let Some((kind, content, shared)) = found else {
        drop(table);
        return throw_error(scope, "TypeError", INVALID_TOKEN);
    };
    // SAFETY: `content` points to the content of the handler the coroutine is suspended in
    // (the phase says so, and `token` is that handler's), which lives on the coroutine's stack
    // until it is resumed; the table stays borrowed, so nothing resumes it meanwhile, and no
    // JavaScript runs until the answer is made.
    let answer = unsafe { operate(kind, content, &op, first, second, flag, &shared) };
    drop(table);
    match answer {
        Ok(Answer::Nothing) => {}
        Ok(Answer::Bool(value)) => return_value.set_bool(value),
        Ok(Answer::Text(text)) => {
            let value = match text {
                Some(text) => optional_string(scope, Some(&text)),
                None => v8::null(scope).into(),
            };
            return_value.set(value);
        }
        Ok(Answer::Attributes(attributes)) => {
            let mut pairs = Vec::with_capacity(attributes.len());
            for (name, value) in &attributes {
                let pair = [optional_string(scope, Some(name)), optional_string(scope, Some(value))];
                pairs.push(v8::Array::new_with_elements(scope, &pair).into());
            }
            return_value.set(v8::Array::new_with_elements(scope, &pairs).into());
        }
        Err(message) => throw_error(scope, "TypeError", &message),
    }
}

/// One operation on content of `kind` at `content`.
///
/// # Safety
/// `content` points to live content of that kind, which nothing else uses during the call.
unsafe fn operate(
    kind: Kind,
    content: *mut (),
    op: &str,
    first: String,
    second: String,
    flag: bool,
    shared: &Rc<Shared>,
) -> Result<Answer, String> {
    let parser_error = |error: &dyn Error| format!("Parser error: {error}");
    let unknown = || Err(format!("Unknown operation {op}"));
    match kind {
        Kind::Element => {
            // SAFETY: as the caller promises.
            let element = unsafe { &mut *content.cast::<Element<'static, 'static>>() };
            Ok(match op {
                "tagName" => Answer::Text(Some(element.tag_name())),
                "setTagName" => {
                    element.set_tag_name(&first).map_err(|error| parser_error(&error))?;
                    Answer::Nothing
                }
                "attributes" => Answer::Attributes(
                    element.attributes().iter().map(|attribute| (attribute.name(), attribute.value())).collect(),
                ),
                "getAttribute" => Answer::Text(element.get_attribute(&first)),
                "hasAttribute" => Answer::Bool(element.has_attribute(&first)),
                "setAttribute" => {
                    element.set_attribute(&first, &second).map_err(|error| parser_error(&error))?;
                    Answer::Nothing
                }
                "removeAttribute" => {
                    element.remove_attribute(&first);
                    Answer::Nothing
                }
                "before" => mutate(|| element.before(&first, content_type(flag))),
                "after" => mutate(|| element.after(&first, content_type(flag))),
                "prepend" => mutate(|| element.prepend(&first, content_type(flag))),
                "append" => mutate(|| element.append(&first, content_type(flag))),
                "replace" => mutate(|| element.replace(&first, content_type(flag))),
                "setInnerContent" => mutate(|| element.set_inner_content(&first, content_type(flag))),
                "remove" => mutate(|| element.remove()),
                "removeAndKeepContent" => mutate(|| element.remove_and_keep_content()),
                "removed" => Answer::Bool(element.removed()),
                "namespaceURI" => Answer::Text(Some(element.namespace_uri().to_owned())),
                "onEndTag" => {
                    let handler: u32 = first.parse().map_err(|_| "Expected a handler".to_owned())?;
                    let Some(handlers) = element.end_tag_handlers() else {
                        return Err("Parser error: No end tag.".to_owned());
                    };
                    handlers.clear();
                    let shared = Rc::clone(shared);
                    handlers.push(Box::new(move |end_tag: &mut EndTag<'_>| {
                        suspend(&shared, Kind::EndTag, handler, std::ptr::from_mut(end_tag).cast())
                    }));
                    Answer::Nothing
                }
                _ => return unknown(),
            })
        }
        Kind::Comment => {
            // SAFETY: as the caller promises.
            let comment = unsafe { &mut *content.cast::<Comment<'static>>() };
            Ok(match op {
                "text" => Answer::Text(Some(comment.text())),
                "setText" => {
                    comment.set_text(&first).map_err(|error| parser_error(&error))?;
                    Answer::Nothing
                }
                "before" => mutate(|| comment.before(&first, content_type(flag))),
                "after" => mutate(|| comment.after(&first, content_type(flag))),
                "replace" => mutate(|| comment.replace(&first, content_type(flag))),
                "remove" => mutate(|| comment.remove()),
                "removed" => Answer::Bool(comment.removed()),
                _ => return unknown(),
            })
        }
        Kind::Text => {
            // SAFETY: as the caller promises.
            let text = unsafe { &mut *content.cast::<TextChunk<'static>>() };
            Ok(match op {
                "text" => Answer::Text(Some(text.as_str().to_owned())),
                "lastInTextNode" => Answer::Bool(text.last_in_text_node()),
                "before" => mutate(|| text.before(&first, content_type(flag))),
                "after" => mutate(|| text.after(&first, content_type(flag))),
                "replace" => mutate(|| text.replace(&first, content_type(flag))),
                "remove" => mutate(|| text.remove()),
                "removed" => Answer::Bool(text.removed()),
                _ => return unknown(),
            })
        }
        Kind::Doctype => {
            // SAFETY: as the caller promises.
            let doctype = unsafe { &mut *content.cast::<Doctype<'static>>() };
            Ok(match op {
                "name" => Answer::Text(doctype.name()),
                "publicId" => Answer::Text(doctype.public_id()),
                "systemId" => Answer::Text(doctype.system_id()),
                "remove" => mutate(|| doctype.remove()),
                "removed" => Answer::Bool(doctype.removed()),
                _ => return unknown(),
            })
        }
        Kind::End => {
            // SAFETY: as the caller promises.
            let end = unsafe { &mut *content.cast::<DocumentEnd<'static>>() };
            Ok(match op {
                "append" => mutate(|| end.append(&first, content_type(flag))),
                _ => return unknown(),
            })
        }
        Kind::EndTag => {
            // SAFETY: as the caller promises.
            let end_tag = unsafe { &mut *content.cast::<EndTag<'static>>() };
            Ok(match op {
                "name" => Answer::Text(Some(end_tag.name())),
                "setName" => {
                    end_tag.set_name_str(first);
                    Answer::Nothing
                }
                "before" => mutate(|| end_tag.before(&first, content_type(flag))),
                "after" => mutate(|| end_tag.after(&first, content_type(flag))),
                "remove" => mutate(|| end_tag.remove()),
                _ => return unknown(),
            })
        }
    }
}

/// Runs a mutation that answers nothing.
fn mutate(change: impl FnOnce()) -> Answer {
    change();
    Answer::Nothing
}
