//! Evaluating a trust policy against the token an identity pool hands STS,
//! with IAM's semantics (docs/REFERENCE.md section 11).

use super::policy::{
    Condition, Effect, Principal, SetQualifier, Statement, Test, TrustPolicy, pointer_child,
};
use crate::arn::Partition;

/// The action an identity pool calls on STS.
pub const ASSUME_ACTION: &str = assume_action!();
/// The action STS also checks when the session carries principal tags.
pub const TAG_ACTION: &str = tag_action!();
/// The commercial Cognito principal (and condition-key prefix).
pub const COGNITO_PRINCIPAL: &str = cognito_principal!();

/// What STS receives: the claims of the token the identity pool issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// `aud`: the identity pool id.
    pub aud: String,
    /// `sub`: the identity id, when known.
    pub sub: Option<String>,
    /// `amr`: `["unauthenticated"]`, or `"authenticated"` and the login's
    /// entries.
    pub amr: Vec<String>,
}

/// Where the request happens: who the principal is in this partition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// The principal names that stand for the identity pool service here.
    pub principals: Vec<&'static str>,
    /// The condition-key prefixes the token's claims carry here.
    pub key_prefixes: Vec<&'static str>,
    /// True outside the partitions whose principal is documented (`aws`,
    /// `aws-us-gov`): the commercial name is assumed.
    pub unverified: bool,
}

impl Audience {
    /// The principal of the identity pool service for a pool in `region`.
    ///
    /// Sources: the Cognito developer guide (commercial principal) and the
    /// AWS GovCloud (US) user guide, "Amazon Cognito" page
    /// (<https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-cog.html>).
    pub fn for_region(region: &str) -> Audience {
        let partition = crate::region::partition_of(region);
        match partition {
            Partition::Aws => Audience {
                principals: vec![COGNITO_PRINCIPAL],
                key_prefixes: vec![COGNITO_PRINCIPAL],
                unverified: false,
            },
            Partition::AwsUsGov if region == "us-gov-east-1" => Audience {
                principals: vec!["cognito-identity.us-gov-east-1.amazonaws.com"],
                key_prefixes: vec![
                    COGNITO_PRINCIPAL,
                    "cognito-identity.us-gov-east-1.amazonaws.com",
                ],
                unverified: false,
            },
            Partition::AwsUsGov => Audience {
                principals: vec!["cognito-identity-us-gov.amazonaws.com"],
                key_prefixes: vec![COGNITO_PRINCIPAL, "cognito-identity-us-gov.amazonaws.com"],
                unverified: false,
            },
            _ => Audience {
                principals: vec![COGNITO_PRINCIPAL],
                key_prefixes: vec![COGNITO_PRINCIPAL],
                unverified: true,
            },
        }
    }

    /// The claim a condition key names (`aud`, `amr`, `sub`), if the token
    /// carries it here; keys compare ignoring ASCII case.
    pub fn claim(&self, key: &str) -> Option<&'static str> {
        // The last `:` found by bytes (ASCII), without the standard
        // library's reverse char searcher.
        let at = key.bytes().rposition(|b| b == b':')?;
        let (prefix, claim) = (&key[..at], &key[at + 1..]);
        if !self
            .key_prefixes
            .iter()
            .any(|p| p.eq_ignore_ascii_case(prefix))
        {
            return None;
        }
        ["aud", "amr", "sub"]
            .into_iter()
            .find(|c| c.eq_ignore_ascii_case(claim))
    }
}

/// Why a trust policy refuses the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The policy has no Allow statement at all.
    NoStatement,
    /// No Allow statement names the identity pool principal.
    Principal,
    /// No Allow statement for the principal covers the action.
    Action,
    /// Allow statements match principal and action, but a condition fails.
    Condition,
    /// A Deny statement applies.
    ExplicitDeny,
}

impl Reason {
    /// The reason as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoStatement => "no_statement",
            Reason::Principal => "principal",
            Reason::Action => "action",
            Reason::Condition => "condition",
            Reason::ExplicitDeny => "explicit_deny",
        }
    }
}

