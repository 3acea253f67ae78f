//! [`FirstSeen`]: what was first recorded for each key, found in linear
//! time overall however many keys come, without hashing the few keys of a
//! typical input.

use std::collections::HashMap;
use std::hash::Hash;

/// Entries kept in a plain list before switching to a hash map. Pools have
/// a handful of members and providers; hostile inputs can have 100 000.
const LINEAR_LIMIT: usize = 16;

/// A map from keys to the value recorded when each key was first seen.
#[derive(Debug)]
pub(crate) enum FirstSeen<K, V> {
    Few(Vec<(K, V)>),
    Many(HashMap<K, V>),
}

impl<K: Eq + Hash, V> Default for FirstSeen<K, V> {
    fn default() -> Self {
        FirstSeen::Few(Vec::new())
    }
}

impl<K: Eq + Hash, V> FirstSeen<K, V> {
    /// The value first recorded for `key`, recording `value` if the key
    /// is new.
    pub(crate) fn first(&mut self, key: K, value: V) -> &V {
        if let FirstSeen::Few(entries) = self
            && entries.len() >= LINEAR_LIMIT
            && !entries.iter().any(|(k, _)| *k == key)
        {
            *self = FirstSeen::Many(std::mem::take(entries).into_iter().collect());
        }
        match self {
            FirstSeen::Few(entries) => match entries.iter().position(|(k, _)| *k == key) {
                Some(found) => &entries[found].1,
                None => {
                    entries.push((key, value));
                    &entries[entries.len() - 1].1
                }
            },
            FirstSeen::Many(map) => map.entry(key).or_insert(value),
        }
    }

    /// True when `key` was seen, recording it if not.
    pub(crate) fn seen(&mut self, key: K) -> bool
    where
        V: Default,
    {
        let before = self.len();
        self.first(key, V::default());
        self.len() == before
    }

    /// Whether `key` was seen.
    pub(crate) fn contains<Q>(&self, key: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        match self {
            FirstSeen::Few(entries) => entries.iter().any(|(k, _)| k.borrow() == key),
            FirstSeen::Many(map) => map.contains_key(key),
        }
    }

    fn len(&self) -> usize {
        match self {
            FirstSeen::Few(entries) => entries.len(),
            FirstSeen::Many(map) => map.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_value_across_the_switch_to_hashing() {
        let mut seen: FirstSeen<String, usize> = FirstSeen::default();
        for i in 0..100 {
            assert_eq!(*seen.first(format!("k{}", i % 40), i), i % 40);
        }
        assert!(matches!(seen, FirstSeen::Many(_)));
        assert!(seen.contains("k39"));
        assert!(!seen.contains("k40"));
        let mut set: FirstSeen<&str, ()> = FirstSeen::default();
        assert!(!set.seen("a"));
        assert!(set.seen("a"));
    }
}
