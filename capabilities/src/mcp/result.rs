//! What a tool's result becomes in the sandbox: its `structuredContent`; else, when its
//! content is one text block, that text parsed as JSON, or the text itself when it is not
//! JSON; else the content blocks as objects (`{type: "image", data, mimeType}`), with the
//! base64 of images, audio and embedded blobs decoded to bytes. No content at all is `null`.
//! A result with `isError` is a [`ToolCallError::Tool`] with the text of its content.

use base64::Engine as _;
use rmcp::model::{CallToolResult, ContentBlock};

use super::value::{from_json, parse_ordered};
use crate::catalog::Value;
use crate::error::{ToolCallError, truncate};

/// The longest error text kept from a failed tool (characters).
const MAX_ERROR_TEXT: usize = 4096;

pub(crate) fn map_result(result: CallToolResult) -> Result<Value, ToolCallError> {
    if result.is_error == Some(true) {
        let mut message = result
            .content
            .iter()
            .filter_map(|block| match block {
                ContentBlock::Text(text) => Some(text.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        if message.trim().is_empty() {
            message = match &result.structured_content {
                Some(structured) => structured.to_string(),
                None => "The tool failed without saying why".to_owned(),
            };
        }
        return Err(ToolCallError::Tool { message: truncate(&message, MAX_ERROR_TEXT) });
    }
    if let Some(structured) = result.structured_content {
        return Ok(from_json(structured));
    }
    match result.content.as_slice() {
        [] => Ok(Value::Null),
        [ContentBlock::Text(text)] => Ok(parse_ordered(&text.text).unwrap_or_else(|| Value::String(text.text.clone()))),
        blocks => blocks.iter().map(block_value).collect::<Result<Vec<_>, _>>().map(Value::Array),
    }
}

/// One content block as an object, its binary data decoded.
fn block_value(block: &ContentBlock) -> Result<Value, ToolCallError> {
    let json = serde_json::to_value(block)
        .map_err(|error| ToolCallError::InvalidResult(format!("a content block cannot be read: {error}")))?;
    let binary_key = match block {
        ContentBlock::Image(_) | ContentBlock::Audio(_) => Some("data"),
        _ => None,
    };
    let Value::Object(mut members) = from_json(json) else {
        return Err(ToolCallError::InvalidResult("a content block is not an object".into()));
    };
    // `type` first, whatever order serde_json keeps keys in.
    if let Some(index) = members.iter().position(|(key, _)| key == "type") {
        let kind = members.remove(index);
        members.insert(0, kind);
    }
    let mut out = Vec::with_capacity(members.len());
    for (key, value) in members {
        let value = match (binary_key == Some(key.as_str()), key.as_str(), value) {
            (true, _, Value::String(data)) => Value::Bytes(decode(&data)?),
            // An embedded resource: `{uri, mimeType, blob}` holds base64 too.
            (false, "resource", Value::Object(resource)) => Value::Object(
                resource
                    .into_iter()
                    .map(|(key, value)| match (key.as_str(), value) {
                        ("blob", Value::String(blob)) => Ok((key, Value::Bytes(decode(&blob)?))),
                        (_, value) => Ok((key, value)),
                    })
                    .collect::<Result<Vec<_>, ToolCallError>>()?,
            ),
            (_, _, value) => value,
        };
        out.push((key, value));
    }
    Ok(Value::Object(out))
}

fn decode(data: &str) -> Result<Vec<u8>, ToolCallError> {
    let engine = base64::engine::general_purpose::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let compact: String = data.chars().filter(|character| !character.is_ascii_whitespace()).collect();
    engine
        .decode(compact.as_bytes())
        .map_err(|error| ToolCallError::InvalidResult(format!("binary content is not base64: {error}")))
}

#[cfg(test)]
mod tests {
    use rmcp::model::{CallToolResult, ContentBlock, ResourceContents};
    use serde_json::json;

    use super::*;

    fn result(content: Vec<ContentBlock>) -> CallToolResult {
        CallToolResult::success(content)
    }

    #[test]
    fn structured_content_comes_first() {
        let mut with_structured = result(vec![ContentBlock::text("ignored")]);
        with_structured.structured_content = Some(json!({"a": 1}));
        assert_eq!(map_result(with_structured).unwrap(), from_json(json!({"a": 1})));
    }

    #[test]
    fn one_text_is_parsed_as_json_or_kept_as_text() {
        assert_eq!(map_result(result(vec![ContentBlock::text("[1,2]")])).unwrap(), from_json(json!([1, 2])));
        assert_eq!(map_result(result(vec![ContentBlock::text("hi there")])).unwrap(), Value::String("hi there".into()));
        assert_eq!(map_result(result(vec![])).unwrap(), Value::Null);
    }

    #[test]
    fn binary_blocks_are_decoded() {
        let value = map_result(result(vec![
            ContentBlock::text("a picture"),
            ContentBlock::image("AAEC/w==", "image/png"),
            ContentBlock::resource(ResourceContents::BlobResourceContents {
                uri: "file:///x".into(),
                mime_type: None,
                blob: "aGk=".into(),
                meta: None,
            }),
        ]))
        .unwrap();
        let Value::Array(blocks) = value else { panic!("{value:?}") };
        assert_eq!(
            blocks[0],
            Value::Object(vec![
                ("type".into(), Value::String("text".into())),
                ("text".into(), Value::String("a picture".into()))
            ])
        );
        let Value::Object(image) = &blocks[1] else { panic!() };
        assert!(image.contains(&("data".into(), Value::Bytes(vec![0, 1, 2, 255]))), "{image:?}");
        assert!(image.contains(&("mimeType".into(), Value::String("image/png".into()))), "{image:?}");
        let Value::Object(resource) = &blocks[2] else { panic!() };
        let Some((_, Value::Object(contents))) = resource.iter().find(|(key, _)| key == "resource") else { panic!() };
        assert!(contents.contains(&("blob".into(), Value::Bytes(b"hi".to_vec()))), "{contents:?}");
        let bad = map_result(result(vec![ContentBlock::text("x"), ContentBlock::image("%%%", "image/png")]));
        assert!(matches!(bad, Err(ToolCallError::InvalidResult(_))), "{bad:?}");
    }

    #[test]
    fn an_error_result_is_a_tool_failure_with_its_text() {
        let failed = CallToolResult::error(vec![ContentBlock::text("no such user")]);
        assert_eq!(map_result(failed), Err(ToolCallError::Tool { message: "no such user".into() }));
    }
}
