//! The pattern generator: the model's Java regular expressions compiled to
//! straight-line Rust at generation time.
//!
//! The service applies each `pattern` trait to the whole value, as Java's
//! `Matcher.matches()` does. This module understands a deliberately narrow
//! subset of Java's syntax, the part whose meaning is unambiguous without
//! flags, and **refuses everything else** with the offending position, so a
//! model update that brings a new construct fails codegen instead of being
//! matched differently from the service:
//!
//! | construct | meaning |
//! | --- | --- |
//! | printable ASCII other than `\ ^ $ . \| ? * + ( ) [ ] { }` | that character |
//! | `\` + ASCII punctuation | that character (`\.`, `\-`, `\/`) |
//! | `\t \n \r \f` | tab, line feed, carriage return, form feed |
//! | `\w \W \d \D \s \S` | ASCII `[A-Za-z0-9_]`, `[0-9]`, `[ \t\n\x0B\f\r]` and their complements |
//! | `\p{L} \p{M} \p{S} \p{N} \p{P}`, `\P{..}` | Unicode general categories (tables of [`crate::unicode`]) and complements |
//! | `[...]`, `[^...]` | classes of the items above and ranges `a-z`; `-` literal only first or last |
//! | `(...)`, `(?:...)`, `a\|b` | groups and alternation |
//! | `? * + {n} {n,} {n,m}` | greedy quantifiers (counts up to [`MAX_COUNT`]) |
//!
//! Refused, among others: `.`, `^`, `$`, other escapes (`\b`, `\Q`, `\x..`,
//! `\u....`, back references), other Unicode properties, lazy and possessive
//! quantifiers, a quantifier on a quantifier, look-around, inline flags,
//! named groups, nested classes and `&&`, `]` or `}` as bare literals, and
//! characters outside printable ASCII written literally.
//!
//! A pattern becomes a minimal DFA (Thompson NFA, subset construction over
//! the classes' common refinement, Moore minimisation), emitted as a `match`
//! over `(state, byte)` when every class treats all non-ASCII characters
//! alike, and over `(state, char)` otherwise, with the non-ASCII part of a
//! Unicode class as sorted range tables searched by binary search.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};

use crate::unicode;

/// Largest count accepted in `{n}`, `{n,}` and `{n,m}`.
pub const MAX_COUNT: u32 = 64;
/// Largest number of DFA states a generated matcher may have (its state
/// variable is a `u8`).
pub const MAX_STATES: usize = 256;
/// Largest code point.
const MAX_CP: u32 = 0x10_FFFF;
/// Surrogate code points: never in a Rust `str`, so left out of every set.
const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);

/// Why a pattern cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The pattern source.
    pub pattern: String,
    /// Byte offset of the problem in the source.
    pub offset: usize,
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pattern {:?}: {} at byte offset {} (the generator refuses syntax it does not understand)",
            self.pattern, self.reason, self.offset
        )
    }
}

impl std::error::Error for PatternError {}

// ---------------------------------------------------------------------------
// Sets of code points: sorted, disjoint, non-adjacent inclusive ranges,
// never containing a surrogate.
// ---------------------------------------------------------------------------

/// A set of code points.
pub type Set = Vec<(u32, u32)>;

fn canonical(mut ranges: Vec<(u32, u32)>) -> Set {
    ranges.sort_unstable();
    let mut out: Set = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    without_surrogates(out)
}

fn without_surrogates(set: Set) -> Set {
    let (s_lo, s_hi) = SURROGATES;
    let mut out = Vec::with_capacity(set.len() + 1);
    for (lo, hi) in set {
        if hi < s_lo || lo > s_hi {
            out.push((lo, hi));
            continue;
        }
        if lo < s_lo {
            out.push((lo, s_lo - 1));
        }
        if hi > s_hi {
            out.push((s_hi + 1, hi));
        }
    }
    out
}

fn complement(set: &[(u32, u32)]) -> Set {
    let mut out = Vec::with_capacity(set.len() + 1);
    let mut next = 0u32;
    for &(lo, hi) in set {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi + 1;
    }
    if next <= MAX_CP {
        out.push((next, MAX_CP));
    }
    without_surrogates(out)
}

fn contains(set: &[(u32, u32)], c: u32) -> bool {
    let i = set.partition_point(|&(_, hi)| hi < c);
    i < set.len() && set[i].0 <= c
}

/// The part of `set` at or above `from`.
fn at_or_above(set: &[(u32, u32)], from: u32) -> Set {
    set.iter()
        .filter(|&&(_, hi)| hi >= from)
        .map(|&(lo, hi)| (lo.max(from), hi))
        .collect()
}

/// Every non-ASCII code point (surrogates excluded).
fn all_non_ascii() -> Set {
    without_surrogates(vec![(0x80, MAX_CP)])
}

