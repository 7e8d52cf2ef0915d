//! The catalogue is complete for the UI: every Chinese string the UI shows goes through it and
//! has an English rendering with the same placeholders.

use super::*;
use crate::model::{
    AccountLine, AssetLine, FundColumn, FundRowKind, IndicatorKind, Level1, Level2,
    ProcurementLine, QualitativeTier, StaffLine, ThreePublicItem,
};
use crate::rules::{assess_department, Grade, Level, RuleId};
use std::collections::HashSet;
use std::path::Path;

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

/// Placeholders of a template: the number of `{}` and the indexes of `{N}`.
fn placeholders(s: &str) -> (usize, Vec<usize>) {
    let mut plain = 0;
    let mut indexed = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(0) => plain += 1,
            Some(close) if after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                indexed.push(after[..close].parse().unwrap_or(usize::MAX))
            }
            _ => {}
        }
        rest = after;
    }
    (plain, indexed)
}

#[test]
fn keys_are_unique_and_translations_keep_their_placeholders() {
    let mut seen = HashSet::new();
    for (zh, en) in catalogue::ENTRIES {
        assert!(seen.insert(*zh), "duplicate key {zh:?}");
        assert!(
            !en.trim().is_empty() || zh.trim().is_empty(),
            "empty English for {zh:?}"
        );
        assert!(
            !has_cjk(en),
            "English for {zh:?} has Chinese characters: {en:?}"
        );
        let (want, _) = placeholders(zh);
        let (plain, mut indexed) = placeholders(en);
        if indexed.is_empty() {
            assert_eq!(plain, want, "placeholders of {zh:?} → {en:?}");
        } else {
            assert_eq!(plain, 0, "{en:?} mixes {{}} and {{N}}");
            indexed.sort_unstable();
            assert_eq!(
                indexed,
                (0..want).collect::<Vec<_>>(),
                "indexes of {zh:?} → {en:?}"
            );
        }
    }
}

/// String literals of a Rust source line with what stands before each.
fn literals(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '"' && (i == 0 || bytes[i - 1] != '\'') {
            let start = i;
            let mut j = i + 1;
            let mut lit = String::new();
            while j < bytes.len() && bytes[j] != '"' {
                if bytes[j] == '\\' && j + 1 < bytes.len() {
                    lit.push(bytes[j]);
                    j += 1;
                }
                lit.push(bytes[j]);
                j += 1;
            }
            let before: String = bytes[..start].iter().collect();
            out.push((lit, before));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Every Chinese literal under src/ui with the text before it on its line.
fn ui_literals() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("src/ui")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable source");
        let mut previous = String::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            // comments, and the self-test panic (a developer's string, not UI)
            if trimmed.starts_with("//") || line.contains("__selftest") {
                continue;
            }
            for (lit, before) in literals(line) {
                if has_cjk(&lit) {
                    let before = if before.trim().is_empty() {
                        previous.clone()
                    } else {
                        before
                    };
                    found.push((format!("{}:{}", path.display(), n + 1), lit, before));
                }
            }
            previous = line.to_string();
        }
    }
    found
}

#[test]
fn every_chinese_string_of_the_ui_goes_through_the_catalogue() {
    let literals = ui_literals();
    assert!(literals.len() > 150, "the scan found the UI's strings");
    let keys: HashSet<&str> = catalogue::ENTRIES.iter().map(|(zh, _)| *zh).collect();
    let mut outside = Vec::new();
    let mut missing = Vec::new();
    for (place, lit, before) in &literals {
        let b = before.trim_end();
        if !(b.ends_with("t(") || b.ends_with("tf(")) {
            outside.push(format!("{place}: {lit:?}"));
        } else if !keys.contains(lit.as_str()) {
            missing.push(format!("{place}: {lit:?}"));
        }
    }
    assert!(
        outside.is_empty(),
        "not through t()/tf():\n{}",
        outside.join("\n")
    );
    assert!(
        missing.is_empty(),
        "not in the catalogue:\n{}",
        missing.join("\n")
    );
}

