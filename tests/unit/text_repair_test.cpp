#include <gtest/gtest.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include <iterator>

#include "bytes16.hpp"
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

TEST(TextRepair, ANumberWrappedByANarrowCellJoins) {
  // A break between two digits is a number wrapped, not two numbers: it
  // read "不少于4 6个" and "2024年1 2月底前".
  EXPECT_EQ(repair({"新开工项目不少于4", "6个。"}), "新开工项目不少于46个。");
  EXPECT_EQ(repair({"2024年1", "2月底前"}), "2024年12月底前");
  EXPECT_EQ(repair({"新建农田1", "25亩。"}), "新建农田125亩。");
  EXPECT_EQ(repair({"PM2", ".5"}), "PM2.5");
  EXPECT_EQ(repair({"5", "G基站"}), "5 G基站");  // a digit and a letter: as before
  // The next line starting a numbered item is no number wrapped (probe F).
  EXPECT_EQ(repair({"1.新建5G基站 120", "2.实现行政村全覆盖"}), "1.新建5G基站120 2.实现行政村全覆盖");
  EXPECT_EQ(repair({"新增8", "10、推进"}), "新增8 10、推进");
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

TEST(TextRepair, IsWideAgreesWithTheIcuRuleOnEveryCodePoint) {
  // is_wide answers ASCII and U+4E00..U+9FFF without ICU: the same answers
  // as the rule (Ideographic, or East Asian Width Wide/Fullwidth).
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    const bool rule = u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || width == U_EA_WIDE || width == U_EA_FULLWIDTH;
    ASSERT_EQ(is_wide(static_cast<char32_t>(c)), rule) << std::hex << c;
  }
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

TEST(Coverage, CountCharsOnLongTextAgreesWithIsSpace) {
  // Texts long enough for the 16-byte path, with every whitespace character
  // (and its byte neighbours: U+3001, U+FEFE, U+2010 …) at every offset.
  const UChar32 pieces[] = {U'任',  U'。',  U'，',  'a',    ' ',    '\t',   0x3000,  0x3001, 0xFEFF,
                            0xFEFE, 0x00A0, 0x0085, 0x00A1, 0x1680, 0x2000, 0x200A,  0x200B, 0x200C,
                            0x2010, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x1F600, U'“'};
  std::uint32_t seed = 5;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    std::uint64_t expect = 0;
    const int len = static_cast<int>(next() % 50);
    for (int k = 0; k < len; ++k) {
      const UChar32 c = pieces[(next() >> 8) % (sizeof pieces / sizeof pieces[0])];
      char buf[4];
      std::int32_t n = 0;
      U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
      text.append(buf, static_cast<std::size_t>(n));
      expect += is_space(c) ? 0 : 1;
    }
    ASSERT_EQ(count_chars(text), expect) << round;
    ASSERT_EQ(count_chars_16(text), expect) << round;  // the 16-byte loop alone, where the CPU has AVX2
  }
}

