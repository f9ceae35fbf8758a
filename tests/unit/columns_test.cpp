#include <gtest/gtest.h>

#include <boost/regex.hpp>
#include <random>
#include <string>
#include <vector>

#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan;
using namespace qingdan::detail;

TEST(Columns, RolesOfTheSeedHeader) {
  EXPECT_EQ(classify_column("序号").role, ColumnRole::seq);
  EXPECT_EQ(classify_column("所属领域").role, ColumnRole::domain);
  EXPECT_EQ(classify_column("重点任务").role, ColumnRole::task);
  EXPECT_EQ(classify_column("三年目标").role, ColumnRole::goal);
  EXPECT_FALSE(classify_column("三年目标").year.has_value());
  const Column annual = classify_column("2023年工作目标");
  EXPECT_EQ(annual.role, ColumnRole::annual_target);
  EXPECT_EQ(annual.year, 2023);
  const Column measures = classify_column("2023年具体工作措施");
  EXPECT_EQ(measures.role, ColumnRole::measures);
  EXPECT_EQ(measures.year, 2023);
  EXPECT_EQ(classify_column("责任单位").role, ColumnRole::units);
}

TEST(Columns, OtherWordings) {
  EXPECT_EQ(classify_column("主要任务").role, ColumnRole::task);
  EXPECT_EQ(classify_column("工作任务").role, ColumnRole::task);
  EXPECT_EQ(classify_column("全年目标任务").role, ColumnRole::annual_target);
  EXPECT_EQ(classify_column("牵头单位").role, ColumnRole::units);
  EXPECT_EQ(classify_column("完成时限").role, ColumnRole::deadline);
  EXPECT_EQ(classify_column("分管领导").role, ColumnRole::other);  // a person, never a unit
  EXPECT_EQ(classify_column("备注").role, ColumnRole::other);
}

TEST(Columns, TraditionalLabels) {
  const Column c = classify_column("牽頭單位");
  EXPECT_EQ(c.role, ColumnRole::units);
  EXPECT_EQ(c.label, "牽頭單位");  // as printed
  EXPECT_EQ(classify_column("完成時限").role, ColumnRole::deadline);
  EXPECT_EQ(classify_column("責任單位").role, ColumnRole::units);
  EXPECT_EQ(classify_column("重點任務").role, ColumnRole::task);
}

// Every label the column roles know, printed in Traditional characters, names
// the same column: 建設內容 named none while 設 and 內 were not among the
// characters that make a label worth folding.
TEST(Columns, TraditionalFormOfEveryKeyWord) {
  const char* const labels[] = {"序号",     "编号",     "所属领域",       "类别",         "板块",
                                "三年目标", "年度目标", "全年目标",       "本年目标",     "工作措施",
                                "主要举措", "分管领导", "责任单位",       "责任主体",     "责任部门",
                                "牵头部门", "配合部门", "责任处室",       "牵头科室",     "配合股室",
                                "完成时限", "完成期限", "完成年限",       "完成时间",     "时间节点",
                                "重点任务", "项目名称", "工作事项",       "工作内容",     "实施内容",
                                "任务内容", "建设内容", "主要内容",       "具体内容",     "重点工作",
                                "主要工作", "工作要点", "2024年工作目标", "协同配合单位", "责任主体与协同单位"};
  for (const char* label : labels) {
    const std::string traditional = test::to_traditional(label);
    if (traditional.empty()) GTEST_SKIP() << "ICU has no Simplified-Traditional transliterator";
    const Column simplified = classify_column(label);
    if (std::string_view(label) != "分管领导") {  // a person's column
      ASSERT_NE(simplified.role, ColumnRole::other) << label;
    }
    const Column printed = classify_column(traditional);
    EXPECT_EQ(printed.role, simplified.role) << label << " printed " << traditional;
    EXPECT_EQ(printed.year, simplified.year) << label << " printed " << traditional;
    EXPECT_EQ(printed.label, traditional);  // as printed
  }
}

TEST(Columns, LabelsOfOtherOffices) {
  EXPECT_EQ(classify_column("预期目标").role, ColumnRole::goal);
  EXPECT_EQ(classify_column("项目名称").role, ColumnRole::task);
  EXPECT_EQ(classify_column("责任主体与协同单位").role, ColumnRole::units);
  EXPECT_EQ(classify_column("协同配合单位").role, ColumnRole::units);
  EXPECT_EQ(classify_column("时间节点").role, ColumnRole::deadline);
  EXPECT_EQ(classify_column("责任领导").role, ColumnRole::other);  // a person
  EXPECT_EQ(classify_column("进展情况").role, ColumnRole::other);
}

