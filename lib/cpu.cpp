#include "cpu.hpp"

#if defined(__x86_64__) || defined(__i386__)
// glibc's CPU feature query, which read the CPU's features at start-up
// anyway: libgcc's __builtin_cpu_supports brings in a constructor that runs
// CPUID a dozen more times in every process, and on a virtual machine each
// CPUID traps to the hypervisor (13 us measured here). glibc's header spells
// bool the C way (_Bool), which clang does not take in C++, so clang builds
// use __builtin_cpu_supports.
#if __has_include(<sys/platform/x86.h>) && !defined(__clang__)
#define QINGDAN_GLIBC_CPU_FEATURES 1
#include <sys/platform/x86.h>
#endif
#endif

namespace qingdan::detail::cpu {

#if defined(__x86_64__) || defined(__i386__)
bool has_ssse3() {
#ifdef QINGDAN_GLIBC_CPU_FEATURES
  static const bool yes = CPU_FEATURE_ACTIVE(SSSE3);
#else
  static const bool yes = __builtin_cpu_supports("ssse3");
#endif
  return yes;
}

bool has_avx2() {
#ifdef QINGDAN_GLIBC_CPU_FEATURES
  static const bool yes = CPU_FEATURE_ACTIVE(AVX2);  // "active": the OS saves the 256-bit registers too
#else
  static const bool yes = __builtin_cpu_supports("avx2");
#endif
  return yes;
}
#else
bool has_ssse3() {
  return false;
}
bool has_avx2() {
  return false;
}
#endif

}  // namespace qingdan::detail::cpu
