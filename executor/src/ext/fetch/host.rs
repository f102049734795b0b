//! The sandbox's side of `fetch`: host functions that start requests, pull and cancel
//! response bodies, and the delivery of network events to the runtime's JavaScript
//! (`internals.fetchEvent` in `fetch.js`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::ext::fetch::network::{Event, Network, Redirect, RequestSpec};
use crate::runtime::host::{Arguments, Return, call_internal, new_bytes, optional_string, throw_error};
use crate::runtime::limits::HostCopy;
use crate::runtime::state::{extension, state};

/// The network of the run that owns `isolate`.
pub(crate) fn network(isolate: &v8::Isolate) -> Rc<RefCell<Network>> {
    extension(isolate)
}

/// `fetchStart(method, url, [name, value, ...], body: Uint8Array | undefined, redirect,
/// manualEncoding, service: number | undefined)` -> request id, or throws a TypeError saying
/// why the request may not be made. With `service`, the request goes to that service binding
/// (`Network::service_request`).
pub(crate) fn fetch_start(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let method = args.get(0).to_rust_string_lossy(scope);
    let url_text = args.get(1).to_rust_string_lossy(scope);
    let Ok(url) = url::Url::parse(&url_text) else {
        return throw_error(scope, "TypeError", &format!("Invalid URL: {url_text}"));
    };
    let mut headers = Vec::new();
    if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(2)) {
        let mut index = 0;
        while index + 1 < list.length() {
            let (Some(name), Some(value)) = (list.get_index(scope, index), list.get_index(scope, index + 1)) else {
                return;
            };
            headers.push((name.to_rust_string_lossy(scope), value.to_rust_string_lossy(scope)));
            index += 2;
        }
    }
    let body = v8::Local::<v8::ArrayBufferView>::try_from(args.get(3)).ok().map(|view| {
        let mut bytes = vec![0; view.byte_length()];
        view.copy_contents(&mut bytes);
        bytes
    });
    let redirect = match args.get(4).to_rust_string_lossy(scope).as_str() {
        "manual" => Redirect::Manual,
        "error" => Redirect::Error,
        _ => Redirect::Follow,
    };
    let manual_encoding = args.get(5).boolean_value(scope);
    let service = args.get(6).is_number().then(|| args.get(6).uint32_value(scope).unwrap_or(u32::MAX) as usize);
    let network = network(scope);
    let mut network = network.borrow_mut();
    let request = RequestSpec { method, url, headers, body, redirect, manual_encoding, service: None, code_url: None };
    let request = match service {
        Some(index) => network.service_request(index, request),
        None => Ok(request),
    };
    let started = request.and_then(|request| network.start(request));
    drop(network);
    match started {
        Ok(id) => return_value.set_uint32(id),
        Err(reason) => throw_error(scope, "TypeError", &reason),
    }
}

/// `fetchPull(id)` -> whether a chunk (or the end) will be delivered.
pub(crate) fn fetch_pull(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let pulled = network(scope).borrow_mut().pull(id);
    return_value.set_bool(pulled);
}

/// `fetchCancel(id)`: the body will not be read; the connection is closed.
pub(crate) fn fetch_cancel(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    network(scope).borrow_mut().cancel(id);
}

/// Hands every network event that has arrived to `internals.fetchEvent`. Returns `None` if
/// JavaScript threw (the exception is pending), else whether anything was delivered.
pub(crate) fn deliver(scope: &mut v8::PinScope<'_, '_>) -> Option<bool> {
    let network = network(scope);
    let mut delivered = false;
    loop {
        let completion = network.borrow_mut().take_completion();
        let Some((id, event)) = completion else { return Some(delivered) };
        delivered = true;
        let id = v8::Integer::new_from_unsigned(scope, id).into();
        let arguments: Vec<v8::Local<'_, v8::Value>> = match event {
            Event::Head { status, status_text, headers, url, redirected } => {
                let flat: Vec<v8::Local<'_, v8::Value>> = headers
                    .iter()
                    .flat_map(|(name, value)| [name, value])
                    .filter_map(|text| v8::String::new(scope, text).map(Into::into))
                    .collect();
                vec![
                    id,
                    v8::String::new(scope, "head")?.into(),
                    v8::Integer::new(scope, i32::from(status)).into(),
                    v8::String::new(scope, &status_text)?.into(),
                    v8::Array::new_with_elements(scope, &flat).into(),
                    v8::String::new(scope, &url)?.into(),
                    v8::Boolean::new(scope, redirected).into(),
                ]
            }
            Event::Chunk(bytes) => {
                let Some(view) = new_bytes(scope, &bytes) else {
                    network.borrow_mut().cancel_all();
                    return None;
                };
                vec![id, v8::String::new(scope, "chunk")?.into(), view.into()]
            }
            Event::End => vec![id, v8::String::new(scope, "end")?.into()],
            Event::Error(message) => {
                vec![id, v8::String::new(scope, "error")?.into(), v8::String::new(scope, &message)?.into()]
            }
        };
        call_internal(scope, "fetchEvent", &arguments)?;
    }
}

