#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace qingdan_cli {

namespace {

std::size_t terminal_width() {
  struct winsize ws {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string clock_text(double seconds) {
  if (!(seconds >= 0) || seconds > 359999) return "--:--";
  const auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

Progress::Progress(bool enabled, std::size_t total_docs, std::uint64_t total_bytes)
    : enabled_(enabled), total_docs_(total_docs), total_bytes_(total_bytes), start_(Clock::now()) {
  last_draw_ = start_ - std::chrono::seconds(1);
}

std::string Progress::render(std::size_t done_docs, std::size_t total_docs, std::uint64_t done_bytes,
                             std::uint64_t total_bytes, double seconds, std::size_t width) {
  const double mb = static_cast<double>(done_bytes) / 1e6;
  const double total_mb = static_cast<double>(total_bytes) / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0;
  // ETA from bytes when sizes are known, else from documents.
  double eta = -1;
  if (rate > 0 && total_bytes > 0)
    eta = (total_mb - mb) / rate;
  else if (done_docs > 0 && seconds > 0)
    eta = seconds * static_cast<double>(total_docs - done_docs) / static_cast<double>(done_docs);
  // Fixed-width fields, so the line keeps its length from one redraw to the next.
  char total_text[32];
  std::snprintf(total_text, sizeof total_text, "%.1f", total_mb);
  const int docs_width = std::snprintf(nullptr, 0, "%zu", total_docs);
  const int mb_width = static_cast<int>(std::char_traits<char>::length(total_text));
  char tail[200];
  std::snprintf(tail, sizeof tail, " %*zu/%zu docs  %*.1f/%s MB  %6.1f MB/s  ETA %s", docs_width, done_docs, total_docs,
                mb_width, mb, total_text, rate, clock_text(eta).c_str());
  std::string line;
  const std::size_t tail_len = std::char_traits<char>::length(tail);
  // "[####----]" takes what is left of the line, 10..40 cells; none on a narrow terminal.
  if (width > tail_len + 13) {
    const std::size_t cells = std::min<std::size_t>(40, width - tail_len - 3);
    const double fraction = total_bytes > 0  ? static_cast<double>(done_bytes) / static_cast<double>(total_bytes)
                            : total_docs > 0 ? static_cast<double>(done_docs) / static_cast<double>(total_docs)
                                             : 1.0;
    const auto filled = static_cast<std::size_t>(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(cells));
    line += '[';
    line.append(filled, '#');
    line.append(cells - filled, '-');
    line += ']';
  }
  line += tail;
  if (line.size() >= width) line.resize(width > 1 ? width - 1 : 0);
  return line;
}

void Progress::update(std::size_t done_docs, std::uint64_t done_bytes, bool force) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string line = render(done_docs, total_docs_, done_bytes, total_bytes_, seconds, terminal_width());
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::clear() {
  if (!enabled_ || !shown_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;  // drawn again at the next update() due, so still at most ten times a second
}

}  // namespace qingdan_cli
