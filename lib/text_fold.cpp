// Folding for matching keys: full-width forms to ASCII, Traditional to
// Simplified. See text_fold.hpp.
//
// ICU's Traditional-Simplified transliterator is a rule-based transliterator
// of about 4000 rules "旧 > 新;" (2976 of one character, the rest phrases such
// as 甚麼 > 什么 or 關係 > 关系, and identities such as 乾坤 > 乾坤 that keep a
// phrase from its characters' rules; ICU also rewrites some simplified words:
// 巡察 > 巡查, 份子 > 分子). Its transliterate() costs ~250 ns a character,
// through UTF-16, even where nothing changes. So the rules are read off it
// (Transliterator::toRules; translit_rules.hpp) — at build time by
// lib/gen/gen_hant_hans.cpp, used when the ICU at run time is the same
// version, else at the first call — and applied here, on UTF-8: at each
// character the rules that start with it are tried in the transliterator's
// order, the first whose left-hand side matches
// is replaced by its right-hand side and the scan goes on after it; without a
// match the character is kept. That is what ICU's rule-based transliterator
// does with rules of this plain form (no context, cursor or variables; ICU
// refuses a rule masked by an earlier one, so the first match is also the
// longest). TextFold.RulesEqualTheIcuTransliterator holds the two to the same
// output on every rule and on random text. Bytes that are not well-formed
// UTF-8 are copied as they are (ICU would turn them into U+FFFD); no rule reads
// across them. If the rules are in a form this file does not parse, the
// transliterator itself runs, on text holding a character of its source set.
#include "text_fold.hpp"

#include "stages.hpp"
#include "translit_rules.hpp"

#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace qingdan::detail {
namespace {

/// The rules "LHS > RHS;" by their first character: a two-level table over
/// the code points (pages of 256, only those holding a rule's first character
/// allocated), each entry the range of that character's rules.
class RuleTable {
 public:
  using Rule = PlainRule;

  /// `rules`: grouped by first character, in the transliterator's order
  /// within a group (parse_plain_rules); their text outlives the table.
  void assign(const PlainRule* rules, std::size_t n) {
    rules_.assign(rules, rules + n);
    pages_.clear();
    pages_.resize(kPages);
    for (std::size_t i = 0; i < n; ++i) {
      const UChar32 c = rules[i].first;
      auto& page = pages_[static_cast<std::size_t>(c) >> 8];
      if (!page) page = std::make_unique<Page>();
      Range& range = (*page)[static_cast<std::size_t>(c) & 0xFF];
      if (range.begin == range.end) range.begin = static_cast<std::uint32_t>(i);
      range.end = static_cast<std::uint32_t>(i + 1);
    }
  }
  bool empty() const { return rules_.empty(); }
  const std::vector<Rule>& all() const { return rules_; }
  /// The rules whose left-hand side starts with `c` (a valid code point).
  const Rule* begin_of(UChar32 c, const Rule*& end) const {
    const auto& page = pages_[static_cast<std::size_t>(c) >> 8];
    if (!page) return end = nullptr;
    const Range range = (*page)[static_cast<std::size_t>(c) & 0xFF];
    end = rules_.data() + range.end;
    return rules_.data() + range.begin;
  }

 private:
  struct Range {
    std::uint32_t begin = 0, end = 0;
  };
  static constexpr std::size_t kPages = (0x10FFFF >> 8) + 1;
  using Page = std::array<Range, 256>;
  std::vector<Rule> rules_;
  std::vector<std::unique_ptr<Page>> pages_;
};

#if __has_include("hant_hans_rules.inc")
// kHantHansIcuVersion, kHantHansRuleCount, kHantHansRules: read at build time.
#include "hant_hans_rules.inc"
#define QINGDAN_RULES_FROM_BUILD 1
#endif

struct Folding {
  /// The transliterator, when its rules are read at run time.
  std::unique_ptr<icu::Transliterator> prototype;
  /// Its rules as text (the views in `rules` point into it); not moved.
  std::unique_ptr<std::string> rules_text;
  /// The rules, applied here; empty when they could not be read (then the
  /// transliterator runs).
  RuleTable rules;
  /// Without the rules: every character the transliterator's rules read (its
  /// source set, frozen); text with none of them is left as it is.
  icu::UnicodeSet source;
};

/// The full-width form or U+3000 that starts at `at` (three bytes available),
/// as the ASCII character fold_width makes of it; 0 when there is none.
inline char wide_form_at(const std::uint8_t* at) {
  const std::uint8_t b1 = at[1], b2 = at[2];
  switch (at[0]) {
    case 0xEF:
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) return static_cast<char>(b2 - 0x60);  // U+FF01..FF3F
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) return static_cast<char>(b2 - 0x20);  // U+FF40..FF5E
      return 0;
    case 0xE3: return b1 == 0x80 && b2 == 0x80 ? ' ' : 0;  // U+3000
    default: return 0;
  }
}

