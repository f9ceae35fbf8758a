#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan::detail;

TEST(Lines, NumbersLinesForAllTerminators) {
  const auto lines = split_lines("a\nb\r\nc\rd");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "b");
  EXPECT_EQ(lines[2].text, "c");
  EXPECT_EQ(lines[3].text, "d");
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_EQ(lines[1].text.data() - lines[0].text.data(), 2);
  EXPECT_EQ(lines[3].text.data() - lines[0].text.data(), 7);
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

TEST(Lines, TrimFastPathAgreesWithTheFullScan) {
  // trim() answers from the end bytes when it can; every ending it accepts
  // that way must be one the full scan (trim_slow) leaves alone too.
  const std::string_view ends[] = {"任", "。",     "，",     "\u3000", "\uFEFF", "a",
                                   " ",  "\u3001", "\uFF08", "\u00A0", "é",      "\u2003"};
  for (auto a : ends)
    for (auto z : ends) {
      const std::string s = std::string(a) + "中间 文字" + std::string(z);
      EXPECT_EQ(trim(s), trim_slow(s)) << s;
    }
}

TEST(Lines, TrimAgreesWithDecodingEachEnd) {
  // trim_slow reads whitespace off the bytes; the reference decodes each end
  // character (U8_NEXT / U8_PREV) and asks is_space. Random strings of every
  // whitespace character, others of 1-4 bytes, and ill-formed bytes.
  auto reference = [](std::string_view text) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int32_t>(text.size());
    std::int32_t begin = 0, end = n;
    while (begin < n) {
      std::int32_t next = begin;
      UChar32 c;
      U8_NEXT(s, next, n, c);
      if (c < 0 || !is_space(c)) break;
      begin = next;
    }
    while (end > begin) {
      std::int32_t prev = end;
      UChar32 c;
      U8_PREV(s, begin, prev, c);
      if (c < 0 || !is_space(c)) break;
      end = prev;
    }
    return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
  };
  const std::vector<std::string> pieces = {
      " ",        "\t",     "\n",     "\r",     "\v",     "\f",     "\u0085", "\u00A0",           "\u1680", "\u2000",
      "\u200A",   "\u200B", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\uFEFF",           "\u3001", "\u00A1",
      "\u2010",   "\u30A2", "\uFF08", "任",     "a",      "|",      "é",      "\xF0\x9F\x98\x80", "\x80",   "\xC2",
      "\xE3\x80", "\xFF",   "\xBF"};
  std::mt19937 rng(3);
  for (int k = 0; k < 200000; ++k) {
    const std::string s = qingdan::test::random_text(rng, pieces, 8);
    ASSERT_EQ(trim_slow(s), reference(s)) << k;
    // trim's inline answer reads the end bytes as well-formed UTF-8, which
    // every decoded text is.
    if (utf8_is_clean(s) || s.find_first_of("\x80\xBF\xC2\xE3\xFF") == std::string::npos) {
      ASSERT_EQ(trim(s), reference(s)) << k;
    }
  }
}

TEST(Lines, FindTextAgreesWithStringFind) {
  // find_text() tests 16 positions at a time; hits at every offset, near the
  // end, overlapping and absent must come out as std::string_view::find says.
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const std::string_view pieces[] = {"是", "一是", "一", "二是", "。", "a", "；", "列第一位", "位", "中"};
  for (int round = 0; round < 400; ++round) {
    std::string hay;
    // Some long enough for the 32-byte loop (AVX2, from 64 positions on).
    const int len = static_cast<int>(next() % (round % 4 == 0 ? 300 : 40));
    for (int i = 0; i < len; ++i) hay += pieces[(next() >> 8) % 10];
    for (auto needle : pieces)
      for (std::size_t from = 0; from <= hay.size() + 1; from += 1 + (next() >> 8) % 7)
        ASSERT_EQ(find_text(hay, needle, from), std::string_view(hay).find(needle, from)) << hay << " / " << needle;
  }
  EXPECT_EQ(find_text("abc", ""), 0u);
  EXPECT_EQ(find_text("", "a"), std::string_view::npos);
}

TEST(Lines, FindColonFindsTheFirstOfEitherWidth) {
  // find_colon looks for the full-width colon by its last byte (9A), which
  // ends other characters too (嚚 E5 9A 9A, 泚 E6 B3 9A): it must still name
  // the first ':' or '：' and its length, as two searches would.
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const std::string_view pieces[] = {":", "：", "嚚", "泚", "牵头单位", "a", "\xBC", "\x9A", "，"};
  std::size_t colons = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int len = static_cast<int>(next() % 12);
    for (int i = 0; i < len; ++i) s += pieces[(next() >> 8) % 9];
    const std::string_view v(s);
    const std::size_t ascii = v.find(':'), wide = v.find("："), want = std::min(ascii, wide);
    std::size_t len_found = 0;
    ASSERT_EQ(find_colon(v, len_found), want) << s;
    if (want != std::string_view::npos) {
      ++colons;
      EXPECT_EQ(len_found, want == ascii ? 1u : 3u) << s;
    }
  }
  EXPECT_GT(colons, 5000u);
}

