// Folding for matching keys: full-width forms to ASCII, Traditional to
// Simplified. See text_fold.hpp.
//
// ICU's Traditional-Simplified transliterator is a rule-based transliterator
// of about 4000 rules "旧 > 新;" (2976 of one character, the rest phrases such
// as 甚麼 > 什么 or 關係 > 关系). Running it costs ~0.3 µs per character even
// when nothing changes, so text is checked first, in one pass, for what could
// change: the 2855 characters that change on their own (Traditional and variant
// forms), and
// the 50 phrases that change without containing one of those (ICU rewrites
// some simplified words: 巡察 > 巡查, 份子 > 分子, 沈默 > 沉默, 剃发 > 剃髮).
// Text with neither is returned as it is, which is exactly what the
// transliterator would return. Both lists are read off the transliterator's
// own rules (Transliterator::toRules), so they follow the ICU version in use;
// if the rules are in a form this file does not parse, the transliterator's
// source set (every character its rules read, a superset) decides instead.
#include "text_fold.hpp"

#include "stages.hpp"

#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qingdan::detail {
namespace {

struct Folding {
  std::unique_ptr<icu::Transliterator> prototype;
  /// Characters that may start a change: the gate (frozen once built).
  icu::UnicodeSet gate;
  /// Gate characters that change on their own: finding one means "transliterate".
  icu::UnicodeSet alone;
  /// Other gate characters: the first character of phrase rules that change
  /// text without containing such a character (UTF-8 left-hand sides).
  std::unordered_map<UChar32, std::vector<std::string>> phrases;
  bool tight = false;  ///< gate derived from the rules (not the source set)
};

/// Reads the rules "LHS > RHS;" off the transliterator. False when a line has
/// any other form (variables, classes, contexts, filters, quoting: all use
/// ASCII syntax characters), or when there are none.
bool gate_from_rules(const icu::Transliterator& transliterator, Folding& f) {
  icu::UnicodeString rules;
  transliterator.toRules(rules, false);
  std::string text;
  rules.toUTF8String(text);
  std::vector<std::pair<std::string_view, std::string_view>> changing;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    const std::size_t arrow = line.find(" > ");
    if (arrow == std::string_view::npos || line.back() != ';') return false;
    const std::string_view lhs = line.substr(0, arrow);
    const std::string_view rhs = line.substr(arrow + 3, line.size() - arrow - 4);
    for (std::string_view side : {lhs, rhs})
      for (char c : side)
        if (static_cast<unsigned char>(c) < 0x80) return false;
    if (lhs.empty()) return false;
    if (lhs != rhs) changing.emplace_back(lhs, rhs);
  }
  if (changing.empty()) return false;
  auto first_char = [](std::string_view s) {
    std::int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
    return std::make_pair(c, static_cast<std::size_t>(i));
  };
  for (const auto& [lhs, rhs] : changing)
    if (const auto [c, n] = first_char(lhs); n == lhs.size()) {
      if (c < 0) return false;
      f.alone.add(c);
    }
  f.alone.freeze();
  for (const auto& [lhs, rhs] : changing) {
    // A phrase rule with a character that changes alone is caught by that
    // character; the others are kept whole, under their first character.
    if (f.alone.spanUTF8(lhs.data(), static_cast<std::int32_t>(lhs.size()), USET_SPAN_NOT_CONTAINED) <
        static_cast<std::int32_t>(lhs.size()))
      continue;
    const UChar32 c = first_char(lhs).first;
    if (c < 0) return false;
    f.phrases[c].emplace_back(lhs);
  }
  f.gate.addAll(f.alone);
  for (const auto& entry : f.phrases) f.gate.add(entry.first);
  return true;
}

Folding make_folding() {
  Folding f;
  UErrorCode status = U_ZERO_ERROR;
  f.prototype.reset(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !f.prototype) {
    f.prototype.reset();
    return f;
  }
  f.tight = gate_from_rules(*f.prototype, f);
  if (!f.tight) {
    f.alone.clear();
    f.phrases.clear();
    f.prototype->getSourceSet(f.alone);  // every character the rules read
    f.alone.freeze();
    f.gate = f.alone;
  }
  f.gate.freeze();
  return f;
}

/// True when the transliterator might change the text.
bool may_change(const Folding& f, std::string_view s) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    i += f.gate.spanUTF8(s.data() + i, n - i, USET_SPAN_NOT_CONTAINED);
    if (i >= n) return false;
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (f.alone.contains(c)) return true;
    const auto found = f.phrases.find(c);
    if (found == f.phrases.end()) continue;
    const std::string_view here = s.substr(static_cast<std::size_t>(start));
    for (const std::string& phrase : found->second)
      if (here.substr(0, phrase.size()) == phrase) return true;
  }
  return false;
}

const Folding& folding() {
  static const Folding instance = make_folding();
  return instance;
}

