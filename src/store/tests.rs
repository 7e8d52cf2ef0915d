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
    ] {
        assert!(decode_evaluation(raw).is_err(), "{raw}");
    }
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
