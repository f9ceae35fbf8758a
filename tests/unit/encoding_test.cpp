// Input encodings other than UTF-8: GB18030/GBK and Big5, detected or forced.
// The fixtures are made here with ICU from UTF-8 text, so no binary files.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>

#include "stages.hpp"

using namespace qingdan;
using namespace qingdan::detail;

namespace {

/// UTF-8 text in `charset`; fails the test if a character has no mapping.
std::string encode(std::string_view utf8, const char* charset) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset;
  ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out(static_cast<std::size_t>(text.length()) * 4 + 8, '\0');
  const std::int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<std::int32_t>(out.size()), text.getBuffer(),
                                         text.length(), &status);
  ucnv_close(conv);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status) << " in " << utf8;
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

bool is_valid_utf8(std::string_view s) {
  Decoded d;
  ParseError e;
  return decode(s, d, e, "UTF-8");
}

const std::string kSimplified =
    "序号 重点任务 责任单位\n"
    "1 幼有所育\n"
    "1.加大标准化儿童保健设施建设力度。\n"
    "州卫生健康委牵头\n";
const std::string kTraditional =
    "序號 重點任務 責任單位\n"
    "1 幼有所育\n"
    "1.加大標準化兒童保健設施建設力度。\n"
    "州衛生健康委牽頭\n";

// Two-line documents: header-ish line and a units/deadline line.
const char* const kShortSimplified[] = {
    "序号 重点任务 责任单位\n州卫生健康委牵头\n",
    "完成时限\n2023年6月底前\n",
    "牵头单位：州民政局\n配合单位：各县市人民政府\n",
    "三年目标\n每千人口拥有3岁以下婴幼儿托位数4.5个\n",
    "重点任务\n推进城区公办幼儿园试点开设托班\n",
    "责任单位\n州教育体育局、州财政局按职能配合\n",
    "序号 所属领域\n2 学有所教\n",
    "工作措施\n加强基层医疗卫生服务能力建设\n",
};
const char* const kShortTraditional[] = {
    "序號 重點任務 責任單位\n州衛生健康委牽頭\n",
    "完成時限\n2023年6月底前\n",
    "牽頭單位：州民政局\n配合單位：各縣市人民政府\n",
    "三年目標\n每千人口擁有3歲以下嬰幼兒托位數4.5個\n",
    "重點任務\n推進城區公辦幼兒園試點開設托班\n",
    "責任單位\n州教育體育局、州財政局按職能配合\n",
    "序號 所屬領域\n2 學有所教\n",
    "工作措施\n加強基層醫療衛生服務能力建設\n",
};

}  // namespace

TEST(Encoding, Gb18030IsDetected) {
  const std::string bytes = encode(kSimplified, "GB18030");
  ASSERT_FALSE(is_valid_utf8(bytes));
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(bytes, d, e)) << e.message;
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.text, kSimplified);
  EXPECT_EQ(d.bom_bytes, 0u);
}

TEST(Encoding, GbkAndGb2312BytesReadAsGb18030) {
  for (const char* charset : {"GBK", "GB2312"}) {
    Decoded d;
    ParseError e;
    ASSERT_TRUE(decode(encode(kSimplified, charset), d, e)) << charset << ": " << e.message;
    EXPECT_EQ(d.encoding, "GB18030") << charset;
    EXPECT_EQ(d.text, kSimplified) << charset;
  }
}

TEST(Encoding, Big5IsDetected) {
  const std::string bytes = encode(kTraditional, "Big5");
  ASSERT_FALSE(is_valid_utf8(bytes));
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(bytes, d, e)) << e.message;
  EXPECT_EQ(d.encoding, "Big5");
  EXPECT_EQ(d.text, kTraditional);
}

