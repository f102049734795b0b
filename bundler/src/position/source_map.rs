use serde::Serialize;

/// Maps positions in prepared code back to the source the user wrote.
///
/// Lines are 1-based; columns are 1-based UTF-16 code units, which is what V8 reports, on
/// both sides. Only the starts of tokens are mapped: a position inside a token maps to the
/// start of the nearest mapped token before it on the same line.
///
/// Code that is the source with a few import specifiers replaced ([`SourceMap::verbatim`])
/// keeps every line, and every column before the first replacement on its line; its map holds
/// only the segments after replacements, and positions inside a segment keep their offset.
///
/// A bundle's map has many sources: each position maps to one of them
/// ([`SourceMap::original_location`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceMap {
    /// Each source's display path and text.
    sources: Vec<(String, String)>,
    /// Sorted by generated position, one per generated position.
    tokens: Vec<Token>,
    /// The code is the source with some text replaced on single lines: lines map to
    /// themselves, and a column maps to the same offset within its segment.
    verbatim: bool,
}

/// One mapping, all 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Token {
    pub(crate) generated_line: u32,
    pub(crate) generated_column: u32,
    /// The index of the source in the map's sources.
    pub(crate) source: u32,
    pub(crate) original_line: u32,
    pub(crate) original_column: u32,
}

impl SourceMap {
    /// `tokens` must be sorted by generated position, as the code generator writes them.
    pub(crate) fn new(file: &str, source: &str, tokens: Vec<Token>) -> Self {
        Self::with_sources(vec![(file.to_owned(), source.to_owned())], tokens)
    }

    /// A map to several sources (display path and text), as a bundle's; `tokens` as for
    /// [`SourceMap::new`], their `source` an index into `sources`.
    pub(crate) fn with_sources(sources: Vec<(String, String)>, mut tokens: Vec<Token>) -> Self {
        debug_assert!(tokens.is_sorted_by_key(|token| (token.generated_line, token.generated_column)));
        tokens.dedup_by_key(|token| (token.generated_line, token.generated_column));
        Self { sources, tokens, verbatim: false }
    }

    /// A map for `source` with text replaced at `edits` (sorted, within single lines; see
    /// [`Edit`]): the code is the source except there.
    pub(crate) fn verbatim(file: &str, source: &str, edits: &[Edit]) -> Self {
        let mut tokens = Vec::with_capacity(edits.len());
        let mut shift = 0i64;
        let mut line = u32::MAX;
        for edit in edits {
            if edit.line != line {
                line = edit.line;
                shift = 0;
            }
            shift += edit.delta();
            let original_column = edit.column + edit.old_length;
            tokens.push(Token {
                generated_line: edit.line,
                generated_column: shifted(original_column, shift),
                source: 0,
                original_line: edit.line,
                original_column,
            });
        }
        Self { sources: vec![(file.to_owned(), source.to_owned())], tokens, verbatim: true }
    }

    /// Moves the generated positions after `edits` (sorted; positions in the generated code
    /// before any of them) by what each edit adds or removes on its line. In a verbatim map,
    /// where the code between tokens is the source's, the code after each edit gets a token of
    /// its own, to where it came from.
    pub(crate) fn apply_edits(&mut self, edits: &[Edit]) {
        if edits.is_empty() {
            return;
        }
        let mut added = Vec::new();
        if self.verbatim {
            for (index, edit) in edits.iter().enumerate() {
                let after = edit.column + edit.old_length;
                let Some((_, line, column)) = self.original_location(edit.line + 1, after + 1) else { continue };
                let shift: i64 =
                    edits[..=index].iter().rev().take_while(|earlier| earlier.line == edit.line).map(Edit::delta).sum();
                added.push(Token {
                    generated_line: edit.line,
                    generated_column: shifted(after, shift),
                    source: 0,
                    original_line: line - 1,
                    original_column: column - 1,
                });
            }
        }
        for token in &mut self.tokens {
            let first = edits.partition_point(|edit| edit.line < token.generated_line);
            let shift: i64 = edits[first..]
                .iter()
                .take_while(|edit| edit.line == token.generated_line && edit.column < token.generated_column)
                .map(Edit::delta)
                .sum();
            token.generated_column = shifted(token.generated_column, shift);
        }
        if !added.is_empty() {
            self.tokens.append(&mut added);
            self.tokens.sort_by_key(|token| (token.generated_line, token.generated_column));
            self.tokens.dedup_by_key(|token| (token.generated_line, token.generated_column));
        }
    }

