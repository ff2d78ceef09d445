//! The agent's side of the token cache ([`crate::token_cache`]): entries
//! in the agent's memory, forgotten with its keys.

use serde_json::{json, Value};

/// The most entries the agent holds (as [`crate::token_cache::MAX_ENTRIES`]).
pub const MAX_ENTRIES: usize = 1000;

/// The agent's side: entries in memory, at most [`MAX_ENTRIES`].
#[derive(Debug, Default)]
pub struct Memory {
    entries: std::collections::BTreeMap<String, Value>,
}

impl Memory {
    /// Forget every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Answer a `cache_*` request (`op` named); `None` for other ops.
    pub fn answer(&mut self, req: &Value, now: i64) -> Option<Value> {
        let id = req["id"]
            .as_str()
            .filter(|i| i.len() == 64 && i.bytes().all(|b| b.is_ascii_hexdigit()));
        let expired = |v: &Value| v["expires_at"].as_i64().is_none_or(|t| t <= now);
        Some(match req["op"].as_str()? {
            "cache_get" => match id {
                None => json!({"error": "cache_get needs an id"}),
                Some(id) => {
                    let e = self.entries.get(id).filter(|v| !expired(v));
                    json!({ "entry": e })
                }
            },
            "cache_put" => match id {
                None => json!({"error": "cache_put needs an id"}),
                Some(id) => {
                    self.entries.retain(|_, v| !expired(v));
                    if self.entries.len() >= MAX_ENTRIES && !self.entries.contains_key(id) {
                        return Some(
                            json!({"error": "the agent holds its most token cache entries"}),
                        );
                    }
                    self.entries.insert(id.to_string(), req["entry"].clone());
                    json!({ "stored": true })
                }
            },
            "cache_list" => {
                self.entries.retain(|_, v| !expired(v));
                json!({ "entries": self.entries.iter().map(|(id, e)| json!({"id": id, "entry": e})).collect::<Vec<_>>() })
            }
            "cache_remove" => match id {
                None => json!({"error": "cache_remove needs an id"}),
                Some(id) => json!({ "removed": self.entries.remove(id).is_some() }),
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agent_memory_is_bounded_and_drops_expired_entries() {
        let mut m = Memory::default();
        let id = "a".repeat(64);
        let put = json!({"op": "cache_put", "id": id, "entry": {"expires_at": 100}});
        assert_eq!(m.answer(&put, 0).unwrap()["stored"], true);
        assert!(m.answer(&json!({"op": "cache_get", "id": id}), 50).unwrap()["entry"].is_object());
        assert!(m
            .answer(&json!({"op": "cache_get", "id": id}), 100)
            .unwrap()["entry"]
            .is_null());
        assert!(m
            .answer(&json!({"op": "cache_get", "id": "../x"}), 0)
            .unwrap()["error"]
            .is_string());
        assert!(m.answer(&json!({"op": "sign"}), 0).is_none());
    }
}
