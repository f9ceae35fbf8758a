#include <gtest/gtest.h>

#include <unicode/utf8.h>

#include "cpu.hpp"
#include "stages.hpp"

using namespace qingdan;
using namespace qingdan::detail;

TEST(Decode, AcceptsUtf8AndReportsEncoding) {
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode("序号 重点任务\n", d, e));
  EXPECT_EQ(d.text, "序号 重点任务\n");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(Decode, StripsUtf8Bom) {
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode("\xEF\xBB\xBF任务", d, e));
  EXPECT_EQ(d.text, "任务");
  EXPECT_EQ(d.bom_bytes, 3u);
}

TEST(Decode, InvalidByteNamesLineAndOffset) {
  Decoded d;
  ParseError e;
  // line 1: "ab\n" (3 bytes), line 2: "任\n" (4 bytes), line 3: "x" then a stray continuation byte.
  ASSERT_FALSE(decode("ab\n任\nx\x80y", d, e));
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.offset, 8u);
  EXPECT_NE(e.message.find("line 3"), std::string::npos);
  EXPECT_NE(e.message.find("byte offset 8"), std::string::npos);
  EXPECT_NE(e.message.find("0x80"), std::string::npos);
}

TEST(Decode, OffsetCountsTheBom) {
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode("\xEF\xBB\xBF\xFF", d, e));
  EXPECT_EQ(e.offset, 3u);
  EXPECT_EQ(e.line, 1u);
}

// Forced UTF-8: these tiny inputs are also valid GB18030 (C0 AF is 蜡), which
// detection would accept; see TruncatedLongUtf8IsStillUtf8 for detection.
TEST(Decode, RejectsTruncatedSequenceAndEncodedSurrogate) {
  Decoded d;
  ParseError e;
  EXPECT_FALSE(decode("任务\xE4\xBB", d, e, "UTF-8"));  // truncated 3-byte sequence at the end
  EXPECT_EQ(e.offset, 6u);
  EXPECT_FALSE(decode("\xED\xA0\x80", d, e, "UTF-8"));  // U+D800 encoded in UTF-8
  EXPECT_FALSE(decode("\xC0\xAF", d, e, "UTF-8"));      // overlong '/'
  EXPECT_FALSE(decode("\xED\xA0\x80", d, e));           // not GB18030 or Big5 either
}

TEST(Decode, TruncatedLongUtf8IsStillUtf8) {
  // A file cut in the middle of its last character: mostly valid UTF-8, so
  // the UTF-8 error, not a GB18030 reading.
  std::string text = "州卫生健康委牵头，州发展改革委按职能配合\n各县市人民政府";
  text.pop_back();
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode(text, d, e));
  EXPECT_EQ(e.offset, text.size() - 2);
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(Decode, Utf16WithBom) {
  Decoded d;
  ParseError e;
  const std::string le("\xFF\xFE\x21\x4E\x0A\x00", 6);  // U+4E21 两, then \n
  ASSERT_TRUE(decode(le, d, e));
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.text, "\xE4\xB8\xA1\n");
  const std::string be("\xFE\xFF\x4E\x21", 4);
  ASSERT_TRUE(decode(be, d, e));
  EXPECT_EQ(d.encoding, "UTF-16BE");
  EXPECT_EQ(d.text, "\xE4\xB8\xA1");
}

TEST(Decode, Utf16LoneSurrogateIsAnError) {
  Decoded d;
  ParseError e;
  const std::string le("\xFF\xFE\x41\x00\x00\xD8\x41\x00", 8);  // A, lone high surrogate, A
  EXPECT_FALSE(decode(le, d, e));
  EXPECT_EQ(e.offset, 4u);  // BOM (2) + "A" (2): the surrogate starts at byte 4
  EXPECT_EQ(e.line, 1u);
  const std::string two_lines("\xFF\xFE\x41\x00\x0A\x00\x00\xD8", 8);  // A, LF, lone surrogate
  EXPECT_FALSE(decode(two_lines, d, e));
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.offset, 6u);
}

