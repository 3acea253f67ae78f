//! What the constraint layer rejected, as the semantic walk consults it.
//!
//! The constraint issues' JSON Pointers are sorted once; a [`Scope`] is the
//! run of them that lie at or under the value being walked, found from its
//! parent's run by binary search. A value is *covered* when a constraint
//! issue other than `unknown_member` sits at it or at one of its ancestors:
//! the constraint issue already says what to fix, so no semantic rule
//! reports anything there (docs/REFERENCE.md section 5). A member is
//! *rejected* when any constraint issue sits exactly at it: its value is
//! then never read as context (a malformed pool id decides no region).
//!
//! Nothing here allocates while walking; an input without constraint
//! issues gives empty scopes throughout.

use crate::path::Segment;
use crate::report::{Code, Issue};
use crate::seen;
use std::cmp::Ordering;

/// The constraint issues of one input: the pointers of all of them, and of
/// those that cover what lies under them (all but `unknown_member`), each
/// sorted.
#[derive(Debug, Default)]
pub(crate) struct Rejected<'r> {
    all: Vec<&'r str>,
    covering: Vec<&'r str>,
}

impl<'r> Rejected<'r> {
    /// From the constraint layer's issues.
    pub(crate) fn new(issues: &'r [Issue]) -> Rejected<'r> {
        let in_order = |pointers: Vec<&'r str>| -> Vec<&'r str> {
            seen::sorted(pointers.len(), &|a, b| pointers[a].cmp(pointers[b]))
                .into_iter()
                .map(|i| pointers[i])
                .collect()
        };
        let all = in_order(issues.iter().map(|i| i.path.as_str()).collect());
        let covering = in_order(
            issues
                .iter()
                .filter(|i| i.code != Code::UnknownMember)
                .map(|i| i.path.as_str())
                .collect(),
        );
        Rejected { all, covering }
    }

    /// The scope of the input's root.
    pub(crate) fn root(&self) -> Scope<'_> {
        Scope {
            all: &self.all,
            covering: &self.covering,
            offset: 0,
            covered: self.covering.first() == Some(&""),
        }
    }

    /// Whether a finding at `pointer` would repeat a constraint issue:
    /// one other than `unknown_member` sits at it or at an ancestor. The
    /// walk never makes such a finding; this is the proof's other side.
    pub(crate) fn covers_pointer(&self, pointer: &str) -> bool {
        self.covering.iter().any(|r| {
            pointer
                .strip_prefix(r)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
}

/// The constraint issues at or under one value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'r> {
    /// The pointers of every issue that start with this value's pointer,
    /// sorted: those exactly at the value come first.
    all: &'r [&'r str],
    /// The same, of the covering issues only.
    covering: &'r [&'r str],
    /// The length of this value's pointer.
    offset: usize,
    /// A covering issue sits at this value or an ancestor.
    covered: bool,
}

impl Scope<'static> {
    /// The scope of a value nothing was rejected in.
    pub(crate) fn none() -> Scope<'static> {
        Scope {
            all: &[],
            covering: &[],
            offset: 0,
            covered: false,
        }
    }
}

impl<'r> Scope<'r> {
    /// True when no semantic finding may be made at or under this value.
    pub(crate) fn covered(&self) -> bool {
        self.covered
    }

    /// True when the constraint layer reported anything exactly here.
    pub(crate) fn rejected(&self) -> bool {
        self.all.first().is_some_and(|p| p.len() == self.offset)
    }

