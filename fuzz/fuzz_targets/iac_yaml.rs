//! The template checker's YAML reader (saphyr-parser events, CloudFormation
//! short forms, YAML 1.1 words), and the whole checker on YAML texts: never
//! panics, spans are ordered, and the text report renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = idpool_iac::yaml::read(text) {
        assert!(doc.root.span.start.line >= 1 && doc.root.span.start.column >= 1);
        for issue in &doc.issues {
            assert!(issue.span.start.line >= 1);
        }
    }
    // A leading comment makes the checker read YAML even when the text
    // looks like JSON.
    let yaml = format!("#\n{text}");
    let report = idpool_iac::lint_text("fuzz.yaml", &yaml, &idpool_iac::Options::default());
    assert_eq!(report.ok, report.errors.is_empty());
    let _ = idpool_iac::render::text(std::slice::from_ref(&report));
    let _ = idpool_iac::render::sarif(std::slice::from_ref(&report));
});
