#include <gtest/gtest.h>

#include <unicode/utf8.h>

#include <boost/regex.hpp>

#include <random>
#include <string>
#include <vector>

#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan;
using namespace qingdan::detail;
using qingdan::test::lines_of;

TEST(Furniture, FindsHeaderColumnsAndTitle) {
  const std::string text =
      lines_of({"", "某某州2023年重点工作", "任务分解清单", "", "序号 所属领域 重点任务 责任单位", ""});
  auto lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  ASSERT_TRUE(f.header_line.has_value());
  EXPECT_EQ(*f.header_line, 4u);
  ASSERT_EQ(f.columns.size(), 4u);
  EXPECT_EQ(f.columns[2].role, ColumnRole::task);
  EXPECT_EQ(f.title_lines, (LineSpan{2, 3}));
  EXPECT_EQ(f.kinds[1], LineKind::title);
}

TEST(Furniture, LabelsSpacedOutToFillTheirCellsAreOneLabel) {
  // 序  号 and 备  注 came out as four columns 序 号 备 注: every row then
  // had fewer cells than the header.
  auto columns_of = [](const std::string& header) {
    const std::string text = lines_of({"标题", header, "1.任务。"});  // the lines are views into it
    auto lines = split_lines(text);
    const Furniture f = find_furniture(lines);
    std::vector<std::pair<std::string, ColumnRole>> out;
    for (const Column& c : f.columns) out.emplace_back(c.label, c.role);
    return out;
  };
  using Cols = std::vector<std::pair<std::string, ColumnRole>>;
  EXPECT_EQ(columns_of("序  号 重点任务 工作措施 责任单位 完成时限 备  注"), (Cols{{"序号", ColumnRole::seq},
                                                                                   {"重点任务", ColumnRole::task},
                                                                                   {"工作措施", ColumnRole::measures},
                                                                                   {"责任单位", ColumnRole::units},
                                                                                   {"完成时限", ColumnRole::deadline},
                                                                                   {"备注", ColumnRole::other}}));
  // Several spaced labels in a row, each ending where it names a column.
  EXPECT_EQ(columns_of("序 号 重点任务 工 作 措 施 责任单位 完 成 时 限"), (Cols{{"序号", ColumnRole::seq},
                                                                                 {"重点任务", ColumnRole::task},
                                                                                 {"工作措施", ColumnRole::measures},
                                                                                 {"责任单位", ColumnRole::units},
                                                                                 {"完成时限", ColumnRole::deadline}}));
  // Characters that never make a label stay words of their own.
  EXPECT_EQ(columns_of("甲 乙 重点任务 责任单位 完成时限").size(), 5u);
  // Every label spaced out, a year's digits too: the task and units labels
  // (重 点 任 务, 责 任 单 位) were not seen as such, so the line was no
  // header and the tasks above the next page's header were lost.
  const Cols whole_line{{"序号", ColumnRole::seq},
                        {"所属领域", ColumnRole::domain},
                        {"重点任务", ColumnRole::task},
                        {"2023年工作目标", ColumnRole::annual_target},
                        {"2023年具体工作措施", ColumnRole::measures},
                        {"责任单位", ColumnRole::units}};
  EXPECT_EQ(columns_of("序 号 所 属 领 域 重 点 任 务 2 0 2 3 年 工 作 目 标 2 0 2 3 年 具 体 工 作 措 施 责 任 单 位"),
            whole_line);
  EXPECT_EQ(
      columns_of(
          "序  号   所 属 领 域   重 点 任 务   2 0 2 3 年 工 作 目 标   2 0 2 3 年 具 体 工 作 措 施   责 任 单 位"),
      whole_line);
}

TEST(Furniture, NoHeaderInProse) {
  const std::string text = lines_of({"这是一段普通的文字，没有表格。", "第二行 也 没有"});
  auto lines = split_lines(text);
  EXPECT_FALSE(find_furniture(lines).header_line.has_value());
}

TEST(Furniture, RepeatedHeaderIndentedAndRespacedIsFurniture) {
  const std::string text = lines_of({"标题", std::string(qingdan::test::kHeader), "州民政局牵头",
                                     " 序号  所属领域 重点任务 三年目标 2023年工作目标 2023年具体工作措施 责任单位"});
  auto lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  EXPECT_EQ(f.kinds[2], LineKind::content);
  EXPECT_EQ(f.kinds[3], LineKind::header);
}