TEST(Coverage, CountCharsOnLongUniformTexts) {
  // Long texts where every byte position counts in every 16-byte block
  // (ASCII letters), or one byte in three does (ideographs, with wide spaces),
  // around the lengths where a block-wise count changes how it sums.
  for (std::size_t len :
       {std::size_t{4079}, std::size_t{4080}, std::size_t{4081}, std::size_t{4097}, std::size_t{100000}}) {
    EXPECT_EQ(count_chars(std::string(len, 'a')), len) << len;
    EXPECT_EQ(count_chars_16(std::string(len, 'a')), len) << len;
    std::string cjk;
    for (std::size_t k = 0; k < len; ++k) cjk += (k % 7 == 6) ? "\u3000" : "\u4EFB";  // 任, every 7th a wide space
    EXPECT_EQ(count_chars(cjk), len - len / 7) << len;
    EXPECT_EQ(count_chars_16(cjk), len - len / 7) << len;
  }
  // A text cut inside a character (count_chars is not given such, but may
  // be): the lead byte counts, as decoding it would give U+FFFD, not a space.
  EXPECT_EQ(count_chars("\xE3\x80"), 1u);
  EXPECT_EQ(count_chars("a\xEF\xBB"), 2u);
  EXPECT_EQ(count_chars(std::string(20, 'a') + "\xE3\x80"), 21u);
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

namespace {
// The rules of text_repair.cpp, one code point at a time, with ICU's NFC on
// every result: what the byte-level fast paths must agree with.
std::string reference_repair(const std::vector<std::string_view>& lines) {
  auto cps = [](std::string_view s) {
    std::vector<UChar32> v;
    for (std::int32_t i = 0, n = static_cast<std::int32_t>(s.size()); i < n;) {
      UChar32 c;
      U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, n, c);
      v.push_back(c);
    }
    return v;
  };
  auto alnum = [](UChar32 c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); };
  auto digit = [](UChar32 c) { return c >= '0' && c <= '9'; };
  // A line's runs of single digits one space apart (2 0 2 4): three digits
  // at least, or two between wide characters, with nothing ASCII but
  // spaces beside the run, lose their spaces.
  auto join_spaced_digits = [&](std::vector<UChar32>& l) {
    const auto n = static_cast<std::ptrdiff_t>(l.size());
    auto at = [&](std::ptrdiff_t k) -> UChar32 { return k < 0 || k >= n ? -1 : l[static_cast<std::size_t>(k)]; };
    auto quiet = [&](std::ptrdiff_t k) { return at(k) == -1 || at(k) == ' ' || at(k) >= 0x80; };
    std::vector<bool> drop(l.size(), false);
    for (std::ptrdiff_t k = 0; k < n; ++k) {
      if (!digit(at(k)) || digit(at(k - 1)) || digit(at(k + 1))) continue;
      std::ptrdiff_t last = k;
      while (at(last + 1) == ' ' && digit(at(last + 2)) && !digit(at(last + 3))) last += 2;
      const std::ptrdiff_t digits = (last - k) / 2 + 1;
      const bool left = at(k - 1) >= 0x80 || at(k - 1) == -1 || (at(k - 1) == ' ' && quiet(k - 2));
      const bool right = at(last + 1) >= 0x80 || at(last + 1) == -1 || (at(last + 1) == ' ' && quiet(last + 2));
      // The run must be all of it: no single digit one space before it.
      const bool whole = !(at(k - 1) == ' ' && digit(at(k - 2)) && !digit(at(k - 3)));
      if (whole && left && right && (digits >= 3 || (digits == 2 && at(k - 1) >= 0x80 && at(last + 1) >= 0x80)))
        for (std::ptrdiff_t s = k + 1; s < last; s += 2) drop[static_cast<std::size_t>(s)] = true;
      k = last;
    }
    std::vector<UChar32> kept;
    for (std::size_t k = 0; k < l.size(); ++k)
      if (!drop[k]) kept.push_back(l[k]);
    l.swap(kept);
  };
  std::vector<UChar32> joined;
  for (auto line : lines) {
    std::vector<UChar32> l = cps(line);
    while (!l.empty() && is_space(l.back())) l.pop_back();
    std::size_t b = 0;
    while (b < l.size() && is_space(l[b])) ++b;
    l.erase(l.begin(), l.begin() + static_cast<std::ptrdiff_t>(b));
    if (l.empty()) continue;
    join_spaced_digits(l);
    auto numbered_item = [&] {  // 2.实现… 10、…: the next item of a list
      std::size_t k = 0;
      while (k < l.size() && digit(l[k])) ++k;
      return k < l.size() && (l[k] == '.' || l[k] == ')' || l[k] == U'、' || l[k] == U'．');
    };
    if (!joined.empty() && alnum(joined.back()) && alnum(l.front()) &&
        !(digit(joined.back()) && digit(l.front()) && !numbered_item()))
      joined.push_back(' ');
    joined.insert(joined.end(), l.begin(), l.end());
  }
  std::u16string u16;
  for (std::size_t k = 0; k < joined.size();) {
    if (!is_space(joined[k])) {
      const UChar32 c = joined[k++];
      if (c <= 0xFFFF) {
        u16.push_back(static_cast<char16_t>(c));
      } else {
        u16.push_back(static_cast<char16_t>(U16_LEAD(c)));
        u16.push_back(static_cast<char16_t>(U16_TRAIL(c)));
      }
      continue;
    }
    const std::size_t start = k;
    while (k < joined.size() && is_space(joined[k])) ++k;
    if (start == 0 || k == joined.size()) continue;
    if (!is_wide(static_cast<char32_t>(joined[start - 1])) && !is_wide(static_cast<char32_t>(joined[k])))
      u16.push_back(u' ');
  }
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  std::u16string norm(u16.size() * 3 + 8, u'\0');
  const std::int32_t len = unorm2_normalize(nfc, u16.data(), static_cast<std::int32_t>(u16.size()), norm.data(),
                                            static_cast<std::int32_t>(norm.size()), &status);
  norm.resize(static_cast<std::size_t>(len));
  std::string out;
  for (std::size_t k = 0; k < norm.size();) {
    UChar32 c;
    U16_NEXT(norm.data(), k, norm.size(), c);
    char buf[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}
}  // namespace

TEST(TextRepair, FastPathsAgreeWithTheRulesOnLongRandomLines) {
  // Lines long enough for the 16-byte scan, made of ideographs, the
  // punctuation it lets through and its neighbours that it must not
  // (U+3000, U+302A, U+2028, U+200B, U+FF00, U+FF5F …), spaces, ASCII words
  // and combining marks; and the edges of the ideograph ranges the sprayed-
  // space fast path knows by their bytes (U+3400, U+4DBF wide; U+33FF,
  // U+4DC0..4DFF, U+A000 decided by is_wide).
  const std::string_view pieces[] = {"任",     "务",     "。",     "、",      "，",     "；",     "（",     "）",
                                     "“",      "”",      "—",      "\u3029",  "\u302A", "\u2010", "\u2027", "\u2028",
                                     "\u200B", "\u3000", "\uFF00", "\uFF5E",  "\uFF5F", "\uFEFF", " ",      "  ",
                                     "\t",     "ab",     "2023",   "e\u0301", "\u0301", "\u00A0", "ｶ",      "\u3099",
                                     "か",     "𠀀",     "\u3400", "\u33FF",  "\u4DBF", "\u4DC0", "\u4DFF", "\u9FFF",
                                     "\uA000", "!",      "1 ",     "0 ",      " 2",     "7",      "3 4",    "2 0 2 4"};
  std::uint32_t seed = 99;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> owned;
    const int nlines = 1 + static_cast<int>(next() % 4);
    for (int l = 0; l < nlines; ++l) {
      std::string line;
      const int len = static_cast<int>(next() % 40);
      for (int k = 0; k < len; ++k) {
        const std::uint32_t r = next() >> 8;
        line += pieces[r % 3 == 0 ? r % std::size(pieces) : r % 8];  // mostly ideographs and common punctuation
      }
      owned.push_back(line);
    }
    const std::vector<std::string_view> lines(owned.begin(), owned.end());
    ASSERT_EQ(repair_text(lines), reference_repair(lines)) << round;
  }
}

