//! An `execute` result cut down to a budget of characters before it reaches the model, as
//! `@cloudflare/codemode`'s `truncateResult` does: a value that fits is left as it is; one
//! that does not is shrunk structurally, so that the model still gets valid JSON of the same
//! shape. Long strings keep their start, arrays their first items, objects their smaller
//! entries (the largest are dropped first); each cut leaves a marker with
//! [`MARKER`] that says how much is missing. Only when even that cannot fit is the JSON text
//! itself cut, with the marker and the original size after it.

use serde_json::Value;

/// In every marker, so that people and models can find them.
pub(crate) const MARKER: &str = "--- TRUNCATED ---";

/// The least a string or container is kept at: a value that would get less is dropped in
/// favour of its siblings instead of being reduced to a bare marker.
const MIN_SLOT: usize = 128;

/// The text the model is shown for a result: pretty-printed JSON when that fits the budget,
/// compact JSON otherwise, structurally truncated when even that does not fit; `undefined`
/// for no value.
pub(crate) fn result_text(result: Option<&serde_json::value::RawValue>, max_chars: usize) -> String {
    let Some(raw) = result else { return "undefined".to_owned() };
    let compact = raw.get();
    if chars(compact) <= max_chars {
        // Kept as the runtime spelled it (numbers as JavaScript writes them).
        let mut pretty = Vec::new();
        let indented = crate::output::write_indented(&mut pretty, compact).is_ok();
        if let (true, Ok(pretty)) = (indented, String::from_utf8(pretty))
            && chars(&pretty) <= max_chars
        {
            return pretty;
        }
        return compact.to_owned();
    }
    let Ok(value) = serde_json::from_str::<Value>(compact) else {
        return cut_text(compact, max_chars);
    };
    let shrunk = shrink(value, max_chars);
    let text = serialize(&shrunk);
    if chars(&text) > max_chars {
        return cut_text(compact, max_chars);
    }
    match serde_json::to_string_pretty(&shrunk) {
        Ok(pretty) if chars(&pretty) <= max_chars => pretty,
        _ => text,
    }
}

/// Text cut to `max_chars`, with the marker and the size it had.
pub(crate) fn cut_text(text: &str, max_chars: usize) -> String {
    let total = chars(text);
    if total <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars).collect();
    format!(
        "{kept}\n\n{MARKER}\nThe result was {total} characters (about {} tokens); the limit is {max_chars}. Return less: a slice, a count or a summary.",
        total.div_ceil(4)
    )
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn serialize(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Characters of `value` as compact JSON.
fn size(value: &Value) -> usize {
    chars(&serialize(value))
}

/// Whether a value can give up characters: strings and containers; other values are whole.
fn shrinkable(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Array(_) | Value::Object(_))
}

/// The least `value` is kept at within a container whose budget is `max_chars`.
fn floor(value: &Value, max_chars: usize) -> usize {
    let full = size(value);
    if shrinkable(value) { full.min(MIN_SLOT).min((max_chars / 2).max(2)) } else { full }
}

/// `value` within `max_chars` characters of compact JSON, when it can be.
fn shrink(value: Value, max_chars: usize) -> Value {
    if size(&value) <= max_chars {
        return value;
    }
    match value {
        Value::String(text) => Value::String(shrink_string(&text, max_chars)),
        Value::Array(items) => Value::Array(shrink_array(items, max_chars)),
        Value::Object(entries) => Value::Object(shrink_object(entries, max_chars)),
        other => other,
    }
}

/// The start of `text` and a marker with its length, within `max_chars` once quoted.
fn shrink_string(text: &str, max_chars: usize) -> String {
    let suffix = format!(" {MARKER} {} chars", chars(text));
    let mut keep = max_chars.saturating_sub(chars(&suffix) + 2);
    loop {
        let candidate: String = text.chars().take(keep).chain(suffix.chars()).collect();
        let over = size(&Value::String(candidate.clone())).saturating_sub(max_chars);
        if over == 0 {
            return candidate;
        }
        if keep == 0 {
            return MARKER.chars().take(max_chars.saturating_sub(2)).collect();
        }
        keep = keep.saturating_sub(over.max(1));
    }
}

