//! The `.wasm`'s own memory allocator: segregated free lists of
//! power-of-two size classes over memory grown with `memory.grow`.
//!
//! It replaces the standard library's allocator for wasm32 (dlmalloc),
//! which is about 5 KB of code; this one is under 1 KB. The
//! choices and the memory bound are in docs/DECISIONS.md ("The web .wasm
//! allocator"). In short:
//!
//! - Every request is rounded up to a power of two, its *class* (at least
//!   [`MIN_BLOCK`] bytes, at least its alignment). A block's class is
//!   known again from the `Layout` that frees it, so blocks carry no
//!   header.
//! - A free block goes on its class's list (the link is kept in the block
//!   itself) and is the next one that class hands out. A block never
//!   changes class: no splitting, no merging.
//! - A fresh block is cut from the end of the heap, aligned to its size up
//!   to [`PAGE`]; the bytes skipped to align it are cut into naturally
//!   aligned power-of-two blocks that go on their classes' lists. When the
//!   heap is full it grows by whole pages; memory is never given back
//!   (WebAssembly cannot shrink a memory).
//!
//! So the blocks a class holds number at most the most blocks of that
//! class ever live at once, plus the alignment blocks, and a workload that
//! repeats takes no new memory after its first round.
//!
//! The logic ([`Heap`]) is plain safe Rust over a [`Memory`]: the `.wasm`
//! gives it the real linear memory, the unit tests a byte vector. The only
//! `unsafe` code of the crate is here: the wasm32 [`Memory`] and the
//! `GlobalAlloc` glue.

/// A WebAssembly page: the unit `memory.grow` counts in, and the largest
/// alignment the heap gives (a larger one is refused).
pub const PAGE: usize = 65536;

/// The smallest block: room for the free-list link (a `usize`).
pub const MIN_BLOCK: usize = 8;

/// The memory a [`Heap`] lives in, addressed by byte offsets. Address 0 is
/// never part of the heap (in WebAssembly it is static data), so 0 marks
/// the end of a free list.
pub trait Memory {
    /// Grow the memory by `pages` pages; the address of the first new byte,
    /// or `None` when it cannot grow.
    fn grow(&mut self, pages: usize) -> Option<usize>;
    /// The free-list link stored at `at` (a free block's first bytes).
    fn link(&self, at: usize) -> usize;
    /// Store a free-list link at `at`.
    fn set_link(&mut self, at: usize, link: usize);
    /// Copy `len` bytes from `from` to `to` (blocks that do not overlap).
    fn copy(&mut self, from: usize, to: usize, len: usize);
}

/// The size class of a request: its block size, a power of two, or `None`
/// when no block can serve it (an alignment above [`PAGE`], or a size
/// whose class overflows `usize`).
pub fn class(size: usize, align: usize) -> Option<usize> {
    if align > PAGE {
        return None;
    }
    size.max(align).max(MIN_BLOCK).checked_next_power_of_two()
}

/// The allocator's state: the free lists, and the part of the heap not yet
/// cut into blocks, `top..end`.
pub struct Heap<M> {
    memory: M,
    /// The first free block of each class, by the class's log2; 0 when
    /// there is none.
    free: [usize; usize::BITS as usize],
    top: usize,
    end: usize,
}

impl<M: Memory> Heap<M> {
    /// An empty heap in `memory`; it grows the memory at its first request.
    pub const fn new(memory: M) -> Heap<M> {
        Heap {
            memory,
            free: [0; usize::BITS as usize],
            top: 0,
            end: 0,
        }
    }

    /// A block for `size` bytes aligned to `align` (a power of two): its
    /// address, or `None` when the memory cannot grow enough (or `align`
    /// is above [`PAGE`]).
    pub fn alloc(&mut self, size: usize, align: usize) -> Option<usize> {
        let block = class(size, align)?;
        let list = block.trailing_zeros() as usize;
        match self.free[list] {
            0 => self.cut(block),
            first => {
                self.free[list] = self.memory.link(first);
                Some(first)
            }
        }
    }

    /// Give back the block at `at`, allocated for `size` and `align`.
    pub fn dealloc(&mut self, at: usize, size: usize, align: usize) {
        if let Some(block) = class(size, align) {
            self.push(at, block);
        }
    }

    /// Resize the block at `at` (allocated for `size` and `align`) to
    /// `new_size` bytes: the same block when the class stays the same,
    /// else a new block holding the first bytes of the old one, which is
    /// freed. `None` (the old block untouched) when no new block can be
    /// had.
    pub fn realloc(
        &mut self,
        at: usize,
        size: usize,
        align: usize,
        new_size: usize,
    ) -> Option<usize> {
        if class(new_size, align) == class(size, align) {
            return Some(at);
        }
        let moved = self.alloc(new_size, align)?;
        self.memory.copy(at, moved, size.min(new_size));
        self.dealloc(at, size, align);
        Some(moved)
    }

    /// Put the block at `at` of `block` bytes on its class's list.
    fn push(&mut self, at: usize, block: usize) {
        let list = block.trailing_zeros() as usize;
        self.memory.set_link(at, self.free[list]);
        self.free[list] = at;
    }

