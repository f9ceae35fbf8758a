#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "text_fold.hpp"
#include "translit_rules.hpp"

using namespace qingdan::detail;

TEST(TextFold, WidthFolding) {
  EXPECT_EQ(fold_width("（牵头单位：X；配合单位：Y）"), "(牵头单位:X;配合单位:Y)");
  EXPECT_EQ(fold_width("１．２，３"), "1.2,3");
  EXPECT_EQ(fold_width("ＡＢＣｘｙｚ！～"), "ABCxyz!~");
  EXPECT_EQ(fold_width("州\xE3\x80\x80民政局"), "州 民政局");  // U+3000
  EXPECT_EQ(fold_width("、。“”《》【】"), "、。“”《》【】");   // not full-width ASCII forms
  EXPECT_EQ(fold_width(""), "");
  EXPECT_EQ(fold_width("\xEF\xBC"), "\xEF\xBC");  // truncated: copied
}

TEST(TextFold, TraditionalToSimplified) {
  ASSERT_TRUE(traditional_folding_available());
  EXPECT_EQ(fold_for_matching("牽頭單位"), "牵头单位");
  EXPECT_EQ(fold_for_matching("配合單位"), "配合单位");
  EXPECT_EQ(fold_for_matching("責任單位"), "责任单位");
  EXPECT_EQ(fold_for_matching("完成時限"), "完成时限");
  EXPECT_EQ(fold_for_matching("序號 重點任務"), "序号 重点任务");
  EXPECT_EQ(fold_for_matching("（牽頭單位：州衛生健康委；配合單位：各縣市人民政府）"),
            "(牵头单位:州卫生健康委;配合单位:各县市人民政府)");
}

TEST(TextFold, WidthAndSimplifiedTogether) {
  EXPECT_EQ(fold_for_matching("（牵头单位：X；配合单位：Y）"), "(牵头单位:X;配合单位:Y)");
  EXPECT_EQ(fold_for_matching("２０２３年６月底前"), "2023年6月底前");
}

TEST(TextFold, SimplifiedTextIsUnchanged) {
  for (const char* s : {"牵头单位", "配合单位", "责任单位", "完成时限", "州卫生健康委牵头、州发展改革委按职能配合",
                        "各县市人民政府", "2023年6月底前", "", "abc", "一是加强儿童早期发展教育基地建设"})
    EXPECT_EQ(fold_for_matching(s), s);
}

namespace {

/// ICU's own Traditional-Simplified transliterator, what fold_for_matching must equal.
std::unique_ptr<icu::Transliterator> icu_traditional_simplified() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  return U_SUCCESS(status) ? std::move(icu) : nullptr;
}

}  // namespace

// The result is ICU's transliteration of the width-folded text, including
// ICU's phrase rules that touch simplified words.
TEST(TextFold, SameAsIcuTransliterator) {
  EXPECT_TRUE(traditional_rules_applied_here());
  const auto icu = icu_traditional_simplified();
  ASSERT_TRUE(icu);
  for (const char* s : {"巡察", "稽察工作", "剃发", "甚麼", "關係", "乾坤", "計畫", "于飛", "發展", "发展", "雲南",
                        "後", "著", "台灣", "臺灣", "其餘", "牽頭單位", "州卫生健康委牵头", "像片"}) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    icu->transliterate(u);
    std::string expected;
    u.toUTF8String(expected);
    EXPECT_EQ(fold_for_matching(s), expected) << s;
  }
}

namespace {

/// ICU's transliteration of fold_width(s), run by run of well-formed UTF-8;
/// ill-formed bytes copied (text_fold.hpp).
std::string icu_fold(icu::Transliterator& icu, std::string_view s) {
  const std::string wide_folded = fold_width(s);
  const auto* p = reinterpret_cast<const std::uint8_t*>(wide_folded.data());
  const auto n = static_cast<std::int32_t>(wide_folded.size());
  std::string out, run;
  auto flush = [&] {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(run);
    icu.transliterate(u);
    u.toUTF8String(out);
    run.clear();
  };
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const std::string_view bytes(wide_folded.data() + start, static_cast<std::size_t>(i - start));
    if (c < 0) {
      flush();
      out += bytes;
    } else {
      run += bytes;
    }
  }
  flush();
  return out;
}

}  // namespace

