//! The exports as a real office suite sees them: LibreOffice (headless) opens every kind, prints
//! it to PDF with the expected pages and figures, and recomputes the workbook's formulas to the
//! figures ziping shows — also after a score is edited in the sheet.
//!
//! LibreOffice is installed by the test command (scripts/setup.sh), which sets
//! `ZIPING_REQUIRE_SOFFICE=1`: there a missing `soffice` fails these tests. Run elsewhere without
//! LibreOffice, they say so and check nothing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use ziping::model::{Evaluation, TemplateId};
use ziping::rules::{assess, num::fmt2, num::fmt_pct};
use ziping_office::export::layout::{form_layout, FormLayout};
use ziping_office::export::xlsx::a1;
use ziping_office::export::{export, Bundle, Kind, Quiet};

fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("ZIPING_REQUIRE_SOFFICE").is_none(),
            "LibreOffice (soffice) is required here: run scripts/setup.sh"
        );
        eprintln!("LibreOffice (soffice) not found: the office-suite checks did not run");
    }
    found
}

/// A fresh directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profile/user")).expect("scratch dir");
    // a profile that recomputes every formula of an .xlsx on loading (LibreOffice's default
    // keeps the cached results, which would check nothing)
    std::fs::write(
        dir.join("profile/user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .expect("profile");
    dir
}

/// Converts files with LibreOffice into `dir/out`.
fn convert(soffice: &Path, dir: &Path, to: &str, files: &[PathBuf]) {
    let profile = format!("file://{}", dir.join("profile").display());
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir.join("out"))
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice --convert-to {to}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{}: no page count in {text}", pdf.display()))
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    // a PDF breaks lines and spaces out wide cells: compare without white space
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn forms() -> Vec<Evaluation> {
    ziping::samples::SAMPLES.iter().map(|s| s.build()).collect()
}

fn bundle() -> Bundle {
    Bundle {
        evaluations: forms(),
        departments: vec![ziping::samples::department_sample()],
        table: None,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write export");
    path
}

#[test]
fn every_export_prints_to_pdf_with_its_pages_and_figures() {
    let Some(soffice) = soffice() else { return };
    let dir = scratch("lo-pdf");
    let b = bundle();
    let files = vec![
        write(
            &dir,
            "workbook.xlsx",
            &export(Kind::Workbook, &b, &mut Quiet).expect("xlsx"),
        ),
        write(
            &dir,
            "report.docx",
            &export(Kind::Report, &b, &mut Quiet).expect("report"),
        ),
        write(
            &dir,
            "forms.docx",
            &export(Kind::FormsDocument, &b, &mut Quiet).expect("docx"),
        ),
    ];
    convert(&soffice, &dir, "pdf", &files);
    let out = dir.join("out");

    // the workbook: the 汇总表, each form one page wide and one page tall, the department sheet
    let pdf = out.join("workbook.pdf");
    assert_eq!(
        pdf_pages(&pdf),
        1 + b.evaluations.len() + 1,
        "workbook pages"
    );
    let text = pdf_text(&pdf);
    for e in &b.evaluations {
        let a = assess(e);
        assert!(text.contains(&e.project_name), "{}", e.project_name);
        assert!(
            text.contains(&fmt2(a.total)),
            "{}: total {}",
            e.project_name,
            fmt2(a.total)
        );
    }
    for figure in ["项目支出绩效自评汇总表", "86.00", "第2页，共6页", "293.90%"] {
        assert!(text.contains(figure), "workbook PDF lacks {figure}");
    }

    // the report: its sections and figures, then each form on pages of its own
    let pdf = out.join("report.pdf");
    let pages = pdf_pages(&pdf);
    assert!((6..=30).contains(&pages), "report pages {pages}");
    let text = pdf_text(&pdf);
    for figure in [
        "衡山县商务和粮食局2022年度部门整体支出绩效自评报告",
        "一、单位基本情况",
        "二、预算支出及绩效情况",
        "三、存在的问题及改进措施",
        "四、其他需要说明的情况",
        "年初预算安排收入684.34万元",
        "决算总收入2695.59万元，较预算增加2011.25万元（预决算差异率293.90%）",
        "“三公”经费决算数9.81万元",
        "政府采购支出54.15万元",
        "平均得分86.00分",
        "（1）招商引资项目",
    ] {
        assert!(text.contains(figure), "report PDF lacks {figure}");
    }
    // projects under 50万元 get no paragraph of their own
    assert!(!text.contains("社零工作经费项目："));

    // the forms alone: one form starts each page it begins on
    let pdf = out.join("forms.pdf");
    let pages = pdf_pages(&pdf);
    assert!(
        (b.evaluations.len()..=2 * b.evaluations.len()).contains(&pages),
        "forms pages {pages}"
    );
    let text = pdf_text(&pdf);
    assert_eq!(
        text.matches("2022年度项目支出绩效自评表").count(),
        b.evaluations.len()
    );
    for e in &b.evaluations {
        assert!(
            text.contains(&format!("{}良", fmt2(assess(e).total))),
            "{}",
            e.project_name
        );
    }
}

/// The cells of every sheet of a workbook as LibreOffice shows them after recomputing.
fn recomputed(soffice: &Path, dir: &Path, xlsx: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    // all sheets, as shown (formatted), UTF-8
    convert(
        soffice,
        dir,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        &[xlsx.to_path_buf()],
    );
    let stem = xlsx
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let mut sheets = Vec::new();
    for entry in std::fs::read_dir(dir.join("out")).expect("out dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(sheet) = name
            .strip_prefix(&format!("{stem}-"))
            .and_then(|n| n.strip_suffix(".csv"))
        else {
            continue;
        };
        let mut rows = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .expect("csv");
        for record in reader.records() {
            rows.push(record.expect("row").iter().map(str::to_string).collect());
        }
        sheets.push((sheet.to_string(), rows));
    }
    sheets
}

/// The sheet of form `e`: the one naming the project, or a department form's department, in its
/// header.
fn sheet_of<'a>(
    sheets: &'a [(String, Vec<Vec<String>>)],
    e: &Evaluation,
) -> &'a (String, Vec<Vec<String>>) {
    let named = if e.template.is_department() {
        &e.department
    } else {
        &e.project_name
    };
    sheets
        .iter()
        .find(|(_, rows)| at(rows, (1, 1)) == *named)
        .unwrap_or_else(|| panic!("sheet of {named}"))
}

