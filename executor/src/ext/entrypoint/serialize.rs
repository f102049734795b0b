//! The entrypoint's result as JSON text, written by the host.
//!
//! This is `JSON.stringify` with two differences. A value JSON cannot hold (a BigInt, a Map,
//! a function, NaN, a cycle, a forgotten promise, ...) is an error naming its path
//! (`result.items[2]`) rather than something silently dropped or turned into `{}`. And no
//! builtin the code can replace is called: keys, types and wrapped primitives are read
//! through V8's API, strings are read where they lie (a rope is never flattened, see
//! `runtime/strings.rs`) and escaped here, and a `Date`'s original `toJSON` is performed with the
//! original `toISOString`. What the value itself says is honoured, as `JSON.stringify` honours
//! it: its `toJSON` methods, its getters, a proxy's traps.
//!
//! The text grows in the host, outside the V8 heap, so it is counted against the run's
//! ArrayBuffer budget as it grows: a result larger than what is left of the memory limit
//! stops the run at that limit. The walk is iterative (a deep value cannot overflow the
//! stack) and stops at [`MAX_DEPTH`].

use std::collections::HashMap;

use crate::runtime::limits::{ArrayBufferBudget, Control};
use crate::runtime::strings;

/// How deeply arrays and objects may nest in a result.
pub(crate) const MAX_DEPTH: usize = 10_000;

/// Why the result has no JSON text.
pub(crate) enum Failure {
    /// JavaScript threw (a `toJSON`, a getter, a proxy trap), or the run was terminated: the
    /// exception is pending in the caller's TryCatch.
    Exception,
    /// A value JSON cannot hold, at `path`.
    NotSerializable { path: String, value: String, hint: String },
    /// The text would not fit in what is left of the memory limit; the run is stopped.
    Memory,
    /// A limit or a cancellation stopped the run while the host was writing.
    Stopped,
}

/// Originals captured at snapshot time (`internals.resultIntrinsics` in `entrypoint.js`), in
/// its order.
const DATE_TO_JSON: u32 = 0;
const DATE_TO_ISO_STRING: u32 = 1;
const ERROR_PROTOTYPE: u32 = 2;
const WEAK_REF_PROTOTYPE: u32 = 3;
const NUMBER_VALUE_OF: u32 = 4;
const STRING_VALUE_OF: u32 = 5;
const BOOLEAN_VALUE_OF: u32 = 6;
const ARRAY_PROTOTYPE: u32 = 7;
const OBJECT_PROTOTYPE: u32 = 8;

/// The JSON text of `value`, or `None` when it is `undefined` (or its `toJSON` returns
/// `undefined`).
pub(crate) fn to_json<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    value: v8::Local<'s, v8::Value>,
    intrinsics: v8::Local<'s, v8::Array>,
    budget: &ArrayBufferBudget,
    control: &Control,
) -> Result<Option<String>, Failure> {
    let mut writer =
        Writer { out: Output { text: String::new(), budget }, stack: Vec::new(), ancestors: HashMap::new(), steps: 0 };
    let to_json_key = v8::String::new(scope, "toJSON").ok_or(Failure::Exception)?.into();
    let holes_own_only = indexed_prototypes(scope, intrinsics);
    let context = Context { intrinsics, to_json_key, control, holes_own_only };
    let empty = v8::String::empty(scope).into();
    let value = writer.prepare(scope, &context, value, Key::Value(empty))?;
    if value.is_undefined() {
        return Ok(None);
    }
    writer.write_value(scope, &context, value, Segment::Root)?;
    writer.run(scope, &context)?;
    Ok(Some(writer.out.text))
}

struct Context<'a, 's> {
    intrinsics: v8::Local<'a, v8::Array>,
    to_json_key: v8::Local<'s, v8::Value>,
    control: &'a Control,
    /// The code gave `Array.prototype` or `Object.prototype` indexed properties, which a
    /// hole of an array would read (`JSON.stringify` would show them): holes are `null`.
    holes_own_only: bool,
}

