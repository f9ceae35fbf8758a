#include "allocator.hpp"

#ifdef QINGDAN_WITH_MIMALLOC
#include <mimalloc.h>

// Start-up and a small document's allocations come from mimalloc's first
// segment. Taken in 2 MiB pages (transparent huge pages, where the kernel
// offers them), a run on the seed takes 143 page faults instead of 273:
// 7.2 -> 4.9 ms on the 2-core VM, where a fault costs ~10 us. Priority 101
// runs this ahead of the static initialisers of libstdc++ and the tool, and
// so before the first allocation.
__attribute__((constructor(101))) static void qingdan_first_segment_in_large_pages() {
  mi_option_set_enabled(mi_option_large_os_pages, true);
}

namespace qingdan_cli::allocator {

// Huge pages throughout would make a 50 MB conversion twice as fast but peak
// at 179 MiB, over the 3 x input + 16 MiB = 166 MiB the tool promises.
void normal_pages_from_now_on() {
  mi_option_set_enabled(mi_option_large_os_pages, false);
}

// A thread's first segment is not committed up front when the process has
// more than one thread (mi_option_eager_commit_delay, default 1): it is
// committed piece by piece and so cannot be in large pages. A worker then
// takes ~300 faults of 4 KiB in its first documents (convert -j2 on 200
// documents: 446 faults against 147 with -j1). With eager commit and large
// pages: 195 faults, and the whole run ~12 % faster. A batch with several
// workers has several documents in memory anyway, so the single-document
// promise above is not what bounds it.
void large_pages_for_workers() {
  mi_option_set(mi_option_eager_commit_delay, 0);
  mi_option_set_enabled(mi_option_large_os_pages, true);
}

void warm_this_thread() {
  mi_free(mi_malloc(64));
}

}  // namespace qingdan_cli::allocator

#else

namespace qingdan_cli::allocator {
void normal_pages_from_now_on() {}
void large_pages_for_workers() {}
void warm_this_thread() {}
}  // namespace qingdan_cli::allocator

#endif