/// A phrase rule's remaining characters against the text: a few bytes,
/// which a call to memcmp cost more to compare than a loop.
inline bool same_bytes(const std::uint8_t* a, const char* b, std::size_t len) {
  for (std::size_t k = 0; k < len; ++k)
    if (a[k] != static_cast<std::uint8_t>(b[k])) return false;
  return true;
}

/// What ICU's rule-based transliterator returns for fold_width(s) under the
/// rules in `table` (see the top of this file), in one pass over `s`: a
/// full-width form becomes its ASCII character, other characters are tried
/// against their rules, first match replaced, the scan going on after it.
/// One pass is the same as two because no rule's left-hand side holds ASCII
/// (parse_plain_rules refuses them) or a full-width form (it drops those:
/// they can never match width-folded text), so no match spans a folded
/// character; and width folding copies the bytes that are not well-formed, as
/// this does (EF and E3 never continue a sequence, so both see the same
/// characters).
/// Written into `out` (cleared first), whose room a caller may keep between
/// calls: the units analysis folds a Traditional clause and then each name.
void fold_by_rules(const RuleTable& table, std::string_view s, std::string& out) {
  // Written through a pointer into room for the text as it is (and more when
  // a replacement is longer than what it replaces): two appends per folded
  // character were a third of the cost.
  out.clear();
  out.resize(s.size() + 16);
  char* base = out.data();
  std::size_t w = 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t run = 0;  // start of the bytes not yet copied
  auto copy = [&](const char* from, std::size_t len) {
    for (std::size_t k = 0; k < len; ++k) base[w + k] = from[k];  // a character or a short run
    w += len;
  };
  auto replace = [&](std::int32_t from, std::int32_t to, std::string_view with) {
    const auto gap = static_cast<std::size_t>(from - run);
    const std::size_t need = w + gap + with.size() + static_cast<std::size_t>(n - to);
    if (need > out.size()) {
      out.resize(2 * need);
      base = out.data();
    }
    copy(s.data() + run, gap);
    copy(with.data(), with.size());
    run = to;
  };
  for (std::int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    if ((p[i] == 0xEF || p[i] == 0xE3) && i + 2 < n) {
      if (const char ascii = wide_form_at(p + i)) {
        replace(i, i + 3, std::string_view(&ascii, 1));
        i += 3;
        continue;
      }
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;  // ill-formed: copied (text_fold.hpp)
    const auto first = static_cast<std::size_t>(i - start);
    const RuleTable::Rule* end = nullptr;
    for (const RuleTable::Rule* rule = table.begin_of(c, end); rule != end; ++rule) {
      // The first character is c: a one-character rule matches, a longer one
      // compares the rest.
      const std::size_t len = rule->lhs.size();
      if (len != first &&
          (static_cast<std::size_t>(n - start) < len || !same_bytes(p + i, rule->lhs.data() + first, len - first)))
        continue;
      i = start + static_cast<std::int32_t>(len);
      replace(start, i, rule->rhs);
      break;
    }
  }
  // The room always holds the rest of the text as it is (see replace).
  std::memcpy(base + w, s.data() + run, static_cast<std::size_t>(n - run));
  out.resize(w + static_cast<std::size_t>(n - run));
}

Folding make_folding() {
  Folding f;
#ifdef QINGDAN_RULES_FROM_BUILD
  if (kHantHansRuleCount > 0 && icu_version() == kHantHansIcuVersion) {
    f.rules.assign(kHantHansRules, kHantHansRuleCount);
    return f;
  }
#endif
  f.prototype = traditional_simplified();
  if (!f.prototype) return f;
  f.rules_text = std::make_unique<std::string>(rules_text(*f.prototype));
  std::vector<PlainRule> rules;
  if (parse_plain_rules(*f.rules_text, rules)) {
    f.rules.assign(rules.data(), rules.size());
    return f;
  }
  f.prototype->getSourceSet(f.source);
  f.source.freeze();
  return f;
}

/// True when the transliterator might change the text: it holds a character
/// the rules read.
bool may_change(const Folding& f, std::string_view s) {
  return f.source.spanUTF8(s.data(), static_cast<std::int32_t>(s.size()), USET_SPAN_NOT_CONTAINED) <
         static_cast<std::int32_t>(s.size());
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
    const char ascii = (b != 0xEF && b != 0xE3) || i + 2 >= n ? 0 : wide_form_at(s + i);
    if (ascii == 0) {
      ++i;
    } else {
      fold_to(i, ascii);
      i += 3;
    }
  }
  out.append(utf8.data() + run, n - run);
  return out;
}

