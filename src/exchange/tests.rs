//! Round trips and the bad-file corpus.

use super::csv::{indicators_csv, parse_indicators_csv, summary_csv, table_csv, CsvError};
use super::json::*;
use super::plan::{actions, align_same_documents, apply, plan, Action, Choice, DocKind, Newer};
use super::*;
use crate::model::{Evaluation, IndicatorKind, QualitativeTier, TemplateId, Workspace};
use crate::rules::num::fmt2;
use crate::samples::{department_sample, SAMPLES};
use rust_decimal::Decimal;

fn samples() -> Vec<Evaluation> {
    SAMPLES.iter().map(|s| s.build()).collect()
}

fn full_envelope() -> Envelope {
    let mut evals = samples();
    // exercise every optional field
    evals[0].indicators[0].kind_override = Some(IndicatorKind::Qualitative);
    evals[0].indicators[0].tier = Some(QualitativeTier::Achieved);
    evals[0].updated_at = 1_700_000_000_123;
    Envelope::new(evals, vec![department_sample()], 1_700_000_000_000)
}

#[test]
fn json_round_trip_is_lossless() {
    let env = full_envelope();
    let text = export_json(&env);
    let back = parse_export(text.as_bytes()).expect("parse");
    assert_eq!(back, env);
    assert!(text.contains("\"type\": \"ziping-export\""));
    assert!(text.contains("\"format_version\": 1"));
    assert!(text.contains(&format!("\"app_version\": \"{APP_VERSION}\"")));
}

/// Files written by earlier versions import unchanged into this one (keep every version's fixture).
#[test]
fn old_version_fixtures_still_import() {
    let v1 = include_bytes!("../../tests/fixtures/v1/seed_samples.json");
    let env = parse_export(v1).expect("v1 fixture");
    assert_eq!(env.format_version, 1);
    // the samples as they were when the fixture was written: the printed 执行率 and 总分 and the
    // department's 部门主要职责 were entered later
    let then: Vec<_> = samples()
        .into_iter()
        .map(|mut e| {
            e.funds.claimed_rate.clear();
            e.claimed_total.clear();
            e
        })
        .collect();
    assert_eq!(env.evaluations, then);
    let mut dept_then = department_sample();
    dept_then.profile.clear(); // 部门主要职责 came with the Word report
    assert_eq!(env.departments, vec![dept_then]);
    let totals: Vec<String> = env
        .evaluations
        .iter()
        .map(|e| crate::rules::num::fmt2(crate::rules::assess(e).total))
        .collect();
    assert_eq!(totals, ["88.00", "87.00", "80.00", "89.00"]);
}

#[test]
fn bad_files_are_rejected_with_their_message() {
    let good = export_json(&full_envelope());
    let truncated = &good[..good.len() / 2];
    let huge = "[".repeat(200) + &"]".repeat(200);
    let too_big = vec![b' '; 65 * 1024 * 1024];
    let newer = good.replace("\"format_version\": 1", "\"format_version\": 7");
    let wrong_type = good.replace("\"weight\": \"10\"", "\"weight\": 10");
    let huge_number = good.replace("\"exported_at\": 1700000000000", "\"exported_at\": 1e400");
    let negative_time = good.replace("\"exported_at\": 1700000000000", "\"exported_at\": -5");
    let big_int = good.replace(
        "\"exported_at\": 1700000000000",
        "\"exported_at\": 79228162514264337593543950336",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in good.encode_utf16().take(100) {
        utf16.extend(u.to_le_bytes());
    }
    let gbk: Vec<u8> = [
        b"{\"type\":\"".as_slice(),
        &[0xC9, 0xCC, 0xCE, 0xF1],
        b"\"}",
    ]
    .concat();
    let dup = good.replacen(
        "\"id\": \"sample-zhaoshang\"",
        "\"id\": \"sample-sheling\"",
        1,
    );
    let unknown_field = good.replacen("\"exported_at\"", "\"surprise\": 1, \"exported_at\"", 1);
    let bad_variant = good.replacen("\"level2\": \"Quantity\"", "\"level2\": \"数量\"", 1);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "空的"),
        ("blank", b"  \n ".to_vec(), "空的"),
        ("truncated", truncated.as_bytes().to_vec(), "第"),
        ("not json", b"hello".to_vec(), "语法错误"),
        ("array", b"[]".to_vec(), "不是绩效自评导出"),
        (
            "other type",
            b"{\"type\":\"excalidraw\"}".to_vec(),
            "excalidraw",
        ),
        ("no type", b"{\"a\":1}".to_vec(), "缺少 type"),
        ("deep nesting", huge.as_bytes().to_vec(), "语法错误"),
        ("65 MB", too_big, "文件过大"),
        ("newer version", newer.into_bytes(), "格式版本7"),
        (
            "wrong type",
            wrong_type.into_bytes(),
            "evaluations[0].funds.weight",
        ),
        ("huge number", huge_number.into_bytes(), "第"),
        ("negative time", negative_time.into_bytes(), "exported_at"),
        ("big int", big_int.into_bytes(), "exported_at"),
        ("utf-16", utf16, "UTF-16"),
        ("gbk", gbk, "GBK"),
        ("duplicate ids", dup.into_bytes(), "编号相同"),
        ("unknown top field", unknown_field.into_bytes(), "surprise"),
        ("bad enum", bad_variant.into_bytes(), "level2"),
    ];
    for (name, bytes, needle) in cases {
        match parse_export(&bytes) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => {
                let m = e.message_zh();
                assert!(m.contains(needle), "{name}: {m}");
                assert_english(name, &e.message(crate::i18n::Lang::En));
            }
        }
    }
}