const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const SPACE: &[(u32, u32)] = &[(0x09, 0x0D), (0x20, 0x20)];

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// The parsed pattern.
#[derive(Debug, Clone)]
enum Node {
    /// One character of the set; `bracket` when written as `[...]`.
    Set {
        set: Set,
        bracket: bool,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

struct Parser<'s> {
    source: &'s str,
    bytes: &'s [u8],
    pos: usize,
    depth: usize,
}

impl<'s> Parser<'s> {
    fn error(&self, offset: usize, reason: &'static str) -> PatternError {
        PatternError {
            pattern: self.source.to_string(),
            offset,
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn parse(mut self) -> Result<Node, PatternError> {
        if let Some(i) = self.source.bytes().position(|b| !(0x20..0x7F).contains(&b)) {
            return Err(self.error(i, "character outside printable ASCII"));
        }
        let node = self.alternation()?;
        match self.peek() {
            None => Ok(node),
            Some(b')') => Err(self.error(self.pos, "unbalanced ')'")),
            Some(_) => Err(self.error(self.pos, "unexpected character")),
        }
    }

    fn alternation(&mut self) -> Result<Node, PatternError> {
        let mut branches = vec![self.concatenation()?];
        while self.peek() == Some(b'|') {
            self.pos += 1;
            branches.push(self.concatenation()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().expect("one branch")
        } else {
            Node::Alt(branches)
        })
    }

    fn concatenation(&mut self) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'|' || b == b')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Node::Concat(items)
        })
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let at = self.pos;
        let b = self.peek().expect("atom called before the end");
        match b {
            b'(' => {
                self.pos += 1;
                if self.peek() == Some(b'?') {
                    if self.bytes.get(self.pos + 1) == Some(&b':') {
                        self.pos += 2;
                    } else {
                        return Err(self.error(
                            at,
                            "group modifier (look-around, flags, named or atomic group)",
                        ));
                    }
                }
                self.depth += 1;
                if self.depth > 32 {
                    return Err(self.error(at, "groups nested more than 32 deep"));
                }
                let inner = self.alternation()?;
                self.depth -= 1;
                if self.peek() != Some(b')') {
                    return Err(self.error(at, "unclosed group"));
                }
                self.pos += 1;
                Ok(inner)
            }
            b'[' => self.class(),
            b'\\' => {
                let set = match self.escape()? {
                    Escaped::Char(c) => vec![(c, c)],
                    Escaped::Set(set) => set,
                };
                Ok(Node::Set {
                    set,
                    bracket: false,
                })
            }
            b'?' | b'*' | b'+' | b'{' => Err(self.error(at, "quantifier with nothing to repeat")),
            b'.' => Err(self.error(at, "'.' (any character) is not supported")),
            b'^' | b'$' => Err(self.error(at, "anchors are not supported")),
            b']' | b'}' => Err(self.error(at, "bare ']' or '}'")),
            _ => {
                self.pos += 1;
                let c = u32::from(b);
                Ok(Node::Set {
                    set: vec![(c, c)],
                    bracket: false,
                })
            }
        }
    }

