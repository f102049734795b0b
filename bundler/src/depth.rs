//! Code nested too deeply for the stack.
//!
//! swc's parser is recursive descent, and every pass after it (`resolver`, the TypeScript
//! strip, `hygiene`, the minifier, the code generator, our own linker) walks the syntax tree
//! recursively. Code nested deeply enough (5,000 parentheses, a 20,000-term `1+1+…`, deep
//! arrays or types) would overflow the native stack and abort the process. Three guards keep
//! every pass within a stack of a known size:
//!
//! - [`with_stack`]: all bundling runs on a stack of [`STACK_SIZE`] bytes (virtual memory:
//!   pages cost nothing until touched), whatever thread the caller is on.
//! - [`Guarded`], swc's lexer wrapped: before each token it checks how much stack the parser
//!   has used ([`PARSER_STACK`] at most), and keeps [`Nesting`], an upper bound on how deep
//!   the syntax tree gets through what the parser builds in loops rather than by recursion
//!   (`a.b.c…`, `1+1+…`, `else if` chains), at most [`CHAIN_LIMIT`]. Past either, it ends
//!   the input there: the parser stops with an error, and [`Watch`] says where and why.
//! - [`deepest`]: after parsing, a syntax tree deeper than [`MAX_DEPTH`] (counting
//!   expressions, statements, patterns, types, JSX elements and declarations) is refused
//!   before any pass sees it, and so is one whose names sit in scopes nested so deeply that
//!   `hygiene`'s memory would grow with the square of the nesting ([`NAMES_PER_BYTE`]), or
//!   with more scopes for its size than real code has ([`BYTES_PER_SCOPE`]).
//!
//! So every pass walks a tree at most [`MAX_DEPTH`] deep, plus the few levels the linker
//! wraps around a module, and [`STACK_SIZE`] is what the deepest walk of the most
//! stack-hungry pass needs for that, with a margin (measured in a debug build, whose frames
//! are several times larger; see the tests at the end of this file).

use std::cell::Cell;
use std::rc::Rc;

use swc_core::common::{BytePos, Span, Spanned};
use swc_core::ecma::ast::{
    ArrowExpr, BlockStmt, CatchClause, Class, ClassDecl, ClassExpr, ClassMember, ClassMethod, Constructor, Decl,
    EsVersion, Expr, FnDecl, FnExpr, ForInStmt, ForOfStmt, ForStmt, Function, GetterProp, Ident, JSXElement,
    JSXFragment, JSXMemberExpr, MethodProp, ModuleDecl, Pat, PrivateMethod, Prop, SetterProp, StaticBlock, Stmt,
    TsEntityName, TsModuleBlock, TsNamespaceBody, TsType, TsTypeElement, VarDeclarator,
};
use swc_core::ecma::parser::error::Error;
use swc_core::ecma::parser::input::Tokens;
use swc_core::ecma::parser::lexer::TokenFlags;
use swc_core::ecma::parser::unstable::{Token, TokenAndSpan, TokenValue};
use swc_core::ecma::parser::{Context, SyntaxFlags};
use swc_core::ecma::visit::{Visit, VisitWith};

/// How deep code may nest: expressions, statements, patterns, types, JSX elements and
/// declarations inside one another (each of them a level). About V8's own limit for nested
/// parentheses (code much deeper would not compile there either), and ten times the
/// deepest file of 8,300 in popular npm packages (`@babel/standalone`, 210 levels; see the
/// `survey` test).
pub(crate) const MAX_DEPTH: u32 = 2_000;

/// The most [`Nesting`] may count. It bounds how deep a tree the parser builds without
/// recursion, so that dropping it (which recurses) stays within the stack too; its count is
/// above the tree's depth (up to three times, for `else if` chains), so it is set above
/// [`MAX_DEPTH`], which the tree's own depth must then meet. Real code counts at most 488
/// (a long `if`/`else if` chain).
pub(crate) const CHAIN_LIMIT: u32 = 4 * MAX_DEPTH;

