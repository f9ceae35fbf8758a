#include <gtest/gtest.h>

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

TEST(Decode, RejectsTruncatedSequenceAndEncodedSurrogate) {
  Decoded d;
  ParseError e;
  EXPECT_FALSE(decode("任务\xE4\xBB", d, e));  // truncated 3-byte sequence at the end
  EXPECT_EQ(e.offset, 6u);
  EXPECT_FALSE(decode("\xED\xA0\x80", d, e));  // U+D800 encoded in UTF-8
  EXPECT_FALSE(decode("\xC0\xAF", d, e));      // overlong '/'
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
