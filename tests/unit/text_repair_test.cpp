#include <gtest/gtest.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include "stages.hpp"

using namespace qingdan::detail;

namespace {
std::string repair(std::initializer_list<std::string_view> lines) {
  return repair_text(std::vector<std::string_view>(lines));
}
}  // namespace

TEST(TextRepair, WrappedLinesJoinWithNothing) {
  EXPECT_EQ(repair({"1.加大标准", "化儿童保健", "设施建设力", "度。"}), "1.加大标准化儿童保健设施建设力度。");
}

TEST(TextRepair, AsciiAlnumOnBothSidesOfABreakKeepsOneSpace) {
  EXPECT_EQ(repair({"HIV", "AIDS人群"}), "HIV AIDS人群");
  EXPECT_EQ(repair({"到2025", "年"}), "到2025年");
  EXPECT_EQ(repair({"达到", "95%"}), "达到95%");
  EXPECT_EQ(repair({"DRG/", "DIP"}), "DRG/DIP");
}

TEST(TextRepair, SpacesBetweenCjkAreRemoved) {
  EXPECT_EQ(repair({"州 卫 生 健 康 委 牵"}), "州卫生健康委牵");
  EXPECT_EQ(repair({"力度 ，完善"}), "力度，完善");
  EXPECT_EQ(repair({"赛事 ,全州"}), "赛事,全州");
  EXPECT_EQ(repair({"开展 65岁"}), "开展65岁");
  EXPECT_EQ(repair({"执业  （助理）"}), "执业（助理）");
}

TEST(TextRepair, EveryKindOfWhitespaceNextToCjk) {
  EXPECT_EQ(repair({"州\t卫\u3000生\u00A0健"}), "州卫生健");
  EXPECT_EQ(repair({"率\u3000 95%"}), "率95%");
}

TEST(TextRepair, OtherWhitespaceRunsCollapseToOneSpace) {
  EXPECT_EQ(repair({"6 个专项"}), "6个专项");
  EXPECT_EQ(repair({"HIV  \t AIDS"}), "HIV AIDS");
  EXPECT_EQ(repair({"20%  、 30%"}), "20%、30%");
  EXPECT_EQ(repair({"a\u00A0b"}), "a b");
}

TEST(TextRepair, NothingElseChanges) {
  EXPECT_EQ(repair({"达到 ", "95％。"}), "达到95％。");
  EXPECT_EQ(repair({"“双减”和课"}), "“双减”和课");
  EXPECT_EQ(repair({"16个，，非物质"}), "16个，，非物质");
}

TEST(TextRepair, ResultIsNfc) {
  // e + combining acute (NFD) becomes é; a CJK compatibility ideograph becomes its unified form.
  EXPECT_EQ(repair({"e\u0301"}), "\u00E9");
  EXPECT_EQ(repair({"\uF900"}), "\u8C48");
}

TEST(TextRepair, BlankLinesAndOuterSpaceVanish) {
  EXPECT_EQ(repair({"  ", " 任务 ", "", "\u3000目标"}), "任务目标");
  EXPECT_EQ(repair({}), "");
}

TEST(TextRepair, TrailingFullStop) {
  EXPECT_EQ(drop_trailing_full_stop("促进高质量充分就业。"), "促进高质量充分就业");
  EXPECT_EQ(drop_trailing_full_stop("促进就业"), "促进就业");
  EXPECT_EQ(drop_trailing_full_stop("。"), "");
}

TEST(TextRepair, WideClassificationUsesUnicodeProperties) {
  EXPECT_TRUE(is_wide(U'州'));
  EXPECT_TRUE(is_wide(U'，'));
  EXPECT_TRUE(is_wide(U'％'));
  EXPECT_TRUE(is_wide(U'\u3000'));
  EXPECT_TRUE(is_wide(U'𠀀'));  // CJK Extension B
  EXPECT_FALSE(is_wide(U'a'));
  EXPECT_FALSE(is_wide(U'%'));
  EXPECT_FALSE(is_wide(U','));
}

TEST(TextRepair, InformationSeparatorsAreNotWhitespace) {
  // U+001C..001F are not White_Space: kept as printed (this once looped forever).
  EXPECT_EQ(repair({"a\x1C"
                    "b"}),
            "a\x1C"
            "b");
  EXPECT_EQ(repair({"任\x1F务"}), "任\x1F务");
  EXPECT_EQ(count_chars("a\x1C b"), 3u);
}

TEST(TextRepair, NfcFastPathRangesAreNfcStable) {
  // text_repair.cpp skips the normaliser for these ranges; every character in
  // them must be NFC_Quick_Check=Yes with combining class 0.
  const std::pair<UChar32, UChar32> ranges[] = {{0x4000, 0x9FFF}, {0x3000, 0x3029}, {0x2010, 0x2027}, {0xFF01, 0xFF5E}};
  for (auto [lo, hi] : ranges)
    for (UChar32 c = lo; c <= hi; ++c) {
      EXPECT_EQ(u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK), UNORM_YES) << std::hex << c;
      EXPECT_EQ(u_getCombiningClass(c), 0) << std::hex << c;
    }
  // and the byte shortcut of the spacing repair: U+4000..U+EFFF has no White_Space.
  for (UChar32 c = 0x4000; c <= 0xEFFF; ++c) EXPECT_FALSE(is_space(c)) << std::hex << c;
}

TEST(Coverage, CountCharsAgreesWithIsSpaceOnEveryCodePoint) {
  // count_chars() finds whitespace by its UTF-8 bytes, not by decoding; each
  // code point alone, and between two others, must count as is_space() says.
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    char buf[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
    const std::string alone(buf, static_cast<std::size_t>(n));
    const std::uint64_t expect = is_space(c) ? 0 : 1;
    ASSERT_EQ(count_chars(alone), expect) << std::hex << c;
    ASSERT_EQ(count_chars("a" + alone + "\xE4\xB8\x80"), expect + 2) << std::hex << c;
  }
}

TEST(TextRepair, NoWhiteSpaceAboveU3000) {
  // is_space() answers without ICU above U+3000; that is only right if no
  // character there has White_Space (U+FEFF is added on purpose).
  for (UChar32 c = 0x3001; c <= 0x10FFFF; ++c)
    if (u_isUWhiteSpace(c)) ADD_FAILURE() << std::hex << c;
  EXPECT_TRUE(is_space(0xFEFF));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_TRUE(is_space(0x00A0));
  EXPECT_FALSE(is_space(0x001C));
}
