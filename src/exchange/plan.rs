//! What an import will do, shown before it is done: new documents are added; a document whose id
//! already exists is never silently overwritten — the user picks replace, keep both or skip,
//! seeing which copy is newer.

use super::json::Envelope;
use crate::model::{DepartmentEvaluation, Evaluation, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// 项目支出绩效自评表
    Project,
    /// 部门整体支出绩效自评表
    Department,
}

/// Which copy was edited last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newer {
    Incoming,
    Existing,
    Same,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub existing_title: String,
    pub existing_updated_at: u64,
    pub incoming_updated_at: u64,
    pub newer: Newer,
    /// Both copies say the same (times and row ids aside): nothing to import.
    pub identical: bool,
}

/// Where a document of an import stands against what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Not stored here.
    New,
    /// Stored with the same content.
    Same,
    /// Stored, and the file's copy was edited later.
    Newer,
    /// Stored, and the stored copy was edited later.
    Older,
    /// Stored with other content and the same edit time: which is right cannot be told.
    Conflicting,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::Same,
        Status::Newer,
        Status::Older,
        Status::Conflicting,
    ];

    /// A stable name for the page (Debug formatting is compiled out of the browser build).
    pub fn key(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Same => "same",
            Status::Newer => "newer",
            Status::Older => "older",
            Status::Conflicting => "conflicting",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::New => "新增",
            Status::Same => "与本机相同",
            Status::Newer => "较本机新",
            Status::Older => "较本机旧",
            Status::Conflicting => "与本机不同",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    pub kind: DocKind,
    pub id: String,
    /// 项目名称 / 部门名称 with the year.
    pub title: String,
    pub conflict: Option<Conflict>,
}

impl PlanItem {
    pub fn status(&self) -> Status {
        match &self.conflict {
            None => Status::New,
            Some(c) if c.identical => Status::Same,
            Some(c) => match c.newer {
                Newer::Incoming => Status::Newer,
                Newer::Existing => Status::Older,
                Newer::Same => Status::Conflicting,
            },
        }
    }

    /// What the preview proposes: add what is new, take a copy edited later than the stored
    /// one; keep the stored copy otherwise (the user may choose again).
    pub fn proposed(&self) -> Choice {
        match self.status() {
            Status::New | Status::Newer => Choice::Replace,
            Status::Same | Status::Older | Status::Conflicting => Choice::Skip,
        }
    }
}

/// The user's answer for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Add it (no conflict) or replace the existing copy.
    Replace,
    /// Add it beside the existing copy under a new id.
    KeepBoth,
    Skip,
}

/// One change to make to the workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    AddProject(Evaluation),
    ReplaceProject(Evaluation),
    AddDepartment(DepartmentEvaluation),
    ReplaceDepartment(DepartmentEvaluation),
}

fn project_title(e: &Evaluation) -> String {
    if e.template.is_department() {
        return format!(
            "{} · {}年 {}",
            e.department.trim(),
            e.year.trim(),
            crate::templates::form_title(e)
        );
    }
    let name = if e.project_name.trim().is_empty() {
        "（未命名项目）"
    } else {
        e.project_name.trim()
    };
    format!("{} · {}年", name, e.year.trim())
}

fn department_title(d: &DepartmentEvaluation) -> String {
    let name = if d.department.trim().is_empty() {
        "（未填部门）"
    } else {
        d.department.trim()
    };
    format!("{} · {}年 部门整体支出", name, d.year.trim())
}

fn newer(existing: u64, incoming: u64) -> Newer {
    match incoming.cmp(&existing) {
        std::cmp::Ordering::Greater => Newer::Incoming,
        std::cmp::Ordering::Less => Newer::Existing,
        std::cmp::Ordering::Equal => Newer::Same,
    }
}

