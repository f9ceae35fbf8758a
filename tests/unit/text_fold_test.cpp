#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "text_fold.hpp"

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

// The gate only skips work: the result is ICU's transliteration of the
// width-folded text, including ICU's phrase rules that touch simplified words.
TEST(TextFold, SameAsIcuTransliterator) {
  EXPECT_TRUE(traditional_folding_gate_is_tight());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status));
  for (const char* s : {"巡察", "稽察工作", "剃发", "甚麼", "關係", "乾坤", "計畫", "于飛", "發展", "发展", "雲南",
                        "後", "著", "台灣", "臺灣", "其餘", "牽頭單位", "州卫生健康委牵头", "像片"}) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    icu->transliterate(u);
    std::string expected;
    u.toUTF8String(expected);
    EXPECT_EQ(fold_for_matching(s), expected) << s;
  }
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

// Not a benchmark: prints the per-call cost so it can be read off the test log.
TEST(TextFold, CostPerCall) {
  struct Case {
    const char* name;
    std::string text;
  };
  const std::vector<Case> cases = {
      {"simplified key (4 chars)", "牵头单位"},
      {"traditional key (4 chars)", "牽頭單位"},
      {"full-width clause (16 chars)", "（牵头单位：州民政局；配合单位：各县市）"},
      {"simplified clause (18 chars)", "州民政局牵头，各县市人民政府负责落实"},
      {"simplified clause (36 chars)", "州卫生健康委牵头，州发展改革委、州财政局、州人力资源社会保障局按职能配合"},
      {"simplified, a phrase ICU rewrites (6 chars)", "加强巡察工作"},
      {"traditional clause (36 chars)", "州衛生健康委牽頭，州發展改革委、州財政局、州人力資源社會保障局按職能配合"},
  };
  for (const Case& c : cases) fold_for_matching(c.text);  // one-time set-up and per-thread clone
  for (const Case& c : cases) {
    // Best of five rounds: the machine may be shared.
    double best = 1e300;
    std::size_t sink = 0;
    for (int round = 0; round < 5; ++round) {
      const int n = 1000;
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < n; ++i) sink += fold_for_matching(c.text).size();
      best = std::min(best,
                      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / n);
    }
    EXPECT_GT(sink, 0u);
    std::printf("  fold_for_matching, %s: %.0f ns/call\n", c.name, best);
  }
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