/// The stack bundling runs on: several times what the most stack-hungry code within the
/// limits needs (2,000 nested parentheses: 37 MiB in a debug build, whose frames are about
/// five times larger, and 7 MiB in a release build; every other kind of nesting less). The
/// test `the_stack_holds_four_times_the_deepest_code` bundles each kind at the limit on a
/// quarter of it.
pub(crate) const STACK_SIZE: usize = if cfg!(debug_assertions) { 256 << 20 } else { 64 << 20 };

/// The most stack the parser may use: a quarter of [`STACK_SIZE`], so that it stops well
/// before the stack runs out, and 1.7 (debug) to 2.3 (release) times what it needs for
/// [`MAX_DEPTH`] levels of the most stack-hungry construct, nested parentheses (each one
/// an attempt at an arrow function's parameters first). It is also the most stack that code
/// nested too deeply makes the bundler touch, and so hold in memory.
pub(crate) const PARSER_STACK: usize = STACK_SIZE / 4;

/// What must be left of the stack for the parser to go on: below it the parser stops, wherever
/// the caller's stack began.
const RED_ZONE: usize = 4 << 20;

/// How many tokens the parser reads between two looks at the stack.
const STACK_CHECK_EVERY: u32 = 8;

/// Runs `f` on a stack with at least [`STACK_SIZE`] bytes free: on the caller's, when it has
/// that much left, else on a new one.
pub(crate) fn with_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(STACK_SIZE, STACK_SIZE, f)
}

/// Why [`Guarded`] stopped the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TooDeep {
    /// The syntax tree is more than [`MAX_DEPTH`] levels deep.
    Tree,
    /// Its names sit in scopes nested more deeply than [`NAMES_PER_BYTE`] allows.
    Names,
    /// It has more scopes for its size than [`BYTES_PER_SCOPE`] allows.
    Scopes,
    /// [`Nesting`] counted more than [`CHAIN_LIMIT`].
    Chain,
    /// The parser used [`PARSER_STACK`].
    Stack,
}

/// What [`Guarded`] found: where it stopped the parser, and why. Shared by the clones the
/// parser makes of its token source, and not part of a checkpoint: once stopped, a parse
/// stays stopped.
#[derive(Debug)]
pub(crate) struct Watch {
    /// [`stacker::remaining_stack`] when the parse began.
    start: usize,
    stopped: Cell<Option<(Span, TooDeep)>>,
    /// The tokens read so far.
    tokens: Cell<u32>,
    /// The most [`Nesting`] counted, and the most stack the parser used.
    #[cfg(test)]
    most: Cell<(u32, usize)>,
}

impl Watch {
    pub(crate) fn new() -> Rc<Watch> {
        Rc::new(Watch {
            start: stacker::remaining_stack().unwrap_or(usize::MAX),
            stopped: Cell::new(None),
            tokens: Cell::new(0),
            #[cfg(test)]
            most: Cell::new((0, 0)),
        })
    }

    /// The most [`Nesting`] counted, and the most stack the parser used, at a token.
    #[cfg(test)]
    pub(crate) fn most(&self) -> (u32, usize) {
        self.most.get()
    }

    /// Where the parser was stopped, and why.
    pub(crate) fn stopped(&self) -> Option<(Span, TooDeep)> {
        self.stopped.get()
    }

    fn stop(&self, span: Span, why: TooDeep) {
        if self.stopped.get().is_none() {
            self.stopped.set(Some((span, why)));
        }
    }
}

