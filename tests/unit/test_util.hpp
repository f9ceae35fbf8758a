// Small documents for the tests, written as lists of lines so that the line
// numbers the assertions mention can be read off the source.
#pragma once

#include <initializer_list>
#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <string_view>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "qingdan/qingdan.hpp"

namespace qingdan {
// Readable gtest failure messages.
inline void PrintTo(const LineSpan& s, std::ostream* os) {
  *os << "[" << s.first << "," << s.last << "]";
}
}  // namespace qingdan

namespace qingdan::test {

inline constexpr std::string_view kHeader =
    "序号 所属领域 重点任务 三年目标 2023年工作目标 2023年具体工作措施 责任单位";

inline std::string lines_of(std::initializer_list<std::string_view> lines) {
  std::string s;
  for (auto l : lines) {
    s.append(l);
    s.push_back('\n');
  }
  return s;
}

/// `simplified` in Traditional characters, by ICU's Simplified-Traditional
/// transliterator (責任單位 from 责任单位): what an office in Taiwan or Hong
/// Kong would print. Empty when ICU has no such transliterator.
inline std::string to_traditional(std::string_view simplified) {
  static const std::unique_ptr<icu::Transliterator> icu = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!icu) return std::string();
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(simplified.data(), static_cast<std::int32_t>(simplified.size())));
  icu->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

inline const Task* find_task(const Document& d, int seq) {
  for (const auto& dom : d.domains)
    for (const auto& t : dom.tasks)
      if (t.seq == seq) return &t;
  return nullptr;
}

/// Up to max_pieces - 1 pieces drawn at random and joined: the texts the
/// randomized tests hold a byte-level scan and its reference to.
template <typename Pieces>
std::string random_text(std::mt19937& rng, const Pieces& pieces, unsigned max_pieces) {
  std::string s;
  const auto len = rng() % max_pieces;
  for (std::uint32_t c = 0; c < len; ++c) s += pieces[rng() % std::size(pieces)];
  return s;
}

inline std::size_t task_count(const Document& d) {
  std::size_t n = 0;
  for (const auto& dom : d.domains) n += dom.tasks.size();
  return n;
}

}  // namespace qingdan::test