#[test]
fn syntax_errors_say_line_and_column() {
    let text = "{\n  \"type\": \"ziping-export\",\n  \"format_version\": 1,\n  oops\n}";
    match parse_export(text.as_bytes()) {
        Err(ImportError::Syntax { line, column, .. }) => assert_eq!((line, column), (4, 3)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_utf8_bom_is_accepted() {
    let text = format!("\u{feff}{}", export_json(&full_envelope()));
    assert_eq!(parse_export(text.as_bytes()).expect("bom"), full_envelope());
}

#[test]
fn import_plan_never_overwrites_silently() {
    let mut ws = Workspace {
        evaluations: samples(),
        ..Workspace::default()
    };
    ws.evaluations[1].updated_at = 500;
    let mut incoming = samples();
    incoming[1].updated_at = 900;
    incoming[1].funds.claimed = "10".into();
    incoming.truncate(2);
    let mut new_one = samples()[2].clone();
    new_one.id = "fresh".into();
    incoming.push(new_one);
    let env = Envelope::new(incoming, vec![department_sample()], 1);
    let p = plan(&ws, &env);
    assert_eq!(p.len(), 4);
    assert_eq!(p[0].conflict.as_ref().map(|c| c.newer), Some(Newer::Same));
    assert_eq!(
        p[1].conflict.as_ref().map(|c| c.newer),
        Some(Newer::Incoming)
    );
    assert!(p[2].conflict.is_none());
    assert_eq!(p[3].kind, DocKind::Department);
    assert!(p[3].conflict.is_none());

    // skip the first, replace the second, add the new one and the department
    let taken = |id: &str| ws.contains(id);
    let acts = actions(
        env.clone(),
        &[
            Choice::Skip,
            Choice::Replace,
            Choice::Replace,
            Choice::Replace,
        ],
        taken,
    );
    assert!(matches!(&acts[0], Action::ReplaceProject(e) if e.id == "sample-zhaoshang"));
    let mut after = ws.clone();
    apply(&mut after, acts);
    assert_eq!(after.evaluations.len(), 5);
    assert_eq!(
        after
            .get("sample-zhaoshang")
            .map(|e| e.funds.claimed.as_str()),
        Some("10")
    );
    assert_eq!(after.departments.len(), 1);

    // keep both: the copy gets a fresh id, rows renumbered, the original untouched
    let taken = |id: &str| ws.contains(id);
    let acts = actions(
        env,
        &[Choice::KeepBoth, Choice::Skip, Choice::Skip, Choice::Skip],
        taken,
    );
    let mut after = ws.clone();
    apply(&mut after, acts);
    assert_eq!(after.evaluations.len(), 5);
    let copy = after.get("sample-sheling-copy2").expect("copy");
    assert!(copy
        .indicators
        .iter()
        .all(|r| r.id.starts_with("sample-sheling-copy2-r")));
    assert_eq!(after.get("sample-sheling"), ws.get("sample-sheling"));
}

#[test]
fn csv_round_trip_restores_the_evaluations() {
    let env = full_envelope();
    let text = indicators_csv(&env.evaluations);
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("\r\n"));
    let back = parse_indicators_csv(text.as_bytes()).expect("csv");
    assert_eq!(back, env.evaluations);
    // a form without indicators survives too
    let mut bare = samples()[0].clone();
    bare.indicators.clear();
    let back = parse_indicators_csv(indicators_csv([&bare]).as_bytes()).expect("csv");
    assert_eq!(back, vec![bare]);
}

#[test]
fn csv_cells_are_safe_and_excel_friendly() {
    let mut e = samples()[0].clone();
    e.project_name = "=HYPERLINK(\"http://x\")".into();
    e.implementing_unit = "+1".into();
    e.sign_off.preparer = "@SUM(A1)".into();
    e.goal.expected = "-开头的文字".into();
    e.goal.achieved = "\t制表符".into();
    e.sign_off.date = "'已带引号".into();
    e.sign_off.phone = "07345551234".into();
    e.indicators[0].weight = "50".into();
    e.indicators[0].claimed = "-5".into();
    e.indicators[0].reason = "多行\n说明，含逗号和\"引号\"".into();
    let text = indicators_csv([&e]);
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("header").clone();
    let row = reader.records().next().expect("row").expect("record");
    let col = |name: &str| {
        row.get(header.iter().position(|h| h == name).expect(name))
            .expect("cell")
            .to_string()
    };
    assert_eq!(col("项目名称"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(col("实施单位"), "'+1");
    assert_eq!(col("填表人"), "'@SUM(A1)");
    assert_eq!(col("预期目标"), "'-开头的文字");
    assert_eq!(col("实际完成情况"), "'\t制表符");
    assert_eq!(col("联系电话"), "=\"07345551234\"");
    assert_eq!(col("分值"), "50");
    assert_eq!(col("自评得分"), "-5");
    assert_eq!(
        col("偏差原因分析及改进措施"),
        "多行\n说明，含逗号和\"引号\""
    );
    // and it all comes back as typed
    let back = parse_indicators_csv(text.as_bytes()).expect("csv");
    assert_eq!(back, vec![e]);
}

#[test]
fn summary_csv_has_one_row_per_evaluation_with_plain_numbers() {
    let text = summary_csv(&samples());
    let body = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("项目名称,主管部门,实施单位,年度,全年预算数（万元）"));
    assert_eq!(
        lines[2],
        "招商引资,衡山县商务和粮食局,衡山县投资促进事务中心,2022,119.34,119.34,100.00,7.00,45.00,25.00,10.00,87.00,98.00,良,5,5"
    );
}

#[test]
fn bad_csv_files_are_rejected_with_their_message() {
    let good = indicators_csv(&samples());
    let missing = good.replacen("指标编号", "指标号", 1);
    let bad_level = good.replacen(",数量指标,", ",产量指标,", 1);
    let ragged = format!("{good}x,y\r\n");
    let gbk: Vec<u8> = [b"a,b\r\n".as_slice(), &[0xC9, 0xCC], b",1\r\n"].concat();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "空的"),
        ("missing column", missing.into_bytes(), "指标编号"),
        ("bad level2", bad_level.into_bytes(), "二级指标"),
        ("ragged", ragged.into_bytes(), "列"),
        ("gbk", gbk, "CSV UTF-8"),
        (
            "header only",
            super::csv::INDICATOR_HEADER.join(",").into_bytes(),
            "空的",
        ),
    ];
    for (name, bytes, needle) in cases {
        match parse_indicators_csv(&bytes) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => {
                let m = e.message_zh();
                assert!(m.contains(needle), "{name}: {m}");
                assert_english(name, &e.message(crate::i18n::Lang::En));
            }
        }
    }
    assert_eq!(parse_indicators_csv(b""), Err(CsvError::Empty));
}

