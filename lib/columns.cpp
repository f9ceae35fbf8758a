// Header label -> column role.
//
// Offices word their headers differently (重点任务 / 主要任务 / 工作任务,
// 责任单位 / 牵头单位 …), so roles come from key words inside the label,
// checked in an order where the more specific word wins: 全年目标任务 is a
// target, not a task; 分管领导 is a person, not a unit.
#include <unicode/utf8.h>

#include <algorithm>
#include <boost/regex.hpp>
#include <climits>
#include <cstdint>

#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

std::optional<int> year_in(std::string_view label) {
  if (label.find("年") == std::string_view::npos) return std::nullopt;  // most labels: no regex
  static const boost::regex year_re("((?:19|20)[0-9]{2})\\s*年");
  boost::match_results<std::string_view::const_iterator> m;
  if (boost::regex_search(label.begin(), label.end(), m, year_re)) return std::stoi(m.str(1));
  return std::nullopt;
}

/// The key words of the labels, as bits: which of them a label holds.
enum Word : unsigned {
  kSeq = 1 << 0,       // 序号 编号
  kDomain = 1 << 1,    // 领域 类别 板块
  kTarget = 1 << 2,    // 目标
  kYearly = 1 << 3,    // 年度 全年 本年
  kMeasures = 1 << 4,  // 措施 举措
  kLeader = 1 << 5,    // 领导
  kUnits = 1 << 6,     // 单位 责任主体 责任部门 牵头部门 配合部门
  kDeadline = 1 << 7,  // 时限 时间 节点
  kTask = 1 << 8,      // 任务 项目 事项 工作内容
};

/// A key word by its characters: two, or four (c, d the last two).
struct KeyWord {
  char32_t a, b, c, d;
  Word word;
};
constexpr KeyWord kKeyWords[] = {
    {U'序', U'号', 0, 0, kSeq},           {U'编', U'号', 0, 0, kSeq},           {U'领', U'域', 0, 0, kDomain},
    {U'类', U'别', 0, 0, kDomain},        {U'板', U'块', 0, 0, kDomain},        {U'目', U'标', 0, 0, kTarget},
    {U'年', U'度', 0, 0, kYearly},        {U'全', U'年', 0, 0, kYearly},        {U'本', U'年', 0, 0, kYearly},
    {U'措', U'施', 0, 0, kMeasures},      {U'举', U'措', 0, 0, kMeasures},      {U'领', U'导', 0, 0, kLeader},
    {U'单', U'位', 0, 0, kUnits},         {U'责', U'任', U'主', U'体', kUnits}, {U'责', U'任', U'部', U'门', kUnits},
    {U'牵', U'头', U'部', U'门', kUnits}, {U'配', U'合', U'部', U'门', kUnits}, {U'时', U'限', 0, 0, kDeadline},
    {U'时', U'间', 0, 0, kDeadline},      {U'节', U'点', 0, 0, kDeadline},      {U'任', U'务', 0, 0, kTask},
    {U'项', U'目', 0, 0, kTask},          {U'事', U'项', 0, 0, kTask},          {U'工', U'作', U'内', U'容', kTask},
};

/// The key words `label` holds, in one pass over its characters: each
/// character is looked up only when it can end a key word. (A search per
/// key word, 24 of them, was a fifth of parsing a list-layout document,
/// which asks this of every word of every line that might be a header.)
unsigned words_in(std::string_view label) {
  struct Enders {  // a bit per CJK ideograph: can it end a key word?
    std::uint64_t bits[(0x9FFF - 0x4E00 + 1 + 63) / 64] = {};
    Enders() {
      for (const KeyWord& k : kKeyWords) set(k.d ? k.d : k.b);
    }
    void set(char32_t c) { bits[(c - 0x4E00) / 64] |= std::uint64_t{1} << ((c - 0x4E00) % 64); }
    bool has(UChar32 c) const {
      return c >= 0x4E00 && c <= 0x9FFF && ((bits[(c - 0x4E00) / 64] >> ((c - 0x4E00) % 64)) & 1);
    }
  };
  static const Enders enders;
  unsigned found = 0;
  UChar32 w[3] = {-1, -1, -1};  // the three characters before this one, nearest last
  const auto* p = reinterpret_cast<const std::uint8_t*>(label.data());
  const auto n = static_cast<std::int32_t>(std::min<std::size_t>(label.size(), INT32_MAX));
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (enders.has(c)) {
      for (const KeyWord& k : kKeyWords) {
        if (k.d ? (c == static_cast<UChar32>(k.d) && w[2] == static_cast<UChar32>(k.c) &&
                   w[1] == static_cast<UChar32>(k.b) && w[0] == static_cast<UChar32>(k.a))
                : (c == static_cast<UChar32>(k.b) && w[2] == static_cast<UChar32>(k.a)))
          found |= k.word;
      }
    }
    w[0] = w[1];
    w[1] = w[2];
    w[2] = c;
  }
  return found;
}

// The first rule that holds decides.
ColumnRole role_of(std::string_view label, bool has_year) {
  const unsigned words = words_in(label);
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

bool names_a_column(std::string_view label) {
  std::string storage;
  return role_of(fold_key(label, storage), false) != ColumnRole::other;  // the year only tells goal from target
}

Column classify_column(std::string_view label) {
  Column column;
  column.label = std::string(label);
  std::string storage;
  const std::string_view key = fold_key(label, storage);  // 牽頭單位 / 完成時限 match too; the label stays as printed
  column.year = year_in(key);
  column.role = role_of(key, column.year.has_value());
  return column;
}

}  // namespace qingdan::detail
