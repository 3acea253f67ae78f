//! Finding equal keys and putting keys in order without hashing, with one
//! copy of code for every key type.
//!
//! Each structure here holds item *ids* (`usize`, usually positions in a
//! vector the caller owns) and is handed the one comparison it needs as a
//! `&dyn Fn`, so a set of strings, of (key, kind) pairs or of spans of an
//! output buffer all run the same machine code. [`Seen`] is an AVL tree of
//! ids in the order of their items, for sets that grow one item at a time:
//! finding or adding an item costs O(log n) comparisons. [`sorted`] is a
//! merge sort of ids, for orders (and [`Repeats`]) decided at once. However
//! many entries an input holds (hostile ones hold 100 000), every use stays
//! O(n log n).

use std::borrow::Cow;
use std::cmp::Ordering;

/// The order of the items behind two ids.
pub(crate) type Compare<'c> = &'c dyn Fn(usize, usize) -> Ordering;

/// Sets of up to this many members are a plain list, searched from the
/// start: for the few keys of a typical input, that is cheaper than a tree.
const FEW: usize = 16;

/// A set of item ids, kept in the order of their items. Ids whose items
/// are equal are one member: the first one added. Up to [`FEW`] members
/// are a list held inline (no allocation); more are an AVL tree stored in
/// a vector.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    /// The members while they are few, in the order added.
    list: [usize; FEW],
    listed: usize,
    /// The tree, once there are more members.
    nodes: Vec<Node>,
    /// The root's link (see [`Node`]); 0 while the members are a list.
    root: usize,
}

/// One member. Links are a node's position in `nodes` plus one; 0 is none.
#[derive(Debug, Clone, Copy)]
struct Node {
    id: usize,
    left: usize,
    right: usize,
    /// Nodes on the longest path down from here, this one included. An
    /// AVL tree of n nodes is at most 1.45 log2(n + 2) high.
    height: u8,
}

impl Seen {
    /// The member whose item equals the item of `id`; when there is none,
    /// `id` itself, which becomes a member. `cmp` orders the items of two
    /// ids (the one given and the members).
    pub(crate) fn first(&mut self, id: usize, cmp: Compare<'_>) -> usize {
        if self.root == 0 {
            let list = &self.list[..self.listed];
            if let Some(&member) = list.iter().find(|&&m| cmp(id, m) == Ordering::Equal) {
                return member;
            }
            if let Some(slot) = self.list.get_mut(self.listed) {
                *slot = id;
                self.listed += 1;
                return id;
            }
            // The list is full: its members become a tree.
            for member in self.list {
                self.add(member, cmp);
            }
        }
        self.add(id, cmp)
    }

    /// [`Seen::first`] once the members are a tree.
    fn add(&mut self, id: usize, cmp: Compare<'_>) -> usize {
        match self.insert(self.root, id, cmp) {
            Ok(root) => {
                self.root = root;
                id
            }
            Err(member) => member,
        }
    }

    /// The member whose item `probe` finds equal; `probe(member)` orders
    /// the item sought against the member's item.
    pub(crate) fn find(&self, probe: &dyn Fn(usize) -> Ordering) -> Option<usize> {
        if self.root == 0 {
            let list = &self.list[..self.listed];
            return list.iter().copied().find(|&m| probe(m) == Ordering::Equal);
        }
        let mut link = self.root;
        while let Some(node) = self.node(link) {
            link = match probe(node.id) {
                Ordering::Equal => return Some(node.id),
                Ordering::Less => node.left,
                Ordering::Greater => node.right,
            };
        }
        None
    }

    /// Every member, in the order of their items, once they are a tree
    /// (a list's members come in the order they were added).
    #[cfg(test)]
    fn in_order(&self) -> Vec<usize> {
        if self.root == 0 {
            return self.list[..self.listed].to_vec();
        }
        let mut ids = Vec::with_capacity(self.nodes.len());
        // The nodes whose left subtree is done and who are not yet listed.
        let mut pending: Vec<Node> = Vec::new();
        let mut link = self.root;
        loop {
            while let Some(node) = self.node(link) {
                pending.push(node);
                link = node.left;
            }
            let Some(node) = pending.pop() else {
                return ids;
            };
            ids.push(node.id);
            link = node.right;
        }
    }

