use super::*;
use crate::model::Evaluation;
use crate::samples::SAMPLES;

fn workspace_of_samples() -> Workspace {
    Workspace {
        evaluations: SAMPLES.iter().map(|s| s.build()).collect(),
        departments: vec![crate::samples::department_sample()],
        trash: Vec::new(),
    }
}

fn save_all(store: &mut MemoryStore, ws: &Workspace) {
    for e in &ws.evaluations {
        save_evaluation(store, e).expect("save");
    }
    for d in &ws.departments {
        save_department(store, d).expect("save");
    }
    let ids: Vec<String> = ws.evaluations.iter().map(|e| e.id.clone()).collect();
    save_index(store, &ids).expect("index");
}

#[test]
fn round_trip_keeps_order_and_content() {
    let mut store = MemoryStore::new();
    let mut ws = workspace_of_samples();
    ws.evaluations.reverse();
    save_all(&mut store, &ws);
    let loaded = load(&mut store).expect("load");
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.workspace, ws);
}

#[test]
fn corrupt_entries_are_kept_aside_never_overwritten() {
    let mut store = MemoryStore::new();
    let ws = workspace_of_samples();
    save_all(&mut store, &ws);
    let bad_key = eval_key("broken");
    store.entries.insert(
        bad_key.clone(),
        "{\"schema_version\":1,\"evaluation\":".into(),
    );
    let future_key = eval_key("future");
    let future = "{\"schema_version\":99,\"evaluation\":{\"id\":\"future\"}}";
    store.entries.insert(future_key.clone(), future.into());
    let shape_key = eval_key("shape");
    store.entries.insert(
        shape_key.clone(),
        "{\"schema_version\":1,\"evaluation\":{\"id\":5}}".into(),
    );

    store
        .entries
        .insert(dept_key("bad"), "{\"schema_version\":1}".into());
    let loaded = load(&mut store).expect("load");
    assert_eq!(loaded.workspace.evaluations.len(), 4);
    assert_eq!(loaded.workspace.departments.len(), 1);
    assert_eq!(loaded.problems.len(), 4);
    for p in &loaded.problems {
        let backup = p.backup_key.clone().expect("backed up");
        assert_eq!(store.entries.get(&backup), store.entries.get(&p.key));
        assert!(p.message_zh().contains("未被覆盖"));
        let en = p.message(crate::i18n::Lang::En);
        assert!(en.contains("not overwritten"), "{en}");
    }
    assert!(loaded
        .problems
        .iter()
        .any(|p| p.key == future_key && p.kind == ProblemKind::FutureVersion(99)));
    // the originals are untouched and a second load reports them again, without new copies
    assert_eq!(
        store.entries.get(&future_key).map(String::as_str),
        Some(future)
    );
    let before = store.entries.len();
    let again = load(&mut store).expect("load");
    assert_eq!(again.problems.len(), 4);
    assert_eq!(store.entries.len(), before);
    let reserved = reserved_ids(&again.problems);
    assert!(reserved.contains(&"broken".to_string()));
    assert!(reserved.contains(&"bad".to_string()));
}

#[test]
fn corrupt_index_falls_back_to_the_entries() {
    let mut store = MemoryStore::new();
    save_all(&mut store, &workspace_of_samples());
    store.entries.insert(INDEX_KEY.into(), "not json".into());
    let loaded = load(&mut store).expect("load");
    assert_eq!(loaded.workspace.evaluations.len(), 4);
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(
        store
            .entries
            .get(&format!("{BACKUP_PREFIX}{INDEX_KEY}"))
            .map(String::as_str),
        Some("not json")
    );
}

#[test]
fn quota_and_unavailable_are_errors_not_panics() {
    let mut store = MemoryStore {
        quota: Some(200),
        ..MemoryStore::default()
    };
    let e = SAMPLES[2].build();
    assert_eq!(
        save_evaluation(&mut store, &e),
        Err(StoreError::QuotaExceeded)
    );
    assert!(StoreError::QuotaExceeded.message_zh().contains("已满"));
    assert!(StoreError::QuotaExceeded
        .message(crate::i18n::Lang::En)
        .contains("full"));
    store.quota = None;
    assert_eq!(save_evaluation(&mut store, &e), Ok(()));
    store.unavailable = true;
    assert!(matches!(load(&mut store), Err(StoreError::Unavailable(_))));
}

