// Input encodings other than UTF-8: GB18030/GBK and Big5, detected or forced.
// The fixtures are made here with ICU from UTF-8 text, so no binary files.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

TEST(Encoding, NothingFitsReportsTheByteThatStoppedTheFurthestReading) {
  // Line 2 ends in a lone lead byte: not UTF-8, GB18030 nor Big5. GB18030
  // read furthest; its bad byte is the one to report (probe I: a GB18030 file
  // with one corrupt byte was reported at its first Chinese character, as
  // invalid UTF-8, and one 0xFF byte as 'no task table found').
  const std::string bytes = encode("序号\n任务", "GB18030") + "\xB0\nx";
  Decoded d;
  ParseError e;
  ASSERT_FALSE(decode(bytes, d, e));
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.offset, 9u);
  EXPECT_NE(e.message.find("invalid GB18030 byte 0xB0 at line 2, byte offset 9"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("read as GB18030 up to there; not UTF-8 or Big5 either"), std::string::npos) << e.message;
  EXPECT_TRUE(d.text.empty());
  // One 0xFF in a GB18030 document: there, not 'no task table found'
  // (Big5 took 0xFF for U+F8F8 before, and read the document as mojibake).
  const std::string ff = encode("序号 重点任务 责任单位\n1 任务", "GB18030") + "\xFF\n";
  ASSERT_FALSE(decode(ff, d, e));
  EXPECT_EQ(e.line, 2u);
  EXPECT_NE(e.message.find("invalid GB18030 byte 0xFF"), std::string::npos) << e.message;
  // Nothing read further than UTF-8 did: the UTF-8 error stands.
  ASSERT_FALSE(decode("\xB0\n", d, e));
  EXPECT_EQ(e.offset, 0u);
  EXPECT_NE(e.message.find("invalid UTF-8 byte 0xB0 at line 1, byte offset 0"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("not GB18030 or Big5 either"), std::string::npos) << e.message;
}

TEST(Encoding, Big5StrayBytesThatAreNoBig5AreRefused) {
  // ICU's windows-950 reads 0x80 as U+0080 and 0xFF as U+F8F8 (private use):
  // a corrupt byte became an invisible character (probe I), or shifted the
  // parse so that a domain vanished. Neither is a lead or trail byte of Big5.
  for (const char* stray : {"\xFF", "\x80"}) {
    const std::string bytes = encode("某縣2023年重點工作任務分解表", "windows-950-2000") + stray + "\n";
    Decoded d;
    ParseError e;
    ASSERT_FALSE(decode(bytes, d, e, "Big5")) << stray;
    EXPECT_EQ(e.offset, bytes.size() - 2) << stray;
    EXPECT_NE(e.message.find("invalid Big5 byte"), std::string::npos) << e.message;
    ASSERT_FALSE(decode(bytes, d, e)) << stray;  // detected: no encoding takes it
    EXPECT_EQ(e.offset, bytes.size() - 2) << e.message;
  }
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

TEST(Encoding, KnownEncodingNames) {
  for (const char* name : {"", "UTF-8", "utf8", "UTF-16LE", "utf-16be", "GB18030", "gbk", "GB2312", "cp936", "Big5",
                           "cp950", "Big5-HKSCS"})
    EXPECT_TRUE(qingdan::is_known_encoding(name)) << name;
  for (const char* name : {"latin1", "Shift_JIS", "big", "utf-32"})
    EXPECT_FALSE(qingdan::is_known_encoding(name)) << name;
}

TEST(Encoding, UnknownForcedNameIsAnError) {
  Decoded d;
  ParseError e;
  EXPECT_FALSE(decode("abc", d, e, "latin-1"));
  EXPECT_NE(e.message.find("unknown input encoding \"latin-1\""), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 0u);
  EXPECT_EQ(e.offset, 0u);
}

namespace {
/// ICU's own strict decoding of `bytes` as `charset`, in UTF-8; nullopt when
/// ICU refuses them. The reference for the table decoder.
std::optional<std::string> icu_decode(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset;
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string units(bytes.size() + 1, u'\0');
  const char* src = bytes.data();
  UChar* dst = reinterpret_cast<UChar*>(units.data());
  ucnv_toUnicode(conv, &dst, dst + units.size(), &src, bytes.data() + bytes.size(), nullptr, true, &status);
  ucnv_close(conv);
  if (U_FAILURE(status)) return std::nullopt;
  // qingdan refuses the two bytes windows-950 reads alone (0x80 -> U+0080,
  // 0xFF -> U+F8F8): neither is a byte of Big5.
  if (std::string_view(charset) == "windows-950-2000" &&
      bytes.find_first_of(std::string_view("\x80\xFF", 2)) != std::string_view::npos)
    return std::nullopt;
  units.resize(static_cast<std::size_t>(dst - reinterpret_cast<UChar*>(units.data())));
  std::string out;
  icu::UnicodeString(units.data(), static_cast<std::int32_t>(units.size())).toUTF8String(out);
  return out;
}
}  // namespace

// GB18030 and Big5 documents of ASCII and two-byte characters are decoded by
// a table of ICU's mappings read at build time, without ICU: every pair must
// decode as ICU decodes it, and everything else must still reach ICU.
TEST(Encoding, PairTablesAgreeWithIcu) {
  for (const auto& [forced, charset] : {std::pair{"GB18030", "GB18030"}, std::pair{"Big5", "windows-950-2000"}}) {
    std::size_t by_table = 0, refused = 0;
    for (int lead = 0x80; lead <= 0xFF; ++lead)
      for (int trail = 0x00; trail <= 0xFF; ++trail) {
        const std::string bytes = std::string("x") + static_cast<char>(lead) + static_cast<char>(trail) + "\n";
        Decoded d;
        ParseError e;
        const bool ok = decode(bytes, d, e, forced);
        const std::optional<std::string> want = icu_decode(bytes, charset);
        ASSERT_EQ(ok, want.has_value()) << forced << " " << lead << " " << trail;
        if (ok) {
          ASSERT_EQ(std::string(d.text), *want) << forced << " " << lead << " " << trail;
        }
        by_table += d.without_icu;
        refused += !ok;
      }
    // The table carries the two-byte characters (GB18030 all 23,940; Big5
    // some 19,700); ICU still decides the rest (four-byte starts, bad pairs).
    EXPECT_GT(by_table, 19000u) << forced;
    EXPECT_GT(refused, 1000u) << forced;
  }
}

TEST(Encoding, PairDecodingEqualsIcuOnDocuments) {
  // Random documents of ASCII (controls included) and every kind of GB18030 /
  // Big5 character, some with a byte ICU refuses; and the corpus' text.
  std::mt19937 rng(11);
  for (const auto& [forced, charset] : {std::pair{"GB18030", "GB18030"}, std::pair{"Big5", "windows-950-2000"}}) {
    const std::string corpus = encode(forced == std::string("Big5") ? kTraditional : kSimplified, charset);
    std::size_t by_table = 0;
    for (int k = 0; k < 3000; ++k) {
      std::string doc = k == 0 ? corpus : std::string();
      const int pieces = static_cast<int>(rng() % 60);
      for (int p = 0; p < pieces; ++p) {
        const unsigned r = rng() % 100;
        if (r < 30) {
          doc += static_cast<char>(rng() % 0x80);  // ASCII, controls too
        } else if (r < 97) {
          doc += static_cast<char>(0x81 + rng() % 0x7E);  // a pair, valid or not
          doc += static_cast<char>(0x40 + rng() % 0xBF);
        } else if (r < 99 && forced == std::string("GB18030")) {
          doc += "\x81\x30\x81\x30";  // four bytes (U+0080)
        } else {
          doc += static_cast<char>(0x80 + (rng() % 2) * 0x7F);  // 0x80 or 0xFF alone
        }
      }
      Decoded d;
      ParseError e;
      const bool ok = decode(doc, d, e, forced);
      const std::optional<std::string> want = icu_decode(doc, charset);
      ASSERT_EQ(ok, want.has_value()) << forced << " document " << k;
      if (!ok) continue;
      ASSERT_EQ(std::string(d.text), *want) << forced << " document " << k;
      // The unusual characters are noted as append_utf8 notes them.
      std::vector<std::uint64_t> unusual;
      for (std::size_t i = 0; i < want->size(); ++i) {
        const auto c = static_cast<unsigned char>((*want)[i]);
        if (c < 0x20 && (c < '\t' || c > '\r')) unusual.push_back(i);
        if (c == 0xEF && i + 2 < want->size() && (*want)[i + 1] == '\xBF' &&
            ((*want)[i + 2] == '\xBE' || (*want)[i + 2] == '\xBF'))
          unusual.push_back(i);
      }
      if (unusual.size() > 64) unusual.resize(64);
      ASSERT_EQ(d.unusual, unusual) << forced << " document " << k;
      by_table += d.without_icu;
    }
    EXPECT_GT(by_table, 100u) << forced;  // the clean ones took the table
  }
}

namespace {
/// Decodes undeclared GB18030-or-Big5 text `doc` (test case k) and expects
/// the encoding the standalone tier count chooses and the text a forced
/// decoding gives. Returns whether Big5 was the one to choose; nothing when
/// neither decodes the text (and then expects an error).
std::optional<bool> expect_chosen_as_counted(const std::string& doc, int k) {
  Decoded d, as_big5, as_gb;
  ParseError e;
  const bool ok = decode(doc, d, e);
  const bool big5_ok = decode(doc, as_big5, e, "Big5") && doc.find('\x80') == std::string::npos;
  const bool gb_ok = decode(doc, as_gb, e, "GB18030");
  const bool want_big5 = big5_ok && (reads_more_like_big5(doc) || !gb_ok);
  if (!want_big5 && !gb_ok) {
    EXPECT_FALSE(ok) << k;
    return std::nullopt;
  }
  EXPECT_TRUE(ok) << k << ": " << e.message;
  EXPECT_EQ(d.encoding, want_big5 ? "Big5" : "GB18030") << k;
  EXPECT_EQ(d.text, want_big5 ? as_big5.text : as_gb.text) << k;
  return want_big5;
}
}  // namespace

TEST(Encoding, DetectionDecidesAsBeforeWhenTheTableCountsTheTiers) {
  // Undeclared GB18030-or-Big5 text of ASCII and two-byte characters is
  // decoded by the table as GB18030 while both tiers are counted; the choice
  // must be the one the standalone tier count makes, and the text the one a
  // forced decoding gives.
  std::mt19937 rng(5);
  std::size_t big5 = 0, gb = 0;
  for (int k = 0; k < 3000; ++k) {
    std::string doc;
    const int pieces = 1 + static_cast<int>(rng() % 40);
    const unsigned flavour = rng() % 3;  // GB2312-like, Big5-level-1-like, anything
    for (int p = 0; p < pieces; ++p) {
      if (rng() % 4 == 0) {
        doc += static_cast<char>(0x20 + rng() % 0x5F);
        continue;
      }
      unsigned lead = 0x81 + rng() % 0x7E, trail = 0x40 + rng() % 0xBF;
      if (flavour == 0) lead = 0xB0 + rng() % 0x48, trail = 0xA1 + rng() % 0x5E;
      if (flavour == 1) lead = 0xA4 + rng() % 0x23, trail = 0x40 + rng() % 0x3F;
      doc += static_cast<char>(lead);
      doc += static_cast<char>(trail);
    }
    if (is_valid_utf8(doc)) continue;
    if (const auto big5_wanted = expect_chosen_as_counted(doc, k)) (*big5_wanted ? big5 : gb) += 1;
  }
  EXPECT_GT(big5, 300u);
  EXPECT_GT(gb, 300u);
}

TEST(Encoding, DetectionDecidesOnTheWholeTextWhateverItsBeginningSuggests) {
  // An undeclared document is decoded first in the encoding its first
  // kilobyte reads like; the choice must still be the whole text's. Each
  // document starts in one flavour (GB2312's hanzi rows or Big5's level 1)
  // for over a kilobyte and goes on in the other, often for longer.
  std::mt19937 rng(11);
  auto pair = [&](unsigned flavour, std::string& doc) {
    const unsigned lead = flavour == 0 ? 0xB0 + rng() % 0x48 : 0xA4 + rng() % 0x23;
    const unsigned trail = flavour == 0 ? 0xA1 + rng() % 0x5E : 0x40 + rng() % 0x3F;
    doc += static_cast<char>(lead);
    doc += static_cast<char>(trail);
  };
  std::size_t big5 = 0, gb = 0, turned = 0;
  for (int k = 0; k < 400; ++k) {
    const unsigned first = rng() % 2;
    std::string doc;
    while (doc.size() < 1100) rng() % 8 == 0 ? doc += '\n' : (pair(first, doc), doc);
    const std::size_t more = 200 + rng() % 2000;
    for (std::size_t p = 0; p < more; ++p) pair(1 - first, doc);
    const auto big5_wanted = expect_chosen_as_counted(doc, k);
    if (!big5_wanted) continue;
    (*big5_wanted ? big5 : gb) += 1;
    turned += reads_more_like_big5(doc.substr(0, 1024)) != *big5_wanted;
  }
  EXPECT_GT(big5, 50u);
  EXPECT_GT(gb, 50u);
  EXPECT_GT(turned, 50u);  // the beginning pointed the other way
}
