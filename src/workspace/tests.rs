//! The workspace's operations on a plain `Workspace` and an in-memory store: what the page does,
//! checked by loading back what was written.

use super::*;
use crate::exchange::plan::{Action, Choice};
use crate::model::{Evaluation, Indicator, Level2, Workspace};
use crate::samples::{department_sample, sample, SAMPLES};
use crate::store::{self, KeyValueStore, MemoryStore, StoreError};
use std::cell::Cell;

/// A clock that moves one millisecond per reading; `random` is fixed so ids depend on time.
struct TestClock(Cell<u64>);

impl TestClock {
    fn new() -> TestClock {
        TestClock(Cell::new(1_700_000_000_000))
    }
}

impl Clock for TestClock {
    fn now_ms(&self) -> u64 {
        let t = self.0.get();
        self.0.set(t + 1);
        t
    }
    fn random(&self) -> u32 {
        0xabc
    }
}

/// A clock stopped in time: every new id starts from the same base.
struct StoppedClock;

impl Clock for StoppedClock {
    fn now_ms(&self) -> u64 {
        5
    }
    fn random(&self) -> u32 {
        7
    }
}

/// One browser tab: its open documents and its session.
struct Tab {
    docs: Workspace,
    session: Session,
}

impl Tab {
    fn open(store: &mut MemoryStore) -> Tab {
        let loaded = store::load(store).expect("load");
        let reserved = store::reserved_ids(&loaded.problems);
        Tab {
            session: Session::new(loaded.stored, reserved),
            docs: loaded.workspace,
        }
    }
    fn flush(&mut self, store: &mut MemoryStore) -> Flushed {
        self.session.flush(&mut self.docs, store)
    }
    fn edit(&mut self, clock: &TestClock, id: &str, f: impl FnOnce(&mut Evaluation)) {
        let mut f = Some(f);
        let found = self.session.edit(&mut self.docs, clock, id, &mut |e| {
            if let Some(f) = f.take() {
                f(e)
            }
        });
        assert!(found, "no form {id}");
    }
}

/// A clock, an empty store and one tab on it.
fn fresh() -> (TestClock, MemoryStore, Tab) {
    let mut store = MemoryStore::new();
    let tab = Tab::open(&mut store);
    (TestClock::new(), store, tab)
}

fn stored(store: &mut MemoryStore) -> Workspace {
    let loaded = store::load(store).expect("load");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.workspace
}

fn zhaoshang() -> &'static crate::samples::Sample {
    sample("sample-zhaoshang").expect("sample")
}