TEST(Furniture, HeaderGluedOntoTheEndOfADataLineIsCutOff) {
  const std::string text = lines_of({"标题", std::string(qingdan::test::kHeader),
                                     "各县市人民政府 序号 所属领域 重点任务 三年目标 2023年工作目标 "
                                     "2023年具体工作措施 责任单位"});
  auto lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  EXPECT_EQ(f.kinds[2], LineKind::content);
  EXPECT_EQ(trim(lines[2].text), "各县市人民政府");
  EXPECT_EQ(f.glued_header_chars, count_chars(qingdan::test::kHeader));
}

TEST(Furniture, GluedHeadersAreFoundBehindEveryKindOfWhitespace) {
  // The matchers reject a line on its first or last byte unless that byte
  // may belong to whitespace; a header glued on with any whitespace
  // character around it (wide ones included) must still be found, at either
  // end of the line.
  const std::string header(qingdan::test::kHeader);
  for (const char* space : {" ", "\t", "\u00A0", "\u0085", "\u1680", "\u2000", "\u200A", "\u200B", "\u2028", "\u2029",
                            "\u202F", "\u205F", "\u3000", "\uFEFF"}) {
    const std::string glued_end = "各县市人民政府" + std::string(space) + header + space;
    const std::string glued_start = std::string(space) + header + space + "各县市人民政府";
    const std::string text = lines_of({"标题", header, glued_end, glued_start});
    auto lines = split_lines(text);
    const Furniture f = find_furniture(lines);
    EXPECT_EQ(trim(lines[2].text), "各县市人民政府") << space;
    EXPECT_EQ(trim(lines[3].text), "各县市人民政府") << space;
    EXPECT_EQ(f.glued_header_lines.size(), 2u) << space;
  }
}

// Header rows are screened by counting whitespace bytes before their words
// are split: every whitespace character must count as a separator (the
// header found with plain spaces is found with each of them).
TEST(Furniture, HeaderWordsSeparatedByEveryKindOfWhitespace) {
  auto furniture_with = [](const std::string& sp) {
    const std::string header = "序号" + sp + "重点任务" + sp + "责任单位" + sp + "完成时限";
    const std::string text = lines_of({"标题", header, "1" + sp + "推进改革" + sp + "县发展改革局" + sp + "6月底"});
    auto lines = split_lines(text);  // views of `text`
    return find_furniture(lines);
  };
  const Furniture plain = furniture_with(" ");
  ASSERT_EQ(plain.header_line, std::optional<std::size_t>(1));
  ASSERT_GE(plain.columns.size(), 3u);
  for (const char* space :
       {"\t", "\u00A0", "\u1680", "\u2000", "\u200A", "\u200B", "\u202F", "\u205F", "\u3000", "\uFEFF"}) {
    const Furniture f = furniture_with(space);
    EXPECT_EQ(f.header_line, plain.header_line) << space;
    ASSERT_EQ(f.columns.size(), plain.columns.size()) << space;
    for (std::size_t k = 0; k < f.columns.size(); ++k) EXPECT_EQ(f.columns[k].role, plain.columns[k].role) << space;
  }
}

// A header row names the task or the units (the two every list has), in
// either script; the screen for that (names_a_task_or_units) must let each
// of their words through, and a row without one is not a header.
TEST(Furniture, HeaderNeedsATaskOrUnitsWordInEitherScript) {
  auto header_line_with = [](const std::string& label) {
    const std::string text = lines_of({"标题", "序号 " + label + " 工作目标 完成时限", "1 推进改革 完成 6月底"});
    auto lines = split_lines(text);
    return find_furniture(lines).header_line;
  };
  for (const char* anchor : {"重点任务", "重点任務", "建设项目", "建設項目", "工作事项", "工作事項", "工作内容",
                             "责任单位", "責任單位", "责任主体", "責任主體", "牵头部门", "牽頭部門"})
    EXPECT_EQ(header_line_with(anchor), std::optional<std::size_t>(1)) << anchor;
  EXPECT_EQ(header_line_with("备注"), std::nullopt);
}

