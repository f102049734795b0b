//! Tests of the manifest and of the runtime's scripts.

use super::MANIFEST;
use crate::runtime::snapshot::Script;
use crate::runtime::{lazy, platform};

/// Lazy scripts are ASCII, so that they can be external one-byte strings.
#[test]
fn lazy_scripts_are_ascii() {
    for Script { name, source } in MANIFEST.lazy_scripts {
        assert!(source.is_ascii(), "{name} has characters outside ASCII");
    }
}

/// No two scripts share a name, so a stack frame says which file it is in, and a lazy
/// script's name finds one script.
#[test]
fn script_names_are_unique() {
    let mut names: Vec<&str> =
        MANIFEST.snapshot_scripts.iter().chain(MANIFEST.lazy_scripts).map(|script| script.name).collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "two scripts share a name");
}

/// Every lazy script has a code cache, and V8 accepts it in an isolate made from the
/// snapshot (a rejected cache would still work, but compile from source every time).
#[test]
fn code_caches_are_accepted() {
    platform::init_v8();
    let mut isolate = v8::Isolate::new(platform::create_params(&MANIFEST));
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    for (index, Script { name, .. }) in MANIFEST.lazy_scripts.iter().enumerate() {
        assert!(lazy::cache(index).is_some(), "no code cache for {name}");
        let (setup, cached) = lazy::compile_and_run(scope, MANIFEST.lazy_scripts, index).expect("the lazy script runs");
        assert!(setup.is_function(), "{name} evaluates to its setup function");
        assert!(cached, "V8 rejected the code cache of {name}");
    }
}

/// The globals a runtime script must not name: the builtins (code may replace them before a
/// lazy unit loads, or before the runtime calls them) and the runtime's own globals (which
/// code may replace too). A script takes the builtins from `primordials` and its own classes
/// from `internals`.
const REPLACEABLE_GLOBALS: &[&str] = &[
    "Object",
    "Function",
    "Array",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "BigInt",
    "Math",
    "JSON",
    "Reflect",
    "Proxy",
    "Promise",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "WeakRef",
    "FinalizationRegistry",
    "Date",
    "RegExp",
    "Error",
    "TypeError",
    "RangeError",
    "SyntaxError",
    "ReferenceError",
    "EvalError",
    "URIError",
    "AggregateError",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "DataView",
    "Atomics",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float16Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "BigUint64Array",
    "WebAssembly",
    "Intl",
    "Iterator",
    "parseInt",
    "parseFloat",
    "isNaN",
    "isFinite",
    "encodeURIComponent",
    "decodeURIComponent",
    "encodeURI",
    "decodeURI",
    "escape",
    "unescape",
    "eval",
    "DOMException",
    "TextEncoder",
    "TextDecoder",
    "URL",
    "URLSearchParams",
    "Event",
    "CustomEvent",
    "EventTarget",
    "AbortController",
    "AbortSignal",
    "ReadableStream",
    "WritableStream",
    "TransformStream",
    "Headers",
    "Blob",
    "File",
    "FormData",
    "Request",
    "Response",
    "fetch",
    "crypto",
    "console",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "structuredClone",
    "queueMicrotask",
    "reportError",
    "performance",
    "navigator",
    "scheduler",
    "atob",
    "btoa",
    "CompressionStream",
    "DecompressionStream",
    "TextEncoderStream",
    "TextDecoderStream",
    "SubtleCrypto",
    "CryptoKey",
];