TEST(TextRepair, OneSpaceNextToEveryThreeByteCharacterFollowsIsWide) {
  // The sprayed-space fast path decides by the bytes of the character before
  // or after one space; every three-byte character (U+0800..U+FFFF, but
  // surrogates and whitespace) on either side of "a" is checked against the
  // rule: the space stays exactly when neither side is wide. NFC may change
  // the character itself, so only the space is compared.
  for (UChar32 c = 0x800; c <= 0xFFFF; ++c) {
    if (U_IS_SURROGATE(c) || is_space(c)) continue;
    char buf[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
    const std::string ch(buf, static_cast<std::size_t>(n));
    const bool space = !is_wide(static_cast<char32_t>(c));
    const std::string after = repair_text({ch + " a"}), before = repair_text({"a " + ch});
    ASSERT_EQ(after.find(' ') != std::string::npos, space) << std::hex << c;
    ASSERT_EQ(before.find(' ') != std::string::npos, space) << std::hex << c;
  }
}

#if defined(__SSE2__)
TEST(Bytes16, InIsTheUnsignedRangeOnEveryByte) {
  // in(v, lo, hi) is what every scan's byte ranges are built from.
  const std::pair<int, int> ranges[] = {{0x00, 0x1F}, {0x00, 0x20}, {0x00, 0xFF}, {0x80, 0xBF},
                                        {0xC0, 0xFF}, {0xE4, 0xE9}, {0x81, 0xA9}, {0x90, 0xA7},
                                        {0x80, 0x9E}, {0x7F, 0x80}, {0x20, 0x20}, {0xFF, 0xFF}};
  for (const auto& [lo, hi] : ranges)
    for (int base = 0; base < 256; base += 16) {
      alignas(16) std::uint8_t bytes[16];
      for (int k = 0; k < 16; ++k) bytes[k] = static_cast<std::uint8_t>(base + k);
      const unsigned m = qingdan::detail::bytes16::bits(
          qingdan::detail::bytes16::in(_mm_load_si128(reinterpret_cast<const __m128i*>(bytes)), lo, hi));
      for (int k = 0; k < 16; ++k)
        ASSERT_EQ((m >> k) & 1u, (base + k >= lo && base + k <= hi) ? 1u : 0u) << lo << ".." << hi << " " << base + k;
    }
}
#endif

TEST(TextRepair, DigitsSpacedOutByJustificationJoin) {
  // 2 0 2 4 年 and 1 0 0 0套 came out with their spaces (2 0 2 4年).
  EXPECT_EQ(repair_text({"2 0 2 4 年 3 月 底 前"}), "2024年3月底前");
  EXPECT_EQ(repair_text({"新增托位8 0 0个"}), "新增托位800个");
  EXPECT_EQ(repair_text({"新建场地1 0块"}), "新建场地10块");
  // Numbers of several digits, and two digits not between wide characters, stay apart.
  EXPECT_EQ(repair_text({"2023 2024"}), "2023 2024");
  EXPECT_EQ(repair_text({"第 1 2"}), "第1 2");
  EXPECT_EQ(repair_text({"HIV 1 2 3"}), "HIV 1 2 3");
  EXPECT_EQ(repair_text({"a1 2 3"}), "a1 2 3");
}