TEST(Furniture, PageFooters) {
  EXPECT_TRUE(is_page_footer("第 4 页，共 10 页"));
  EXPECT_TRUE(is_page_footer("  第4页 共10页 "));
  EXPECT_TRUE(is_page_footer("第 4 页"));
  EXPECT_TRUE(is_page_footer("- 4 -"));
  EXPECT_TRUE(is_page_footer("—\u30004\u3000—"));
  EXPECT_TRUE(is_page_footer("4/10"));
  EXPECT_FALSE(is_page_footer("第三产业从业人员占比逐"));
  EXPECT_FALSE(is_page_footer("4 幼有所育"));
  EXPECT_FALSE(is_page_footer("10. 提 高 社"));
  EXPECT_FALSE(is_page_footer("第 4 页，共 10 页。完成目标"));
  // Other offices' forms: a middle dot or box-drawing dashes either side,
  // a slash between the page and the count.
  EXPECT_TRUE(is_page_footer("·2·"));
  EXPECT_TRUE(is_page_footer("― 3 ―"));
  EXPECT_TRUE(is_page_footer("─ 3 ─"));
  EXPECT_TRUE(is_page_footer("第3页/共6页"));
  EXPECT_FALSE(is_page_footer("·加强组织领导"));
}

TEST(Furniture, RunningTitlesAndPageNumbersAlone) {
  // The title printed again at the top of a page, and a page number alone
  // on its line, became cells (a row whose measures were "3", or the title).
  const std::string text = lines_of({"XX区2023年乡村振兴重点工作任务清单",  // 1
                                     "",                                    // 2
                                     "序号 重点任务 工作措施 牵头单位",     // 3
                                     "",                                    // 4
                                     "1 健全防止返贫动态监测机制",          // 5
                                     "",                                    // 6
                                     "落实“一键申报”。",                    // 7
                                     "",                                    // 8
                                     "区农业农村局",                        // 9
                                     "",                                    // 10
                                     "3",                                   // 11: above the next row's own number
                                     "",                                    // 12
                                     "XX区2023年乡村振兴重点工作任务清单",  // 13
                                     "",                                    // 14
                                     "2 培育壮大特色产业",                  // 15
                                     "",                                    // 16
                                     "新增基地5000亩。",                    // 17
                                     "",                                    // 18
                                     "区农业农村局",                        // 19
                                     "",                                    // 20
                                     "4"});                                 // 21: the end of the text
  auto lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  EXPECT_EQ(f.kinds[10], LineKind::footer);
  EXPECT_EQ(f.kinds[12], LineKind::footer);
  EXPECT_EQ(f.kinds[20], LineKind::footer);
  EXPECT_EQ(f.kinds[14], LineKind::content);
  const ParseResult r = parse(text);
  ASSERT_TRUE(r);
  ASSERT_EQ(r.document.domains.at(0).tasks.size(), 2u);
  for (const Task& t : r.document.domains[0].tasks) EXPECT_EQ(t.rows.size(), 1u);
  // A number alone that heads the next row (the 序号 cell) stays content.
  const std::string seq = lines_of({"标题", "", "序号 工作任务 牵头单位", "", "1", "", "新建养老中心", "", "区民政局",
                                    "", "2", "", "改造老旧小区", "", "区住建局"});
  auto seq_lines = split_lines(seq);
  EXPECT_EQ(find_furniture(seq_lines).kinds[10], LineKind::content);
  // In a list: a number alone and the first line again are furniture.
  const ParseResult list =
      parse(lines_of({"XX市2024年教育工作重点任务分工方案", "", "1.新建幼儿园10所。（市教育局牵头）",
                      "2.推进质量评估。（市教育局负责；2024年第三季度）", "- 1 -", "2",
                      "XX市2024年教育工作重点任务分工方案", "3.深化“双减”工作。（市教育局牵头）"}));
  ASSERT_TRUE(list);
  const Task& two = list.document.domains.at(0).tasks.at(1);
  ASSERT_TRUE(two.rows.at(0).deadline);
  EXPECT_EQ(two.rows[0].deadline->text, "2024年第三季度");
  EXPECT_FALSE(two.rows[0].measures);
  EXPECT_EQ(list.document.coverage.unassigned, 0u);
}