/// Whether the original `Array.prototype` or `Object.prototype` has an own indexed property.
fn indexed_prototypes(scope: &mut v8::PinScope<'_, '_>, intrinsics: v8::Local<'_, v8::Array>) -> bool {
    [ARRAY_PROTOTYPE, OBJECT_PROTOTYPE].into_iter().any(|index| {
        let Some(prototype) =
            intrinsics.get_index(scope, index).and_then(|value| v8::Local::<v8::Object>::try_from(value).ok())
        else {
            return false;
        };
        let keys = prototype.get_own_property_names(
            scope,
            v8::GetPropertyNamesArgs {
                mode: v8::KeyCollectionMode::OwnOnly,
                property_filter: v8::PropertyFilter::ALL_PROPERTIES | v8::PropertyFilter::SKIP_SYMBOLS,
                index_filter: v8::IndexFilter::IncludeIndices,
                key_conversion: v8::KeyConversionMode::KeepNumbers,
            },
        );
        keys.is_some_and(|keys| {
            (0..keys.length()).any(|index| keys.get_index(scope, index).is_some_and(|key| key.is_number()))
        })
    })
}

/// How the current value is reached from its holder, for error paths and `toJSON`'s key.
#[derive(Clone, Copy)]
enum Key<'s> {
    Index(u32),
    Value(v8::Local<'s, v8::Value>),
}

/// A step of a path, kept on the stack (V8 strings are converted only for an error).
enum Segment {
    Root,
    Index(u32),
    Name(v8::Global<v8::Value>),
}

/// An array or object being written.
struct Frame {
    holder: v8::Global<v8::Object>,
    /// The object's own enumerable string keys; `None` for an array.
    keys: Option<v8::Global<v8::Array>>,
    length: u32,
    next: u32,
    wrote_any: bool,
    /// How the holder is reached from its own holder.
    segment: Segment,
    identity: i32,
}

struct Output<'b> {
    text: String,
    budget: &'b ArrayBufferBudget,
}

impl Output<'_> {
    /// Makes room for `additional` bytes, if the memory budget allows it.
    fn reserve(&mut self, additional: usize) -> Result<(), Failure> {
        let needed = self.text.len().checked_add(additional).ok_or(Failure::Memory)?;
        if needed <= self.text.capacity() {
            return Ok(());
        }
        let mut target = needed.max(self.text.capacity().saturating_mul(2)).max(4096);
        if !self.budget.fits(target) {
            target = needed;
            if !self.budget.fits(target) {
                self.budget.exceeded();
                return Err(Failure::Memory);
            }
        }
        self.text.reserve_exact(target - self.text.len());
        Ok(())
    }

    fn push_str(&mut self, text: &str) -> Result<(), Failure> {
        self.reserve(text.len())?;
        self.text.push_str(text);
        Ok(())
    }
}

struct Writer<'b> {
    out: Output<'b>,
    stack: Vec<Frame>,
    /// Frames by the identity hash of their holder, to find cycles without a scan.
    ancestors: HashMap<i32, Vec<usize>>,
    steps: u32,
}

