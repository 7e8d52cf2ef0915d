//! Writes the exports of the built-in samples' department-year (衡山县商务和粮食局 2022: the seed's
//! forms of that department and its department form): `cargo run -p ziping-office --example
//! export -- DIR` writes DIR/samples.xlsx, DIR/report.docx and DIR/forms.docx, to open in an
//! office suite (docs/exports/ shows their pages).

use ziping_office::export::{export, Bundle, Kind, Quiet};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let department = ziping::samples::department_sample();
    let bundle = Bundle {
        evaluations: ziping::samples::SAMPLES
            .iter()
            .map(|s| s.build())
            .filter(|e| e.department == department.department && e.year == department.year)
            .collect(),
        departments: vec![department],
        table: None,
    };
    for (kind, name) in [
        (Kind::Workbook, "samples.xlsx"),
        (Kind::Report, "report.docx"),
        (Kind::FormsDocument, "forms.docx"),
    ] {
        match export(kind, &bundle, &mut Quiet) {
            Ok(bytes) => {
                let path = format!("{dir}/{name}");
                if let Err(e) = std::fs::write(&path, &bytes) {
                    eprintln!("{path}: {e}");
                } else {
                    println!("{path}: {} bytes", bytes.len());
                }
            }
            Err(e) => eprintln!("{name}: {}", e.en()),
        }
    }
}
