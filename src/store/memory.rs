//! An in-memory [`KeyValueStore`] for native tests, with an optional quota and an
//! "unavailable" switch to rehearse the browser's failures.

use super::{KeyValueStore, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub entries: BTreeMap<String, String>,
    /// Maximum total bytes of keys + values, like the browser's ~5 MB quota.
    pub quota: Option<usize>,
    pub unavailable: bool,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
    fn used(&self) -> usize {
        self.entries.iter().map(|(k, v)| k.len() + v.len()).sum()
    }
    fn check(&self) -> Result<(), StoreError> {
        if self.unavailable {
            Err(StoreError::Unavailable("disabled".into()))
        } else {
            Ok(())
        }
    }
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
                .map(|v| key.len() + v.len())
                .unwrap_or(0);
            if self.used() - old + key.len() + value.len() > q {
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
