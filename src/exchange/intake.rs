//! Bulk intake: the reviewer selects many files, a folder or a .zip of every department's forms;
//! each file is read on its own (an export, a CSV, an office document), and the batch becomes one
//! import with one preview: per file what it gave (forms found, new / same as stored / newer /
//! older / different, or refused with its reason), per form the usual choice, one confirmation.
//!
//! The same form can arrive twice in one batch (a department sends its export and, later, a
//! corrected one; or the same project under two ids): the batch keeps the copy edited last and
//! counts the other as superseded in its file's line, so nothing is silently duplicated.

use super::json::Envelope;
use super::plan::{
    align_same_documents, department_identity, plan, project_identity, PlanItem, Status,
};
use crate::import::PreviewForm;
use crate::model::{DepartmentEvaluation, Evaluation, Workspace};
use std::collections::HashMap;

/// What one file of the batch gave.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// The file's name (with its folder or archive path).
    pub file: String,
    pub read: Result<Arrived, String>,
}

/// The documents a file holds, with ids already given (see `import::adopt::envelope_of`).
#[derive(Debug, Clone)]
pub struct Arrived {
    pub envelope: Envelope,
    /// For the envelope's project forms read from an office document, in order, the account of
    /// the reading (shorter than `envelope.evaluations` or empty for an export).
    pub recognised: Vec<PreviewForm>,
}

/// One file's line in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    pub file: String,
    /// Why nothing of the file can be imported.
    pub refused: Option<String>,
    /// The plan items that come from this file.
    pub items: Vec<usize>,
    /// Documents of this file that another file of the batch has in a later copy.
    pub superseded: usize,
}

