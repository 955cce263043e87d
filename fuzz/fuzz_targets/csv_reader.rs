//! Fuzzes the spreadsheet path: decoding, CSV parsing, mapping detection and dataset building.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rankscope::io::csv::{detect_delimiter, parse};
use rankscope::io::mapping::detect;
use rankscope::io::tabular::{Sheet, build, headers};
use rankscope::io::text::decode;

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    let rows = parse(&decoded.text, detect_delimiter(&decoded.text));
    if let Some((header_row, fields)) = headers(&rows) {
        let sample: Vec<Vec<String>> = rows.iter().skip(header_row + 1).take(50).map(|r| r.fields.clone()).collect();
        let mapping = detect(&fields, &sample);
        let sheet = Sheet { name: "fuzz.csv".into(), rows: &rows, year: Some(2023) };
        let _ = build(&[sheet], &mapping, "fuzz");
    }
});
