// The rows stage on its own: blocks in, domain/task/row tree out.
#include <gtest/gtest.h>

#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan;
using namespace qingdan::detail;
using qingdan::test::lines_of;

namespace {
Document assemble_text(const std::string& text) {
  LineTable lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  Document doc;
  const auto blocks = find_blocks(lines, f, doc.diagnostics);
  assemble(lines, f, blocks, doc);
  return doc;
}
}  // namespace

TEST(Rows, CellsFollowTheHeaderColumnsAfterTheTaskColumn) {
  // A header with a deadline column instead of targets, and an "other" column.
  const Document d =
      assemble_text(lines_of({"标题", "序号 重点任务 具体措施 责任单位 完成时限 备注", "", "1 领域", "", "1.任务", "",
                              "措施文字", "", "州民政局牵头", "", "2023年6月底前", "", "无"}));
  ASSERT_EQ(d.domains.size(), 1u);
  const Row& row = d.domains[0].tasks.at(0).rows.at(0);
  EXPECT_FALSE(row.goal.has_value());
  EXPECT_EQ(row.measures->text, "措施文字");
  EXPECT_EQ(row.units->lead, (std::vector<std::string>{"州民政局"}));
  EXPECT_EQ(row.deadline->text, "2023年6月底前");
  ASSERT_EQ(row.other.size(), 1u);
  EXPECT_EQ(row.other[0].column, 5u);
  EXPECT_EQ(row.other[0].field.text, "无");
}

TEST(Rows, TasksWithoutDomainHeadingGoToOneDomain) {
  const Document d = assemble_text(lines_of({"标题", "序号 重点任务 具体措施 责任单位", "", "1.任务一", "", "措施", "",
                                             "州民政局", "", "2.任务二", "", "措施", "", "州民政局"}));
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_FALSE(d.domains[0].seq.has_value());
  EXPECT_EQ(d.domains[0].tasks.size(), 2u);
}

TEST(Rows, NumberingJumpWarnsButKeepsTheTask) {
  const Document d = assemble_text(lines_of({"标题", "序号 重点任务 具体措施 责任单位", "", "3.任务", "", "措施", "",
                                             "州民政局", "", "68.任务", "", "措施", "", "州民政局"}));
  ASSERT_EQ(d.domains.at(0).tasks.size(), 2u);
  EXPECT_EQ(d.domains[0].tasks[1].seq, 68);
  int warnings = 0;
  for (const auto& diag : d.diagnostics) warnings += diag.severity == Severity::warning;
  EXPECT_EQ(warnings, 2);  // 3 follows 0, 68 follows 3
}

TEST(Rows, CoverageAccountsForEveryCharacter) {
  const Document d = assemble_text(lines_of({"标题", "序号 重点任务 具体措施 责任单位", "", "1 领域", "", "1.任务", "",
                                             "措施", "", "州民政局", "第 1 页，共 1 页"}));
  const Coverage& c = d.coverage;
  EXPECT_EQ(c.unassigned, 0u);
  EXPECT_EQ(c.chars, c.in_fields + c.furniture);
  // Title 2 + 领域 2 + 任务 2 + 措施 2 + 州民政局 4 in fields.
  EXPECT_EQ(c.in_fields, 12u);
}

TEST(Rows, TextBeforeTheFirstTaskIsOneWarningPerRun) {
  const Document d = assemble_text(lines_of({"标题", "序号 重点任务 具体措施 责任单位", "", "说明一", "", "说明二", "",
                                             "1.任务", "", "措施", "", "州民政局"}));
  int warnings = 0;
  for (const auto& diag : d.diagnostics) {
    warnings += diag.severity == Severity::warning;
    if (diag.severity == Severity::warning) {
      EXPECT_EQ(diag.line, 4u);
      EXPECT_NE(diag.message.find("lines 4-6"), std::string::npos) << diag.message;
    }
  }
  EXPECT_EQ(warnings, 1);
  EXPECT_EQ(d.coverage.unassigned, 6u);
}