    /// The original 1-based line and column of a 1-based position in the generated code,
    /// or `None` if nothing on that generated line comes from the source (such as the
    /// `export default async function () {` line added around agent code).
    ///
    /// A column before the first mapped token of its line maps to that first token, so a
    /// position in leading indentation still finds its statement.
    pub fn original_position(&self, line: u32, column: u32) -> Option<(u32, u32)> {
        self.original_location(line, column).map(|(_, line, column)| (line, column))
    }

    /// [`SourceMap::original_position`], with the display path of the source it is in.
    pub fn original_location(&self, line: u32, column: u32) -> Option<(&str, u32, u32)> {
        let line = line.checked_sub(1)?;
        let column = column.saturating_sub(1);
        let first = self.tokens.partition_point(|token| token.generated_line < line);
        let end = self.tokens.partition_point(|token| token.generated_line <= line);
        let on_line = &self.tokens[first..end];
        let before = on_line.partition_point(|token| token.generated_column <= column);
        if self.verbatim {
            // Before the first replacement on a line, and on lines without one, the code is
            // the source.
            let file = self.sources[0].0.as_str();
            return Some(match before.checked_sub(1).map(|index| on_line[index]) {
                Some(token) => {
                    (file, token.original_line + 1, token.original_column + (column - token.generated_column) + 1)
                }
                None => (file, line + 1, column + 1),
            });
        }
        let token = on_line.get(before.saturating_sub(1))?;
        let file = self.sources.get(token.source as usize)?.0.as_str();
        Some((file, token.original_line + 1, token.original_column + 1))
    }

    /// Each source's display path and text.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources.iter().map(|(file, text)| (file.as_str(), text.as_str()))
    }

    /// The map as a comment that ends a module: `//# sourceMappingURL=data:…;base64,…`.
    pub fn to_comment(&self) -> String {
        format!(
            "//# sourceMappingURL=data:application/json;charset=utf-8;base64,{}",
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, self.to_json().as_bytes())
        )
    }

    /// The map as standard source map v3 JSON, with the source text inlined in
    /// `sourcesContent`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Json<'a> {
            version: u8,
            sources: Vec<&'a str>,
            sources_content: Vec<&'a str>,
            names: [&'a str; 0],
            mappings: String,
        }
        serde_json::to_string(&Json {
            version: 3,
            sources: self.sources.iter().map(|(file, _)| file.as_str()).collect(),
            sources_content: self.sources.iter().map(|(_, text)| text.as_str()).collect(),
            names: [],
            mappings: encode_mappings(&self.json_tokens()),
        })
        .expect("a struct of strings serializes")
    }
}

impl SourceMap {
    /// Reads a standard source map v3 (what [`SourceMap::to_json`] writes, or another
    /// tool's), such as the one a module of a map made by `sandbox bundle --sourcemap` ends
    /// with. Sources without `sourcesContent` get empty text. `None` when it is not a v3
    /// source map or its mappings do not decode.
    pub fn from_json(json: &str) -> Option<Self> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Json {
            version: u8,
            sources: Vec<Option<String>>,
            #[serde(default)]
            sources_content: Vec<Option<String>>,
            mappings: String,
        }
        let json: Json = serde_json::from_str(json).ok()?;
        if json.version != 3 {
            return None;
        }
        let mut tokens = decode_mappings(&json.mappings)?;
        let count = u32::try_from(json.sources.len()).ok()?;
        tokens.retain(|token| token.source < count);
        tokens.sort_by_key(|token| (token.generated_line, token.generated_column));
        let mut contents = json.sources_content.into_iter();
        let sources = json
            .sources
            .into_iter()
            .map(|file| (file.unwrap_or_default(), contents.next().flatten().unwrap_or_default()))
            .collect();
        Some(Self::with_sources(sources, tokens))
    }
}

