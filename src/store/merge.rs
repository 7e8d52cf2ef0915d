//! Per-field three-way merge of two edits of one evaluation (two browser tabs).
//!
//! `base` is the version both started from (the last one this tab knows was in storage), `mine`
//! this tab's current version, `theirs` what another tab saved. A field changed on one side only
//! takes that side's value; a field changed on both sides to different values keeps mine and is
//! reported, so no edit is ever dropped silently. Indicator rows merge by their id.

use crate::model::Evaluation;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    pub merged: Evaluation,
    /// Fields both tabs changed differently (mine was kept), as readable labels.
    pub conflicts: Vec<String>,
}

/// Whether two versions differ in content (the edit time aside).
pub fn same_content(a: &Evaluation, b: &Evaluation) -> bool {
    let strip = |e: &Evaluation| Evaluation {
        updated_at: 0,
        ..e.clone()
    };
    strip(a) == strip(b)
}

pub fn merge_evaluation(base: &Evaluation, mine: &Evaluation, theirs: &Evaluation) -> MergeOutcome {
    let as_value = |e: &Evaluation| {
        let mut v = crate::model::tree::to_tree(e);
        if let Some(o) = v.as_object_mut() {
            o.remove("updated_at");
        }
        v
    };
    let mut conflicts = Vec::new();
    let merged = merge_value(
        &as_value(base),
        &as_value(mine),
        &as_value(theirs),
        "",
        &mut conflicts,
    );
    let mut merged: Evaluation =
        crate::model::tree::from_tree(&merged).unwrap_or_else(|_| mine.clone());
    merged.updated_at = mine.updated_at.max(theirs.updated_at);
    conflicts.dedup();
    MergeOutcome { merged, conflicts }
}