#[test]
fn file_names_a_person_understands() {
    assert_eq!(
        file_name(
            &["2022", "衡山县商务和粮食局", "招商引资"],
            "绩效自评",
            "json"
        ),
        "2022_衡山县商务和粮食局_招商引资_绩效自评.json"
    );
    assert_eq!(
        file_name(&["2022", "", "a/b:c"], "绩效自评", "csv"),
        "2022_a－b－c_绩效自评.csv"
    );
}

/// An English message has no Chinese but what it quotes (“…”: the file's own words, the names
/// of the form's columns and terms, which the file must use as they are).
fn assert_english(name: &str, m: &str) {
    let mut quoted = false;
    let mut outside = String::new();
    for c in m.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => outside.push(c),
            _ => {}
        }
    }
    let cjk =
        |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let stray: String = outside.chars().filter(|c| cjk(*c)).collect();
    let allowed =
        "数量质时效成本经济社会生态可持续影响服务对象满意度、自动正向反向等于定性或不适用";
    assert!(
        stray.chars().all(|c| allowed.contains(c)),
        "{name}: Chinese in the English message: {m}"
    );
    assert!(m.chars().any(|c| c.is_ascii_alphabetic()), "{name}: {m}");
}

/// The refused field is named in a large file too: the first fault of the document, found by
/// cutting it short (json::culprit_path), not by a path-tracking deserialiser.
#[test]
fn the_first_faulty_field_is_named_in_a_large_file() {
    let one = full_envelope().evaluations.remove(0);
    let mut evaluations = Vec::new();
    for i in 0..300 {
        let mut e = one.clone();
        e.id = format!("e{i}");
        evaluations.push(e);
    }
    let env = Envelope::new(evaluations, Vec::new(), 1_700_000_000_000);
    let mut value: serde_json::Value = serde_json::from_str(&export_json(&env)).expect("json");
    // two faults: the first one met is reported
    value["evaluations"][217]["indicators"][1]["weight"] = serde_json::json!(5);
    value["evaluations"][250]["year"] = serde_json::json!(2022);
    let text = serde_json::to_string(&value).expect("text");
    let e = parse_export(text.as_bytes()).expect_err("refused");
    let m = e.message_zh();
    assert!(m.contains("evaluations[217].indicators[1].weight"), "{m}");
    assert!(m.contains("expected a string"), "{m}");
}