/// A bound on the depth of the syntax tree the parser builds from the tokens so far, for what
/// it builds in loops rather than by recursion (which [`PARSER_STACK`] bounds): chains of
/// binary operators, member accesses, calls, indexes, `!`, `as` and `satisfies`, tagged
/// templates, `else if`, array and indexed-access types, qualified names.
///
/// Each bracket (`(`, `[`, `{`, `${`) opens a level; a level counts the tokens that can add
/// a link to a chain since the last point where every chain of the level had ended, and the
/// bound is the sum over the open levels, plus one for each. A closed bracket adds its deepest
/// count to its parent's, as `(a.b.c).d` is a chain of five. A chain ends at `;` (not before
/// `else` or `while`, which go on with the statement), at `,` (in TypeScript, outside the
/// `<…>` of type arguments), and where a statement must begin: after a line break or a `}`, a
/// name or literal that follows a name, literal or closing bracket (automatic semicolon
/// insertion; an operator such as `in` or `as` goes on instead), and a `{` right after `}` or
/// `)` (a block: `if (a) {`, `{}{}`, JSX's `{a}{b}`; no chain goes on with a `{`).
///
/// Everything is kept in a persistent stack, so that a checkpoint (TypeScript's parser
/// backtracks) is a copy of a few words.
#[derive(Debug, Clone)]
pub(crate) struct Nesting {
    /// The innermost level.
    count: u32,
    /// The most `count` reached in the innermost level.
    deepest: u32,
    /// `<` minus `>` in the innermost level, for TypeScript's type arguments.
    angle: u32,
    /// The sum over the outer levels of one plus their count.
    outer: u32,
    parents: Option<Rc<Parent>>,
    /// A `;` was the last token: a chain ends unless `else` or `while` follows.
    after_semicolon: bool,
    previous: Token,
}

#[derive(Debug)]
pub(crate) struct Parent {
    count: u32,
    deepest: u32,
    angle: u32,
    outer: u32,
    parents: Option<Rc<Parent>>,
}

impl Nesting {
    fn new() -> Nesting {
        Nesting {
            count: 0,
            deepest: 0,
            angle: 0,
            outer: 0,
            parents: None,
            after_semicolon: false,
            previous: Token::Semi,
        }
    }

    /// The bound: every open level, and the links counted in each.
    fn depth(&self) -> u32 {
        self.outer.saturating_add(1).saturating_add(self.count)
    }

    fn link(&mut self) {
        self.count = self.count.saturating_add(1);
        self.deepest = self.deepest.max(self.count);
    }

    fn end_chains(&mut self) {
        self.count = 0;
        self.angle = 0;
    }

    fn open(&mut self) {
        let parent = Parent {
            count: self.count,
            deepest: self.deepest,
            angle: self.angle,
            outer: self.outer,
            parents: self.parents.take(),
        };
        self.outer = self.depth();
        self.count = 0;
        self.deepest = 0;
        self.angle = 0;
        self.parents = Some(Rc::new(parent));
    }

    /// Closes the innermost level (a stray closing bracket closes nothing; the parser reports
    /// it).
    fn close(&mut self) {
        let Some(parent) = self.parents.take() else {
            return;
        };
        let inner = self.deepest;
        self.count = parent.count;
        self.deepest = parent.deepest;
        self.angle = parent.angle;
        self.outer = parent.outer;
        self.parents = parent.parents.clone();
        self.count = self.count.saturating_add(inner).saturating_add(1);
        self.deepest = self.deepest.max(self.count);
    }

    /// Takes a token the lexer read afresh (not one read again from the same place).
    #[inline]
    fn take(&mut self, token: Token, line_break: bool) {
        if std::mem::take(&mut self.after_semicolon) && !matches!(token, Token::Else | Token::While) {
            self.end_chains();
        }
        let after_block = matches!(self.previous, Token::RBrace | Token::RParen);
        if (line_break && ends_operand(self.previous) || self.previous == Token::RBrace) && begins_statement(token)
            || after_block && token == Token::LBrace
        {
            self.end_chains();
        }
        match token {
            // A call, an index or a tagged template is a link, counted when it closes.
            Token::LParen | Token::LBracket | Token::TemplateHead => self.open(),
            Token::LBrace | Token::DollarLBrace => self.open(),
            Token::RParen | Token::RBracket | Token::RBrace => self.close(),
            Token::Semi => self.after_semicolon = true,
            Token::Comma if self.angle == 0 => self.end_chains(),
            Token::Lt => {
                self.angle = self.angle.saturating_add(1);
                self.link();
            }
            // One each: after `>>` the parser reads the second `>` again, as one more token.
            Token::Gt
            | Token::GtEq
            | Token::RShift
            | Token::RShiftEq
            | Token::ZeroFillRShift
            | Token::ZeroFillRShiftEq => {
                self.angle = self.angle.saturating_sub(1);
                self.link();
            }
            token if links(token) => self.link(),
            _ => {}
        }
        self.previous = token;
    }

