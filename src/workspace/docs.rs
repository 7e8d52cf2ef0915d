//! The seam between the workspace's operations and wherever the documents are held.

use crate::model::{DepartmentEvaluation, Evaluation, TrashedEvaluation, Workspace};

/// The open documents: project forms in the list's order, department forms, and the trash
/// (newest first). Methods take and return owned values because the page's implementation
/// keeps each form in its own signal and cannot lend references out of it.
pub trait Docs {
    fn eval_ids(&self) -> Vec<String>;
    fn has_eval(&self, id: &str) -> bool;
    fn eval(&self, id: &str) -> Option<Evaluation>;
    /// Replaces the form with the same id; false when there is none.
    fn set_eval(&mut self, e: Evaluation) -> bool;
    /// Changes a form in place; false when there is none.
    fn update_eval(&mut self, id: &str, f: &mut dyn FnMut(&mut Evaluation)) -> bool;
    /// Adds a form at the end of the list.
    fn push_eval(&mut self, e: Evaluation);
    fn remove_eval(&mut self, id: &str) -> Option<Evaluation>;

    fn has_dept(&self, id: &str) -> bool;
    fn dept(&self, id: &str) -> Option<DepartmentEvaluation>;
    /// Replaces the department form with the same id; false when there is none.
    fn set_dept(&mut self, d: DepartmentEvaluation) -> bool;
    fn push_dept(&mut self, d: DepartmentEvaluation);
    fn remove_dept(&mut self, id: &str) -> Option<DepartmentEvaluation>;

    fn in_trash(&self, id: &str) -> bool;
    fn trashed(&self, id: &str) -> Option<TrashedEvaluation>;
    /// Puts an entry at the top of the trash.
    fn trash_front(&mut self, t: TrashedEvaluation);
    /// Puts entries back at the bottom of the trash (an emptied trash, undone).
    fn trash_back(&mut self, items: Vec<TrashedEvaluation>);
    fn untrash(&mut self, id: &str) -> Option<TrashedEvaluation>;
    fn take_trash(&mut self) -> Vec<TrashedEvaluation>;
}

impl Docs for Workspace {
    fn eval_ids(&self) -> Vec<String> {
        self.evaluations.iter().map(|e| e.id.clone()).collect()
    }
    fn has_eval(&self, id: &str) -> bool {
        self.contains(id)
    }
    fn eval(&self, id: &str) -> Option<Evaluation> {
        self.get(id).cloned()
    }
    fn set_eval(&mut self, e: Evaluation) -> bool {
        match self.get_mut(&e.id) {
            Some(slot) => {
                *slot = e;
                true
            }
            None => false,
        }
    }
    fn update_eval(&mut self, id: &str, f: &mut dyn FnMut(&mut Evaluation)) -> bool {
        match self.get_mut(id) {
            Some(e) => {
                f(e);
                true
            }
            None => false,
        }
    }
    fn push_eval(&mut self, e: Evaluation) {
        self.evaluations.push(e);
    }
    fn remove_eval(&mut self, id: &str) -> Option<Evaluation> {
        self.remove(id).map(|(_, e)| e)
    }

    fn has_dept(&self, id: &str) -> bool {
        self.departments.iter().any(|d| d.id == id)
    }
    fn dept(&self, id: &str) -> Option<DepartmentEvaluation> {
        self.departments.iter().find(|d| d.id == id).cloned()
    }
    fn set_dept(&mut self, d: DepartmentEvaluation) -> bool {
        match self.departments.iter_mut().find(|x| x.id == d.id) {
            Some(slot) => {
                *slot = d;
                true
            }
            None => false,
        }
    }
    fn push_dept(&mut self, d: DepartmentEvaluation) {
        self.departments.push(d);
    }
    fn remove_dept(&mut self, id: &str) -> Option<DepartmentEvaluation> {
        let pos = self.departments.iter().position(|d| d.id == id)?;
        Some(self.departments.remove(pos))
    }

    fn in_trash(&self, id: &str) -> bool {
        self.trash.iter().any(|t| t.evaluation.id == id)
    }
    fn trashed(&self, id: &str) -> Option<TrashedEvaluation> {
        self.trash.iter().find(|t| t.evaluation.id == id).cloned()
    }
    fn trash_front(&mut self, t: TrashedEvaluation) {
        self.trash.insert(0, t);
    }
    fn trash_back(&mut self, items: Vec<TrashedEvaluation>) {
        self.trash.extend(items);
    }
    fn untrash(&mut self, id: &str) -> Option<TrashedEvaluation> {
        let pos = self.trash.iter().position(|t| t.evaluation.id == id)?;
        Some(self.trash.remove(pos))
    }
    fn take_trash(&mut self) -> Vec<TrashedEvaluation> {
        std::mem::take(&mut self.trash)
    }
}