/// `parseMediaType(text)` -> `[essence, [name, value, ...]]` (lower-case essence and names),
/// or undefined if `text` is not a media type.
pub(crate) fn parse_media_type(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let text = args.get(0).to_rust_string_lossy(scope);
    let Ok(media) = text.parse::<mime::Mime>() else { return };
    let essence = media.essence_str().to_ascii_lowercase();
    let mut parameters = Vec::new();
    for (name, value) in media.params() {
        for part in [name.as_str().to_ascii_lowercase(), value.as_str().to_owned()] {
            let Some(string) = v8::String::new(scope, &part) else { return };
            parameters.push(string.into());
        }
    }
    let Some(essence) = v8::String::new(scope, &essence) else { return };
    let parameters = v8::Array::new_with_elements(scope, &parameters);
    return_value.set(v8::Array::new_with_elements(scope, &[essence.into(), parameters.into()]).into());
}

/// `multipartParse(bytes, boundary)` -> `[[name, filename | undefined, contentType |
/// undefined, Uint8Array], ...]`, or throws a TypeError for a malformed body.
pub(crate) fn multipart_parse(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected the body's bytes");
    };
    let boundary = args.get(1).to_rust_string_lossy(scope);
    let state = state(scope);
    // The host's copy of the body, then each field's parts as multer reads them.
    let Some(mut copy) = state.budget.host_copy(view.byte_length()) else {
        return throw_error(scope, "RangeError", "The memory limit is reached");
    };
    let mut body = vec![0; view.byte_length()];
    view.copy_contents(&mut body);
    let parts = match parse_multipart(body, &boundary, &mut copy) {
        Ok(Some(parts)) => parts,
        Ok(None) => return throw_error(scope, "RangeError", "The memory limit is reached"),
        Err(error) => {
            return throw_error(scope, "TypeError", &format!("The multipart/form-data body is malformed: {error}"));
        }
    };
    // One part at a time, each in its own handle scope: a million fields hold no million
    // handles outside the heap.
    let values = v8::Array::new(scope, 0);
    for (index, part) in parts.into_iter().enumerate() {
        v8::scope!(let scope, scope);
        let Some(content) = new_bytes(scope, &part.content) else {
            return throw_error(scope, "RangeError", "Array buffer allocation failed");
        };
        let Some(name) = v8::String::new(scope, &part.name) else { return };
        let filename = optional_string(scope, part.filename.as_deref());
        let content_type = optional_string(scope, part.content_type.as_deref());
        let entry = v8::Array::new_with_elements(scope, &[name.into(), filename, content_type, content.into()]);
        if values.set_index(scope, index as u32, entry.into()).is_none() {
            return;
        }
    }
    return_value.set(values.into());
}

struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    content: Vec<u8>,
}

/// What multer and [`Part`] hold for each field besides its name and content: the part's
/// headers, strings and buffers (measured: a body of a million empty fields made the host
/// hold about 400 bytes for each).
const FIELD_OVERHEAD: usize = 512;

/// Parses a complete multipart/form-data body with `multer`, counting each field against
/// `copy`; `None` when the fields do not fit the memory budget (the run is then stopped).
/// Every future here is ready at once (the body is in memory), so polling them with a no-op
/// waker finishes them.
fn parse_multipart(body: Vec<u8>, boundary: &str, copy: &mut HostCopy<'_>) -> Result<Option<Vec<Part>>, multer::Error> {
    let stream =
        futures_util::stream::once(std::future::ready(Ok::<_, std::convert::Infallible>(bytes::Bytes::from(body))));
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = ready(multipart.next_field())? {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let content = ready(field.bytes())?.to_vec();
        let size = FIELD_OVERHEAD + name.len() + filename.as_ref().map_or(0, String::len) + content.len();
        if !copy.grow(size) {
            return Ok(None);
        }
        parts.push(Part { name, filename, content_type, content });
    }
    Ok(Some(parts))
}

fn ready<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
    }
}
