//! JSON trees (`serde_json::Value`) to and from the model through text.
//!
//! The page reads its documents from text (`serde_json::from_str`: every stored form at start).
//! Reading a tree straight into a type (`serde_json::from_value`) compiles a second copy of every
//! type's deserialising code, for a second deserialiser; writing a type into a tree
//! (`to_value`), a second copy of its serialising code. The trees are only needed on rare paths
//! (an older stored or exported version, a refused import's culprit, a two-tab merge), so these go
//! through text: a few microseconds a form there, and ≈ 15 KB brotli less in the page's module
//! (docs/BENCHMARKS.md).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// `tree` read as a `T`. An error names the fault as `from_value` would, without a text position
/// (the text is made here, not the user's).
pub fn from_tree<T: DeserializeOwned>(tree: &Value) -> Result<T, TreeError> {
    serde_json::from_str(&tree.to_string()).map_err(|e| TreeError(unpositioned(&e)))
}

/// `doc` as a tree.
pub fn to_tree<T: Serialize>(doc: &T) -> Value {
    serde_json::to_string(doc)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Why a tree is not a `T`: serde's words ("missing field `id`", "invalid type: …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeError(pub String);

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn unpositioned(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    s.strip_suffix(&suffix).unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evaluation;

    #[test]
    fn a_form_goes_through_a_tree_unchanged() {
        let e = crate::samples::SAMPLES[0].build();
        let tree = to_tree(&e);
        assert_eq!(tree["id"], Value::String(e.id.clone()));
        assert_eq!(from_tree::<Evaluation>(&tree), Ok(e));
    }

    #[test]
    fn a_wrong_tree_says_what_is_wrong_without_a_position() {
        let tree = serde_json::json!({ "id": 5 });
        let err = from_tree::<Evaluation>(&tree).expect_err("a number for the id");
        assert!(err.0.starts_with("invalid type: integer `5`"), "{err}");
        assert!(!err.0.contains(" at line "), "{err}");
    }
}
