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

use std::cell::{Cell, RefCell};
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
    /// Where the stack was when the parse began ([`stack_address`]).
    #[cfg(test)]
    start: usize,
    /// Below this address the parser must stop: [`PARSER_STACK`] below `start`, or
    /// [`RED_ZONE`] above the end of the stack, whichever comes first.
    lowest: usize,
    stopped: Cell<Option<(Span, TooDeep)>>,
    /// The most [`Nesting`] counted, and the most stack the parser used.
    #[cfg(test)]
    most: Cell<(u32, usize)>,
    /// The most [`Levels`] held.
    #[cfg(test)]
    most_levels: Cell<usize>,
}

impl Watch {
    pub(crate) fn new() -> Rc<Watch> {
        let start = stack_address();
        let end = stacker::remaining_stack().map_or(0, |remaining| start.saturating_sub(remaining));
        Rc::new(Watch {
            #[cfg(test)]
            start,
            lowest: start.saturating_sub(PARSER_STACK).max(end.saturating_add(RED_ZONE)),
            stopped: Cell::new(None),
            #[cfg(test)]
            most: Cell::new((0, 0)),
            #[cfg(test)]
            most_levels: Cell::new(0),
        })
    }

    /// The most [`Nesting`] counted, and the most stack the parser used, at a token.
    #[cfg(test)]
    pub(crate) fn most(&self) -> (u32, usize) {
        self.most.get()
    }

    /// The most levels of [`Nesting`] held at a token.
    #[cfg(test)]
    pub(crate) fn most_levels(&self) -> usize {
        self.most_levels.get()
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
/// The levels are kept in [`Levels`], an array that a checkpoint (TypeScript's parser
/// backtracks) does not copy: a checkpoint is a copy of a few words, and no level is allocated
/// on its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nesting {
    /// The innermost level.
    count: u32,
    /// The most `count` reached in the innermost level.
    deepest: u32,
    /// `<` minus `>` in the innermost level, for TypeScript's type arguments.
    angle: u32,
    /// The sum over the outer levels of one plus their count.
    outer: u32,
    /// The enclosing level: its index in [`Levels`] plus one, or 0 at the top.
    parent: u32,
    /// A `;` was the last token: a chain ends unless `else` or `while` follows.
    after_semicolon: bool,
    /// What the last token was ([`Kind`] bits).
    previous: u8,
}

/// An enclosing level of [`Nesting`], as it was when the bracket opened.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parent {
    count: u32,
    deepest: u32,
    angle: u32,
    outer: u32,
    parent: u32,
}

/// The enclosing levels of every [`Nesting`] of a parse: the current one's and those of the
/// checkpoints the parser holds. A level is written once and never changed. The last one is
/// taken back when its bracket closes, unless a checkpoint held may lead back to it (one
/// saved while it was there); loading a checkpoint takes back every level written since it
/// was saved that no other checkpoint held needs. So the levels are a stack in JavaScript,
/// and in TypeScript, whose parser saves a checkpoint wherever it may backtrack, they hold
/// at most what the checkpoints held had open.
#[derive(Debug, Clone, Default)]
pub(crate) struct Levels {
    parents: Vec<Parent>,
    /// How many levels there were when each checkpoint held was saved, in the order they
    /// were saved (which is also increasing order: levels are never taken back below one).
    held: Rc<RefCell<Vec<usize>>>,
}

impl Levels {
    /// The levels below this index may be needed again by a checkpoint held.
    fn floor(&self) -> usize {
        self.held.borrow().last().copied().unwrap_or(0)
    }

    /// A checkpoint is saved: the levels there now are kept until it is dropped.
    fn hold(&self) -> Hold {
        let at = self.parents.len();
        self.held.borrow_mut().push(at);
        Hold { held: Rc::clone(&self.held), at }
    }

    /// The checkpoint of `hold` is loaded: the levels written since it was saved are taken
    /// back, but for those another checkpoint held needs.
    fn load(&mut self, hold: Hold) {
        let at = hold.at;
        drop(hold);
        self.parents.truncate(at.max(self.floor()));
    }
}

