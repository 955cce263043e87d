//! Fuzzes the workbook reader (`read_workbook_bytes`: .xlsx, .xlsb, .xls, .ods told by their
//! content, the cell budget) and building a dataset from the sheets it gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rankscope::io::excel::read_workbook_bytes;
use rankscope::io::mapping::detect;
use rankscope::io::tabular::{Sheet, build, headers};

fuzz_target!(|data: &[u8]| {
    let Ok(sheets) = read_workbook_bytes("fuzz.xlsx", data, None) else {
        return;
    };
    for sheet in &sheets {
        if let Some((header_row, fields)) = headers(&sheet.rows) {
            let sample: Vec<Vec<String>> =
                sheet.rows.iter().skip(header_row + 1).take(50).map(|r| r.fields.clone()).collect();
            let mapping = detect(&fields, &sample);
            let one = Sheet { name: sheet.name.clone(), rows: &sheet.rows, year: Some(2023) };
            let _ = build(&[one], &mapping, "fuzz");
        }
    }
});
