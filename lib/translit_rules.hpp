// ICU's Traditional-Simplified transliterator as a list of plain rules
// "LHS > RHS;": how it is made and how its rules are read. Shared by
// text_fold.cpp, which applies the rules, and by lib/gen/gen_hant_hans.cpp,
// which reads them once at build time so that a process need not.
#pragma once

#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "icu_version.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {

/// One rule: its left-hand side's first character, both sides in UTF-8.
struct PlainRule {
  UChar32 first;
  std::string_view lhs, rhs;
};

/// ICU's Traditional-Simplified transliterator, compiled from its rules in
/// ICU's transliteration data (the entry Hant-Hans: a rule file and the
/// direction to read it in) rather than through
/// Transliterator::createInstance, which first builds the registry of every
/// transliterator ICU has (137 of the 167 million instructions it took).
/// Where the data is laid out otherwise (another ICU), createInstance is
/// used. Null when neither works.
inline std::unique_ptr<icu::Transliterator> traditional_simplified() {
  UErrorCode status = U_ZERO_ERROR;
  const std::string package = std::string(U_ICUDATA_NAME) + "-translit";
  icu::LocalUResourceBundlePointer root(ures_openDirect(package.c_str(), "root", &status));
  icu::LocalUResourceBundlePointer ids(ures_getByKey(root.getAlias(), "RuleBasedTransliteratorIDs", nullptr, &status));
  icu::LocalUResourceBundlePointer entry(ures_getByKey(ids.getAlias(), "Hant-Hans", nullptr, &status));
  icu::LocalUResourceBundlePointer file(ures_getByKey(entry.getAlias(), "file", nullptr, &status));
  std::int32_t rules_length = 0, direction_length = 0;
  const UChar* rules = ures_getStringByKey(file.getAlias(), "resource", &rules_length, &status);
  const UChar* direction = ures_getStringByKey(file.getAlias(), "direction", &direction_length, &status);
  const icu::UnicodeString dir(direction, U_SUCCESS(status) ? direction_length : 0);
  if (U_SUCCESS(status) && (dir == u"REVERSE" || dir == u"FORWARD")) {
    UParseError where;
    std::unique_ptr<icu::Transliterator> made(
        icu::Transliterator::createFromRules("Hant-Hans", icu::UnicodeString(rules, rules_length),
                                             dir == u"REVERSE" ? UTRANS_REVERSE : UTRANS_FORWARD, where, status));
    if (U_SUCCESS(status) && made) return made;
  }
  status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> made(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) made.reset();
  return made;
}

/// The transliterator's compiled rules as text (Transliterator::toRules), UTF-8.
inline std::string rules_text(const icu::Transliterator& transliterator) {
  icu::UnicodeString rules;
  transliterator.toRules(rules, false);
  std::string text;
  rules.toUTF8String(text);
  return text;
}

/// Reads plain rules "LHS > RHS;", one a line, into `rules` (views of
/// `text`), grouped by first character and in the text's order within a
/// group. False when a line has any other form (variables, classes, contexts,
/// filters, quoting: all use ASCII syntax characters), a side is not
/// well-formed UTF-8, or no rule changes text. Rules whose left-hand side
/// holds a full-width form or U+3000 are left out: applied to width-folded
/// text they never match (text_fold.cpp folds widths in the same pass).
inline bool parse_plain_rules(std::string_view text, std::vector<PlainRule>& rules) {
  rules.clear();
  auto next = [](std::string_view s, std::int32_t& i) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
    return c;
  };
  bool changes = false;
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
    if (lhs.empty()) return false;
    bool reads_wide_form = false;
    UChar32 first = -1;
    for (const std::string_view side : {lhs, rhs}) {
      for (std::int32_t i = 0; i < static_cast<std::int32_t>(side.size());) {
        const UChar32 c = next(side, i);
        if (c < 0x80) return false;  // ASCII syntax, or not well-formed
        if (side.data() != lhs.data()) continue;
        if (first < 0) first = c;
        reads_wide_form = reads_wide_form || width_folds(c);
      }
    }
    if (reads_wide_form) continue;
    changes = changes || lhs != rhs;
    rules.push_back({first, lhs, rhs});
  }
  if (!changes) {
    rules.clear();
    return false;
  }
  std::stable_sort(rules.begin(), rules.end(),
                   [](const PlainRule& a, const PlainRule& b) { return a.first < b.first; });
  return true;
}

}  // namespace qingdan::detail