    fn node(&self, link: usize) -> Option<Node> {
        link.checked_sub(1)
            .and_then(|at| self.nodes.get(at))
            .copied()
    }

    fn height(&self, link: usize) -> u8 {
        self.node(link).map_or(0, |node| node.height)
    }

    /// Adds `id` under the subtree at `link`: the subtree's new root, or
    /// the member equal to `id` (nothing changed then).
    fn insert(&mut self, link: usize, id: usize, cmp: Compare<'_>) -> Result<usize, usize> {
        let Some(node) = self.node(link) else {
            self.nodes.push(Node {
                id,
                left: 0,
                right: 0,
                height: 1,
            });
            return Ok(self.nodes.len());
        };
        match cmp(id, node.id) {
            Ordering::Equal => return Err(node.id),
            Ordering::Less => {
                let left = self.insert(node.left, id, cmp)?;
                self.set(link, |n| n.left = left);
            }
            Ordering::Greater => {
                let right = self.insert(node.right, id, cmp)?;
                self.set(link, |n| n.right = right);
            }
        }
        Ok(self.balance(link))
    }

    fn set(&mut self, link: usize, change: impl FnOnce(&mut Node)) {
        if let Some(node) = link.checked_sub(1).and_then(|at| self.nodes.get_mut(at)) {
            change(node);
        }
    }

    /// Recomputes the height of the node at `link` from its children's.
    fn update(&mut self, link: usize) {
        if let Some(node) = self.node(link) {
            let height = 1 + self.height(node.left).max(self.height(node.right));
            self.set(link, |n| n.height = height);
        }
    }

    /// Restores the balance at `link`, whose subtrees differ in height by
    /// at most two: the subtree's new root.
    fn balance(&mut self, link: usize) -> usize {
        self.update(link);
        let Some(node) = self.node(link) else {
            return link;
        };
        let (left, right) = (self.height(node.left), self.height(node.right));
        if left > right + 1 {
            let child = self.node(node.left).map_or((0, 0), |c| (c.left, c.right));
            if self.height(child.0) < self.height(child.1) {
                let turned = self.rotate(node.left, false);
                self.set(link, |n| n.left = turned);
            }
            self.rotate(link, true)
        } else if right > left + 1 {
            let child = self.node(node.right).map_or((0, 0), |c| (c.left, c.right));
            if self.height(child.1) < self.height(child.0) {
                let turned = self.rotate(node.right, true);
                self.set(link, |n| n.right = turned);
            }
            self.rotate(link, false)
        } else {
            link
        }
    }

    /// Rotates the subtree at `link` right (its left child rises) or left
    /// (its right child rises): the subtree's new root.
    fn rotate(&mut self, link: usize, right: bool) -> usize {
        let Some(node) = self.node(link) else {
            return link;
        };
        let rising = if right { node.left } else { node.right };
        let Some(child) = self.node(rising) else {
            return link;
        };
        if right {
            self.set(link, |n| n.left = child.right);
            self.set(rising, |n| n.right = link);
        } else {
            self.set(link, |n| n.right = child.left);
            self.set(rising, |n| n.left = link);
        }
        self.update(link);
        self.update(rising);
        rising
    }
}

/// The ids `0..len` in the order `cmp` gives their items; equal items keep
/// the order of their ids. A merge sort of the ids: runs of [`FEW`] sorted
/// by insertion, then merged pairwise through one scratch vector, so
/// O(n log n) comparisons and no recursion.
pub(crate) fn sorted(len: usize, cmp: Compare<'_>) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    for run in from.chunks_mut(FEW) {
        for i in 1..run.len() {
            // Moved left past every id whose item orders after its own:
            // equal items stay in id order.
            let mut at = i;
            while at > 0 && cmp(run[at], run[at - 1]) == Ordering::Less {
                run.swap(at, at - 1);
                at -= 1;
            }
        }
    }
    if len <= FEW {
        return from;
    }
    let mut to = vec![0; len];
    let mut width = FEW;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right, mut at) = (start, mid, start);
            while left < mid && right < end {
                // The left run first on a tie: the merge is stable.
                if cmp(from[right], from[left]) == Ordering::Less {
                    to[at] = from[right];
                    right += 1;
                } else {
                    to[at] = from[left];
                    left += 1;
                }
                at += 1;
            }
            to[at..at + (mid - left)].copy_from_slice(&from[left..mid]);
            at += mid - left;
            to[at..end].copy_from_slice(&from[right..end]);
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// A set of strings that also keeps every string added, in order.
#[derive(Debug, Default)]
pub(crate) struct Strings {
    /// Every string added, repeats included.
    pub(crate) all: Vec<String>,
    set: Seen,
}