impl Writer<'_> {
    /// Writes the children of the innermost frame until the stack is empty.
    fn run(&mut self, scope: &mut v8::PinScope<'_, '_>, context: &Context<'_, '_>) -> Result<(), Failure> {
        loop {
            let Some(frame) = self.stack.last_mut() else { return Ok(()) };
            self.steps = self.steps.wrapping_add(1);
            if self.steps.is_multiple_of(1024) && context.control.stopped().is_some() {
                return Err(Failure::Stopped);
            }
            if frame.next == frame.length {
                let close = if frame.keys.is_some() { "}" } else { "]" };
                let identity = frame.identity;
                self.stack.pop();
                if let Some(frames) = self.ancestors.get_mut(&identity) {
                    frames.pop();
                }
                self.out.push_str(close)?;
                continue;
            }
            let index = frame.next;
            frame.next += 1;
            v8::scope!(let scope, scope);
            let holder = v8::Local::new(scope, &frame.holder);
            let keys = frame.keys.as_ref().map(|keys| v8::Local::new(scope, keys));
            match keys {
                None => {
                    let hole = context.holes_own_only && holder.is_array() && {
                        let key =
                            v8::Integer::new_from_unsigned(scope, index).to_string(scope).ok_or(Failure::Exception)?;
                        !holder.has_own_property(scope, key.into()).ok_or(Failure::Exception)?
                    };
                    let item = if hole {
                        v8::undefined(scope).into()
                    } else {
                        holder.get_index(scope, index).ok_or(Failure::Exception)?
                    };
                    let item = self.prepare(scope, context, item, Key::Index(index))?;
                    if index > 0 {
                        self.out.push_str(",")?;
                    }
                    if item.is_undefined() {
                        self.out.push_str("null")?;
                    } else {
                        self.write_value(scope, context, item, Segment::Index(index))?;
                    }
                }
                Some(keys) => {
                    let key = keys.get_index(scope, index).ok_or(Failure::Exception)?;
                    let item = holder.get(scope, key).ok_or(Failure::Exception)?;
                    let item = self.prepare(scope, context, item, Key::Value(key))?;
                    if item.is_undefined() {
                        continue;
                    }
                    let frame = self.stack.last_mut().ok_or(Failure::Exception)?;
                    let comma = frame.wrote_any;
                    frame.wrote_any = true;
                    if comma {
                        self.out.push_str(",")?;
                    }
                    let key_string = key.to_string(scope).ok_or(Failure::Exception)?;
                    self.write_string(scope, key_string)?;
                    self.out.push_str(":")?;
                    self.write_value(scope, context, item, Segment::Name(v8::Global::new(scope, key)))?;
                }
            }
        }
    }

    /// `value` after its `toJSON` (called with `key`), as `JSON.stringify` takes it.
    fn prepare<'s>(
        &mut self,
        scope: &mut v8::PinScope<'s, '_>,
        context: &Context<'_, '_>,
        value: v8::Local<'s, v8::Value>,
        key: Key<'_>,
    ) -> Result<v8::Local<'s, v8::Value>, Failure> {
        if !value.is_object() && !value.is_big_int() {
            return Ok(value);
        }
        let object = value.to_object(scope).ok_or(Failure::Exception)?;
        let to_json = object.get(scope, context.to_json_key).ok_or(Failure::Exception)?;
        let Ok(to_json) = v8::Local::<v8::Function>::try_from(to_json) else {
            return Ok(value);
        };
        if let Ok(date) = v8::Local::<v8::Date>::try_from(value)
            && intrinsic(scope, context, DATE_TO_JSON).is_some_and(|original| original == to_json)
        {
            // The original `toJSON`, without the lookups it makes (`Symbol.toPrimitive`,
            // `valueOf`, `toISOString`), which the code may have replaced.
            let time = date.value_of();
            if !time.is_finite() {
                return Ok(v8::null(scope).into());
            }
            let to_iso_string = function_intrinsic(scope, context, DATE_TO_ISO_STRING)?;
            return to_iso_string.call(scope, value, &[]).ok_or(Failure::Exception);
        }
        let key: v8::Local<'_, v8::Value> = match key {
            Key::Index(index) => {
                v8::Integer::new_from_unsigned(scope, index).to_string(scope).ok_or(Failure::Exception)?.into()
            }
            Key::Value(key) => key.to_string(scope).ok_or(Failure::Exception)?.into(),
        };
        to_json.call(scope, value, &[key]).ok_or(Failure::Exception)
    }

    /// Writes a value that is not `undefined`: a primitive in full, an array or object by its
    /// opening bracket and a frame for its children.
    fn write_value(
        &mut self,
        scope: &mut v8::PinScope<'_, '_>,
        context: &Context<'_, '_>,
        value: v8::Local<'_, v8::Value>,
        segment: Segment,
    ) -> Result<(), Failure> {
        let mut value = value;
        // A Number, String or Boolean object stands for its primitive.
        for (test, original) in [
            (v8::Value::is_number_object as Test, NUMBER_VALUE_OF),
            (v8::Value::is_string_object, STRING_VALUE_OF),
            (v8::Value::is_boolean_object, BOOLEAN_VALUE_OF),
        ] {
            if test(&value) {
                let value_of = function_intrinsic(scope, context, original)?;
                value = value_of.call(scope, value, &[]).ok_or(Failure::Exception)?;
                break;
            }
        }
        if value.is_null() {
            return self.out.push_str("null");
        }
        if value.is_true() {
            return self.out.push_str("true");
        }
        if value.is_false() {
            return self.out.push_str("false");
        }
        if let Ok(string) = v8::Local::<v8::String>::try_from(value) {
            return self.write_string(scope, string);
        }
        if value.is_number() {
            let number = value.number_value(scope).unwrap_or(f64::NAN);
            if !number.is_finite() {
                let spelled = ryu_js::Buffer::new().format(number).to_owned();
                return Err(self.not_serializable(
                    scope,
                    segment,
                    &spelled,
                    "JSON has no NaN or Infinity; check the computation or return a string",
                ));
            }
            return self.out.push_str(ryu_js::Buffer::new().format(number));
        }
        if let Some((kind, hint)) = unrepresentable(scope, context, value)? {
            return Err(self.not_serializable(scope, segment, &kind, hint));
        }
        let Ok(object) = v8::Local::<v8::Object>::try_from(value) else {
            return Err(self.not_serializable(scope, segment, "a value JSON cannot hold", "return plain data"));
        };
        let identity = object.get_identity_hash().get();
        if let Some(frames) = self.ancestors.get(&identity) {
            for &index in frames {
                if v8::Local::new(scope, &self.stack[index].holder) == object {
                    let back = self.path(scope, index + 1, None);
                    return Err(self.not_serializable(
                        scope,
                        segment,
                        "a cycle",
                        &format!("it refers back to `{back}`"),
                    ));
                }
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Failure::NotSerializable {
                path: "result".into(),
                value: "nested too deeply".into(),
                hint: format!("return a flatter value (at most {MAX_DEPTH} levels of arrays and objects)"),
            });
        }
        let frame = if is_array(scope, value) {
            let length = if let Ok(array) = v8::Local::<v8::Array>::try_from(value) {
                array.length()
            } else {
                let key = v8::String::new(scope, "length").ok_or(Failure::Exception)?;
                let length = object.get(scope, key.into()).ok_or(Failure::Exception)?;
                let length = length.number_value(scope).ok_or(Failure::Exception)?;
                if length.is_nan() || length <= 0.0 { 0 } else { length.min(f64::from(u32::MAX)) as u32 }
            };
            self.out.push_str("[")?;
            Frame {
                holder: v8::Global::new(scope, object),
                keys: None,
                length,
                next: 0,
                wrote_any: false,
                segment,
                identity,
            }
        } else {
            let keys = object
                .get_own_property_names(scope, crate::runtime::host::own_enumerable_keys())
                .ok_or(Failure::Exception)?;
            self.out.push_str("{")?;
            Frame {
                holder: v8::Global::new(scope, object),
                length: keys.length(),
                keys: Some(v8::Global::new(scope, keys)),
                next: 0,
                wrote_any: false,
                segment,
                identity,
            }
        };
        self.ancestors.entry(identity).or_default().push(self.stack.len());
        self.stack.push(frame);
        Ok(())
    }

    /// A JSON string, escaped as `JSON.stringify` escapes it (lone surrogates as `\udXXX`).
    fn write_string(
        &mut self,
        scope: &mut v8::PinScope<'_, '_>,
        string: v8::Local<'_, v8::String>,
    ) -> Result<(), Failure> {
        self.out.push_str("\"")?;
        let mut chunk_text = String::new();
        let mut high: Option<u16> = None;
        let mut failure = None;
        strings::for_each_chunk(scope, &string, string.length(), |units| {
            chunk_text.clear();
            for &unit in units {
                if let Some(pending) = high.take() {
                    if (0xdc00..0xe000).contains(&unit) {
                        let code = 0x10000 + ((u32::from(pending) - 0xd800) << 10) + (u32::from(unit) - 0xdc00);
                        chunk_text.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        continue;
                    }
                    escape_unit(&mut chunk_text, pending);
                }
                match unit {
                    0xd800..0xdc00 => high = Some(unit),
                    0xdc00..0xe000 => escape_unit(&mut chunk_text, unit),
                    0x22 => chunk_text.push_str("\\\""),
                    0x5c => chunk_text.push_str("\\\\"),
                    0x08 => chunk_text.push_str("\\b"),
                    0x0c => chunk_text.push_str("\\f"),
                    0x0a => chunk_text.push_str("\\n"),
                    0x0d => chunk_text.push_str("\\r"),
                    0x09 => chunk_text.push_str("\\t"),
                    0x00..0x20 => escape_unit(&mut chunk_text, unit),
                    _ => chunk_text.push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}')),
                }
            }
            if let Err(error) = self.out.push_str(&chunk_text) {
                failure = Some(error);
                return false;
            }
            true
        });
        if let Some(failure) = failure {
            return Err(failure);
        }
        if let Some(pending) = high {
            let mut tail = String::new();
            escape_unit(&mut tail, pending);
            self.out.push_str(&tail)?;
        }
        self.out.push_str("\"")
    }

    /// `result.items[2]["odd key"]`: the path to the children of the first `depth` frames,
    /// then `last`.
    fn path(&self, scope: &mut v8::PinScope<'_, '_>, depth: usize, last: Option<&Segment>) -> String {
        let mut path = String::from("result");
        let segments = self.stack.iter().take(depth).skip(1).map(|frame| &frame.segment).chain(last);
        for segment in segments {
            match segment {
                Segment::Root => {}
                Segment::Index(index) => path.push_str(&format!("[{index}]")),
                Segment::Name(name) => {
                    let name = v8::Local::new(scope, name);
                    let name = match name.to_string(scope) {
                        Some(name) => strings::head_lossy(scope, &name, 200).0,
                        None => String::new(),
                    };
                    let identifier = name
                        .chars()
                        .next()
                        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_' || first == '$')
                        && name
                            .chars()
                            .all(|character| character.is_ascii_alphanumeric() || character == '_' || character == '$');
                    if identifier {
                        path.push('.');
                        path.push_str(&name);
                    } else {
                        path.push_str(&format!("[{}]", serde_json::Value::String(name)));
                    }
                }
            }
        }
        path
    }

    fn not_serializable(&self, scope: &mut v8::PinScope<'_, '_>, segment: Segment, kind: &str, hint: &str) -> Failure {
        let path = self.path(scope, self.stack.len(), Some(&segment));
        Failure::NotSerializable { path, value: kind.to_owned(), hint: hint.to_owned() }
    }
}

