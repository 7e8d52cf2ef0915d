//! Property tests: the recogniser and the file readers never panic, whatever they are given,
//! and what they return holds together.
//!
//! `ZIPING_FUZZ_CASES` sets the number of cases of each test (default 1,000,000, as the README's
//! test command runs it). The recogniser gets documents built from the words forms use (labels,
//! headings, operators, look-alike glyphs, numbers, "none" marks) in random shapes, spans and
//! merges. The readers get the LibreOffice-made fixtures mutated three ways: bytes flipped, cut
//! or spliced in the file; the XML inside a .docx or .xlsx changed and re-zipped (which reaches
//! past the zip checks into the XML readers); and text in odd encodings.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::io::{Cursor, Read, Write};
use ziping::import::grid::{Document, SpanCell, SpannedBlock, SpannedDocument};
use ziping::import::recognise;
use ziping::rules::assess;

fn cases() -> u32 {
    std::env::var("ZIPING_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn runner(n: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Words of forms, and things that look like them.
const WORDS: &[&str] = &[
    "项目名称",
    "主管部门",
    "实施单位：",
    "年度",
    "2022年度预算支出绩效自评表",
    "（2023年度）",
    "项目资金（万元）",
    "年初预算数",
    "全年预算数（A）",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "年度资金总额",
    "其中：当年财政拨款",
    "上年结转资金",
    "其他资金",
    "年度财政资金总额",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "年初设定目标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "全年实际值",
    "偏差原因分析及改进措施",
    "未完成原因",
    "指标性质",
    "指标值",
    "度量单位",
    "指标方向",
    "复核分",
    "是否核心指标",
    "权重",
    "产出指标(50分)",
    "效益指标（30分）",
    "满意度指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度",
    "年度绩效目标1（40分）",
    "总分",
    "合计",
    "自评等级",
    "优",
    "填表人：张三",
    "填报日期：2023年8月",
    "联系电话：123",
    "单位负责人签字：李四",
    "注：",
    "备注：",
    "评价结论",
    "指标1：",
    "……",
    "/",
    "无",
    "—",
    "-",
    "─",
    "",
    " ",
    "\u{3000}",
    "≥90%",
    "≧95％",
    "＞＝90%",
    "﹥80%",
    "≮95%",
    "≤10次",
    "﹦100",
    "0起",
    "100%",
    "98%",
    "5个",
    "4个",
    "10",
    "20",
    "30",
    "50",
    "8.5",
    "9.81元",
    "100000万元",
    "-3",
    "1e40",
    "79228162514264337593543950336",
    "达成年度指标",
    "部分达成预期指标",
    "未达成",
    "满意",
    "明显提升",
    "(",
    ")",
    "分",
    "年",
    "\n",
    "\t",
    "=cmd|' /C calc'!A0",
    "<script>",
    "𝟘",
    "\u{200B}",
    "\u{feff}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_string),
        2 => prop::collection::vec(prop::sample::select(WORDS), 1..4).prop_map(|w| w.concat()),
        1 => any::<String>(),
    ]
}

fn cell() -> impl Strategy<Value = SpanCell> {
    (text(), 0usize..4, 0usize..4, any::<bool>(), 0u8..10).prop_map(|(t, r, c, v, big)| {
        let mut cell = SpanCell::new(t);
        cell.rowspan = if big == 0 { 100_000 } else { r.max(1) };
        cell.colspan = if big == 1 { 5_000 } else { c.max(1) };
        cell.continues_above = v && r == 0;
        cell
    })
}

fn block() -> impl Strategy<Value = SpannedBlock> {
    prop_oneof![
        1 => text().prop_map(SpannedBlock::Paragraph),
        3 => prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..12)
            .prop_map(SpannedBlock::Table),
    ]
}

fn document() -> impl Strategy<Value = SpannedDocument> {
    (text(), prop::collection::vec(block(), 0..4))
        .prop_map(|(name, blocks)| SpannedDocument { name, blocks })
}