impl Strings {
    /// Adds `text`: true when no equal string was added before.
    pub(crate) fn insert(&mut self, text: String) -> bool {
        let id = self.all.len();
        self.all.push(text);
        let all = &self.all;
        self.set.first(id, &|a, b| all[a].cmp(&all[b])) == id
    }

    /// True when a string equal to `text` was added.
    pub(crate) fn contains(&self, text: &str) -> bool {
        self.set
            .find(&|member| text.cmp(&self.all[member]))
            .is_some()
    }
}

/// What was first recorded for each key: the keys and values live in a
/// vector, and one [`Seen`] finds a key's first entry.
#[derive(Debug)]
pub(crate) struct FirstSeen<K, V> {
    entries: Vec<(K, V)>,
    seen: Seen,
}

impl<K, V> Default for FirstSeen<K, V> {
    fn default() -> Self {
        FirstSeen {
            entries: Vec::new(),
            seen: Seen::default(),
        }
    }
}

impl<K: Ord, V> FirstSeen<K, V> {
    /// The value first recorded for `key`, recording `value` if the key
    /// is new.
    pub(crate) fn first(&mut self, key: K, value: V) -> &V {
        let id = self.entries.len();
        if id < FEW {
            // Few keys: compared for equality, which tells most keys apart
            // by their length alone.
            if let Some(at) = self.entries.iter().position(|(k, _)| *k == key) {
                return &self.entries[at].1;
            }
            if id == 0 {
                self.entries.reserve_exact(FEW);
            }
            self.entries.push((key, value));
            return &self.entries[id].1;
        }
        self.entries.push((key, value));
        let entries = &self.entries;
        let first = self
            .seen
            .first_entry(id, &|a, b| entries[a].0.cmp(&entries[b].0));
        if first != id {
            self.entries.pop();
        }
        &self.entries[first].1
    }
}

impl Seen {
    /// [`FirstSeen::first`] for the entry `id` (at least [`FEW`]), after
    /// entries `0..id`, once they are many: the first entry whose key
    /// equals its key (`id` itself when none does). One copy of the tree's
    /// code for every key type.
    fn first_entry(&mut self, id: usize, cmp: Compare<'_>) -> usize {
        if id == FEW {
            for member in 0..FEW {
                self.add(member, cmp);
            }
        }
        self.add(id, cmp)
    }
}

/// Objects up to this many entries are searched for repeated keys by
/// comparing each key with the ones before it.
const FEW_ENTRIES: usize = 32;

/// Which entries of one JSON object repeat an earlier key, decided when
/// made; an object of a typical size costs no allocation.
pub(crate) struct Repeats {
    /// Bit `i` is set when entry `i` repeats a key (objects of up to
    /// [`FEW_ENTRIES`] entries).
    few: u32,
    /// Entry `i` repeats a key (larger objects).
    many: Vec<bool>,
}

