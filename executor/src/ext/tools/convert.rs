//! Values crossing between the isolate and a tool host: a call's argument packed into a
//! [`ToolValue`] (plain data and bytes only, refused with the path of the first value that is
//! not), and a result made into a JavaScript value.

use crate::ext::tools::{ToolValue, VALUE_OVERHEAD};
use crate::runtime::host::new_bytes;
use crate::runtime::limits::Control;
use crate::runtime::strings::{Utf16Decoder, for_each_chunk};

/// The deepest an argument may nest (arrays and objects).
pub(crate) const MAX_ARGUMENT_DEPTH: usize = 64;

/// Why an argument was not packed.
pub(crate) enum PackError {
    /// JavaScript threw (a getter did): the exception is pending.
    Exception,
    /// The run is being stopped.
    Stopped,
    /// A value a tool cannot take: where it is (`argument.items[2]`) and what it is.
    Unsupported { path: String, what: String },
    /// The packed argument would not fit in the run's memory.
    Memory,
}

/// A step from a value to one of its children.
enum Step {
    Index(u32),
    Key(String),
}

/// The containers around the value being packed, innermost first, to find cycles.
struct Ancestors<'p, 's> {
    object: v8::Local<'s, v8::Object>,
    /// The length of the path to it.
    depth: usize,
    /// How many containers deep it is (1 for the argument itself).
    level: usize,
    parent: Option<&'p Ancestors<'p, 's>>,
}

struct Packer<'c> {
    path: Vec<Step>,
    size: usize,
    /// The bytes the packed argument may take.
    room: usize,
    control: &'c Control,
    steps: u32,
}

/// Packs the argument of a call (`undefined` is `{}`), within `room` bytes as
/// [`ToolValue::size`] counts them: the value and its size.
pub(crate) fn pack(
    scope: &mut v8::PinScope<'_, '_>,
    value: v8::Local<'_, v8::Value>,
    room: usize,
    control: &Control,
) -> Result<(ToolValue, usize), PackError> {
    let value = v8::Local::new(scope, value);
    let object_prototype = v8::Object::new(scope).get_prototype(scope).ok_or(PackError::Exception)?;
    let mut packer = Packer { path: Vec::new(), size: 0, room, control, steps: 0 };
    let packed = packer.value(scope, value, object_prototype, None)?;
    let packed = match packed {
        Some(packed) => packed,
        None => ToolValue::Object(Vec::new()),
    };
    Ok((packed, packer.size))
}

