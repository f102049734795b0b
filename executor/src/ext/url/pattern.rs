//! The host functions of `URLPattern`: the `urlpattern` crate (deno's) parses a pattern into
//! its components' pattern strings, ECMAScript regular expressions and group names, and
//! processes match inputs; `url_pattern.js` compiles and runs the expressions, as deno does.

use std::borrow::Cow;

use urlpattern::quirks::{self, EcmaRegexp, StringOrInit, UrlPatternComponent};

use crate::runtime::host::{Arguments, Return, host_copy, optional_string, string_argument, string_units, throw_error};
use crate::runtime::state::state;

/// Bytes the host may hold to parse strings of `units` UTF-16 code units in all: their UTF-8
/// copies, the token and part lists, and the regular expressions and strings made from them.
fn pattern_work(units: usize) -> usize {
    units.saturating_mul(64)
}

/// A string or `[protocol, username, password, hostname, port, pathname, search, hash,
/// baseURL]` (each a string or undefined), as `url_pattern.js` passes an init dictionary.
fn input_argument<'a>(scope: &mut v8::PinScope<'_, '_>, value: v8::Local<'_, v8::Value>) -> Option<StringOrInit<'a>> {
    if value.is_string() {
        return Some(StringOrInit::String(Cow::Owned(value.to_rust_string_lossy(scope))));
    }
    let array = v8::Local::<v8::Array>::try_from(value).ok()?;
    let mut fields: [Option<String>; 9] = Default::default();
    for (index, field) in fields.iter_mut().enumerate() {
        let item = array.get_index(scope, u32::try_from(index).ok()?)?;
        if item.is_string() {
            *field = Some(item.to_rust_string_lossy(scope));
        }
    }
    let [protocol, username, password, hostname, port, pathname, search, hash, base_url] = fields;
    Some(StringOrInit::Init(quirks::UrlPatternInit {
        protocol,
        username,
        password,
        hostname,
        port,
        pathname,
        search,
        hash,
        base_url,
    }))
}

/// The UTF-16 length of the strings in an input (a string or the array of its fields).
fn input_units(scope: &mut v8::PinScope<'_, '_>, value: v8::Local<'_, v8::Value>) -> usize {
    let Ok(array) = v8::Local::<v8::Array>::try_from(value) else { return string_units(&[value]) };
    let mut units = 0usize;
    for index in 0..array.length().min(9) {
        if let Some(item) = array.get_index(scope, index) {
            units = units.saturating_add(string_units(&[item]));
        }
    }
    units
}

fn new_string<'s>(scope: &mut v8::PinScope<'s, '_>, text: &str) -> v8::Local<'s, v8::Value> {
    optional_string(scope, Some(text))
}

/// `[patternString, regexpString, groupNames]`.
fn component<'s>(scope: &mut v8::PinScope<'s, '_>, component: &UrlPatternComponent) -> v8::Local<'s, v8::Value> {
    let names: Vec<v8::Local<'_, v8::Value>> =
        component.group_name_list.iter().map(|name| new_string(scope, name)).collect();
    let names = v8::Array::new_with_elements(scope, &names).into();
    let pattern = new_string(scope, &component.pattern_string);
    let regexp = new_string(scope, &component.regexp_string);
    v8::Array::new_with_elements(scope, &[pattern, regexp, names]).into()
}

/// `urlPatternParse(input, baseURL?, ignoreCase)` -> `[hasRegExpGroups, protocol, username,
/// password, hostname, port, pathname, search, hash]`, each component `[patternString,
/// regexpString, groupNames]`; throws a TypeError for an invalid pattern.
pub(crate) fn url_pattern_parse(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let state = state(scope);
    let units = input_units(scope, args.get(0)).saturating_add(string_units(&[args.get(1)]));
    let Some(_copy) = host_copy(scope, &state, pattern_work(units)) else { return };
    let Some(input) = input_argument(scope, args.get(0)) else {
        throw_error(scope, "TypeError", "Failed to construct URLPattern");
        return;
    };
    let base_url = string_argument(scope, &args, 1);
    let options = urlpattern::UrlPatternOptions { ignore_case: args.get(2).is_true(), ..Default::default() };
    let parsed = quirks::process_construct_pattern_input(input, base_url.as_deref())
        .and_then(|init| quirks::parse_pattern::<EcmaRegexp>(init, options));
    let pattern = match parsed {
        Ok(pattern) => pattern,
        // workerd's message, whatever was wrong.
        Err(_) => {
            throw_error(scope, "TypeError", "Failed to construct URLPattern");
            return;
        }
    };
    let has_regexp_groups = v8::Boolean::new(scope, pattern.has_regexp_groups).into();
    let mut parts = vec![has_regexp_groups];
    for part in [
        &pattern.protocol,
        &pattern.username,
        &pattern.password,
        &pattern.hostname,
        &pattern.port,
        &pattern.pathname,
        &pattern.search,
        &pattern.hash,
    ] {
        parts.push(component(scope, part));
    }
    return_value.set(v8::Array::new_with_elements(scope, &parts).into());
}

/// `urlPatternMatchInput(input, baseURL?)` -> the eight components of the input as
/// `URLPattern` compares them, or undefined when the input is not a URL; throws a TypeError
/// for an init dictionary with a separate base URL.
pub(crate) fn url_pattern_match_input(
    scope: &mut v8::PinScope<'_, '_>,
    args: Arguments<'_>,
    mut return_value: Return<'_>,
) {
    let state = state(scope);
    let units = input_units(scope, args.get(0)).saturating_add(string_units(&[args.get(1)]));
    let Some(_copy) = host_copy(scope, &state, pattern_work(units)) else { return };
    let Some(input) = input_argument(scope, args.get(0)) else { return };
    let base_url = string_argument(scope, &args, 1);
    let processed = match quirks::process_match_input(input, base_url.as_deref()) {
        Ok(processed) => processed,
        Err(_) => {
            throw_error(scope, "TypeError", "Failed to exec URLPattern");
            return;
        }
    };
    let Some(input) = processed.and_then(|(input, _)| quirks::parse_match_input(input)) else { return };
    let parts: Vec<v8::Local<'_, v8::Value>> = [
        &input.protocol,
        &input.username,
        &input.password,
        &input.hostname,
        &input.port,
        &input.pathname,
        &input.search,
        &input.hash,
    ]
    .into_iter()
    .map(|part| new_string(scope, part))
    .collect();
    return_value.set(v8::Array::new_with_elements(scope, &parts).into());
}