// The roles come from one pass over the label's characters; this is the rule
// list they implement, as substring searches in order, checked on random
// labels drawn from the key words' characters and a few others.
TEST(Columns, OnePassRolesEqualTheRuleListOnRandomLabels) {
  auto has = [](std::string_view label, std::initializer_list<std::string_view> words) {
    for (auto w : words)
      if (label.find(w) != std::string_view::npos) return true;
    return false;
  };
  auto reference = [&](std::string_view l) {
    if (has(l, {"序号", "编号"})) return ColumnRole::seq;
    if (has(l, {"领域", "类别", "板块"})) return ColumnRole::domain;
    if (has(l, {"目标"})) return has(l, {"年度", "全年", "本年"}) ? ColumnRole::annual_target : ColumnRole::goal;
    if (has(l, {"措施", "举措", "建设内容", "主要内容", "具体内容"})) return ColumnRole::measures;
    if (has(l, {"领导"})) return ColumnRole::other;
    if (has(l, {"单位", "责任主体", "责任部门", "牵头部门", "配合部门", "责任处室", "责任科室", "责任股室", "牵头处室",
                "牵头科室", "牵头股室", "配合处室", "配合科室", "配合股室"}))
      return ColumnRole::units;
    if (has(l, {"时限", "时间", "节点", "期限", "年限"})) return ColumnRole::deadline;
    if (has(l, {"任务", "项目", "事项", "工作内容", "实施内容", "任务内容", "重点工作", "主要工作", "工作要点"}))
      return ColumnRole::task;
    return ColumnRole::other;
  };
  // Whole key words and their characters alone, so that words appear often,
  // overlap and are split.
  const std::string_view tokens[] = {
      "序号", "编号", "领域",     "类别",     "板块",     "目标",     "年度",     "全年",     "本年",     "措施",
      "举措", "领导", "单位",     "责任主体", "责任部门", "牵头部门", "配合部门", "时限",     "时间",     "节点",
      "任务", "项目", "事项",     "工作内容", "序",       "号",       "领",       "目",       "标",       "年",
      "责",   "任",   "部",       "门",       "单",       "位",       "工",       "作",       "内",       "容",
      "时",   "项",   "重",       "a",        " ",        "、",       "重点工作", "主要工作", "工作要点", "实施内容",
      "点",   "主",   "要",       "实",       "处室",     "科室",     "股室",     "责任处室", "牵头科室", "配合股室",
      "室",   "处",   "科",       "期",       "限",       "期限",     "年限",     "任务内容", "牵",       "头",
      "配",   "合",   "建设内容", "主要内容", "具体内容", "建",       "设",       "具",       "体"};
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u; };
  std::size_t roles_seen[16] = {};
  for (int k = 0; k < 100000; ++k) {
    std::string label;
    const int len = 1 + static_cast<int>((next() >> 16) % 5);
    for (int i = 0; i < len; ++i) label += tokens[(next() >> 16) % std::size(tokens)];
    const ColumnRole want = reference(label);
    ASSERT_EQ(classify_column(label).role, want) << label;
    ASSERT_EQ(column_role(label), want) << label;
    ++roles_seen[static_cast<int>(want)];
  }
  for (ColumnRole r : {ColumnRole::seq, ColumnRole::domain, ColumnRole::goal, ColumnRole::annual_target,
                       ColumnRole::measures, ColumnRole::units, ColumnRole::deadline, ColumnRole::task})
    EXPECT_GT(roles_seen[static_cast<int>(r)], 10u) << "role " << static_cast<int>(r) << " hardly drawn";
}

// Roles are read without width folding; the year still is read from the
// width-folded label (full-width digits), Traditional or not.
TEST(Columns, YearsInFullWidthDigits) {
  const Column a = classify_column("２０２３年工作目标");
  EXPECT_EQ(a.year, std::optional<int>(2023));
  EXPECT_EQ(a.role, ColumnRole::annual_target);
  const Column b = classify_column("２０２４年工作目標");  // 標: Traditional
  EXPECT_EQ(b.year, std::optional<int>(2024));
  EXPECT_EQ(b.role, ColumnRole::annual_target);
  EXPECT_EQ(b.label, "２０２４年工作目標");
  EXPECT_EQ(classify_column("三年目标（２０２３－２０２５）").role, ColumnRole::goal);
  for (const char* label : {"２０２３年工作目标", "２０２４年工作目標", "2023年工作目标", "2023 年目标任务", "三年目标",
                            "全年目标", "2023年重点任务", "牽頭單位"})
    EXPECT_EQ(column_role(label), classify_column(label).role) << label;
}

TEST(Columns, AYearRangeIsAGoalsNotOneYearsTarget) {
  // 三年目标（2024—2026年）: the 2026年 ending the range was read as the
  // column's year, making the goal column an annual target of 2026.
  for (const char* label :
       {"三年目标（2024—2026年）", "2024-2026年目标", "2024 至 2026年目标", "目标（2024～2026年）"}) {
    EXPECT_EQ(year_in_label(label), std::nullopt) << label;
    EXPECT_EQ(classify_column(label).role, ColumnRole::goal) << label;
  }
  EXPECT_EQ(classify_column("2024年工作目标").role, ColumnRole::annual_target);
  EXPECT_EQ(classify_column("2024年工作目标").year, std::optional<int>(2024));
}

