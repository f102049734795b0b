//! The host functions of `URL` and `URLSearchParams`, with the `url` crate.

use crate::runtime::host::{Arguments, Return, host_copy, string_argument, string_units, throw_error};
use crate::runtime::state::state;

/// Bytes the host may hold to work on strings of `units` UTF-16 code units in all: their
/// UTF-8 copies (at most 3 bytes a unit), what percent-encoding makes of those (3 bytes a
/// byte), and the growth of the strings that hold the result.
fn text_work(units: usize) -> usize {
    units.saturating_mul(24)
}

/// Bytes the host may hold to decode strings of `units` UTF-16 code units in all: their UTF-8
/// copies and the decoded pieces, each no longer than its encoded form.
fn decode_work(units: usize) -> usize {
    units.saturating_mul(8)
}

/// The URL's components in the order `url.js` expects.
fn url_components<'s>(scope: &mut v8::PinScope<'s, '_>, url: &url::Url) -> v8::Local<'s, v8::Value> {
    use url::quirks;
    let origin = quirks::origin(url);
    let parts = [
        quirks::href(url),
        origin.as_str(),
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::host(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
    ];
    let values: Vec<v8::Local<'_, v8::Value>> = parts
        .iter()
        .map(|part| v8::String::new(scope, part).map_or_else(|| v8::undefined(scope).into(), Into::into))
        .collect();
    v8::Array::new_with_elements(scope, &values).into()
}

/// `urlParse(input, base?)` -> components, or undefined if the URL is invalid.
pub(crate) fn url_parse(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, text_work(string_units(&[args.get(0), args.get(1)]))) else { return };
    let Some(input) = string_argument(scope, &args, 0) else { return };
    let base = match string_argument(scope, &args, 1) {
        Some(base) => match url::Url::parse(&base) {
            Ok(base) => Some(base),
            Err(_) => return,
        },
        None => None,
    };
    if let Ok(url) = url::Url::options().base_url(base.as_ref()).parse(&input) {
        let components = url_components(scope, &url);
        return_value.set(components);
    }
}

/// `urlSet(href, component, value)` -> components after the setter (unchanged if the
/// standard says the setter does nothing), or undefined if `href` is not a URL.
pub(crate) fn url_set(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    use url::quirks;
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, text_work(string_units(&[args.get(0), args.get(2)]))) else { return };
    let (Some(href), Some(component), Some(value)) =
        (string_argument(scope, &args, 0), string_argument(scope, &args, 1), string_argument(scope, &args, 2))
    else {
        return;
    };
    let Ok(mut url) = url::Url::parse(&href) else { return };
    // Setters that fail leave the URL as it was, as the URL Standard says.
    let _ = match component.as_str() {
        "protocol" => quirks::set_protocol(&mut url, &value),
        "username" => quirks::set_username(&mut url, &value),
        "password" => quirks::set_password(&mut url, &value),
        "host" => quirks::set_host(&mut url, &value),
        "hostname" => quirks::set_hostname(&mut url, &value),
        "port" => quirks::set_port(&mut url, &value),
        "pathname" => {
            quirks::set_pathname(&mut url, &value);
            Ok(())
        }
        "search" => {
            quirks::set_search(&mut url, &value);
            Ok(())
        }
        "hash" => {
            quirks::set_hash(&mut url, &value);
            Ok(())
        }
        _ => Err(()),
    };
    let components = url_components(scope, &url);
    return_value.set(components);
}

/// `formDecode(query)` -> `[name, value, name, value, ...]`.
pub(crate) fn form_decode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, decode_work(string_units(&[args.get(0)]))) else { return };
    let query = string_argument(scope, &args, 0).unwrap_or_default();
    // Filled one pair at a time, each in its own handle scope: a query of a million pairs
    // holds no million handles outside the heap.
    let values = v8::Array::new(scope, 0);
    let mut index = 0;
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        v8::scope!(let scope, scope);
        for text in [name, value] {
            let Some(string) = v8::String::new(scope, &text) else {
                return throw_error(scope, "RangeError", "Invalid string length");
            };
            if values.set_index(scope, index, string.into()).is_none() {
                return;
            }
            index += 1;
        }
    }
    return_value.set(values.into());
}

/// `formEncode([name, value, ...])` -> `application/x-www-form-urlencoded` text.
pub(crate) fn form_encode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected an array");
    };
    let mut units = 0usize;
    for index in 0..list.length() {
        v8::scope!(let scope, scope);
        if let Some(item) = list.get_index(scope, index) {
            units = units.saturating_add(string_units(&[item]));
        }
    }
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, text_work(units)) else { return };
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    let mut index = 0;
    while index + 1 < list.length() {
        let (Some(name), Some(value)) = (list.get_index(scope, index), list.get_index(scope, index + 1)) else {
            return;
        };
        let (name, value) = (name.to_rust_string_lossy(scope), value.to_rust_string_lossy(scope));
        serializer.append_pair(&name, &value);
        index += 2;
    }
    if let Some(string) = v8::String::new(scope, &serializer.finish()) {
        return_value.set(string.into());
    }
}
