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
use std::cmp::Ordering;

/// One constraint issue's pointer, and whether it covers what lies under it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rejection<'r> {
    pointer: &'r str,
    covers: bool,
}

/// The constraint issues of one input, sorted by pointer.
#[derive(Debug, Default)]
pub(crate) struct Rejected<'r> {
    sorted: Vec<Rejection<'r>>,
}

impl<'r> Rejected<'r> {
    /// From the constraint layer's issues.
    pub(crate) fn new(issues: &'r [Issue]) -> Rejected<'r> {
        let mut sorted: Vec<Rejection<'r>> = issues
            .iter()
            .map(|issue| Rejection {
                pointer: issue.path.as_str(),
                covers: issue.code != Code::UnknownMember,
            })
            .collect();
        sorted.sort_unstable_by(|a, b| a.pointer.cmp(b.pointer));
        Rejected { sorted }
    }

    /// The scope of the input's root.
    pub(crate) fn root(&self) -> Scope<'_> {
        let mut scope = Scope {
            entries: &self.sorted,
            offset: 0,
            covered: false,
        };
        let covered = scope.exact().any(|r| r.covers);
        scope.covered = covered;
        scope
    }

    /// Whether a finding at `pointer` would repeat a constraint issue:
    /// one other than `unknown_member` sits at it or at an ancestor. The
    /// walk never makes such a finding; this is the proof's other side.
    pub(crate) fn covers_pointer(&self, pointer: &str) -> bool {
        self.sorted.iter().any(|r| {
            r.covers
                && pointer
                    .strip_prefix(r.pointer)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
}

/// The constraint issues at or under one value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'r> {
    /// Every issue whose pointer starts with this value's pointer, sorted;
    /// those exactly at the value come first.
    entries: &'r [Rejection<'r>],
    /// The length of this value's pointer.
    offset: usize,
    /// A covering issue sits at this value or an ancestor.
    covered: bool,
}

impl Scope<'static> {
    /// The scope of a value nothing was rejected in.
    pub(crate) fn none() -> Scope<'static> {
        Scope {
            entries: &[],
            offset: 0,
            covered: false,
        }
    }
}

impl<'r> Scope<'r> {
    /// The issues exactly at this value.
    fn exact(&self) -> impl Iterator<Item = &Rejection<'r>> {
        self.entries
            .iter()
            .take_while(|r| r.pointer.len() == self.offset)
    }

    /// True when no semantic finding may be made at or under this value.
    pub(crate) fn covered(&self) -> bool {
        self.covered
    }

    /// True when the constraint layer reported anything exactly here.
    pub(crate) fn rejected(&self) -> bool {
        self.exact().next().is_some()
    }

    /// The scope of the child reached by `segment`.
    #[inline]
    pub(crate) fn child(&self, segment: &Segment<'_>) -> Scope<'r> {
        if self.entries.is_empty() {
            return Scope {
                entries: &[],
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
        let offset = self.offset;
        let rest = move |r: &Rejection<'r>| -> &'r [u8] { &r.pointer.as_bytes()[offset..] };
        let low = self
            .entries
            .partition_point(|r| compare(rest(r), &token) == Ordering::Less);
        let high = low
            + self.entries[low..].partition_point(|r| compare(rest(r), &token) == Ordering::Equal);
        // Entries that only share a prefix of the token (`/10` under `/1`)
        // are in the run, after the exact ones; they are never exact, and
        // their rest does not start with `/`, so no later step matches them.
        let mut child = Scope {
            entries: &self.entries[low..high],
            offset: self.offset + 1 + token.len(),
            covered: self.covered,
        };
        let covered = child.exact().any(|r| r.covers);
        child.covered |= covered;
        child
    }

    /// True when a finding at the descendant reached by `segments` would
    /// be covered.
    #[inline]
    pub(crate) fn covers(&self, segments: &[Segment<'_>]) -> bool {
        let mut scope = *self;
        for segment in segments {
            if scope.covered || scope.entries.is_empty() {
                break;
            }
            scope = scope.child(segment);
        }
        scope.covered
    }
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
