#include <gtest/gtest.h>

#include "stages.hpp"

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

TEST(Columns, LabelsOfOtherOffices) {
  EXPECT_EQ(classify_column("预期目标").role, ColumnRole::goal);
  EXPECT_EQ(classify_column("项目名称").role, ColumnRole::task);
  EXPECT_EQ(classify_column("责任主体与协同单位").role, ColumnRole::units);
  EXPECT_EQ(classify_column("协同配合单位").role, ColumnRole::units);
  EXPECT_EQ(classify_column("时间节点").role, ColumnRole::deadline);
  EXPECT_EQ(classify_column("责任领导").role, ColumnRole::other);  // a person
  EXPECT_EQ(classify_column("进展情况").role, ColumnRole::other);
}