/// The identifiers of a script's code (not of its comments, strings or regular expressions),
/// each with the character before it that is not a space (`.` for a property access, `:` for
/// the key of an object literal) and its line. Template literals' `${...}` parts are code.
fn identifiers(source: &str) -> Vec<(String, char, usize)> {
    let characters: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let (mut index, mut line) = (0, 1);
    // For each template literal being read, the depth of braces inside its current `${`.
    let mut templates: Vec<usize> = Vec::new();
    let mut in_template_text = false;
    let mut previous = '\0';
    let mut previous_word = String::new();
    while index < characters.len() {
        let character = characters[index];
        let next = characters.get(index + 1).copied().unwrap_or('\0');
        if character == '\n' {
            line += 1;
        }
        if in_template_text {
            match character {
                '\\' => index += 1,
                '`' => {
                    in_template_text = false;
                    templates.pop();
                    previous = '`';
                }
                '$' if next == '{' => {
                    in_template_text = false;
                    index += 1;
                    previous = '{';
                }
                _ => {}
            }
            index += 1;
            continue;
        }
        if character == '/' && next == '/' {
            while index < characters.len() && characters[index] != '\n' {
                index += 1;
            }
            continue;
        }
        if character == '/' && next == '*' {
            index += 2;
            while index + 1 < characters.len() && !(characters[index] == '*' && characters[index + 1] == '/') {
                line += usize::from(characters[index] == '\n');
                index += 1;
            }
            index += 2;
            continue;
        }
        let regex_can_start = "(,=:[!&|?{};".contains(previous) || previous_word == "return" || previous == '\0';
        if character == '\'' || character == '"' || (character == '/' && regex_can_start) {
            index += 1;
            let mut in_class = false;
            while index < characters.len() && (characters[index] != character || in_class) {
                match characters[index] {
                    '\\' => index += 1,
                    '[' if character == '/' => in_class = true,
                    ']' if character == '/' => in_class = false,
                    _ => {}
                }
                index += 1;
            }
            index += 1;
            previous = 'a'; // a value
            previous_word.clear();
            continue;
        }
        if character == '`' {
            templates.push(0);
            in_template_text = true;
            index += 1;
            continue;
        }
        if let Some(depth) = templates.last_mut() {
            if character == '{' {
                *depth += 1;
            } else if character == '}' {
                if *depth == 0 {
                    in_template_text = true;
                    index += 1;
                    continue;
                }
                *depth -= 1;
            }
        }
        if character.is_alphabetic() || character == '_' || character == '$' {
            let start = index;
            while index < characters.len() && (characters[index].is_alphanumeric() || "_$".contains(characters[index]))
            {
                index += 1;
            }
            let word: String = characters[start..index].iter().collect();
            // A key of an object literal or of a destructuring pattern (`{ Map: MapCopy }`), or
            // the name of a method being defined (`setTimeout(msecs) { ... }` in a class).
            let key = (characters[index..].iter().find(|character| !character.is_whitespace()) == Some(&':')
                && "{,".contains(previous))
                || is_method_definition(&characters[index..]);
            found.push((word.clone(), if key { ':' } else { previous }, line));
            previous = 'a';
            previous_word = word;
            continue;
        }
        if !character.is_whitespace() {
            previous = character;
            previous_word.clear();
        }
        index += 1;
    }
    found
}

/// Whether `rest` (what follows a name) is a parameter list and a body, `(a, b) { ... }`: the
/// name is then a method's, not a call of a global function.
fn is_method_definition(rest: &[char]) -> bool {
    let mut characters = rest.iter().skip_while(|character| character.is_whitespace());
    if characters.next() != Some(&'(') {
        return false;
    }
    let mut depth = 1;
    for character in characters.by_ref() {
        match character {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    depth == 0 && characters.find(|character| !character.is_whitespace()) == Some(&'{')
}

/// Every runtime script but `primordials.js` takes the builtins it uses from `primordials`
/// and the runtime's classes from `internals`, never from the global object: code that
/// replaced a global (`Map`, `Uint8Array`, `Headers`) before a lazy unit loads, or before the
/// runtime uses it, changes nothing of the runtime. (Names that a script declares itself, a
/// `const { Map } = primordials` or its own `class Headers`, are its own.)
#[test]
fn scripts_take_builtins_from_primordials() {
    let mut problems = Vec::new();
    for Script { name, source } in MANIFEST.snapshot_scripts.iter().chain(MANIFEST.lazy_scripts) {
        if name.ends_with("/primordials.js") {
            continue;
        }
        let words = identifiers(source);
        let declared: std::collections::HashSet<&str> = words
            .windows(2)
            .filter(|pair| ["const", "let", "var", "class", "function"].contains(&pair[0].0.as_str()))
            .map(|pair| pair[1].0.as_str())
            .chain(destructured(source))
            .collect();
        for (word, before, line) in &words {
            let global = REPLACEABLE_GLOBALS.contains(&word.as_str());
            if global && !".:".contains(*before) && !declared.contains(word.as_str()) {
                problems.push(format!("{name}:{line}: `{word}` from the global object"));
            }
            if word == "globalThis"
                && words.iter().any(|(other, before, at)| {
                    at == line && *before == '.' && REPLACEABLE_GLOBALS.contains(&other.as_str())
                })
            {
                problems.push(format!("{name}:{line}: a builtin read from `globalThis`"));
            }
        }
    }
    assert!(problems.is_empty(), "take these from primordials or internals:\n{}", problems.join("\n"));
}

/// The names bound by `const { A, B: C } = primordials;` (or `= internals`, `= builtins`).
fn destructured(source: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("const {") {
        let after = &rest[start + "const {".len()..];
        let Some(end) = after.find('}') else { break };
        if after[end..].trim_start_matches(['}', ' ']).starts_with('=') {
            for part in after[..end].split(',') {
                let name = part.rsplit(':').next().unwrap_or("").trim();
                let name = name.split('=').next().unwrap_or("").trim();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        }
        rest = &after[end..];
    }
    names
}
