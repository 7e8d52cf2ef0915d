//! Many evaluations from day one: the workspace the list, the store and (later) the summary
//! and exchange work on.

use super::{DepartmentEvaluation, Evaluation};
use serde::{Deserialize, Serialize};

/// Version of the stored and exported document shape. Bump it when a field changes meaning and
/// add a migration in `store::migrate`.
pub const SCHEMA_VERSION: u32 = 2;

/// The schema version a stored form is written with: 2 when it says something only the
/// templates' layout holds (`Evaluation::uses_templates`), so that a tab of an older ziping left
/// open keeps it aside untouched instead of reading it by other rules and saving it back without
/// its template; 1 otherwise (every other copy reads it as ever). Versions 1 and 2 have one shape:
/// 2 only adds fields.
pub fn schema_version_of(e: &super::Evaluation) -> u32 {
    if e.uses_templates() {
        2
    } else {
        1
    }
}

/// The schema version of the index and of department forms, which the templates did not change.
pub const FIRST_SCHEMA_VERSION: u32 = 1;

/// One stored evaluation: the document plus the schema version it was written with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEvaluation {
    pub schema_version: u32,
    pub evaluation: Evaluation,
}

/// One stored department form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDepartment {
    pub schema_version: u32,
    pub department: DepartmentEvaluation,
}

/// An evaluation in the trash: kept until the trash is emptied, restorable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashedEvaluation {
    pub evaluation: Evaluation,
    /// Milliseconds since the epoch.
    pub deleted_at: u64,
}

/// One stored trash entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTrash {
    pub schema_version: u32,
    pub trashed: TrashedEvaluation,
}

impl Identified for TrashedEvaluation {
    fn id(&self) -> &str {
        &self.evaluation.id
    }
}

/// Anything stored under its own id.
pub trait Identified {
    fn id(&self) -> &str;
}

impl Identified for Evaluation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Identified for DepartmentEvaluation {
    fn id(&self) -> &str {
        &self.id
    }
}

/// The project evaluations, in the user's order, and the department forms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workspace {
    pub evaluations: Vec<Evaluation>,
    pub departments: Vec<DepartmentEvaluation>,
    /// Deleted evaluations, newest first.
    pub trash: Vec<TrashedEvaluation>,
}

impl Workspace {
    pub fn get(&self, id: &str) -> Option<&Evaluation> {
        self.evaluations.iter().find(|e| e.id == id)
    }
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Evaluation> {
        self.evaluations.iter_mut().find(|e| e.id == id)
    }
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
    /// Removes an evaluation, returning it and its position (for undo).
    pub fn remove(&mut self, id: &str) -> Option<(usize, Evaluation)> {
        let pos = self.evaluations.iter().position(|e| e.id == id)?;
        Some((pos, self.evaluations.remove(pos)))
    }
    /// A copy of `e` with an id not used in this workspace: `base`, `base-2`, `base-3`, …
    pub fn unique_id(&self, base: &str) -> String {
        if !self.contains(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !self.contains(c))
            .unwrap_or_else(|| base.to_string())
    }
}

impl Evaluation {
    /// A copy to start next year's form from: same project, targets and weights; actual values,
    /// executed amounts, scores, tiers, reasons and the 复核 cleared; the year moved on by one when it is
    /// a number.
    pub fn next_year_copy(&self, new_id: String, now_ms: u64) -> Evaluation {
        let mut e = self.clone();
        e.id = new_id.clone();
        let year = self.year.trim();
        e.year = match year.parse::<u32>() {
            Ok(y) => y.saturating_add(1).to_string(),
            Err(_) => year.to_string(),
        };
        for row in [
            &mut e.funds.total,
            &mut e.funds.current_year,
            &mut e.funds.carried_over,
            &mut e.funds.other,
        ] {
            row.initial_budget.clear();
            row.annual_budget.clear();
            row.executed.clear();
        }
        e.funds.claimed.clear();
        e.funds.reason.clear();
        e.goal.achieved.clear();
        for (i, row) in e.indicators.iter_mut().enumerate() {
            row.id = format!("{new_id}-r{i}");
            row.actual.clear();
            row.claimed.clear();
            row.reason.clear();
            row.tier = None;
            // last year's 复核 is not this year's
            row.review = Default::default();
        }
        e.review = Default::default();
        e.sign_off.date.clear();
        e.created_at = now_ms;
        e.updated_at = now_ms;
        e
    }
}
