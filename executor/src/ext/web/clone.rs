//! `structuredClone` with V8's own ValueSerializer, so clones match the HTML standard's
//! structured serialisation exactly (Map, Set, Date, RegExp, typed arrays, errors, cycles).

use std::cell::RefCell;
use std::rc::Rc;

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

use crate::runtime::state::state;

/// SharedArrayBuffers are shared, not copied: the serializer records their backing stores
/// and the deserializer hands the same stores out again.
#[derive(Clone, Default)]
struct Cloner {
    shared: Rc<RefCell<Vec<v8::SharedRef<v8::BackingStore>>>>,
}

/// Throws `new DOMException(message, "DataCloneError")`.
fn throw_data_clone_error(scope: &mut v8::PinScope<'_, '_>, message: v8::Local<'_, v8::String>) {
    let state = state(scope);
    let internals = v8::Local::new(scope, &state.internals);
    let exception = (|| {
        let key = v8::String::new(scope, "DOMException")?;
        let constructor = v8::Local::<v8::Function>::try_from(internals.get(scope, key.into())?).ok()?;
        let name = v8::String::new(scope, "DataCloneError")?;
        constructor.new_instance(scope, &[message.into(), name.into()])
    })();
    match exception {
        Some(exception) => {
            scope.throw_exception(exception.into());
        }
        None => {
            let error = v8::Exception::type_error(scope, message);
            scope.throw_exception(error);
        }
    }
}

impl v8::ValueSerializerImpl for Cloner {
    fn throw_data_clone_error<'s>(&self, scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) {
        throw_data_clone_error(scope, message);
    }

    fn get_shared_array_buffer_id<'s>(
        &self,
        _scope: &mut v8::PinScope<'s, '_>,
        shared_array_buffer: v8::Local<'s, v8::SharedArrayBuffer>,
    ) -> Option<u32> {
        let mut shared = self.shared.borrow_mut();
        shared.push(shared_array_buffer.get_backing_store());
        Some(shared.len() as u32 - 1)
    }

    fn get_wasm_module_transfer_id(
        &self,
        scope: &mut v8::PinScope<'_, '_>,
        _module: v8::Local<'_, v8::WasmModuleObject>,
    ) -> Option<u32> {
        if let Some(message) = v8::String::new(scope, "A WebAssembly.Module cannot be cloned") {
            throw_data_clone_error(scope, message);
        }
        None
    }
}

impl v8::ValueDeserializerImpl for Cloner {
    fn get_shared_array_buffer_from_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        transfer_id: u32,
    ) -> Option<v8::Local<'s, v8::SharedArrayBuffer>> {
        let store = self.shared.borrow().get(transfer_id as usize)?.clone();
        Some(v8::SharedArrayBuffer::with_backing_store(scope, &store))
    }
}

/// `structuredClone(value, transfer?)`: serialises and deserialises `value`; ArrayBuffers
/// in `transfer` are detached afterwards, as a transfer would leave them.
pub(crate) fn structured_clone(
    scope: &mut v8::PinScope<'_, '_>,
    args: v8::FunctionCallbackArguments<'_>,
    mut return_value: v8::ReturnValue<'_, v8::Value>,
) {
    let value = args.get(0);
    let mut transfer = Vec::new();
    if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) {
        for index in 0..list.length() {
            let Some(item) = list.get_index(scope, index) else { return };
            match v8::Local::<v8::ArrayBuffer>::try_from(item) {
                Ok(buffer) if buffer.is_detachable() => transfer.push(buffer),
                _ => {
                    if let Some(message) = v8::String::new(scope, "Only ArrayBuffers can be transferred") {
                        throw_data_clone_error(scope, message);
                    }
                    return;
                }
            }
        }
    }

    let context = scope.get_current_context();
    let cloner = Cloner::default();
    let bytes = {
        let serializer = v8::ValueSerializer::new(scope, Box::new(cloner.clone()));
        serializer.write_header();
        if serializer.write_value(context, value) != Some(true) {
            return;
        }
        serializer.release()
    };
    let deserializer = v8::ValueDeserializer::new(scope, Box::new(cloner), &bytes);
    if deserializer.read_header(context) != Some(true) {
        return;
    }
    let Some(clone) = deserializer.read_value(context) else { return };
    for buffer in transfer {
        buffer.detach(None);
    }
    return_value.set(clone);
}