impl Repeats {
    /// For an object with these entries.
    #[inline]
    pub(crate) fn new<V>(entries: &[(Cow<'_, str>, V)]) -> Repeats {
        Repeats::of(entries.len(), &|i| entries[i].0.as_ref())
    }

    fn of<'k>(len: usize, key: &dyn Fn(usize) -> &'k str) -> Repeats {
        let mut repeats = Repeats {
            few: 0,
            many: Vec::new(),
        };
        if len <= FEW_ENTRIES {
            for i in 1..len {
                if (0..i).any(|j| key(j) == key(i)) {
                    repeats.few |= 1 << i;
                }
            }
        } else {
            // In key order, equal keys are neighbours, by index: each but the
            // first of a run repeats it.
            let order = sorted(len, &|a, b| key(a).cmp(key(b)));
            repeats.many = vec![false; len];
            for pair in order.windows(2) {
                if key(pair[0]) == key(pair[1]) {
                    repeats.many[pair[1]] = true;
                }
            }
        }
        repeats
    }

    /// True when the key of entry `index` appeared at an earlier index.
    pub(crate) fn at(&self, index: usize) -> bool {
        if self.many.is_empty() {
            index < FEW_ENTRIES && self.few & (1 << index) != 0
        } else {
            self.many.get(index).copied().unwrap_or(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic stream of numbers below `modulo` (xorshift).
    fn numbers(count: usize, modulo: u64) -> Vec<u64> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state % modulo
            })
            .collect()
    }

    #[test]
    fn seen_keeps_the_first_of_equal_items_and_finds_them() {
        let items = numbers(2000, 300);
        let mut seen = Seen::default();
        let mut firsts = Vec::new();
        for id in 0..items.len() {
            firsts.push(seen.first(id, &|a, b| items[a].cmp(&items[b])));
        }
        for (id, &first) in firsts.iter().enumerate() {
            let expected = items.iter().position(|&x| x == items[id]).unwrap_or(id);
            assert_eq!(first, expected, "{id}");
        }
        for wanted in 0..300u64 {
            let found = seen.find(&|member| wanted.cmp(&items[member]));
            assert_eq!(found, items.iter().position(|&x| x == wanted), "{wanted}");
        }
        let members: Vec<u64> = seen.in_order().iter().map(|&id| items[id]).collect();
        let mut expected = items.clone();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(members, expected);
    }

    #[test]
    fn seen_stays_balanced_for_ordered_input() {
        // Ids added in increasing and decreasing item order: a tree without
        // rebalancing would be a list, 100 000 high.
        for descending in [false, true] {
            let len = 100_000;
            let item = |id: usize| if descending { len - id } else { id };
            let mut seen = Seen::default();
            for id in 0..len {
                assert_eq!(seen.first(id, &|a, b| item(a).cmp(&item(b))), id);
            }
            assert!(seen.height(seen.root) <= 25, "{}", seen.height(seen.root));
            assert_eq!(seen.in_order().len(), len);
        }
    }

    #[test]
    fn sorted_is_stable() {
        for len in [2, FEW, FEW + 1, 50_000] {
            let items = numbers(len, 7);
            let order = sorted(items.len(), &|a, b| items[a].cmp(&items[b]));
            let mut expected: Vec<usize> = (0..items.len()).collect();
            expected.sort_by_key(|&i| items[i]);
            assert_eq!(order, expected, "{len}");
        }
        assert!(sorted(0, &|_, _| Ordering::Equal).is_empty());
    }

    #[test]
    fn strings_tell_new_from_added() {
        let mut strings = Strings::default();
        for i in 0..1000 {
            assert_eq!(strings.insert(format!("s{}", i % 300)), i < 300, "{i}");
        }
        assert_eq!(strings.all.len(), 1000);
        assert_eq!(strings.all[400], "s100");
        assert!(strings.contains("s299"));
        assert!(!strings.contains("s300"));
        assert!(!strings.contains(""));
    }

    #[test]
    fn first_seen_keeps_the_first_value() {
        let mut seen: FirstSeen<String, usize> = FirstSeen::default();
        for i in 0..100 {
            assert_eq!(*seen.first(format!("k{}", i % 40), i), i % 40);
        }
        assert_eq!(seen.entries.len(), 40);
    }

    #[test]
    fn repeats_are_found_in_small_and_large_objects() {
        for len in [0usize, 3, FEW_ENTRIES - 1, FEW_ENTRIES, 100, 50_000] {
            let mut entries: Vec<(Cow<'_, str>, ())> =
                (0..len).map(|i| (format!("k{i}").into(), ())).collect();
            entries.push(("k1".into(), ()));
            entries.push(("k0".into(), ()));
            let repeats = Repeats::new(&entries);
            let found: Vec<usize> = (0..entries.len() + 2).filter(|&i| repeats.at(i)).collect();
            let expected: Vec<usize> = match len {
                0 => vec![],
                1 => vec![len + 1],
                _ => vec![len, len + 1],
            };
            assert_eq!(found, expected, "{len}");
        }
    }
}
