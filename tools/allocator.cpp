#include "allocator.hpp"

#ifdef QINGDAN_WITH_JEMALLOC
#include <jemalloc/jemalloc.h>
#include <sys/prctl.h>
#include <sys/types.h>

#include <string>

// Read by jemalloc when it starts, at the first allocation, before main().
// thp:always advises every extent it maps for transparent huge pages, so
// start-up and a small document's allocations come in 2 MiB pages: 115 page
// faults on the seed instead of ~260. Whether the kernel then hands out huge
// pages is switched for the whole process with prctl(PR_SET_THP_DISABLE),
// below: jemalloc's own setting cannot change once it has started.
const char* malloc_conf = "thp:always";

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