// Both byte streams decode cleanly in both encodings (the structure is shared):
// the common-character tiers tell them apart, also on two lines.
TEST(Encoding, ShortDocumentsAreNotMistaken) {
  for (const char* text : kShortSimplified) {
    const std::string bytes = encode(text, "GBK");
    Decoded d;
    ParseError e;
    ASSERT_TRUE(decode(bytes, d, e)) << text << e.message;
    EXPECT_EQ(d.encoding, "GB18030") << text;
    EXPECT_EQ(d.text, text);
  }
  for (const char* text : kShortTraditional) {
    const std::string bytes = encode(text, "Big5");
    Decoded d;
    ParseError e;
    ASSERT_TRUE(decode(bytes, d, e)) << text << e.message;
    EXPECT_EQ(d.encoding, "Big5") << text;
    EXPECT_EQ(d.text, text);
  }
}

// The same simplified-character text... in Big5 where it can be: Big5 holds the
// traditional forms only, so the traditional fixtures are the honest Big5 text.
// Here: a GBK text with characters outside GB2312 (trail bytes Big5 cannot
// have) is GB18030, and a Big5 text whose every character is in GB2312's byte
// range still comes out Big5.
TEST(Encoding, GbkExtensionCharactersAndBig5LookAlikes) {
  const std::string names = "负责人：王喆、李堃\n州卫生健康委牵头\n";
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(encode(names, "GBK"), d, e)) << e.message;
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.text, names);

  const std::string big5 = "責任單位\n推動基礎教育\n";
  ASSERT_TRUE(decode(encode(big5, "Big5"), d, e)) << e.message;
  EXPECT_EQ(d.encoding, "Big5");
  EXPECT_EQ(d.text, big5);
}

TEST(Encoding, Gb18030FourByteAndBom) {
  // U+20087 𠂇 is a four-byte GB18030 sequence; 84 31 95 33 is GB18030's BOM.
  const std::string text = "𠂇字\n";
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(encode(text, "GB18030"), d, e)) << e.message;
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.text, text);
  ASSERT_TRUE(decode(encode("\xEF\xBB\xBF" + kSimplified, "GB18030"), d, e)) << e.message;
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.bom_bytes, 4u);
  EXPECT_EQ(d.text, kSimplified);
}

TEST(Encoding, ControlCharactersAreNotedInLegacyText) {
  const std::string text = "序号\x01任务\n牵头\x1F\n";
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(encode(text, "GB18030"), d, e)) << e.message;
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.unusual_count, 2u);
  ASSERT_EQ(d.unusual.size(), 2u);
  EXPECT_EQ(d.unusual[0], 6u);  // text offsets in the UTF-8 result
  EXPECT_EQ(d.unusual[1], 20u);
}

TEST(Encoding, ValidUtf8IsNeverRedetected) {
  // GB18030 bytes that happen to be valid UTF-8 (模 = C4 A3, which UTF-8
  // reads as U+0123) are UTF-8: validity decides before any detection.
  const std::string bytes = encode("模", "GB18030");
  ASSERT_EQ(bytes, "\xC4\xA3");
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(bytes, d, e)) << e.message;
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, "\xC4\xA3");
}

TEST(Encoding, CorruptUtf8IsAnUtf8ErrorNotMojibake) {
  // A UTF-8 line with its last byte cut off, then ASCII: GB18030 would decode
  // these bytes cleanly (into nonsense); the UTF-8 majority keeps it UTF-8.
  std::string bytes = "州卫生健康委牵头";
  bytes.pop_back();
  bytes += "A\n";
  {
    Decoded probe;
    ParseError ignored;
    ASSERT_TRUE(decode(bytes, probe, ignored, "GB18030")) << "fixture no longer decodes as GB18030";
  }
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode(bytes, d, e));
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(e.offset, 21u);
  EXPECT_EQ(e.line, 1u);
  EXPECT_NE(e.message.find("invalid UTF-8 byte 0xE5"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("byte offset 21"), std::string::npos) << e.message;
}

TEST(Encoding, NothingFitsReportsTheUtf8Error) {
  // Line 2 ends in a lone lead byte: not UTF-8, GB18030 nor Big5.
  const std::string bytes = encode("序号\n任务", "GB18030") + "\xB0\nx";
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode(bytes, d, e));
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.offset, 0u);  // 序 = D0 F2: 0xD0 needs a continuation byte
  EXPECT_NE(e.message.find("invalid UTF-8 byte 0xD0 at line 1, byte offset 0"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("not GB18030 or Big5 either"), std::string::npos) << e.message;
  EXPECT_TRUE(d.text.empty());
}