// The footer forms as the regex they were first written as: the oracle for
// the hand-written reader (is_page_footer must agree with it on every string).
bool footer_by_regex(std::string_view text) {
#define QD_SP "(?:[ \t]|\xE3\x80\x80|\xC2\xA0)*"
#define QD_DASH "(?:-|\xE2\x80\x94|\xE2\x80\x93|\xEF\xBC\x8D|―|─|·)"
#define QD_COMMA "(?:,|\xEF\xBC\x8C|\xE3\x80\x81|/|／)?"
#define QD_PAGE "(?:页|頁)"
  static const boost::regex footer(
      "(?:第" QD_SP "[0-9]+" QD_SP QD_PAGE QD_SP "(?:" QD_COMMA QD_SP "共" QD_SP "[0-9]+" QD_SP QD_PAGE
      ")?"
      "|共" QD_SP "[0-9]+" QD_SP QD_PAGE QD_SP QD_COMMA QD_SP "第" QD_SP "[0-9]+" QD_SP QD_PAGE "|" QD_DASH QD_SP
      "[0-9]+" QD_SP QD_DASH "|[0-9]+" QD_SP "/" QD_SP
      "[0-9]+"
      "|[Pp]age" QD_SP "[0-9]+(?:" QD_SP "of" QD_SP "[0-9]+)?)");
#undef QD_SP
#undef QD_DASH
#undef QD_COMMA
#undef QD_PAGE
  text = trim(text);
  return !text.empty() && text.size() <= 80 && boost::regex_match(text.begin(), text.end(), footer);
}

TEST(Furniture, PageFootersAgreeWithTheRegexOnRandomStrings) {
  // Strings of footer tokens (and a few others), so that most are near misses.
  const std::vector<std::string> tokens = {"第", "页", "頁", "共",     "，",     ",",  "、",   "-",    "—",  "–",
                                           "－", " ",  "\t", "\u3000", "\u00A0", "/",  "Page", "page", "of", "0",
                                           "4",  "17", "x",  "年",     "P",      "Pa", "·",    "―",    "─",  "／"};
  std::mt19937 rng(20261201);
  std::size_t footers = 0;
  for (int n = 0; n < 250000; ++n) {
    std::string text;
    for (int k = std::uniform_int_distribution<int>(1, 9)(rng); k > 0; --k)
      text += tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)];
    const bool expected = footer_by_regex(text);
    footers += expected;
    ASSERT_EQ(is_page_footer(text), expected) << text;
  }
  EXPECT_GT(footers, 500u);  // the strings did exercise the accepting paths
  for (const char* text : {"第 4 页，共 10 页", "共10页、第4页", "— 4 —", "Page 3 of 12", "page 3", "12 / 30",
                           "第\u30004\u00A0页", "Page 3 of", "第 4 页 ，", "4/", "- 4", "Page3of12", "第 1 頁，共 2 頁",
                           "·2·", "― 3 ―", "─ 3 ─", "第3页/共6页", "第3页／共6页", "·加强"})
    EXPECT_EQ(is_page_footer(text), footer_by_regex(text)) << text;
}

TEST(Furniture, ContinuedTableMarkersAnnexAloneAndTheClosingSignature) {
  // 续表 at the top of a page became a row (measures 续表); 附件 alone above
  // the title was unassigned text, or the title's first word; the issuing
  // office and its date under the last row became a row of the last task
  // (probe D).
  EXPECT_TRUE(is_continued_table_mark("续表"));
  EXPECT_TRUE(is_continued_table_mark(" （续表） "));
  EXPECT_FALSE(is_continued_table_mark("续表彰先进"));
  EXPECT_FALSE(is_page_footer("续表"));  // a table's: in a list it is a word of an item's wrapped text
  EXPECT_TRUE(is_annex_marker("附件"));
  EXPECT_TRUE(is_annex_marker("附件："));
  EXPECT_FALSE(is_annex_marker("附件材料"));
  auto signature_of = [](std::initializer_list<std::string_view> ls) {
    const std::string text = lines_of(ls);
    const LineTable lines = split_lines(text);
    return closing_signature(lines) == lines.size() ? 0 : lines[closing_signature(lines)].number;
  };
  EXPECT_EQ(signature_of({"标题", "", "县民政局", "", "某某县人民政府办公室", "2024年3月15日"}), 5u);
  EXPECT_EQ(signature_of(
                {"标题", "", "县民政局", "", "中共某某县委办公室", "某某县人民政府办公室", "２０２４年３月１５日", ""}),
            5u);
  EXPECT_EQ(signature_of({"标题", "", "x", "", "某某县发展和改革委员会", "二〇二四年三月十五日"}), 5u);
  // A table's last units and deadline cells: separate paragraphs, or no
  // blank line above them, or implementers rather than an issuing office.
  EXPECT_EQ(signature_of({"标题", "", "某某县人民政府办公室", "", "2024年12月31日"}), 0u);
  EXPECT_EQ(signature_of({"标题", "措施", "某某县人民政府办公室", "2024年12月31日"}), 0u);
  EXPECT_EQ(signature_of({"标题", "", "各乡镇人民政府", "2024年12月31日"}), 0u);
  EXPECT_EQ(signature_of({"标题", "", "某某县人民政府办公室", "2024年12月31日前"}), 0u);
}