/// What a checkpoint holds of [`Levels`]: dropped with the checkpoint, it lets them go.
#[derive(Debug)]
pub(crate) struct Hold {
    held: Rc<RefCell<Vec<usize>>>,
    at: usize,
}

impl Drop for Hold {
    fn drop(&mut self) {
        let mut held = self.held.borrow_mut();
        if let Some(position) = held.iter().rposition(|&at| at == self.at) {
            held.remove(position);
        }
    }
}

/// What a token is to [`Nesting`], as bits.
struct Kind;

impl Kind {
    /// It can add a link to a chain the parser builds in a loop ([`LINKS`]).
    const LINKS: u8 = 1;
    /// An expression may have ended with it ([`ENDS_OPERAND`]).
    const ENDS_OPERAND: u8 = 2;
    /// After a line break it begins a statement (see [`OPERATOR_WORDS`]).
    const BEGINS_STATEMENT: u8 = 4;
    /// `}`.
    const RIGHT_BRACE: u8 = 8;
    /// `}` or `)`: a `{` after it opens a block.
    const ENDS_BLOCK_HEAD: u8 = 16;
    /// `else` or `while`: the statement before a `;` goes on.
    const GOES_ON: u8 = 32;
    /// It opens, closes, ends chains or counts angle brackets: [`Nesting::take`] looks at
    /// which token it is.
    const SPECIAL: u8 = 64;

    /// The token's bits, from [`KINDS`].
    #[inline(always)]
    fn of(token: Token) -> u8 {
        KINDS[usize::from(token as u8)]
    }

    /// The bits of the token whose discriminant is `token` (0 for a value no token has).
    const fn of_discriminant(token: u8) -> u8 {
        let words = token == Token::Null as u8
            || token == Token::True as u8
            || token == Token::False as u8
            || token == Token::Ident as u8
            || token >= Token::Abstract as u8 && token <= Token::Target as u8
            || token >= Token::Await as u8 && token <= Token::Module as u8;
        let begins_statement = words && !among(token, &OPERATOR_WORDS) || among(token, &LITERALS);
        let mut kind = 0;
        if among(token, &LINKS) {
            kind |= Kind::LINKS;
        }
        if among(token, &ENDS_OPERAND) {
            kind |= Kind::ENDS_OPERAND;
        }
        if begins_statement {
            kind |= Kind::BEGINS_STATEMENT;
        }
        if token == Token::RBrace as u8 {
            kind |= Kind::RIGHT_BRACE;
        }
        if token == Token::RBrace as u8 || token == Token::RParen as u8 {
            kind |= Kind::ENDS_BLOCK_HEAD;
        }
        if token == Token::Else as u8 || token == Token::While as u8 {
            kind |= Kind::GOES_ON;
        }
        if among(token, &SPECIAL) {
            kind |= Kind::SPECIAL;
        }
        kind
    }
}

/// [`Kind`]'s bits of every token, by its discriminant.
static KINDS: [u8; 256] = {
    let mut kinds = [0; 256];
    let mut token = 0;
    while token < 256 {
        kinds[token] = Kind::of_discriminant(token as u8);
        token += 1;
    }
    kinds
};

/// Whether `tokens` has the token whose discriminant is `token`.
const fn among(token: u8, tokens: &[Token]) -> bool {
    let mut index = 0;
    while index < tokens.len() {
        if tokens[index] as u8 == token {
            return true;
        }
        index += 1;
    }
    false
}

/// Tokens that [`Nesting::take`] looks at one by one: brackets, `;`, `,`, angle brackets.
const SPECIAL: [Token; 17] = [
    Token::LParen,
    Token::LBracket,
    Token::TemplateHead,
    Token::LBrace,
    Token::DollarLBrace,
    Token::RParen,
    Token::RBracket,
    Token::RBrace,
    Token::Semi,
    Token::Comma,
    Token::Lt,
    Token::Gt,
    Token::GtEq,
    Token::RShift,
    Token::RShiftEq,
    Token::ZeroFillRShift,
    Token::ZeroFillRShiftEq,
];

