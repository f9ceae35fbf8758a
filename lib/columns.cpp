// Header label -> column role.
//
// Offices word their headers differently (重点任务 / 主要任务 / 工作任务,
// 责任单位 / 牵头单位 …), so roles come from key words inside the label,
// checked in an order where the more specific word wins: 全年目标任务 is a
// target, not a task; 分管领导 is a person, not a unit.
#include <boost/regex.hpp>

#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (contains(text, w)) return true;
  return false;
}

std::optional<int> year_in(std::string_view label) {
  if (label.find("年") == std::string_view::npos) return std::nullopt;  // most labels: no regex
  static const boost::regex year_re("((?:19|20)[0-9]{2})\\s*年");
  boost::match_results<std::string_view::const_iterator> m;
  if (boost::regex_search(label.begin(), label.end(), m, year_re)) return std::stoi(m.str(1));
  return std::nullopt;
}

ColumnRole role_of(std::string_view label, bool has_year) {
  if (contains_any(label, {"序号", "编号"})) return ColumnRole::seq;
  if (contains_any(label, {"领域", "类别", "板块"})) return ColumnRole::domain;
  if (contains(label, "目标")) {
    return has_year || contains_any(label, {"年度", "全年", "本年"}) ? ColumnRole::annual_target : ColumnRole::goal;
  }
  if (contains_any(label, {"措施", "举措"})) return ColumnRole::measures;
  if (contains(label, "领导")) return ColumnRole::other;
  if (contains_any(label, {"单位", "责任主体", "责任部门", "牵头部门", "配合部门"})) return ColumnRole::units;
  if (contains_any(label, {"时限", "时间", "节点"})) return ColumnRole::deadline;
  if (contains_any(label, {"任务", "项目", "事项", "工作内容"})) return ColumnRole::task;
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