TEST(Furniture, HeaderLabelsWrappedInTheirCells) {
  // Labels wrapped in narrow cells (责任单 / 位): the header was not found
  // (exit 1), or found without the columns after the wrapped label, whose
  // cells then went to other fields (probe D).
  using Cols = std::vector<std::pair<std::string, ColumnRole>>;
  auto columns_of = [](std::initializer_list<std::string_view> ls) {
    const std::string text = lines_of(ls);
    auto lines = split_lines(text);
    const Furniture f = find_furniture(lines);
    Cols out;
    for (const Column& c : f.columns) out.emplace_back(c.label, c.role);
    return std::make_pair(out, f.header_line ? lines[*f.header_line].number : 0u);
  };
  const Cols six{{"序号", ColumnRole::seq},
                 {"重点任务", ColumnRole::task},
                 {"2024年工作目标", ColumnRole::annual_target},
                 {"具体工作措施", ColumnRole::measures},
                 {"责任单位", ColumnRole::units},
                 {"完成时限", ColumnRole::deadline}};
  // One label per paragraph, or per line, the long ones over two lines.
  EXPECT_EQ(columns_of({"标题", "",       "序号", "", "重点任务", "",   "2024年工作", "目标", "", "具体工作措", "施",
                        "",     "责任单", "位",   "", "完成时",   "限", "",           "1",    "", "任务"}),
            std::make_pair(six, 17u));
  EXPECT_EQ(columns_of({"标题", "序号", "重点任务", "2024年工作", "目标", "具体工作措", "施", "责任单", "位", "完成时",
                        "限", "1", "任务"}),
            std::make_pair(six, 11u));
  // On one line, the ends of the wrapped labels on the next, in order.
  EXPECT_EQ(columns_of({"标题", "", "序号 重点任务 2024年工作 具体工作措 责任单 完成时", "目标 施 位 限", "", "1"}),
            std::make_pair(six, 4u));
  EXPECT_EQ(columns_of({"标题", "", "序号 重点任务 2024年工作 具体工作措施 责任单位 完成时限", "目标", "", "1"}),
            std::make_pair(six, 4u));
  // The row itself wrapped, inside its last label.
  EXPECT_EQ(columns_of({"标题", "", "序号 重点任务 2024年工作目标 具体工作措施 责任单", "位 完成时限", "", "1"}),
            std::make_pair(six, 4u));
  // A header whose next line is data stays one line.
  EXPECT_EQ(columns_of({"标题", "", "序号 重点任务 责任单位 完成时限", "1 推进 县民政局 2024年底"}).second, 3u);
}

TEST(Furniture, FooterLineIsMarked) {
  const std::string text = lines_of({"标题", std::string(qingdan::test::kHeader), "x", "第 4 页，共 10 页"});
  auto lines = split_lines(text);
  EXPECT_EQ(find_furniture(lines).kinds[3], LineKind::footer);
}

TEST(Furniture, HeaderLabelsOnePerLine) {
  const std::string text = lines_of({"某县重点任务分解表",
                                     "",
                                     "序号",
                                     "重点任务",
                                     "",
                                     "牵头单位",
                                     "配合单位",
                                     "完成时限",
                                     "",
                                     "1.任务",
                                     "",
                                     "州民政局",
                                     "",
                                     "州财政局",
                                     "",
                                     "2023年底前",
                                     "序号",
                                     "重点任务",
                                     "牵头单位",
                                     "配合单位",
                                     "完成时限"});
  auto lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  ASSERT_TRUE(f.header_line.has_value());
  EXPECT_EQ(*f.header_line, 7u);
  ASSERT_EQ(f.columns.size(), 5u);
  EXPECT_EQ(f.columns[1].role, ColumnRole::task);
  EXPECT_EQ(f.columns[4].role, ColumnRole::deadline);
  EXPECT_EQ(f.title_lines, (LineSpan{1, 1}));
  for (std::size_t i = 16; i <= 20; ++i) EXPECT_EQ(f.kinds[i], LineKind::header) << i;  // repeated
  EXPECT_EQ(f.kinds[11], LineKind::content);
}