#[test]
fn decode_rejects_without_panicking() {
    for raw in [
        "",
        "null",
        "[]",
        "{}",
        "{\"schema_version\":\"1\"}",
        "{\"schema_version\":1}",
        "\u{feff}{}",
        "{\"schema_version\":0,\"evaluation\":{\"id\":\"x\"}}",
        // a current document that reads straight into its type is still checked
        "{\"schema_version\":1,\"evaluation\":{\"id\":\"\"}}",
        "{\"schema_version\":3,\"evaluation\":{\"id\":\"x\"}}",
    ] {
        assert!(decode_evaluation(raw).is_err(), "{raw}");
    }
    // version 2 is a form that uses the templates: read like version 1
    let v2 = decode_evaluation(
        "{\"schema_version\":2,\"evaluation\":{\"id\":\"x\",\"template\":\"chongqing-dept\"}}",
    )
    .expect("decode");
    assert_eq!(v2.template, crate::model::TemplateId::ChongqingDepartment);
    // unknown fields from a same-version writer are tolerated, missing ones default
    let e = decode_evaluation("{\"schema_version\":1,\"evaluation\":{\"id\":\"x\",\"extra\":1}}")
        .expect("decode");
    assert_eq!(e.id, "x");
    assert_eq!(e.funds.weight, "10");
}

#[test]
fn trash_keeps_deleted_evaluations_until_emptied() {
    let mut store = MemoryStore::new();
    let ws = workspace_of_samples();
    save_all(&mut store, &ws);
    let gone = ws.evaluations[1].clone();
    trash_evaluation(
        &mut store,
        &crate::model::TrashedEvaluation {
            evaluation: gone.clone(),
            deleted_at: 5,
        },
    )
    .expect("trash");
    let loaded = load(&mut store).expect("load");
    assert_eq!(loaded.workspace.evaluations.len(), 3);
    assert_eq!(loaded.workspace.trash.len(), 1);
    assert_eq!(loaded.workspace.trash[0].evaluation, gone);
    // restore = save again + forget the trash entry
    save_evaluation(&mut store, &gone).expect("save");
    forget_trash(&mut store, &gone.id).expect("forget");
    let loaded = load(&mut store).expect("load");
    assert_eq!(loaded.workspace.evaluations.len(), 4);
    assert!(loaded.workspace.trash.is_empty());
}

#[test]
fn next_year_copy_clears_scores_and_actuals() {
    let e = crate::samples::sample("sample-zhaoshang")
        .expect("sample")
        .build();
    let c = e.next_year_copy("copy".into(), 7);
    assert_eq!(c.year, "2023");
    assert_eq!(c.project_name, e.project_name);
    assert_eq!(c.indicators.len(), e.indicators.len());
    assert!(c
        .indicators
        .iter()
        .all(|r| r.claimed.is_empty() && r.actual.is_empty() && r.id.starts_with("copy-r")));
    assert_eq!(c.indicators[1].target, "5个");
    assert_eq!(c.indicators[1].weight, "10");
    assert!(c.funds.claimed.is_empty() && c.funds.total.executed.is_empty());
    let a = crate::rules::assess(&c);
    // nothing claimed, nothing executed: only the rules' view, with warnings to fill in
    assert!(a
        .indicators
        .iter()
        .all(|r| r.source != crate::rules::ScoreSource::Claimed));
}