// fold_for_matching applies the transliterator's rules itself (text_fold.cpp):
// the output must be ICU's, on every rule's left-hand side alone and in
// context, and on random text mixing rule sides, their characters, simplified
// and ASCII text, full-width forms, characters outside the BMP and ill-formed
// UTF-8 (copied; ICU on the well-formed runs either side).
TEST(TextFold, RulesEqualTheIcuTransliterator) {
  ASSERT_TRUE(traditional_rules_applied_here());
  const auto icu = icu_traditional_simplified();
  ASSERT_TRUE(icu);
  icu::UnicodeString rules_utf16;
  icu->toRules(rules_utf16, false);
  std::string rules;
  rules_utf16.toUTF8String(rules);
  std::vector<std::string> pieces;  // both sides of every rule, and each of their characters
  std::size_t failures = 0;
  auto check = [&](const std::string& s) {
    const std::string expected = icu_fold(*icu, s);
    const std::string got = fold_for_matching(s);
    if (got != expected && ++failures <= 10)
      ADD_FAILURE() << "input: " << s << "\nexpected: " << expected << "\ngot: " << got;
  };
  std::size_t rule_count = 0;
  for (std::size_t at = 0; at < rules.size();) {
    std::size_t nl = rules.find('\n', at);
    if (nl == std::string::npos) nl = rules.size();
    const std::string line = rules.substr(at, nl - at);
    at = nl + 1;
    const std::size_t arrow = line.find(" > ");
    if (arrow == std::string::npos || line.empty() || line.back() != ';') continue;
    const std::string lhs = line.substr(0, arrow), rhs = line.substr(arrow + 3, line.size() - arrow - 4);
    ++rule_count;
    check(lhs);
    check("州" + lhs + "牵头");
    check(lhs + lhs);
    for (const std::string& side : {lhs, rhs}) {
      pieces.push_back(side);
      for (std::int32_t i = 0, n = static_cast<std::int32_t>(side.size()); i < n;) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(side.data()), i, n, c);
        pieces.push_back(side.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      }
    }
  }
  EXPECT_GT(rule_count, 1000u);
  for (const char* extra : {"牵头", "单位", "a", " ", "2023", "（", "：", "\xE3\x80\x80", "😀", "\xF0\xA0\x80\x80",
                            "\xE7\x89", "\xFF", "\xED\xA0\x80", "\xC0\xAF", "\x80", "\xF4\x90\x80\x80", "。"})
    pieces.push_back(extra);
  std::mt19937 random(20261201);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int parts = 1 + static_cast<int>(random() % 12);
    for (int k = 0; k < parts; ++k) s += pieces[random() % pieces.size()];
    check(s);
  }
  EXPECT_EQ(failures, 0u);
}

// The rules come from the build (lib/gen/gen_hant_hans.cpp) in this build,
// and are exactly the running ICU's rules read the run-time way
// (translit_rules.hpp): RulesEqualTheIcuTransliterator's verdict holds for
// both ways of getting them.
TEST(TextFold, RulesReadAtBuildTimeAreThisIcusRules) {
  EXPECT_TRUE(traditional_rules_from_build());
  const auto icu = traditional_simplified();
  ASSERT_TRUE(icu);
  const std::string text = rules_text(*icu);
  std::vector<PlainRule> now;
  ASSERT_TRUE(parse_plain_rules(text, now));
  const std::vector<PlainRule> built = traditional_rules();
  ASSERT_EQ(built.size(), now.size());
  EXPECT_GT(now.size(), 1000u);
  std::size_t differ = 0;
  for (std::size_t k = 0; k < now.size(); ++k)
    differ += built[k].first != now[k].first || built[k].lhs != now[k].lhs || built[k].rhs != now[k].rhs;
  EXPECT_EQ(differ, 0u);
  for (std::size_t k = 1; k < now.size(); ++k) ASSERT_LE(now[k - 1].first, now[k].first) << k;  // grouped
}

