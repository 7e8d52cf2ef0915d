//! An in-memory [`KeyValueStore`] for native tests, with an optional quota and an
//! "unavailable" switch to rehearse the browser's failures.

use super::{KeyValueStore, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub entries: BTreeMap<String, String>,
    /// Maximum total of keys + values in UTF-16 code units, like the browser's quota.
    pub quota: Option<usize>,
    pub unavailable: bool,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
    fn used(&self) -> usize {
        self.entries.iter().map(|(k, v)| units(k) + units(v)).sum()
    }
    fn check(&self) -> Result<(), StoreError> {
        if self.unavailable {
            Err(StoreError::Unavailable("disabled".into()))
        } else {
            Ok(())
        }
    }
}

/// What the browser counts against the quota: UTF-16 code units.
fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check()?;
        Ok(self.entries.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check()?;
        if let Some(q) = self.quota {
            let old = self
                .entries
                .get(key)
                .map(|v| units(key) + units(v))
                .unwrap_or(0);
            if self.used() - old + units(key) + units(value) > q {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.entries.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.entries.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check()?;
        Ok(self.entries.keys().cloned().collect())
    }
}