#[test]
fn the_same_project_under_another_id_is_offered_as_a_replacement() {
    let ws = Workspace {
        evaluations: samples(),
        departments: vec![department_sample()],
        ..Workspace::default()
    };
    let stored = ws.evaluations[0].clone();
    // retyped elsewhere: another id, spaces in the name, a newer edit
    let mut retyped = stored.clone();
    retyped.id = "e-from-excel".into();
    retyped.project_name = format!(" {} ", stored.project_name.replace("", " ").trim());
    retyped.funds.claimed = "9".into();
    retyped.updated_at = stored.updated_at + 1;
    // sent twice in one file: only the first takes the stored form's place
    let mut again = retyped.clone();
    again.id = "e-again".into();
    // a form with no name is never matched by content
    let mut unnamed = Evaluation::new_blank("e-blank".into(), stored.year.clone(), 1);
    unnamed.department = stored.department.clone();
    let mut dept = department_sample();
    dept.id = "d-other".into();
    let env = Envelope::new(vec![retyped, again, unnamed], vec![dept], 1);
    let env = align_same_documents(&ws, env);
    assert_eq!(env.evaluations[0].id, stored.id);
    assert_eq!(env.evaluations[1].id, "e-again");
    assert_eq!(env.evaluations[2].id, "e-blank");
    assert_eq!(env.departments[0].id, ws.departments[0].id);

    let p = plan(&ws, &env);
    assert_eq!(
        p[0].conflict.as_ref().map(|c| c.newer),
        Some(Newer::Incoming),
        "shown as the same form, the file's copy newer"
    );
    assert!(p[1].conflict.is_none() && p[2].conflict.is_none());
    assert!(
        p[3].conflict.is_some(),
        "the department-year is stored already"
    );

    let acts = actions(
        env,
        &[Choice::Replace, Choice::Skip, Choice::Skip, Choice::Skip],
        |id| ws.contains(id),
    );
    let mut after = ws.clone();
    apply(&mut after, acts);
    assert_eq!(
        after.evaluations.len(),
        ws.evaluations.len(),
        "no duplicate"
    );
    assert_eq!(
        after.get(&stored.id).map(|e| e.funds.claimed.as_str()),
        Some("9")
    );
}

