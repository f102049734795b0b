//! The sandbox's side of tools: the host function that starts a call, the objects `env` gets
//! (made by `tools.js`), and the delivery of results to the event loop
//! (`internals.toolEvent`).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::ext::tools::calls::{Charge, Settled, Tools};
use crate::ext::tools::convert::{self, PackError, UnpackError};
use crate::runtime::host::{Arguments, Return, call_internal, throw_error};
use crate::runtime::state::{extension, state};

/// The tool calls of the run that owns `isolate`.
pub(crate) fn tools(isolate: &v8::Isolate) -> Rc<RefCell<Tools>> {
    extension(isolate)
}

/// `toolCall(binding, tool, argument)` -> call id; throws a TypeError for an argument a tool
/// cannot take, a RangeError for a call over a limit (or the memory limit), or what a getter
/// of the argument threw.
pub(crate) fn tool_call(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let binding = args.get(0).uint32_value(scope).unwrap_or(u32::MAX) as usize;
    let tool = args.get(1).uint32_value(scope).unwrap_or(u32::MAX) as usize;
    let tools = tools(scope);
    let name = {
        let tools = tools.borrow();
        if tools.bindings.get(binding).is_none_or(|found| tool >= found.tools.len()) {
            return throw_error(scope, "TypeError", "There is no such tool");
        }
        tools.describe(binding, tool)
    };
    let state = state(scope);
    let budget = Arc::clone(&state.budget);
    let room = budget.limit().saturating_sub(budget.used());
    // Packing may run the code's getters, which may call tools too: nothing is borrowed here.
    let (value, size) = match convert::pack(scope, args.get(2), room, budget.control()) {
        Ok(packed) => packed,
        Err(PackError::Exception | PackError::Stopped) => return,
        Err(PackError::Memory) => {
            budget.exceeded();
            return throw_error(scope, "RangeError", "The memory limit is reached");
        }
        Err(PackError::Unsupported { path, what }) => {
            let message = format!("{name}: a tool takes plain data and bytes, and `{path}` is {what}");
            return throw_error(scope, "TypeError", &message);
        }
    };
    let Some(charge) = Charge::for_argument(&budget, size) else {
        budget.exceeded();
        return throw_error(scope, "RangeError", "The memory limit is reached");
    };
    let called = tools.borrow_mut().call(binding, tool, value, charge);
    match called {
        Ok(id) => return_value.set_uint32(id),
        Err(message) => throw_error(scope, "RangeError", &message),
    }
}

/// Makes the run's tool and service bindings (`internals.toolBindings`, which loads
/// `tools.js`): `[name, object, name, object, ...]` for `env`, each also a global when the
/// run asked for them. Only called for a run that has any.
pub(crate) fn make_bindings<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>> {
    let tools = tools(scope);
    let (bindings, services, globals) = {
        let tools = tools.borrow();
        let bindings: Vec<(String, Vec<String>)> = tools
            .bindings
            .iter()
            .map(|binding| (binding.name.clone(), binding.tools.iter().map(|tool| tool.name.clone()).collect()))
            .collect();
        let services: Vec<String> = tools.services.iter().map(|service| service.name.clone()).collect();
        (bindings, services, tools.globals)
    };
    let mut list = Vec::with_capacity(bindings.len());
    for (name, tool_names) in &bindings {
        let name = v8::String::new(scope, name)?.into();
        let mut names = Vec::with_capacity(tool_names.len());
        for tool in tool_names {
            names.push(v8::String::new(scope, tool)?.into());
        }
        let names = v8::Array::new_with_elements(scope, &names).into();
        list.push(v8::Array::new_with_elements(scope, &[name, names]).into());
    }
    let bindings = v8::Array::new_with_elements(scope, &list).into();
    let mut names = Vec::with_capacity(services.len());
    for service in &services {
        names.push(v8::String::new(scope, service)?.into());
    }
    let services = v8::Array::new_with_elements(scope, &names).into();
    let globals = v8::Boolean::new(scope, globals).into();
    call_internal(scope, "toolBindings", &[bindings, services, globals])
}

/// Settles the promise of every call whose host has answered (`internals.toolEvent`).
/// Returns `None` if JavaScript threw or the run was stopped for memory, else whether
/// anything was delivered.
pub(crate) fn deliver(scope: &mut v8::PinScope<'_, '_>) -> Option<bool> {
    let tools = tools(scope);
    let mut delivered = false;
    loop {
        let settled = tools.borrow_mut().take_settled();
        let Some((id, record, settled)) = settled else { return Some(delivered) };
        delivered = true;
        v8::scope!(let scope, scope);
        let id = v8::Integer::new_from_unsigned(scope, id).into();
        let arguments: Vec<v8::Local<'_, v8::Value>> = match settled {
            Settled::Value(value, charge) => {
                let converted = convert::unpack(scope, &value);
                // The value's bytes are the isolate's now.
                drop(value);
                drop(charge);
                match converted {
                    Ok(result) => vec![id, v8::Boolean::new(scope, true).into(), result],
                    Err(UnpackError::Memory) => return None,
                    Err(UnpackError::TooLong) => {
                        let name = tools.borrow().record_name(record);
                        let message = "the result holds a string longer than JavaScript allows";
                        tools.borrow_mut().result_refused(record, message);
                        vec![
                            id,
                            v8::Boolean::new(scope, false).into(),
                            v8::String::new(scope, "RangeError")?.into(),
                            v8::String::new(scope, &format!("{name}: {message}"))?.into(),
                        ]
                    }
                }
            }
            Settled::Error(name, message) => vec![
                id,
                v8::Boolean::new(scope, false).into(),
                v8::String::new(scope, &name)?.into(),
                v8::String::new(scope, &message)?.into(),
            ],
        };
        call_internal(scope, "toolEvent", &arguments)?;
    }
}