/// Replays, in another tab, the storage events of the keys that changed.
fn storage_events(before: &MemoryStore, after: &MemoryStore, tab: &mut Tab) -> Vec<SyncNote> {
    let mut keys: Vec<&String> = before.entries.keys().chain(after.entries.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut notes = Vec::new();
    for k in keys {
        let (old, new) = (before.entries.get(k), after.entries.get(k));
        if old != new {
            notes.extend(
                tab.session
                    .on_storage(&mut tab.docs, k, new.map(String::as_str)),
            );
        }
    }
    notes
}

#[test]
fn what_the_tab_holds_is_what_a_reload_finds() {
    let (clock, mut store, mut tab) = fresh();
    for s in SAMPLES.iter() {
        tab.session.add_sample(&mut tab.docs, &clock, s);
    }
    let blank = tab.session.create(
        &mut tab.docs,
        &clock,
        "2025".into(),
        crate::model::TemplateId::Mof2020,
    );
    tab.edit(&clock, &blank, |e| e.project_name = "农村电商示范".into());
    let dept = tab
        .session
        .insert_department(&mut tab.docs, &clock, department_sample());
    assert!(tab.session.has_pending());
    assert!(tab.flush(&mut store).result.is_ok());
    assert!(!tab.session.has_pending());

    let back = stored(&mut store);
    assert_eq!(back, tab.docs);
    assert_eq!(back.evaluations.len(), SAMPLES.len() + 1);
    let e = back.get(&blank).expect("the blank form");
    assert_eq!(
        (e.project_name.as_str(), e.year.as_str()),
        ("农村电商示范", "2025")
    );
    assert_eq!(e.indicators.len(), 3, "one row per 一级指标");
    assert!(back.departments.iter().any(|d| d.id == dept));
    // a sample added twice gets a new id and its rows follow it
    let again = tab.session.add_sample(&mut tab.docs, &clock, zhaoshang());
    assert_eq!(again, "sample-zhaoshang-2");
    let copy = tab.docs.get(&again).expect("copy");
    assert!(copy
        .indicators
        .iter()
        .all(|r| r.id.starts_with("sample-zhaoshang-2-r")));
}

#[test]
fn delete_restore_and_undo_reach_storage() {
    let (clock, mut store, mut tab) = fresh();
    let a = tab.session.add_sample(&mut tab.docs, &clock, &SAMPLES[0]);
    let b = tab.session.add_sample(&mut tab.docs, &clock, &SAMPLES[1]);
    tab.flush(&mut store).result.expect("saved");

    assert!(tab.session.delete(&mut tab.docs, &clock, &a));
    let label = tab.session.undo().expect("undoable").label();
    assert!(label.contains("移到回收站"), "{label}");
    tab.flush(&mut store).result.expect("saved");
    let back = stored(&mut store);
    assert_eq!(back.eval_ids(), std::slice::from_ref(&b));
    assert_eq!(back.trash.len(), 1);
    assert_eq!(back.trash[0].evaluation.id, a);

    // 撤销 brings it back at the end of the list, out of the stored trash
    assert!(tab.session.undo_last(&mut tab.docs, &clock));
    assert!(tab.session.undo().is_none());
    tab.flush(&mut store).result.expect("saved");
    let back = stored(&mut store);
    assert_eq!(back.eval_ids(), [b.clone(), a.clone()]);
    assert!(back.trash.is_empty());
    assert!(
        !tab.session.undo_last(&mut tab.docs, &clock),
        "nothing left to undo"
    );

    // restoring from the trash clears the matching undo
    tab.session.delete(&mut tab.docs, &clock, &b);
    assert!(tab.session.restore(&mut tab.docs, &b));
    assert!(tab.session.undo().is_none());
    assert!(
        !tab.session.restore(&mut tab.docs, &b),
        "no longer in the trash"
    );
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(stored(&mut store), tab.docs);
}

#[test]
fn a_form_deleted_and_emptied_before_saving_leaves_nothing_behind() {
    let (clock, mut store, mut tab) = fresh();
    let a = tab.session.add_sample(&mut tab.docs, &clock, &SAMPLES[0]);
    tab.flush(&mut store).result.expect("saved");
    tab.session.delete(&mut tab.docs, &clock, &a);
    tab.session.empty_trash(&mut tab.docs);
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(stored(&mut store), Workspace::default());
    assert_eq!(
        store.keys().expect("keys"),
        [store::INDEX_KEY.to_string()],
        "no entry of the form is left"
    );
}

#[test]
fn an_emptied_trash_comes_back_on_undo() {
    let (clock, mut store, mut tab) = fresh();
    let ids: Vec<String> = SAMPLES
        .iter()
        .map(|s| tab.session.add_sample(&mut tab.docs, &clock, s))
        .collect();
    for id in &ids[..2] {
        tab.session.delete(&mut tab.docs, &clock, id);
    }
    tab.flush(&mut store).result.expect("saved");
    let trash_before = stored(&mut store).trash;
    assert_eq!(trash_before.len(), 2);
    tab.session.empty_trash(&mut tab.docs);
    assert_eq!(
        tab.session.undo().map(Undo::label).as_deref(),
        Some("已清空回收站（2份）。")
    );
    tab.flush(&mut store).result.expect("saved");
    assert!(stored(&mut store).trash.is_empty());
    tab.session.undo_last(&mut tab.docs, &clock);
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(stored(&mut store).trash, trash_before);
}

#[test]
fn pasted_and_removed_rows_undo() {
    let (clock, mut store, mut tab) = fresh();
    let id = tab.session.add_sample(&mut tab.docs, &clock, zhaoshang());
    let original = tab.docs.get(&id).expect("form").indicators.clone();
    let rows = vec![
        Indicator {
            level2: Level2::Quantity,
            name: "培训人次".into(),
            target: "≥100人次".into(),
            ..Indicator::default()
        },
        Indicator {
            level2: Level2::Social,
            name: "带动就业".into(),
            ..Indicator::default()
        },
    ];
    assert!(tab.session.add_rows(&mut tab.docs, &clock, &id, rows));
    assert_eq!(
        tab.docs.get(&id).expect("form").indicators.len(),
        original.len() + 2
    );
    assert_eq!(
        tab.session.undo().map(Undo::label).as_deref(),
        Some("已粘贴2行三级指标。")
    );
    tab.session.undo_last(&mut tab.docs, &clock);
    assert_eq!(tab.docs.get(&id).expect("form").indicators, original);

    let second = original[1].clone();
    assert!(tab
        .session
        .remove_row(&mut tab.docs, &clock, &id, &second.id));
    assert!(!tab
        .session
        .remove_row(&mut tab.docs, &clock, &id, "no-such-row"));
    assert_eq!(
        tab.session.undo().map(Undo::label),
        Some(format!("已删除三级指标“{}”。", second.name.trim()))
    );
    tab.session.undo_last(&mut tab.docs, &clock);
    assert_eq!(tab.docs.get(&id).expect("form").indicators, original);
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(
        stored(&mut store).get(&id).expect("form").indicators,
        original
    );
}

#[test]
fn an_import_is_undone_as_a_whole() {
    let (clock, mut store, mut tab) = fresh();
    let kept = tab.session.add_sample(&mut tab.docs, &clock, &SAMPLES[0]);
    let dept = tab
        .session
        .insert_department(&mut tab.docs, &clock, department_sample());
    tab.flush(&mut store).result.expect("saved");
    let before = stored(&mut store);

    let mut replacement = tab.docs.get(&kept).expect("form").clone();
    replacement.project_name = "（导入的新版本）".into();
    let mut new_form = SAMPLES[1].build();
    new_form.id = tab.session.new_id(&tab.docs, &clock, &[]);
    let mut dept_replacement = tab.docs.dept(&dept).expect("department");
    dept_replacement.department = "商务粮食局（导入）".into();
    let mut new_dept = department_sample();
    new_dept.id = String::new();
    new_dept.created_at = 0;
    tab.session.apply_import(
        &mut tab.docs,
        &clock,
        vec![
            Action::ReplaceProject(replacement),
            Action::AddProject(new_form.clone()),
            Action::ReplaceDepartment(dept_replacement),
            Action::AddDepartment(new_dept),
        ],
    );
    assert_eq!(
        tab.session.undo().map(Undo::label).as_deref(),
        Some("已导入：新增2份，替换2份。")
    );
    tab.flush(&mut store).result.expect("saved");
    let after = stored(&mut store);
    assert_eq!(after.evaluations.len(), 2);
    assert_eq!(
        after.get(&kept).expect("form").project_name,
        "（导入的新版本）"
    );
    assert_eq!(after.departments.len(), 2);
    assert!(after.departments.iter().all(|d| d.created_at > 0));

    tab.session.undo_last(&mut tab.docs, &clock);
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(stored(&mut store), before);
    assert!(store
        .get(&store::eval_key(&new_form.id))
        .expect("get")
        .is_none());
}

#[test]
fn a_deleted_department_form_comes_back_on_undo() {
    let (clock, mut store, mut tab) = fresh();
    let id = tab
        .session
        .insert_department(&mut tab.docs, &clock, department_sample());
    tab.flush(&mut store).result.expect("saved");
    let before = stored(&mut store);
    assert!(tab.session.delete_department(&mut tab.docs, &id));
    assert!(!tab.session.delete_department(&mut tab.docs, &id));
    tab.flush(&mut store).result.expect("saved");
    assert!(stored(&mut store).departments.is_empty());
    tab.session.undo_last(&mut tab.docs, &clock);
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(stored(&mut store), before);
}

#[test]
fn next_years_copy_is_a_new_stored_form() {
    let (clock, mut store, mut tab) = fresh();
    let id = tab.session.add_sample(&mut tab.docs, &clock, zhaoshang());
    let copy = tab
        .session
        .duplicate_for_next_year(&mut tab.docs, &clock, &id)
        .expect("copied");
    assert!(tab
        .session
        .duplicate_for_next_year(&mut tab.docs, &clock, "missing")
        .is_none());
    tab.flush(&mut store).result.expect("saved");
    let back = stored(&mut store);
    let (old, new) = (back.get(&id).expect("old"), back.get(&copy).expect("new"));
    assert_eq!(
        new.year,
        (old.year.parse::<u32>().expect("year") + 1).to_string()
    );
    assert_eq!(new.project_name, old.project_name);
    assert!(new.indicators.iter().all(|r| r.actual.is_empty()));
}

#[test]
fn new_ids_never_take_a_used_or_unreadable_id() {
    let mut store = MemoryStore::new();
    // an unreadable stored form under the id a stopped clock makes first
    let first = format!("e{:x}{:08x}", 5, 7);
    store
        .set(
            &store::eval_key(&first),
            "{\"schema_version\":1,\"evaluation\":",
        )
        .expect("set");
    let mut tab = Tab::open(&mut store);
    let a = tab.session.create(
        &mut tab.docs,
        &StoppedClock,
        "2024".into(),
        crate::model::TemplateId::Mof2020,
    );
    assert_eq!(
        a,
        format!("{first}-2"),
        "the unreadable entry's id is reserved"
    );
    let b = tab.session.create(
        &mut tab.docs,
        &StoppedClock,
        "2024".into(),
        crate::model::TemplateId::Mof2020,
    );
    assert_eq!(b, format!("{first}-3"));
    // an id in the trash or used by a department form is taken too
    tab.session.delete(&mut tab.docs, &StoppedClock, &b);
    assert!(tab.session.id_taken(&tab.docs, &b));
    let c = tab
        .session
        .new_id(&tab.docs, &StoppedClock, &[format!("{first}-4")]);
    assert_eq!(
        c,
        format!("{first}-5"),
        "skips what an import is about to add"
    );
    let mut d = department_sample();
    d.id = a.clone();
    let dept = tab
        .session
        .insert_department(&mut tab.docs, &StoppedClock, d);
    assert_ne!(dept, a);
    assert!(!tab.docs.eval_ids().contains(&dept));
}

#[test]
fn a_full_store_keeps_the_edits_pending_until_there_is_room() {
    let (clock, mut store, mut tab) = fresh();
    let ids: Vec<String> = SAMPLES
        .iter()
        .map(|s| tab.session.add_sample(&mut tab.docs, &clock, s))
        .collect();
    tab.flush(&mut store).result.expect("saved");
    let used: usize = store.entries.iter().map(|(k, v)| entry_chars(k, v)).sum();
    store.quota = Some(used + 100);
    let copy = tab
        .session
        .duplicate_for_next_year(&mut tab.docs, &clock, &ids[0])
        .expect("copy");
    let out = tab.flush(&mut store);
    assert_eq!(out.result, Err(StoreError::QuotaExceeded));
    assert!(tab.session.has_pending());
    assert!(store.get(&store::eval_key(&copy)).expect("get").is_none());
    // the next attempt after room is made carries on
    store.quota = None;
    tab.flush(&mut store).result.expect("saved");
    assert!(!tab.session.has_pending());
    assert_eq!(stored(&mut store), tab.docs);
}

/// Two tabs open on a stored 招商引资 form.
fn two_tabs_on_one_form(store: &mut MemoryStore, clock: &TestClock) -> (Tab, Tab, String) {
    let mut first = Tab::open(store);
    let id = first
        .session
        .add_sample(&mut first.docs, clock, zhaoshang());
    first.flush(store).result.expect("saved");
    let second = Tab::open(store);
    (first, second, id)
}

#[test]
fn two_tabs_editing_one_form_merge_per_field() {
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let (mut first, mut second, id) = two_tabs_on_one_form(&mut store, &clock);

    first.edit(&clock, &id, |e| e.implementing_unit = "投资促进中心".into());
    second.edit(&clock, &id, |e| {
        e.indicators[1].reason = "项目落地推迟".into()
    });
    second.edit(&clock, &id, |e| e.indicators[2].claimed = "6".into());
    first.edit(&clock, &id, |e| e.indicators[2].claimed = "8".into());

    let before = store.clone();
    first.flush(&mut store).result.expect("saved");
    // the second tab hears of it while its own edits are unsaved: merged, its value kept
    let notes = storage_events(&before, &store, &mut second);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].message().contains("招商引资"),
        "{}",
        notes[0].message()
    );
    let mine = second.docs.get(&id).expect("form");
    assert_eq!(mine.implementing_unit, "投资促进中心");
    assert_eq!(mine.indicators[1].reason, "项目落地推迟");
    assert_eq!(mine.indicators[2].claimed, "6");

    let before = store.clone();
    let out = second.flush(&mut store);
    out.result.expect("saved");
    assert!(out.notes.is_empty(), "already merged: {:?}", out.notes);
    storage_events(&before, &store, &mut first);
    let back = stored(&mut store);
    assert_eq!(back.get(&id), first.docs.get(&id), "both tabs now agree");
    assert_eq!(back.get(&id), second.docs.get(&id));
}

