#include "allocator.hpp"

#ifdef QINGDAN_WITH_JEMALLOC
#include <jemalloc/jemalloc.h>
#include <sys/prctl.h>
#include <sys/types.h>

#include <string>

// Read by jemalloc when it starts, at the first allocation, before main().
// thp:default: jemalloc does not advise its extents for transparent huge
// pages, so the kernel's own setting decides (madvise on Debian: 4 KiB
// pages). It was thp:always, every extent advised: 142 page faults on the
// seed instead of 260, but each 2 MiB page is zeroed by the kernel when
// first touched, and the few touched while jemalloc and the C library start
// (before main, so no prctl could stop them) were a fifth of the whole
// process (perf: clear_page_erms under base_block_alloc and the thread
// cache). Same binary, same hyperfine rounds, MALLOC_CONF overriding this:
// the seed 4.3-4.5 against 4.7-4.8 ms, the 1.4 KB key-value document
// 2.8-3.6 against 3.7-4.4 ms, resident 5.4 against 11.1 MiB; the 200-document
// batch unchanged (-j1 97-103 against 101-102 ms, -j2 54-63 against 56-63);
// a document of 1 MB 26.2 against 22.7 ms and of 2 MB 44 against 34 ms, the
// price for documents this large (the two are even at ~200 KB). Whether the
// kernel may hand out huge pages at all is still switched with
// prctl(PR_SET_THP_DISABLE), below, for systems whose setting is "always".
const char* malloc_conf = "thp:default";

namespace qingdan_cli::allocator {

// The flag covers the process (and would be inherited by a child, which the
// tool does not start); pages already huge stay so.
void normal_pages_from_now_on() {
  ::prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
}

void large_pages_for_workers() {
  ::prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0);
}

// Measured on the 2-core VM, peak RSS converting one document with 2 MiB
// pages against normal ones: 1 MB 13.1 / 8.3 MiB, 5 MB 26.2 / 20.6, 10 MB
// 44.2 / 36.1 (bound 44.6), 50 MB 166.6 / 154.3 (bound 166.1).
void pages_for_document(std::uint64_t input_bytes) {
  if (input_bytes > kLargePagesUpTo) normal_pages_from_now_on();
}

// mallocx/dallocx rather than malloc/free, which the compiler may drop as a
// pair. mallocx gives null when memory runs out, and dallocx(null) is
// undefined. (Under a tight `ulimit -v` with -j64, jemalloc 5.3 itself can
// still fault inside mallocx while giving a new thread its cache.)
void warm_this_thread() {
  if (void* p = mallocx(64, 0)) dallocx(p, 0);
}

void keep_freed_pages() {
  // For every arena that exists and every one made later (MALLCTL_ARENAS_ALL).
  ssize_t never = -1;
  const std::string all = std::to_string(MALLCTL_ARENAS_ALL);
  for (const char* what : {"dirty_decay_ms", "muzzy_decay_ms"}) {
    mallctl(("arena." + all + "." + what).c_str(), nullptr, nullptr, &never, sizeof never);
    mallctl((std::string("arenas.") + what).c_str(), nullptr, nullptr, &never, sizeof never);
  }
}

}  // namespace qingdan_cli::allocator

#else

namespace qingdan_cli::allocator {
void pages_for_document(std::uint64_t) {}
void normal_pages_from_now_on() {}
void large_pages_for_workers() {}
void warm_this_thread() {}
void keep_freed_pages() {}
}  // namespace qingdan_cli::allocator

#endif