#[test]
fn county_csv_has_plain_numbers_and_neutralised_names() {
    use crate::summary::county::{county, FormFilter, SortKey};
    use crate::summary::table::county_table;
    let mut rows: Vec<_> = SAMPLES
        .iter()
        .map(|s| crate::summary::summary_row(&s.build()))
        .collect();
    rows[3].department = "=HYPERLINK(\"x\")".into();
    let c = county(
        &rows,
        &[],
        "2022",
        FormFilter::All,
        "",
        SortKey::Department,
        false,
    );
    let text = table_csv(&county_table(&c, None));
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("主管部门,项目自评表（份）,部门整体自评表,全年预算数（万元）"));
    assert_eq!(
        lines[1],
        "\"'=HYPERLINK(\"\"x\"\")\",1,无,50.82,50.82,100.00,89.00,89.00,0,1,0,0,1,4,0,0,4／4"
    );
    assert!(lines[2].starts_with("衡山县商务和粮食局,3,无,785.93,785.93,100.00,85.00,81.06,"));
    assert!(lines[3].starts_with("全县合计（2个部门）,4,,"));
}

#[test]
fn format_version_2_carries_the_review_and_version_1_files_import_unchanged() {
    let v2 = include_bytes!("../../tests/fixtures/v2/reviewed.json");
    let env = parse_export(v2).unwrap();
    assert_eq!(env.format_version, 2);
    let z = env
        .evaluations
        .iter()
        .find(|e| e.id == "sample-zhaoshang")
        .unwrap();
    assert!(z.review.done);
    assert_eq!(z.review.reviewer, "县财政局绩效股 李明");
    assert_eq!(z.indicators[2].review.score, "8");
    // a reviewed form exports as version 2 and reads back the same
    let again = Envelope::new(env.evaluations.clone(), env.departments.clone(), 1);
    assert_eq!(again.format_version, 2);
    let back = parse_export(export_json(&again).as_bytes()).unwrap();
    assert_eq!(back.evaluations, env.evaluations);

    // version 1: the same documents as before, written back as version 1
    let v1 = include_bytes!("../../tests/fixtures/v1/seed_samples.json");
    let old = parse_export(v1).unwrap();
    assert!(old.evaluations.iter().all(|e| !e.has_review()));
    let written = Envelope::new(old.evaluations.clone(), old.departments.clone(), 1);
    assert_eq!(written.format_version, 1);
    let text = export_json(&written);
    assert!(!text.contains("\"review\""));
    assert_eq!(
        parse_export(text.as_bytes()).unwrap().evaluations,
        old.evaluations
    );

    // a version 1 file had no review: a key of that name in it is not read as one
    let mut hand_edited: serde_json::Value = serde_json::from_slice(v2).unwrap();
    hand_edited["format_version"] = 1.into();
    let env = parse_export(hand_edited.to_string().as_bytes()).unwrap();
    assert!(env.evaluations.iter().all(|e| !e.has_review()));
    // a newer version than this build reads is refused, as before
    hand_edited["format_version"] = 4.into();
    assert_eq!(
        parse_export(hand_edited.to_string().as_bytes()),
        Err(ImportError::NewerVersion(4))
    );
}

