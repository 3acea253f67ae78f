//! What reaches a terminal: untrusted text with its control characters made
//! visible, and whether to colour.

use std::borrow::Cow;
use std::io::IsTerminal;

/// Whether `c` must not reach a terminal as it is: C0 controls (tab and
/// newline included), DEL, C1 controls, the bidirectional formatting
/// characters (which reorder what is shown) and the line and paragraph
/// separators.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character (see [`is_unsafe`]) written as
/// `\u{XX}`, so that input cannot move the cursor, retitle the window,
/// clear the screen, fake a line of output or reorder what is shown. A
/// backslash stays as it is. Text without such characters is borrowed.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