    /// A fresh block of `block` bytes (a class) from the end of the heap,
    /// aligned to `block` up to a page; grows the memory when needed.
    fn cut(&mut self, block: usize) -> Option<usize> {
        let align = block.min(PAGE);
        loop {
            let start = self.top.checked_next_multiple_of(align)?;
            let end = start.checked_add(block)?;
            if end <= self.end {
                self.retire(start);
                self.top = end;
                return Some(start);
            }
            let pages = (end - self.end).div_ceil(PAGE);
            let grown = self.memory.grow(pages)?;
            if grown != self.end {
                // Someone else grew the memory in between (or this is the
                // first growth): keep what is left of the old end as
                // blocks, and go on from the new pages.
                self.retire(self.end);
                self.top = grown;
            }
            self.end = grown.checked_add(pages.checked_mul(PAGE)?)?;
        }
    }

    /// Cut `top..until` into the largest naturally aligned power-of-two
    /// blocks, put them on their lists, and move `top` to `until`.
    /// `top` is a multiple of [`MIN_BLOCK`], so every piece is at least
    /// that large.
    fn retire(&mut self, until: usize) {
        while self.top < until {
            let aligned_to = self.top & self.top.wrapping_neg();
            let fits = 1 << (usize::BITS - 1 - (until - self.top).leading_zeros());
            let piece = aligned_to.min(fits);
            self.push(self.top, piece);
            self.top += piece;
        }
    }
}

/// The WebAssembly linear memory, grown with `memory.grow`.
#[cfg(target_arch = "wasm32")]
pub struct WasmMemory;

#[cfg(target_arch = "wasm32")]
impl Memory for WasmMemory {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow::<0>(pages) {
            usize::MAX => None,
            old_pages => old_pages.checked_mul(PAGE),
        }
    }

    fn link(&self, at: usize) -> usize {
        // SAFETY: `at` is a free block of the heap (the heap calls this only
        // on the first block of a free list): at least MIN_BLOCK bytes of
        // memory that no one else uses, aligned to at least MIN_BLOCK (>=
        // the alignment of usize), whose first bytes `set_link` wrote.
        unsafe { (at as *const usize).read() }
    }

    fn set_link(&mut self, at: usize, link: usize) {
        // SAFETY: `at` is a block the heap cut from memory it grew and that
        // was just freed (or never handed out): at least MIN_BLOCK bytes,
        // aligned to at least MIN_BLOCK, not in use by anyone.
        unsafe { (at as *mut usize).write(link) }
    }

    fn copy(&mut self, from: usize, to: usize, len: usize) {
        // SAFETY: `from` is a live block of at least `len` bytes and `to` a
        // fresh block of at least `len` bytes; they are distinct blocks of
        // the heap, so they do not overlap.
        unsafe { core::ptr::copy_nonoverlapping(from as *const u8, to as *mut u8, len) }
    }
}

/// The global allocator of the `.wasm`: a [`Heap`] over [`WasmMemory`].
///
/// wasm32-unknown-unknown without the `atomics` feature runs one thread
/// (there is no way to start another), and the heap never calls back into
/// an allocator, so at most one `&mut Heap` exists at a time.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub struct Global(core::cell::UnsafeCell<Heap<WasmMemory>>);

// SAFETY: without `atomics` a wasm32 module has exactly one thread, so the
// cell is never reached from two threads.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Global {}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
impl Global {
    /// The allocator before its first request.
    pub const fn new() -> Global {
        Global(core::cell::UnsafeCell::new(Heap::new(WasmMemory)))
    }

    #[allow(clippy::mut_from_ref)]
    fn heap(&self) -> &mut Heap<WasmMemory> {
        // SAFETY: one thread (see `Sync` above), and every use of the
        // reference ends inside the one `GlobalAlloc` call that took it
        // (the heap allocates nothing itself), so it is never aliased.
        unsafe { &mut *self.0.get() }
    }
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
impl Default for Global {
    fn default() -> Global {
        Global::new()
    }
}

// SAFETY: `alloc` returns null or a block of at least `layout.size()` bytes
// aligned to `layout.align()` (class() is at least both, and a block is
// aligned to its class up to PAGE; larger alignments give null) that no
// other live allocation overlaps (blocks are cut once from fresh memory and
// reused only after `dealloc`). `dealloc` and `realloc` get the layout the
// block was allocated with, as GlobalAlloc's contract requires, which gives
// back the same class.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl core::alloc::GlobalAlloc for Global {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        match self.heap().alloc(layout.size(), layout.align()) {
            Some(at) => at as *mut u8,
            None => core::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        self.heap()
            .dealloc(ptr as usize, layout.size(), layout.align());
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        layout: core::alloc::Layout,
        new_size: usize,
    ) -> *mut u8 {
        match self
            .heap()
            .realloc(ptr as usize, layout.size(), layout.align(), new_size)
        {
            Some(at) => at as *mut u8,
            None => core::ptr::null_mut(),
        }
    }
}

#[cfg(test)]
mod tests;