#[test]
fn format_version_3_carries_the_template_and_older_files_are_mof_forms() {
    let v3 = include_bytes!("../../tests/fixtures/v3/templates.json");
    let env = parse_export(v3).unwrap();
    assert_eq!(env.format_version, 3);
    let by_name = |n: &str| {
        env.evaluations
            .iter()
            .find(|e| e.project_name == n)
            .unwrap()
            .clone()
    };
    let hubei = by_name("农田水利设施维修养护");
    assert_eq!(hubei.template, TemplateId::Hubei2020);
    // the 湖北 rules: 20 × 95 % = 19; 反向 20 × 3 / 4 = 15 (docs/TEMPLATES.md)
    let a = crate::rules::assess(&hubei);
    assert_eq!(a.execution.rule_score, Some(Decimal::new(19, 0)));
    assert_eq!(fmt2(a.total), "84.44");
    assert_eq!(by_name("农村公路养护").template, TemplateId::SplitTarget);
    // one form of each template but the default, every field of theirs read
    let templates: Vec<TemplateId> = env.evaluations.iter().map(|e| e.template).collect();
    assert_eq!(templates, TemplateId::ALL[1..]);
    let cq = env
        .evaluations
        .iter()
        .find(|e| e.id == "v3-chongqing")
        .unwrap();
    assert!(cq.indicators[4].core);
    assert_eq!(cq.indicators[5].adjusted_target, "40");
    let dept = env.evaluations.iter().find(|e| e.id == "v3-dept").unwrap();
    assert_eq!(dept.funds.basic.executed, "915.76");
    assert_eq!(dept.funds.general_budget.annual_budget, "2500");
    let framework = env
        .evaluations
        .iter()
        .find(|e| e.id == "v3-framework")
        .unwrap();
    assert_eq!(framework.level1_weights.performance, "45");
    // written back as version 3, read back the same
    let again = Envelope::new(env.evaluations.clone(), env.departments.clone(), 1);
    assert_eq!(again.format_version, 3);
    let back = parse_export(export_json(&again).as_bytes()).unwrap();
    assert_eq!(back.evaluations, env.evaluations);
    // a version 2 file had no templates: a stray key does not change how a form scores
    let mut older: serde_json::Value = serde_json::from_slice(v3).unwrap();
    older["format_version"] = 2.into();
    let env = parse_export(older.to_string().as_bytes()).unwrap();
    assert!(env.evaluations.iter().all(|e| e.template.is_default()));
    // nor the fields the templates added: other fund rows, department weights, 调整指标值, 核心
    for e in &env.evaluations {
        assert!(
            e.funds.basic.is_blank() && e.funds.fiscal.is_blank(),
            "{}",
            e.id
        );
        assert!(e.level1_weights.performance.is_empty(), "{}", e.id);
        assert!(
            e.indicators
                .iter()
                .all(|r| !r.core && r.adjusted_target.is_empty()),
            "{}",
            e.id
        );
    }
    // a form of the MOF 2020 form is still written as version 1 until it uses such a field
    let mut mof = crate::samples::SAMPLES[1].build();
    assert_eq!(
        Envelope::new(vec![mof.clone()], Vec::new(), 1).format_version,
        1
    );
    mof.indicators[0].core = true;
    assert_eq!(Envelope::new(vec![mof], Vec::new(), 1).format_version, 3);
    // a template this build does not know is refused with where it is, not scored by other rules
    let mut future: serde_json::Value = serde_json::from_slice(v3).unwrap();
    future["evaluations"][0]["template"] = "guangxi2031".into();
    match parse_export(future.to_string().as_bytes()) {
        Err(ImportError::Shape { path, .. }) => assert!(path.contains("template"), "{path}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_indicator_csv_carries_every_templates_fields_and_only_the_columns_used() {
    let v3 = include_bytes!("../../tests/fixtures/v3/templates.json");
    let env = parse_export(v3).unwrap();
    // each form of each template back unchanged, ids, times and all
    let text = indicators_csv(&env.evaluations);
    let header = text.lines().next().unwrap_or_default();
    for column in [
        "表样",
        "一般公共预算·全年预算数",
        "基本支出·全年执行数",
        "财政资金·年初预算数",
        "部门决策分值",
        "调整指标值",
        "是否核心指标",
    ] {
        assert!(header.contains(column), "{column} in {header}");
    }
    let back = parse_indicators_csv(text.as_bytes()).expect("csv");
    assert_eq!(back, env.evaluations);
    // a file of MOF 2020 forms has none of the other templates' columns
    let samples: Vec<Evaluation> = crate::samples::SAMPLES.iter().map(|s| s.build()).collect();
    let plain = indicators_csv(&samples);
    let header = plain.lines().next().unwrap_or_default();
    assert!(header.ends_with("格式版本,表样"), "{header}");
    assert_eq!(
        parse_indicators_csv(plain.as_bytes()).expect("csv"),
        samples
    );
}

#[test]
fn the_csv_of_templated_forms_says_so_and_a_newer_one_is_refused() {
    let v3 = include_bytes!("../../tests/fixtures/v3/templates.json");
    let env = parse_export(v3).unwrap();
    let text = indicators_csv(&env.evaluations);
    // every row of a templated form is written as version 2
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let column = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "格式版本")
        .expect("格式版本");
    let versions: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[column].to_string())
        .collect();
    assert!(versions.iter().all(|v| v == "2"), "{versions:?}");
    // a version 3 file (from a later ziping) is refused with its line, never half-read
    let newer = text.replace(",2,hubei2020", ",3,hubei2020");
    match parse_indicators_csv(newer.as_bytes()) {
        Err(CsvError::Value { column, .. }) => assert_eq!(column, "格式版本"),
        other => panic!("{other:?}"),
    }
    // the 汇总表 CSV lists the projects, not the department's own forms
    let summary = summary_csv(&env.evaluations);
    assert_eq!(summary.lines().count(), 1 + 3, "{summary}");
    assert!(!summary.contains("部门整体"), "{summary}");
}