impl Packer<'_> {
    fn add(&mut self, bytes: usize) -> Result<(), PackError> {
        self.size = self.size.saturating_add(bytes);
        if self.size > self.room { Err(PackError::Memory) } else { Ok(()) }
    }

    /// Whether `bytes` more would still fit, without counting them.
    fn check(&self, bytes: usize) -> Result<(), PackError> {
        if self.size.saturating_add(bytes) > self.room { Err(PackError::Memory) } else { Ok(()) }
    }

    fn unsupported(&self, what: impl Into<String>) -> PackError {
        PackError::Unsupported { path: self.path_text(self.path.len()), what: what.into() }
    }

    /// `argument.items[2]["a b"]`, of the first `length` steps, cut short when very long.
    fn path_text(&self, length: usize) -> String {
        let mut text = String::from("argument");
        for step in &self.path[..length] {
            if text.len() > 200 {
                text.push('…');
                break;
            }
            match step {
                Step::Index(index) => text.push_str(&format!("[{index}]")),
                Step::Key(key) if is_identifier(key) => {
                    text.push('.');
                    text.push_str(key);
                }
                Step::Key(key) => {
                    let shown: String = key.chars().take(40).collect();
                    let quoted = serde_json::to_string(&shown).unwrap_or_default();
                    text.push('[');
                    text.push_str(&quoted);
                    if shown.len() < key.len() {
                        text.push('…');
                    }
                    text.push(']');
                }
            }
        }
        text
    }

    /// One value: `None` for `undefined` (left out of an object, `null` in an array).
    fn value<'s>(
        &mut self,
        scope: &mut v8::PinScope<'s, '_>,
        value: v8::Local<'s, v8::Value>,
        object_prototype: v8::Local<'s, v8::Value>,
        ancestors: Option<&Ancestors<'_, 's>>,
    ) -> Result<Option<ToolValue>, PackError> {
        self.steps = self.steps.wrapping_add(1);
        if self.steps.is_multiple_of(1024) && self.control.stopped().is_some() {
            return Err(PackError::Stopped);
        }
        if value.is_undefined() {
            return Ok(None);
        }
        self.add(VALUE_OVERHEAD)?;
        if value.is_null() {
            return Ok(Some(ToolValue::Null));
        }
        if value.is_boolean() {
            return Ok(Some(ToolValue::Bool(value.boolean_value(scope))));
        }
        if value.is_number() {
            let number = value.number_value(scope).ok_or(PackError::Exception)?;
            if number.is_nan() {
                return Err(self.unsupported("NaN, which JSON cannot hold"));
            }
            if number.is_infinite() {
                return Err(self
                    .unsupported(format!("{}Infinity, which JSON cannot hold", if number < 0.0 { "-" } else { "" })));
            }
            return Ok(Some(ToolValue::Number(number)));
        }
        if let Ok(string) = v8::Local::<v8::String>::try_from(value) {
            return self.string(scope, string).map(|text| Some(ToolValue::String(text)));
        }
        if value.is_big_int() {
            return Err(self.unsupported("a BigInt; send it as a string or a number"));
        }
        if value.is_symbol() {
            return Err(self.unsupported("a Symbol"));
        }
        if value.is_function() {
            return Err(self.unsupported("a function"));
        }
        // Before anything that would look inside: a Proxy's traps are the code's own.
        if value.is_proxy() {
            return Err(self.unsupported("a Proxy"));
        }
        if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(value) {
            let length = view.byte_length();
            self.add(length)?;
            let mut bytes = vec![0; length];
            view.copy_contents(&mut bytes);
            return Ok(Some(ToolValue::Bytes(bytes)));
        }
        if let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(value) {
            let length = buffer.byte_length();
            self.add(length)?;
            let mut bytes = vec![0; length];
            if length > 0 {
                let view = v8::Uint8Array::new(scope, buffer, 0, length).ok_or(PackError::Exception)?;
                view.copy_contents(&mut bytes);
            }
            return Ok(Some(ToolValue::Bytes(bytes)));
        }
        if value.is_shared_array_buffer() {
            return Err(self.unsupported("a SharedArrayBuffer; send a Uint8Array copy of it"));
        }
        let Ok(object) = v8::Local::<v8::Object>::try_from(value) else {
            return Err(self.unsupported("a value of an unknown kind"));
        };
        let mut ancestor = ancestors;
        while let Some(found) = ancestor {
            if found.object.strict_equals(value) {
                return Err(
                    self.unsupported(format!("`{}` again, which contains it (a cycle)", self.path_text(found.depth)))
                );
            }
            ancestor = found.parent;
        }
        let level = ancestors.map_or(1, |ancestors| ancestors.level + 1);
        if level > MAX_ARGUMENT_DEPTH {
            return Err(self.unsupported(format!("nested more than {MAX_ARGUMENT_DEPTH} levels deep")));
        }
        let here = Ancestors { object, depth: self.path.len(), level, parent: ancestors };
        if let Ok(array) = v8::Local::<v8::Array>::try_from(value) {
            return self.array(scope, array, object_prototype, &here).map(Some);
        }
        let prototype = object.get_prototype(scope).ok_or(PackError::Exception)?;
        if !prototype.is_null() && !prototype.strict_equals(object_prototype) {
            return Err(self.unsupported(describe_instance(scope, object)));
        }
        self.object(scope, object, object_prototype, &here).map(Some)
    }

    fn array<'s>(
        &mut self,
        scope: &mut v8::PinScope<'s, '_>,
        array: v8::Local<'s, v8::Array>,
        object_prototype: v8::Local<'s, v8::Value>,
        here: &Ancestors<'_, 's>,
    ) -> Result<ToolValue, PackError> {
        let length = array.length();
        // Every element takes at least this much: a huge sparse array is refused at once.
        self.check((length as usize).saturating_mul(VALUE_OVERHEAD))?;
        let mut items = Vec::with_capacity((length as usize).min(1 << 16));
        for index in 0..length {
            v8::scope!(let scope, scope);
            let element = array.get_index(scope, index).ok_or(PackError::Exception)?;
            self.path.push(Step::Index(index));
            let item = self.value(scope, element, object_prototype, Some(here))?;
            self.path.pop();
            items.push(match item {
                Some(item) => item,
                None => {
                    self.add(VALUE_OVERHEAD)?;
                    ToolValue::Null
                }
            });
        }
        Ok(ToolValue::Array(items))
    }

    fn object<'s>(
        &mut self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
        object_prototype: v8::Local<'s, v8::Value>,
        here: &Ancestors<'_, 's>,
    ) -> Result<ToolValue, PackError> {
        let keys = object
            .get_own_property_names(scope, crate::runtime::host::own_enumerable_keys())
            .ok_or(PackError::Exception)?;
        let mut entries = Vec::with_capacity((keys.length() as usize).min(1 << 16));
        for index in 0..keys.length() {
            v8::scope!(let scope, scope);
            let key = keys.get_index(scope, index).ok_or(PackError::Exception)?;
            let Ok(key_string) = v8::Local::<v8::String>::try_from(key) else { continue };
            let name = self.string(scope, key_string)?;
            // A getter runs here, as `JSON.stringify` would run it; if it throws, the call
            // rejects with what it threw.
            let element = object.get(scope, key).ok_or(PackError::Exception)?;
            self.path.push(Step::Key(name));
            let item = self.value(scope, element, object_prototype, Some(here))?;
            let name = match self.path.pop() {
                Some(Step::Key(name)) => name,
                _ => String::new(),
            };
            if let Some(item) = item {
                self.add(VALUE_OVERHEAD)?;
                entries.push((name, item));
            } else {
                self.size = self.size.saturating_sub(name.len());
            }
        }
        Ok(ToolValue::Object(entries))
    }

    /// A string as UTF-8 (lone surrogates as U+FFFD), counted against the room before it is
    /// read; a long string is read in chunks, without flattening it.
    fn string(
        &mut self,
        scope: &mut v8::PinScope<'_, '_>,
        string: v8::Local<'_, v8::String>,
    ) -> Result<String, PackError> {
        let units = string.length();
        self.add(units)?;
        let text = if units <= 4096 {
            string.to_rust_string_lossy(scope)
        } else {
            let mut text = String::with_capacity(units);
            let mut decoder = Utf16Decoder::default();
            for_each_chunk(scope, &string, units, |chunk| {
                decoder.push(chunk, &mut text);
                true
            });
            decoder.finish(&mut text);
            text
        };
        self.add(text.len().saturating_sub(units))?;
        Ok(text)
    }
}

