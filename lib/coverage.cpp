// Character accounting helpers: what counts as "a character" for coverage.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "stages.hpp"

namespace qingdan::detail {

std::uint64_t count_chars(std::string_view text) {
  std::uint64_t n = 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto len = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < len;) {
    if (p[i] < 0x80) {
      const std::uint8_t b = p[i++];
      n += !is_space(b);
      continue;
    }
    if (p[i] >= 0xE4 && p[i] <= 0xEE) {  // U+4000..U+EFFF: never whitespace
      ++n;
      i += 3;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, len, c);
    n += c < 0 || !is_space(c);
  }
  return n;
}

void account_coverage(const std::vector<Line>& lines, const std::vector<LineUse>& use,
                      const std::vector<std::uint64_t>& furniture_in_line, std::uint64_t furniture_elsewhere,
                      Document& doc) {
  Coverage& cov = doc.coverage;
  cov = {};
  cov.chars = cov.furniture = furniture_elsewhere;
  std::size_t run_start = SIZE_MAX, run_last = 0;  // current run of unassigned lines
  auto report_run = [&] {
    if (run_start == SIZE_MAX) return;
    const std::uint32_t a = lines[run_start].number, z = lines[run_last].number;
    doc.diagnostics.push_back(
        {Severity::warning, a,
         "text on line" + (a == z ? " " + std::to_string(a) : "s " + std::to_string(a) + "-" + std::to_string(z)) +
             " was not assigned to any field"});
    run_start = SIZE_MAX;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::uint64_t chars = count_chars(lines[i].text);
    if (chars == 0) continue;
    cov.chars += chars;
    switch (use[i]) {
      case LineUse::field: {
        const std::uint64_t markup = std::min(chars, furniture_in_line.empty() ? 0 : furniture_in_line[i]);
        cov.in_fields += chars - markup;
        cov.furniture += markup;
        break;
      }
      case LineUse::furniture: cov.furniture += chars; break;
      case LineUse::none:
        cov.unassigned += chars;
        if (run_start == SIZE_MAX) run_start = i;
        run_last = i;
        continue;
    }
    report_run();
  }
  report_run();
}

}  // namespace qingdan::detail