fn at(rows: &[Vec<String>], (r, c): (u32, u16)) -> String {
    rows.get(r as usize)
        .and_then(|row| row.get(c as usize))
        .cloned()
        .unwrap_or_default()
}

/// Every computed cell of a form's sheet against ziping's figures.
fn check_form(sheet: &str, rows: &[Vec<String>], e: &Evaluation, l: &FormLayout) {
    let a = assess(e);
    let f = &l.figures;
    let rate = a.execution.rate.map(fmt_pct).unwrap_or_default();
    assert_eq!(
        at(rows, f.rate),
        rate,
        "{sheet}: 执行率 at {}",
        a1(f.rate.0, f.rate.1)
    );
    for (l1, w, s) in &f.subtotals {
        let totals = &a
            .level1
            .iter()
            .find(|x| x.level1 == *l1)
            .expect("group")
            .totals;
        assert_eq!(
            at(rows, *w),
            fmt2(totals.weight),
            "{sheet}: 小计 of weights at {}",
            a1(w.0, w.1)
        );
        assert_eq!(
            at(rows, *s),
            fmt2(totals.used),
            "{sheet}: 小计 at {}",
            a1(s.0, s.1)
        );
    }
    if let Some((w, s)) = f.flat_subtotal {
        let weight: rust_decimal::Decimal = a.level1.iter().map(|x| x.totals.weight).sum();
        let used: rust_decimal::Decimal = a.level1.iter().map(|x| x.totals.used).sum();
        assert_eq!(at(rows, w), fmt2(weight), "{sheet}: 小计 of weights");
        assert_eq!(at(rows, s), fmt2(used), "{sheet}: 小计");
    }
    assert_eq!(at(rows, f.total), fmt2(a.total), "{sheet}: 总分");
    assert_eq!(at(rows, f.grade), a.grade.name_zh(), "{sheet}: 等级");
}

/// Replaces the number in one cell of one sheet of an .xlsx (a clerk's edit in the sheet).
fn edit_cell(xlsx: &[u8], sheet_no: usize, cell: &str, value: &str) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{sheet_no}.xml");
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == target {
            let xml = String::from_utf8(data).expect("utf-8");
            let start = xml.find(&format!("<c r=\"{cell}\"")).expect("the cell");
            let v = start + xml[start..].find("<v>").expect("its value") + 3;
            let end = v + xml[v..].find("</v>").expect("value end");
            data = format!("{}{value}{}", &xml[..v], &xml[end..]).into_bytes();
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zout.start_file(name, opts).expect("start");
        zout.write_all(&data).expect("write");
    }
    zout.finish().expect("zip").into_inner()
}