TEST(TextFold, RulesWriteNoColon) {
  // The list layout looks for a key only in lines holding : or ： as printed:
  // folding makes a colon of ： alone, never by a rule.
  std::size_t with_colon = 0;
  for (const PlainRule& r : traditional_rules())
    with_colon += r.rhs.find(':') != std::string::npos || r.rhs.find("：") != std::string::npos;
  EXPECT_EQ(with_colon, 0u);
  EXPECT_EQ(fold_for_matching("牽頭單位：州"), "牵头单位:州");
}

TEST(TextFold, ThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 300; ++i) {
        if (fold_for_matching("牽頭單位：州衛生健康委") != "牵头单位:州卫生健康委") ++failures[t];
        if (fold_for_matching("配合单位") != "配合单位") ++failures[t];
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(TextFold, FoldTraditionalLeavesSimplifiedTextUncopied) {
  std::string storage;
  const std::string_view simplified = "（牵头单位：州发展改革委）";
  const std::string_view same = fold_traditional(simplified, storage);
  EXPECT_EQ(same.data(), simplified.data());  // not copied, full-width forms kept
  const std::string_view folded = fold_traditional("牽頭單位：州發展改革委", storage);
  EXPECT_EQ(folded, fold_key("牽頭單位：州發展改革委"));
  EXPECT_EQ(folded.substr(0, 12), "牵头单位");
}

TEST(TextFold, FoldAddsNoneOfWhatNoRuleWrites) {
  // 各 and 府 are in no rule's right-hand side; 个 is (個 > 个), and ASCII is
  // what width folding writes.
  if (!traditional_rules_applied_here()) GTEST_SKIP() << "ICU's transliterator runs instead of the rules";
  EXPECT_TRUE(fold_adds_none_of("各府"));
  EXPECT_TRUE(fold_adds_none_of("各"));
  EXPECT_FALSE(fold_adds_none_of("各个"));
  EXPECT_FALSE(fold_adds_none_of("("));
  EXPECT_EQ(fold_for_matching("個"), "个");
}

// fold_key_changes and fold_needs_traditional judge a well-formed three-byte
// character on its bytes (the hints' bits, the wide forms' byte ranges) and
// anything else by its code point: both must say what the code point says,
// for every character of the BMP, alone and between others, and for cut or
// malformed sequences around them.
TEST(TextFold, FoldNeedsOnBytesAgreesWithTheCodePoints) {
  using qingdan::detail::fold_key_changes;
  using qingdan::detail::fold_needs_traditional;
  using qingdan::detail::kTraditionalHints;
  using qingdan::detail::width_folds;
  std::size_t traditional = 0, wide = 0;
  for (UChar32 c = 0x80; c <= 0xFFFF; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    char buf[4];
    std::int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    const std::string one(buf, static_cast<std::size_t>(len));
    const bool hint = kTraditionalHints.has(c), folds = width_folds(c);
    traditional += hint;
    wide += folds;
    for (const std::string& s : {one, "甲" + one + "a乙", "a" + one + one}) {
      ASSERT_EQ(fold_needs_traditional(s), hint) << std::hex << c;
      ASSERT_EQ(fold_key_changes(s), hint || folds) << std::hex << c;
    }
    // Cut after its first bytes, or followed by a stray continuation byte:
    // what is left of it is no character, and changes nothing.
    if (len == 3) {
      EXPECT_FALSE(fold_key_changes(one.substr(0, 2))) << std::hex << c;
      EXPECT_FALSE(fold_key_changes("甲" + one.substr(0, 2))) << std::hex << c;
      EXPECT_EQ(fold_key_changes(one + "\x80"), hint || folds) << std::hex << c;
    }
  }
  EXPECT_EQ(traditional, 134u);  // the hints: 並 來 個 … 體 點 黨
  EXPECT_EQ(wide, 0xFF5Eu - 0xFF01u + 1 + 1);
}