    fn count(&mut self) -> Result<Option<u32>, PatternError> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == start {
            return Ok(None);
        }
        let n: u32 = self.source[start..self.pos]
            .parse()
            .map_err(|_| self.error(start, "count too large"))?;
        if n > MAX_COUNT {
            return Err(self.error(start, "count above the generator's limit"));
        }
        Ok(Some(n))
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, PatternError> {
        let at = self.pos;
        let (min, max) = match self.peek() {
            Some(b'?') => (0, Some(1)),
            Some(b'*') => (0, None),
            Some(b'+') => (1, None),
            Some(b'{') => {
                self.pos += 1;
                let min = self
                    .count()?
                    .ok_or_else(|| self.error(at, "malformed counted quantifier"))?;
                let max = if self.peek() == Some(b',') {
                    self.pos += 1;
                    self.count()?
                } else {
                    Some(min)
                };
                if self.peek() != Some(b'}') {
                    return Err(self.error(at, "malformed counted quantifier"));
                }
                if max.is_some_and(|max| max < min) {
                    return Err(self.error(at, "counted quantifier with max below min"));
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        match self.peek() {
            Some(b'?') => Err(self.error(self.pos, "lazy quantifier")),
            Some(b'+') => Err(self.error(self.pos, "possessive quantifier")),
            Some(b'*' | b'{') => Err(self.error(self.pos, "quantifier on a quantifier")),
            _ => Ok(Node::Repeat {
                node: Box::new(atom),
                min,
                max,
            }),
        }
    }

    /// An escape at `self.pos` (which is the backslash).
    fn escape(&mut self) -> Result<Escaped, PatternError> {
        let at = self.pos;
        self.pos += 1;
        let Some(b) = self.peek() else {
            return Err(self.error(at, "pattern ends with '\\'"));
        };
        self.pos += 1;
        let set = |s: &[(u32, u32)]| Ok(Escaped::Set(s.to_vec()));
        match b {
            b'w' => set(WORD),
            b'd' => set(DIGIT),
            b's' => set(SPACE),
            b'W' => Ok(Escaped::Set(complement(WORD))),
            b'D' => Ok(Escaped::Set(complement(DIGIT))),
            b'S' => Ok(Escaped::Set(complement(SPACE))),
            b't' => Ok(Escaped::Char(0x09)),
            b'n' => Ok(Escaped::Char(0x0A)),
            b'r' => Ok(Escaped::Char(0x0D)),
            b'f' => Ok(Escaped::Char(0x0C)),
            b'p' | b'P' => {
                let rest = &self.source[self.pos..];
                let Some(name) = rest
                    .strip_prefix('{')
                    .and_then(|r| r.split_once('}'))
                    .map(|(name, _)| name)
                else {
                    return Err(self.error(at, "Unicode property not written as \\p{X}"));
                };
                let table = match name {
                    "L" => unicode::LETTER,
                    "M" => unicode::MARK,
                    "S" => unicode::SYMBOL,
                    "N" => unicode::NUMBER,
                    "P" => unicode::PUNCTUATION,
                    _ => return Err(self.error(at, "Unicode property other than L, M, S, N, P")),
                };
                self.pos += name.len() + 2;
                let table = canonical(table.to_vec());
                Ok(Escaped::Set(if b == b'P' {
                    complement(&table)
                } else {
                    table
                }))
            }
            b if b.is_ascii_punctuation() => Ok(Escaped::Char(u32::from(b))),
            _ => Err(self.error(at, "unsupported escape")),
        }
    }

    /// A class at `self.pos` (which is the `[`).
    fn class(&mut self) -> Result<Node, PatternError> {
        let open = self.pos;
        self.pos += 1;
        let negated = self.peek() == Some(b'^');
        if negated {
            self.pos += 1;
        }
        let first = self.pos;
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        loop {
            let at = self.pos;
            let Some(b) = self.peek() else {
                return Err(self.error(open, "unclosed class"));
            };
            match b {
                b']' if at == first => return Err(self.error(at, "empty class or ']' first")),
                b']' => {
                    self.pos += 1;
                    break;
                }
                b'[' => return Err(self.error(at, "nested class")),
                b'&' if self.bytes.get(at + 1) == Some(&b'&') => {
                    return Err(self.error(at, "class intersection"));
                }
                b'-' => {
                    let last = self.bytes.get(at + 1) == Some(&b']');
                    if at != first && !last {
                        return Err(
                            self.error(at, "'-' inside a class is literal only first or last")
                        );
                    }
                    self.pos += 1;
                    ranges.push((0x2D, 0x2D));
                }
                _ => {
                    let lo = match self.class_item()? {
                        Escaped::Set(set) => {
                            ranges.extend(set);
                            continue;
                        }
                        Escaped::Char(c) => c,
                    };
                    let dash = self.pos;
                    if self.peek() == Some(b'-') && self.bytes.get(dash + 1) != Some(&b']') {
                        self.pos += 1;
                        let hi = match self.class_item()? {
                            Escaped::Char(c) => c,
                            Escaped::Set(_) => {
                                return Err(self.error(dash, "range ending in a class escape"));
                            }
                        };
                        if hi < lo {
                            return Err(self.error(dash, "range out of order"));
                        }
                        ranges.push((lo, hi));
                    } else {
                        ranges.push((lo, lo));
                    }
                }
            }
        }
        let set = canonical(ranges);
        Ok(Node::Set {
            set: if negated { complement(&set) } else { set },
            bracket: !negated,
        })
    }

    fn class_item(&mut self) -> Result<Escaped, PatternError> {
        let at = self.pos;
        match self.peek() {
            Some(b'\\') => self.escape(),
            Some(b'[' | b']' | b'-') | None => Err(self.error(at, "malformed class")),
            Some(b) => {
                self.pos += 1;
                Ok(Escaped::Char(u32::from(b)))
            }
        }
    }
}

enum Escaped {
    Char(u32),
    Set(Set),
}

fn parse(source: &str) -> Result<Node, PatternError> {
    Parser {
        source,
        bytes: source.as_bytes(),
        pos: 0,
        depth: 0,
    }
    .parse()
}

// ---------------------------------------------------------------------------
// NFA and DFA
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Nfa {
    /// Epsilon edges of each state.
    eps: Vec<Vec<usize>>,
    /// Character edges: (set index, target).
    edges: Vec<Vec<(usize, usize)>>,
    sets: Vec<Set>,
}

impl Nfa {
    fn state(&mut self) -> usize {
        self.eps.push(Vec::new());
        self.edges.push(Vec::new());
        self.eps.len() - 1
    }

    /// Adds `node` between a fresh start and end; returns them.
    fn build(&mut self, node: &Node) -> (usize, usize) {
        match node {
            Node::Set { set, .. } => {
                let (s, e) = (self.state(), self.state());
                let index = match self.sets.iter().position(|x| x == set) {
                    Some(i) => i,
                    None => {
                        self.sets.push(set.clone());
                        self.sets.len() - 1
                    }
                };
                self.edges[s].push((index, e));
                (s, e)
            }
            Node::Concat(items) => {
                let s = self.state();
                let mut end = s;
                for item in items {
                    let (is, ie) = self.build(item);
                    self.eps[end].push(is);
                    end = ie;
                }
                (s, end)
            }
            Node::Alt(branches) => {
                let (s, e) = (self.state(), self.state());
                for branch in branches {
                    let (bs, be) = self.build(branch);
                    self.eps[s].push(bs);
                    self.eps[be].push(e);
                }
                (s, e)
            }
            Node::Repeat { node, min, max } => {
                let s = self.state();
                let mut end = s;
                for _ in 0..*min {
                    let (is, ie) = self.build(node);
                    self.eps[end].push(is);
                    end = ie;
                }
                match max {
                    None => {
                        let (is, ie) = self.build(node);
                        let e = self.state();
                        self.eps[end].push(is);
                        self.eps[end].push(e);
                        self.eps[ie].push(is);
                        self.eps[ie].push(e);
                        (s, e)
                    }
                    Some(max) => {
                        let e = self.state();
                        for _ in *min..*max {
                            self.eps[end].push(e);
                            let (is, ie) = self.build(node);
                            self.eps[end].push(is);
                            end = ie;
                        }
                        self.eps[end].push(e);
                        (s, e)
                    }
                }
            }
        }
    }

    fn closure(&self, states: impl IntoIterator<Item = usize>) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut stack: Vec<usize> = states.into_iter().collect();
        while let Some(s) = stack.pop() {
            if out.insert(s) {
                stack.extend(self.eps[s].iter().copied());
            }
        }
        out
    }
}

/// The common refinement of `sets`: disjoint blocks, each inside or outside
/// every set, covering their union.
fn blocks(sets: &[Set]) -> Vec<Set> {
    let mut cuts = BTreeSet::new();
    for set in sets {
        for &(lo, hi) in set {
            cuts.insert(lo);
            cuts.insert(hi + 1);
        }
    }
    let cuts: Vec<u32> = cuts.into_iter().collect();
    let mut by_signature: BTreeMap<Vec<bool>, Vec<(u32, u32)>> = BTreeMap::new();
    for pair in cuts.windows(2) {
        let (lo, hi) = (pair[0], pair[1] - 1);
        let signature: Vec<bool> = sets.iter().map(|s| contains(s, lo)).collect();
        if signature.iter().any(|&x| x) {
            by_signature.entry(signature).or_default().push((lo, hi));
        }
    }
    by_signature.into_values().map(canonical).collect()
}

/// A DFA: state 0 is the start; `next[s]` maps a block index to a state.
struct Dfa {
    blocks: Vec<Set>,
    next: Vec<Vec<Option<usize>>>,
    accept: Vec<bool>,
}

fn determinize(nfa: &Nfa, start: usize, end: usize, source: &str) -> Result<Dfa, PatternError> {
    let blocks = blocks(&nfa.sets);
    let first = nfa.closure([start]);
    let mut index: HashMap<BTreeSet<usize>, usize> = HashMap::new();
    let mut states = vec![first.clone()];
    index.insert(first, 0);
    let mut next = Vec::new();
    let mut i = 0;
    while i < states.len() {
        let mut row = Vec::with_capacity(blocks.len());
        for block in &blocks {
            let probe = block[0].0;
            let targets: Vec<usize> = states[i]
                .iter()
                .flat_map(|&s| &nfa.edges[s])
                .filter(|&&(set, _)| contains(&nfa.sets[set], probe))
                .map(|&(_, t)| t)
                .collect();
            if targets.is_empty() {
                row.push(None);
                continue;
            }
            let target = nfa.closure(targets);
            let id = match index.get(&target) {
                Some(&id) => id,
                None => {
                    if states.len() == MAX_STATES {
                        return Err(PatternError {
                            pattern: source.to_string(),
                            offset: 0,
                            reason: "pattern needs too many states for a generated matcher",
                        });
                    }
                    states.push(target.clone());
                    index.insert(target, states.len() - 1);
                    states.len() - 1
                }
            };
            row.push(Some(id));
        }
        next.push(row);
        i += 1;
    }
    let accept = states.iter().map(|s| s.contains(&end)).collect();
    Ok(minimize(Dfa {
        blocks,
        next,
        accept,
    }))
}

/// Moore's partition refinement; the dead state stays implicit (`None`),
/// and states that cannot reach an accepting state become dead.
fn minimize(dfa: Dfa) -> Dfa {
    let n = dfa.next.len();
    // States from which acceptance is reachable.
    let mut live: Vec<bool> = dfa.accept.clone();
    loop {
        let mut changed = false;
        for s in 0..n {
            if !live[s] && dfa.next[s].iter().flatten().any(|&t| live[t]) {
                live[s] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let target = |t: Option<usize>| t.filter(|&t| live[t]);
    let mut class: Vec<usize> = (0..n).map(|s| usize::from(dfa.accept[s])).collect();
    loop {
        let mut signatures: HashMap<(usize, Vec<Option<usize>>), usize> = HashMap::new();
        let mut refined = vec![0; n];
        for s in 0..n {
            let signature = (
                class[s],
                dfa.next[s]
                    .iter()
                    .map(|&t| target(t).map(|t| class[t]))
                    .collect::<Vec<_>>(),
            );
            let count = signatures.len();
            refined[s] = *signatures.entry(signature).or_insert(count);
        }
        let done = signatures.len() == class.iter().collect::<BTreeSet<_>>().len();
        class = refined;
        if done {
            break;
        }
    }
    // Renumber classes in order of first reach from the start (breadth
    // first), so the output does not depend on hash order.
    let mut order: Vec<usize> = Vec::new();
    let mut number: HashMap<usize, usize> = HashMap::new();
    let mut representative: Vec<usize> = Vec::new();
    let mut queue = vec![0usize];
    number.insert(class[0], 0);
    representative.push(0);
    order.push(class[0]);
    let mut head = 0;
    while head < queue.len() {
        let s = queue[head];
        head += 1;
        for &t in dfa.next[s].iter().flatten() {
            if live[t] && !number.contains_key(&class[t]) {
                number.insert(class[t], order.len());
                order.push(class[t]);
                representative.push(t);
                queue.push(t);
            }
        }
    }
    let next = representative
        .iter()
        .map(|&s| {
            dfa.next[s]
                .iter()
                .map(|&t| target(t).map(|t| number[&class[t]]))
                .collect()
        })
        .collect();
    let accept = representative.iter().map(|&s| dfa.accept[s]).collect();
    Dfa {
        blocks: dfa.blocks,
        next,
        accept,
    }
}

// ---------------------------------------------------------------------------
// A compiled pattern, ready for emission
// ---------------------------------------------------------------------------

/// A pattern compiled to a minimal DFA.
pub struct Compiled {
    source: String,
    dfa: Dfa,
    /// One bracketed, non-negated class under `+`: the matcher stops at the
    /// first character the class rejects (used for hints in messages).
    single_class: bool,
}

impl Compiled {
    /// Whether the DFA accepts `text` (the generator's own interpretation,
    /// used by its unit tests).
    pub fn is_full_match(&self, text: &str) -> bool {
        let mut state = 0;
        for c in text.chars() {
            let c = u32::from(c);
            let Some(block) = self.dfa.blocks.iter().position(|b| contains(b, c)) else {
                return false;
            };
            match self.dfa.next[state][block] {
                Some(t) => state = t,
                None => return false,
            }
        }
        self.dfa.accept[state]
    }

    /// Number of DFA states.
    pub fn states(&self) -> usize {
        self.dfa.next.len()
    }

    /// Whether the pattern is one bracketed class under `+`.
    pub fn is_single_class(&self) -> bool {
        self.single_class
    }

    /// The union of blocks on which state `s` moves to `t`.
    fn edge(&self, s: usize, t: usize) -> Set {
        let mut ranges = Vec::new();
        for (b, target) in self.dfa.next[s].iter().enumerate() {
            if *target == Some(t) {
                ranges.extend(self.dfa.blocks[b].iter().copied());
            }
        }
        canonical(ranges)
    }

    /// True when every edge contains all non-ASCII characters or none, so
    /// the matcher can look at lead bytes only.
    fn byte_mode(&self) -> bool {
        let everything = all_non_ascii();
        self.dfa.blocks.iter().all(|b| {
            let high = at_or_above(b, 0x80);
            high.is_empty() || high == everything
        })
    }
}

/// Compile one pattern of the model, or refuse it.
pub fn compile(source: &str) -> Result<Compiled, PatternError> {
    let node = parse(source)?;
    let single_class = matches!(
        &node,
        Node::Repeat { node, min: 1, max: None } if matches!(**node, Node::Set { bracket: true, .. })
    );
    let mut nfa = Nfa::default();
    let (start, end) = nfa.build(&node);
    let dfa = determinize(&nfa, start, end, source)?;
    Ok(Compiled {
        source: source.to_string(),
        dfa,
        single_class,
    })
}

// ---------------------------------------------------------------------------
// Emission
// ---------------------------------------------------------------------------

fn byte_literal(b: u32) -> String {
    match b {
        0x27 => "b'\\''".into(),
        0x5C => "b'\\\\'".into(),
        0x21..=0x7E => format!("b'{}'", char::from_u32(b).expect("ASCII")),
        _ => format!("0x{b:02X}"),
    }
}

fn char_literal(c: u32) -> String {
    match c {
        0x27 => "'\\''".into(),
        0x5C => "'\\\\'".into(),
        0x21..=0x7E => format!("'{}'", char::from_u32(c).expect("ASCII")),
        _ => format!("'\\u{{{c:x}}}'"),
    }
}

fn range_patterns(set: &[(u32, u32)], literal: fn(u32) -> String) -> Vec<String> {
    set.iter()
        .map(|&(lo, hi)| {
            if lo == hi {
                literal(lo)
            } else {
                format!("{}..={}", literal(lo), literal(hi))
            }
        })
        .collect()
}

/// Non-ASCII parts of classes at most this many ranges long are written as
/// `match` patterns; longer ones become tables.
const INLINE_RANGES: usize = 4;

/// Tables shared between matchers: the non-ASCII part of a class.
#[derive(Default)]
struct Tables {
    sets: Vec<Set>,
    /// The classes of byte-mode matchers: bit `k` of `BYTE_CLASSES[b]` says
    /// whether byte `b` is in class `k` (at most eight).
    byte_classes: Vec<Set>,
}

impl Tables {
    fn index(&mut self, set: Set) -> usize {
        match self.sets.iter().position(|s| *s == set) {
            Some(i) => i,
            None => {
                self.sets.push(set);
                self.sets.len() - 1
            }
        }
    }

    /// The bit of `set` in `BYTE_CLASSES`, or `None` when all eight are taken.
    fn byte_class(&mut self, set: &[(u32, u32)]) -> Option<usize> {
        match self.byte_classes.iter().position(|s| s == set) {
            Some(i) => Some(i),
            None if self.byte_classes.len() < 8 => {
                self.byte_classes.push(set.to_vec());
                Some(self.byte_classes.len() - 1)
            }
            None => None,
        }
    }
}

fn states_pattern(states: &[usize]) -> String {
    states
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// One matcher function: returns `None` on a full match, else the byte
/// offset of the character where the automaton stopped (the text's length
/// when it read everything but did not end in an accepting state).
fn emit_matcher(out: &mut String, index: usize, pattern: &Compiled, tables: &mut Tables) {
    let dfa = &pattern.dfa;
    let n = dfa.next.len();
    // Group the edges by (target, set) across source states, in a fixed order.
    let mut arms: Vec<(Set, usize, Vec<usize>)> = Vec::new();
    for s in 0..n {
        let targets: BTreeSet<usize> = dfa.next[s].iter().flatten().copied().collect();
        for t in targets {
            let set = pattern.edge(s, t);
            match arms.iter_mut().find(|(x, y, _)| *x == set && *y == t) {
                Some(arm) => arm.2.push(s),
                None => arms.push((set, t, vec![s])),
            }
        }
    }
    let accepting: Vec<usize> = (0..n).filter(|&s| dfa.accept[s]).collect();
    let byte_mode = pattern.byte_mode();
    writeln!(out, "/// `{}`", pattern.source).unwrap();
    writeln!(out, "fn matcher_{index}(text: &str) -> Option<usize> {{").unwrap();
    if n == 1 && arms.is_empty() {
        // Only the empty string can match.
        writeln!(
            out,
            "    if text.is_empty() {{ {} }} else {{ Some(0) }}",
            if dfa.accept[0] { "None" } else { "Some(0)" }
        )
        .unwrap();
        writeln!(out, "}}").unwrap();
        return;
    }
    if let [(set, 1, sources)] = arms.as_slice()
        && sources == &[0, 1]
        && accepting == [1]
    {
        emit_class_plus(out, set, byte_mode, tables);
        return;
    }
    writeln!(out, "    let mut state: u8 = 0;").unwrap();
    let any_high = arms
        .iter()
        .any(|(set, _, _)| !at_or_above(set, 0x80).is_empty());
    if byte_mode {
        writeln!(out, "    for (at, byte) in text.bytes().enumerate() {{").unwrap();
        if any_high {
            writeln!(
                out,
                "        if byte & 0xC0 == 0x80 {{\n            continue; // inside a character: its lead byte moved the state\n        }}"
            )
            .unwrap();
        }
        writeln!(out, "        state = match (state, byte) {{").unwrap();
        for (set, target, sources) in &arms {
            let mut alternatives = range_patterns(
                &set.iter()
                    .filter(|&&(lo, _)| lo < 0x80)
                    .map(|&(lo, hi)| (lo, hi.min(0x7F)))
                    .collect::<Vec<_>>(),
                byte_literal,
            );
            if !at_or_above(set, 0x80).is_empty() {
                alternatives.push("0xC0..=0xFF".into());
            }
            writeln!(
                out,
                "            ({}, {}) => {target},",
                states_pattern(sources),
                alternatives.join(" | ")
            )
            .unwrap();
        }
    } else {
        writeln!(out, "    for (at, c) in text.char_indices() {{").unwrap();
        writeln!(out, "        state = match (state, c) {{").unwrap();
        for (set, target, sources) in &arms {
            let ascii: Vec<(u32, u32)> = set
                .iter()
                .filter(|&&(lo, _)| lo < 0x80)
                .map(|&(lo, hi)| (lo, hi.min(0x7F)))
                .collect();
            let high = at_or_above(set, 0x80);
            let mut alternatives = range_patterns(&ascii, char_literal);
            if high.len() <= INLINE_RANGES {
                alternatives.extend(range_patterns(&high, char_literal));
            }
            if !alternatives.is_empty() {
                writeln!(
                    out,
                    "            ({}, {}) => {target},",
                    states_pattern(sources),
                    alternatives.join(" | ")
                )
                .unwrap();
            }
            if high.len() > INLINE_RANGES {
                let table = tables.index(high);
                writeln!(
                    out,
                    "            ({}, c) if in_table(c, &TABLE_{table}, &TABLE_{table}_INDEX) => {target},",
                    states_pattern(sources)
                )
                .unwrap();
            }
        }
    }
    writeln!(out, "            _ => return Some(at),").unwrap();
    writeln!(out, "        }};").unwrap();
    writeln!(out, "    }}").unwrap();
    writeln!(
        out,
        "    if matches!(state, {}) {{ None }} else {{ Some(text.len()) }}",
        states_pattern(&accepting)
    )
    .unwrap();
    writeln!(out, "}}").unwrap();
}

/// The body of a matcher whose automaton is one class under `+`: a scan
/// for the first character outside the class.
fn emit_class_plus(out: &mut String, set: &[(u32, u32)], byte_mode: bool, tables: &mut Tables) {
    let ascii: Vec<(u32, u32)> = set
        .iter()
        .filter(|&&(lo, _)| lo < 0x80)
        .map(|&(lo, hi)| (lo, hi.min(0x7F)))
        .collect();
    let high = at_or_above(set, 0x80);
    writeln!(
        out,
        "    if text.is_empty() {{\n        return Some(0);\n    }}"
    )
    .unwrap();
    if byte_mode && let Some(bit) = tables.byte_class(set) {
        // Every byte of a non-ASCII character is at or above 0x80, so the
        // first byte outside the class always starts a character.
        writeln!(out, "    first_outside(text, 1 << {bit})").unwrap();
    } else if byte_mode {
        let mut alternatives = range_patterns(&ascii, byte_literal);
        if !high.is_empty() {
            alternatives.push("0x80..=0xFF".into());
        }
        writeln!(
            out,
            "    text.bytes().position(|byte| !matches!(byte, {}))",
            alternatives.join(" | ")
        )
        .unwrap();
    } else {
        let mut alternatives = range_patterns(&ascii, char_literal);
        let mut test = String::new();
        if high.len() <= INLINE_RANGES {
            alternatives.extend(range_patterns(&high, char_literal));
        } else {
            let table = tables.index(high);
            test = format!(" || in_table(c, &TABLE_{table}, &TABLE_{table}_INDEX)");
        }
        writeln!(
            out,
            "    text.char_indices()\n        .find(|&(_, c)| !(matches!(c, {}){test}))\n        .map(|(at, _)| at)",
            alternatives.join(" | ")
        )
        .unwrap();
    }
    writeln!(out, "}}").unwrap();
}

/// Ranges per entry of a table's index: at most this many ranges are
/// decoded to look one character up.
const TABLE_BLOCK: usize = 32;

/// The code point the first gap of a table counts from: tables hold
/// non-ASCII members only.
const TABLE_START: u32 = 0x80;

/// `value` as a little-endian base-128 varint (the high bit of each byte
/// says that another byte follows).
fn push_varint(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push((value & 0x7F) as u8 | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// A class's non-ASCII ranges, compactly: each range as two varints, the
/// gap from the end of the previous range (from U+0080 for the first) and
/// its length less one; and an index giving, for every `TABLE_BLOCK`th
/// range, the code point its gap counts from and the offset of its bytes.
/// About a third of the size of a table of code point pairs, and it
/// compresses better.
fn encode_table(set: &[(u32, u32)]) -> (Vec<u8>, Vec<(u32, u16)>) {
    let mut bytes = Vec::new();
    let mut index = Vec::new();
    let mut next = TABLE_START;
    for (k, &(lo, hi)) in set.iter().enumerate() {
        if k % TABLE_BLOCK == 0 {
            let offset = u16::try_from(bytes.len()).expect("a class table under 64 KiB");
            index.push((next, offset));
        }
        push_varint(&mut bytes, lo - next);
        push_varint(&mut bytes, hi - lo);
        next = hi + 1;
    }
    (bytes, index)
}

fn emit_table(out: &mut String, index: usize, set: &[(u32, u32)]) {
    let (bytes, blocks) = encode_table(set);
    writeln!(
        out,
        "/// Non-ASCII members of a class: {} ranges as varint gaps and lengths.",
        set.len()
    )
    .unwrap();
    writeln!(out, "static TABLE_{index}: [u8; {}] = [", bytes.len()).unwrap();
    for chunk in bytes.chunks(16) {
        let row: Vec<String> = chunk.iter().map(|b| format!("0x{b:02X}")).collect();
        writeln!(out, "    {},", row.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "/// Where each block of {TABLE_BLOCK} ranges of `TABLE_{index}` starts: the code point its first gap counts from, and its offset."
    )
    .unwrap();
    writeln!(
        out,
        "static TABLE_{index}_INDEX: [(u32, u16); {}] = [",
        blocks.len()
    )
    .unwrap();
    for chunk in blocks.chunks(4) {
        let row: Vec<String> = chunk
            .iter()
            .map(|&(from, at)| format!("(0x{from:05X}, {at})"))
            .collect();
        writeln!(out, "    {},", row.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
}

/// The Rust source of `core/src/pattern/generated.rs` for the model's
/// distinct patterns, in the order of the constraint table's indices.
pub fn generate(sources: &[String]) -> Result<String, PatternError> {
    let compiled: Vec<Compiled> = sources
        .iter()
        .map(|s| compile(s.as_str()))
        .collect::<Result<_, _>>()?;
    let mut out = String::new();
    let mut tables = Tables::default();
    let mut matchers = String::new();
    for (i, pattern) in compiled.iter().enumerate() {
        emit_matcher(&mut matchers, i, pattern, &mut tables);
        matchers.push('\n');
    }
    writeln!(
        out,
        "// @generated by `cargo run -p xtask -- codegen` from core/model/cognito-identity.json"
    )
    .unwrap();
    writeln!(
        out,
        "// and the Unicode {} tables of xtask/src/unicode.rs.",
        unicode::UNICODE_VERSION
    )
    .unwrap();
    writeln!(
        out,
        "// Do not edit: a test regenerates this file and fails on any difference."
    )
    .unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "/// Version of the Unicode Character Database behind `\\p{{..}}`."
    )
    .unwrap();
    writeln!(out, "#[cfg(test)]").unwrap();
    writeln!(
        out,
        "pub(crate) const UNICODE_VERSION: &str = {:?};",
        unicode::UNICODE_VERSION
    )
    .unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "/// The pattern sources, by index (the constraint table's `pattern_index`)."
    )
    .unwrap();
    writeln!(out, "#[cfg(test)]").unwrap();
    writeln!(
        out,
        "pub(crate) static SOURCES: [&str; {}] = [",
        sources.len()
    )
    .unwrap();
    for s in sources {
        writeln!(out, "    {s:?},").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "/// Matches `text` against pattern `index` (Java `Matcher.matches()`): `None`"
    )
    .unwrap();
    writeln!(
        out,
        "/// when the whole text matches, else the byte offset of the character at"
    )
    .unwrap();
    writeln!(
        out,
        "/// which no match was possible any more (the text's length when the text"
    )
    .unwrap();
    writeln!(
        out,
        "/// ended too early). An unknown index matches nothing."
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) fn stop(index: u8, text: &str) -> Option<usize> {{"
    )
    .unwrap();
    writeln!(out, "    match index {{").unwrap();
    for i in 0..compiled.len() {
        writeln!(out, "        {i} => matcher_{i}(text),").unwrap();
    }
    writeln!(out, "        _ => Some(0),").unwrap();
    writeln!(out, "    }}").unwrap();
    writeln!(out, "}}").unwrap();
    writeln!(out).unwrap();
    let single: Vec<String> = compiled
        .iter()
        .enumerate()
        .filter(|(_, p)| p.single_class)
        .map(|(i, _)| i.to_string())
        .collect();
    writeln!(
        out,
        "/// Whether pattern `index` is one bracketed class under `+`, so that its"
    )
    .unwrap();
    writeln!(
        out,
        "/// stopping point is the first character the class rejects."
    )
    .unwrap();
    writeln!(out, "pub(crate) fn is_single_class(index: u8) -> bool {{").unwrap();
    if single.is_empty() {
        writeln!(out, "    let _ = index;\n    false").unwrap();
    } else {
        writeln!(out, "    matches!(index, {})", single.join(" | ")).unwrap();
    }
    writeln!(out, "}}").unwrap();
    writeln!(out).unwrap();
    out.push_str(&matchers);
    if !tables.byte_classes.is_empty() {
        out.push_str(FIRST_OUTSIDE);
        emit_byte_classes(&mut out, &tables.byte_classes);
    }
    if !tables.sets.is_empty() {
        out.push_str(IN_TABLE);
        for (i, set) in tables.sets.iter().enumerate() {
            writeln!(out).unwrap();
            emit_table(&mut out, i, set);
        }
    }
    Ok(out)
}

/// The scan the byte-mode class matchers share: eight bytes at a time
/// through one table lookup each and a single branch, then byte by byte
/// from the chunk that holds the first byte outside the class.
const FIRST_OUTSIDE: &str = "\
/// The offset of the first byte of `text` outside the class `bit` of
/// [`BYTE_CLASSES`] (`None` when there is none).
fn first_outside(text: &str, bit: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let all = chunk.iter().fold(bit, |all, &byte| all & BYTE_CLASSES[usize::from(byte)]);
        if all == 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&byte| BYTE_CLASSES[usize::from(byte)] & bit == 0)
        .map(|offset| at + offset)
}

";

/// The byte table of the byte-mode classes: a byte at or above 0x80 is in a
/// class when the class has any non-ASCII member.
fn emit_byte_classes(out: &mut String, classes: &[Set]) {
    let entry = |byte: u32| -> u8 {
        classes.iter().enumerate().fold(0, |bits, (k, set)| {
            let member = if byte < 0x80 {
                set.iter().any(|&(lo, hi)| lo <= byte && byte <= hi)
            } else {
                !at_or_above(set, 0x80).is_empty()
            };
            bits | (u8::from(member) << k)
        })
    };
    writeln!(
        out,
        "/// Bit `k` of entry `b`: byte `b` is in byte class `k` ({} classes).",
        classes.len()
    )
    .unwrap();
    writeln!(out, "static BYTE_CLASSES: [u8; 256] = [").unwrap();
    for row in 0..16u32 {
        let cells: Vec<String> = (0..16u32)
            .map(|col| format!("0x{:02X}", entry(row * 16 + col)))
            .collect();
        writeln!(out, "    {},", cells.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out).unwrap();
}

/// The lookup the generated matchers share for non-ASCII classes: a binary
/// search in the index, then at most one block of ranges decoded.
const IN_TABLE: &str = "\
/// Whether `c` (not ASCII) is in the class whose ranges `table` encodes
/// (see `TABLE_0`), with `index` its block index.
fn in_table(c: char, table: &[u8], index: &[(u32, u16)]) -> bool {
    let c = u32::from(c);
    let Some(block) = index.partition_point(|&(from, _)| from <= c).checked_sub(1) else {
        return false;
    };
    let (mut next, at) = index[block];
    let mut bytes = table.get(usize::from(at)..).unwrap_or_default().iter();
    let mut varint = || {
        let (mut value, mut shift) = (0u32, 0);
        for &byte in bytes.by_ref() {
            value |= u32::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
        None
    };
    while let (Some(gap), Some(len)) = (varint(), varint()) {
        let lo = next + gap;
        if c < lo {
            return false;
        }
        if c <= lo + len {
            return true;
        }
        next = lo + len + 1;
    }
    false
}
";

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(source: &str, why: &str) {
        match compile(source) {
            Ok(_) => panic!("{source:?} was accepted"),
            Err(e) => assert!(
                e.reason.contains(why),
                "{source:?}: expected {why:?}, got {e}"
            ),
        }
    }

    #[test]
    fn refuses_syntax_it_does_not_understand() {
        refused(r"a.b", "'.'");
        refused(r"^a", "anchors");
        refused(r"a$", "anchors");
        refused(r"\bword", "unsupported escape");
        refused(r"\Qa\E", "unsupported escape");
        refused(r"\x41", "unsupported escape");
        refused(r"\u0041", "unsupported escape");
        refused(r"(a)\1", "unsupported escape");
        refused(r"\p{Lu}+", "other than L, M, S, N, P");
        refused(r"\pL", "\\p{X}");
        refused(r"\p{IsL}", "other than L, M, S, N, P");
        refused(r"a+?", "lazy");
        refused(r"a++", "possessive");
        refused(r"a{2}{3}", "quantifier on a quantifier");
        refused(r"a**", "quantifier on a quantifier");
        refused(r"*a", "nothing to repeat");
        refused(r"(?=a)a", "group modifier");
        refused(r"(?i)a", "group modifier");
        refused(r"(?<n>a)", "group modifier");
        refused(r"[a[b]]", "nested class");
        refused(r"[a-z&&[^q]]", "intersection");
        refused(r"[a-\w]", "range ending in a class escape");
        refused(r"[\w-a]", "'-' inside a class");
        refused(r"[a-c-e]", "'-' inside a class");
        refused(r"[z-a]", "out of order");
        refused(r"[]a]", "']' first");
        refused(r"[abc", "unclosed class");
        refused(r"(ab", "unclosed group");
        refused(r"ab)", "unbalanced");
        refused(r"a]", "bare");
        refused(r"a{65}", "limit");
        refused(r"a{3,2}", "max below min");
        refused(r"a{,2}", "malformed");
        refused("é+", "printable ASCII");
        refused("a\tb", "printable ASCII");
        refused(r"a\", "ends with");
    }

    #[test]
    fn refusal_names_the_pattern_and_position() {
        let error = compile(r"[\w-]+(?!x)").err().expect("refused");
        assert_eq!(error.offset, 6);
        let text = error.to_string();
        assert!(text.contains(r#""[\\w-]+(?!x)""#), "{text}");
        assert!(text.contains("byte offset 6"), "{text}");
    }

    #[test]
    fn java_meanings_of_the_model_constructs() {
        let p = compile(r"[\w\s+=,.@-]+").unwrap();
        for yes in [
            "pool name",
            "a_b-c.d@e+f=g,h",
            "tab\there",
            "\u{b}\u{c}\r\n",
        ] {
            assert!(p.is_full_match(yes), "{yes:?}");
        }
        for no in ["", "pool#1", "é", "\u{a0}", "a\u{85}"] {
            assert!(!p.is_full_match(no), "{no:?}");
        }
        let s = compile(r"[\S]+").unwrap();
        assert!(s.is_full_match("é€😀x"));
        assert!(!s.is_full_match("a b") && !s.is_full_match("\u{b}") && !s.is_full_match(""));
        assert!(
            s.is_full_match("\u{a0}\u{2028}"),
            "\\S is ASCII: other spaces are not white"
        );
        let d = compile(r"\d+").unwrap();
        assert!(d.is_full_match("0123456789") && !d.is_full_match("١") && !d.is_full_match("1a"));
        let auth = compile(r"(un)?authenticated").unwrap();
        assert!(auth.is_full_match("authenticated") && auth.is_full_match("unauthenticated"));
        assert!(!auth.is_full_match("un") && !auth.is_full_match("ununauthenticated"));
        let id = compile(r"[\w-]+:[0-9a-f-]+").unwrap();
        assert!(id.is_full_match("us-east-1:0f-a") && !id.is_full_match("us-east-1:0F"));
        assert!(!id.is_full_match(":ab") && !id.is_full_match("a:") && !id.is_full_match("a:b:c"));
        let u = compile(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+").unwrap();
        for yes in ["Abc", "e\u{301}", "€+!", "٣", "日本語", "😀"] {
            assert!(u.is_full_match(yes), "{yes:?}");
        }
        for no in [
            " ", "a b", "\u{a0}", "\u{200b}", "\u{e000}", "\u{378}", "\t",
        ] {
            assert!(!u.is_full_match(no), "{no:?}");
        }
        let counted = compile(r"(?:ab|c){2,3}d?").unwrap();
        for yes in ["abab", "cc", "abcab", "ccd", "abcabd"] {
            assert!(counted.is_full_match(yes), "{yes:?}");
        }
        for no in ["ab", "cccc", "abd", "ccdd"] {
            assert!(!counted.is_full_match(no), "{no:?}");
        }
        let negated = compile(r"[^a-c\d]*").unwrap();
        assert!(negated.is_full_match("") && negated.is_full_match("xyz é"));
        assert!(!negated.is_full_match("xa") && !negated.is_full_match("5"));
    }

    #[test]
    fn dfas_are_minimal_and_single_classes_found() {
        assert_eq!(compile(r"[\w._-]+").unwrap().states(), 2);
        assert_eq!(compile(r"[\w-]+:[0-9a-f-]+").unwrap().states(), 4);
        assert_eq!(compile(r"(?:a|b)*").unwrap().states(), 1);
        assert!(compile(r"[\w._-]+").unwrap().is_single_class());
        assert!(!compile(r"\d+").unwrap().is_single_class());
        assert!(!compile(r"[^a]+").unwrap().is_single_class());
        assert!(!compile(r"[a]*").unwrap().is_single_class());
        assert!(!compile(r"[\w-]+:[0-9a-f-]+").unwrap().is_single_class());
    }

    #[test]
    fn dfa_size_is_bounded() {
        let error = compile(r"(?:a|b)*a(?:a|b){10}").err().expect("too large");
        assert!(error.reason.contains("too many states"), "{error}");
    }

    #[test]
    fn byte_mode_only_when_non_ascii_is_all_or_nothing() {
        assert!(compile(r"[\S]+").unwrap().byte_mode());
        assert!(compile(r"[\w-]+:[0-9a-f-]+").unwrap().byte_mode());
        assert!(!compile(r"[\p{L}]+").unwrap().byte_mode());
    }
}