    /// Takes a template's middle or end, which the lexer reads again after the `}` that
    /// closed a substitution: a middle opens the next substitution.
    fn take_template(&mut self, token: Token) {
        if token == Token::TemplateMiddle {
            self.open();
        }
        self.previous = token;
    }
}

/// Tokens that can add a link to a chain the parser builds in a loop.
fn links(token: Token) -> bool {
    matches!(
        token,
        Token::Dot
            | Token::OptionalChain
            | Token::Bang
            | Token::Plus
            | Token::Minus
            | Token::Asterisk
            | Token::Slash
            | Token::Percent
            | Token::Pipe
            | Token::Caret
            | Token::Ampersand
            | Token::EqEq
            | Token::NotEq
            | Token::EqEqEq
            | Token::NotEqEq
            | Token::LtEq
            | Token::LShift
            | Token::Exp
            | Token::LogicalOr
            | Token::LogicalAnd
            | Token::NullishCoalescing
            | Token::In
            | Token::InstanceOf
            | Token::As
            | Token::Satisfies
            | Token::Else
            | Token::Extends
            | Token::Is
            | Token::Keyof
            | Token::BackQuote
            | Token::Template
            | Token::NoSubstitutionTemplateLiteral
    )
}

/// Tokens after which an expression may have ended: a name, a literal, a closing bracket.
fn ends_operand(token: Token) -> bool {
    matches!(
        token,
        Token::Ident
            | Token::Str
            | Token::Num
            | Token::BigInt
            | Token::Regex
            | Token::NoSubstitutionTemplateLiteral
            | Token::TemplateTail
            | Token::RParen
            | Token::RBracket
            | Token::RBrace
            | Token::This
            | Token::Null
            | Token::True
            | Token::False
            | Token::Super
            | Token::PlusPlus
            | Token::MinusMinus
    )
}

/// Tokens that cannot go on with an expression that ended before them, so that after a line
/// break (or a `}`) they begin a new statement: names and keywords (but not the operators
/// among them), literals.
fn begins_statement(token: Token) -> bool {
    let operator = matches!(
        token,
        Token::In
            | Token::InstanceOf
            | Token::As
            | Token::Satisfies
            | Token::Is
            | Token::Extends
            | Token::Keyof
            | Token::Of
            | Token::Else
            | Token::While
            | Token::Asserts
            | Token::Implements
    );
    let word = token.is_word() || token == Token::Ident;
    let literal = matches!(token, Token::Str | Token::Num | Token::BigInt | Token::Regex);
    (word && !operator) || literal
}

/// swc's lexer, stopped before the parser nests too deeply (see the module docs).
#[derive(Clone)]
pub(crate) struct Guarded<I> {
    inner: I,
    nesting: Nesting,
    watch: Rc<Watch>,
}

impl<I: Tokens> Guarded<I> {
    pub(crate) fn new(inner: I, watch: Rc<Watch>) -> Guarded<I> {
        Guarded { inner, nesting: Nesting::new(), watch }
    }

    /// The token, or the end of the input once the parser must stop.
    #[inline]
    fn check(&mut self, token: TokenAndSpan, read: Read) -> TokenAndSpan {
        if self.watch.stopped().is_some() {
            return end_of_input(token.span);
        }
        match read {
            Read::Fresh => self.nesting.take(token.token, token.had_line_break),
            Read::Template => self.nesting.take_template(token.token),
            Read::Again => {}
        }
        // The stack is looked at every few tokens: each level of the parser's recursion reads
        // a token at least, so it goes at most that many levels deeper in between (a few
        // hundred KiB at most), well within the red zone.
        let tokens = self.watch.tokens.get().wrapping_add(1);
        self.watch.tokens.set(tokens);
        let used = if tokens.is_multiple_of(STACK_CHECK_EVERY) {
            let remaining = stacker::remaining_stack().unwrap_or(usize::MAX);
            if remaining < RED_ZONE { usize::MAX } else { self.watch.start.saturating_sub(remaining) }
        } else {
            0
        };
        #[cfg(test)]
        {
            let (nesting, stack) = self.watch.most.get();
            let stack = if used == usize::MAX { stack } else { stack.max(used) };
            self.watch.most.set((nesting.max(self.nesting.depth()), stack));
        }
        let why = if used > PARSER_STACK {
            Some(TooDeep::Stack)
        } else if self.nesting.depth() > CHAIN_LIMIT {
            Some(TooDeep::Chain)
        } else {
            None
        };
        match why {
            Some(why) => {
                self.watch.stop(token.span, why);
                end_of_input(token.span)
            }
            None => token,
        }
    }
}