#[test]
fn a_tab_that_missed_the_event_still_merges_when_it_saves() {
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let (mut first, mut second, id) = two_tabs_on_one_form(&mut store, &clock);
    first.edit(&clock, &id, |e| e.implementing_unit = "投资促进中心".into());
    first.flush(&mut store).result.expect("saved");
    second.edit(&clock, &id, |e| e.project_name = "招商引资（改）".into());
    let out = second.flush(&mut store);
    out.result.expect("saved");
    assert!(out.notes.is_empty());
    let back = stored(&mut store);
    let e = back.get(&id).expect("form");
    assert_eq!(
        (e.project_name.as_str(), e.implementing_unit.as_str()),
        ("招商引资（改）", "投资促进中心")
    );
    assert_eq!(
        second.docs.get(&id),
        Some(e),
        "the open form shows the merge"
    );
}

#[test]
fn a_form_still_in_the_first_layout_is_merged_from_its_stored_text() {
    // the tab keeps each form's stored text as its merge base, not a decoded copy: a form
    // stored as plain JSON (the first layout) is that base until the tab writes it
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let form = zhaoshang().build();
    let id = form.id.clone();
    let key = store::eval_key(&id);
    store
        .set(&key, &store::encode_plain_evaluation(&form))
        .expect("stored");
    let before = store.clone();
    let mut first = Tab::open(&mut store);
    assert!(
        first.session.synced[&id].starts_with('{'),
        "the text as read"
    );
    assert!(
        store::packed::is_packed(&store.entries[&key]),
        "the load rewrote it packed"
    );
    // a second tab's load repacks it too: the same form in another text is no news
    let mut second = Tab::open(&mut store);
    assert!(storage_events(&before, &store, &mut first).is_empty());
    assert!(!first.session.has_pending(), "nothing to write back");

    second.edit(&clock, &id, |e| e.implementing_unit = "投资促进中心".into());
    second.flush(&mut store).result.expect("saved");
    // the first tab missed the event: its save merges against the plain text it loaded
    first.edit(&clock, &id, |e| {
        e.indicators[0].reason = "招商活动推迟".into()
    });
    let out = first.flush(&mut store);
    out.result.expect("saved");
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    let e = stored(&mut store).get(&id).cloned().expect("form");
    assert_eq!(e.implementing_unit, "投资促进中心");
    assert_eq!(e.indicators[0].reason, "招商活动推迟");
    assert_eq!(
        first.docs.get(&id),
        Some(&e),
        "the open form shows the merge"
    );
    assert_eq!(
        first.session.synced[&id], store.entries[&key],
        "the base is now the text it wrote"
    );
}