#[test]
fn the_recogniser_never_panics_and_its_forms_hold_together() {
    let mut runner = runner(cases());
    runner
        .run(&prop::collection::vec(document(), 1..3), |docs| {
            let docs: Vec<Document> = docs
                .into_iter()
                .map(SpannedDocument::into_document)
                .collect();
            for d in &docs {
                for t in d.tables() {
                    prop_assert!(t.rows.len() <= ziping::import::grid::MAX_ROWS);
                    // merged positions point at a cell of their table, up and to the left
                    for (r, row) in t.rows.iter().enumerate() {
                        prop_assert!(row.len() <= ziping::import::grid::MAX_COLS);
                        for (c, cell) in row.iter().enumerate() {
                            if let Some((mr, mc)) = cell.merged_from {
                                prop_assert!(mr <= r && mc <= c && t.cell(mr, mc).is_some());
                            }
                        }
                    }
                }
            }
            let out = recognise(&docs);
            for f in &out.forms {
                let a = assess(&f.evaluation);
                prop_assert_eq!(a.indicators.len(), f.evaluation.indicators.len());
                // ids are unique within a form
                let mut ids: Vec<&str> = f
                    .evaluation
                    .indicators
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                ids.sort();
                ids.dedup();
                prop_assert_eq!(ids.len(), f.evaluation.indicators.len());
                for (i, _) in &f.proposed_weights {
                    prop_assert!(*i < f.evaluation.indicators.len());
                }
                // what is read survives the trip to the page and back
                let json = serde_json::to_string(f).expect("serialise");
                let back: ziping::import::Recognised =
                    serde_json::from_str(&json).expect("read back");
                prop_assert_eq!(&back, f);
            }
            Ok(())
        })
        .expect("recogniser property");
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A zip's entries, to change one and zip them again.
fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(zip)).expect("fixture zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut v = Vec::new();
            f.read_to_end(&mut v).expect("inflate");
            (f.name().map(|n| n.to_string()).unwrap_or_default(), v)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        w.start_file(name.as_str(), opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// Byte-level mutations: flip, cut, splice.
fn mutate(mut bytes: Vec<u8>, at: usize, how: u8, splice: &[u8], byte: u8) -> Vec<u8> {
    if bytes.is_empty() {
        return splice.to_vec();
    }
    let at = at % bytes.len();
    match how % 4 {
        0 => bytes[at] ^= byte | 1,
        1 => bytes.truncate(at),
        2 => {
            bytes.splice(at..at, splice.iter().copied());
        }
        _ => {
            let end = (at + splice.len()).min(bytes.len());
            bytes.splice(at..end, splice.iter().copied());
        }
    }
    bytes
}

const SPLICES: &[&[u8]] = &[
    b"<w:tc>",
    b"</w:tr>",
    b"<w:gridSpan w:val=\"99999\"/>",
    b"<w:vMerge/>",
    b"&amp;",
    b"&#0;",
    b"&bogus;",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<mergeCell ref=\"A1:XFD1048576\"/>",
    b"<![CDATA[x]]>",
    b"\xFF\xFE",
    b"\x00\x00",
    b"PK\x03\x04",
    b"\xD0\xCF\x11\xE0",
    "项目名称\t招商引资\n".as_bytes(),
    b"]]>",
    b"<",
    b"\"",
];

#[test]
fn the_file_readers_never_panic() {
    let xlsx = fixture("mof-standard.xlsx");
    let docx = fixture("mof-standard.docx");
    let xls = fixture("formats.xls");
    let formats = fixture("formats.xlsx");
    let docx_parts = entries(&docx);
    let xlsx_parts = entries(&formats);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("a.xlsx", xlsx),
        ("a.docx", docx),
        ("a.xls", xls),
        ("b.xlsx", formats),
    ];
    let strategy = (
        0u8..6,
        0usize..4,
        any::<usize>(),
        0u8..4,
        prop::sample::select(SPLICES),
        any::<u8>(),
        prop::collection::vec(any::<u8>(), 0..64),
    );
    let mut runner = runner(cases());
    runner
        .run(&strategy, |(kind, which, at, how, splice, byte, noise)| {
            let (name, bytes) = match kind {
                // the file's bytes mutated
                0 | 1 => {
                    let (name, base) = &files[which];
                    (
                        name.to_string(),
                        mutate(base.clone(), at, how, splice, byte),
                    )
                }
                // the XML inside a .docx changed, zipped again
                2 => {
                    let mut parts = docx_parts.clone();
                    let i = parts
                        .iter()
                        .position(|(n, _)| n == "word/document.xml")
                        .unwrap_or(0);
                    let data = std::mem::take(&mut parts[i].1);
                    parts[i].1 = mutate(data, at, how, splice, byte);
                    ("m.docx".to_string(), rezip(&parts))
                }
                // a sheet's XML (or the shared strings, or styles) changed, zipped again
                3 => {
                    let mut parts = xlsx_parts.clone();
                    let targets: Vec<usize> = parts
                        .iter()
                        .enumerate()
                        .filter(|(_, (n, _))| n.ends_with(".xml"))
                        .map(|(i, _)| i)
                        .collect();
                    let i = targets[at % targets.len()];
                    let data = std::mem::take(&mut parts[i].1);
                    parts[i].1 = mutate(data, at / 7, how, splice, byte);
                    ("m.xlsx".to_string(), rezip(&parts))
                }
                // text in whatever encoding
                4 => ("t.txt".to_string(), noise),
                _ => {
                    let mut t = "\t项目名称\n\t招商引资\n\n\t年度资金总额\n\t10\n"
                        .as_bytes()
                        .to_vec();
                    t.extend(noise);
                    ("t.txt".to_string(), t)
                }
            };
            if let Ok(out) = ziping_office::import_file(&name, &bytes) {
                for f in &out.forms {
                    let _ = assess(&f.evaluation);
                }
            }
            Ok(())
        })
        .expect("reader property");
}
