//! Regenerates the bundled sample: `cargo run --example make_sample`.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/datasets/ccid-top100-sample.json");
    let json = rankscope::io::write_native(&rankscope::sample::generate_sample());
    rankscope::export::write_atomic(&path, |out| out.write_all(json.as_bytes()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
