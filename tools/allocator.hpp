// The tool's allocator settings. The library leaves allocation to whoever
// links it; the tool links jemalloc (when its archive is installed). jemalloc
// asks for no transparent huge pages (tools/allocator.cpp says why); where
// the system hands them out anyway (THP "always"), the tool decides when the
// process may take them: a heap in 2 MiB pages holds more memory than it
// uses, which a large document cannot afford within its promise (3 x input +
// 16 MiB, README, Performance). Without jemalloc these do nothing.
#pragma once

#include <cstdint>

namespace qingdan_cli::allocator {

/// Documents up to this size may be parsed with 2 MiB pages where the
/// system hands them out (one document of 5 MB so converted peaks ~4 MiB
/// under its bound; at 10 MB the margin is gone).
constexpr std::uint64_t kLargePagesUpTo = 4u << 20;

/// One document of `input_bytes`: larger than kLargePagesUpTo, the rest of
/// the run uses normal pages. Call before parsing it.
void pages_for_document(std::uint64_t input_bytes);

/// A batch on this thread alone (convert -j1) or the streaming filter: normal
/// pages from now on, so that any one document stays within its promise.
void normal_pages_from_now_on();

/// Before worker threads are started (convert -j2 and more): 2 MiB pages,
/// where the system hands them out, stay allowed for the batch, for every
/// thread's heap.
void large_pages_for_workers();

/// First thing in a worker: takes the thread's cache and arena now, while
/// the main thread is still listing the inputs, instead of in its first
/// document.
void warm_this_thread();

/// For the benchmarks, which parse the same input thousands of times: freed
/// pages stay with the process (jemalloc's decay off), so that a large or
/// pathological input is not timed re-faulting the pages its previous
/// iteration returned (~12 us each here) and the scaling fits measure the
/// parser. The tool itself, one document per process or a batch reusing its
/// heap, keeps jemalloc's defaults.
void keep_freed_pages();

}  // namespace qingdan_cli::allocator
