//! The heap's logic on a byte vector: size classes, free lists, growth,
//! and random workloads held to what a global allocator must give.

use super::*;
use proptest::prelude::*;

const WORD: usize = core::mem::size_of::<usize>();

/// A linear memory in a `Vec<u8>`: page 0 stands for the module's static
/// data (never part of the heap), and it grows up to `max_pages`.
struct VecMemory {
    bytes: Vec<u8>,
    max_pages: usize,
}

impl VecMemory {
    fn new(max_pages: usize) -> VecMemory {
        VecMemory {
            bytes: vec![0; PAGE],
            max_pages,
        }
    }

    fn pages(&self) -> usize {
        self.bytes.len() / PAGE
    }
}

impl Memory for VecMemory {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let old = self.bytes.len();
        if self.pages().checked_add(pages)? > self.max_pages {
            return None;
        }
        self.bytes.resize(old + pages * PAGE, 0);
        Some(old)
    }

    fn link(&self, at: usize) -> usize {
        usize::from_le_bytes(self.bytes[at..at + WORD].try_into().unwrap())
    }

    fn set_link(&mut self, at: usize, link: usize) {
        self.bytes[at..at + WORD].copy_from_slice(&link.to_le_bytes());
    }

    fn copy(&mut self, from: usize, to: usize, len: usize) {
        self.bytes.copy_within(from..from + len, to);
    }
}

fn heap(max_pages: usize) -> Heap<VecMemory> {
    Heap::new(VecMemory::new(max_pages))
}

/// Whether a freed block of `block`'s class is waiting to be reused.
fn has_free(heap: &Heap<VecMemory>, block: usize) -> bool {
    heap.free[block.trailing_zeros() as usize] != 0
}

/// Whether the heap took new memory: its end or the start of its uncut rest.
fn footprint(heap: &Heap<VecMemory>) -> (usize, usize) {
    (heap.end, heap.top)
}

#[test]
fn classes_are_powers_of_two_at_least_the_size_the_alignment_and_a_link() {
    assert_eq!(class(0, 1), Some(8));
    assert_eq!(class(1, 1), Some(8));
    assert_eq!(class(8, 8), Some(8));
    assert_eq!(class(9, 1), Some(16));
    assert_eq!(class(100, 4), Some(128));
    assert_eq!(class(1, 4096), Some(4096));
    assert_eq!(class(5000, 4096), Some(8192));
    assert_eq!(class(PAGE + 1, 8), Some(2 * PAGE));
    assert_eq!(class(1, PAGE), Some(PAGE));
    assert_eq!(class(1, 2 * PAGE), None);
    assert_eq!(class(usize::MAX / 2 + 2, 1), None);
}

#[test]
fn the_first_block_starts_a_fresh_page_after_the_static_data() {
    let mut heap = heap(16);
    assert_eq!(heap.alloc(24, 8), Some(PAGE));
    assert_eq!(heap.memory.pages(), 2);
    assert_eq!(heap.alloc(8, 8), Some(PAGE + 32));
}

#[test]
fn a_freed_block_is_the_next_one_of_its_class() {
    let mut heap = heap(16);
    let a = heap.alloc(100, 8).unwrap();
    let b = heap.alloc(120, 8).unwrap();
    heap.dealloc(a, 100, 8);
    let before = footprint(&heap);
    assert_eq!(heap.alloc(65, 1), Some(a));
    assert_eq!(footprint(&heap), before);
    // Another class does not take it.
    heap.dealloc(b, 120, 8);
    assert_ne!(heap.alloc(64, 8), Some(b));
}

#[test]
fn bytes_skipped_for_alignment_become_blocks_of_their_classes() {
    let mut heap = heap(16);
    let small = heap.alloc(8, 8).unwrap();
    assert_eq!(small, PAGE);
    // 4096 bytes aligned to 4096: skips PAGE+8..PAGE+4096.
    assert_eq!(heap.alloc(4096, 4096), Some(PAGE + 4096));
    let before = footprint(&heap);
    for (size, at) in [(8, 8), (16, 16), (32, 32), (2048, 2048), (1024, 1024)] {
        assert!(has_free(&heap, size));
        assert_eq!(heap.alloc(size, 1), Some(PAGE + at), "block of {size}");
    }
    assert_eq!(footprint(&heap), before);
}