/// localStorage as version 1 wrote it loads unchanged into this version (keep a fixture per
/// schema version; each later version adds its own and a migration step in `migrate`).
#[test]
fn stored_v1_fixture_loads() {
    let raw = include_str!("../../tests/fixtures/store-v1/localstorage.json");
    let entries: std::collections::BTreeMap<String, String> =
        serde_json::from_str(raw).expect("fixture");
    let mut store = MemoryStore {
        entries,
        ..MemoryStore::default()
    };
    let loaded = load(&mut store).expect("load");
    assert!(loaded.problems.is_empty());
    let ids: Vec<&str> = loaded
        .workspace
        .evaluations
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "sample-guanbi",
            "sample-chubeiliang",
            "sample-zhaoshang",
            "sample-sheling"
        ]
    );
    // the samples as they were when the fixture was stored (the printed 执行率 and 总分 came later)
    let mut expected: Vec<Evaluation> = SAMPLES
        .iter()
        .map(|s| {
            let mut e = s.build();
            e.funds.claimed_rate.clear();
            e.claimed_total.clear();
            e
        })
        .collect();
    expected.reverse();
    assert_eq!(loaded.workspace.evaluations, expected);
    let mut dept = crate::samples::department_sample();
    dept.profile.clear(); // 部门主要职责 came with the Word report
    assert_eq!(loaded.workspace.departments, vec![dept]);
}

#[test]
fn the_first_layout_is_rewritten_packed_and_reads_the_same() {
    let raw = include_str!("../../tests/fixtures/store-v1/localstorage.json");
    let plain: std::collections::BTreeMap<String, String> =
        serde_json::from_str(raw).expect("fixture");
    let mut store = MemoryStore {
        entries: plain.clone(),
        ..MemoryStore::default()
    };
    let first = load(&mut store).expect("load");
    assert!(first.problems.is_empty());
    assert_eq!(
        first.repacked, 5,
        "four project forms and a department form"
    );
    for (key, value) in &store.entries {
        if key == INDEX_KEY {
            continue;
        }
        assert!(packed::is_packed(value), "{key}");
        assert!(
            value.chars().count() < plain[key].chars().count(),
            "{key}: {} characters for {}",
            value.chars().count(),
            plain[key].chars().count()
        );
    }
    let second = load(&mut store).expect("load");
    assert_eq!(second.repacked, 0);
    assert_eq!(second.workspace, first.workspace);
}

#[test]
fn a_full_store_keeps_the_first_layout_readable() {
    let raw = include_str!("../../tests/fixtures/store-v1/localstorage.json");
    let plain: std::collections::BTreeMap<String, String> =
        serde_json::from_str(raw).expect("fixture");
    let mut store = MemoryStore {
        entries: plain.clone(),
        unavailable: false,
        quota: Some(0),
    };
    // no write fits: nothing is rewritten, everything still loads
    let loaded = load(&mut store).expect("load");
    assert_eq!(loaded.repacked, 0);
    assert_eq!(loaded.workspace.evaluations.len(), 4);
    assert_eq!(store.entries, plain);
}

/// A form of 30 indicators with text that varies from form to form, as a county's forms do.
fn county_form(i: usize) -> Evaluation {
    const NAMES: [&str; 12] = [
        "新建高标准农田面积",
        "培训农村电商从业人员",
        "粮食储备库维修改造",
        "招商引资到位资金",
        "项目资金拨付及时率",
        "质量验收合格率",
        "受益群众满意度",
        "带动就业人数",
        "储备粮轮换计划完成率",
        "安全生产事故发生次数",
        "企业职工安置率",
        "政策知晓率",
    ];
    const REASONS: [&str; 4] = [
        "受疫情影响部分项目推进延迟，已制定整改措施，下一年度加快实施进度",
        "资金到位较晚，部分采购尚未完成，已督促实施单位按合同推进",
        "指标值设定偏低，下一年度结合实际情况调整",
        "个别乡镇配合不到位，已约谈并限期整改",
    ];
    let mut e = crate::samples::SAMPLES[i % 4].build();
    e.id = format!("county-{i:05}");
    e.project_name = format!("{}项目（{}）", NAMES[i % NAMES.len()], i);
    e.department = format!("第{}局", i % 150);
    e.year = (2022 + i % 3).to_string();
    let rows: Vec<crate::model::Indicator> = (0..30)
        .map(|r| crate::model::Indicator {
            id: format!("{}-r{r}", e.id),
            level2: crate::model::Level2::ALL[r % 9],
            name: format!("{}{}", NAMES[(i * 7 + r) % NAMES.len()], r + 1),
            target: format!(
                "≥{}{}",
                50 + (i * 13 + r * 7) % 50,
                ["%", "个", "万元", "人次"][r % 4]
            ),
            actual: format!(
                "{}{}",
                40 + (i * 17 + r * 3) % 60,
                ["%", "个", "万元", "人次"][r % 4]
            ),
            weight: "3".into(),
            reason: if (i + r).is_multiple_of(4) {
                REASONS[(i + r) % 4].to_string()
            } else {
                String::new()
            },
            ..Default::default()
        })
        .collect();
    e.indicators = rows;
    e
}