/// What makes two forms the same project whatever their ids: the department, the year and the
/// project's name, with spaces and full-width spaces ignored. None when the name or the year is
/// blank (such forms cannot be told apart by content).
pub(crate) fn project_identity(e: &Evaluation) -> Option<(String, String, String)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // a department's own 自评表 is named by its department-year and its template (a department
    // may keep one of each layout)
    let name = if e.template.is_department() {
        format!("部门整体支出绩效自评表:{}", e.template.key())
    } else {
        squeeze(&e.project_name)
    };
    let (dept, year) = (squeeze(&e.department), squeeze(&e.year));
    let named = !name.is_empty() && !year.is_empty();
    (named && (!e.template.is_department() || !dept.is_empty())).then_some((dept, year, name))
}

/// The department-year a department form is for; None when either is blank.
pub(crate) fn department_identity(d: &DepartmentEvaluation) -> Option<(String, String)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (dept, year) = (squeeze(&d.department), squeeze(&d.year));
    (!dept.is_empty() && !year.is_empty()).then_some((dept, year))
}

/// The same project sent twice under different ids (a form retyped, re-exported from Excel, or
/// made by another copy of ziping) must not become a silent duplicate: a form of the file whose
/// id is new here but whose department, year and project name match a stored form takes that
/// form's id, so the plan offers it as a replacement (or "keep both"). Likewise a department
/// form for a department-year already stored. Each stored form is matched at most once.
pub fn align_same_documents(ws: &Workspace, mut env: Envelope) -> Envelope {
    let (incoming, stored) = (&mut env.evaluations, &ws.evaluations);
    for (i, old) in twins(incoming, stored, |e| &e.id, project_identity) {
        incoming[i].id = stored[old].id.clone();
    }
    let (incoming, stored) = (&mut env.departments, &ws.departments);
    for (i, old) in twins(incoming, stored, |d| &d.id, department_identity) {
        incoming[i].id = stored[old].id.clone();
    }
    env
}

/// Pairs (incoming, stored) by position: an incoming document whose id is new here and the first
/// stored one with the same identity that is not itself in the file and not paired yet. Each
/// identity is computed once (a county's file against a county's workspace: thousands of each).
fn twins<T, K: Eq + std::hash::Hash>(
    incoming: &[T],
    stored: &[T],
    id: impl Fn(&T) -> &String,
    identity: impl Fn(&T) -> Option<K>,
) -> Vec<(usize, usize)> {
    use std::collections::{HashMap, HashSet, VecDeque};
    let stored_ids: HashSet<&String> = stored.iter().map(&id).collect();
    let incoming_ids: HashSet<&String> = incoming.iter().map(&id).collect();
    let mut by_identity: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (j, old) in stored.iter().enumerate() {
        if let Some(k) = identity(old).filter(|_| !incoming_ids.contains(id(old))) {
            by_identity.entry(k).or_default().push_back(j);
        }
    }
    let mut pairs = Vec::new();
    for (i, doc) in incoming.iter().enumerate() {
        if stored_ids.contains(id(doc)) {
            continue;
        }
        let twin = identity(doc).and_then(|k| by_identity.get_mut(&k)?.pop_front());
        if let Some(old) = twin {
            pairs.push((i, old));
        }
    }
    pairs
}

/// Whether two copies of a project form say the same: edit times and row ids (which each copy of
/// ziping makes for itself) aside.
fn same_project(a: &Evaluation, b: &Evaluation) -> bool {
    if a.indicators.len() != b.indicators.len() {
        return false;
    }
    let mut b = b.clone();
    (b.id, b.updated_at, b.created_at) = (a.id.clone(), a.updated_at, a.created_at);
    for (x, y) in a.indicators.iter().zip(b.indicators.iter_mut()) {
        y.id = x.id.clone();
    }
    *a == b
}

fn same_department(a: &DepartmentEvaluation, b: &DepartmentEvaluation) -> bool {
    let mut b = b.clone();
    (b.id, b.updated_at, b.created_at) = (a.id.clone(), a.updated_at, a.created_at);
    *a == b
}

