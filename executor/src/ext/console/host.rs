//! The host functions of `console`: printing a message, and the start of a huge string for
//! the formatter.

use std::cell::RefCell;

use crate::ext::console::{Console, LogLevel};
use crate::runtime::host::{Arguments, Return, throw_error};
use crate::runtime::state::extension;
use crate::runtime::strings::{self, MAX_MESSAGE_CHARACTERS};

/// `print(level, message, indentation)`: one console message for the run's `Console`, with
/// `indentation` (of `console.group`) before each of its lines. At most
/// [`MAX_MESSAGE_CHARACTERS`] of the message leave the isolate, read without flattening it;
/// the rest is left out with a note of how much.
pub(crate) fn print(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let level = match args.get(0).int32_value(scope).unwrap_or(2) {
        0 => LogLevel::Debug,
        1 => LogLevel::Info,
        3 => LogLevel::Warn,
        4 => LogLevel::Error,
        _ => LogLevel::Log,
    };
    let Some(message) = args.get(1).to_string(scope) else { return };
    let (mut message, left_out) = strings::head_lossy(scope, &message, MAX_MESSAGE_CHARACTERS);
    let indentation = args.get(2);
    if indentation.is_string() && v8::Local::<v8::String>::try_from(indentation).is_ok_and(|text| text.length() > 0) {
        let indentation = strings::head_lossy(scope, &indentation.cast::<v8::String>(), 1024).0;
        message = format!("{indentation}{}", message.replace('\n', &format!("\n{indentation}")));
    }
    if left_out > 0 {
        message.push_str(&format!("... {left_out} more character{}", if left_out == 1 { "" } else { "s" }));
    }
    let console = extension::<RefCell<Box<dyn Console>>>(scope);
    // A console that calls back into the sandbox cannot exist (the trait has no scope), so
    // the borrow cannot be re-entered.
    if let Ok(mut console) = console.try_borrow_mut() {
        console.log(level, &message);
    }
}

/// `stringHead(string, units)`: a flat copy of the first `units` UTF-16 code units of
/// `string` (one fewer rather than half a surrogate pair), made without flattening `string`,
/// for formatting only the start of a huge string.
pub(crate) fn string_head(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(string) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected a string");
    };
    let limit = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
    let end = strings::head_length(scope, &string, limit);
    let mut units = Vec::with_capacity(end);
    strings::for_each_chunk(scope, &string, end, |chunk| {
        units.extend_from_slice(chunk);
        true
    });
    match v8::String::new_from_two_byte(scope, &units, v8::NewStringType::Normal) {
        Some(head) => return_value.set(head.into()),
        None => throw_error(scope, "RangeError", "Invalid string length"),
    }
}
