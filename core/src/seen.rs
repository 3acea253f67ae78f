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
}

/// Finds the entries of one JSON object that repeat an earlier key,
/// without allocating for the few members of a typical object.
pub(crate) struct Repeats<'k> {
    large: Option<std::collections::HashSet<&'k str>>,
}

impl<'k> Repeats<'k> {
    /// For an object of `len` entries.
    pub(crate) fn new(len: usize) -> Repeats<'k> {
        Repeats {
            large: (len > LINEAR_LIMIT).then(|| std::collections::HashSet::with_capacity(len)),
        }
    }

    /// True when the key of `entries[index]` appeared at an earlier index.
    /// Call it for every index in order.
    pub(crate) fn at<V>(
        &mut self,
        entries: &'k [(std::borrow::Cow<'_, str>, V)],
        index: usize,
    ) -> bool {
        let key = entries[index].0.as_ref();
        match &mut self.large {
            None => entries[..index].iter().any(|(k, _)| k == key),
            Some(set) => !set.insert(key),
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
    }

    #[test]
    fn repeats_are_found_in_small_and_large_objects() {
        for len in [3usize, 100] {
            let mut entries: Vec<(std::borrow::Cow<'_, str>, ())> =
                (0..len).map(|i| (format!("k{i}").into(), ())).collect();
            entries.push(("k1".into(), ()));
            let mut repeats = Repeats::new(entries.len());
            let found: Vec<usize> = (0..entries.len())
                .filter(|&i| repeats.at(&entries, i))
                .collect();
            assert_eq!(found, [len], "{len}");
        }
    }
}