/// Shares `available` characters among `sizes`, smallest first: each gets the lesser of its
/// size and an equal part of what is left.
fn allocate(sizes: &[usize], available: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&index| sizes[index]);
    let mut shares = vec![0; sizes.len()];
    let mut remaining = available;
    let mut left = sizes.len();
    for index in order {
        let share = sizes[index].min(remaining / left.max(1));
        shares[index] = share;
        remaining -= share;
        left -= 1;
    }
    shares
}

/// The first items that fit at their floors, each shrunk to its share, and a marker item
/// counting those left out.
fn shrink_array(items: Vec<Value>, max_chars: usize) -> Vec<Value> {
    let marker = |dropped: usize| Value::String(format!("{MARKER} {dropped} more items"));
    let floors: Vec<usize> = items.iter().map(|item| floor(item, max_chars)).collect();
    // Brackets and commas.
    let skeleton = |count: usize| 2 + count.saturating_sub(1);
    let mut keep = items.len();
    if floors.iter().sum::<usize>() + skeleton(keep) > max_chars {
        let mut used = skeleton(0) + size(&marker(items.len())) + 1;
        keep = 0;
        while keep < items.len() && used + floors[keep] < max_chars {
            used += floors[keep] + 1;
            keep += 1;
        }
    }
    let dropped = items.len() - keep;
    let tail = if dropped > 0 { size(&marker(dropped)) + usize::from(keep > 0) } else { 0 };
    let mut kept: Vec<Value> = items.into_iter().take(keep).collect();
    let sizes: Vec<usize> = kept.iter().map(size).collect();
    let shares = allocate(&sizes, max_chars.saturating_sub(skeleton(keep) + tail));
    kept = kept.into_iter().zip(shares).map(|(item, share)| shrink(item, share)).collect();
    if dropped > 0 {
        kept.push(marker(dropped));
        if size(&Value::Array(kept.clone())) > max_chars {
            kept.pop();
        }
    }
    kept
}