impl Nesting {
    fn new() -> Nesting {
        Nesting {
            count: 0,
            deepest: 0,
            angle: 0,
            outer: 0,
            parent: 0,
            after_semicolon: false,
            previous: Kind::of(Token::Semi),
        }
    }

    /// The bound: every open level, and the links counted in each.
    #[inline]
    fn depth(&self) -> u32 {
        self.outer.saturating_add(1).saturating_add(self.count)
    }

    #[inline]
    fn link(&mut self) {
        self.count = self.count.saturating_add(1);
        self.deepest = self.deepest.max(self.count);
    }

    #[inline]
    fn end_chains(&mut self) {
        self.count = 0;
        self.angle = 0;
    }

    fn open(&mut self, levels: &mut Levels) {
        levels.parents.push(Parent {
            count: self.count,
            deepest: self.deepest,
            angle: self.angle,
            outer: self.outer,
            parent: self.parent,
        });
        self.parent = u32::try_from(levels.parents.len()).unwrap_or(u32::MAX);
        self.outer = self.depth();
        self.count = 0;
        self.deepest = 0;
        self.angle = 0;
    }

    /// Closes the innermost level (a stray closing bracket closes nothing; the parser reports
    /// it).
    fn close(&mut self, levels: &mut Levels) {
        let Some(index) = self.parent.checked_sub(1) else {
            return;
        };
        let index = index as usize;
        let parent = levels.parents[index];
        if index + 1 == levels.parents.len() && index >= levels.floor() {
            levels.parents.pop();
        }
        let inner = self.deepest;
        self.count = parent.count;
        self.deepest = parent.deepest;
        self.angle = parent.angle;
        self.outer = parent.outer;
        self.parent = parent.parent;
        self.count = self.count.saturating_add(inner).saturating_add(1);
        self.deepest = self.deepest.max(self.count);
    }

    /// Takes a token the lexer read afresh (not one read again from the same place).
    #[inline(always)]
    fn take(&mut self, token: Token, line_break: bool, levels: &mut Levels) {
        let kind = Kind::of(token);
        let previous = std::mem::replace(&mut self.previous, kind);
        let statement_may_begin = line_break && previous & Kind::ENDS_OPERAND != 0 || previous & Kind::RIGHT_BRACE != 0;
        if std::mem::take(&mut self.after_semicolon) && kind & Kind::GOES_ON == 0
            || statement_may_begin && kind & Kind::BEGINS_STATEMENT != 0
            || previous & Kind::ENDS_BLOCK_HEAD != 0 && token == Token::LBrace
        {
            self.end_chains();
        }
        if kind & Kind::SPECIAL != 0 {
            self.take_special(token, levels);
        } else if kind & Kind::LINKS != 0 {
            self.link();
        }
    }

    /// [`Nesting::take`] of a bracket, `;`, `,` or angle bracket.
    #[inline(never)]
    fn take_special(&mut self, token: Token, levels: &mut Levels) {
        match token {
            // A call, an index or a tagged template is a link, counted when it closes.
            Token::LParen | Token::LBracket | Token::TemplateHead => self.open(levels),
            Token::LBrace | Token::DollarLBrace => self.open(levels),
            Token::RParen | Token::RBracket | Token::RBrace => self.close(levels),
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
            _ => {}
        }
    }

    /// Takes a template's middle or end, which the lexer reads again after the `}` that
    /// closed a substitution: a middle opens the next substitution.
    fn take_template(&mut self, token: Token, levels: &mut Levels) {
        if token == Token::TemplateMiddle {
            self.open(levels);
        }
        self.previous = Kind::of(token);
    }
}

/// Tokens that can add a link to a chain the parser builds in a loop.
const LINKS: [Token; 32] = [
    Token::Dot,
    Token::OptionalChain,
    Token::Bang,
    Token::Plus,
    Token::Minus,
    Token::Asterisk,
    Token::Slash,
    Token::Percent,
    Token::Pipe,
    Token::Caret,
    Token::Ampersand,
    Token::EqEq,
    Token::NotEq,
    Token::EqEqEq,
    Token::NotEqEq,
    Token::LtEq,
    Token::LShift,
    Token::Exp,
    Token::LogicalOr,
    Token::LogicalAnd,
    Token::NullishCoalescing,
    Token::In,
    Token::InstanceOf,
    Token::As,
    Token::Satisfies,
    Token::Else,
    Token::Extends,
    Token::Is,
    Token::Keyof,
    Token::BackQuote,
    Token::Template,
    Token::NoSubstitutionTemplateLiteral,
];