TEST(Columns, WorkPlanTaskColumns) {
  // 重点工作, 主要工作, 工作要点, 实施内容 name the task column of many work
  // plans; they were `other`, and every cell after them shifted a column.
  for (const char* label : {"重点工作", "主要工作", "工作要点", "实施内容"})
    EXPECT_EQ(classify_column(label).role, ColumnRole::task) << label;
  for (const char* label : {"工作目标", "工作措施", "工作举措", "工作进展"})
    EXPECT_NE(classify_column(label).role, ColumnRole::task) << label;
}

TEST(Columns, YearAgreesWithTheRegex) {
  // The year is read by hand; the regex it replaced is the reference, on
  // labels of pieces that make near misses (three digits, 18xx, 21xx, a
  // space or a non-ASCII space before 年, two years, full-width digits).
  const std::vector<std::string> pieces = {"2023", "1998",     "19", "20",   "18", "21", "2",      "0",
                                           "3",    "9",        "年", "年度", " ",  "\t", "\u3000", "目标",
                                           "工作", "２０２３", "-",  "—",    "a",  "\n"};
  static const boost::regex year_re("((?:19|20)[0-9]{2})\\s*年");
  std::mt19937 rng(2023);
  std::size_t years = 0;
  for (int n = 0; n < 100000; ++n) {
    std::string label;
    for (int k = std::uniform_int_distribution<int>(1, 8)(rng); k > 0; --k)
      label += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    // The first match that does not end a range (2023—2025年 names no one year).
    std::optional<int> expected;
    for (boost::sregex_iterator it(label.begin(), label.end(), year_re), end; it != end; ++it) {
      std::string before = label.substr(0, static_cast<std::size_t>((*it).position(1)));
      while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.pop_back();
      const bool range_end = (before.size() >= 1 && before.back() == '-') ||
                             (before.size() >= 3 && before.compare(before.size() - 3, 3, "—") == 0);
      if (!range_end) {
        expected = std::stoi((*it).str(1));
        break;
      }
    }
    years += expected.has_value();
    ASSERT_EQ(year_in_label(label), expected) << label;
  }
  EXPECT_GT(years, 3000u);  // the labels did name years often enough
  EXPECT_EQ(year_in_label("2023年工作目标"), 2023);
  EXPECT_EQ(year_in_label("2021—2023年 2024年"), 2024);  // the range names no one year
  EXPECT_EQ(year_in_label("三年目标"), std::nullopt);
}

TEST(Columns, ContentLabelsAreMeasures) {
  // 项目名称 | 建设内容 is the usual header of a 民生实事 table: 建设内容 was
  // no label (the one-label-per-line header was not found) or `other`.
  for (const char* label : {"建设内容", "主要内容", "具体内容"})
    EXPECT_EQ(classify_column(label).role, ColumnRole::measures) << label;
}

TEST(Columns, DepartmentUnitAndPeriodLabels) {
  // A department's own plan names its 处室 / 科室 as the units column, and
  // 完成期限 / 期限 / 完成年限 the deadline: they were `other`, and the
  // units or deadline went to other fields without a warning.
  for (const char* label : {"责任处室", "责任科室", "责任股室", "牵头处室", "牵头科室", "配合科室"})
    EXPECT_EQ(classify_column(label).role, ColumnRole::units) << label;
  for (const char* label : {"完成期限", "期限", "完成年限"})
    EXPECT_EQ(classify_column(label).role, ColumnRole::deadline) << label;
  EXPECT_EQ(classify_column("科室").role, ColumnRole::other);
}

TEST(Columns, AHeadersRolesSettledAsAWhole) {
  auto roles = [](std::initializer_list<const char*> labels) {
    std::vector<Column> columns;
    for (const char* l : labels) columns.push_back(classify_column(l));
    settle_column_roles(columns);
    std::vector<ColumnRole> out;
    for (const Column& c : columns) out.push_back(c.role);
    return out;
  };
  // 工作内容 after 重点任务: the task's measures (the cells shifted a column).
  EXPECT_EQ(roles({"序号", "重点任务", "工作内容", "责任单位", "完成时限"}),
            (std::vector<ColumnRole>{ColumnRole::seq, ColumnRole::task, ColumnRole::measures, ColumnRole::units,
                                     ColumnRole::deadline}));
  // ... or a column of its own kind when a measures column is there too.
  EXPECT_EQ(roles({"重点任务", "任务内容", "具体措施", "责任单位"}),
            (std::vector<ColumnRole>{ColumnRole::task, ColumnRole::other, ColumnRole::measures, ColumnRole::units}));
  // 目标任务 with no other task column is the task column.
  EXPECT_EQ(roles({"序号", "目标任务", "主要举措", "责任单位"}),
            (std::vector<ColumnRole>{ColumnRole::seq, ColumnRole::task, ColumnRole::measures, ColumnRole::units}));
  // ... and a target beside a task column stays one.
  EXPECT_EQ(roles({"重点任务", "全年目标任务", "责任单位"}),
            (std::vector<ColumnRole>{ColumnRole::task, ColumnRole::annual_target, ColumnRole::units}));
}
