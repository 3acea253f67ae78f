//! Limits that no setting can turn against the host: nesting depth has a
//! ceiling that every pass survives on a small stack, limits outside their
//! range are refused, and reports stay bounded whatever the input repeats.

use idpool::json::{self, ParseErrorKind, ParseOptions};
use idpool::{Checker, Code, LimitError, Limits};

/// The largest limits any setting accepts.
fn largest() -> Checker {
    Checker::with_limits(Limits {
        max_depth: Limits::MAX_DEPTH_CEILING,
        max_input_bytes: Limits::MAX_INPUT_BYTES_CEILING,
        max_issues: Limits::MAX_ISSUES_CEILING,
    })
    .unwrap()
}

/// `depth` nested arrays around `inner`, `[[[...inner...]]]`.
fn arrays(depth: usize, inner: &str) -> String {
    let mut text = String::with_capacity(2 * depth + inner.len());
    text.extend(std::iter::repeat_n('[', depth));
    text.push_str(inner);
    text.extend(std::iter::repeat_n(']', depth));
    text
}

/// `depth` nested objects around `inner`, `{"a":{"a":...inner...}}`.
fn objects(depth: usize, inner: &str) -> String {
    let mut text = String::new();
    for _ in 0..depth {
        text.push_str("{\"a\":");
    }
    text.push_str(inner);
    text.extend(std::iter::repeat_n('}', depth));
    text
}

/// Run `f` on a thread with a 256 KiB stack (a small secondary-thread stack
/// of a mobile or embedded host); a stack overflow would abort the test.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// Inputs nested to `depth` in every position where a walk, the
/// canonical form, the service message or the report's drop would follow
/// them: under an unknown member, under a map value, under a list, a
/// sensitive map, and the whole input.
fn deep_inputs(depth: usize) -> Vec<(&'static str, String)> {
    // Each wrapper below opens one or two levels itself.
    let d = depth - 2;
    vec![
        (
            "CreateIdentityPool",
            format!(
                r#"{{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"X":{}}}"#,
                arrays(d + 1, "1")
            ),
        ),
        (
            "CreateIdentityPool",
            format!(
                r#"{{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"SupportedLoginProviders":{{"graph.facebook.com":{}}}}}"#,
                objects(d, "\"v\"")
            ),
        ),
        (
            "CreateIdentityPool",
            format!(
                r#"{{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"OpenIdConnectProviderARNs":[{}]}}"#,
                arrays(d, "\"a\"")
            ),
        ),
        (
            "GetCredentialsForIdentity",
            format!(
                r#"{{"IdentityId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Logins":{{"k":{}}}}}"#,
                objects(d, "\"token\"")
            ),
        ),
        ("IdentityPool", arrays(depth, "")),
        ("RoleMappingMap", objects(depth - 1, "{}")),
    ]
}