#[test]
fn realloc_keeps_the_block_while_the_class_fits_and_moves_the_bytes_otherwise() {
    let mut heap = heap(16);
    let at = heap.alloc(40, 8).unwrap();
    for (i, byte) in heap.memory.bytes[at..at + 40].iter_mut().enumerate() {
        *byte = i as u8;
    }
    assert_eq!(heap.realloc(at, 40, 8, 64), Some(at));
    assert_eq!(heap.realloc(at, 64, 8, 33), Some(at));
    let moved = heap.realloc(at, 33, 8, 65).unwrap();
    assert_ne!(moved, at);
    let expected: Vec<u8> = (0..33).collect();
    assert_eq!(&heap.memory.bytes[moved..moved + 33], &expected[..]);
    // The old block is free for its class again.
    assert_eq!(heap.alloc(64, 8), Some(at));
    // Shrinking to another class moves too, so the big class keeps its block.
    let small = heap.realloc(moved, 65, 8, 10).unwrap();
    assert_ne!(small, moved);
    assert_eq!(&heap.memory.bytes[small..small + 10], &expected[..10]);
    assert_eq!(heap.alloc(100, 8), Some(moved));
}

#[test]
fn out_of_memory_is_none_and_leaves_the_heap_usable() {
    let mut heap = heap(4);
    assert_eq!(heap.alloc(4 * PAGE, 8), None);
    assert_eq!(heap.alloc(1, PAGE * 2), None);
    assert_eq!(heap.alloc(usize::MAX - 7, 1), None);
    let at = heap.alloc(2 * PAGE, 8).unwrap();
    assert_eq!(heap.realloc(at, 2 * PAGE, 8, 4 * PAGE), None);
    heap.memory.bytes[at] = 7;
    assert!(heap.alloc(100, 8).is_some());
    assert_eq!(heap.memory.bytes[at], 7);
}

#[test]
fn memory_grown_by_someone_else_leaves_the_old_rest_as_free_blocks() {
    let mut heap = heap(16);
    let first = heap.alloc(PAGE / 2, 8).unwrap();
    assert_eq!(first, PAGE);
    // Another user of the memory takes the next page.
    let other = heap.memory.grow(1).unwrap();
    assert_eq!(other, 2 * PAGE);
    let big = heap.alloc(PAGE, 8).unwrap();
    assert_eq!(big, 3 * PAGE);
    // The half page left before the other user's page is reused.
    assert_eq!(heap.alloc(PAGE / 2, 8), Some(PAGE + PAGE / 2));
}

#[test]
fn checking_a_big_input_again_and_again_takes_no_more_memory() {
    // The shape of a console's `check` of a 1 MiB text: the input buffer
    // (3 bytes per UTF-16 unit), a growing output, small values.
    let mut heap = heap(1024);
    let round = |heap: &mut Heap<VecMemory>| {
        let input = heap.alloc(3 << 20, 1).unwrap();
        let mut out = heap.alloc(8, 1).unwrap();
        let mut cap = 8;
        let mut small = Vec::new();
        while cap < 1 << 20 {
            out = heap.realloc(out, cap, 1, cap * 2).unwrap();
            cap *= 2;
            small.push(heap.alloc(cap % 200 + 1, 8).unwrap());
        }
        for (i, at) in small.into_iter().enumerate() {
            heap.dealloc(at, ((8usize << (i + 1)) % 200) + 1, 8);
        }
        heap.dealloc(out, cap, 1);
        heap.dealloc(input, 3 << 20, 1);
    };
    round(&mut heap);
    let after_first = footprint(&heap);
    for _ in 0..200 {
        round(&mut heap);
    }
    assert_eq!(footprint(&heap), after_first);
}

#[test]
fn alternating_big_and_small_inputs_takes_no_more_memory() {
    let mut heap = heap(1024);
    let mut after_first = None;
    for round in 0..100 {
        let size = if round % 2 == 0 { 1 << 20 } else { 300 };
        let blocks: Vec<usize> = (0..50)
            .map(|i| heap.alloc(size / 50 + i, 8).unwrap())
            .collect();
        for (i, at) in blocks.into_iter().enumerate() {
            heap.dealloc(at, size / 50 + i, 8);
        }
        if round == 1 {
            after_first = Some(footprint(&heap));
        }
    }
    assert_eq!(Some(footprint(&heap)), after_first);
}

// --- random workloads ----------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    Alloc { size: usize, align_log: u32 },
    Free(usize),
    Realloc(usize, usize),
}

fn size() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 1usize..=64,
        3 => 65usize..=5000,
        1 => 5001usize..=300_000,
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (size(), prop_oneof![8 => 0u32..=3, 1 => 4u32..=16])
            .prop_map(|(size, align_log)| Op::Alloc { size, align_log }),
        3 => any::<usize>().prop_map(Op::Free),
        2 => (any::<usize>(), size()).prop_map(|(i, size)| Op::Realloc(i, size)),
    ]
}

struct Live {
    at: usize,
    size: usize,
    align: usize,
    fill: u8,
}