#[test]
fn domain_labels_shown_by_the_ui_are_in_the_catalogue() {
    let mut labels: Vec<&str> = Vec::new();
    labels.extend(Level1::ALL.map(Level1::name_zh));
    labels.extend(Level2::ALL.map(Level2::name_zh));
    labels.extend(IndicatorKind::ALL.map(IndicatorKind::name_zh));
    labels.extend(QualitativeTier::ALL.map(QualitativeTier::name_zh));
    labels.extend(FundRowKind::ALL.map(FundRowKind::name_zh));
    labels.extend(FundColumn::ALL.map(FundColumn::name_zh));
    labels.extend(AccountLine::ALL.map(AccountLine::name_zh));
    labels.extend(ThreePublicItem::ALL.map(ThreePublicItem::name_zh));
    labels.extend(ProcurementLine::ALL.map(ProcurementLine::name_zh));
    labels.extend(AssetLine::ALL.map(AssetLine::name_zh));
    labels.extend(StaffLine::ALL.map(StaffLine::name_zh));
    labels.extend([Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor].map(Grade::name_zh));
    labels.extend([Level::Error, Level::Warning, Level::Info].map(Level::name_zh));
    labels.push(RuleId::Input.label());
    // what the templates print (docs/TEMPLATES.md)
    for tpl in &crate::templates::TEMPLATES {
        labels.extend([
            tpl.title_zh,
            tpl.funds.heading_zh,
            tpl.funds.budget_zh,
            tpl.funds.executed_zh,
            tpl.funds.weight_zh,
            tpl.funds.rate_zh,
            tpl.funds.score_zh,
            tpl.goal.heading_zh,
            tpl.goal.expected_zh,
            tpl.goal.achieved_zh,
        ]);
        labels.extend(tpl.funds.initial_budget);
        labels.extend(tpl.funds.labels.iter().map(|(_, l)| *l));
        labels.extend(
            tpl.indicators
                .columns
                .iter()
                .map(|c| tpl.indicators.label(*c)),
        );
    }
    let figures = assess_department(&crate::samples::department_sample()).figures;
    assert!(!figures.is_empty());
    labels.extend(figures.iter().map(|f| f.label_zh));
    let missing: Vec<&str> = labels
        .into_iter()
        .filter(|l| tr(Lang::En, l) == *l)
        .collect();
    assert!(missing.is_empty(), "no English for {missing:?}");
    assert_eq!(tr(Lang::Zh, "优"), "优");
}

#[test]
fn templates_fill_in_order_or_by_index_and_never_panic() {
    assert_eq!(
        fill("已从“{}”导入 {} 份。", &[&"a.json", &3]),
        "已从“a.json”导入 3 份。"
    );
    assert_eq!(fill("{1} of {0}", &[&"x", &"y"]), "y of x");
    assert_eq!(fill("{} and {}", &[&1]), "1 and ");
    assert_eq!(fill("{9} {x} {", &[&1]), " {x} {");
    assert_eq!(
        fill("档次区间 [{}, {}{}", &[&"60", &"80", &")"]),
        "档次区间 [60, 80)"
    );
}

#[test]
fn the_language_is_chosen_per_thread_and_remembered_by_code() {
    assert_eq!(Lang::from_code("en"), Some(Lang::En));
    assert_eq!(Lang::from_code(" zh-CN "), Some(Lang::Zh));
    assert_eq!(Lang::from_code("fr"), None);
    set_lang(Lang::En);
    assert_eq!(t("导出JSON"), "Export JSON");
    assert_eq!(
        tf("{}年度", &[&2022]),
        tr(Lang::En, "{}年度").replace("{}", "2022")
    );
    set_lang(Lang::Zh);
    assert_eq!(t("导出JSON"), "导出JSON");
}

/// The page fetches the English catalogue as a file: it is the catalogue.
#[test]
fn the_english_file_is_the_catalogue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ui-en.json");
    let file = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        file,
        super::english_json(),
        "assets/ui-en.json differs from src/i18n/catalogue.rs: run `cargo run -- --assets assets`"
    );
    let read: std::collections::HashMap<String, String> =
        serde_json::from_str(&file).expect("the page reads it");
    assert_eq!(read.len(), catalogue::ENTRIES.len());
}
