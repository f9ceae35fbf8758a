#include <gtest/gtest.h>

#include <unicode/utf8.h>

#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan;
using namespace qingdan::detail;
using qingdan::test::kHeader;
using qingdan::test::lines_of;

TEST(HeadingShapes, DomainHeading) {
  auto m = match_domain_heading("1 幼有所育");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->seq, 1);
  EXPECT_EQ(m->marker_bytes, 2u);
  EXPECT_TRUE(match_domain_heading(" 9 文体服务"));
  EXPECT_FALSE(match_domain_heading("1幼有所育"));           // the gap is part of the shape
  EXPECT_FALSE(match_domain_heading("90% 以 上 的 乡 镇"));  // a number, not a heading
  EXPECT_FALSE(match_domain_heading("4 个县市，完成"));      // sentence punctuation
  EXPECT_FALSE(match_domain_heading("1.加大标准"));
}

TEST(HeadingShapes, TaskHeading) {
  auto m = match_task_heading("10. 提 高 社");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->seq, 10);
  EXPECT_EQ(std::string_view("10. 提 高 社").substr(m->marker_bytes), "提 高 社");
  EXPECT_TRUE(match_task_heading("1.加大标准"));
  EXPECT_TRUE(match_task_heading("3．加强特殊"));
  EXPECT_TRUE(match_task_heading("3、加强特殊"));
  EXPECT_FALSE(match_task_heading("0.8名。"));  // decimals are cell text
  EXPECT_FALSE(match_task_heading("1.3倍。"));
  EXPECT_FALSE(match_task_heading("2025年，每"));
  EXPECT_FALSE(match_task_heading("1."));
}

namespace {
std::vector<Block> blocks_of(const std::string& text, LineTable& lines) {
  lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  std::vector<Diagnostic> diags;
  return find_blocks(lines, f, diags);
}
}  // namespace

TEST(Blocks, DecimalLineAfterABlankLineIsACellNotAHeading) {
  LineTable lines;
  const auto blocks = blocks_of(lines_of({"T", kHeader, "1 领域", "1.任务", "", "目标文字", "", "1.3倍。", ""}), lines);
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].kind, BlockKind::domain_heading);
  EXPECT_EQ(blocks[1].kind, BlockKind::task_heading);
  EXPECT_EQ(blocks[3].kind, BlockKind::cell);
}

TEST(Blocks, TaskNumberInsideACellIsNotAHeading) {
  LineTable lines;
  // "2.提高" continues the cell above it (no blank line): text, not a heading.
  const auto blocks =
      blocks_of(lines_of({"T", kHeader, "1 领域", "", "1.任务", "", "目标第一行", "2.提高水平"}), lines);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[2].kind, BlockKind::cell);
  EXPECT_EQ(blocks[2].last, 7u);
}

TEST(Blocks, LowerTaskNumberIsNotAHeading) {
  LineTable lines;
  const auto blocks = blocks_of(lines_of({"T", kHeader, "1 领域", "", "5.任务", "", "3.倍以上"}), lines);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[2].kind, BlockKind::cell);
}

TEST(Blocks, DomainHeadingNeedsATaskAfterIt) {
  LineTable lines;
  // "2 个 县 市" has the shape of a domain heading but no task follows it.
  const auto blocks = blocks_of(lines_of({"T", kHeader, "1 领域", "", "1.任务", "", "建成", "2 个 县 市", ""}), lines);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[2].kind, BlockKind::cell);
  EXPECT_EQ(blocks[2].last, 7u);
}

TEST(Blocks, WrappedDomainHeadingGluedUnderACell) {
  LineTable lines;
  const auto blocks = blocks_of(
      lines_of({"T", kHeader, "1 领域", "", "1.任务", "", "各县市人民", "政府", " 2 文体服务", "保障", "", "2.任务二"}),
      lines);
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[2].kind, BlockKind::cell);
  EXPECT_EQ(blocks[2].last, 7u);
  EXPECT_EQ(blocks[3].kind, BlockKind::domain_heading);
  EXPECT_EQ(blocks[3].first, 8u);
  EXPECT_EQ(blocks[3].last, 9u);
  EXPECT_EQ(blocks[3].seq, 2);
}

TEST(Blocks, RepeatedDomainHeadingFollowedDirectlyByATask) {
  LineTable lines;
  const auto blocks = blocks_of(lines_of({"T", kHeader, "4 病有所医", "", "14.任务", "", "单位", kHeader, "",
                                          "4 病有所医", "15. 提 升 医", "疗保障"}),
                                lines);
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[3].kind, BlockKind::domain_heading);
  EXPECT_EQ(blocks[3].seq, 4);
  EXPECT_EQ(blocks[4].kind, BlockKind::task_heading);
  EXPECT_EQ(blocks[4].first, 10u);
  EXPECT_EQ(blocks[4].last, 11u);
  EXPECT_TRUE(blocks[3].after_page_break);
}