#[test]
fn five_thousand_forms_of_thirty_indicators_fit_the_browsers_quota() {
    // Chromium's localStorage holds about 5,200,000 UTF-16 units (docs/BENCHMARKS.md)
    const QUOTA: usize = 5_200_000;
    let mut store = MemoryStore::new();
    let ids: Vec<String> = (0..5_000)
        .map(|i| {
            let e = county_form(i);
            save_evaluation(&mut store, &e).expect("save");
            e.id
        })
        .collect();
    save_index(&mut store, &ids).expect("index");
    let used: usize = store
        .entries
        .iter()
        .map(|(k, v)| crate::workspace::entry_chars(k, v))
        .sum();
    // measured: 4,063,287 units, 78 % of the quota
    assert!(used < QUOTA * 85 / 100, "{used} units for 5,000 forms");
    let plain: usize = (0..50)
        .map(|i| {
            encode_plain_evaluation(&county_form(i))
                .encode_utf16()
                .count()
        })
        .sum();
    assert!(
        plain * 100 > QUOTA,
        "unpacked, 5,000 would not fit: {} units each",
        plain / 50
    );
    let loaded = load(&mut store).expect("load");
    assert_eq!(loaded.workspace.evaluations.len(), 5_000);
    assert_eq!(loaded.workspace.evaluations[4_321], county_form(4_321));
}

#[test]
fn a_damaged_packed_entry_is_kept_aside_like_bad_json() {
    let mut store = MemoryStore::new();
    let e = SAMPLES[0].build();
    save_evaluation(&mut store, &e).expect("save");
    let key = eval_key(&e.id);
    // the end of the entry lost (a disk error, a hand edit)
    let damaged: String = store.entries[&key].chars().take(40).collect();
    store.entries.insert(key.clone(), damaged.clone());
    let loaded = load(&mut store).expect("load");
    assert!(loaded.workspace.evaluations.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    assert!(matches!(loaded.problems[0].kind, ProblemKind::Unpack(_)));
    let message = loaded.problems[0].message_zh();
    assert!(
        message.contains("内容无法解压（压缩数据已损坏）"),
        "{message}"
    );
    assert_eq!(store.entries[&key], damaged, "never overwritten");
    assert_eq!(reserved_ids(&loaded.problems), std::slice::from_ref(&e.id));
    // the backup export gives what is there
    let dump: serde_json::Value = serde_json::from_str(&raw_backups(&store)).expect("json");
    assert_eq!(dump[format!("{BACKUP_PREFIX}{key}")], damaged.as_str());
}

#[test]
fn a_form_of_another_template_is_stored_as_version_2_and_others_as_before() {
    let mut store = MemoryStore::new();
    let plain = SAMPLES[0].build();
    let mut templated = SAMPLES[1].build();
    templated.template = crate::model::TemplateId::Hubei2020;
    save_evaluation(&mut store, &plain).expect("save");
    save_evaluation(&mut store, &templated).expect("save");
    let version = |id: &str| -> u64 {
        let text = crate::store::packed::unpack(&store.entries[&eval_key(id)]).expect("unpack");
        serde_json::from_str::<serde_json::Value>(&text).expect("json")["schema_version"]
            .as_u64()
            .unwrap_or(0)
    };
    // an older ziping reads the MOF form as ever and keeps the 湖北 one aside, untouched
    assert_eq!(version(&plain.id), 1);
    assert_eq!(version(&templated.id), 2);
    let loaded = load(&mut store).expect("load");
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.workspace.evaluations.len(), 2);
    assert!(loaded.workspace.evaluations.contains(&templated));
}