/// The tokens of a `mappings` field; segments without a source are skipped.
fn decode_mappings(mappings: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let (mut source, mut original_line, mut original_column) = (0i64, 0i64, 0i64);
    for (line, segments) in mappings.split(';').enumerate() {
        let generated_line = u32::try_from(line).ok()?;
        let mut column = 0i64;
        for segment in segments.split(',').filter(|segment| !segment.is_empty()) {
            let mut fields = [0i64; 5];
            let mut count = 0;
            let mut digits = segment.bytes().peekable();
            while digits.peek().is_some() {
                if count == fields.len() {
                    return None;
                }
                fields[count] = decode_vlq(&mut digits)?;
                count += 1;
            }
            column += fields[0];
            if count < 4 {
                continue;
            }
            source += fields[1];
            original_line += fields[2];
            original_column += fields[3];
            tokens.push(Token {
                generated_line,
                generated_column: u32::try_from(column).ok()?,
                source: u32::try_from(source).ok()?,
                original_line: u32::try_from(original_line).ok()?,
                original_column: u32::try_from(original_column).ok()?,
            });
        }
    }
    Some(tokens)
}

fn decode_vlq(digits: &mut impl Iterator<Item = u8>) -> Option<i64> {
    let mut value = 0i64;
    let mut shift = 0;
    loop {
        let digit = match digits.next()? {
            byte @ b'A'..=b'Z' => byte - b'A',
            byte @ b'a'..=b'z' => byte - b'a' + 26,
            byte @ b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        if shift > 60 {
            return None;
        }
        value |= i64::from(digit & 0b1_1111) << shift;
        shift += 5;
        if digit & 0b10_0000 == 0 {
            break;
        }
    }
    Some(if value & 1 == 1 { -(value >> 1) } else { value >> 1 })
}

impl SourceMap {
    /// The tokens to write as JSON. Readers of source maps don't know verbatim segments, so a
    /// verbatim map also gets a token at the start of every line.
    fn json_tokens(&self) -> Vec<Token> {
        if !self.verbatim {
            return self.tokens.clone();
        }
        let lines = u32::try_from(self.sources[0].1.split('\n').count()).unwrap_or(u32::MAX);
        let mut tokens: Vec<Token> = (0..lines)
            .map(|line| Token {
                generated_line: line,
                generated_column: 0,
                source: 0,
                original_line: line,
                original_column: 0,
            })
            .chain(self.tokens.iter().copied())
            .collect();
        tokens.sort_by_key(|token| (token.generated_line, token.generated_column));
        tokens.dedup_by_key(|token| (token.generated_line, token.generated_column));
        tokens
    }
}

/// Text replaced on one line of code: at 0-based `line` and UTF-16 `column`, `old_length`
/// code units became `new_length`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) old_length: u32,
    pub(crate) new_length: u32,
}

impl Edit {
    fn delta(&self) -> i64 {
        i64::from(self.new_length) - i64::from(self.old_length)
    }
}

fn shifted(column: u32, shift: i64) -> u32 {
    u32::try_from((i64::from(column) + shift).max(0)).unwrap_or(u32::MAX)
}