TEST(Numbering, EveryMarkerStyle) {
  struct Case {
    const char* line;
    NumberStyle style;
    int value;
    const char* rest;
  };
  const Case cases[] = {
      {"1.加大标准", NumberStyle::arabic_dot, 1, "加大标准"},
      {"12、完善机制", NumberStyle::arabic_dot, 12, "完善机制"},
      {"3．推进", NumberStyle::arabic_dot, 3, "推进"},
      {"(2)推进", NumberStyle::arabic_paren, 2, "推进"},
      {"（15） 推进", NumberStyle::arabic_paren, 15, "推进"},
      {"（一）深化改革", NumberStyle::chinese_paren, 1, "深化改革"},
      {"(十二)深化改革", NumberStyle::chinese_paren, 12, "深化改革"},
      {"二十三、优化", NumberStyle::chinese_comma, 23, "优化"},
      {"十、优化", NumberStyle::chinese_comma, 10, "优化"},
      {"③落实", NumberStyle::circled, 3, "落实"},
      {" 9 文体服务", NumberStyle::arabic_space, 9, "文体服务"},
      {"第一部分 经济发展", NumberStyle::part, 1, "经济发展"},
      {"第二篇：民生保障", NumberStyle::part, 2, "民生保障"},
      {"第十二章　社会治理", NumberStyle::part, 12, "社会治理"},
      {"第3部分、生态", NumberStyle::part, 3, "生态"},
      {"第一条 深化决策公开。", NumberStyle::article, 1, "深化决策公开。"},
      {"第十二项：推进", NumberStyle::article, 12, "推进"},
  };
  for (const auto& c : cases) {
    const auto m = match_number_marker(c.line);
    ASSERT_TRUE(m) << c.line;
    EXPECT_EQ(m->style, c.style) << c.line;
    EXPECT_EQ(m->value, c.value) << c.line;
    EXPECT_EQ(std::string_view(c.line).substr(m->bytes), c.rest) << c.line;
  }
  for (const char* no : {"1.3倍", "0.8名", "2025年", "一是加强", "十分重要", "（注：见附件）", "1.", "①", "第一部分",
                         "第一次全体会议", "第三季度完成", "第", "第二批试点", "第一条高速公路零的突破", "第一篇章",
                         "第二章节", "第三项工作全面完成", "第一部分资金已下达"})
    EXPECT_FALSE(match_number_marker(no)) << no;
}

TEST(Numbering, FullWidthDigits) {
  // １．加强 ２、推进 （３）落实 １２．…: numbering printed in full-width
  // forms was no marker, and a document numbered so had no task at all.
  const auto a = match_number_marker("１．加强托育服务");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->style, NumberStyle::arabic_dot);
  EXPECT_EQ(a->value, 1);
  EXPECT_EQ(std::string_view("１．加强托育服务").substr(a->bytes), "加强托育服务");
  const auto b = match_number_marker("１２、推进");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->value, 12);
  const auto c = match_number_marker("（３）落实");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->style, NumberStyle::arabic_paren);
  EXPECT_EQ(c->value, 3);
  const auto d = match_number_marker("1２.混排");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->value, 12);
  for (const char* no : {"１．３倍", "1.３倍", "０．推进", "１２３４．推进", "２０２４年", "１．"})
    EXPECT_FALSE(match_number_marker(no)) << no;
}

TEST(Numbering, OnlyTheNumeralsAmongTheIdeographsStartAMarker) {
  // match_number_marker turns away a line starting with an ideograph by
  // its first two bytes; every character from U+4000 to U+5FFF (leads E4,
  // E5) followed by 、 must be a marker exactly when it is 一 to 十.
  const std::u32string numerals = U"一二三四五六七八九十";
  for (UChar32 c = 0x4000; c <= 0x5FFF; ++c) {
    char buf[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
    const std::string line = std::string(buf, static_cast<std::size_t>(n)) + "、优化";
    const bool numeral = numerals.find(static_cast<char32_t>(c)) != std::u32string::npos;
    ASSERT_EQ(match_number_marker(line).has_value(), numeral) << std::hex << c;
  }
}

TEST(HeadingShapes, OtherNumberingStylesInTables) {
  EXPECT_EQ(match_domain_heading("一、幼有所育")->seq, 1);
  EXPECT_EQ(match_domain_heading("（十二）文体服务")->seq, 12);
  EXPECT_FALSE(match_domain_heading("一、加快推进建设，完善机制"));  // a sentence, not a name
  EXPECT_EQ(match_task_heading("（3）加强特殊")->seq, 3);
  EXPECT_EQ(match_task_heading("④加强特殊")->seq, 4);
  EXPECT_FALSE(match_task_heading("一、幼有所育"));
}
