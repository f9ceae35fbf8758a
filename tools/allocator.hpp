// The tool's allocator settings. The library leaves allocation to whoever
// links it; the tool links mimalloc (when installed) and tunes when its heaps
// take 2 MiB pages. On the 2-core VM a page fault costs ~10 us, so a heap
// that is faulted in 4 KiB at a time costs milliseconds per thread at start:
// more than a small document takes to parse. Without mimalloc these do
// nothing.
#pragma once

namespace qingdan_cli::allocator {

/// First thing in main(): segments taken from now on use normal pages, so
/// that one large document stays within its memory promise (README,
/// Performance). The first segment, taken before main(), is in 2 MiB pages.
void normal_pages_from_now_on();

/// Before worker threads are started (convert -j2 and more): each worker's
/// heap is committed and in 2 MiB pages from its first allocation, as the
/// main thread's first segment is. Call while no other thread allocates.
void large_pages_for_workers();

/// First thing in a worker: takes the thread's heap now, while the main
/// thread is still listing the inputs, instead of in its first document.
void warm_this_thread();

}  // namespace qingdan_cli::allocator
