//! Runs `check` in a loop, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile_check 2000`
//! checks the bundled pool; `profile_check N FILE TARGET` checks the JSON
//! text in FILE against TARGET (an operation or shape name).
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let input = match args.next() {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
        None => include_str!("../../examples/create-identity-pool.json").to_string(),
    };
    let target = args
        .next()
        .unwrap_or_else(|| "CreateIdentityPool".to_string());
    let mut bytes = 0;
    for _ in 0..n {
        bytes += idpool::check(&target, &input).unwrap().to_json().len();
    }
    println!("{n} checks, {bytes} report bytes");
}