/// The entries that fit at their floors (the largest values are dropped first), each value
/// shrunk to its share, and a marker entry naming the keys left out.
fn shrink_object(entries: serde_json::Map<String, Value>, max_chars: usize) -> serde_json::Map<String, Value> {
    let mut marker_key = MARKER.to_owned();
    while entries.contains_key(&marker_key) {
        marker_key.push(' ');
    }
    let entries: Vec<(String, Value)> = entries.into_iter().collect();
    let key_cost = |key: &str| size(&Value::String(key.to_owned())) + 1;
    let floors: Vec<usize> = entries.iter().map(|(key, value)| key_cost(key) + floor(value, max_chars)).collect();
    let mut by_size: Vec<usize> = (0..entries.len()).collect();
    by_size.sort_by_key(|&index| std::cmp::Reverse(size(&entries[index].1)));
    let mut dropped = vec![false; entries.len()];
    let note = |dropped: &[bool]| {
        let names: Vec<&str> =
            entries.iter().zip(dropped).filter(|(_, gone)| **gone).map(|((key, _), _)| key.as_str()).collect();
        format!("{} keys omitted: {}", names.len(), names.join(", "))
    };
    let cost = |dropped: &[bool]| {
        let present = dropped.iter().filter(|gone| !**gone).count();
        let any_dropped = dropped.iter().any(|gone| *gone);
        let marker = if any_dropped {
            key_cost(&marker_key) + (size(&Value::String(note(dropped)))).min(MIN_SLOT).min((max_chars / 2).max(2))
        } else {
            0
        };
        let count = present + usize::from(any_dropped);
        let floors: usize = floors.iter().zip(dropped).filter(|(_, gone)| !**gone).map(|(floor, _)| floor).sum();
        2 + count.saturating_sub(1) + floors + marker
    };
    for index in by_size {
        if cost(&dropped) <= max_chars {
            break;
        }
        dropped[index] = true;
    }
    let any_dropped = dropped.iter().any(|gone| *gone);
    let note = note(&dropped);
    if cost(&dropped) > max_chars {
        let room = max_chars.saturating_sub(2 + key_cost(&marker_key));
        let mut only = serde_json::Map::new();
        if room >= 2 {
            only.insert(marker_key, shrink(Value::String(note), room));
        }
        return only;
    }
    let mut kept: Vec<(String, Value)> =
        entries.into_iter().zip(&dropped).filter(|(_, gone)| !**gone).map(|(entry, _)| entry).collect();
    if any_dropped {
        kept.push((marker_key, Value::String(note)));
    }
    let fixed = 2 + kept.len().saturating_sub(1) + kept.iter().map(|(key, _)| key_cost(key)).sum::<usize>();
    let sizes: Vec<usize> = kept.iter().map(|(_, value)| size(value)).collect();
    let shares = allocate(&sizes, max_chars.saturating_sub(fixed));
    kept.into_iter().zip(shares).map(|((key, value), share)| (key, shrink(value, share))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(value: &Value) -> Box<serde_json::value::RawValue> {
        serde_json::value::to_raw_value(value).unwrap()
    }

    /// A value within the budget is shown whole, pretty-printed when that fits too.
    #[test]
    fn small_values_are_kept() {
        assert_eq!(result_text(Some(&raw(&serde_json::json!({"a": 1}))), 100), "{\n  \"a\": 1\n}");
        assert_eq!(result_text(Some(&raw(&serde_json::json!({"a": 1}))), 8), "{\"a\":1}");
        assert_eq!(result_text(None, 100), "undefined");
    }

    /// A large value stays valid JSON of the same shape within the budget, with markers.
    #[test]
    fn large_values_shrink_structurally() {
        let items: Vec<Value> =
            (0..2000).map(|index| serde_json::json!({"id": index, "name": format!("item {index}")})).collect();
        let value = serde_json::json!({"total": 2000, "items": items, "note": "x".repeat(5000)});
        let text = result_text(Some(&raw(&value)), 2000);
        assert!(chars(&text) <= 2000, "{} characters", chars(&text));
        let shrunk: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(shrunk["total"], 2000);
        let items = shrunk["items"].as_array().unwrap();
        assert!(items.last().unwrap().as_str().unwrap().starts_with(MARKER));
        assert_eq!(items[0]["id"], 0);
        assert!(shrunk["note"].as_str().unwrap().contains(&format!("{MARKER} 5000 chars")));
    }

    /// A long string is cut with the marker and its length; an object too wide drops its
    /// largest entries and names them.
    #[test]
    fn strings_and_objects() {
        let text = result_text(Some(&raw(&Value::String("é".repeat(1000)))), 200);
        assert!(chars(&text) <= 200);
        assert!(text.ends_with(&format!("{MARKER} 1000 chars\"")));
        let value = serde_json::json!({"small": 1, "big": "y".repeat(10_000), "bigger": "z".repeat(20_000)});
        let shrunk: Value = serde_json::from_str(&result_text(Some(&raw(&value)), 300)).unwrap();
        assert_eq!(shrunk["small"], 1);
        assert!(shrunk.as_object().unwrap().len() >= 2);
        assert!(chars(&serialize(&shrunk)) <= 300);
    }

    /// Text that is not shrinkable JSON is cut as text, with the marker and its size.
    #[test]
    fn text_is_cut_with_a_note() {
        let cut = cut_text(&"a".repeat(500), 100);
        assert!(cut.starts_with(&"a".repeat(100)));
        assert!(cut.contains(MARKER) && cut.contains("500 characters"));
    }
}
