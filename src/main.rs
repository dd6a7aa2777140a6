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

    // The position of `arena_eager_commit` in mimalloc v3's `mi_option_e` (the version
    // libmimalloc-sys 0.1.49 builds); the test below fails if a dependency update moves it.
    pub const ARENA_EAGER_COMMIT: mi_option_t = 4;

    /// Commit memory on first touch. With mimalloc's default (commit a whole arena at once,
    /// where Linux overcommits) the flagship's peak RSS is 154 MB instead of 98 MB. Freed
    /// pages go back after mimalloc's own purge delay: returning them at once (`purge_delay=0`,
    /// set here from round 2 to round 5) cost the flagship ~30 ms of wall time in TLB shootdowns and
    /// page faults, for 5-9 % less peak memory on the large plans (README "Performance").
    fn keep_memory_lean() {
        // SAFETY: a plain option setter of the allocator; any value is valid for this option.
        unsafe {
            mi_option_set(ARENA_EAGER_COMMIT, 0);
        }
    }

    #[cfg(test)]
    mod tests {
        use libmimalloc_sys::{_mi_option_last, mi_option_get, mi_option_large_os_pages, mi_option_use_numa_nodes};

        use super::ARENA_EAGER_COMMIT;

        #[test]
        fn option_position_matches_the_vendored_mimalloc() {
            // libmimalloc-sys names a neighbour of our option; in v3's header it sits right
            // here, and v3 has 47 options. A mimalloc update that moves it fails here.
            assert_eq!(_mi_option_last, 47);
            assert_eq!(ARENA_EAGER_COMMIT + 2, mi_option_large_os_pages);
        }

        #[test]
        fn option_is_set_before_the_first_allocation_is_served() {
            // This test binary allocates through LeanMiMalloc too.
            // SAFETY: a plain option getter.
            let eager = unsafe { mi_option_get(ARENA_EAGER_COMMIT) };
            assert_eq!(eager, 0);
        }

        #[test]
        fn freed_pages_are_not_returned_at_once() {
            // `purge_delay` sits right before `use_numa_nodes` in v3's header. At 0, every free
            // page went back to the kernel at once: ~30 ms of TLB flushes and page faults per
            // flagship build (README "Performance", issue #20).
            // SAFETY: a plain option getter.
            let delay = unsafe { mi_option_get(mi_option_use_numa_nodes - 1) };
            assert!(delay >= 10, "purge_delay {delay} ms");
        }
    }
}
