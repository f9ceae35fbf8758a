#include <gtest/gtest.h>

#include "stages.hpp"

using namespace qingdan::detail;

TEST(Lines, NumbersLinesForAllTerminators) {
  const auto lines = split_lines("a\nb\r\nc\rd");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "b");
  EXPECT_EQ(lines[2].text, "c");
  EXPECT_EQ(lines[3].text, "d");
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_EQ(lines[1].offset, 2u);
  EXPECT_EQ(lines[3].offset, 7u);
}

TEST(Lines, TrailingNewlineAddsNoLine) {
  EXPECT_EQ(split_lines("a\n").size(), 1u);
  EXPECT_EQ(split_lines("a\n\n").size(), 2u);
  EXPECT_TRUE(split_lines("").empty());
}

TEST(Lines, FormFeedMarksPageBreakAndIsRemoved) {
  const auto lines = split_lines("a\n\fb\nc\f\nd");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_FALSE(lines[0].page_break);
  EXPECT_TRUE(lines[1].page_break);
  EXPECT_EQ(lines[1].text, "b");
  EXPECT_EQ(lines[2].text, "c");
  EXPECT_FALSE(lines[2].page_break);
  EXPECT_TRUE(lines[3].page_break);  // the feed ending line 3 starts a page at line 4
}

TEST(Lines, BlankCoversUnicodeSpaces) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t "));
  EXPECT_TRUE(is_blank("\u3000"));
  EXPECT_TRUE(is_blank("\u00A0 "));
  EXPECT_FALSE(is_blank(" 。"));
}

TEST(Lines, TrimRemovesUnicodeSpacesOnly) {
  EXPECT_EQ(trim("\u3000 任务\u00A0 "), "任务");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim("   "), "");
}