TEST(Decode, ForcedUtf8MatchesDetection) {
  const std::string text = "序号\x01任务\n\xEF\xBF\xBE";  // a control character and U+FFFE
  Decoded detected, forced;
  ParseError e;
  ASSERT_TRUE(decode(text, detected, e));
  ASSERT_TRUE(decode(text, forced, e, "utf8"));
  EXPECT_EQ(forced.text, detected.text);
  EXPECT_EQ(forced.encoding, "UTF-8");
  EXPECT_EQ(forced.unusual, detected.unusual);
  EXPECT_EQ(detected.unusual, (std::vector<std::uint64_t>{6, 14}));
}

TEST(Decode, InvalidUtf8MessageSaysLegacyEncodingsWereTried) {
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode("ab\n任\nx\x80y", d, e));
  EXPECT_NE(e.message.find("not GB18030 or Big5 either"), std::string::npos) << e.message;
  ASSERT_FALSE(decode("ab\n任\nx\x80y", d, e, "UTF-8"));  // forced: just the UTF-8 error
  EXPECT_EQ(e.message, "invalid UTF-8 byte 0x80 at line 3, byte offset 8");
}

// "Mostly UTF-8" (valid sequences outnumber invalid ones more than three to
// one) keeps the UTF-8 error instead of trying GB18030 and Big5. The count
// may stop early (decode.cpp), but only once the rest of the input could not
// tip it: invalid bytes first, then the shortest valid sequences, at the line.
TEST(Decode, MostlyUtf8IsDecidedOnTheWholeInput) {
  for (int invalid : {1, 10, 333}) {
    for (int extra : {0, 1}) {
      std::string bytes(static_cast<std::size_t>(invalid), '\x80');
      for (int k = 0; k < 3 * invalid + extra; ++k) bytes += "\xC3\xA9";  // é: two bytes
      Decoded d;
      ParseError e;
      ASSERT_FALSE(decode(bytes, d, e));
      const bool tried_legacy = e.message.find("not GB18030 or Big5 either") != std::string::npos;
      EXPECT_EQ(tried_legacy, extra == 0) << invalid << " invalid, " << 3 * invalid + extra << " valid: " << e.message;
    }
  }
}

TEST(Decode, BlockValidationAgreesWithIcuOnRandomText) {
  // UTF-8 is validated 16 bytes at a time when a block is plain; the result
  // (valid or not, the offset of the first bad byte, the unusual characters
  // noted) must be what decoding one character at a time with ICU gives.
  const std::string pieces[] = {"a", "\n", "\t", "\x01", "任", "。", "，", "é", "\xF0\x9F\x98\x80", "\xEF\xBF\xBE",
                                "\xEF\xBF\xBD", "\xE0\xA4\x80", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF", "\x80", "\xC0\xAF",
                                "\xE4\xB8", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\xEF\xBF",
                                // more edges of the ranges: overlong, surrogate, too large, stray bytes
                                "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF0\x90\x80\x80", "\xC2\x80",
                                "\xC1\xBF", "\xFF", "\xEF\xBF\xBF", "\xE1\x80", "\x7F", "\xF3\xBF\xBF\xBF",
                                "\xED\xBF\xBF"};
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 6000; ++round) {
    std::string text;
    const int len = static_cast<int>(next() % (round % 5 == 0 ? 200 : 60));
    // A third of the rounds well-formed (mostly CJK), a third with one byte
    // of such text changed or dropped, a third from every piece.
    const bool clean = round % 3 != 2;
    for (int i = 0; i < len; ++i) {
      const std::uint32_t r = next() >> 8;
      text += clean ? pieces[r % 4 == 0 ? r % 14 : 4 + r % 3] : pieces[r % 32];
    }
    if (round % 3 == 1 && !text.empty()) {
      const std::size_t at = (next() >> 8) % text.size();
      const char bytes[] = {'\x80', '\xBF', '\xC3', '\xE4', 'A'};
      if ((next() >> 8) % 4 == 0)
        text.erase(at, 1);
      else
        text[at] = bytes[(next() >> 8) % 5];
    }
    // Reference: ICU, one character at a time.
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int32_t>(text.size());
    std::int32_t bad = -1;
    std::vector<std::uint64_t> unusual;
    for (std::int32_t i = 0; i < n;) {
      const std::int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) {
        bad = start;
        break;
      }
      if ((c < 0x20 && (c < '\t' || c > '\r')) || c == 0xFFFE || c == 0xFFFF) unusual.push_back(start);
    }
    // The block scans alone: clean exactly when valid with nothing unusual
    // (32 bytes a step from 64 bytes on where the CPU has AVX2; 16 bytes a
    // step with SSSE3).
    const bool expect_clean = bad < 0 && unusual.empty();
    if (qingdan::detail::cpu::has_ssse3()) {
      ASSERT_EQ(utf8_is_clean(text), expect_clean) << round;
      ASSERT_EQ(utf8_is_clean_16(text), expect_clean) << round;
    }
    Decoded d;
    ParseError e;
    const bool ok = decode(text, d, e, "UTF-8");
    ASSERT_EQ(ok, bad < 0) << round;
    if (!ok) {
      ASSERT_EQ(e.offset, static_cast<std::uint64_t>(bad)) << round;
      continue;
    }
    ASSERT_EQ(d.unusual, unusual) << round;
  }
}

