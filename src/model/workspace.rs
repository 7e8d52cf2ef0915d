//! Many evaluations from day one: the workspace the list, the store and (later) the summary
//! and exchange work on.

use super::{DepartmentEvaluation, Evaluation};
use serde::{Deserialize, Serialize};

/// Version of the stored and exported document shape. Bump it when a field changes meaning and
/// add a migration in `store::migrate`.
pub const SCHEMA_VERSION: u32 = 1;

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
