//! From what the recogniser found to what the import plan (replace / keep both / skip) works on:
//! each form read from a document becomes an evaluation with an id. A form that is already in
//! the workspace — the same 主管部门, 年度 and 项目名称 — gets that form's id, so the preview
//! offers to replace it or keep both instead of adding a silent duplicate.

use crate::exchange::Envelope;
use crate::model::{Evaluation, Indicator};

/// The identity of a project form across files: 主管部门, 年度, 项目名称, white space aside.
pub fn identity(e: &Evaluation) -> Option<(String, String, String)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let name = squeeze(&e.project_name);
    if name.is_empty() {
        return None;
    }
    Some((squeeze(&e.department), squeeze(&e.year), name))
}

/// The forms read as an envelope: ids of the forms they match in `existing`, else fresh ones
/// from `fresh`. Rows found without a form around them become one new form.
pub fn envelope_of(
    forms: Vec<Evaluation>,
    rows: Vec<Indicator>,
    existing: &[Evaluation],
    mut fresh: impl FnMut() -> String,
    now_ms: u64,
) -> Envelope {
    let mut evaluations = forms;
    if evaluations.is_empty() && !rows.is_empty() {
        evaluations.push(Evaluation {
            indicators: rows,
            ..Evaluation::default()
        });
    }
    let mut used: Vec<String> = Vec::new();
    for e in &mut evaluations {
        let matched = identity(e).and_then(|key| {
            existing
                .iter()
                .find(|x| identity(x).as_ref() == Some(&key) && !used.contains(&x.id))
                .map(|x| x.id.clone())
        });
        let id = matched.unwrap_or_else(&mut fresh);
        used.push(id.clone());
        e.id = id;
        for (i, row) in e.indicators.iter_mut().enumerate() {
            row.id = format!("{}-r{i}", e.id);
        }
        e.created_at = now_ms;
        e.updated_at = now_ms;
    }
    Envelope::new(evaluations, Vec::new(), now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(dept: &str, year: &str, name: &str) -> Evaluation {
        Evaluation {
            id: "x".into(),
            department: dept.into(),
            year: year.into(),
            project_name: name.into(),
            indicators: vec![Indicator::default()],
            ..Evaluation::default()
        }
    }

    #[test]
    fn a_form_already_stored_keeps_its_id_others_get_fresh_ones() {
        let stored = vec![Evaluation {
            id: "e1".into(),
            ..form("衡山县商务和粮食局", "2022", "招商引资")
        }];
        let forms = vec![
            form("衡山县商务和粮食局", "2022", "招 商 引 资"),
            form("衡山县商务和粮食局", "2023", "招商引资"),
        ];
        let mut n = 0;
        let env = envelope_of(
            forms,
            Vec::new(),
            &stored,
            || {
                n += 1;
                format!("new{n}")
            },
            7,
        );
        let ids: Vec<&str> = env.evaluations.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e1", "new1"]);
        assert_eq!(env.evaluations[1].indicators[0].id, "new1-r0");
        assert_eq!(env.evaluations[0].updated_at, 7);
    }

    #[test]
    fn rows_alone_make_one_new_form() {
        let rows = vec![Indicator::default(), Indicator::default()];
        let env = envelope_of(Vec::new(), rows, &[], || "n".into(), 1);
        assert_eq!(env.evaluations.len(), 1);
        assert_eq!(env.evaluations[0].indicators.len(), 2);
    }
}
