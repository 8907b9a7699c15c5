//! Giving freed memory back to the system after the large builds (search
//! index, entity index), so the reader's resident memory is what it holds.
//!
//! The allocator keeps what a thread frees for that thread's later use,
//! resident: after a build on several threads, the memory of its working
//! lists stays counted against the reader unless handed back. Nothing here
//! changes what any value holds.

/// Hands the free pages of the allocator's heaps back to the system
/// (glibc's `malloc_trim`); does nothing on other platforms. It walks the
/// free memory of every heap: call it after a build, not per item.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only hands free pages of the allocator's heaps
    // back to the system; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