/// How a token was read.
#[derive(Clone, Copy)]
enum Read {
    Fresh,
    /// A template's middle or end, read again after a `}`.
    Template,
    /// The same text read again as another kind of token (JSX, `>>` split in types).
    Again,
}

fn end_of_input(at: Span) -> TokenAndSpan {
    TokenAndSpan::new(Token::Eof, Span::new(at.lo, at.lo), false)
}

impl<I: Tokens> Tokens for Guarded<I> {
    type Checkpoint = (I::Checkpoint, Nesting);

    fn set_ctx(&mut self, ctx: Context) {
        self.inner.set_ctx(ctx);
    }

    fn ctx(&self) -> Context {
        self.inner.ctx()
    }

    fn ctx_mut(&mut self) -> &mut Context {
        self.inner.ctx_mut()
    }

    fn syntax(&self) -> SyntaxFlags {
        self.inner.syntax()
    }

    fn target(&self) -> EsVersion {
        self.inner.target()
    }

    fn checkpoint_save(&self) -> Self::Checkpoint {
        (self.inner.checkpoint_save(), self.nesting.clone())
    }

    fn checkpoint_load(&mut self, (checkpoint, nesting): Self::Checkpoint) {
        self.inner.checkpoint_load(checkpoint);
        self.nesting = nesting;
    }

    fn read_string(&self, span: Span) -> &str {
        self.inner.read_string(span)
    }

    fn start_pos(&self) -> BytePos {
        self.inner.start_pos()
    }

    fn set_expr_allowed(&mut self, allow: bool) {
        self.inner.set_expr_allowed(allow);
    }

    fn set_next_regexp(&mut self, start: Option<BytePos>) {
        self.inner.set_next_regexp(start);
    }

    fn add_error(&mut self, error: Error) {
        self.inner.add_error(error);
    }

    fn add_module_mode_error(&mut self, error: Error) {
        self.inner.add_module_mode_error(error);
    }

    fn end_pos(&self) -> BytePos {
        self.inner.end_pos()
    }

    fn take_errors(&mut self) -> Vec<Error> {
        self.inner.take_errors()
    }

    fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    fn diagnostic_checkpoint_save(&self) -> (usize, usize) {
        self.inner.diagnostic_checkpoint_save()
    }

    fn diagnostic_checkpoint_load(&mut self, checkpoint: (usize, usize)) {
        self.inner.diagnostic_checkpoint_load(checkpoint);
    }

    fn take_script_module_errors(&mut self) -> Vec<Error> {
        self.inner.take_script_module_errors()
    }

    fn set_defer_comments(&mut self, defer: bool) {
        self.inner.set_defer_comments(defer);
    }

    fn finalize_comments(&mut self) {
        self.inner.finalize_comments();
    }

    fn update_token_flags(&mut self, f: impl FnOnce(&mut TokenFlags)) {
        self.inner.update_token_flags(f);
    }

    fn token_flags(&self) -> TokenFlags {
        self.inner.token_flags()
    }

    fn clone_token_value(&self) -> Option<TokenValue> {
        self.inner.clone_token_value()
    }

    fn take_token_value(&mut self) -> Option<TokenValue> {
        self.inner.take_token_value()
    }

    fn get_token_value(&self) -> Option<&TokenValue> {
        self.inner.get_token_value()
    }

    fn set_token_value(&mut self, token_value: Option<TokenValue>) {
        self.inner.set_token_value(token_value);
    }

    fn first_token(&mut self) -> TokenAndSpan {
        let token = self.inner.first_token();
        self.check(token, Read::Fresh)
    }