/// The `mappings` field: `;` between generated lines, `,` between segments, each segment the
/// base64 VLQ deltas of generated column, source index, original line and original column.
fn encode_mappings(tokens: &[Token]) -> String {
    let mut out = String::with_capacity(tokens.len() * 6);
    let (mut line, mut column) = (0, 0i64);
    let (mut source, mut original_line, mut original_column) = (0i64, 0i64, 0i64);
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
        encode_vlq(&mut out, i64::from(token.source) - source);
        source = i64::from(token.source);
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
    let mut rest = if value < 0 { (value.unsigned_abs() << 1) | 1 } else { value.unsigned_abs() << 1 };
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
            source: 0,
            original_line: original.0,
            original_column: original.1,
        }
    }

    /// A map written as JSON reads back the same, and tokens without a source are skipped.
    #[test]
    fn reads_its_own_json() {
        let map = SourceMap::with_sources(
            vec![("a.ts".into(), "one\ntwo".into()), ("b.ts".into(), "three".into())],
            vec![token((0, 0), (1, 2)), Token { source: 1, ..token((0, 7), (0, 0)) }, token((2, 400), (0, 1))],
        );
        assert_eq!(SourceMap::from_json(&map.to_json()), Some(map));
        let other = r#"{"version":3,"sources":["x.ts"],"mappings":"A,CAAC;;EAAE"}"#;
        let read = SourceMap::from_json(other).expect("a valid map");
        assert_eq!(read.original_location(1, 2), Some(("x.ts", 1, 2)));
        assert_eq!(read.original_location(3, 3), Some(("x.ts", 1, 4)));
        assert_eq!(SourceMap::from_json(r#"{"version":3,"sources":[],"mappings":"!"}"#), None);
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
        let map =
            SourceMap::new("a.ts", "", vec![token((1, 4), (4, 2)), token((1, 10), (4, 9)), token((3, 0), (7, 0))]);
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
        let tokens = [token((0, 0), (0, 0)), token((0, 4), (1, 2)), token((2, 1), (1, 0))];
        assert_eq!(encode_mappings(&tokens), "AAAA,IACE;;CAAF");
    }

    fn edit(line: u32, column: u32, old_length: u32, new_length: u32) -> Edit {
        Edit { line, column, old_length, new_length }
    }

    /// `import "./a"` became `import "./src/a.ts"` on line 2: columns after it move back by
    /// the 6 added units, everything else maps to itself.
    #[test]
    fn verbatim_maps_shift_only_after_an_edit() {
        let map = SourceMap::verbatim("a.js", "", &[edit(1, 7, 5, 11)]);
        assert_eq!(map.original_position(1, 20), Some((1, 20)));
        assert_eq!(map.original_position(2, 3), Some((2, 3)));
        assert_eq!(map.original_position(2, 19), Some((2, 13)));
        assert_eq!(map.original_position(2, 25), Some((2, 19)));
        assert_eq!(map.original_position(3, 4), Some((3, 4)));
    }

    /// Two edits on one line add up.
    #[test]
    fn verbatim_maps_add_up_edits_on_a_line() {
        let map = SourceMap::verbatim("a.js", "", &[edit(0, 2, 3, 5), edit(0, 10, 3, 1)]);
        // The second edit is at original column 10, generated column 12.
        assert_eq!(map.original_position(1, 8), Some((1, 6)));
        assert_eq!(map.original_position(1, 14), Some((1, 14)));
    }

    /// Edits move the generated side of emitted tokens after them on the same line.
    #[test]
    fn apply_edits_moves_tokens_after_the_edit() {
        let mut map = SourceMap::new(
            "a.ts",
            "",
            vec![token((0, 0), (0, 0)), token((0, 7), (0, 7)), token((0, 20), (0, 20)), token((1, 20), (1, 20))],
        );
        map.apply_edits(&[edit(0, 7, 5, 9)]);
        assert_eq!(map.original_position(1, 8), Some((1, 8)));
        assert_eq!(map.original_position(1, 25), Some((1, 21)));
        assert_eq!(map.original_position(2, 21), Some((2, 21)));
    }

    /// A verbatim map (code written in place of `abc` at column 2, now 5 units) that then has
    /// an import specifier rewritten after it on the same line (generated column 12, 3 units
    /// now 9): code after both maps back past both, code between them past the first only.
    #[test]
    fn apply_edits_on_a_verbatim_map_maps_after_each_edit() {
        let mut map = SourceMap::verbatim("a.ts", "", &[edit(0, 2, 3, 5)]);
        map.apply_edits(&[edit(0, 12, 3, 9), edit(1, 4, 2, 3)]);
        // Between the two: generated column 8 was original column 6.
        assert_eq!(map.original_position(1, 9), Some((1, 7)));
        // After the second: generated 21 (0-based) was generated 15 before it, original 13.
        assert_eq!(map.original_position(1, 22), Some((1, 14)));
        // The next line has only the second edit.
        assert_eq!(map.original_position(2, 3), Some((2, 3)));
        assert_eq!(map.original_position(2, 10), Some((2, 9)));
    }
}