#[test]
fn the_workbook_recomputes_to_zipings_figures_also_after_an_edit() {
    let Some(soffice) = soffice() else { return };
    let b = bundle();
    let bytes = export(Kind::Workbook, &b, &mut Quiet).expect("xlsx");
    let layouts: Vec<FormLayout> = b
        .evaluations
        .iter()
        .map(|e| form_layout(e, &assess(e)))
        .collect();

    let dir = scratch("lo-recalc");
    let xlsx = write(&dir, "forms.xlsx", &bytes);
    let sheets = recomputed(&soffice, &dir, &xlsx);
    assert_eq!(sheets.len(), 1 + b.evaluations.len() + 1, "sheets");
    for (e, l) in b.evaluations.iter().zip(&layouts) {
        let (name, rows) = sheet_of(&sheets, e);
        check_form(name, rows, e, l);
    }
    let (_, summary) = sheets.iter().find(|(n, _)| n == "汇总表").expect("汇总表");
    for (i, e) in b.evaluations.iter().enumerate() {
        assert_eq!(
            at(summary, (2 + i as u32, 11)),
            fmt2(assess(e).total),
            "汇总表 total of {}",
            e.project_name
        );
    }
    assert_eq!(
        at(summary, (2 + b.evaluations.len() as u32, 11)),
        "86.00",
        "汇总表 average"
    );

    // a clerk lowers the first score of 招商引资 (sheet 3: after the 汇总表 and 社零工作经费)
    let k = 1;
    let cell = layouts[k].figures.first_score.expect("a scored row");
    let mut edited = b.evaluations[k].clone();
    edited.indicators[0].claimed = "12".into();
    assert_ne!(assess(&edited).total, assess(&b.evaluations[k]).total);
    let dir = scratch("lo-recalc-edit");
    let xlsx = write(
        &dir,
        "edited.xlsx",
        &edit_cell(&bytes, k + 2, &a1(cell.0, cell.1), "12"),
    );
    let sheets = recomputed(&soffice, &dir, &xlsx);
    let (name, rows) = sheets
        .iter()
        .find(|(n, _)| *n == edited.project_name)
        .expect("sheet");
    check_form(name, rows, &edited, &layouts[k]);
    let (_, summary) = sheets.iter().find(|(n, _)| n == "汇总表").expect("汇总表");
    assert_eq!(
        at(summary, (2 + k as u32, 11)),
        fmt2(assess(&edited).total),
        "汇总表 follows the edit"
    );
}

#[test]
fn the_county_table_opens_in_libreoffice_with_its_figures_and_formats() {
    use ziping::summary::county::{county, FormFilter, SortKey};
    use ziping::summary::table::county_table;
    let Some(soffice) = soffice() else { return };
    let dir = scratch("county-table");
    let rows: Vec<_> = forms().iter().map(ziping::summary::summary_row).collect();
    let c = county(
        &rows,
        &[],
        "2022",
        FormFilter::All,
        "",
        SortKey::Department,
        false,
    );
    let mut table = county_table(&c, Some("全部"));
    // a department name that reads as a formula stays text
    table.rows[0][0] = ziping::summary::table::Cell::Text("=1+1".into());
    let bundle = Bundle {
        table: Some(table),
        ..Bundle::default()
    };
    let bytes = export(Kind::Table, &bundle, &mut Quiet).expect("county workbook");
    let xlsx = write(&dir, "county.xlsx", &bytes);
    let sheets = recomputed(&soffice, &dir, &xlsx);
    assert_eq!(sheets.len(), 1);
    let rows = &sheets[0].1;
    assert_eq!(at(rows, (0, 0)), "2022年度项目支出绩效自评全县汇总表");
    assert_eq!(at(rows, (1, 0)), "主管部门");
    assert_eq!(at(rows, (1, 7)), "预算加权平均分");
    assert_eq!(at(rows, (2, 0)), "=1+1", "text, not a formula");
    let shangwu: Vec<String> = (0..17).map(|c| at(rows, (3, c))).collect();
    assert_eq!(
        shangwu,
        [
            "衡山县商务和粮食局",
            "3",
            "无",
            "785.93",
            "785.93",
            "100.00%",
            "85.00",
            "81.06",
            "0",
            "3",
            "0",
            "0",
            "2",
            "16",
            "1",
            "0",
            "16／23"
        ]
    );
    assert_eq!(at(rows, (4, 0)), "全县合计（2个部门）");
    assert!(at(rows, (6, 0)).starts_with("筛选：全部"));
    convert(&soffice, &dir, "pdf", std::slice::from_ref(&xlsx));
    assert_eq!(pdf_pages(&dir.join("out/county.pdf")), 1);
    assert!(pdf_text(&dir.join("out/county.pdf")).contains("衡山县商务和粮食局"));
}

