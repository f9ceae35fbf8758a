// Which vector instructions the CPU has, asked once. The scans are written
// for SSE2, which every x86-64 CPU has; where the CPU has more, the longest
// ones (UTF-8 validation, character counting) take 32 bytes a step.
#pragma once

namespace qingdan::detail::cpu {

bool has_ssse3();
bool has_avx2();

}  // namespace qingdan::detail::cpu
