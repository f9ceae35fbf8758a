// A one-line progress bar on standard error for `qingdan convert`:
// documents done/total, MB, rate and ETA, redrawn at most ten times a second.
// Not thread-safe: only the writer (main) thread draws.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace qingdan_cli {

class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  Progress(bool enabled, std::size_t total_docs, std::uint64_t total_bytes);
  bool enabled() const noexcept { return enabled_; }
  /// Redraws if enabled and at least 100 ms have passed since the last draw
  /// (or `force`).
  void update(std::size_t done_docs, std::uint64_t done_bytes, bool force = false);
  /// Erases the bar so other text can be written to standard error; the next
  /// update() draws it again.
  void clear();

  /// The bar as it would be drawn (no control characters); for tests.
  static std::string render(std::size_t done_docs, std::size_t total_docs, std::uint64_t done_bytes,
                            std::uint64_t total_bytes, double seconds, std::size_t width);

 private:
  bool enabled_;
  bool shown_ = false;
  std::size_t total_docs_;
  std::uint64_t total_bytes_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace qingdan_cli
