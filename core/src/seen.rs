//! [`FirstSeen`]: what was first recorded for each key, found in linear
//! time overall however many keys come, without hashing the few keys of a
//! typical input.

use std::collections::HashMap;
use std::hash::Hash;

/// Entries kept in a plain list before switching to a hash map. Pools have
/// a handful of members and providers; hostile inputs can have 100 000.
const LINEAR_LIMIT: usize = 16;

/// A map from keys to the value recorded when each key was first seen.
/// The first [`LINEAR_LIMIT`] keys are kept inline, so the few keys of a
/// typical input cost no allocation.
#[derive(Debug)]
pub(crate) enum FirstSeen<K, V> {
    Few {
        len: usize,
        slots: [Option<(K, V)>; LINEAR_LIMIT],
    },
    Many(HashMap<K, V>),
}

impl<K: Eq + Hash, V> Default for FirstSeen<K, V> {
    fn default() -> Self {
        FirstSeen::Few {
            len: 0,
            slots: [const { None }; LINEAR_LIMIT],
        }
    }
}

impl<K: Eq + Hash, V> FirstSeen<K, V> {
    /// The value first recorded for `key`, recording `value` if the key
    /// is new.
    pub(crate) fn first(&mut self, key: K, value: V) -> &V {
        // Where the key is, decided before any mutable borrow is returned.
        let found = match self {
            FirstSeen::Few { len, slots } => Some(
                slots[..*len]
                    .iter()
                    .position(|slot| slot.as_ref().is_some_and(|(k, _)| *k == key)),
            ),
            FirstSeen::Many(_) => None,
        };
        if let (FirstSeen::Few { len, slots }, Some(None)) = (&mut *self, found)
            && *len == LINEAR_LIMIT
        {
            let map: HashMap<K, V> = slots.iter_mut().filter_map(Option::take).collect();
            *self = FirstSeen::Many(map);
        }
        match self {
            FirstSeen::Few { len, slots } => {
                let at = match found {
                    Some(Some(at)) => at,
                    _ => {
                        slots[*len] = Some((key, value));
                        *len += 1;
                        *len - 1
                    }
                };
                match &slots[at] {
                    Some((_, v)) => v,
                    None => unreachable!("slots below len are filled"),
                }
            }
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