/// `a Date; send a string, such as date.toISOString()`, `a Map`, `an instance of Point`.
fn describe_instance(scope: &mut v8::PinScope<'_, '_>, object: v8::Local<'_, v8::Object>) -> String {
    let name = object.get_constructor_name().to_rust_string_lossy(scope);
    match name.as_str() {
        "Date" => "a Date; send a string, such as `date.toISOString()`".to_owned(),
        "Map" => "a Map; send a plain object, such as `Object.fromEntries(map)`".to_owned(),
        "Set" => "a Set; send an array, such as `[...set]`".to_owned(),
        "RegExp" => "a RegExp; send its source as a string".to_owned(),
        "Promise" => "a Promise; await it first".to_owned(),
        "Error" | "TypeError" | "RangeError" | "SyntaxError" | "ReferenceError" | "EvalError" | "URIError"
        | "AggregateError" => format!("an {name}; send its message as a string"),
        "String" | "Number" | "Boolean" => format!("a {name} object; send the primitive value"),
        "Object" | "" => "an object with a prototype other than `Object.prototype`".to_owned(),
        _ => format!("an instance of `{}`, not a plain object", name.chars().take(60).collect::<String>()),
    }
}

/// Whether `key` reads as an identifier in a path (`.key` rather than `["key"]`).
fn is_identifier(key: &str) -> bool {
    let mut characters = key.chars();
    characters.next().is_some_and(|first| first.is_alphabetic() || first == '_' || first == '$')
        && characters.all(|character| character.is_alphanumeric() || character == '_' || character == '$')
}

/// Why a result was not made into a JavaScript value.
pub(crate) enum UnpackError {
    /// A byte array did not fit in the run's memory: the run is stopped.
    Memory,
    /// A string longer than V8's longest.
    TooLong,
}

/// A result as a plain JavaScript value: `Bytes` as a `Uint8Array`, objects with
/// `Object.prototype`, their properties defined (no setter of the code's runs). Each array
/// and object is built in a handle scope of its own, which holds the handles of its children
/// only.
pub(crate) fn unpack<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    value: &ToolValue,
) -> Result<v8::Local<'s, v8::Value>, UnpackError> {
    Ok(match value {
        ToolValue::Null => v8::null(scope).into(),
        ToolValue::Bool(value) => v8::Boolean::new(scope, *value).into(),
        ToolValue::Number(value) => v8::Number::new(scope, *value).into(),
        ToolValue::String(text) => v8::String::new_from_utf8(scope, text.as_bytes(), v8::NewStringType::Normal)
            .ok_or(UnpackError::TooLong)?
            .into(),
        ToolValue::Bytes(bytes) => new_bytes(scope, bytes).ok_or(UnpackError::Memory)?.into(),
        ToolValue::Array(items) => {
            v8::escapable_handle_scope!(let inner, scope);
            let mut elements = Vec::with_capacity(items.len());
            for item in items {
                elements.push(unpack(inner, item)?);
            }
            let array = v8::Array::new_with_elements(inner, &elements);
            inner.escape(array).into()
        }
        ToolValue::Object(entries) => {
            v8::escapable_handle_scope!(let inner, scope);
            let object = v8::Object::new(inner);
            for (key, item) in entries {
                let key = v8::String::new_from_utf8(inner, key.as_bytes(), v8::NewStringType::Internalized)
                    .ok_or(UnpackError::TooLong)?;
                let item = unpack(inner, item)?;
                object.create_data_property(inner, key.into(), item).ok_or(UnpackError::Memory)?;
            }
            inner.escape(object).into()
        }
    })
}