fn merge_value(
    base: &Value,
    mine: &Value,
    theirs: &Value,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Value {
    if mine == theirs || theirs == base {
        return mine.clone();
    }
    if mine == base {
        return theirs.clone();
    }
    match (mine, theirs) {
        (Value::Object(m), Value::Object(t)) => {
            let empty = Map::new();
            let b = base.as_object().unwrap_or(&empty);
            let mut out = Map::new();
            let keys = m.keys().chain(t.keys().filter(|k| !m.contains_key(*k)));
            for k in keys {
                let null = Value::Null;
                let v = merge_value(
                    b.get(k).unwrap_or(&null),
                    m.get(k).unwrap_or(&null),
                    t.get(k).unwrap_or(&null),
                    &join(path, k),
                    conflicts,
                );
                if !v.is_null() {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        (Value::Array(m), Value::Array(t)) if rows_with_ids(m) && rows_with_ids(t) => {
            let empty = Vec::new();
            let b = base.as_array().unwrap_or(&empty);
            Value::Array(merge_rows(b, m, t, path, conflicts))
        }
        _ => {
            conflicts.push(label(path));
            mine.clone()
        }
    }
}

fn rows_with_ids(rows: &[Value]) -> bool {
    rows.iter()
        .all(|r| r.get("id").and_then(Value::as_str).is_some())
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

/// Rows merge by id: each side's additions are kept, a deletion applies when the other side did
/// not edit the row, and rows edited on both sides merge field by field. Mine's order first,
/// their new rows after the row they follow.
fn merge_rows(
    base: &[Value],
    mine: &[Value],
    theirs: &[Value],
    path: &str,
    conflicts: &mut Vec<String>,
) -> Vec<Value> {
    let find = |rows: &[Value], id: &str| rows.iter().find(|r| id_of(r) == id).cloned();
    let mut out: Vec<Value> = Vec::new();
    for m in mine {
        let id = id_of(m);
        let b = find(base, id);
        match (b, find(theirs, id)) {
            (Some(b), Some(t)) => {
                out.push(merge_value(&b, m, &t, &format!("{path}[{id}]"), conflicts))
            }
            // deleted in theirs: honoured unless I edited the row
            (Some(b), None) => {
                if &b != m {
                    conflicts.push(format!(
                        "{}（另一页已删除此行）",
                        label(&format!("{path}[{id}]"))
                    ));
                    out.push(m.clone());
                }
            }
            // added here
            (None, Some(t)) => out.push(merge_value(
                &Value::Null,
                m,
                &t,
                &format!("{path}[{id}]"),
                conflicts,
            )),
            (None, None) => out.push(m.clone()),
        }
    }
    // rows added in theirs, or deleted here but edited there
    let mut after: Option<String> = None;
    for t in theirs {
        let id = id_of(t).to_string();
        let here = out.iter().any(|r| id_of(r) == id);
        if !here {
            let keep = match find(base, &id) {
                None => true,
                Some(b) => {
                    let edited = &b != t;
                    if edited {
                        conflicts.push(format!(
                            "{}（本页已删除，另一页修改过，已保留）",
                            label(&format!("{path}[{id}]"))
                        ));
                    }
                    edited
                }
            };
            if keep {
                let pos = after
                    .as_ref()
                    .and_then(|a| out.iter().position(|r| id_of(r) == a))
                    .map(|p| p + 1)
                    .unwrap_or(out.len());
                out.insert(pos, t.clone());
            }
        }
        after = Some(id);
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A Chinese label for a field path (`indicators[r3].claimed` → `三级指标行 r3 的得分`).
fn label(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let name = match last {
        "project_name" => "项目名称",
        "department" => "主管部门",
        "implementing_unit" => "实施单位",
        "year" => "年度",
        "initial_budget" => "年初预算数",
        "annual_budget" => "全年预算数",
        "executed" => "全年执行数",
        "weight" => "分值",
        "claimed" => "得分",
        "reason" => "偏差原因",
        "name" => "三级指标名称",
        "target" => "年度指标值",
        "actual" => "实际完成值",
        "kind_override" => "指标类型",
        "tier" => "定性档次",
        "expected" => "预期目标",
        "achieved" => "实际完成情况",
        "preparer" => "填表人",
        "date" => "填报日期",
        "phone" => "联系电话",
        "head" => "单位负责人",
        "level2" => "二级指标",
        other => other,
    };
    match path.find("indicators[") {
        Some(_) => {
            let row = path
                .split("indicators[")
                .nth(1)
                .and_then(|r| r.split(']').next())
                .unwrap_or("");
            if last.starts_with("indicators[") {
                format!("三级指标行（{row}）")
            } else {
                format!("三级指标行（{row}）的{name}")
            }
        }
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level2;
    use crate::samples::sample;

    fn base() -> Evaluation {
        sample("sample-zhaoshang").expect("sample").build()
    }

    #[test]
    fn edits_to_different_fields_both_survive() {
        let b = base();
        let mut mine = b.clone();
        mine.project_name = "招商引资（本页）".into();
        mine.indicators[1].claimed = "8".into();
        mine.updated_at = 10;
        let mut theirs = b.clone();
        theirs.implementing_unit = "投资促进中心（另一页）".into();
        theirs.indicators[1].reason = "项目落地推迟".into();
        theirs.updated_at = 20;
        let out = merge_evaluation(&b, &mine, &theirs);
        assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
        assert_eq!(out.merged.project_name, "招商引资（本页）");
        assert_eq!(out.merged.implementing_unit, "投资促进中心（另一页）");
        assert_eq!(out.merged.indicators[1].claimed, "8");
        assert_eq!(out.merged.indicators[1].reason, "项目落地推迟");
        assert_eq!(out.merged.updated_at, 20);
    }

    #[test]
    fn the_same_field_changed_twice_keeps_mine_and_says_so() {
        let b = base();
        let mut mine = b.clone();
        mine.indicators[1].claimed = "8".into();
        let mut theirs = b.clone();
        theirs.indicators[1].claimed = "6".into();
        let out = merge_evaluation(&b, &mine, &theirs);
        assert_eq!(out.merged.indicators[1].claimed, "8");
        assert_eq!(out.conflicts, ["三级指标行（sample-zhaoshang-r1）的得分"]);
    }

    #[test]
    fn rows_added_and_deleted_on_either_side() {
        let b = base();
        let mut mine = b.clone();
        let new_mine = mine.add_row(Level2::Quality);
        mine.remove_row("sample-zhaoshang-r5");
        let mut theirs = b.clone();
        theirs.indicators.push(crate::model::Indicator {
            id: "theirs-new".into(),
            level2: Level2::Social,
            name: "另一页新增".into(),
            ..Default::default()
        });
        theirs.indicators[0].weight = "25".into();
        let out = merge_evaluation(&b, &mine, &theirs);
        assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
        let ids: Vec<&str> = out
            .merged
            .indicators
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert!(ids.contains(&new_mine.as_str()));
        assert!(ids.contains(&"theirs-new"));
        assert!(!ids.contains(&"sample-zhaoshang-r5"));
        assert_eq!(out.merged.indicators[0].weight, "25");
        // a row deleted here but edited there is kept, and reported
        let mut theirs2 = b.clone();
        theirs2.indicators[5].claimed = "9".into();
        let out = merge_evaluation(&b, &mine, &theirs2);
        assert!(out
            .merged
            .indicators
            .iter()
            .any(|r| r.id == "sample-zhaoshang-r5" && r.claimed == "9"));
        assert_eq!(out.conflicts.len(), 1);
    }

    #[test]
    fn content_equality_ignores_the_edit_time() {
        let a = base();
        let mut b = a.clone();
        b.updated_at = 99;
        assert!(same_content(&a, &b));
        b.year = "2023".into();
        assert!(!same_content(&a, &b));
    }
}