/// Tokens after which an expression may have ended: a name, a literal, a closing bracket.
const ENDS_OPERAND: [Token; 17] = [
    Token::Ident,
    Token::Str,
    Token::Num,
    Token::BigInt,
    Token::Regex,
    Token::NoSubstitutionTemplateLiteral,
    Token::TemplateTail,
    Token::RParen,
    Token::RBracket,
    Token::RBrace,
    Token::This,
    Token::Null,
    Token::True,
    Token::False,
    Token::Super,
    Token::PlusPlus,
    Token::MinusMinus,
];

/// Words that go on with an expression that ended before them. Every other word (names and
/// keywords), and every literal ([`LITERALS`]), cannot: after a line break (or a `}`) it begins
/// a new statement.
const OPERATOR_WORDS: [Token; 12] = [
    Token::In,
    Token::InstanceOf,
    Token::As,
    Token::Satisfies,
    Token::Is,
    Token::Extends,
    Token::Keyof,
    Token::Of,
    Token::Else,
    Token::While,
    Token::Asserts,
    Token::Implements,
];

/// Literals, which begin a new statement after a line break (or a `}`).
const LITERALS: [Token; 4] = [Token::Str, Token::Num, Token::BigInt, Token::Regex];

/// swc's lexer, stopped before the parser nests too deeply (see the module docs).
#[derive(Clone)]
pub(crate) struct Guarded<I> {
    inner: I,
    nesting: Nesting,
    levels: Levels,
    watch: Rc<Watch>,
}

impl<I: Tokens> Guarded<I> {
    pub(crate) fn new(inner: I, watch: Rc<Watch>) -> Guarded<I> {
        Guarded { inner, nesting: Nesting::new(), levels: Levels::default(), watch }
    }

    /// The token, or the end of the input once the parser must stop.
    #[inline(always)]
    fn check(&mut self, token: TokenAndSpan, read: Read) -> TokenAndSpan {
        match read {
            Read::Fresh => self.nesting.take(token.token, token.had_line_break, &mut self.levels),
            Read::Template => self.nesting.take_template(token.token, &mut self.levels),
            Read::Again => {}
        }
        let here = stack_address();
        #[cfg(test)]
        {
            let (nesting, stack) = self.watch.most.get();
            let used = self.watch.start.saturating_sub(here);
            self.watch.most.set((nesting.max(self.nesting.depth()), stack.max(used)));
            self.watch.most_levels.set(self.watch.most_levels.get().max(self.levels.parents.len()));
        }
        if here < self.watch.lowest || self.nesting.depth() > CHAIN_LIMIT || self.watch.stopped().is_some() {
            return self.stop(token.span, here);
        }
        token
    }

    /// The end of the input, where the parser must stop.
    #[cold]
    #[inline(never)]
    fn stop(&self, at: Span, here: usize) -> TokenAndSpan {
        if here < self.watch.lowest {
            self.watch.stop(at, TooDeep::Stack);
        } else if self.nesting.depth() > CHAIN_LIMIT {
            self.watch.stop(at, TooDeep::Chain);
        }
        end_of_input(at)
    }
}

/// Where the stack is now: the address of a local variable of the caller's frame, which is at
/// most a frame away from the stack pointer.
#[inline(always)]
fn stack_address() -> usize {
    let here = 0_u8;
    std::hint::black_box(&raw const here).addr()
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
    type Checkpoint = (I::Checkpoint, Nesting, Hold);

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
        (self.inner.checkpoint_save(), self.nesting, self.levels.hold())
    }

    fn checkpoint_load(&mut self, (checkpoint, nesting, hold): Self::Checkpoint) {
        self.inner.checkpoint_load(checkpoint);
        self.nesting = nesting;
        self.levels.load(hold);
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
