//! The layering of docs/architecture.md, checked by `scripts/layers.py` (no import cycle,
//! imports only downward, `render` on reports only, file access only in `vault` and `write`, clap
//! only in `cli` and `config`, commands as short wiring).

use std::process::Command;

#[test]
fn the_layers_hold() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/layers.py");
    let output = match Command::new("python3").arg(script).output() {
        Ok(output) => output,
        Err(e) => panic!("python3 is needed to check the layers ({script}): {e}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("1. import cycles: 0"), "{stdout}");
}
