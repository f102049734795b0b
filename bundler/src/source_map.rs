use serde::Serialize;

/// Maps positions in prepared code back to the source the user wrote.
///
/// Lines are 1-based; columns are 1-based UTF-16 code units, which is what V8 reports, on
/// both sides. Only the starts of tokens are mapped: a position inside a token maps to the
/// start of the nearest mapped token before it on the same line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    file: String,
    source: String,
    /// Sorted by generated position, one per generated position.
    tokens: Vec<Token>,
}

/// One mapping, all 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) generated_line: u32,
    pub(crate) generated_column: u32,
    pub(crate) original_line: u32,
    pub(crate) original_column: u32,
}

impl SourceMap {
    /// `tokens` must be sorted by generated position, as the code generator writes them.
    pub(crate) fn new(file: &str, source: &str, mut tokens: Vec<Token>) -> Self {
        debug_assert!(
            tokens.is_sorted_by_key(|token| (token.generated_line, token.generated_column))
        );
        tokens.dedup_by_key(|token| (token.generated_line, token.generated_column));
        Self {
            file: file.to_owned(),
            source: source.to_owned(),
            tokens,
        }
    }

    /// The original 1-based line and column of a 1-based position in the generated code,
    /// or `None` if nothing on that generated line comes from the source (such as the
    /// `export default async function () {` line added around agent code).
    ///
    /// A column before the first mapped token of its line maps to that first token, so a
    /// position in leading indentation still finds its statement.
    pub fn original_position(&self, line: u32, column: u32) -> Option<(u32, u32)> {
        let line = line.checked_sub(1)?;
        let column = column.saturating_sub(1);
        let first = self
            .tokens
            .partition_point(|token| token.generated_line < line);
        let end = self
            .tokens
            .partition_point(|token| token.generated_line <= line);
        let on_line = &self.tokens[first..end];
        let before = on_line.partition_point(|token| token.generated_column <= column);
        let token = on_line.get(before.saturating_sub(1))?;
        Some((token.original_line + 1, token.original_column + 1))
    }

    /// The map as standard source map v3 JSON, with the source text inlined in
    /// `sourcesContent`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Json<'a> {
            version: u8,
            sources: [&'a str; 1],
            sources_content: [&'a str; 1],
            names: [&'a str; 0],
            mappings: String,
        }
        serde_json::to_string(&Json {
            version: 3,
            sources: [&self.file],
            sources_content: [&self.source],
            names: [],
            mappings: encode_mappings(&self.tokens),
        })
        .expect("a struct of strings serializes")
    }
}

/// The `mappings` field: `;` between generated lines, `,` between segments, each segment the
/// base64 VLQ deltas of generated column, source index, original line and original column.
fn encode_mappings(tokens: &[Token]) -> String {
    let mut out = String::with_capacity(tokens.len() * 6);
    let (mut line, mut column) = (0, 0i64);
    let (mut original_line, mut original_column) = (0i64, 0i64);
    let mut first_on_line = true;
    for token in tokens {
        while line < token.generated_line {
            out.push(';');
            line += 1;
            column = 0;
            first_on_line = true;
        }
        if !first_on_line {
            out.push(',');
        }
        first_on_line = false;
        encode_vlq(&mut out, i64::from(token.generated_column) - column);
        encode_vlq(&mut out, 0);
        encode_vlq(&mut out, i64::from(token.original_line) - original_line);
        encode_vlq(&mut out, i64::from(token.original_column) - original_column);
        column = i64::from(token.generated_column);
        original_line = i64::from(token.original_line);
        original_column = i64::from(token.original_column);
    }
    out
}

fn encode_vlq(out: &mut String, value: i64) {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rest = if value < 0 {
        (value.unsigned_abs() << 1) | 1
    } else {
        value.unsigned_abs() << 1
    };
    loop {
        let mut digit = rest & 0b1_1111;
        rest >>= 5;
        if rest > 0 {
            digit |= 0b10_0000;
        }
        out.push(char::from(DIGITS[digit as usize]));
        if rest == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(generated: (u32, u32), original: (u32, u32)) -> Token {
        Token {
            generated_line: generated.0,
            generated_column: generated.1,
            original_line: original.0,
            original_column: original.1,
        }
    }

    /// VLQ digits match the examples of the source map specification.
    #[test]
    fn vlq_encodes_signed_values() {
        let encode = |value| {
            let mut out = String::new();
            encode_vlq(&mut out, value);
            out
        };
        assert_eq!(encode(0), "A");
        assert_eq!(encode(1), "C");
        assert_eq!(encode(-1), "D");
        assert_eq!(encode(15), "e");
        assert_eq!(encode(16), "gB");
        assert_eq!(encode(-17), "jB");
        assert_eq!(encode(1000), "w+B");
    }

    /// Lookups use the last token at or before the column, or the first one of the line.
    #[test]
    fn original_position_finds_the_token_of_the_column() {
        let map = SourceMap::new(
            "a.ts",
            "",
            vec![
                token((1, 4), (4, 2)),
                token((1, 10), (4, 9)),
                token((3, 0), (7, 0)),
            ],
        );
        assert_eq!(map.original_position(1, 1), None);
        assert_eq!(map.original_position(2, 1), Some((5, 3)));
        assert_eq!(map.original_position(2, 5), Some((5, 3)));
        assert_eq!(map.original_position(2, 11), Some((5, 10)));
        assert_eq!(map.original_position(2, 50), Some((5, 10)));
        assert_eq!(map.original_position(3, 1), None);
        assert_eq!(map.original_position(4, 7), Some((8, 1)));
        assert_eq!(map.original_position(0, 1), None);
    }

    /// Segments are relative to the previous one; lines are separated by `;`.
    #[test]
    fn mappings_are_relative() {
        let tokens = [
            token((0, 0), (0, 0)),
            token((0, 4), (1, 2)),
            token((2, 1), (1, 0)),
        ];
        assert_eq!(encode_mappings(&tokens), "AAAA,IACE;;CAAF");
    }
}