/// `\u00XX` for a control character or a lone surrogate, in lower case as `JSON.stringify`.
fn escape_unit(out: &mut String, unit: u16) {
    out.push_str(&format!("\\u{unit:04x}"));
}

fn intrinsic<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    context: &Context<'_, '_>,
    index: u32,
) -> Option<v8::Local<'s, v8::Value>> {
    context.intrinsics.get_index(scope, index)
}

fn function_intrinsic<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    context: &Context<'_, '_>,
    index: u32,
) -> Result<v8::Local<'s, v8::Function>, Failure> {
    intrinsic(scope, context, index)
        .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
        .ok_or(Failure::Exception)
}

/// Whether `value` is an array, as `Array.isArray` sees it (through proxies).
fn is_array(scope: &mut v8::PinScope<'_, '_>, value: v8::Local<'_, v8::Value>) -> bool {
    let mut value = value;
    for _ in 0..MAX_DEPTH {
        if value.is_array() {
            return true;
        }
        let Ok(proxy) = v8::Local::<v8::Proxy>::try_from(value) else { return false };
        value = proxy.get_target(scope);
    }
    false
}

/// What JSON cannot hold about an object, a BigInt, a symbol or a function, and what to do
/// instead; `None` for a plain array or object.
fn unrepresentable(
    scope: &mut v8::PinScope<'_, '_>,
    context: &Context<'_, '_>,
    value: v8::Local<'_, v8::Value>,
) -> Result<Option<(String, &'static str)>, Failure> {
    let found = |kind: &str, hint: &'static str| Ok(Some((kind.to_owned(), hint)));
    if value.is_big_int() || value.is_big_int_object() {
        return found("a BigInt", "convert it with `String()` or `Number()`");
    }
    if value.is_symbol() {
        return found("a symbol", "use a string instead");
    }
    if value.is_function() {
        return found("a function", "return data, not code");
    }
    if !value.is_object() {
        return found("a value JSON cannot hold", "return plain data");
    }
    if value.is_map() {
        return found("a Map", "convert it with `Object.fromEntries(map)`");
    }
    if value.is_set() {
        return found("a Set", "convert it with `[...set]`");
    }
    if value.is_weak_map() {
        return found("a WeakMap", "return plain data");
    }
    if value.is_weak_set() {
        return found("a WeakSet", "return plain data");
    }
    if value.is_promise() {
        return found("a Promise", "did you forget `await`?");
    }
    if value.is_reg_exp() {
        return found("a RegExp", "return its `.source` string");
    }
    let buffer_hint = "convert it with `Array.from()` or encode it as base64";
    if value.is_array_buffer() {
        return found("an ArrayBuffer", buffer_hint);
    }
    if value.is_shared_array_buffer() {
        return found("a SharedArrayBuffer", buffer_hint);
    }
    if value.is_data_view() {
        return found("a DataView", buffer_hint);
    }
    if value.is_typed_array() {
        return found(&format!("a {}", typed_array_name(&value)), buffer_hint);
    }
    if value.is_native_error() {
        return found("an Error object", "throw it, or return its `.message`");
    }
    // Objects that inherit from the original `Error.prototype` or `WeakRef.prototype`.
    let error_prototype = intrinsic(scope, context, ERROR_PROTOTYPE);
    let weak_ref_prototype = intrinsic(scope, context, WEAK_REF_PROTOTYPE);
    let mut current = value;
    for _ in 0..MAX_DEPTH {
        let Ok(object) = v8::Local::<v8::Object>::try_from(current) else { break };
        let Some(prototype) = object.get_prototype(scope) else { break };
        if error_prototype.is_some_and(|error| error == prototype) {
            return found("an Error object", "throw it, or return its `.message`");
        }
        if weak_ref_prototype.is_some_and(|weak_ref| weak_ref == prototype) {
            return found("a WeakRef", "return plain data");
        }
        current = prototype;
    }
    Ok(None)
}

/// A test of a value's kind, from V8's API.
type Test = fn(&v8::Value) -> bool;

fn typed_array_name(value: &v8::Value) -> &'static str {
    let kinds: [(Test, &'static str); 12] = [
        (v8::Value::is_uint8_array, "Uint8Array"),
        (v8::Value::is_uint8_clamped_array, "Uint8ClampedArray"),
        (v8::Value::is_int8_array, "Int8Array"),
        (v8::Value::is_uint16_array, "Uint16Array"),
        (v8::Value::is_int16_array, "Int16Array"),
        (v8::Value::is_uint32_array, "Uint32Array"),
        (v8::Value::is_int32_array, "Int32Array"),
        (v8::Value::is_float16_array, "Float16Array"),
        (v8::Value::is_float32_array, "Float32Array"),
        (v8::Value::is_float64_array, "Float64Array"),
        (v8::Value::is_big_int64_array, "BigInt64Array"),
        (v8::Value::is_big_uint64_array, "BigUint64Array"),
    ];
    kinds.iter().find(|(test, _)| test(value)).map_or("typed array", |(_, name)| name)
}