#[test]
fn a_form_this_tab_deleted_comes_back_when_another_tab_stores_it_again() {
    // the text this tab last saw of a form it then deleted is no reason to ignore the form
    // when another tab stores that very text again (an import of an old export)
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let (mut first, _second, id) = two_tabs_on_one_form(&mut store, &clock);
    let key = store::eval_key(&id);
    let text = store.entries[&key].clone();
    first.session.delete(&mut first.docs, &clock, &id);
    first.session.empty_trash(&mut first.docs);
    first.flush(&mut store).result.expect("saved");
    assert!(!store.entries.contains_key(&key));
    assert!(
        !first.session.synced.contains_key(&id),
        "no base kept for it"
    );
    store.set(&key, &text).expect("stored again");
    let notes = first.session.on_storage(&mut first.docs, &key, Some(&text));
    assert!(notes.is_empty());
    assert!(
        first.docs.get(&id).is_some(),
        "the form is back in this tab"
    );
}

#[test]
fn another_tabs_new_deleted_and_trashed_forms_show_here() {
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let mut first = Tab::open(&mut store);
    let mut second = Tab::open(&mut store);
    let a = first
        .session
        .add_sample(&mut first.docs, &clock, &SAMPLES[0]);
    let b = first
        .session
        .add_sample(&mut first.docs, &clock, &SAMPLES[1]);
    let d = first
        .session
        .insert_department(&mut first.docs, &clock, department_sample());
    let before = store.clone();
    first.flush(&mut store).result.expect("saved");
    storage_events(&before, &store, &mut second);
    assert_eq!(second.docs.eval_ids(), [a.clone(), b.clone()]);
    assert!(second.docs.has_dept(&d));

    // a form the second tab is editing is not taken away under its feet
    second.edit(&clock, &b, |e| e.project_name = "还在填写".into());
    first.session.delete(&mut first.docs, &clock, &a);
    first.session.delete(&mut first.docs, &clock, &b);
    first.session.delete_department(&mut first.docs, &d);
    let before = store.clone();
    first.flush(&mut store).result.expect("saved");
    storage_events(&before, &store, &mut second);
    assert_eq!(second.docs.eval_ids(), std::slice::from_ref(&b));
    assert!(second.docs.in_trash(&a) && second.docs.in_trash(&b));
    assert!(!second.docs.has_dept(&d));
    // an entry that cannot be read changes nothing
    let notes =
        second
            .session
            .on_storage(&mut second.docs, &store::eval_key(&b), Some("{not json"));
    assert!(notes.is_empty());
    assert_eq!(second.docs.get(&b).expect("form").project_name, "还在填写");
}

