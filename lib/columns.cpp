// Header label -> column role.
//
// Offices word their headers differently (重点任务 / 主要任务 / 工作任务,
// 责任单位 / 牵头单位 …), so roles come from key words inside the label,
// checked in an order where the more specific word wins: 全年目标任务 is a
// target, not a task; 分管领导 is a person, not a unit.
#include <algorithm>
#include <climits>
#include <cstdint>

#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

bool ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<int> year_at(std::string_view text, std::size_t i, std::size_t& after) {
  if (i + 4 > text.size()) return std::nullopt;
  const char* y = text.data() + i;
  if (!((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0')) || !ascii_digit(y[2]) || !ascii_digit(y[3]))
    return std::nullopt;
  std::size_t k = i + 4;
  while (k < text.size() && (text[k] == ' ' || (text[k] >= '\t' && text[k] <= '\r'))) ++k;
  if (text.substr(k, 3) != "年") return std::nullopt;
  after = k + 3;
  return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
}

bool ends_a_year_range(std::string_view before) {
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  for (std::string_view dash : {"—", "－", "-", "–", "~", "～", "至", "到"})
    if (ends_with(before, dash)) return true;
  return false;
}

// What the search for ((?:19|20)[0-9]{2})\s*年 finds (the first such year,
// \s being ASCII whitespace), read directly: compiling the regex was ~100,000
// instructions and Boost.Regex's pages faulted in, in a process that
// converts one document with a dated label (2023年工作目标).
// Columns.YearAgreesWithTheRegex holds the two together.
std::optional<int> year_in_label(std::string_view label) {
  if (label.find("年") == std::string_view::npos) return std::nullopt;  // most labels
  for (std::size_t i = 0; i + 4 <= label.size(); ++i) {
    std::size_t after = 0;
    const std::optional<int> year = year_at(label, i, after);
    // The end of a range (三年目标（2024—2026年）, 2024-2026年目标) names
    // several years, a goal's: not the label's one year.
    if (year && !ends_a_year_range(label.substr(0, i))) return year;
  }
  return std::nullopt;
}

namespace {

/// The key words of the labels, as bits: which of them a label holds.
constexpr unsigned kSeq = 1 << 0;       // 序号 编号
constexpr unsigned kDomain = 1 << 1;    // 领域 类别 板块
constexpr unsigned kTarget = 1 << 2;    // 目标
constexpr unsigned kYearly = 1 << 3;    // 年度 全年 本年
constexpr unsigned kMeasures = 1 << 4;  // 措施 举措
constexpr unsigned kLeader = 1 << 5;    // 领导
constexpr unsigned kUnits = 1 << 6;     // 单位 责任主体 责任部门 牵头部门 配合部门
constexpr unsigned kDeadline = 1 << 7;  // 时限 时间 节点
constexpr unsigned kTask = 1 << 8;  // 任务 项目 事项 工作内容 实施内容 重点工作 主要工作 工作要点

/// The key words `label` holds, in one pass over its characters: a key word
/// is recognised at its last character, against the characters before it.
/// (A search per key word, 24 of them, was a fifth of parsing a list-layout
/// document, which asks this of every word of every line that might be a
/// header.) With `traditional`, also notes whether the label holds one of the
/// Traditional characters that fold_traditional folds, so that a Simplified
/// label is read once instead of scanned for them first.
unsigned words_in(std::string_view label, bool* traditional = nullptr) {
  unsigned found = 0;
  bool hint = false;
  UChar32 w0 = -1, w1 = -1, w2 = -1;  // the three characters before this one, nearest last
  const auto* p = reinterpret_cast<const std::uint8_t*>(label.data());
  const auto n = static_cast<std::int32_t>(std::min<std::size_t>(label.size(), INT32_MAX));
  auto four = [&](char32_t a, char32_t b, char32_t c) {
    return w0 == static_cast<UChar32>(a) && w1 == static_cast<UChar32>(b) && w2 == static_cast<UChar32>(c);
  };
  for (std::int32_t i = 0; i < n;) {
    const UChar32 c = next_code_point(p, i, n);
    hint |= kTraditionalHints.has(c);
    switch (c) {
      case U'号': found |= w2 == U'序' || w2 == U'编' ? kSeq : 0u; break;
      case U'域': found |= w2 == U'领' ? kDomain : 0u; break;
      case U'别': found |= w2 == U'类' ? kDomain : 0u; break;
      case U'块': found |= w2 == U'板' ? kDomain : 0u; break;
      case U'标': found |= w2 == U'目' ? kTarget : 0u; break;
      case U'度': found |= w2 == U'年' ? kYearly : 0u; break;
      case U'年': found |= w2 == U'全' || w2 == U'本' ? kYearly : 0u; break;
      case U'施': found |= w2 == U'措' ? kMeasures : 0u; break;
      case U'措': found |= w2 == U'举' ? kMeasures : 0u; break;
      case U'导': found |= w2 == U'领' ? kLeader : 0u; break;
      case U'位': found |= w2 == U'单' ? kUnits : 0u; break;
      case U'体': found |= four(U'责', U'任', U'主') ? kUnits : 0u; break;
      case U'门':
        found |= four(U'责', U'任', U'部') || four(U'牵', U'头', U'部') || four(U'配', U'合', U'部') ? kUnits : 0;
        break;
      case U'限':
        found |= w2 == U'时' || w2 == U'期' || w2 == U'年' ? kDeadline : 0u;
        break;  // 时限 期限 年限
      // 责任处室, 牵头科室, 配合股室: the units of a department's own plan.
      case U'室':
        found |= (w2 == U'处' || w2 == U'科' || w2 == U'股') &&
                         ((w0 == U'责' && w1 == U'任') || (w0 == U'牵' && w1 == U'头') || (w0 == U'配' && w1 == U'合'))
                     ? kUnits
                     : 0u;
        break;
      case U'间': found |= w2 == U'时' ? kDeadline : 0u; break;
      case U'务': found |= w2 == U'任' ? kTask : 0u; break;
      case U'目': found |= w2 == U'项' ? kTask : 0u; break;
      case U'项': found |= w2 == U'事' ? kTask : 0u; break;
      case U'容':
        found |= four(U'工', U'作', U'内') || four(U'实', U'施', U'内') || four(U'任', U'务', U'内') ? kTask : 0u;
        // 建设内容, 主要内容, 具体内容: what a project is to do (民生实事 tables).
        found |= four(U'建', U'设', U'内') || four(U'主', U'要', U'内') || four(U'具', U'体', U'内') ? kMeasures : 0u;
        break;
      // 重点工作, 主要工作, 工作要点: the task column of many work plans.
      case U'作': found |= four(U'重', U'点', U'工') || four(U'主', U'要', U'工') ? kTask : 0u; break;
      case U'点': found |= w2 == U'节' ? kDeadline : four(U'工', U'作', U'要') ? kTask : 0u; break;
      default: break;
    }
    w0 = w1;
    w1 = w2;
    w2 = c;
  }
  if (traditional) *traditional = hint;
  return found;
}

/// words_in of fold_traditional(label, storage), which is set to `key`: the
/// label is folded (and read again) only when it holds a Traditional hint.
unsigned key_words_in(std::string_view label, std::string& storage, std::string_view& key) {
  bool traditional = false;
  const unsigned words = words_in(label, &traditional);
  key = label;
  if (!traditional) return words;
  key = fold_traditional(label, storage);
  return words_in(key);
}

// The first rule that holds decides.
ColumnRole role_of_words(unsigned words, bool has_year) {
  if (words & kSeq) return ColumnRole::seq;
  if (words & kDomain) return ColumnRole::domain;
  if (words & kTarget) return has_year || (words & kYearly) ? ColumnRole::annual_target : ColumnRole::goal;
  if (words & kMeasures) return ColumnRole::measures;
  if (words & kLeader) return ColumnRole::other;
  if (words & kUnits) return ColumnRole::units;
  if (words & kDeadline) return ColumnRole::deadline;
  if (words & kTask) return ColumnRole::task;
  return ColumnRole::other;
}

}  // namespace

// Key words are CJK, so width folding cannot change which a label holds:
// fold_traditional (牽頭單位 / 完成時限 match too) is enough for them.
ColumnRole column_role_without_year(std::string_view label) {
  std::string storage;
  std::string_view key;
  return role_of_words(key_words_in(label, storage, key), false);
}

bool names_a_column(std::string_view label) {
  return column_role_without_year(label) != ColumnRole::other;  // the year only tells goal from target
}

namespace {

// The year may be printed in full-width digits (２０２３年): it is read from
// the width-folded label, which `key` (fold_traditional of `label`) already
// is when it was folded.
std::optional<int> year_of(std::string_view label, std::string_view key) {
  if (key.data() != label.data()) return year_in_label(key);
  if (label.find("年") == std::string_view::npos) return std::nullopt;
  std::string storage;
  return year_in_label(fold_key(label, storage));
}

}  // namespace

Column classify_column(std::string_view label) {
  Column column;
  column.label = std::string(label);  // the label stays as printed
  std::string storage;
  std::string_view key;
  const unsigned words = key_words_in(label, storage, key);
  column.year = year_of(label, key);
  column.role = role_of_words(words, column.year.has_value());
  return column;
}

void settle_column_roles(std::vector<Column>& columns) {
  auto names_a_task = [](const Column& c) {
    std::string storage;
    std::string_view key;
    return (key_words_in(c.label, storage, key) & kTask) != 0;
  };
  auto first_of = [&](ColumnRole role) {
    return std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.role == role; });
  };
  if (first_of(ColumnRole::task) == columns.end()) {
    // 目标任务, 任务目标: a target's words and a task's, and no other column
    // names the task — the task it is.
    for (Column& c : columns)
      if ((c.role == ColumnRole::goal || c.role == ColumnRole::annual_target) && names_a_task(c)) {
        c.role = ColumnRole::task;
        c.year.reset();
        break;
      }
    return;
  }
  // 重点任务 … 工作内容: a second task column is what the task is to do, its
  // measures (when no column names them), else a column of its own kind.
  bool first_task = true;
  for (Column& c : columns) {
    if (c.role != ColumnRole::task) continue;
    if (first_task) {
      first_task = false;
      continue;
    }
    c.role = first_of(ColumnRole::measures) == columns.end() ? ColumnRole::measures : ColumnRole::other;
  }
}

ColumnRole column_role(std::string_view label) {
  std::string storage;
  std::string_view key;
  const unsigned words = key_words_in(label, storage, key);
  const ColumnRole without_year = role_of_words(words, false);
  // Only a goal can become an annual target by its year.
  if (without_year != ColumnRole::goal) return without_year;
  return role_of_words(words, year_of(label, key).has_value());
}

}  // namespace qingdan::detail
