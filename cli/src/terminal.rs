//! What reaches a terminal: untrusted text with its control characters made
//! visible, and whether to colour.

use std::borrow::Cow;
use std::io::IsTerminal;

/// `text` with its control characters made visible: see
/// [`idpool::report::terminal_safe`], the one place that decides.
pub fn escape(text: &str) -> Cow<'_, str> {
    idpool::report::terminal_safe(text)
}

/// `NO_COLOR` set to anything but the empty string turns colour off
/// (<https://no-color.org>).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Colour on standard output: only on a terminal, and not with `NO_COLOR`.
pub fn stdout_colour() -> bool {
    !no_color() && std::io::stdout().is_terminal()
}

/// Colour on standard error: only on a terminal, and not with `NO_COLOR`.
pub fn stderr_colour() -> bool {
    !no_color() && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn controls_and_bidi_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape("a\u{1b}]0;pwned\u{7}\r\nFAKE ok"),
            "a\\u{1b}]0;pwned\\u{7}\\u{d}\\u{a}FAKE ok"
        );
        assert_eq!(escape("\u{7f}\u{85}\u{9b}2J"), "\\u{7f}\\u{85}\\u{9b}2J");
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(
            escape("\u{2066}x\u{2069}\u{200f}"),
            "\\u{2066}x\\u{2069}\\u{200f}"
        );
        assert_eq!(escape("Ünïcödé → 日本 \\ /"), "Ünïcödé → 日本 \\ /");
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