    fn next_token(&mut self) -> TokenAndSpan {
        let token = self.inner.next_token();
        self.check(token, Read::Fresh)
    }

    fn scan_jsx_token(&mut self) -> TokenAndSpan {
        let token = self.inner.scan_jsx_token();
        self.check(token, Read::Fresh)
    }

    fn scan_jsx_open_el_terminal_token(&mut self) -> TokenAndSpan {
        let token = self.inner.scan_jsx_open_el_terminal_token();
        self.check(token, Read::Fresh)
    }

    fn rescan_jsx_open_el_terminal_token(&mut self, reset: BytePos) -> TokenAndSpan {
        let token = self.inner.rescan_jsx_open_el_terminal_token(reset);
        self.check(token, Read::Again)
    }

    fn rescan_jsx_token(&mut self, reset: BytePos) -> TokenAndSpan {
        let token = self.inner.rescan_jsx_token(reset);
        self.check(token, Read::Again)
    }

    fn rescan_type_gt(&mut self, span: Span) -> TokenAndSpan {
        let token = self.inner.rescan_type_gt(span);
        self.check(token, Read::Again)
    }

    fn scan_jsx_identifier(&mut self, start: BytePos) -> TokenAndSpan {
        let token = self.inner.scan_jsx_identifier(start);
        self.check(token, Read::Again)
    }

    fn scan_jsx_attribute_value(&mut self) -> TokenAndSpan {
        let token = self.inner.scan_jsx_attribute_value();
        self.check(token, Read::Fresh)
    }

    fn rescan_template_token(&mut self, start: BytePos, start_with_back_tick: bool) -> TokenAndSpan {
        let token = self.inner.rescan_template_token(start, start_with_back_tick);
        let read = if start_with_back_tick { Read::Again } else { Read::Template };
        self.check(token, read)
    }
}

/// How many names in nested scopes `hygiene` may record for each byte of source: the sum,
/// over every identifier, of the functions, classes, blocks and loops around it (two each).
/// `hygiene` keeps a set of names for every scope, with every name of the scopes inside it,
/// so code whose names sit deep in nested scopes (2,000 arrow functions inside one another,
/// each with a parameter) costs memory that grows with the square of the nesting: 57 MiB
/// for 6 KiB of source. Real code has less than 6 per byte (emscripten's output; under 1 for
/// written code).
pub(crate) const NAMES_PER_BYTE: u64 = 16;

/// How many bytes of source each scope (function, class, method, block, `catch`, loop) needs
/// at least: `hygiene` keeps about 1.5 KiB for each, so 4,000 empty classes (32 KiB of
/// `class{},`) would take 16 times their size again. Real code has 54 bytes or more for each
/// (emscripten's output; see the `survey` test).
pub(crate) const BYTES_PER_SCOPE: u64 = 16;

/// What code of a bundle may have in names in nested scopes (see [`NAMES_PER_BYTE`]) and in
/// scopes (see [`BYTES_PER_SCOPE`]), all files together, as if `hygiene` ran on all of them
/// at once (the bundle's renaming sees one top-level statement at a time, which holds less);
/// and what a file or bundle has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Scopes {
    pub(crate) names: u64,
    pub(crate) scopes: u64,
}

impl Scopes {
    /// What `source` bytes of code may have, with some allowed beyond their share so that a
    /// small file (or bundle) may be as dense as real code is: about 14 MiB of `hygiene`'s
    /// sets and 1.5 MiB of its scopes.
    pub(crate) fn allowed(source: u64) -> Scopes {
        Scopes {
            names: NAMES_PER_BYTE.saturating_mul(source).saturating_add(1 << 20),
            scopes: (source / BYTES_PER_SCOPE).saturating_add(1024),
        }
    }

    /// What is left of `self` after `used`.
    pub(crate) fn minus(self, used: Scopes) -> Scopes {
        Scopes { names: self.names.saturating_sub(used.names), scopes: self.scopes.saturating_sub(used.scopes) }
    }

    pub(crate) fn plus(self, other: Scopes) -> Scopes {
        Scopes { names: self.names.saturating_add(other.names), scopes: self.scopes.saturating_add(other.scopes) }
    }