TEST(Lines, LfOnlyTextsSplitAsTheGeneralLoopDoes) {
  // Text without CR or form feed is split 16 bytes at a time; it must give
  // the lines, numbers and offsets of splitting at each LF one by one.
  std::uint32_t seed = 3;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const std::string_view pieces[] = {"\n", "\n\n", "任务", "a", " ", "。", "x"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = static_cast<int>(next() % 60);
    for (int k = 0; k < len; ++k) text += pieces[(next() >> 8) % 7];
    std::vector<std::string_view> expect;
    std::size_t start = 0;
    for (std::size_t k = 0; k < text.size(); ++k)
      if (text[k] == '\n') {
        expect.push_back(std::string_view(text).substr(start, k - start));
        start = k + 1;
      }
    if (start < text.size()) expect.push_back(std::string_view(text).substr(start));
    const auto lines = split_lines(text);
    ASSERT_EQ(lines.size(), expect.size()) << round;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      ASSERT_EQ(lines[k].text.data(), expect[k].data()) << round;
      ASSERT_EQ(lines[k].text.size(), expect[k].size()) << round;
      ASSERT_EQ(lines[k].number, k + 1) << round;
      ASSERT_FALSE(lines[k].page_break);
    }
  }
}

TEST(Lines, TheLineTableIsSizedNotGrown) {
  // The table is reserved from a count of line ends, so it never doubles:
  // at most one slot (a text ending in a line end) and the CRs of CRLF pairs
  // are spare.
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const char* const pieces[] = {"任务", "a", " ", "\n", "\n", "\r\n", "\r", "\f", "很长的一行文字内容"};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const bool crs = round % 2 == 0;
    for (int k = static_cast<int>(next() % 300); k > 0; --k) {
      const char* piece = pieces[(next() >> 8) % 9];
      if (!crs && std::strchr(piece, '\r')) continue;
      text += piece;
    }
    const auto lines = split_lines(text);
    const auto cr_lf = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\r') +
                                                std::count(text.begin(), text.end(), '\n'));
    EXPECT_LE(lines.capacity(), cr_lf + 1) << round;
    // The same counting pass finds the CRs and the form feeds, wherever in a
    // long text they are: no CR is left inside a line (each ends one), no
    // form feed at either end of one.
    for (const Line& l : lines) {
      ASSERT_TRUE(l.text.empty() || (l.text.front() != '\f' && l.text.back() != '\f')) << round;
      ASSERT_EQ(l.text.find('\r'), std::string_view::npos) << round;
    }
    if (!crs) {
      EXPECT_LE(lines.capacity(), lines.size() + 1) << round;
    }
  }
  // Long enough for the counter's 255-block rounds (4,080 bytes each).
  std::string text;
  for (int k = 0; k < 20000; ++k) text += std::string(static_cast<std::size_t>(k % 37), 'x') + "\n";
  const auto lines = split_lines(text);
  EXPECT_EQ(lines.size(), 20000u);
  EXPECT_LE(lines.capacity(), 20001u);
}

TEST(Lines, LineTableKeepsTextNumberAndPageBreak) {
  const std::string text = "ab\n\fcd\ne\f\nfg";
  LineTable lines = split_lines(text);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1].text, "cd");
  EXPECT_TRUE(lines[1].page_break);
  EXPECT_EQ(lines[2].text, "e");
  EXPECT_FALSE(lines[2].page_break);
  EXPECT_TRUE(lines[3].page_break);  // the form feed ending line 3 breaks before line 4
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].number, i + 1);
    EXPECT_EQ(lines[i].text.data() - text.data(),
              (*(lines.begin() + static_cast<std::ptrdiff_t>(i))).text.data() - text.data());
  }
  lines.narrow(0, lines[0].text.substr(1));  // keeps the flag, moves the view
  EXPECT_EQ(lines[0].text, "b");
  EXPECT_EQ(lines[0].text.data(), text.data() + 1);
  EXPECT_FALSE(lines[0].page_break);
  lines.mark_page_break(0);
  lines.narrow(0, lines[0].text.substr(0, 0));
  EXPECT_TRUE(lines[0].page_break);
  EXPECT_EQ(lines[0].text, "");
  EXPECT_EQ(lines.end() - lines.begin(), 4);
  EXPECT_EQ(lines.back().text, "fg");
}