/// ICU does not promise that one Transliterator can be used by several threads
/// at once: each thread clones the prototype (cheap, the rule data is shared).
icu::Transliterator* thread_transliterator() {
  thread_local const std::unique_ptr<icu::Transliterator> local = []() -> std::unique_ptr<icu::Transliterator> {
    const Folding& f = folding();
    if (!f.prototype) return nullptr;
    static std::mutex clone_mutex;
    std::lock_guard<std::mutex> lock(clone_mutex);
    return std::unique_ptr<icu::Transliterator>(f.prototype->clone());
  }();
  return local.get();
}

}  // namespace

std::string fold_width(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const std::size_t n = utf8.size();
  // Unchanged bytes are copied in runs: only 0xEF and 0xE3 can start a
  // character that folds.
  std::size_t run = 0;
  auto fold_to = [&](std::size_t i, char c) {
    out.append(utf8.data() + run, i - run);
    out.push_back(c);
    run = i + 3;
  };
  for (std::size_t i = 0; i < n;) {
    const std::uint8_t b = s[i];
    if ((b != 0xEF && b != 0xE3) || i + 2 >= n) {
      ++i;
      continue;
    }
    const std::uint8_t b1 = s[i + 1], b2 = s[i + 2];
    if (b == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01..U+FF3F -> 0x21..0x5F
      fold_to(i, static_cast<char>(b2 - 0x60));
      i += 3;
    } else if (b == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // U+FF40..U+FF5E -> 0x60..0x7E
      fold_to(i, static_cast<char>(b2 - 0x20));
      i += 3;
    } else if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // U+3000
      fold_to(i, ' ');
      i += 3;
    } else {
      ++i;
    }
  }
  out.append(utf8.data() + run, n - run);
  return out;
}

std::string fold_for_matching(std::string_view utf8) {
  std::string out = fold_width(utf8);
  const Folding& f = folding();
  if (!f.prototype) return out;
  if (out.size() <= static_cast<std::size_t>(INT32_MAX) && !may_change(f, out)) return out;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(out);
  thread_transliterator()->transliterate(text);
  out.clear();
  text.toUTF8String(out);
  return out;
}

bool traditional_folding_available() {
  return folding().prototype != nullptr;
}

bool traditional_folding_gate_is_tight() {
  return folding().tight;
}

namespace {

/// What folding could change in `utf8`: full-width forms or U+3000 (`wide`),
/// a Traditional character of the matched words (`traditional`; the scan
/// stops there). One pass over the code points.
struct FoldNeeds {
  bool wide = false;
  bool traditional = false;
};

FoldNeeds fold_needs(std::string_view utf8) {
  // Traditional forms of the characters in labels, keys and role words, and
  // the full-width forms width folding changes.
  static constexpr char32_t kHints[] = {U'與', U'區', U'協', U'單', U'實', U'屬', U'應', U'導', U'時', U'標', U'鄉',
                                        U'縣', U'號', U'範', U'節', U'負', U'責', U'進', U'門', U'間', U'際', U'項',
                                        U'頭', U'預', U'類', U'領', U'鎮', U'辦', U'點', U'務', U'別', U'牽', U'體'};
  constexpr UChar32 kFirstHint = 0x4E00, kLastHint = 0x9FFF;
  // A bit per CJK ideograph: is it one of the hints? Built once.
  struct HintBits {
    std::uint64_t bits[(kLastHint - kFirstHint + 1 + 63) / 64] = {};
    HintBits() {
      for (char32_t h : kHints) {
        const auto k = static_cast<std::size_t>(static_cast<UChar32>(h) - kFirstHint);
        bits[k / 64] |= std::uint64_t{1} << (k % 64);
      }
    }
    bool has(UChar32 c) const {
      const auto k = static_cast<std::size_t>(c - kFirstHint);
      return (bits[k / 64] >> (k % 64)) & 1;
    }
  };
  static const HintBits hints;
  FoldNeeds needs;
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const UChar32 c = next_code_point(p, i, n);
    if ((c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000) needs.wide = true;
    if (c >= kFirstHint && c <= kLastHint && hints.has(c)) {
      needs.traditional = true;
      return needs;
    }
  }
  return needs;
}

}  // namespace

std::string_view fold_key(std::string_view utf8, std::string& storage) {
  // Simplified, half-width text is returned as it is, uncopied.
  const FoldNeeds needs = fold_needs(utf8);
  if (needs.traditional) return storage = fold_for_matching(utf8);
  if (!needs.wide) return utf8;
  return storage = fold_width(utf8);
}

std::string_view fold_traditional(std::string_view utf8, std::string& storage) {
  if (fold_needs(utf8).traditional) return storage = fold_for_matching(utf8);
  return utf8;
}

std::string fold_key(std::string_view utf8) {
  std::string storage;
  return std::string(fold_key(utf8, storage));
}

}  // namespace qingdan::detail
