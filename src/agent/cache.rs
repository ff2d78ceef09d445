//! The agent's side of the token cache ([`crate::token_cache`]): entries
//! in the agent's memory, forgotten with its keys.

use serde_json::{json, Value};

/// The most entries the agent holds (as [`crate::token_cache::MAX_ENTRIES`]).
pub const MAX_ENTRIES: usize = 1000;

/// The most bytes of entries one `cache_list` answer carries: well inside
/// the agent's message limit ([`super::MAX_MESSAGE`]); the answer's `more`
/// counts those left out.
const LIST_BUDGET: usize = super::MAX_MESSAGE / 2;

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
            // Without token values (only the token_type of the response),
            // and no more than fits well inside one agent message.
            "cache_list" => {
                self.entries.retain(|_, v| !expired(v));
                let mut out = Vec::new();
                let mut size = 0;
                let mut left = 0;
                for (id, e) in &self.entries {
                    let mut e = e.clone();
                    e["response"] = json!({ "token_type": e["response"]["token_type"] });
                    let item = json!({"id": id, "entry": e});
                    let n = item.to_string().len();
                    if size + n > LIST_BUDGET {
                        left += 1;
                        continue;
                    }
                    size += n;
                    out.push(item);
                }
                json!({ "entries": out, "more": left })
            }
            // Forget the entries of a profile or a keystore (every entry
            // when neither is given), in the agent: no list round trip.
            "cache_clear" => {
                let profile = req["profile"].as_str();
                let keystore = req["keystore"].as_str();
                let before = self.entries.len();
                self.entries.retain(|_, v| {
                    let key = &v["key"];
                    let selected = match (profile, keystore) {
                        (None, None) => true,
                        (p, k) => {
                            p.is_some_and(|p| key["profile"].as_str() == Some(p))
                                || k.is_some_and(|k| key["keystore"].as_str() == Some(k))
                        }
                    };
                    !selected
                });
                json!({ "removed": before - self.entries.len() })
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
        // A list carries no token, and stays inside one message however
        // many entries there are; a clear happens in the agent.
        let mut m = Memory::default();
        for i in 0..MAX_ENTRIES {
            let id = format!("{i:064x}");
            let entry = json!({"expires_at": 100, "key": {"profile": if i % 2 == 0 { "a" } else { "b" }, "keystore": "ks"},
                "response": {"access_token": "x".repeat(2000), "token_type": "Bearer"}});
            m.answer(&json!({"op": "cache_put", "id": id, "entry": entry}), 0);
        }
        let list = m.answer(&json!({"op": "cache_list"}), 0).unwrap();
        assert!(list.to_string().len() < crate::agent::MAX_MESSAGE);
        assert!(!list.to_string().contains("xxxx"));
        assert!(list["more"].as_u64().unwrap() > 0);
        let r = m
            .answer(&json!({"op": "cache_clear", "profile": "a"}), 0)
            .unwrap();
        assert_eq!(r["removed"], MAX_ENTRIES / 2);
        let r = m.answer(&json!({"op": "cache_clear"}), 0).unwrap();
        assert_eq!(r["removed"], MAX_ENTRIES / 2);
    }
}