#[test]
fn a_department_form_edited_in_both_tabs_keeps_this_tabs_version() {
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let mut first = Tab::open(&mut store);
    let d = first
        .session
        .insert_department(&mut first.docs, &clock, department_sample());
    first.flush(&mut store).result.expect("saved");
    let mut second = Tab::open(&mut store);
    let mut mine = second.docs.dept(&d).expect("department");
    mine.department = "本页".into();
    second.docs.set_dept(mine.clone());
    second.session.mark_dirty(DocKey::Dept(d.clone()));
    let mut theirs = first.docs.dept(&d).expect("department");
    theirs.department = "另一页".into();
    first.docs.set_dept(theirs);
    first.session.mark_dirty(DocKey::Dept(d.clone()));
    let before = store.clone();
    first.flush(&mut store).result.expect("saved");
    let notes = storage_events(&before, &store, &mut second);
    assert_eq!(
        notes,
        [SyncNote::Department {
            name: "另一页".into()
        }]
    );
    assert_eq!(second.docs.dept(&d), Some(mine));
}

// ---- storage space and all-or-nothing imports ----

fn envelope_of(evaluations: Vec<Evaluation>) -> crate::exchange::json::Envelope {
    crate::exchange::json::Envelope::new(evaluations, Vec::new(), 0)
}

