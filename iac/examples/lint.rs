//! Print the text report of each path given: `cargo run -p idpool-iac --example lint -- PATH...`
//! (`--region R` first to resolve `AWS::Region`).
fn main() {
    let mut options = idpool_iac::Options::default();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--region") && args.len() > 1 {
        options.region = Some(args[1].clone());
        args.drain(..2);
    }
    for path in args {
        let reports = idpool_iac::lint_path(std::path::Path::new(&path), &options);
        print!("{}", idpool_iac::render::text(&reports));
    }
}