    /// Whether `self` is no more than `left` of either.
    pub(crate) fn within(self, left: Scopes) -> bool {
        self.names <= left.names && self.scopes <= left.scopes
    }
}

/// What the files of a bundle prepared in parallel have reserved, all together: the bytes
/// they read and the [`Scopes`] they counted. A bundle's files may have what
/// [`Scopes::allowed`] gives all the bytes read so far, as when they are prepared one after the
/// other, so the `hygiene` passes running at the same time hold no more than one file at a
/// time could.
#[derive(Debug, Default)]
pub(crate) struct Reserved {
    pub(crate) read: u64,
    pub(crate) scopes: Scopes,
}

/// One file's part of a bundle's [`Reserved`], while it is parsed in parallel with others.
/// The file's parse counts against what is left of it; past that its result is doubtful, and
/// the file is prepared again in turn. What its parses counted is checked in turn against what
/// the file could have counted there.
pub(crate) struct SharedScopes<'a> {
    reserved: &'a std::sync::Mutex<Reserved>,
    /// The file's parse reached what is left: its result is not used.
    doubtful: Cell<bool>,
    /// What the file's parses counted.
    counted: Cell<Scopes>,
}

impl<'a> SharedScopes<'a> {
    pub(crate) fn new(reserved: &'a std::sync::Mutex<Reserved>) -> SharedScopes<'a> {
        SharedScopes { reserved, doubtful: Cell::new(false), counted: Cell::new(Scopes::default()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Reserved> {
        self.reserved.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// What a parse may count now.
    pub(crate) fn limit(&self) -> Scopes {
        let reserved = self.lock();
        Scopes::allowed(reserved.read).minus(reserved.scopes)
    }

    /// Takes `used` from what is left; `false`, and the file doubtful, when it is not there.
    pub(crate) fn reserve(&self, used: Scopes) -> bool {
        let mut reserved = self.lock();
        let left = Scopes::allowed(reserved.read).minus(reserved.scopes);
        if !used.within(left) {
            drop(reserved);
            self.doubt();
            return false;
        }
        reserved.scopes = reserved.scopes.plus(used);
        drop(reserved);
        self.count(used);
        true
    }

    /// Counts what a parse that failed counted (nothing runs on its tree: nothing is
    /// reserved).
    pub(crate) fn count(&self, used: Scopes) {
        self.counted.set(self.counted.get().plus(used));
    }

    /// The file's result is not to be used.
    pub(crate) fn doubt(&self) {
        self.doubtful.set(true);
    }

    pub(crate) fn doubtful(&self) -> bool {
        self.doubtful.get()
    }

    /// What the file's parses counted, all together.
    pub(crate) fn counted(&self) -> Scopes {
        self.counted.get()
    }
}

/// The first node of `node` deeper than [`MAX_DEPTH`], counting expressions, statements,
/// patterns, types, JSX elements and declarations, or the first identifier or scope past
/// `limit` (see [`Scopes`]), and what was counted. The walk itself goes no deeper than
/// [`MAX_DEPTH`].
pub(crate) fn deepest<N: VisitWith<Depth>>(node: &N, limit: Scopes) -> (Option<(Span, TooDeep)>, Scopes) {
    let mut depth = Depth::new(MAX_DEPTH);
    depth.limit_scopes = limit;
    node.visit_with(&mut depth);
    let used = Scopes { names: depth.names, scopes: depth.scope_nodes };
    (depth.too_deep, used)
}

/// The walk of [`deepest`].
pub(crate) struct Depth {
    depth: u32,
    limit: u32,
    /// The most `depth` reached.
    most: u32,
    too_deep: Option<(Span, TooDeep)>,
    /// Scopes around the node: two for each function, class, method, block, `catch` and
    /// loop (swc's `hygiene` opens up to two for each).
    scopes: u64,
    /// The sum, over every identifier, of the scopes around it: a bound on the names
    /// `hygiene` records, as it records each in every scope around it.
    names: u64,
    /// How many scopes there are.
    scope_nodes: u64,
    limit_scopes: Scopes,
}

impl Depth {
    fn new(limit: u32) -> Depth {
        Depth {
            depth: 0,
            limit,
            most: 0,
            too_deep: None,
            scopes: 0,
            names: 0,
            scope_nodes: 0,
            limit_scopes: Scopes { names: u64::MAX, scopes: u64::MAX },
        }
    }

    fn scope<N: VisitWith<Depth> + Spanned>(&mut self, node: &N) {
        self.count_scope(node.span());
        self.scopes += 2;
        node.visit_children_with(self);
        self.scopes -= 2;
    }

    fn count_scope(&mut self, span: Span) {
        self.scope_nodes += 1;
        if self.scope_nodes > self.limit_scopes.scopes && self.too_deep.is_none() {
            self.too_deep = Some((span, TooDeep::Scopes));
        }
    }

    fn enter<N: VisitWith<Depth> + Spanned>(&mut self, node: &N) {
        if self.too_deep.is_some() {
            return;
        }
        if self.depth >= self.limit {
            self.too_deep = Some((node.span(), TooDeep::Tree));
            return;
        }
        self.depth += 1;
        self.most = self.most.max(self.depth);
        node.visit_children_with(self);
        self.depth -= 1;
    }

    /// A block is a level and a scope.
    fn block(&mut self, node: &BlockStmt) {
        self.count_scope(node.span);
        self.scopes += 2;
        self.enter(node);
        self.scopes -= 2;
    }
}

macro_rules! levels {
    (levels: $($visit:ident: $node:ty),* $(,)?; scopes: $($scope:ident: $scope_node:ty),* $(,)?) => {
        impl Visit for Depth {
            $(
                fn $visit(&mut self, node: &$node) {
                    self.enter(node);
                }
            )*
            $(
                fn $scope(&mut self, node: &$scope_node) {
                    self.scope(node);
                }
            )*

            fn visit_ident(&mut self, ident: &Ident) {
                self.names += self.scopes;
                if self.names > self.limit_scopes.names && self.too_deep.is_none() {
                    self.too_deep = Some((ident.span, TooDeep::Names));
                }
            }

            fn visit_block_stmt(&mut self, node: &BlockStmt) {
                self.block(node);
            }
        }
    };
}

levels!(
    levels:
    visit_expr: Expr,
    visit_stmt: Stmt,
    visit_decl: Decl,
    visit_module_decl: ModuleDecl,
    visit_var_declarator: VarDeclarator,
    visit_function: Function,
    visit_class: Class,
    visit_class_member: ClassMember,
    visit_prop: Prop,
    visit_pat: Pat,
    visit_ts_type: TsType,
    visit_ts_type_element: TsTypeElement,
    visit_ts_entity_name: TsEntityName,
    visit_ts_namespace_body: TsNamespaceBody,
    visit_jsx_element: JSXElement,
    visit_jsx_fragment: JSXFragment,
    visit_jsx_member_expr: JSXMemberExpr;
    scopes:
    visit_arrow_expr: ArrowExpr,
    visit_catch_clause: CatchClause,
    visit_class_expr: ClassExpr,
    visit_class_decl: ClassDecl,
    visit_class_method: ClassMethod,
    visit_private_method: PrivateMethod,
    visit_constructor: Constructor,
    visit_fn_decl: FnDecl,
    visit_fn_expr: FnExpr,
    visit_for_in_stmt: ForInStmt,
    visit_for_of_stmt: ForOfStmt,
    visit_for_stmt: ForStmt,
    visit_static_block: StaticBlock,
    visit_getter_prop: GetterProp,
    visit_setter_prop: SetterProp,
    visit_method_prop: MethodProp,
    visit_ts_module_block: TsModuleBlock,
);

/// The syntax tree's depth, names in nested scopes and scopes of `node`, counted without a
/// limit (for `depth_tests.rs`, which measures code).
#[cfg(test)]
pub(crate) fn measure_tree<N: VisitWith<Depth>>(node: &N) -> (u32, u64, u64) {
    let mut depth = Depth::new(u32::MAX);
    node.visit_with(&mut depth);
    (depth.most, depth.names, depth.scope_nodes)
}
