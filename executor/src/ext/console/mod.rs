//! Where `console.*` output goes.

pub(crate) mod host;

/// The level of a console message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Debug,
    Info,
    Log,
    Warn,
    Error,
}

/// Receives `console.*` calls of the sandboxed code, one formatted message per call
/// (objects already inspected), each at most
/// [`MAX_MESSAGE_CHARACTERS`](crate::MAX_MESSAGE_CHARACTERS) long. The text is
/// untrusted: escape it before showing it on a terminal.
pub trait Console {
    fn log(&mut self, level: LogLevel, message: &str);
}

/// Drops every message.
#[derive(Debug, Default, Clone, Copy)]
pub struct DiscardConsole;

impl Console for DiscardConsole {
    fn log(&mut self, _level: LogLevel, _message: &str) {}
}

/// Keeps every message, in order.
#[derive(Debug, Default, Clone)]
pub struct CollectConsole {
    pub messages: std::rc::Rc<std::cell::RefCell<Vec<(LogLevel, String)>>>,
}

impl Console for CollectConsole {
    fn log(&mut self, level: LogLevel, message: &str) {
        self.messages.borrow_mut().push((level, message.to_owned()));
    }
}
