use std::cell::Cell;

use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::{BytePos, FileName, SourceFile, SourceMap, Span, sync::Lrc};

use crate::depth::{Scopes, SharedScopes};
use crate::language::Language;
use crate::position::LineIndex;
use crate::position::Location;

/// One source on its way through swc: its text, and swc's view of it.
///
/// Everything that creates marks or runs passes must happen inside `GLOBALS.set`.
pub(crate) struct Compilation<'a> {
    /// The display path for diagnostics and the source map.
    pub(crate) file: &'a str,
    /// The text swc reads: the input without a byte order mark and with a fence blanked out,
    /// so offsets in it are offsets in what the user wrote.
    pub(crate) text: &'a str,
    pub(crate) language: Language,
    pub(crate) source_map: Lrc<SourceMap>,
    pub(crate) source_file: Lrc<SourceFile>,
    /// Filled only for JSX, whose `@jsx` pragma comments change the output.
    pub(crate) comments: SingleThreadedComments,
    /// The names in nested scopes and the scopes the parse may count (see `depth::Scopes`),
    /// and what it counted.
    pub(crate) scopes: Cell<(Scopes, Scopes)>,
    /// A file prepared in parallel with others: what its parse counts is reserved from the
    /// bundle's, instead of held to `scopes`.
    pub(crate) shared: Option<&'a SharedScopes<'a>>,
}

impl<'a> Compilation<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str, language: Language) -> Self {
        Self::in_source_map(&Lrc::default(), file, text, language)
    }

    /// A compilation whose positions are in `source_map`, after those of the files already
    /// there: bundle mode puts every file of a graph in one, so a position names its file.
    pub(crate) fn in_source_map(source_map: &Lrc<SourceMap>, file: &'a str, text: &'a str, language: Language) -> Self {
        let source_map = source_map.clone();
        let source_file = source_map.new_source_file(Lrc::new(FileName::Custom(file.to_owned())), text.to_owned());
        Self {
            file,
            text,
            language,
            source_map,
            source_file,
            comments: SingleThreadedComments::default(),
            scopes: Cell::new((Scopes::allowed(text.len() as u64), Scopes::default())),
            shared: None,
        }
    }

    /// Where a span of the source is, for a diagnostic.
    pub(crate) fn location(&self, span: Span) -> Location {
        self.location_in(&LineIndex::new(self.text), span)
    }

    /// [`Compilation::location`] with the line index of `text` made once, for many spans.
    pub(crate) fn location_in(&self, lines: &LineIndex<'_>, span: Span) -> Location {
        let start = self.offset(span.lo).unwrap_or(0);
        let end = self.offset(span.hi).unwrap_or(start);
        lines.location(self.file, start, end)
    }

    /// Byte offset in `text` of a position, or `None` for positions swc made up (dummy spans,
    /// or other files such as a parsed JSX pragma).
    pub(crate) fn offset(&self, position: BytePos) -> Option<usize> {
        if position < self.source_file.start_pos || position > self.source_file.end_pos {
            return None;
        }
        usize::try_from(position.0 - self.source_file.start_pos.0).ok()
    }
}