/// Issue: with the depth limit raised to 10 000 000, an input nested
/// 100 000 deep crashed the host. Now no setting accepts more than the
/// ceiling, and at the ceiling every entry point completes on a small stack.
#[test]
fn every_pass_survives_the_deepest_accepted_input_on_a_small_stack() {
    on_small_stack(|| {
        let checker = largest();
        for (target, input) in deep_inputs(Limits::MAX_DEPTH_CEILING) {
            let report = checker.check(target, &input).unwrap();
            assert!(
                report.errors.iter().all(|e| e.code != Code::Syntax),
                "{target}: the input at the ceiling parses"
            );
            let json = report.to_json();
            let back: idpool::Report = serde_json::from_str(&json).unwrap();
            assert_eq!(back, report);
            let _ = format!("{report:?}");
            let _ = checker.check_with_pool("SetIdentityPoolRoles", &input, &input);
            let _ = checker.plan_update(&input, &input);
            let context = format!(r#"{{"Pool":{input},"Request":{input}}}"#);
            let _ = checker.resolve_credentials(&context);
        }
    });
}

#[test]
fn a_million_levels_under_the_largest_limit_is_a_syntax_issue_not_a_crash() {
    on_small_stack(|| {
        let checker = largest();
        for input in [
            format!(
                r#"{{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"X":{}}}"#,
                arrays(1_000_000, "")
            ),
            objects(1_000_000, "1"),
        ] {
            let report = checker.check("CreateIdentityPool", &input).unwrap();
            assert_eq!(report.errors.len(), 1);
            assert_eq!(report.errors[0].code, Code::Syntax);
            assert_eq!(
                report.errors[0].params.limit,
                Some(Limits::MAX_DEPTH_CEILING as u64)
            );
            let context = format!(r#"{{"Pool":{input},"Request":{{}}}}"#);
            assert!(!checker.resolve_credentials(&context).ok);
            assert!(!checker.plan_update(&input, &input).ok);
        }
    });
}

#[test]
fn the_parser_never_goes_past_the_ceiling_whatever_its_options_say() {
    let deep = arrays(ParseOptions::MAX_DEPTH_CEILING + 1, "");
    let error = json::parse(
        &deep,
        &ParseOptions {
            max_depth: usize::MAX,
        },
    )
    .unwrap_err();
    assert_eq!(
        error.kind,
        ParseErrorKind::TooDeep {
            max_depth: ParseOptions::MAX_DEPTH_CEILING
        }
    );
    let at_ceiling = arrays(ParseOptions::MAX_DEPTH_CEILING, "");
    assert!(
        json::parse(
            &at_ceiling,
            &ParseOptions {
                max_depth: usize::MAX
            }
        )
        .is_ok()
    );
}

/// Issue: limits were taken whatever their value, and arithmetic on them
/// could wrap. Each limit out of its range is refused, with which one.
#[test]
fn limits_outside_their_range_are_refused() {
    let refused = [
        (
            Limits {
                max_depth: Limits::MAX_DEPTH_CEILING + 1,
                ..Limits::default()
            },
            LimitError::MaxDepth {
                given: Limits::MAX_DEPTH_CEILING + 1,
                ceiling: Limits::MAX_DEPTH_CEILING,
            },
        ),
        (
            Limits {
                max_depth: usize::MAX,
                ..Limits::default()
            },
            LimitError::MaxDepth {
                given: usize::MAX,
                ceiling: Limits::MAX_DEPTH_CEILING,
            },
        ),
        (
            Limits {
                max_input_bytes: usize::MAX,
                ..Limits::default()
            },
            LimitError::MaxInputBytes {
                given: usize::MAX,
                ceiling: Limits::MAX_INPUT_BYTES_CEILING,
            },
        ),
        (
            Limits {
                max_input_bytes: 0,
                ..Limits::default()
            },
            LimitError::MaxInputBytes {
                given: 0,
                ceiling: Limits::MAX_INPUT_BYTES_CEILING,
            },
        ),
        (
            Limits {
                max_issues: 0,
                ..Limits::default()
            },
            LimitError::MaxIssues {
                given: 0,
                ceiling: Limits::MAX_ISSUES_CEILING,
            },
        ),
        (
            Limits {
                max_issues: usize::MAX,
                ..Limits::default()
            },
            LimitError::MaxIssues {
                given: usize::MAX,
                ceiling: Limits::MAX_ISSUES_CEILING,
            },
        ),
    ];
    for (limits, error) in refused {
        assert_eq!(Checker::with_limits(limits).unwrap_err(), error);
        assert!(!error.to_string().is_empty());
    }
    assert!(Checker::with_limits(Limits::default()).is_ok());
    let _ = largest();
}

/// Issue: one 1 MiB line listing the same OIDC ARN many times gave a 20 MB
/// report. Changes are capped like errors, and the report says so.
#[test]
fn changes_are_capped_like_errors() {
    let arn = "\"arn:aws:iam::123456789012:oidc-provider/example.com\"";
    let arns = vec![arn; 15_000].join(",");
    let input = format!(
        r#"{{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"OpenIdConnectProviderARNs":[{arns}]}}"#
    );
    let checker = Checker::new();
    let report = checker.check("CreateIdentityPool", &input).unwrap();
    assert_eq!(report.changes.len(), checker.limits().max_issues);
    assert!(report.truncated);
    assert!(report.to_json().len() < input.len());
    // The canonical form is complete all the same: one ARN left.
    let normalized = report.normalized.unwrap();
    let normalized = normalized.value();
    let kept = normalized.get("OpenIdConnectProviderARNs").unwrap();
    assert_eq!(kept.as_array().unwrap().len(), 1);
    // Under the cap nothing is cut.
    let few = format!(
        r#"{{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"OpenIdConnectProviderARNs":[{arn},{arn}]}}"#
    );
    let report = checker.check("CreateIdentityPool", &few).unwrap();
    assert_eq!(report.changes.len(), 1);
    assert!(!report.truncated);
}

/// Issue: an unknown target name was echoed whole (a 100 MB name gave a
/// 100 MB message). It is cut as other echoed values are.
#[test]
fn an_unknown_target_name_is_echoed_cut() {
    let name = "X".repeat(10 << 20);
    let error = idpool::check(&name, "{}").unwrap_err();
    let limit = idpool::constraint::MAX_RENDERED_CHARS;
    assert_eq!(error.name.len(), limit + 3);
    assert!(error.name.ends_with("..."));
    assert!(error.to_string().len() < limit + 200);
    // A short name is kept whole, with the suggestion.
    let error = idpool::check("createidentitypool", "{}").unwrap_err();
    assert_eq!(error.name, "createidentitypool");
    assert_eq!(error.suggestion, Some("CreateIdentityPool"));
}