    /// The scope of the child reached by `segment`.
    #[inline]
    pub(crate) fn child(&self, segment: &Segment<'_>) -> Scope<'r> {
        if self.all.is_empty() {
            return Scope {
                all: &[],
                covering: &[],
                offset: self.offset,
                covered: self.covered,
            };
        }
        self.child_of_rejected(segment)
    }

    /// [`Scope::child`] when some issue lies under this value.
    #[inline(never)]
    fn child_of_rejected(&self, segment: &Segment<'_>) -> Scope<'r> {
        let mut digits = [0u8; 20];
        let token = token_text(segment, &mut digits);
        let offset = self.offset + 1 + token.len();
        // Pointers that only share a prefix of the token (`/10` under `/1`)
        // are in the run, after the exact ones; they are never exact, and
        // their rest does not start with `/`, so no later step matches them.
        let covering = narrow(self.covering, self.offset, &token);
        Scope {
            all: narrow(self.all, self.offset, &token),
            covering,
            offset,
            covered: self.covered || covering.first().is_some_and(|p| p.len() == offset),
        }
    }

    /// True when a finding at the descendant reached by `segments` would
    /// be covered.
    #[inline]
    pub(crate) fn covers(&self, segments: &[Segment<'_>]) -> bool {
        let mut scope = *self;
        for segment in segments {
            if scope.covered || scope.all.is_empty() {
                break;
            }
            scope = scope.child(segment);
        }
        scope.covered
    }
}

/// The run of `sorted` (pointers sharing their first `offset` bytes) whose
/// rest starts with `/` and `token`: found by binary search.
fn narrow<'r>(sorted: &'r [&'r str], offset: usize, token: &[u8]) -> &'r [&'r str] {
    let rest = |p: &&'r str| -> &'r [u8] { &p.as_bytes()[offset..] };
    let low = sorted.partition_point(|p| compare(rest(p), token) == Ordering::Less);
    let high = low + sorted[low..].partition_point(|p| compare(rest(p), token) == Ordering::Equal);
    &sorted[low..high]
}

/// The pointer token of `segment`, escaped (RFC 6901).
fn token_text<'s>(segment: &Segment<'s>, digits: &'s mut [u8; 20]) -> std::borrow::Cow<'s, [u8]> {
    use std::borrow::Cow;
    match segment {
        Segment::Member { wire: text, .. } | Segment::Key(text) => {
            if text.contains(['~', '/']) {
                let mut escaped = String::with_capacity(text.len() + 2);
                crate::path::push_pointer_token(&mut escaped, text);
                Cow::Owned(escaped.into_bytes())
            } else {
                Cow::Borrowed(text.as_bytes())
            }
        }
        Segment::Index(index) => {
            let mut n = *index;
            let mut at = digits.len();
            loop {
                at -= 1;
                digits[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            Cow::Borrowed(&digits[at..])
        }
    }
}

/// `rest` against `/` followed by `token`: `Equal` when `rest` starts with
/// them, otherwise their byte order.
fn compare(rest: &[u8], token: &[u8]) -> Ordering {
    let needle = std::iter::once(&b'/').chain(token.iter());
    for (i, wanted) in needle.enumerate() {
        match rest.get(i) {
            None => return Ordering::Less,
            Some(byte) => match byte.cmp(wanted) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(path: &str, code: Code) -> Issue {
        Issue::new(path, code, "x")
    }

    fn member(name: &'static str) -> Segment<'static> {
        Segment::Member {
            wire: name,
            service: "",
        }
    }

    #[test]
    fn a_constraint_issue_covers_its_value_and_everything_under_it() {
        let issues = [
            issue("/Roles/a~1b", Code::Pattern),
            issue("/List/1", Code::Type),
            issue("/Other", Code::UnknownMember),
        ];
        let rejected = Rejected::new(&issues);
        let root = rejected.root();
        assert!(!root.covered());
        let list = root.child(&member("List"));
        assert!(!list.covered() && !list.rejected());
        assert!(list.child(&Segment::Index(1)).covered());
        assert!(list.child(&Segment::Index(1)).rejected());
        // `/List/10` starts with `/List/1` but is another entry.
        assert!(!list.child(&Segment::Index(10)).covered());
        assert!(!list.child(&Segment::Index(10)).rejected());
        assert!(list.covers(&[Segment::Index(1), member("Deeper")]));
        let roles = root.child(&member("Roles"));
        assert!(roles.child(&Segment::Key("a/b")).covered());
        assert!(!roles.child(&Segment::Key("a")).covered());
        // An unknown member is rejected (never read) but covers nothing.
        let other = root.child(&member("Other"));
        assert!(other.rejected() && !other.covered());
        for pointer in ["/Roles/a~1b", "/List/1/x", "/List/1"] {
            assert!(rejected.covers_pointer(pointer), "{pointer}");
        }
        for pointer in ["/List/10", "/Other", "/Roles"] {
            assert!(!rejected.covers_pointer(pointer), "{pointer}");
        }
    }

    #[test]
    fn an_issue_at_the_root_covers_everything() {
        let issues = [issue("", Code::Type)];
        let rejected = Rejected::new(&issues);
        assert!(rejected.root().covered());
        assert!(rejected.root().child(&member("A")).covered());
    }

    #[test]
    fn no_issues_give_empty_scopes() {
        let rejected = Rejected::default();
        let scope = rejected
            .root()
            .child(&member("A"))
            .child(&Segment::Index(3));
        assert!(!scope.covered() && !scope.rejected());
    }
}