/// The outcome of one evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// An Allow statement applies and no Deny does.
    Allowed {
        /// The index of the first applying Allow statement.
        statement: usize,
    },
    /// Refused.
    Denied(Denial),
}

/// Why and where a policy refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    /// The failing reason.
    pub reason: Reason,
    /// The statement at fault, when one is.
    pub statement: Option<usize>,
    /// The condition key that failed (as written), for `condition`.
    pub key: Option<String>,
    /// The pointer (inside the document) of what is at fault.
    pub at: String,
    /// The action that was refused.
    pub action: &'static str,
}

/// What is evaluated: the token, where, and the request's options.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The token's claims.
    pub token: &'a Token,
    /// The partition's principal.
    pub audience: &'a Audience,
    /// Principal tags are mapped: STS also checks `sts:TagSession`.
    pub principal_tags: bool,
    /// A cross-account basic-flow request: STS also requires the allowing
    /// statement to test `aud` and `amr` (Cognito developer guide,
    /// "Security best practices for identity pools").
    pub cross_account_basic: bool,
}

/// Whether the statement's principal names the pool service.
pub(crate) fn principal_matches(statement: &Statement, audience: &Audience) -> bool {
    let names = |p: &Principal| match p {
        Principal::Any => true,
        Principal::Map(entries) => entries.iter().any(|(kind, values)| {
            kind == "Federated"
                && values
                    .iter()
                    .any(|v| audience.principals.contains(&v.as_str()))
        }),
    };
    match (&statement.principal, &statement.not_principal) {
        (Some(p), _) => names(p),
        (None, Some(not)) => !names(not),
        (None, None) => false,
    }
}

/// Whether the statement's Action / NotAction covers `action`.
pub(crate) fn action_matches(statement: &Statement, action: &str) -> bool {
    let any = statement
        .action
        .values
        .iter()
        .any(|pattern| like_ignore_ascii_case(pattern, action));
    any != statement.action.not
}

/// The values the token carries for a condition key.
fn request_values<'t>(condition: &Condition, request: &Request<'t>) -> Option<Vec<&'t str>> {
    match request.audience.claim(&condition.key)? {
        "aud" => Some(vec![request.token.aud.as_str()]),
        "sub" => request.token.sub.as_deref().map(|s| vec![s]),
        _ => Some(request.token.amr.iter().map(String::as_str).collect()),
    }
}

/// Whether one request value satisfies the positive form of the test
/// against any policy value.
fn positive_match(test: Test, policy: &[String], value: &str) -> bool {
    policy.iter().any(|p| match test {
        Test::Equals | Test::NotEquals => p == value,
        Test::EqualsIgnoreCase | Test::NotEqualsIgnoreCase => {
            p == value
                || p.chars()
                    .flat_map(char::to_lowercase)
                    .eq(value.chars().flat_map(char::to_lowercase))
        }
        Test::Like | Test::NotLike => like(p, value),
        Test::Null | Test::Other { .. } => false,
    })
}

/// Whether one request value satisfies the test (negated tests: no policy
/// value matches).
fn value_holds(test: Test, policy: &[String], value: &str) -> bool {
    match test {
        Test::Other { .. } => false,
        t if t.is_negated() => !positive_match(t, policy, value),
        t => positive_match(t, policy, value),
    }
}

