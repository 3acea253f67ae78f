//! Runs `check` on the bundled pool in a loop, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile_check 2000`).
fn main() {
    let input = include_str!("../../examples/create-identity-pool.json");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut bytes = 0;
    for _ in 0..n {
        bytes += idpool::check("CreateIdentityPool", input)
            .unwrap()
            .to_json()
            .len();
    }
    println!("{n} checks, {bytes} report bytes");
}