std::string_view fold_width(std::string_view utf8, std::string& storage) {
  if (utf8.find('\xEF') == std::string_view::npos && utf8.find('\xE3') == std::string_view::npos) return utf8;
  storage = fold_width(utf8);
  return storage;
}

namespace {
/// fold_for_matching into `out`, reusing its room where the rules apply here.
void fold_for_matching_into(std::string_view utf8, std::string& out) {
  const Folding& f = folding();
  if (!f.rules.empty() && utf8.size() <= static_cast<std::size_t>(INT32_MAX)) {
    fold_by_rules(f.rules, utf8, out);
    return;
  }
  out = fold_width(utf8);
  if (!f.prototype || out.size() > static_cast<std::size_t>(INT32_MAX) || !may_change(f, out)) return;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(out);
  thread_transliterator()->transliterate(text);
  out.clear();
  text.toUTF8String(out);
}
}  // namespace

std::string fold_for_matching(std::string_view utf8) {
  std::string out;
  fold_for_matching_into(utf8, out);
  return out;
}

bool fold_adds_none_of(std::string_view chars) {
  const Folding& f = folding();
  if (f.rules.empty()) return !f.prototype;  // width folding alone writes ASCII only
  // One walk over the right-hand sides (~12 KB): asked once per process.
  std::vector<UChar32> wanted;
  const auto* p = reinterpret_cast<const std::uint8_t*>(chars.data());
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(chars.size()); i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x80) return false;  // ASCII is what width folding writes
    wanted.push_back(c);
  }
  for (const PlainRule& rule : f.rules.all()) {
    const auto* r = reinterpret_cast<const std::uint8_t*>(rule.rhs.data());
    for (std::int32_t i = 0, n = static_cast<std::int32_t>(rule.rhs.size()); i < n;) {
      const std::int32_t start = i;
      UChar32 c;
      U8_NEXT(r, i, n, c);
      if (std::find(wanted.begin(), wanted.end(), c) != wanted.end() &&
          rule.lhs.find(rule.rhs.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start))) ==
              std::string_view::npos)
        return false;
    }
  }
  return true;
}

bool traditional_folding_available() {
  return !folding().rules.empty() || folding().prototype != nullptr;
}

bool traditional_rules_applied_here() {
  return !folding().rules.empty();
}

bool traditional_rules_from_build() {
  const Folding& f = folding();
  return !f.rules.empty() && !f.prototype;
}

std::vector<PlainRule> traditional_rules() {
  return folding().rules.all();
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
  FoldNeeds needs;
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    const std::uint8_t b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    // A well-formed three-byte ideograph (lead E4..E9: the text is mostly
    // CJK) is judged by the hints' bits on its bytes; every other character
    // is assembled and judged as a code point. (Assembling each ideograph
    // first was 5 % of a list document.)
    if (b >= 0xE4 && b <= 0xE9 && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      const bool hint = kTraditionalHints.in_utf8(b, p[i + 1], p[i + 2]);
      i += 3;
      if (hint) {
        needs.traditional = true;
        return needs;
      }
      continue;
    }
    const UChar32 c = next_code_point(p, i, n);
    if (width_folds(c)) needs.wide = true;
    if (kTraditionalHints.has(c)) {
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
  if (needs.traditional) {
    fold_for_matching_into(utf8, storage);
    return storage;
  }
  if (!needs.wide) return utf8;
  return storage = fold_width(utf8);
}

bool fold_key_changes(std::string_view utf8) {
  const FoldNeeds needs = fold_needs(utf8);
  return needs.traditional || needs.wide;
}

bool fold_needs_traditional(std::string_view utf8) {
  return fold_needs(utf8).traditional;
}

std::string_view fold_traditional(std::string_view utf8, std::string& storage) {
  if (fold_needs(utf8).traditional) {
    fold_for_matching_into(utf8, storage);
    return storage;
  }
  return utf8;
}

std::string fold_key(std::string_view utf8) {
  std::string storage;
  return std::string(fold_key(utf8, storage));
}

}  // namespace qingdan::detail