/// The forms of tests/fixtures/v3, one of each template but the default (湖北 2020: one fund row,
/// no 年初预算数, 20 points; split target; 四川; the department forms T5–T7), in their own layouts
/// (docs/TEMPLATES.md).
#[test]
fn templated_forms_recompute_and_print_in_their_layouts() {
    let Some(soffice) = soffice() else { return };
    let raw = include_bytes!("../../tests/fixtures/v3/templates.json");
    let evaluations = ziping::exchange::json::parse_export(raw)
        .expect("fixture")
        .evaluations;
    let b = Bundle {
        evaluations,
        departments: Vec::new(),
        table: None,
    };
    let bytes = export(Kind::Workbook, &b, &mut Quiet).expect("xlsx");
    let dir = scratch("lo-templates");
    let xlsx = write(&dir, "templates.xlsx", &bytes);
    let sheets = recomputed(&soffice, &dir, &xlsx);
    for e in &b.evaluations {
        let l = form_layout(e, &assess(e));
        let (name, rows) = sheet_of(&sheets, e);
        check_form(name, rows, e, &l);
        let text: String = rows.iter().flatten().cloned().collect::<Vec<_>>().join("|");
        match e.template {
            TemplateId::Hubei2020 => {
                // the 湖北 fund block: 20 × 95 % = 19.00, one row, no 年初预算数; 84.44 良
                assert!(text.contains("预算执行情况"), "{text}");
                assert!(text.contains("年度财政资金总额|"), "{text}");
                assert!(!text.contains("年初预算数"), "{text}");
                assert!(!text.contains("其中：当年财政拨款"), "{text}");
                assert_eq!(at(rows, l.figures.total), "84.44");
                assert!(text.contains("年初目标值（A）"), "{text}");
            }
            TemplateId::SplitTarget => {
                assert!(
                    text.contains("指标性质|指标值|度量单位|实际完成值"),
                    "{text}"
                );
                assert!(text.contains("≥|120|公里|126公里"), "{text}");
                assert_eq!(at(rows, l.figures.total), "100.00");
            }
            TemplateId::Sichuan2023 => {
                // funds by source, 权重, the target split; 99.46 as worked by hand
                assert!(text.contains("其中：财政资金|"), "{text}");
                assert!(text.contains("财政专户管理资金|"), "{text}");
                assert!(text.contains("单位资金|"), "{text}");
                assert!(
                    text.contains("年初预算|调整后预算数|预算执行数|权重|预算执行率|得分"),
                    "{text}"
                );
                assert!(
                    text.contains("指标性质|指标值|度量单位|完成值|权重|得分|未完成原因分析"),
                    "{text}"
                );
                assert_eq!(at(rows, l.figures.rate), "97.89%");
                assert_eq!(at(rows, l.figures.total), "99.46");
            }
            TemplateId::Department => {
                // the department's name, its funds by income and by spending nature
                assert!(text.contains("部门（单位）名称|某县商务和粮食局"), "{text}");
                assert!(text.contains("按收入性质分：一般公共预算|"), "{text}");
                assert!(text.contains("按支出性质分：基本支出|"), "{text}");
                assert!(text.contains("项目支出|"), "{text}");
                assert!(!text.contains("项目名称"), "{text}");
                assert_eq!(at(rows, l.figures.total), "91.06");
            }
            TemplateId::DepartmentFramework => {
                // three groups; no 分值 or 得分 in the fund block (execution is scored as rows)
                for g in ["部门决策", "部门管理", "部门绩效"] {
                    assert!(text.contains(g), "{g}: {text}");
                }
                let fund_head = rows.get(2).map(|r| r.join("|")).unwrap_or_default();
                assert!(fund_head.contains("执行率"), "{fund_head}");
                assert!(!fund_head.contains("分值"), "{fund_head}");
                assert_eq!(at(rows, l.figures.rate), "95.00%");
                assert_eq!(at(rows, l.figures.total), "96.38");
            }
            TemplateId::ChongqingDepartment => {
                // one flat list with the 重庆 columns; 得分系数 as formulas
                assert!(
                    text.contains("指标名称|计量单位|指标性质|年初指标值|调整指标值|全年完成值|得分系数（%）|指标权重（分）|指标得分（分）|是否核心指标|未完成原因"),
                    "{text}"
                );
                assert!(!text.contains("一级指标"), "{text}");
                assert!(
                    text.contains("组织宣传活动次数|次|定量|50|40|43次|100.00%|10|10.00（按规则）"),
                    "{text}"
                );
                assert!(text.contains("|72.74%|2|1.45（按规则）"), "{text}");
                assert_eq!(at(rows, l.figures.rate), "76.00%");
                assert_eq!(at(rows, l.figures.total), "94.61");
            }
            TemplateId::Mof2020 => panic!("the fixture's forms have templates"),
        }
    }
    // on A4, one page each (and the 汇总表)
    convert(&soffice, &dir, "pdf", &[xlsx]);
    let pdf = dir.join("out").join("templates.pdf");
    assert_eq!(pdf_pages(&pdf), 1 + b.evaluations.len(), "pages");
}
