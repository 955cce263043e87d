//! Fuzzes the path a CSV file takes when opened (`load_csv_bytes`): decoding, the not-text
//! check, header and mapping detection, and the row reader that builds the dataset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rankscope::io::Cancel;
use rankscope::io::import::load_csv_bytes;

fuzz_target!(|data: &[u8]| {
    let _ = load_csv_bytes("fuzz-2023.csv", "fuzz", data.to_vec(), None, None, &Cancel::new());
});