TEST(Furniture, HeaderLabelsOnePerLineWithTwoTargetsByTheirYear) {
  // Three labels, two of them targets: the year makes the second an annual
  // target, so the run names three roles (a run is screened by its roles
  // before its labels are joined and classified: a goal counts twice).
  const std::string text = lines_of(
      {"某县重点任务分解表", "", "重点任务", "三年目标", "2023年工作目标", "", "1.任务", "", "目标一", "", "目标二"});
  auto lines = split_lines(text);
  const Furniture f = find_furniture(lines);
  ASSERT_TRUE(f.header_line.has_value());
  EXPECT_EQ(*f.header_line, 4u);
  ASSERT_EQ(f.columns.size(), 3u);
  EXPECT_EQ(f.columns[1].role, ColumnRole::goal);
  EXPECT_EQ(f.columns[2].role, ColumnRole::annual_target);
  EXPECT_EQ(f.columns[2].year, 2023);
  // Key-value lines of a list are runs of labels too, of two roles: no header.
  const std::string list =
      lines_of({"1.推进企业开办便利化。", "牵头单位：县市场监管局", "配合单位：县公安局", "完成时限：2024年6月底前"});
  auto list_lines = split_lines(list);
  EXPECT_FALSE(find_furniture(list_lines).header_line.has_value());
}

TEST(Furniture, KeyValueLinesAreNoLabels) {
  // A key with its value is data: three of them naming three roles (units,
  // deadline, and a remark that names the task) are no header printed one
  // label per line, and the list stays a list.
  EXPECT_FALSE(is_column_label("责任单位：县市场监管局"));
  EXPECT_FALSE(is_column_label("备注:重点任务"));
  EXPECT_TRUE(is_column_label("责任单位："));  // a label may end in a colon
  EXPECT_TRUE(is_column_label("责任单位"));
  const std::string list = lines_of({"某县2024年重点工作任务分工方案", "", "一、持续优化营商环境",
                                     "1.推进企业开办全程网上办。", "责任单位：县市场监管局", "完成时限：2024年6月底前",
                                     "备注：重点任务", "2.深化工程建设项目审批制度改革。", "责任单位：县住房城乡建设局",
                                     "完成时限：2024年底前", "备注：重点任务"});
  auto lines = split_lines(list);
  EXPECT_FALSE(find_furniture(lines).header_line.has_value());
  const ParseResult r = parse(list);
  ASSERT_EQ(r.document.domains.size(), 1u);
  ASSERT_EQ(r.document.domains[0].tasks.size(), 2u);
  EXPECT_EQ(r.document.domains[0].tasks[1].title, "深化工程建设项目审批制度改革");
  ASSERT_TRUE(r.document.domains[0].tasks[1].rows.at(0).units.has_value());
  EXPECT_EQ(r.document.domains[0].tasks[1].rows.at(0).units->lead, (std::vector<std::string>{"县住房城乡建设局"}));
}

namespace {
// The header screens as first written, decoding every code point: the
// byte-level versions must agree with them on any valid UTF-8.
bool reference_names_a_task_or_units(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  UChar32 prev = 0;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    UChar32 want = 0, or_want = 0;
    switch (c) {
      case U'务':
      case U'務': want = or_want = U'任'; break;
      case U'目': want = U'项', or_want = U'項'; break;
      case U'项':
      case U'項': want = or_want = U'事'; break;
      case U'位': want = U'单', or_want = U'單'; break;
      case U'任': want = U'责', or_want = U'責'; break;
      case U'门':
      case U'門': want = or_want = U'部'; break;
      case U'容': want = U'内', or_want = U'內'; break;
      default: break;
    }
    if (want != 0 && (prev == want || prev == or_want)) return true;
    if (c != U' ') prev = c;  // a label spaced out (责 任 单 位) is still its pair
  }
  return false;
}

bool reference_has_two_spaces(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  int spaces = 0;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (is_space(c) && ++spaces == 2) return true;
  }
  return false;
}