/// A heap and its live blocks, each filled with its own byte, checked after
/// every step against what a global allocator promises.
struct Harness {
    heap: Heap<VecMemory>,
    live: Vec<Live>,
    next_fill: u8,
}

impl Harness {
    fn new(max_pages: usize) -> Harness {
        Harness {
            heap: heap(max_pages),
            live: Vec::new(),
            next_fill: 1,
        }
    }

    fn block(&self, live: &Live) -> std::ops::Range<usize> {
        live.at..live.at + class(live.size, live.align).unwrap()
    }

    fn placed(&mut self, at: usize, size: usize, align: usize) {
        let block = class(size, align).unwrap();
        assert_eq!(at % align, 0, "alignment {align}");
        assert_eq!(at % block.min(PAGE), 0, "a block is aligned to its class");
        assert!(at >= PAGE, "the heap is above the static data");
        assert!(at + block <= self.heap.memory.bytes.len());
        for other in &self.live {
            let theirs = self.block(other);
            assert!(
                at + block <= theirs.start || theirs.end <= at,
                "{at}+{block} overlaps {theirs:?}"
            );
        }
        let fill = self.next_fill;
        self.next_fill = self.next_fill.wrapping_add(1).max(1);
        self.heap.memory.bytes[at..at + size].fill(fill);
        self.live.push(Live {
            at,
            size,
            align,
            fill,
        });
    }

    fn intact(&self, live: &Live) {
        let bytes = &self.heap.memory.bytes[live.at..live.at + live.size];
        assert!(bytes.iter().all(|&b| b == live.fill), "contents survive");
    }

    fn out_of_memory(&self, size: usize, align: usize) {
        let block = class(size, align).unwrap();
        assert!(
            self.heap.memory.bytes.len() + block + PAGE > self.heap.memory.max_pages * PAGE,
            "None only when the memory cannot grow"
        );
    }

    fn run(&mut self, op: &Op) {
        match *op {
            Op::Alloc { size, align_log } => {
                let align = 1 << align_log;
                let reuse = has_free(&self.heap, class(size, align).unwrap());
                let before = footprint(&self.heap);
                match self.heap.alloc(size, align) {
                    Some(at) => self.placed(at, size, align),
                    None => self.out_of_memory(size, align),
                }
                if reuse {
                    assert_eq!(
                        footprint(&self.heap),
                        before,
                        "a free block of the class was there"
                    );
                }
            }
            Op::Free(i) if !self.live.is_empty() => {
                let live = self.live.swap_remove(i % self.live.len());
                self.intact(&live);
                self.heap.dealloc(live.at, live.size, live.align);
            }
            Op::Realloc(i, new_size) if !self.live.is_empty() => {
                let i = i % self.live.len();
                self.intact(&self.live[i]);
                let Live {
                    at,
                    size,
                    align,
                    fill,
                } = self.live.swap_remove(i);
                let same_class = class(size, align) == class(new_size, align);
                let before = footprint(&self.heap);
                match self.heap.realloc(at, size, align, new_size) {
                    Some(moved) => {
                        if same_class {
                            assert_eq!(moved, at, "in place while the class fits");
                            assert_eq!(footprint(&self.heap), before);
                        }
                        let kept = size.min(new_size);
                        let bytes = &self.heap.memory.bytes[moved..moved + kept];
                        assert!(bytes.iter().all(|&b| b == fill), "contents survive realloc");
                        self.placed(moved, new_size, align);
                    }
                    None => {
                        self.out_of_memory(new_size, align);
                        self.live.push(Live {
                            at,
                            size,
                            align,
                            fill,
                        });
                        self.intact(self.live.last().unwrap());
                    }
                }
            }
            Op::Free(_) | Op::Realloc(..) => {}
        }
    }

    fn free_all(&mut self) {
        while let Some(live) = self.live.pop() {
            self.intact(&live);
            self.heap.dealloc(live.at, live.size, live.align);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_workloads_keep_blocks_apart_aligned_and_intact(ops in proptest::collection::vec(op(), 1..120)) {
        let mut harness = Harness::new(512);
        for op in &ops {
            harness.run(op);
        }
        harness.free_all();
    }

    #[test]
    fn a_repeated_workload_takes_no_memory_after_its_first_round(ops in proptest::collection::vec(op(), 1..80)) {
        // Room enough that no request fails, so every round is the same.
        let mut harness = Harness::new(4096);
        for op in &ops {
            harness.run(op);
        }
        harness.free_all();
        let after_first = footprint(&harness.heap);
        for _ in 0..3 {
            for op in &ops {
                harness.run(op);
            }
            harness.free_all();
            prop_assert_eq!(footprint(&harness.heap), after_first);
        }
    }
}