// Converted text is written through a pointer into a string sized from the
// UTF-16 units: every width of UTF-8 output (1-4 bytes), and the notes on
// characters XML cannot carry at their UTF-8 offsets.
TEST(Decode, Utf16AndGb18030ConvertEveryWidthAndNoteTheUnusual) {
  // A, é (2 bytes), U+0001 (noted), 任 (3), U+1F600 (4, a surrogate pair), U+FFFE (noted), LF
  const std::u16string units = u"A\u00E9\u0001\u4EFB\U0001F600\uFFFE\n";
  std::string le("\xFF\xFE", 2);
  for (char16_t u : units) {
    le += static_cast<char>(u & 0xFF);
    le += static_cast<char>(u >> 8);
  }
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(le, d, e)) << e.message;
  EXPECT_EQ(d.text, "A\xC3\xA9\x01\xE4\xBB\xBB\xF0\x9F\x98\x80\xEF\xBF\xBE\n");
  EXPECT_EQ(d.unusual, (std::vector<std::uint64_t>{3, 11}));

  // GB18030: 任 is C8 CE; U+20000 is the four-byte 95 32 82 36.
  Decoded g;
  ASSERT_TRUE(decode("a\xC8\xCE\x95\x32\x82\x36z", g, e, "GB18030")) << e.message;
  EXPECT_EQ(g.text, "a\xE4\xBB\xBB\xF0\xA0\x80\x80z");
  EXPECT_EQ(g.storage.size(), g.text.size());
}

// next_code_point assembles most three-byte characters itself: it must agree
// with U8_NEXT (value and step) on every lead and second byte, with third
// bytes at the edges of the continuation range, and on truncated input.
TEST(Decode, NextCodePointAgreesWithU8Next) {
  const std::uint8_t thirds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xFF};
  std::size_t compared = 0;
  for (int b0 = 0; b0 < 256; ++b0)
    for (int b1 = 0; b1 < 256; ++b1)
      for (std::uint8_t b2 : thirds)
        for (std::int32_t n = 1; n <= 3; ++n) {
          const std::uint8_t s[3] = {static_cast<std::uint8_t>(b0), static_cast<std::uint8_t>(b1), b2};
          std::int32_t i = 0, j = 0;
          UChar32 want;
          U8_NEXT(s, j, n, want);
          const UChar32 got = next_code_point(s, i, n);
          ASSERT_EQ(got, want) << std::hex << b0 << " " << b1 << " " << int(b2) << " n=" << n;
          ASSERT_EQ(i, j) << std::hex << b0 << " " << b1 << " " << int(b2) << " n=" << n;
          ++compared;
        }
  EXPECT_EQ(compared, 256u * 256u * std::size(thirds) * 3u);
}