#[test]
fn the_room_left_is_found_to_within_a_kilobyte() {
    let mut store = MemoryStore::new();
    store.quota = Some(300_000);
    store
        .set("ziping:other", &"x".repeat(100_000))
        .expect("set");
    let free = free_chars(&mut store, 10_000_000).expect("probe");
    let exact = 300_000 - entry_chars("ziping:other", &"x".repeat(100_000));
    assert!(free <= exact && exact - free < 1_100, "{free} of {exact}");
    assert_eq!(
        store.keys().expect("keys"),
        ["ziping:other"],
        "the probe is gone"
    );
    // no quota: the cap
    assert_eq!(
        free_chars(&mut MemoryStore::new(), 1_000_000),
        Ok(1_000_000)
    );
    // a step that passes the cap is not the answer unless the cap itself fits
    for (quota, cap) in [
        (25_000_000, 32_000_000),
        (40_000, 50_000),
        (9_000_000, 60_000),
    ] {
        let mut store = MemoryStore::new();
        store.quota = Some(quota);
        let free = free_chars(&mut store, cap).expect("probe");
        let exact = (quota - store::SPACE_PROBE_KEY.encode_utf16().count()).min(cap);
        assert!(
            free <= exact && exact - free <= 1_024,
            "quota {quota}, cap {cap}: {free} of {exact}"
        );
    }
}

