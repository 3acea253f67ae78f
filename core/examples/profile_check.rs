//! Runs one benchmark input in a loop, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile_check 2000 [INPUT]`
//! where INPUT is one of the criterion inputs (`core/benches/inputs/`):
//! `typical` (the default), `small`, `maximal`, `credentials` (each through
//! `check` and `Report::to_json`), `saml`, `rules` (credentials resolution)
//! or `plan` (`plan_update` of the bundled examples).

#[allow(dead_code)]
#[path = "../benches/inputs/mod.rs"]
mod inputs;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let name = args.next().unwrap_or_else(|| "typical".to_string());
    let check = |target: &'static str, input: String| {
        move || idpool::check(target, &input).map_or(0, |r| r.to_json().len())
    };
    let resolve = |context: String| move || idpool::resolve_credentials(&context).to_json().len();
    let run: Box<dyn Fn() -> usize> = match name.as_str() {
        "small" => Box::new(check("CreateIdentityPool", inputs::small_pool())),
        "typical" => Box::new(check("CreateIdentityPool", inputs::typical_pool())),
        "maximal" => Box::new(check("CreateIdentityPool", inputs::maximal_pool())),
        "credentials" => Box::new(check(
            "GetCredentialsForIdentity",
            inputs::credentials_request(),
        )),
        "saml" => Box::new(resolve(inputs::saml_context())),
        "rules" => Box::new(resolve(inputs::rules_context())),
        "plan" => Box::new(|| {
            let current = include_str!("../../examples/describe-identity-pool-output.json");
            let desired = include_str!("../../examples/update-identity-pool.json");
            idpool::plan_update(current, desired).to_json().len()
        }),
        other => {
            eprintln!(
                "unknown input {other}: small, typical, maximal, credentials, saml, rules or plan"
            );
            std::process::exit(2);
        }
    };
    let bytes: usize = (0..n).map(|_| run()).sum();
    println!("{n} runs of {name}, {bytes} report bytes");
}