impl FileOutcome {
    /// How many of this file's items stand where: `(status, count)` for the statuses present.
    pub fn counts(&self, items: &[PlanItem]) -> Vec<(Status, usize)> {
        Status::ALL
            .iter()
            .map(|&s| {
                let n = self
                    .items
                    .iter()
                    .filter(|&&i| items.get(i).is_some_and(|it| it.status() == s))
                    .count();
                (s, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }
}

/// The batch as one import.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Every document to offer, projects first (the plan's order).
    pub envelope: Envelope,
    /// Per project form of `envelope`: the account of its reading when it came from an office
    /// document.
    pub recognised: Vec<Option<PreviewForm>>,
    pub items: Vec<PlanItem>,
    pub files: Vec<FileOutcome>,
}

impl Batch {
    /// The files that gave nothing to import, with their reasons.
    pub fn refused(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter_map(|f| Some((f.file.as_str(), f.refused.as_deref()?)))
    }
}

/// One document kept for the batch, and the file it comes from.
struct Slot<T> {
    doc: T,
    file: usize,
    extra: Option<PreviewForm>,
}

/// Keeps, among documents that are the same (same id, or same identity), the one edited last; a
/// tie goes to the file read later. Returns the losers' files.
fn keep_latest<T, K: Eq + std::hash::Hash + Clone>(
    arrivals: impl Iterator<Item = (usize, T, Option<PreviewForm>)>,
    id: impl Fn(&T) -> &String,
    identity: impl Fn(&T) -> Option<K>,
    updated: impl Fn(&T) -> u64,
) -> (Vec<Slot<T>>, Vec<usize>) {
    let mut slots: Vec<Slot<T>> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_identity: HashMap<K, usize> = HashMap::new();
    let mut losers = Vec::new();
    for (file, doc, extra) in arrivals {
        let key = identity(&doc);
        let earlier = by_id
            .get(id(&doc))
            .or_else(|| key.as_ref().and_then(|k| by_identity.get(k)))
            .copied();
        let at = match earlier {
            Some(at) if updated(&slots[at].doc) > updated(&doc) => {
                losers.push(file);
                continue;
            }
            Some(at) => {
                losers.push(slots[at].file);
                slots[at] = Slot { doc, file, extra };
                at
            }
            None => {
                slots.push(Slot { doc, file, extra });
                slots.len() - 1
            }
        };
        by_id.insert(id(&slots[at].doc).clone(), at);
        if let Some(k) = identity(&slots[at].doc) {
            by_identity.insert(k, at);
        }
    }
    (slots, losers)
}

/// The batch's preview against the workspace: documents combined across files (the latest copy
/// of each kept), matched with stored forms (same project under another id included), planned.
pub fn gather(ws: &Workspace, arrivals: Vec<Arrival>, now_ms: u64) -> Batch {
    let mut files: Vec<FileOutcome> = Vec::with_capacity(arrivals.len());
    let mut projects: Vec<(usize, Evaluation, Option<PreviewForm>)> = Vec::new();
    let mut departments: Vec<(usize, DepartmentEvaluation, Option<PreviewForm>)> = Vec::new();
    for (n, arrival) in arrivals.into_iter().enumerate() {
        let refused = match arrival.read {
            Err(why) => Some(why),
            Ok(Arrived {
                envelope,
                recognised,
            }) => {
                let mut recognised = recognised.into_iter();
                for e in envelope.evaluations {
                    projects.push((n, e, recognised.next()));
                }
                for d in envelope.departments {
                    departments.push((n, d, None));
                }
                None
            }
        };
        files.push(FileOutcome {
            file: arrival.file,
            refused,
            items: Vec::new(),
            superseded: 0,
        });
    }
    let (projects, lost_p) = keep_latest(
        projects.into_iter(),
        |e| &e.id,
        project_identity,
        |e| e.updated_at,
    );
    let (departments, lost_d) = keep_latest(
        departments.into_iter(),
        |d| &d.id,
        department_identity,
        |d| d.updated_at,
    );
    for f in lost_p.into_iter().chain(lost_d) {
        files[f].superseded += 1;
    }
    let sources: Vec<usize> = projects
        .iter()
        .map(|s| s.file)
        .chain(departments.iter().map(|s| s.file))
        .collect();
    let mut recognised = Vec::with_capacity(projects.len());
    let mut evaluations = Vec::with_capacity(projects.len());
    for s in projects {
        evaluations.push(s.doc);
        recognised.push(s.extra);
    }
    let envelope = Envelope::new(
        evaluations,
        departments.into_iter().map(|s| s.doc).collect(),
        now_ms,
    );
    let envelope = align_same_documents(ws, envelope);
    let items = plan(ws, &envelope);
    for (i, f) in sources.into_iter().enumerate() {
        files[f].items.push(i);
    }
    Batch {
        envelope,
        recognised,
        items,
        files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::parse_export;
    use crate::exchange::plan::{actions, apply, Choice};

    fn seed() -> Envelope {
        parse_export(include_bytes!("../../tests/fixtures/v1/seed_samples.json")).unwrap()
    }

    fn export(evaluations: Vec<Evaluation>, departments: Vec<DepartmentEvaluation>) -> Arrived {
        Arrived {
            envelope: Envelope::new(evaluations, departments, 0),
            recognised: Vec::new(),
        }
    }

    fn arrival(file: &str, read: Result<Arrived, String>) -> Arrival {
        Arrival {
            file: file.into(),
            read,
        }
    }

    #[test]
    fn one_list_of_files_with_each_outcome_and_one_plan() {
        let seed = seed();
        let (e, d) = (&seed.evaluations, &seed.departments);
        // stored: 社零 as in the file, 招商引资 edited here later, 储备粮 older here
        let mut ws = Workspace::default();
        ws.evaluations.push(e[0].clone());
        let mut zhaoshang = e[1].clone();
        zhaoshang.updated_at = 9;
        zhaoshang.note = "本机修改".into();
        ws.evaluations.push(zhaoshang);
        ws.evaluations.push(e[2].clone());
        let mut chubei = e[2].clone();
        chubei.updated_at = 5;
        chubei.note = "修改后".into();
        let batch = gather(
            &ws,
            vec![
                arrival(
                    "a.json",
                    Ok(export(vec![e[0].clone(), e[1].clone()], vec![])),
                ),
                arrival("b.docx", Err("不是绩效自评表".into())),
                arrival("c.json", Ok(export(vec![chubei, e[3].clone()], d.clone()))),
            ],
            1,
        );
        let status: Vec<Status> = batch.items.iter().map(PlanItem::status).collect();
        assert_eq!(
            status,
            [
                Status::Same,
                Status::Older,
                Status::Newer,
                Status::New,
                Status::New
            ]
        );
        assert_eq!(batch.files[0].items, [0, 1]);
        assert_eq!(batch.files[1].refused.as_deref(), Some("不是绩效自评表"));
        assert_eq!(batch.files[2].items, [2, 3, 4]);
        assert_eq!(
            batch.files[2].counts(&batch.items),
            [(Status::New, 2), (Status::Newer, 1)]
        );
        assert_eq!(batch.refused().count(), 1);
        // what is proposed: new and newer taken, the rest kept as stored
        let proposed: Vec<Choice> = batch.items.iter().map(PlanItem::proposed).collect();
        let acts = actions(batch.envelope, &proposed, |id| ws.get(id).is_some());
        apply(&mut ws, acts);
        assert_eq!(ws.evaluations.len(), 4);
        assert_eq!(ws.departments.len(), 1);
        assert_eq!(ws.get("sample-chubeiliang").unwrap().note, "修改后");
        assert_eq!(ws.get("sample-zhaoshang").unwrap().updated_at, 9);
    }

    #[test]
    fn the_same_form_twice_in_a_batch_keeps_the_later_copy_whatever_its_id() {
        let seed = seed();
        let first = seed.evaluations[1].clone();
        let mut resent = first.clone();
        resent.id = "retyped-in-excel".into();
        resent.updated_at = 100;
        resent.note = "第二次报送".into();
        let mut older_dept = seed.departments[0].clone();
        older_dept.updated_at = 0;
        let mut newer_dept = older_dept.clone();
        newer_dept.id = "other".into();
        newer_dept.updated_at = 50;
        let batch = gather(
            &Workspace::default(),
            vec![
                arrival("第二次.json", Ok(export(vec![resent], vec![newer_dept]))),
                arrival("第一次.json", Ok(export(vec![first], vec![older_dept]))),
            ],
            1,
        );
        assert_eq!(batch.envelope.evaluations.len(), 1);
        assert_eq!(batch.envelope.evaluations[0].note, "第二次报送");
        assert_eq!(batch.envelope.departments.len(), 1);
        assert_eq!(batch.envelope.departments[0].updated_at, 50);
        assert_eq!(batch.files[0].items, [0, 1]);
        assert_eq!(batch.files[1].superseded, 2);
        assert!(batch.files[1].items.is_empty());
    }

    #[test]
    fn a_form_sent_again_under_another_id_is_offered_as_the_stored_ones_replacement() {
        let seed = seed();
        let mut ws = Workspace::default();
        ws.evaluations.push(seed.evaluations[1].clone());
        let mut again = seed.evaluations[1].clone();
        again.id = "from-another-copy".into();
        for (i, row) in again.indicators.iter_mut().enumerate() {
            row.id = format!("from-another-copy-r{i}");
        }
        again.updated_at = 3;
        let batch = gather(
            &ws,
            vec![arrival("x.json", Ok(export(vec![again], vec![])))],
            1,
        );
        assert_eq!(batch.items[0].id, "sample-zhaoshang");
        // same content (row ids and times aside): nothing to do
        assert_eq!(batch.items[0].status(), Status::Same);
        assert_eq!(batch.items[0].proposed(), Choice::Skip);
    }

    #[test]
    fn the_infozip_fixture_read_file_by_file_gives_the_later_submission() {
        let bytes = include_bytes!("../../tests/fixtures/intake/infozip.zip");
        let entries =
            super::super::zip::unzip(bytes, &|b| String::from_utf8_lossy(b).into()).unwrap();
        let arrivals = entries
            .into_iter()
            .map(|entry| Arrival {
                read: match entry.content {
                    Err(e) => Err(e.message(crate::i18n::Lang::Zh)),
                    Ok(bytes) if entry.name.ends_with(".json") => parse_export(&bytes)
                        .map(|envelope| Arrived {
                            envelope,
                            recognised: Vec::new(),
                        })
                        .map_err(|e| e.message(crate::i18n::Lang::Zh)),
                    Ok(_) => Err("不是绩效自评表".into()),
                },
                file: entry.name,
            })
            .collect();
        let batch = gather(&Workspace::default(), arrivals, 1);
        assert_eq!(batch.files.len(), 3);
        assert!(batch.files[0].refused.is_some());
        // 社零 and the department form from the first, 招商引资 (edited later), 储备粮 and 关闭破产 from the second
        assert_eq!(batch.files[1].superseded, 1);
        assert_eq!(batch.envelope.evaluations.len(), 4);
        let zhaoshang = batch
            .envelope
            .evaluations
            .iter()
            .find(|e| e.id == "sample-zhaoshang")
            .unwrap();
        assert_eq!(zhaoshang.note, "第二次报送");
        assert_eq!(batch.items.len(), 5);
        assert!(batch.items.iter().all(|i| i.status() == Status::New));
    }
}