/// The preview: one item per document in the file, projects first.
pub fn plan(ws: &Workspace, env: &Envelope) -> Vec<PlanItem> {
    let projects = env.evaluations.iter().map(|e| PlanItem {
        kind: DocKind::Project,
        id: e.id.clone(),
        title: project_title(e),
        conflict: ws.get(&e.id).map(|old| Conflict {
            existing_title: project_title(old),
            existing_updated_at: old.updated_at,
            incoming_updated_at: e.updated_at,
            newer: newer(old.updated_at, e.updated_at),
            identical: same_project(old, e),
        }),
    });
    let departments = env.departments.iter().map(|d| PlanItem {
        kind: DocKind::Department,
        id: d.id.clone(),
        title: department_title(d),
        conflict: ws
            .departments
            .iter()
            .find(|old| old.id == d.id)
            .map(|old| Conflict {
                existing_title: department_title(old),
                existing_updated_at: old.updated_at,
                incoming_updated_at: d.updated_at,
                newer: newer(old.updated_at, d.updated_at),
                identical: same_department(old, d),
            }),
    });
    projects.chain(departments).collect()
}

/// Turns the file and the user's choices (one per plan item, in plan order) into actions.
/// `taken` tells whether an id is in use anywhere (workspace, trash, unreadable entries), so
/// "keep both" copies get fresh ids.
pub fn actions(env: Envelope, choices: &[Choice], taken: impl Fn(&str) -> bool) -> Vec<Action> {
    let mut used: Vec<String> = Vec::new();
    let mut fresh = |base: &str| -> String {
        let mut n = 2;
        loop {
            let candidate = format!("{base}-copy{n}");
            if !taken(&candidate) && !used.contains(&candidate) {
                used.push(candidate.clone());
                return candidate;
            }
            n += 1;
        }
    };
    let mut out = Vec::new();
    let mut choice = choices.iter().copied();
    for e in env.evaluations {
        match (choice.next().unwrap_or(Choice::Skip), taken(&e.id)) {
            (Choice::Skip, _) => {}
            (Choice::Replace, true) => out.push(Action::ReplaceProject(e)),
            (Choice::Replace, false) => out.push(Action::AddProject(e)),
            (Choice::KeepBoth, false) => out.push(Action::AddProject(e)),
            (Choice::KeepBoth, true) => {
                let id = fresh(&e.id);
                let mut e = e;
                for (i, row) in e.indicators.iter_mut().enumerate() {
                    row.id = format!("{id}-r{i}");
                }
                e.id = id;
                out.push(Action::AddProject(e));
            }
        }
    }
    for d in env.departments {
        match (choice.next().unwrap_or(Choice::Skip), taken(&d.id)) {
            (Choice::Skip, _) => {}
            (Choice::Replace, true) => out.push(Action::ReplaceDepartment(d)),
            (Choice::Replace, false) | (Choice::KeepBoth, false) => {
                out.push(Action::AddDepartment(d))
            }
            (Choice::KeepBoth, true) => {
                let mut d = d;
                d.id = fresh(&d.id);
                out.push(Action::AddDepartment(d));
            }
        }
    }
    out
}

/// Applies actions to a workspace (the native counterpart of what the UI does).
pub fn apply(ws: &mut Workspace, actions: Vec<Action>) {
    for a in actions {
        match a {
            Action::AddProject(e) => ws.evaluations.push(e),
            Action::ReplaceProject(e) => match ws.get_mut(&e.id) {
                Some(old) => *old = e,
                None => ws.evaluations.push(e),
            },
            Action::AddDepartment(d) => ws.departments.push(d),
            Action::ReplaceDepartment(d) => {
                match ws.departments.iter_mut().find(|x| x.id == d.id) {
                    Some(old) => *old = d,
                    None => ws.departments.push(d),
                }
            }
        }
    }
}
