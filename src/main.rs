// mimalloc instead of glibc's malloc: Typst allocates and frees millions of small objects per
// build, and in a batch several builds do so at once, where glibc's allocator contends
// (measured: a 40-plan batch about 20% faster; README "Performance").
#[global_allocator]
static ALLOCATOR: allocator::LeanMiMalloc = allocator::LeanMiMalloc;

fn main() -> std::process::ExitCode {
    renja::cli::main()
}

mod allocator {
    use std::alloc::{GlobalAlloc, Layout};
    use std::sync::Once;

    use libmimalloc_sys::{mi_option_set, mi_option_t};
    use mimalloc::MiMalloc;

    /// mimalloc, with its options set before its first allocation: the first arena is reserved
    /// then, so setting them later from `main` comes too late.
    pub struct LeanMiMalloc;

    static OPTIONS: Once = Once::new();

    // SAFETY: every method delegates to MiMalloc after setting options, which allocates nothing.
    unsafe impl GlobalAlloc for LeanMiMalloc {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            OPTIONS.call_once(keep_memory_lean);
            // SAFETY: forwarded contract.
            unsafe { MiMalloc.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            OPTIONS.call_once(keep_memory_lean);
            // SAFETY: forwarded contract.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: forwarded contract.
            unsafe { MiMalloc.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: forwarded contract.
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        }
    }

    // Positions in mimalloc v3's `mi_option_e` (the version libmimalloc-sys 0.1.49 builds);
    // the test below fails if a dependency update moves them.
    pub const ARENA_EAGER_COMMIT: mi_option_t = 4;
    pub const PURGE_DELAY: mi_option_t = 15;

    /// Commit memory on first touch and return freed pages at once. mimalloc's defaults keep
    /// ~15% more resident memory, which a 2,400-row plan cannot afford under its 500 MB budget;
    /// the cost is a little system time.
    fn keep_memory_lean() {
        // SAFETY: plain option setters of the allocator; any value is valid for both options.
        unsafe {
            mi_option_set(ARENA_EAGER_COMMIT, 0);
            mi_option_set(PURGE_DELAY, 0);
        }
    }

    #[cfg(test)]
    mod tests {
        use libmimalloc_sys::{_mi_option_last, mi_option_get, mi_option_large_os_pages, mi_option_use_numa_nodes};

        use super::{ARENA_EAGER_COMMIT, PURGE_DELAY};

        #[test]
        fn option_positions_match_the_vendored_mimalloc() {
            // libmimalloc-sys names the neighbours of our two options; in v3's header they sit
            // right here, and v3 has 47 options. A mimalloc update that moves them fails here.
            assert_eq!(_mi_option_last, 47);
            assert_eq!(PURGE_DELAY + 1, mi_option_use_numa_nodes);
            assert_eq!(ARENA_EAGER_COMMIT + 2, mi_option_large_os_pages);
        }

        #[test]
        fn options_are_set_before_the_first_allocation_is_served() {
            // This test binary allocates through LeanMiMalloc too.
            // SAFETY: plain option getters.
            let (eager, delay) = unsafe { (mi_option_get(ARENA_EAGER_COMMIT), mi_option_get(PURGE_DELAY)) };
            assert_eq!((eager, delay), (0, 0));
        }
    }
}