/// A store that counts the room-finding probes it is asked for.
struct Probed {
    inner: MemoryStore,
    probes: usize,
}

impl KeyValueStore for Probed {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if key == store::SPACE_PROBE_KEY {
            self.probes += 1;
        }
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[test]
fn the_usual_quota_is_confirmed_in_two_writes_and_any_other_is_found() {
    for (quota, most_probes) in [
        (crate::workspace::space::USUAL_QUOTA, 2),
        (crate::workspace::space::USUAL_QUOTA + 3_000, 8),
        (2 * crate::workspace::space::USUAL_QUOTA, 40),
        (300_000, 40),
    ] {
        let mut store = Probed {
            inner: MemoryStore::new(),
            probes: 0,
        };
        store.inner.quota = Some(quota);
        let stored = "中".repeat(123_456);
        store.set("ziping:other", &stored).expect("set");
        let free = free_chars(&mut store, 64 * 1024 * 1024).expect("probe");
        // the largest probe that fits: the quota less what is stored and the probe's key
        let exact = quota
            - entry_chars("ziping:other", &stored)
            - store::SPACE_PROBE_KEY.encode_utf16().count();
        assert!(
            free <= exact && exact - free <= 1_024,
            "quota {quota}: {free} of {exact}"
        );
        assert!(
            store.probes <= most_probes,
            "quota {quota}: {} probes",
            store.probes
        );
        assert_eq!(
            store.keys().expect("keys"),
            ["ziping:other"],
            "no probe left"
        );
    }
}

#[test]
fn an_import_that_does_not_fit_changes_nothing() {
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let mut tab = Tab::open(&mut store);
    let kept = tab.session.add_sample(&mut tab.docs, &clock, zhaoshang());
    tab.flush(&mut store).result.expect("saved");
    let docs_before = tab.docs.clone();
    let store_before = store.entries.clone();

    // 40 new forms and a replacement of the stored one; room for about half of them
    let mut incoming: Vec<Evaluation> = (0..40)
        .map(|i| {
            let mut e = SAMPLES[i % SAMPLES.len()].build();
            e.id = format!("imported-{i}");
            e.project_name = format!("导入的项目{i}");
            e
        })
        .collect();
    let mut replacement = tab.docs.get(&kept).expect("form").clone();
    replacement.project_name = "替换后的名称".into();
    incoming.insert(0, replacement);
    let env = envelope_of(incoming.clone());
    let spaces = item_spaces(&env, &store);
    let all = vec![Choice::Replace; spaces.len()];
    let need = needed(&spaces, &all);
    let used: usize = store.entries.iter().map(|(k, v)| entry_chars(k, v)).sum();
    store.quota = Some(used + need as usize / 2);
    let free = free_chars(&mut store, 10_000_000).expect("probe");
    assert!(
        (need as usize) > free,
        "the preview can tell: {need} > {free}"
    );

    let actions = crate::exchange::plan::actions(env, &all, |id| tab.docs.has_eval(id));
    let refused = tab
        .session
        .import(&mut tab.docs, &clock, &mut store, actions)
        .expect_err("does not fit");
    assert_eq!(refused.0, StoreError::QuotaExceeded);
    assert_eq!(store.entries, store_before, "storage as it was");
    assert_eq!(tab.docs, docs_before, "the open forms as they were");
    assert!(tab.session.undo().is_none());
    assert!(!tab.session.has_pending());

    // with room, the same import goes through whole and needs no second write
    store.quota = Some(used + need as usize + 1_000);
    let env = envelope_of(incoming);
    let all = vec![Choice::Replace; 41];
    let actions = crate::exchange::plan::actions(env, &all, |id| tab.docs.has_eval(id));
    tab.session
        .import(&mut tab.docs, &clock, &mut store, actions)
        .expect("fits");
    assert!(!tab.session.has_pending(), "everything is already stored");
    let back = stored(&mut store);
    assert_eq!(back, tab.docs);
    assert_eq!(back.evaluations.len(), 41);
    assert_eq!(back.get(&kept).expect("form").project_name, "替换后的名称");
    let label = tab.session.undo().map(Undo::label);
    assert_eq!(label.as_deref(), Some("已导入：新增40份，替换1份。"));
    // and undone as a whole
    tab.session.undo_last(&mut tab.docs, &clock);
    store.quota = None;
    tab.flush(&mut store).result.expect("saved");
    assert_eq!(stored(&mut store), docs_before);
}

#[test]
fn the_space_an_import_needs_follows_the_choices() {
    let mut store = MemoryStore::new();
    let existing = SAMPLES[0].build();
    store::save_evaluation(&mut store, &existing).expect("save");
    let mut newer = existing.clone();
    newer.project_name.push_str("（更新）");
    let env = envelope_of(vec![newer, SAMPLES[1].build()]);
    let spaces = item_spaces(&env, &store);
    assert!(spaces[0].existing > 0 && spaces[1].existing == 0);
    let replace = needed(&spaces, &[Choice::Replace, Choice::Replace]);
    let both = needed(&spaces, &[Choice::KeepBoth, Choice::Replace]);
    let skip = needed(&spaces, &[Choice::Skip, Choice::Skip]);
    assert_eq!(skip, 0);
    assert!(replace < both, "replacing takes only the difference");
    assert_eq!(
        both - replace,
        spaces[0].existing as i64,
        "keeping both keeps the old copy's space too"
    );
}

#[test]
fn a_new_department_form_is_stored_under_the_id_it_gets() {
    let clock = TestClock::new();
    let mut store = MemoryStore::new();
    let mut tab = Tab::open(&mut store);
    let first = tab
        .session
        .insert_department(&mut tab.docs, &clock, department_sample());
    tab.flush(&mut store).result.expect("saved");
    let mut same_id = department_sample();
    same_id.id = first.clone();
    let mut no_id = department_sample();
    no_id.id = String::new();
    no_id.created_at = 0;
    tab.session
        .import(
            &mut tab.docs,
            &clock,
            &mut store,
            vec![Action::AddDepartment(same_id), Action::AddDepartment(no_id)],
        )
        .expect("fits");
    assert!(!tab.session.has_pending());
    let mut back = stored(&mut store);
    assert_eq!(back.departments.len(), 3);
    // department forms load in key order; the page keeps them in the order they came
    back.departments.sort_by(|a, b| a.id.cmp(&b.id));
    tab.docs.departments.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(back, tab.docs);
    assert!(back
        .departments
        .iter()
        .all(|d| d.created_at > 0 && !d.id.is_empty()));
}
