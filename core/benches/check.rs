//! Time per call of idpool's entry points, each beside the floor: bare
//! `serde_json` parsing of the same input. `scripts/bench.sh` turns the
//! results into the table in docs/PERFORMANCE.md.

mod inputs;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn floor(c: &mut Criterion, name: &str, input: &str) {
    c.bench_function(&format!("{name}/serde_json_parse"), |b| {
        b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(black_box(input)).unwrap()))
    });
}

fn check(c: &mut Criterion, name: &str, target: &str, input: &str) {
    floor(c, name, input);
    c.bench_function(&format!("{name}/check"), |b| {
        b.iter(|| black_box(idpool::check(target, black_box(input)).unwrap()))
    });
    c.bench_function(&format!("{name}/check_to_json"), |b| {
        b.iter(|| black_box(idpool::check(target, black_box(input)).unwrap().to_json()))
    });
}

fn benches(c: &mut Criterion) {
    check(c, "pool_small", "CreateIdentityPool", &inputs::small_pool());
    check(
        c,
        "pool_typical",
        "CreateIdentityPool",
        &inputs::typical_pool(),
    );
    check(
        c,
        "pool_maximal",
        "CreateIdentityPool",
        &inputs::maximal_pool(),
    );
    check(
        c,
        "credentials_request",
        "GetCredentialsForIdentity",
        &inputs::credentials_request(),
    );
    for (name, context) in [
        ("resolve_saml", inputs::saml_context()),
        ("resolve_rules25", inputs::rules_context()),
    ] {
        let report = idpool::resolve_credentials(&context);
        assert!(report.ok, "{name}: {:?}", report.errors);
        floor(c, name, &context);
        c.bench_function(&format!("{name}/resolve"), |b| {
            b.iter(|| black_box(idpool::resolve_credentials(black_box(&context))))
        });
    }
}

fn plan(c: &mut Criterion) {
    let current = include_str!("../../examples/describe-identity-pool-output.json");
    let desired = include_str!("../../examples/update-identity-pool.json");
    floor(c, "plan_update", current);
    c.bench_function("plan_update/plan_update", |b| {
        b.iter(|| black_box(idpool::plan_update(black_box(current), black_box(desired))))
    });
}

criterion_group!(all, benches, plan);
criterion_main!(all);