/// Whether a condition holds for the request.
pub fn condition_holds(condition: &Condition, request: &Request<'_>) -> bool {
    let values = request_values(condition, request);
    let op = condition.operator;
    if op.test == Test::Null {
        let absent = values.as_ref().is_none_or(|v| v.is_empty());
        return condition.values.iter().any(|v| {
            if v.eq_ignore_ascii_case("true") {
                absent
            } else if v.eq_ignore_ascii_case("false") {
                !absent
            } else {
                false
            }
        });
    }
    let present = values.as_ref().is_some_and(|v| !v.is_empty());
    if !present {
        if op.if_exists {
            return true;
        }
        return match op.set {
            Some(SetQualifier::ForAnyValue) => false,
            Some(SetQualifier::ForAllValues) => true,
            None => op.test.is_negated(),
        };
    }
    let values = values.unwrap_or_default();
    match op.set {
        Some(SetQualifier::ForAllValues) => values
            .iter()
            .all(|v| value_holds(op.test, &condition.values, v)),
        // ForAnyValue, and a bare operator (on the multivalued amr it is
        // read as "any value matches"; single-valued keys have one value).
        _ => values
            .iter()
            .any(|v| value_holds(op.test, &condition.values, v)),
    }
}

/// Whether the statement tests `claim` with a positive operator.
pub(crate) fn tests_claim_positively(
    statement: &Statement,
    audience: &Audience,
    claim: &str,
) -> bool {
    conditions(statement).iter().any(|c| {
        audience.claim(&c.key) == Some(claim)
            && !c.operator.test.is_negated()
            && c.operator.test != Test::Null
    })
}

/// A statement's conditions (none without `Condition`).
fn conditions(statement: &Statement) -> &[Condition] {
    statement.condition.as_deref().unwrap_or_default()
}

/// The pointer of a statement's `Condition`, or of the statement when it
/// has none.
pub(crate) fn condition_at(statement: &Statement) -> String {
    if statement.condition.is_some() {
        pointer_child(&statement.at, "Condition")
    } else {
        statement.at.clone()
    }
}

/// The first condition of a statement that fails, or the cross-account
/// requirement it misses.
fn failing_condition(statement: &Statement, request: &Request<'_>) -> Option<(String, String)> {
    if let Some(failed) = conditions(statement)
        .iter()
        .find(|c| !condition_holds(c, request))
    {
        return Some((failed.key.clone(), failed.at.clone()));
    }
    if request.cross_account_basic {
        for claim in ["aud", "amr"] {
            if !tests_claim_positively(statement, request.audience, claim) {
                let key = format!(concat!(cognito_principal!(), ":{}"), claim);
                return Some((key, condition_at(statement)));
            }
        }
    }
    None
}

/// Evaluate the policy for one action.
fn evaluate_action(policy: &TrustPolicy, request: &Request<'_>, action: &'static str) -> Verdict {
    let applies = |s: &Statement| {
        principal_matches(s, request.audience)
            && action_matches(s, action)
            && conditions(s).iter().all(|c| condition_holds(c, request))
    };
    if let Some((index, deny)) = policy
        .statements
        .iter()
        .enumerate()
        .find(|(_, s)| s.effect == Effect::Deny && applies(s))
    {
        return Verdict::Denied(Denial {
            reason: Reason::ExplicitDeny,
            statement: Some(index),
            key: None,
            at: deny.at.clone(),
            action,
        });
    }
    let denial = |reason, index: usize, key, at: String| {
        Verdict::Denied(Denial {
            reason,
            statement: Some(index),
            key,
            at,
            action,
        })
    };
    // One pass over the Allow statements: the first of them, the first
    // naming the principal, whether any also covers the action, and the
    // first of those whose condition fails.
    let mut first_allow = None;
    let mut first_principal = None;
    let mut first_failure = None;
    let mut any_action = false;
    for (index, statement) in policy.statements.iter().enumerate() {
        if statement.effect != Effect::Allow {
            continue;
        }
        first_allow.get_or_insert((index, statement));
        if !principal_matches(statement, request.audience) {
            continue;
        }
        first_principal.get_or_insert((index, statement));
        if !action_matches(statement, action) {
            continue;
        }
        any_action = true;
        match failing_condition(statement, request) {
            None => return Verdict::Allowed { statement: index },
            Some(failure) => {
                first_failure.get_or_insert(((index, statement), failure));
            }
        }
    }
    let Some((i, s)) = first_allow else {
        return Verdict::Denied(Denial {
            reason: Reason::NoStatement,
            statement: None,
            key: None,
            at: "/Statement".into(),
            action,
        });
    };
    let Some(first) = first_principal else {
        let member = if s.principal.is_some() {
            "Principal"
        } else {
            "NotPrincipal"
        };
        return denial(Reason::Principal, i, None, pointer_child(&s.at, member));
    };
    if !any_action {
        let member = if first.1.action.not {
            "NotAction"
        } else {
            "Action"
        };
        return denial(
            Reason::Action,
            first.0,
            None,
            pointer_child(&first.1.at, member),
        );
    }
    let (statement, (key, at)) = first_failure.expect("every statement failed on a condition");
    denial(Reason::Condition, statement.0, Some(key), at)
}