std::vector<std::string_view> reference_split_words(std::string_view text) {
  std::vector<std::string_view> words;
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t start = -1;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (!is_space(c) && start < 0) start = at;
    if (is_space(c) && start >= 0) {
      words.push_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
      start = -1;
    }
  }
  if (start >= 0) words.push_back(text.substr(static_cast<std::size_t>(start)));
  return words;
}
}  // namespace

TEST(Furniture, FirstSpaceOrTabAgreesWithFind) {
  // Texts of 0 to 48 bytes (both sides of the 32-byte block), limits 0 to 32.
  const std::vector<std::string> pieces = {" ", "\t", "a", "序", "\u3000", "\n", "\x80"};
  std::mt19937 rng(20261202);
  std::size_t found = 0;
  for (int k = 0; k < 20000; ++k) {
    const std::string s = test::random_text(rng, pieces, 24);
    const auto limit = static_cast<std::size_t>(k % 33);
    const std::string_view head = std::string_view(s).substr(0, limit);
    const std::size_t want = std::min(head.find(' '), head.find('\t'));
    ASSERT_EQ(first_space_or_tab(s, limit), want) << s << " limit " << limit;
    found += want != std::string_view::npos;
  }
  EXPECT_GT(found, 5000u);
  EXPECT_EQ(first_space_or_tab(std::string(40, 'x') + " ", 32), std::string_view::npos);
  EXPECT_EQ(first_space_or_tab(std::string(31, 'x') + "\t" + std::string(8, 'x'), 32), 31u);
  EXPECT_EQ(first_space_or_tab(std::string(31, 'x') + "\t" + std::string(8, 'x'), 31), std::string_view::npos);
}

TEST(Furniture, HeaderScreensAgreeWithDecodingEveryCharacter) {
  // Pieces: every character the screens look for, their neighbours in the
  // code space, every kind of whitespace, and 1-, 2-, 3- and 4-byte others.
  const std::vector<std::string> pieces = {"务",          "務",
                                           "目",          "项",
                                           "項",          "事",
                                           "位",          "单",
                                           "單",          "任",
                                           "责",          "責",
                                           "门",          "門",
                                           "部",          "容",
                                           "内",          "內",
                                           "劢",          "勚",
                                           "盯",          "顺",
                                           "单",          "伍",
                                           "伎",          "闩",
                                           "閂",          "宸",
                                           "冄",          "兦",
                                           "a",           "1",
                                           " ",           "\t",
                                           "\n",          "\r",
                                           "\v",          "\f",
                                           "\u3000",      "\u00A0",
                                           "\u0085",      "\u1680",
                                           "\u2000",      "\u2003",
                                           "\u200A",      "\u200B",
                                           "\u2028",      "\u2029",
                                           "\u202F",      "\u205F",
                                           "\uFEFF",      "，",
                                           "（",          "）",
                                           "、",          "。",
                                           "é",           "\xF0\xA0\x80\x80",
                                           "\xEF\xBD\x9E"};
  std::mt19937 rng(20261201);
  std::size_t names = 0, twos = 0;
  for (int k = 0; k < 100000; ++k) {
    const std::string s = test::random_text(rng, pieces, 40);
    const bool n = names_a_task_or_units(s), t = has_two_spaces(s);
    ASSERT_EQ(n, reference_names_a_task_or_units(s)) << s;
    ASSERT_EQ(t, reference_has_two_spaces(s)) << s;
    ASSERT_EQ(split_words(s), reference_split_words(s)) << s;
    names += n;
    twos += t;
  }
  // Both answers occur often enough for the comparison to mean something.
  EXPECT_GT(names, 1000u);
  EXPECT_GT(twos, 10000u);
  EXPECT_LT(twos, 100000u);
  EXPECT_TRUE(names_a_task_or_units("序号 责任单位"));
  EXPECT_TRUE(names_a_task_or_units("单 位"));  // spaced out to fill its cell
  EXPECT_TRUE(names_a_task_or_units("单    位"));
  EXPECT_FALSE(names_a_task_or_units("单\u3000位"));  // pdftotext spaces a cell with ASCII spaces
  EXPECT_FALSE(names_a_task_or_units("单，位"));
  // A label is one word: any whitespace character inside makes it none.
  for (const auto& piece : pieces) {
    const std::string label = "责任" + piece + "单位";
    const bool space_inside = reference_has_two_spaces(piece + " ");  // the piece is whitespace
    EXPECT_EQ(is_column_label(label), !space_inside && piece != "。") << label;
  }
}