TEST(Encoding, Big5LoneHighByteIsNotClean) {
  // windows-950 maps a lone 0x80 to the C1 control U+0080: not text.
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode("abc\x80", d, e));
  EXPECT_EQ(e.offset, 3u);
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(Encoding, ForcedEncodingSkipsDetection) {
  const std::string gb = encode(kSimplified, "GB18030");
  Decoded d;
  ParseError e;
  // Forced Big5 on GB bytes decodes (the structure is shared) — to other text.
  ASSERT_TRUE(decode(gb, d, e, "big5")) << e.message;
  EXPECT_EQ(d.encoding, "Big5");
  EXPECT_NE(d.text, kSimplified);
  for (const char* name : {"GB18030", "gb18030", "GBK", "gb2312", "CP936", "gb-2312"}) {
    ASSERT_TRUE(decode(gb, d, e, name)) << name << ": " << e.message;
    EXPECT_EQ(d.encoding, "GB18030") << name;
    EXPECT_EQ(d.text, kSimplified) << name;
  }
  const std::string big5 = encode(kTraditional, "Big5");
  for (const char* name : {"Big5", "BIG5", "cp950"}) {
    ASSERT_TRUE(decode(big5, d, e, name)) << name << ": " << e.message;
    EXPECT_EQ(d.encoding, "Big5") << name;
    EXPECT_EQ(d.text, kTraditional) << name;
  }
  ASSERT_TRUE(decode(big5, d, e, "Big5-HKSCS")) << e.message;
  EXPECT_EQ(d.encoding, "Big5-HKSCS");
  EXPECT_EQ(d.text, kTraditional);
  // Forced UTF-8: the UTF-8 error, no fallback.
  EXPECT_FALSE(decode(gb, d, e, "utf-8"));
  EXPECT_NE(e.message.find("invalid UTF-8 byte"), std::string::npos);
  EXPECT_EQ(e.message.find("GB18030"), std::string::npos);
}

TEST(Encoding, ForcedLegacyErrorNamesTheBadByte) {
  // Line 1 "序号\n" is 5 GB18030 bytes; line 2 starts at 5: "任务" (4 bytes), then 0xFF.
  const std::string bytes = encode("序号\n任务", "GB18030") + "\xFF" + "x";
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode(bytes, d, e, "GB18030"));
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.offset, 9u);
  EXPECT_NE(e.message.find("invalid GB18030 byte 0xFF at line 2, byte offset 9"), std::string::npos) << e.message;
  // A lead byte followed by a newline: the lead byte is the bad one.
  const std::string big5 = encode("責任", "Big5") + "\xA4\n";
  ASSERT_FALSE(decode(big5, d, e, "Big5"));
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.offset, 4u);
  EXPECT_NE(e.message.find("invalid Big5 byte 0xA4"), std::string::npos) << e.message;
}

TEST(Encoding, ForcedUtf16WithAndWithoutBom) {
  Decoded d;
  ParseError e;
  ASSERT_TRUE(decode(std::string("\x21\x4E\x0A\x00", 4), d, e, "UTF-16LE")) << e.message;
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.text, "\xE4\xB8\xA1\n");
  EXPECT_EQ(d.bom_bytes, 0u);
  ASSERT_TRUE(decode(std::string("\xFE\xFF\x4E\x21", 4), d, e, "utf16be")) << e.message;
  EXPECT_EQ(d.encoding, "UTF-16BE");
  EXPECT_EQ(d.text, "\xE4\xB8\xA1");
  EXPECT_EQ(d.bom_bytes, 2u);
}

TEST(Encoding, UnknownForcedNameIsAnError) {
  Decoded d;
  ParseError e;
  EXPECT_FALSE(decode("abc", d, e, "latin-1"));
  EXPECT_NE(e.message.find("unknown input encoding \"latin-1\""), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 0u);
  EXPECT_EQ(e.offset, 0u);
}