/// Evaluate the policy: `sts:AssumeRoleWithWebIdentity`, and
/// `sts:TagSession` too when principal tags are mapped. An applying Deny
/// wins; otherwise an applying Allow allows; otherwise the request is
/// denied.
pub fn evaluate(policy: &TrustPolicy, request: &Request<'_>) -> Verdict {
    let verdict = evaluate_action(policy, request, ASSUME_ACTION);
    if request.principal_tags
        && let Verdict::Allowed { .. } = verdict
        && let denied @ Verdict::Denied(_) = evaluate_action(policy, request, TAG_ACTION)
    {
        return denied;
    }
    verdict
}

/// `*` / `?` wildcard matching of a whole text, case-sensitive.
pub fn like(pattern: &str, text: &str) -> bool {
    glob(pattern, text, false)
}

/// [`like`], ignoring ASCII letter case (for action names).
pub fn like_ignore_ascii_case(pattern: &str, text: &str) -> bool {
    glob(pattern, text, true)
}

/// Wildcard matching without backtracking: the pattern is split at `*`;
/// the first piece must start the text, the last must end it, and each
/// piece between is placed at its leftmost occurrence after the previous
/// one (placing a piece as early as possible never loses a match, since
/// the `*` after it absorbs whatever follows). Pieces without `?` are
/// found with the Knuth-Morris-Pratt search, so a `*`-only pattern costs
/// time linear in the text plus the pattern; a piece with `?` is compared
/// at each candidate position (at most text length times piece length).
/// (One matcher for every pattern: the standard library's substring
/// search would add its own searcher to the web build.)
fn glob(pattern: &str, text: &str, fold: bool) -> bool {
    let text: Vec<char> = text.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let same = |p: char, t: char| p == '?' || p == t || (fold && p.eq_ignore_ascii_case(&t));
    let fits = |piece: &[char], at: usize| {
        piece.len() <= text.len() - at && piece.iter().zip(&text[at..]).all(|(&p, &t)| same(p, t))
    };
    let pieces: Vec<&[char]> = pattern.split(|&c| c == '*').collect();
    if pieces.len() == 1 {
        return pattern.len() == text.len() && fits(&pattern, 0);
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if first.len() + last.len() > text.len()
        || !fits(first, 0)
        || !fits(last, text.len() - last.len())
    {
        return false;
    }
    let end = text.len() - last.len();
    let mut at = first.len();
    for piece in &pieces[1..pieces.len() - 1] {
        if piece.is_empty() {
            continue;
        }
        let window = &text[at..end];
        let found = if piece.contains(&'?') {
            let mut found = None;
            for i in 0..(window.len() + 1).saturating_sub(piece.len()) {
                if fits(piece, at + i) {
                    found = Some(i);
                    break;
                }
            }
            found
        } else {
            kmp_find(piece, window, fold)
        };
        match found {
            Some(i) => at += i + piece.len(),
            None => return false,
        }
    }
    true
}

/// Whether `needle` occurs in `hay` (as `str::contains`). Short inputs
/// (the usual claim against a rule value) compare the bytes at each
/// position; longer ones use the Knuth-Morris-Pratt search of [`glob`], so
/// the time stays linear, and the standard library's substring searcher
/// stays out of the web build.
pub(crate) fn contains_text(hay: &str, needle: &str) -> bool {
    let (bytes, wanted) = (hay.as_bytes(), needle.as_bytes());
    if wanted.is_empty() {
        return true;
    }
    if bytes.len().saturating_mul(wanted.len()) <= 1 << 16 {
        return bytes.windows(wanted.len()).any(|w| w == wanted);
    }
    let hay: Vec<char> = hay.chars().collect();
    let needle: Vec<char> = needle.chars().collect();
    kmp_find(&needle, &hay, false).is_some()
}

/// The leftmost occurrence of `needle` (no wildcards) in `hay`, in linear
/// time.
fn kmp_find(needle: &[char], hay: &[char], fold: bool) -> Option<usize> {
    let eq = |a: char, b: char| a == b || (fold && a.eq_ignore_ascii_case(&b));
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && !eq(needle[i], needle[k]) {
            k = fail[k - 1];
        }
        if eq(needle[i], needle[k]) {
            k += 1;
        }
        fail[i] = k;
    }
    let mut k = 0;
    for (i, &c) in hay.iter().enumerate() {
        while k > 0 && !eq(c, needle[k]) {
            k = fail[k - 1];
        }
        if eq(c, needle[k]) {
            k += 1;
        }
        if k == needle.len() {
            return Some(i + 1 - needle.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_text_agrees_with_str_contains() {
        for (hay, needle) in [
            ("authenticated", "auth"),
            ("authenticated", "cated"),
            ("authenticated", "xyz"),
            ("", ""),
            ("abc", ""),
            ("", "a"),
            ("aaab", "aab"),
            ("abababc", "ababc"),
            ("gr\u{fc}n", "\u{fc}n"),
            ("gr\u{fc}n", "u"),
        ] {
            assert_eq!(
                contains_text(hay, needle),
                hay.contains(needle),
                "{hay:?} {needle:?}"
            );
        }
        // Long enough for the Knuth-Morris-Pratt branch.
        let long = format!("{}c\u{fc}", "ab".repeat(40_000));
        for needle in ["abc\u{fc}", "abababc", "abd", "\u{fc}a", &"ab".repeat(100)] {
            assert_eq!(
                contains_text(&long, needle),
                long.contains(needle),
                "{needle:?}"
            );
        }
    }

    #[test]
    fn wildcards() {
        for (pattern, text, expected) in [
            ("us-east-1:*", "us-east-1:abc", true),
            ("us-east-1:*", "us-east-2:abc", false),
            ("*", "", true),
            ("", "", true),
            ("", "a", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("*b*d*", "abcde", true),
            ("*b*d*", "adcbe", false),
            ("a*a*a", "aaa", true),
            ("a*a*a", "aa", false),
            ("auth*", "authenticated", true),
            ("*unauth*", "authenticated", false),
            ("a*?b", "aXb", true),
            ("a*?b", "ab", false),
            ("*ab?ab*", "xxabxabyy", true),
            ("\u{e9}?", "\u{e9}\u{e8}", true),
        ] {
            assert_eq!(like(pattern, text), expected, "{pattern:?} {text:?}");
        }
        assert!(like_ignore_ascii_case("STS:AssumeRole*", ASSUME_ACTION));
        assert!(!like("STS:AssumeRole*", ASSUME_ACTION));
    }

    #[test]
    fn hostile_patterns_finish_quickly() {
        let text = "a".repeat(20_000);
        let pattern = format!("{}*b*", "*a".repeat(5_000));
        let start = std::time::Instant::now();
        assert!(!like(&pattern, &text));
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn kmp_search() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(kmp_find(&chars("aab"), &chars("aaaab"), false), Some(2));
        assert_eq!(kmp_find(&chars("abab"), &chars("abacabab"), false), Some(4));
        assert_eq!(kmp_find(&chars("x"), &chars("abc"), false), None);
    }
}
