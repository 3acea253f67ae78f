//! The template checker's positioned JSON reader, and the whole checker on
//! JSON texts (CloudFormation templates and Terraform plans): never panics,
//! every span is ordered and inside the text, and a pointer found by the
//! reader locates back to the same span.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count() as u32;
    if let Ok(doc) = idpool_iac::json::read(text) {
        let span = doc.root.span;
        assert!(span.start <= span.end && span.end.line <= lines);
        if let Some(members) = doc.root.as_object() {
            for member in members {
                let pointer = idpool_iac::tree::child_pointer("", &member.key);
                let at = idpool_iac::pointer_location(text, &pointer, false).expect("a member's pointer resolves");
                assert_eq!((at.line, at.column), (member.value.span.start.line, member.value.span.start.column));
            }
        }
    }
    let report = idpool_iac::lint_text("fuzz.json", text, &idpool_iac::Options::default());
    assert_eq!(report.ok, report.errors.is_empty());
    for issue in report.errors.iter().chain(&report.warnings) {
        if let Some(l) = &issue.location {
            assert!(l.line >= 1 && l.column >= 1 && (l.line, l.column) <= (l.end_line, l.end_column));
        }
    }
});
