// End-to-end parses of small documents, one per hard case of real table text.
#include <gtest/gtest.h>

#include <tuple>

#include <algorithm>
#include <cstring>
#include <memory>

#include "qingdan/json.hpp"
#include "test_util.hpp"

using namespace qingdan;
using qingdan::test::find_task;
using qingdan::test::kHeader;
using qingdan::test::lines_of;
using qingdan::test::task_count;

namespace {

ParseResult ok_parse(const std::string& text) {
  ParseResult r = parse(text);
  EXPECT_TRUE(r) << r.error.message;
  return r;
}

// One complete row: task heading, goal, annual target, measures, units.
std::string row(int seq, const std::string& suffix) {
  return lines_of({std::to_string(seq) + ".任务" + suffix + "。", "", "目标" + suffix, "", "年度" + suffix, "",
                   "措施" + suffix, "", "州民政局牵头；各县市人民政府", ""});
}

}  // namespace

TEST(Parse, MinimalTable) {
  const ParseResult r =
      ok_parse(lines_of({"某州任务分解清单", "", std::string(kHeader), "", "1 幼有所育", ""}) + row(1, "甲"));
  ASSERT_EQ(r.document.domains.size(), 1u);
  const Domain& d = r.document.domains[0];
  EXPECT_EQ(d.seq, 1);
  EXPECT_EQ(d.name, "幼有所育");
  EXPECT_EQ(d.lines, (LineSpan{5, 15}));
  ASSERT_EQ(d.tasks.size(), 1u);
  const Task& t = d.tasks[0];
  EXPECT_EQ(t.title, "任务甲");
  EXPECT_EQ(t.lines, (LineSpan{7, 15}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].goal->text, "目标甲");
  EXPECT_EQ(t.rows[0].goal->lines, (LineSpan{9, 9}));
  EXPECT_EQ(t.rows[0].annual_target->text, "年度甲");
  EXPECT_EQ(t.rows[0].measures->text, "措施甲");
  EXPECT_EQ(t.rows[0].units->lead, (std::vector<std::string>{"州民政局"}));
  EXPECT_EQ(r.document.title, "某州任务分解清单");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
}

TEST(Parse, RepeatedHeaderGluedAndIndentedAndFooterAreFurniture) {
  const std::string text = lines_of({"标题", std::string(kHeader), "", "1 幼有所育", ""}) + row(1, "甲") +
                           lines_of({"第 1 页，共 2 页", "", " " + std::string(kHeader), ""}) + row(2, "乙");
  // Glue the repeated header directly under the last units line of row 1.
  const ParseResult r = ok_parse(text);
  EXPECT_EQ(task_count(r.document), 2u);
  const Task* t1 = find_task(r.document, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->rows[0].units->text, "州民政局牵头；各县市人民政府");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
  EXPECT_GT(r.document.coverage.furniture, 0u);
}

TEST(Parse, HeaderGluedWithoutBlankLine) {
  const ParseResult r = ok_parse(lines_of({"标题",
                                           std::string(kHeader),
                                           "",
                                           "1 领域",
                                           "",
                                           "1.任务甲",
                                           "",
                                           "目标",
                                           "",
                                           "年度",
                                           "",
                                           "措施",
                                           "",
                                           "州民政局牵头，州",
                                           "卫生健康委配合；",
                                           "各县市人民政府",
                                           " " + std::string(kHeader),
                                           "",
                                           "2.任务乙",
                                           "",
                                           "目标2",
                                           "",
                                           "年度2",
                                           "",
                                           "措施2",
                                           "",
                                           "州民政局"}));
  const Task* t1 = find_task(r.document, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->rows[0].units->lines, (LineSpan{14, 16}));
  EXPECT_EQ(t1->rows[0].units->support, (std::vector<std::string>{"州卫生健康委"}));
  EXPECT_EQ(find_task(r.document, 2)->rows.size(), 1u);
}

TEST(Parse, RepeatedDomainHeadingIsNotANewDomainAndDoesNotMoveSpans) {
  const std::string text = lines_of({"标题", std::string(kHeader), "", "3 劳有所得", ""}) + row(10, "甲") +
                           lines_of({std::string(kHeader), "", "3 劳有所得"}) + row(11, "乙");
  const ParseResult r = ok_parse(text);
  ASSERT_EQ(r.document.domains.size(), 1u);
  EXPECT_EQ(r.document.domains[0].tasks.size(), 2u);
  EXPECT_EQ(r.document.domains[0].lines.first, 4u);
  // "3 劳有所得" directly followed by "11.任务乙。" with no blank line.
  EXPECT_EQ(find_task(r.document, 11)->lines.first, 19u);
  EXPECT_EQ(r.document.domains[0].lines.last, find_task(r.document, 11)->lines.last);
}

TEST(Parse, DomainHeadingGluedUnderACellAndWrapped) {
  const ParseResult r = ok_parse(lines_of({"标题",
                                           std::string(kHeader),
                                           "",
                                           "8 优军服务保",
                                           "障",
                                           "",
                                           "24.任务",
                                           "",
                                           "目标",
                                           "",
                                           "年度",
                                           "",
                                           "措施",
                                           "",
                                           "州退役军人局牵头；各县市人民",
                                           "政府",
                                           " 9 文体服务",
                                           "保障",
                                           "",
                                           "25.任务",
                                           "",
                                           "目标",
                                           "",
                                           "年度",
                                           "",
                                           "措施",
                                           "",
                                           "州文化和旅游局牵头"}));
  ASSERT_EQ(r.document.domains.size(), 2u);
  EXPECT_EQ(r.document.domains[0].name, "优军服务保障");
  EXPECT_EQ(r.document.domains[0].lines, (LineSpan{4, 16}));
  EXPECT_EQ(r.document.domains[1].name, "文体服务保障");
  EXPECT_EQ(r.document.domains[1].lines.first, 17u);
  EXPECT_EQ(find_task(r.document, 24)->rows[0].units->implementers, (std::vector<std::string>{"各县市人民政府"}));
}

TEST(Parse, SpacedTaskNumberAndTitle) {
  const ParseResult r = ok_parse(lines_of({"标题", std::string(kHeader), "", "1 领域", "", "10. 提 高 社", "会保险抗风",
                                           "险能力。", "", "目标", "", "年度", "", "措施", "", "州人社局"}));
  const Task* t = find_task(r.document, 10);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "提高社会保险抗风险能力");
}

TEST(Parse, DecimalCellLinesAreNotHeadings) {
  const ParseResult r =
      ok_parse(lines_of({"标题", std::string(kHeader), "", "1 领域", "", "1.任务", "", "特困人员标准的", "1.3倍。", "",
                         "医生达到", "0.8名。", "", "措施", "", "州民政局"}));
  ASSERT_EQ(task_count(r.document), 1u);
  const Task* t = find_task(r.document, 1);
  EXPECT_EQ(t->rows[0].goal->text, "特困人员标准的1.3倍。");
  EXPECT_EQ(t->rows[0].annual_target->text, "医生达到0.8名。");
}

TEST(Parse, DecimalAloneAfterBlankLineIsACell) {
  const ParseResult r = ok_parse(lines_of({"标题", std::string(kHeader), "", "1 领域", "", "1.任务", "", "目标", "",
                                           "0.8名。", "", "措施", "", "州民政局"}));
  EXPECT_EQ(find_task(r.document, 1)->rows[0].annual_target->text, "0.8名。");
}

TEST(Parse, WhitespaceOnlyLinesSeparateCells) {
  const ParseResult r = ok_parse(lines_of({"标题", std::string(kHeader), "", "1 领域", "", "1.任务", " ", "目标",
                                           "\u3000", "年度", "\t", "措施", " \u00A0 ", "州民政局"}));
  const Row& row = find_task(r.document, 1)->rows[0];
  EXPECT_EQ(row.goal->text, "目标");
  EXPECT_EQ(row.annual_target->text, "年度");
  EXPECT_EQ(row.measures->text, "措施");
  EXPECT_EQ(row.units->text, "州民政局");
}

TEST(Parse, SecondRowWithoutHeading) {
  const ParseResult r = ok_parse(lines_of({"标题", std::string(kHeader),
                                           "",     "1 领域",
                                           "",     "17.任务",
                                           "",     "目标一",
                                           "",     "年度一",
                                           "",     "措施一",
                                           "",     "州民政局牵头",
                                           "",     "目标二",
                                           "",     "年度二",
                                           "",     "措施二",
                                           "",     "州人社局，各县市人民政府"}));
  const Task* t = find_task(r.document, 17);
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1].goal->text, "目标二");
  EXPECT_EQ(t->rows[1].goal->lines, (LineSpan{16, 16}));
  EXPECT_EQ(t->rows[1].units->lead, (std::vector<std::string>{"州人社局"}));
  EXPECT_EQ(t->lines, (LineSpan{6, 22}));
}

TEST(Parse, TitleWhoseFullStopSitsAloneOnTheLastLine) {
  const ParseResult r = ok_parse(lines_of({"标题", std::string(kHeader), "", "1 领域", "", "8.促进高质", "量充分就业",
                                           "。", "", "目标", "", "年度", "", "措施", "", "州人社局"}));
  const Task* t = find_task(r.document, 8);
  EXPECT_EQ(t->title, "促进高质量充分就业");
  EXPECT_EQ(t->lines.first, 6u);
}

TEST(Parse, CellCutByAPageBreakIsJoined) {
  const ParseResult r = ok_parse(
      lines_of({"标题", std::string(kHeader), "", "1 领域", "", "1.任务", "", "目标", "", "年度", "", "措施前半", "",
                "第 1 页，共 2 页", "\f" + std::string(kHeader), "", "措施后半", "", "州民政局牵头"}));
  const Row& row = find_task(r.document, 1)->rows[0];
  EXPECT_EQ(row.measures->text, "措施前半措施后半");
  EXPECT_EQ(row.measures->lines, (LineSpan{12, 17}));
  EXPECT_EQ(row.units->text, "州民政局牵头");
}

TEST(Parse, ARowCutByAPageBreakAfterItsLastCellIsJoined) {
  // pdftotext prints a cut row's cells on the first page, the cut one
  // unfinished, and its rest at the top of the next page: after the row's
  // last cell. It was a second row of one cell, with a warning.
  const std::string header = "序号 重点任务 具体措施 责任单位 完成时限";
  const ParseResult text = ok_parse(lines_of({"标题",
                                              header,
                                              "",
                                              "1.做大做强高原特色农业。",
                                              "",  // 1-5
                                              "一是新建基地 10 个。二是持续开展示范创",
                                              "",  // 6-7
                                              "州农业农村局牵头，州财政局配合",
                                              "",
                                              "2024年12月底前",
                                              "",  // 8-11
                                              "第 1 页，共 2 页",
                                              "\f" + header,
                                              "建，打造特色农产品优势区。",
                                              "",  // 12-15
                                              "2.发展乡村旅游。",
                                              "",
                                              "创建旅游村庄 5 个。",
                                              "",
                                              "州文化和旅游局",
                                              "",
                                              "2024年10月底前"}));
  const Task* t1 = find_task(text.document, 1);
  ASSERT_TRUE(t1);
  ASSERT_EQ(t1->rows.size(), 1u);
  EXPECT_EQ(t1->rows[0].measures->text, "一是新建基地10个。二是持续开展示范创建，打造特色农产品优势区。");
  EXPECT_EQ(t1->rows[0].measures->lines, (LineSpan{6, 14}));
  EXPECT_EQ(t1->rows[0].deadline->text, "2024年12月底前");
  EXPECT_EQ(find_task(text.document, 2)->rows.size(), 1u);
  // The units cell cut: joined when the two pieces make one unit list.
  const ParseResult units = ok_parse(lines_of({"标题", header, "", "1.任务甲。", "", "措施甲。", "",        // 1-7
                                               "州民政局牵头，州住房城乡建设局配", "", "2024年底前", "",    // 8-11
                                               "第 1 页，共 2 页", "\f" + header, "合；各县市人民政府"}));  // 12-14
  const Row& u = find_task(units.document, 1)->rows.at(0);
  ASSERT_EQ(find_task(units.document, 1)->rows.size(), 1u);
  EXPECT_EQ(u.units->lead, (std::vector<std::string>{"州民政局"}));
  EXPECT_EQ(u.units->support, (std::vector<std::string>{"州住房城乡建设局"}));
  EXPECT_EQ(u.units->implementers, (std::vector<std::string>{"各县市人民政府"}));
  EXPECT_EQ(u.units->lines, (LineSpan{8, 14}));
  // A unit list cut after a separator (…县林草局、) takes the rest too.
  const ParseResult open_list =
      ok_parse(lines_of({"标题", header, "", "1.任务甲。", "", "措施甲。", "", "县农业农村局牵头，县财政局、",
                         "县林草局、", "", "2024年底前", "", "第 1 页，共 2 页", "\f" + header, "县水务局"}));
  const Row& o = find_task(open_list.document, 1)->rows.at(0);
  ASSERT_EQ(find_task(open_list.document, 1)->rows.size(), 1u);
  EXPECT_EQ(o.units->support, (std::vector<std::string>{"县财政局", "县林草局", "县水务局"}));
  // A note after the table is no continuation, even after an unfinished cell.
  const ParseResult note = ok_parse(
      lines_of({"标题", header, "", "1.任务甲。", "", "措施甲", "", "州民政局牵头", "", "2024年底前", "",  // 1-11
                "第 1 页，共 2 页", "\f说明：本表由州政府办公室负责解释。"}));                             // 12-13
  EXPECT_EQ(find_task(note.document, 1)->rows.at(0).measures->text, "措施甲");
  EXPECT_EQ(find_task(note.document, 1)->rows.size(), 2u);  // kept, and reported as an uneven row
}

TEST(Parse, AnotherTableUnderAnAnnexMarkerWithTheSameHeader) {
  // 附件2, a title and the same header again: another table with its own
  // numbering, not the header repeated on a new page. Its task 1 had been
  // taken for cells of the first table's task 1 (附件2 a measures cell, the
  // title a lead unit, the task heading a deadline).
  const std::string header = "序号 重点任务 具体措施 责任单位 完成时限";
  const ParseResult r = ok_parse(lines_of({"附件1",
                                           "",
                                           "某县2023年重点项目清单",
                                           "",
                                           header,
                                           "",  // 1-6
                                           "1.推进县城污水处理厂扩建。",
                                           "",
                                           "新增日处理能力 2 万吨。",
                                           "",  // 7-10
                                           "县住房城乡建设局牵头，县生态环境局配合",
                                           "",
                                           "2023年10月底前",
                                           "",  // 11-14
                                           "附件2",
                                           "",
                                           "某县2023年民生实事清单",
                                           "",
                                           header,
                                           "",  // 15-20
                                           "1.新建农村公路。",
                                           "",
                                           "新改建农村公路 120 公里。",
                                           "",  // 21-24
                                           "县交通运输局牵头；各乡镇人民政府",
                                           "",
                                           "2023年11月底前",
                                           "",  // 25-28
                                           "第 1 页，共 2 页",
                                           "\f" + header,  // 29-30 a page's repeat
                                           "2.新建村级活动场所。",
                                           "",
                                           "新建 5 个。",
                                           "",
                                           "县民政局",
                                           "",
                                           "2023年底前"}));  // 31-37
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].name, "某县2023年重点项目清单");
  EXPECT_EQ(d.domains[1].name, "某县2023年民生实事清单");
  ASSERT_EQ(d.domains[0].tasks.size(), 1u);
  ASSERT_EQ(d.domains[0].tasks[0].rows.size(), 1u);
  EXPECT_EQ(d.domains[0].tasks[0].rows[0].deadline->text, "2023年10月底前");
  ASSERT_EQ(d.domains[1].tasks.size(), 2u);
  EXPECT_EQ(d.domains[1].tasks[0].title, "新建农村公路");
  EXPECT_EQ(d.domains[1].tasks[0].rows.at(0).units->lead, (std::vector<std::string>{"县交通运输局"}));
  EXPECT_EQ(d.domains[1].tasks[1].seq, 2);
  // No warning but the one for 附件1 above the first title, which is text
  // before the first table (Parse.PreambleTextIsCountedAndReportedAsUnassigned).
  for (const auto& x : d.diagnostics) {
    if (x.line != 1) {
      EXPECT_NE(x.severity, Severity::warning) << x.line << " " << x.message;
    }
  }
}

TEST(Parse, ATaskHeadingRightUnderADeadlineCellStartsTheNextRow) {
  // No blank line between a row's last cell, a deadline, and the next task's
  // heading: the heading was glued onto the deadline (2024年底前2.推进…, no
  // date) and task 2's cells became a second row of task 1.
  const std::string header = "序号 重点任务 具体措施 责任单位 完成时限";
  const ParseResult r = ok_parse(lines_of({"某县2024年重点任务分解清单",
                                           header,
                                           "",
                                           "1.新建改扩建中小学校。",
                                           "",
                                           "完成5所学校主体工程。",
                                           "",
                                           "县教育体育局牵头，县财政局配合",
                                           "",
                                           "2024年底前",
                                           "2.推进双减工作落地见效。",
                                           "",
                                           "开展课后服务全覆盖。",
                                           "",
                                           "县教育体育局牵头",
                                           "",
                                           "长期坚持",
                                           "3.办好人民满意教育。",
                                           "",
                                           "措施。",
                                           "",
                                           "县教育体育局牵头",
                                           "",
                                           "2024年6月—12月"}));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 3u);
  const Task* t1 = find_task(d, 1);
  ASSERT_EQ(t1->rows.size(), 1u);
  EXPECT_EQ(t1->rows[0].deadline->text, "2024年底前");
  EXPECT_EQ(t1->rows[0].deadline->date, "2024-12-31");
  ASSERT_TRUE(find_task(d, 2));
  EXPECT_EQ(find_task(d, 2)->rows.at(0).deadline->text, "长期坚持");
  ASSERT_TRUE(find_task(d, 3));
  EXPECT_EQ(find_task(d, 3)->title, "办好人民满意教育");
  // A number inside a cell that is no deadline stays text.
  const ParseResult inside = ok_parse(
      lines_of({"标题", header, "", "1.任务甲。", "", "措施：", "2.提高效率。", "", "县教育局牵头", "", "2024年底前"}));
  EXPECT_EQ(task_count(inside.document), 1u);
}

TEST(Parse, ANoticesClosingLinesAreFurniture) {
  // 抄送：… and the issuing office's 印发 line under the last row were a
  // second row of the last task (measures 抄送：…, a lead unit named after
  // the office and its date); in a list they were glued onto the deadline.
  const ParseResult table = ok_parse(
      lines_of({"某县2024年重点任务分解清单", "序号 重点任务 具体措施 责任单位", "", "1.新建改扩建中小学校。", "",
                "完成5所学校主体工程。", "", "县教育体育局牵头，县财政局配合", "",
                "抄送：县委办公室，县人大常委会办公室，县政协办公室。", "", "某县人民政府办公室 2024年3月5日印发"}));
  const Task* t = find_task(table.document, 1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(table.document.coverage.unassigned, 0u);
  const ParseResult list =
      ok_parse(lines_of({"某县2024年重点工作任务分工方案", "1.培育壮大特色农业。", "牵头单位：县农业农村局",
                         "完成时限：2024年底前", "抄报：市政府办公室。", "某县人民政府办公室 2024年3月5日印发"}));
  const Row& row = find_task(list.document, 1)->rows.at(0);
  ASSERT_TRUE(row.deadline);
  EXPECT_EQ(row.deadline->date, "2024-12-31");
  EXPECT_EQ(list.document.coverage.unassigned, 0u);
}

TEST(Parse, SpacedNumbersAreTasksInATableWithoutADomainColumn) {
  // "1 加快重大项目建设": the 序号 and the task beside it. With no domain
  // column these are tasks (the document failed: "no numbered task below").
  // A cell that starts with a count (2 所学校…) stays a cell.
  const std::string header = "序号 重点任务 具体措施 责任单位";
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分解清单", header, "", "1 加快重大项目建设", "",
                                           "实施重点项目120个。", "", "县发展改革局牵头，县财政局配合", "",
                                           "2 推进城市更新", "", "2 个片区完成改造。", "", "县住房城乡建设局牵头"}));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 2u);
  EXPECT_EQ(find_task(d, 1)->title, "加快重大项目建设");
  const Task* t2 = find_task(d, 2);
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->title, "推进城市更新");
  ASSERT_EQ(t2->rows.size(), 1u);
  EXPECT_EQ(t2->rows[0].measures->text, "2个片区完成改造。");
  // 一、 domains above such tasks, and a task's heading right under the
  // last cell of the row before it.
  const ParseResult two = ok_parse(lines_of({"标题",
                                             header,
                                             "",
                                             "一、稳增长",
                                             "1 加快重大项目建设",
                                             "",
                                             "实施项目。",
                                             "",
                                             "区发展改革局牵头",
                                             "2 强化要素保障",
                                             "",
                                             "争取资金。",
                                             "",
                                             "区财政局牵头",
                                             "",
                                             "二、惠民生",
                                             "",
                                             "3 促进就业",
                                             "",
                                             "新增就业。",
                                             "",
                                             "区人社局牵头"}));
  ASSERT_EQ(two.document.domains.size(), 2u);
  EXPECT_EQ(two.document.domains[0].name, "稳增长");
  ASSERT_EQ(two.document.domains[0].tasks.size(), 2u);
  EXPECT_EQ(two.document.domains[0].tasks[0].rows.at(0).units->text, "区发展改革局牵头");
  EXPECT_EQ(two.document.domains[0].tasks[1].title, "强化要素保障");
  EXPECT_EQ(two.document.domains[1].name, "惠民生");
  ASSERT_EQ(two.document.domains[1].tasks.size(), 1u);
  EXPECT_EQ(two.document.coverage.unassigned, 0u);
  // With a domain column, "1 教育" is a domain heading as before.
  const ParseResult domains = ok_parse(
      lines_of({"标题", "序号 所属领域 重点任务 责任单位", "", "1 教育", "", "1.新建学校。", "", "县教育局牵头"}));
  ASSERT_EQ(domains.document.domains.size(), 1u);
  EXPECT_EQ(domains.document.domains[0].name, "教育");
}

TEST(Parse, TwoHeadingLevelsInATableAreDomainsAndSections) {
  // 一、 domains with （一） sections under them: the sections had become the
  // domains, 一、 unassigned, and the next 二、 a units cell of the task above.
  const ParseResult r = ok_parse(lines_of({"某县2024年重点任务分解清单",
                                           "序号 重点任务 责任单位",  // 1-2
                                           "一、扩大有效需求",
                                           "（一）推动消费恢复",
                                           "",  // 3-5
                                           "1.开展促消费活动。",
                                           "",
                                           "县商务局牵头，县财政局配合",
                                           "",  // 6-9
                                           "（二）扩大有效投资",
                                           "",
                                           "2.实施重点项目。",
                                           "",
                                           "县发展改革局牵头",
                                           "",
                                           "二、保障改善民生",
                                           "（三）稳定就业",
                                           "",  // 16-18
                                           "3.稳定和扩大就业。",
                                           "",
                                           "县人社局牵头，县财政局配合"}));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].seq, 1);
  EXPECT_EQ(d.domains[0].name, "扩大有效需求");
  EXPECT_EQ(d.domains[1].name, "保障改善民生");
  ASSERT_EQ(d.domains[0].tasks.size(), 2u);
  ASSERT_TRUE(d.domains[0].tasks[0].section);
  EXPECT_EQ(d.domains[0].tasks[0].section->name, "推动消费恢复");
  EXPECT_EQ(d.domains[0].tasks[0].section->seq, 1);
  ASSERT_TRUE(d.domains[0].tasks[1].section);
  EXPECT_EQ(d.domains[0].tasks[1].section->name, "扩大有效投资");
  ASSERT_EQ(d.domains[1].tasks.size(), 1u);
  ASSERT_TRUE(d.domains[1].tasks[0].section);
  EXPECT_EQ(d.domains[1].tasks[0].section->seq, 3);
  EXPECT_EQ(d.domains[0].tasks[0].rows.size(), 1u);
  EXPECT_EQ(d.coverage.unassigned, 0u);
  for (const auto& x : d.diagnostics) EXPECT_NE(x.severity, Severity::warning) << x.line << " " << x.message;
}

TEST(Parse, SeparateUnitColumnsAtTheEndOfARow) {
  // 牵头单位 and 配合单位 as the last two columns after a text column: the
  // lead cell "looks like units", and closed each row early, so every task
  // had two rows of one unit each, both supporting.
  const ParseResult r =
      ok_parse(lines_of({"某市2024年重点任务清单", "序号 重点任务 工作措施 牵头单位 配合单位", "",
                         "1.持续优化营商环境。", "", "推进一网通办。", "", "市政务服务局", "", "市司法局", "",
                         "2.加快项目建设。", "", "实施重点项目。", "", "市发展改革委", "", "/"}));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 2u);
  for (int seq : {1, 2}) {
    const Task* t = find_task(d, seq);
    ASSERT_TRUE(t);
    ASSERT_EQ(t->rows.size(), 1u) << seq;
  }
  EXPECT_EQ(find_task(d, 1)->rows[0].units->lead, (std::vector<std::string>{"市政务服务局"}));
  EXPECT_EQ(find_task(d, 1)->rows[0].units->support, (std::vector<std::string>{"市司法局"}));
  // An empty cell printed as "/" names no unit.
  EXPECT_EQ(find_task(d, 2)->rows[0].units->lead, (std::vector<std::string>{"市发展改革委"}));
  EXPECT_TRUE(find_task(d, 2)->rows[0].units->support.empty());
  for (const auto& x : d.diagnostics) EXPECT_NE(x.severity, Severity::warning) << x.line << " " << x.message;
}

TEST(Parse, TraditionalFurnitureAndAFullWidthAnnexMarker) {
  // 第 1 頁，共 2 頁 and …印發 in Traditional characters are furniture, and
  // 附件２ (full-width) starts another table as 附件2 does.
  const std::string header = "序號 重點任務 工作措施 責任單位";
  const ParseResult r = ok_parse(lines_of({"某縣2024年重點任務清單",
                                           header,
                                           "",
                                           "1.推進企業開辦。",
                                           "",
                                           "壓縮開辦時間。",
                                           "",
                                           "縣市場監管局牽頭",
                                           "",
                                           "第 1 頁，共 2 頁",
                                           "\f附件２",
                                           "",
                                           "某縣2024年民生實事清單",
                                           "",
                                           header,
                                           "",
                                           "1.新建學校。",
                                           "",
                                           "新建 2 所。",
                                           "",
                                           "縣教育局牽頭",
                                           "",
                                           "某縣人民政府辦公室 2024年3月1日印發"}));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  ASSERT_EQ(d.domains[0].tasks.size(), 1u);
  EXPECT_EQ(d.domains[0].tasks[0].rows.size(), 1u);
  ASSERT_EQ(d.domains[1].tasks.size(), 1u);
  EXPECT_EQ(d.domains[1].tasks[0].rows.size(), 1u);
  EXPECT_EQ(d.domains[1].tasks[0].rows[0].units->lead, (std::vector<std::string>{"縣教育局"}));
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(Parse, ShortRowKeepsEveryCellAndWarns) {
  const ParseResult r = ok_parse(
      lines_of({"标题", std::string(kHeader), "", "1 领域", "", "1.任务", "", "目标", "", "措施", "", "州民政局牵头"}));
  const Row& row = find_task(r.document, 1)->rows[0];
  EXPECT_EQ(row.units->text, "州民政局牵头");
  bool warned = false;
  for (const auto& d : r.document.diagnostics) warned |= d.severity == Severity::warning && d.line == 8;
  EXPECT_TRUE(warned);
}

TEST(Parse, StrayParagraphBeforeTheFirstTaskIsReported) {
  const ParseResult r = ok_parse(lines_of({"标题", std::string(kHeader), "", "1 领域", "", "1.任务", "", "目标", "",
                                           "年度", "", "措施", "", "州民政局", "", "", "第 1 页，共 2 页"}) +
                                 "\n说明：本表仅供参考。\n");
  // The stray paragraph becomes a sixth cell of task 1 and is reported as an uneven row.
  bool named = false;
  for (const auto& d : r.document.diagnostics) named |= d.line == 19;
  EXPECT_TRUE(named);
}

TEST(Parse, PreambleTextIsCountedAndReportedAsUnassigned) {
  const ParseResult r = ok_parse(lines_of({"各县市：", "", "标题", std::string(kHeader), "", "1 领域", "", "1.任务", "",
                                           "目标", "", "年度", "", "措施", "", "州民政局"}));
  EXPECT_EQ(r.document.title, "标题");
  EXPECT_EQ(r.document.coverage.unassigned, 4u);  // 各, 县, 市, ：
  const auto& c = r.document.coverage;
  EXPECT_EQ(c.chars, c.in_fields + c.furniture + c.unassigned);
  bool named = false;
  for (const auto& d : r.document.diagnostics)
    named |= d.severity == Severity::warning && d.line == 1 && d.message.find("line 1 ") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(ParseErrors, InvalidUtf8NamesLineAndOffset) {
  const ParseResult r = parse(std::string("标题\n序号 重点任务\n\xFF\n"));
  EXPECT_EQ(r.status, Status::invalid_encoding);
  EXPECT_EQ(r.error.line, 3u);
  EXPECT_EQ(r.error.offset, 27u);  // "标题\n" is 7 bytes, "序号 重点任务\n" 20
  ASSERT_FALSE(r.document.diagnostics.empty());
  EXPECT_EQ(r.document.diagnostics.back().severity, Severity::error);
}

TEST(ParseErrors, EmptyAndBlankInput) {
  EXPECT_EQ(parse("").status, Status::empty_input);
  EXPECT_EQ(parse(" \n\u3000\n\t").status, Status::empty_input);
}

TEST(ParseErrors, TextWithoutTable) {
  EXPECT_EQ(parse("关于印发某某方案的通知\n各县市人民政府：现将方案印发给你们。\n").status, Status::no_table);
  // A header with nothing under it is not a table either.
  const ParseResult r = parse(lines_of({"标题", std::string(kHeader), "", "说明文字"}));
  EXPECT_EQ(r.status, Status::no_table);
  EXPECT_EQ(r.error.line, 2u);
}

TEST(ParseErrors, SizeLimit) {
  ParseOptions o;
  o.max_input_bytes = 10;
  EXPECT_EQ(parse("序号 重点任务 责任单位\n", o).status, Status::too_large);
}

TEST(Parse, OnePerLineHeaderWithLeadAndSupportColumns) {
  const ParseResult r = ok_parse(lines_of({
      "某县2023年重点任务分解表",  // 1
      "",                          // 2
      "序号",                      // 3
      "重点任务",                  // 4
      "牵头单位",                  // 5
      "配合单位",                  // 6
      "完成时限",                  // 7
      "",                          // 8
      "一、营商环境",              // 9
      "",                          // 10
      "（1）推进企业开办",         // 11
      "便利化。",                  // 12
      "",                          // 13
      "县市场监管局",              // 14
      "",                          // 15
      "县公安局、县税务局",        // 16
      "",                          // 17
      "2023年6月底前",             // 18
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.columns.size(), 5u);
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_EQ(d.domains[0].name, "营商环境");
  const Task* t = find_task(d, 1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "推进企业开办便利化");
  const Row& row = t->rows.at(0);
  EXPECT_EQ(row.units->text, "县市场监管局；县公安局、县税务局");
  EXPECT_EQ(row.units->lead, (std::vector<std::string>{"县市场监管局"}));
  EXPECT_EQ(row.units->support, (std::vector<std::string>{"县公安局", "县税务局"}));
  EXPECT_EQ(row.units->lines, (LineSpan{14, 16}));
  EXPECT_EQ(row.deadline->text, "2023年6月底前");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
}

TEST(Parse, SecondTableWithItsOwnHeaderRestartsNumbering) {
  const ParseResult r = ok_parse(lines_of({
      "附件1 重点任务清单",                        // 1
      "序号 重点任务 具体措施 责任单位",           // 2
      "1.任务甲",                                  // 3
      "",                                          // 4
      "措施甲",                                    // 5
      "",                                          // 6
      "州民政局牵头",                              // 7
      "",                                          // 8
      "附件2 民生实事分工清单",                    // 9
      "序号 工作任务 牵头单位 配合单位 完成时限",  // 10
      "1.实事一",                                  // 11
      "",                                          // 12
      "州教育体育局",                              // 13
      "",                                          // 14
      "州财政局",                                  // 15
      "",                                          // 16
      "2023年底前",                                // 17
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[1].name, "附件2民生实事分工清单");
  ASSERT_EQ(d.domains[1].tasks.size(), 1u);
  const Task& t = d.domains[1].tasks[0];
  EXPECT_EQ(t.seq, 1);
  EXPECT_EQ(t.rows.at(0).units->lead, (std::vector<std::string>{"州教育体育局"}));
  EXPECT_EQ(t.rows.at(0).units->support, (std::vector<std::string>{"州财政局"}));
  EXPECT_EQ(t.rows.at(0).deadline->text, "2023年底前");
  EXPECT_EQ(d.domains[0].tasks.at(0).rows.at(0).measures->text, "措施甲");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  // Columns: every distinct column once.
  int units_columns = 0;
  for (const auto& c : d.columns) units_columns += c.role == ColumnRole::units;
  EXPECT_EQ(units_columns, 3);  // 责任单位, 牵头单位, 配合单位
}

TEST(Parse, RowsWithoutBlankLineBetweenThem) {
  const ParseResult r = ok_parse(lines_of({"标题",     std::string(kHeader),
                                           "",         "1 领域",
                                           "",         "1.任务甲",
                                           "",         "目标",
                                           "",         "年度",
                                           "",         "措施",
                                           "",         "州民政局牵头",
                                           "2.任务乙", "",
                                           "目标二",   "",
                                           "年度二",   "",
                                           "措施二：", "2.完善机制",
                                           "",         "州财政局牵头"}));
  ASSERT_EQ(task_count(r.document), 2u);
  EXPECT_EQ(find_task(r.document, 1)->rows[0].units->text, "州民政局牵头");
  const Task* t2 = find_task(r.document, 2);
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->lines.first, 15u);
  // "2.完善机制" under a measures cell is text: only a units cell ends a row.
  EXPECT_EQ(t2->rows[0].measures->text, "措施二：2.完善机制");
}

TEST(Parse, CellsOfARowNotSeparatedByBlankLines) {
  // The seed's first row as some extractors print it: no blank line between cells.
  const ParseResult r = ok_parse(lines_of({
      "标题",                                                                    // 1
      std::string(kHeader),                                                      // 2
      "1 幼有所育",                                                              // 3
      "1.加大标准",                                                              // 4
      "化儿童保健",                                                              // 5
      "设施建设力",                                                              // 6
      "度。",                                                                    // 7
      "每千人口拥有3岁以下婴幼",                                                 // 8
      "儿托位数4.5个，覆盖城乡",                                                 // 9
      "的3岁以下婴幼儿照护服",                                                   // 10
      "务能力进一步提升。",                                                      // 11
      "每千人口拥有3岁以下婴幼儿托位",                                           // 12
      "数3个以上。10县市妇幼保健院均",                                           // 13
      "通过国家二级妇幼保健院等级评审。",                                        // 14
      "一是加大标准化儿童保健设施建设力度，完善州、县市、乡镇（街道）和村（社",  // 15
      "区）四级妇幼健康服务网络。二是推进州妇幼保健院建设项目。",                // 16
      "州卫生健康委牵",                                                          // 17
      "头，州发展改革委",                                                        // 18
      "配合；各县市人民",                                                        // 19
      "政府",                                                                    // 20
  }));
  const Task* t = find_task(r.document, 1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "加大标准化儿童保健设施建设力度");
  ASSERT_EQ(t->rows.size(), 1u);
  const Row& row = t->rows[0];
  EXPECT_EQ(row.goal->lines, (LineSpan{8, 11}));
  EXPECT_EQ(row.annual_target->lines, (LineSpan{12, 14}));
  EXPECT_EQ(row.measures->lines, (LineSpan{15, 16}));
  EXPECT_EQ(row.units->lines, (LineSpan{17, 20}));
  EXPECT_EQ(row.units->lead, (std::vector<std::string>{"州卫生健康委"}));
  bool guessed = false;
  for (const auto& d : r.document.diagnostics) guessed |= d.severity == Severity::info && d.line == 12;
  EXPECT_TRUE(guessed);  // the split is a guess, and says so
}

TEST(Parse, MetadataTableBeforeTheListIsNotATask) {
  const ParseResult r = ok_parse(lines_of({
      "填报单位 联系人 联系电话",  // 1  a metadata table: not a task table header
      "某县政府办 张三 1234567",   // 2
      "",                          // 3
      "标题",                      // 4
      std::string(kHeader),        // 5
      "",                          // 6
      "1 领域",                    // 7
      "",                          // 8
      "1.任务",                    // 9
      "",                          // 10
      "目标",
      "",
      "年度",
      "",
      "措施",
      "",
      "州民政局牵头",
  }));
  EXPECT_EQ(task_count(r.document), 1u);
  EXPECT_EQ(r.document.title, "标题");
  bool reported = false;
  for (const auto& d : r.document.diagnostics) reported |= d.severity == Severity::warning && d.line == 1;
  EXPECT_TRUE(reported);  // its text is reported, never silently dropped
}

TEST(Parse, TheLastLineIsNotReadPastTheEndOfTheInput) {
  // Valid UTF-8 is parsed in place, so a last line without a newline ends
  // where the caller's buffer ends: nothing may read a byte further. Each
  // input sits in a heap block of exactly its size, so the sanitizer build
  // (.ci/run) reports any read past it; here the parses must also succeed or
  // fail cleanly. "（" alone once read one byte too far (a marker's number).
  const std::string_view endings[] = {"（",           "(",  "一", "十",   "①",    "1",  "1.", "（一",
                                      "第",           "共", "-",  "　",   "任务", "。", "，", "州民政局牵头",
                                      "\xEF\xBB\xBF", "é",  "𠀀", "1 幼", "一、"};
  for (const std::string& head :
       {std::string(), lines_of({"某州任务分解清单", "", std::string(kHeader), "", "1 幼有所育", ""}) + row(1, "甲")}) {
    for (auto ending : endings) {
      const std::string text = head + std::string(ending);
      const std::unique_ptr<char[]> exact(new char[text.size()]);
      std::memcpy(exact.get(), text.data(), text.size());
      const ParseResult r = parse(std::string_view(exact.get(), text.size()));
      EXPECT_TRUE(r || !r.error.message.empty()) << ending;
      if (!head.empty()) {
        EXPECT_TRUE(r) << ending;
      }
    }
  }
}

TEST(Parse, BareDomainNamesInADomainColumn) {
  // The 所属领域 cell printed as a bare name (no 1 / 一、) above its first
  // row's task: it was an unassigned line (first domain) or the previous
  // row's measures cell (the next ones).
  const std::string header = "所属领域 重点任务 具体措施 责任单位";
  const ParseResult r = ok_parse(lines_of({"某县2024年重点任务分解清单",
                                           header,
                                           "幼有所育",
                                           "",
                                           "1.加强托育服务体系建设。",
                                           "",
                                           "新建普惠托育机构2所。",
                                           "",
                                           "县卫生健康局",
                                           "",
                                           "学有所教",
                                           "",
                                           "2.推进教育数字化。",
                                           "",
                                           "建设智慧校园。",
                                           "",
                                           "县教育体育局",
                                           "",
                                           "3.推进集团化办学。",
                                           "",
                                           "组建教育集团。",
                                           "",
                                           "县教育体育局",
                                           "",
                                           "学有所教",
                                           "",
                                           "4.加强师资建设。",
                                           "",
                                           "培训教师。",
                                           "",
                                           "县教育体育局"}));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].name, "幼有所育");
  EXPECT_FALSE(d.domains[0].seq);
  EXPECT_EQ(d.domains[0].lines.first, 3u);
  EXPECT_EQ(d.domains[1].name, "学有所教");
  ASSERT_EQ(d.domains[0].tasks.size(), 1u);
  ASSERT_EQ(d.domains[0].tasks[0].rows.size(), 1u);
  EXPECT_EQ(d.domains[0].tasks[0].rows[0].measures->text, "新建普惠托育机构2所。");
  // The name printed again on a later row (an unmerged cell) is the same domain.
  ASSERT_EQ(d.domains[1].tasks.size(), 3u);
  EXPECT_EQ(d.domains[1].tasks[2].rows[0].units->lead, std::vector<std::string>{"县教育体育局"});
  for (const Diagnostic& g : d.diagnostics) EXPECT_NE(g.severity, Severity::warning) << g.line << ": " << g.message;

  // A row still missing cells: a paragraph that ends like an office's name is
  // its units cell, not a domain.
  const ParseResult units = ok_parse(lines_of({"标题", header, "幼有所育", "", "1.加强托育服务。", "", "县卫生健康局",
                                               "", "2.提升儿童保健。", "", "开展检查。", "", "县妇幼保健院"}));
  ASSERT_EQ(units.document.domains.size(), 1u);
  ASSERT_EQ(task_count(units.document), 2u);
  ASSERT_TRUE(find_task(units.document, 1)->rows[0].units);
  EXPECT_EQ(find_task(units.document, 1)->rows[0].units->lead, std::vector<std::string>{"县卫生健康局"});

  // Numbered domain headings: a bare name is never a domain there.
  const ParseResult numbered =
      ok_parse(lines_of({"标题", header, "一、幼有所育", "", "1.加强托育服务。", "", "开展检查。", "", "县卫生健康局",
                         "", "县妇幼保健院", "", "2.提升儿童保健。", "", "县卫生健康局"}));
  ASSERT_EQ(numbered.document.domains.size(), 1u);
}

TEST(Parse, TasksNumberedInChineseBracketsAndNumbersAloneRestarting) {
  // Probe D: tasks numbered （一）（二） under 一、 domain rows failed (exit 1,
  // "no numbered task below"); with the 序号 alone on its line, numbering
  // from 1 again under 二、 lost that domain: its tasks became rows of the
  // task above (units 1, deadline 稳定和扩大就业 …), silently.
  auto table = [](const char* first, const char* second, const char* third) {
    return lines_of({"某县2024年重点工作任务分解表",
                     "",
                     "序号 重点任务 工作措施 责任单位 完成时限",
                     "",
                     "一、文化事业",
                     "",
                     first,
                     "",
                     "完善公共文化服务体系。",
                     "",
                     "建成文化站8个。",
                     "",
                     "县文化和旅游局",
                     "",
                     "2024年11月底前",
                     "",
                     second,
                     "",
                     "加强文物保护利用。",
                     "",
                     "编制保护规划3项。",
                     "",
                     "县文物管理所",
                     "",
                     "2024年12月底前",
                     "",
                     "二、旅游产业",
                     "",
                     third,
                     "",
                     "创建A级旅游景区。",
                     "",
                     "创建3A级景区1个。",
                     "",
                     "县文化和旅游局",
                     "",
                     "2024年10月底前"});
  };
  for (const auto& [a, b, c] : {std::tuple{"（一）", "（二）", "（一）"}, std::tuple{"1", "2", "1"}}) {
    const ParseResult r = ok_parse(table(a, b, c));
    const Document& d = r.document;
    ASSERT_EQ(d.domains.size(), 2u) << a;
    EXPECT_EQ(d.domains[1].name, "旅游产业") << a;
    ASSERT_EQ(d.domains[0].tasks.size(), 2u) << a;
    ASSERT_EQ(d.domains[1].tasks.size(), 1u) << a;
    const Task& t = d.domains[1].tasks[0];
    EXPECT_EQ(t.seq, 1);
    EXPECT_EQ(t.title, "创建A级旅游景区");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].units->lead, std::vector<std::string>{"县文化和旅游局"});
    EXPECT_EQ(t.rows[0].deadline->date, "2024-10-31");
    EXPECT_EQ(d.coverage.unassigned, 0u);
  }
  // The bracket and the title on one line.
  std::string inline_text = table("（一）", "（二）", "（一）");
  for (const char* title : {"完善公共文化服务体系。", "加强文物保护利用。", "创建A级旅游景区。"}) {
    const std::string bare = std::string(title) + "\n";
    const std::size_t at = inline_text.find(bare);
    inline_text.erase(at, bare.size() + 1);  // the title's paragraph and the blank line after it
    const std::size_t marker = inline_text.rfind("）\n", at);
    inline_text.replace(marker, 4, std::string("）") + title);
  }
  const ParseResult r = ok_parse(inline_text);
  ASSERT_EQ(task_count(r.document), 3u);
  EXPECT_EQ(r.document.domains.at(1).tasks.at(0).rows.at(0).units->lead, std::vector<std::string>{"县文化和旅游局"});
}

TEST(Parse, AnUndatedDeadlineAboveTheNextTaskIsNoBareDomainName) {
  // 长期坚持 closing a row, right above the next task, in a table whose
  // domains are bare names: it became a domain named 长期坚持 and the row
  // lost its deadline (probe D).
  const ParseResult r = ok_parse(lines_of({"某市2024年社会保障重点任务分解清单",
                                           "",
                                           "序号 所属领域 重点任务 工作措施 责任单位 完成时限",
                                           "",
                                           "医疗保障",
                                           "",
                                           "1.完善医疗救助制度。",
                                           "",
                                           "落实困难群众医疗救助政策。",
                                           "",
                                           "市医保局",
                                           "",
                                           "长期坚持",
                                           "",
                                           "2.加强医保基金监管。",
                                           "",
                                           "开展医保基金专项检查。",
                                           "",
                                           "市医保局",
                                           "",
                                           "2024年11月底前"}));
  ASSERT_EQ(r.document.domains.size(), 1u);
  EXPECT_EQ(r.document.domains[0].name, "医疗保障");
  ASSERT_EQ(r.document.domains[0].tasks.size(), 2u);
  EXPECT_EQ(find_task(r.document, 1)->rows.at(0).deadline->text, "长期坚持");
}

TEST(Parse, AnEmptyCellBesideSeparateLeadAndSupportColumns) {
  // Separate 牵头单位 and 配合单位 columns, one cell empty: the lead went to
  // support when 配合单位 was empty, and to the measures when 工作措施 was
  // (probe D).
  auto row_of = [](const char* measures, const char* lead, const char* support) {
    std::vector<std::string> ls = {"某县2024年农业农村重点工作任务分解清单",
                                   "",
                                   "序号 重点任务 工作措施 牵头单位 配合单位 完成时限",
                                   "",
                                   "1",
                                   "",
                                   "推进高标准农田建设"};
    for (const char* cell : {measures, lead, support, "2024年12月底前"})
      if (*cell) {
        ls.emplace_back("");
        ls.emplace_back(cell);
      }
    std::string text;
    for (const auto& l : ls) text += l + "\n";
    const ParseResult r = ok_parse(text);
    return find_task(r.document, 1)->rows.at(0);
  };
  const Row no_support = row_of("新建高标准农田2万亩。", "县农业农村局", "");
  EXPECT_EQ(no_support.measures->text, "新建高标准农田2万亩。");
  EXPECT_EQ(no_support.units->lead, std::vector<std::string>{"县农业农村局"});
  EXPECT_TRUE(no_support.units->support.empty());
  EXPECT_EQ(no_support.deadline->date, "2024-12-31");
  const Row no_measures = row_of("", "县委组织部", "县农业农村局");
  EXPECT_FALSE(no_measures.measures.has_value());
  EXPECT_EQ(no_measures.units->lead, std::vector<std::string>{"县委组织部"});
  EXPECT_EQ(no_measures.units->support, std::vector<std::string>{"县农业农村局"});
  const Row full = row_of("新建高标准农田2万亩。", "县农业农村局", "县财政局");
  EXPECT_EQ(full.units->lead, std::vector<std::string>{"县农业农村局"});
  EXPECT_EQ(full.units->support, std::vector<std::string>{"县财政局"});
}

TEST(Parse, TaskNumberingRestartsInEachDomain) {
  // 一、 1. 2. 二、 1. 2.: the second domain's tasks were text no field held.
  const std::string header = "序号 所属领域 重点任务 具体措施 责任单位";
  const ParseResult r = ok_parse(lines_of({"某县2024年重点任务分解清单",
                                           header,
                                           "一、幼有所育",
                                           "",
                                           "1.加强托育服务。",
                                           "",
                                           "新建托育机构。",
                                           "",
                                           "县卫生健康局",
                                           "",
                                           "2.提升儿童保健。",
                                           "",
                                           "开展检查。",
                                           "",
                                           "县卫生健康局",
                                           "",
                                           "二、学有所教",
                                           "",
                                           "1.推进教育数字化。",
                                           "",
                                           "建设智慧校园。",
                                           "",
                                           "县教育体育局"}));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  ASSERT_EQ(d.domains[1].tasks.size(), 1u);
  EXPECT_EQ(d.domains[1].tasks[0].seq, 1);
  EXPECT_EQ(d.domains[1].tasks[0].title, "推进教育数字化");
  EXPECT_EQ(d.domains[1].tasks[0].rows[0].units->lead, std::vector<std::string>{"县教育体育局"});
  for (const Diagnostic& g : d.diagnostics) EXPECT_NE(g.severity, Severity::warning) << g.line << ": " << g.message;
  // A jump inside a domain is still reported.
  const ParseResult jump = ok_parse(lines_of({"标题", header, "一、幼有所育", "", "1.加强托育服务。", "",
                                              "县卫生健康局", "", "3.提升儿童保健。", "", "县卫生健康局"}));
  EXPECT_TRUE(std::any_of(jump.document.diagnostics.begin(), jump.document.diagnostics.end(),
                          [](const Diagnostic& g) { return g.message == "task number 3 follows 1"; }));

  // The list layout kept them but warned "task number 1 follows 2".
  const ParseResult list = ok_parse(
      lines_of({"某县2024年优化营商环境重点任务分工方案", "一、提升政务服务效能",
                "1.推进“一网通办”。（县政务服务局牵头，县数据局配合）", "2.优化企业开办流程。（县市场监管局牵头）",
                "二、加强要素保障", "1.保障企业用地需求。（县自然资源局牵头）"}));
  ASSERT_EQ(list.document.domains.size(), 2u);
  ASSERT_EQ(list.document.domains[1].tasks.size(), 1u);
  for (const Diagnostic& g : list.document.diagnostics)
    EXPECT_NE(g.severity, Severity::warning) << g.line << ": " << g.message;
}

TEST(Parse, TablesWithNoBlankLineAnywhere) {
  // Rows printed with no blank line at all (mutool, Word): the task heading's
  // block held every later row (one task in all, the rest glued into its
  // units or target).
  const ParseResult seed_like = ok_parse(lines_of({
      "标题",                                          // 1
      "序号 所属领域 重点任务 具体工作措施 责任单位",  // 2
      "1 劳有所得",                                    // 3
      "1.健全职业",                                    // 4
      "技能培训制度。",                                // 5
      "一是大规模开展职业技能培训",                    // 6
      "。二是推进技能人才评价改革。",                  // 7
      "市人力资源社会保障",                            // 8
      "局牵头，市财政局配合",                          // 9
      "2.加强劳动",                                    // 10
      "者权益保障。",                                  // 11
      "开展根治欠薪冬季专项行动。",                    // 12
      "市人力资源社会保障",                            // 13
      "局",                                            // 14
  }));
  ASSERT_EQ(task_count(seed_like.document), 2u);
  EXPECT_EQ(find_task(seed_like.document, 1)->rows[0].units->support, std::vector<std::string>{"市财政局"});
  const Task* t2 = find_task(seed_like.document, 2);
  EXPECT_EQ(t2->title, "加强劳动者权益保障");
  EXPECT_EQ(t2->rows[0].measures->text, "开展根治欠薪冬季专项行动。");
  EXPECT_EQ(t2->rows[0].units->lead, std::vector<std::string>{"市人力资源社会保障局"});

  // A deadline column last: the units cell ends with no sentence stop, the
  // deadline on its own line is the row's last cell.
  const ParseResult deadline = ok_parse(lines_of({
      "标题",                                                   // 1
      "序号 重点任务 工作目标 具体工作措施 责任单位 完成时限",  // 2
      "1.提升县级",                                             // 3
      "医院综合能力。",                                         // 4
      "县级医院全部达到二",                                     // 5
      "级甲等水平。",                                           // 6
      "推进县级医院提标扩能。",                                 // 7
      "市卫生健康委牵头，",                                     // 8
      "市发展改革委配合",                                       // 9
      "2024年11月底前",                                         // 10
      "2.加强基层医疗。",                                       // 11
      "建成社区医院5家。",                                      // 12
      "推进标准化建设。",                                       // 13
      "市卫生健康委",                                           // 14
      "全年",                                                   // 15
  }));
  ASSERT_EQ(task_count(deadline.document), 2u);
  const Row& r1 = find_task(deadline.document, 1)->rows.at(0);
  EXPECT_EQ(r1.goal->text, "县级医院全部达到二级甲等水平。");
  EXPECT_EQ(r1.measures->text, "推进县级医院提标扩能。");
  EXPECT_EQ(r1.units->support, std::vector<std::string>{"市发展改革委"});
  ASSERT_TRUE(r1.deadline);
  EXPECT_EQ(r1.deadline->lines, (LineSpan{10, 10}));
  EXPECT_EQ(find_task(deadline.document, 2)->rows.at(0).deadline->text, "全年");

  // Short cells, one line each: the title is the heading's one line (the
  // next line is much wider), and each line under it is a cell.
  const ParseResult short_cells = ok_parse(lines_of({
      "标题",                                               // 1
      "序号 工作任务 具体措施 牵头单位 配合单位 完成时限",  // 2
      "1 开展隐患排查整治",                                 // 3
      "全面推进重大事故隐患动态清零，实行清单化管理。",     // 4
      "市应急管理局",                                       // 5
      "市住房城乡建设局",                                   // 6
      "2025年12月31日前",                                   // 7
      "2 强化危险化学品安全监管",                           // 8
      "推进化工园区安全风险智能化管控平台建设。",           // 9
      "市应急管理局",                                       // 10
      "市工业和信息化局",                                   // 11
      "2025年6月底前",                                      // 12
  }));
  ASSERT_EQ(task_count(short_cells.document), 2u);
  for (int seq : {1, 2}) {
    const Task* t = find_task(short_cells.document, seq);
    ASSERT_EQ(t->rows.size(), 1u);
    const Row& row = t->rows[0];
    ASSERT_TRUE(row.units && row.deadline && row.measures);
    EXPECT_EQ(row.units->lead, std::vector<std::string>{"市应急管理局"});
    EXPECT_EQ(row.units->support.size(), 1u);
    EXPECT_TRUE(row.deadline->date);
  }
  EXPECT_EQ(find_task(short_cells.document, 1)->title, "开展隐患排查整治");
  EXPECT_EQ(find_task(short_cells.document, 2)->rows[0].deadline->text, "2025年6月底前");
}

TEST(Parse, AHeaderRowSpacedOutCharacterByCharacter) {
  // Justified header cells printed one character at a time, the column
  // labels' year too. The line was no header: the tasks above it were
  // unassigned text ("not assigned to any field", data lost).
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分解清单",
                                           "",
                                           "序 号  重 点 任 务  2 0 2 4 年 工 作 目 标  责 任 单 位  完 成 时 限",
                                           "",
                                           "1",
                                           "",
                                           "新建社区养老服务中心",
                                           "",
                                           "建成3个中心。",
                                           "",
                                           "县民政局",
                                           "",
                                           "2024年11月底前",
                                           "",
                                           "2",
                                           "",
                                           "改造老旧小区",
                                           "",
                                           "完成改造12个。",
                                           "",
                                           "县住房城乡建设局",
                                           "",
                                           "2024年12月底前"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Task* t1 = find_task(r.document, 1);
  EXPECT_EQ(t1->title, "新建社区养老服务中心");
  ASSERT_EQ(t1->rows.size(), 1u);
  ASSERT_TRUE(t1->rows[0].annual_target.has_value());
  EXPECT_EQ(t1->rows[0].annual_target->text, "建成3个中心。");
  EXPECT_EQ(t1->rows[0].units->lead, std::vector<std::string>{"县民政局"});
  EXPECT_EQ(find_task(r.document, 2)->rows.at(0).deadline->text, "2024年12月底前");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
}

TEST(Parse, APartOfThePlanInATableIsNoRow) {
  // 第二部分 民生保障 between two rows became a row of task 1 (its goal
  // "第二部分民生保障"). A table has no place for a level above its domains:
  // the line is reported as text not assigned to any field.
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分解清单",   // 1
                                           "",                                 // 2
                                           "序号 重点任务 工作目标 责任单位",  // 3
                                           "",                                 // 4
                                           "1.新建社区养老服务中心",           // 5
                                           "",                                 // 6
                                           "建成3个中心。",                    // 7
                                           "",                                 // 8
                                           "县民政局",                         // 9
                                           "",                                 // 10
                                           "第二部分 民生保障",                // 11
                                           "",                                 // 12
                                           "2.改造老旧小区",                   // 13
                                           "",                                 // 14
                                           "完成改造12个。",                   // 15
                                           "",                                 // 16
                                           "县住房城乡建设局"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Task* t1 = find_task(r.document, 1);
  ASSERT_EQ(t1->rows.size(), 1u);
  EXPECT_EQ(t1->rows[0].goal->text, "建成3个中心。");
  EXPECT_EQ(find_task(r.document, 2)->rows.at(0).units->lead, std::vector<std::string>{"县住房城乡建设局"});
  EXPECT_EQ(r.document.coverage.unassigned, 8u);  // 第二部分民生保障
  bool reported = false;
  for (const auto& dg : r.document.diagnostics)
    reported = reported || (dg.severity == Severity::warning && dg.line == 11);
  EXPECT_TRUE(reported);
}

TEST(Parse, NumberOnALineOfItsOwn) {
  // The 序号 cell on its own line (Word's one-cell-per-line export), the
  // task's title the next paragraph: the document failed ("no numbered
  // task below" the header).
  const ParseResult r = ok_parse(lines_of({"某区2024年为民办实事项目任务分解表",
                                           "",
                                           "序号 项目名称 牵头单位 完成时限",
                                           "",
                                           "1",
                                           "",
                                           "新建社区养老服务中心",
                                           "",
                                           "区民政局",
                                           "",
                                           "2024年11月底前",
                                           "",
                                           "2",
                                           "",
                                           "改造老旧",
                                           "小区",
                                           "",
                                           "区住房城乡建设局",
                                           "",
                                           "2024年12月底前"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Task* t1 = find_task(r.document, 1);
  EXPECT_EQ(t1->title, "新建社区养老服务中心");
  EXPECT_EQ(t1->lines.first, 5u);
  ASSERT_EQ(t1->rows.size(), 1u);
  EXPECT_EQ(t1->rows[0].units->lead, std::vector<std::string>{"区民政局"});
  EXPECT_EQ(t1->rows[0].deadline->text, "2024年11月底前");
  EXPECT_EQ(find_task(r.document, 2)->title, "改造老旧小区");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
  // With no blank lines at all.
  const ParseResult packed =
      ok_parse(lines_of({"标题", "序号 工作任务 牵头单位 完成时限", "1", "深化商事制度改革", "县市场监管局",
                         "2024年6月底前", "2", "优化审批服务", "县住房城乡建设局", "2024年12月31日前"}));
  ASSERT_EQ(task_count(packed.document), 2u);
  EXPECT_EQ(find_task(packed.document, 2)->rows.at(0).deadline->text, "2024年12月31日前");
  // With a domain column: the domain's number alone, its name the next paragraph.
  const ParseResult domain =
      ok_parse(lines_of({"标题", "序号 所属领域 重点任务 具体工作措施 责任单位", "", "1", "", "劳有所得", "",
                         "1.健全职业技能培训制度。", "", "开展职业技能培训。", "", "市人力资源社会保障局"}));
  ASSERT_EQ(domain.document.domains.size(), 1u);
  EXPECT_EQ(domain.document.domains[0].seq, 1);
  EXPECT_EQ(domain.document.domains[0].name, "劳有所得");
  EXPECT_EQ(task_count(domain.document), 1u);
  // A count alone in a cell is not the next task's number.
  const ParseResult count =
      ok_parse(lines_of({"标题", "序号 工作任务 数量 牵头单位", "", "1", "", "新建养老中心", "", "3", "", "区民政局"}));
  ASSERT_EQ(task_count(count.document), 1u);
}

TEST(Parse, ADeadlineSpacedOutDigitByDigitIsNoTaskHeading) {
  // "2 0 2 4 年 3 月 底 前" in a table without a domain column read as the
  // heading of task 2 ("0 2 4年3月底前"), and every later cell shifted.
  const ParseResult r =
      ok_parse(lines_of({"标题", "序号 重点任务 具体措施 责任单位 完成时限", "", "1 加强组织领导", "", "成立工作专班。",
                         "", "市发展改革委牵头", "", "2 0 2 4 年 3 月 底 前", "", "2 强化要素保障", "", "统筹用地。",
                         "", "市自然资源局牵头", "", "2024年全年"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Row& one = find_task(r.document, 1)->rows.at(0);
  ASSERT_TRUE(one.deadline);
  EXPECT_EQ(one.deadline->text, "2024年3月底前");
  EXPECT_EQ(find_task(r.document, 2)->title, "强化要素保障");
}

TEST(GridLayout, TabSeparatedRowsWithQuotedCells) {
  // A table copied from a spreadsheet: one row per line, cells at tabs, a
  // cell with line breaks quoted. The whole table was task 1's title.
  const ParseResult r = ok_parse(lines_of({
      "某市2024年优化营商环境重点任务分工表",                                                                 // 1
      "序号\t重点任务\t工作措施\t牵头单位\t配合单位\t完成时限",                                               // 2
      "1\t推进数字政府建设\t\"一是建设数据体系。\"\"一网统管\"\"。\"\t市大数据局\t市财政局\t2024年12月底前",  // 3
      "2\t深化“放管服”改革\t\"一是压减审批事项。",                                                            // 4
      "二是推行告知承诺制。\"\t市政务服务局\t\"市司法局",                                                     // 5
      "市市场监管局\"\t2024年9月底前",                                                                        // 6
  }));
  const Document& d = r.document;
  EXPECT_EQ(d.title, "某市2024年优化营商环境重点任务分工表");
  ASSERT_EQ(task_count(d), 2u);
  const Row& one = find_task(d, 1)->rows.at(0);
  EXPECT_EQ(find_task(d, 1)->title, "推进数字政府建设");
  EXPECT_EQ(one.measures->text, "一是建设数据体系。\"一网统管\"。");
  EXPECT_EQ(one.units->lead, std::vector<std::string>{"市大数据局"});
  EXPECT_EQ(one.deadline->date, "2024-12-31");
  const Row& two = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(two.measures->text, "一是压减审批事项。二是推行告知承诺制。");
  EXPECT_EQ(two.measures->lines, (LineSpan{4, 5}));
  // A line break typed inside a units cell separates two names.
  EXPECT_EQ(two.units->support, (std::vector<std::string>{"市司法局", "市市场监管局"}));
  EXPECT_EQ(two.deadline->text, "2024年9月底前");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  EXPECT_EQ(d.diagnostics.front().message.rfind("layout: table, one row per line, cells separated by tabs", 0), 0u);
}

TEST(GridLayout, CellsCentredVerticallyInTheirRows) {
  // pdftotext -layout of a table whose cells are centred vertically: the
  // 序号 and the short cells on a row's middle line, the tall cells' first
  // lines above it. The title split (a task without a number, then task 1
  // titled 化) and a row's top line went to the row above (probes G, C).
  const ParseResult r = ok_parse(lines_of({
      "                     某县2024年重点工作任务分解表",
      "",
      " 序号   重点任务             工作措施                           责任单位               完成时限",
      "        推进企业开办便利     全面推行企业开办“一网通办”，开",
      "  1     化                   办时间压缩至1个工作日，企业注      县市场监管局           2024年6月底前",
      "                             销时间压缩至5个工作日",
      "  2     提升政务服务效能     推动高频事项“跨省通办”             县政务服务中心         全年",
      "                             实施省市重点项目20个，完成投资     县发展改革局牵头，",
      "  3     加快重大项目建设     50亿元以上，新开工项目30个，       县自然资源局配合       2024年12月底前",
      "                             竣工项目15个",
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 3u);
  const Task* t1 = find_task(d, 1);
  EXPECT_EQ(t1->title, "推进企业开办便利化");
  EXPECT_EQ(t1->rows.at(0).measures->text,
            "全面推行企业开办“一网通办”，开办时间压缩至1个工作日，企业注销时间压缩至5个工作日");
  EXPECT_EQ(find_task(d, 2)->rows.at(0).measures->text, "推动高频事项“跨省通办”");
  const Row& r3 = find_task(d, 3)->rows.at(0);
  EXPECT_EQ(r3.measures->text, "实施省市重点项目20个，完成投资50亿元以上，新开工项目30个，竣工项目15个");
  EXPECT_EQ(r3.units->lead, std::vector<std::string>{"县发展改革局"});
  EXPECT_EQ(r3.units->support, std::vector<std::string>{"县自然资源局"});
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(GridLayout, LinesAboveTheFirstNumberThatAreNoCentredCells) {
  // Probe H: lines above the first row's number that are no tall cell's top
  // — the header's own wrapped label, a note under the header, a domain
  // name over the task column — made the table read as centred, and every
  // row's last line went to the row below.
  for (const char* above : {"                                                                          （截止",
                            "                              （按季度报送进展）", "                   经济发展"}) {
    const ParseResult r = ok_parse(lines_of({
        "                 某县2024年重点任务分解清单",
        "",
        " 序号   重点任务              工作措施                    牵头单位        完成时限",
        above,
        "  1     推进企业开办全程      压缩开办时间至1个工作日     县市场监管局    2024年6月底前",
        "        网上办。              以内，推行电子营业执照，",
        "                              实现全程无纸化。",
        "  2     深化工程建设项目      推行告知承诺制，压减审批    县住房城乡      2024年9月底前",
        "        审批制度改革。        环节和时限。                建设局",
    }));
    const Task* t1 = find_task(r.document, 1);
    ASSERT_TRUE(t1) << above;
    EXPECT_EQ(t1->rows.at(0).measures->text.substr(t1->rows[0].measures->text.size() -
                                                   std::string("实现全程无纸化。").size()),
              "实现全程无纸化。")
        << above;
    const Task* t2 = find_task(r.document, 2);
    ASSERT_TRUE(t2) << above;
    EXPECT_EQ(t2->title, "深化工程建设项目审批制度改革") << above;
    EXPECT_EQ(t2->rows.at(0).units->lead, std::vector<std::string>{"县住房城乡建设局"}) << above;
  }
}

TEST(GridLayout, ATaskSecondRowAfterAShortTabRecord) {
  // A record short of cells, then the task's second row opening with its
  // empty cells: taken for a cell broken over lines, the second row was
  // lost and its measures became the deadline (probe H).
  const ParseResult r =
      ok_parse(lines_of({"某市2024年重点任务分工", "序号\t重点任务\t工作措施\t牵头单位\t配合单位\t完成时限",
                         "1\t推进数字政府建设\t建设一体化政务大数据体系。\t市大数据局", "\t\t推进一网统管。",
                         "2\t深化放管服改革\t压减审批事项。\t市政务服务局\t市司法局\t2024年9月底前"}));
  const Task* t1 = find_task(r.document, 1);
  ASSERT_TRUE(t1);
  ASSERT_EQ(t1->rows.size(), 2u);
  EXPECT_EQ(t1->rows[1].measures->text, "推进一网统管。");
  EXPECT_FALSE(t1->rows[0].deadline.has_value());
}

TEST(GridLayout, ATabCellBrokenOverLinesWithoutQuotes) {
  // Word's "table to text" breaks a long cell without quoting it: the unit
  // after the break went nowhere, the row lost its deadline, and the rest
  // of the line became a task titled 2024年12月底前 (probe G).
  const ParseResult r =
      ok_parse(lines_of({"某县2024年重点工作任务分解表", "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
                         "1\t推进企业开办便利化\t县市场监管局\t县公安局\t2024年6月底前",
                         "2\t加快重大项目建设\t县发展改革局\t县自然资源局、", "县住房城乡建设局\t2024年12月底前",
                         "3\t提升政务服务效能\t县政务服务中心\t县司法局\t全年"}));
  ASSERT_EQ(task_count(r.document), 3u);
  const Row& row = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(row.units->support, (std::vector<std::string>{"县自然资源局", "县住房城乡建设局"}));
  EXPECT_EQ(row.deadline->date, "2024-12-31");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
}

TEST(GridLayout, AHeaderWhoseLabelsWrapUnderThemselves) {
  // pdftotext -layout, labels wrapped in their cells: the ends on the next
  // line under their labels. The header was one line of labels that named
  // no column, and the units went nowhere.
  const ParseResult r = ok_parse(lines_of({
      "                    某市2024年民生实事重点任务分工方案",
      "",
      " 序号   重点任务              2024年工作        具体工作措施                   责任单",
      "                              目标                                             位",
      "  1     1.扩大普惠托育        新增普惠托位      一是支持用人单位建设托育       市卫生健康委牵头，",
      "        服务供给。            1200个。          服务设施。                     市财政局配合",
      "  2     2.加强儿童健康        管理率达到92%     一是开展儿童早期发展服务。     市卫生健康委",
      "        服务。                以上。",
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.columns.size(), 5u);
  EXPECT_EQ(d.columns[2].role, ColumnRole::annual_target);
  EXPECT_EQ(d.columns[4].label, "责任单位");
  ASSERT_EQ(task_count(d), 2u);
  const Task* t1 = find_task(d, 1);
  EXPECT_EQ(t1->title, "扩大普惠托育服务供给");
  EXPECT_EQ(t1->rows.at(0).annual_target->text, "新增普惠托位1200个。");
  EXPECT_EQ(t1->rows[0].units->lead, std::vector<std::string>{"市卫生健康委"});
  EXPECT_EQ(t1->rows[0].units->support, std::vector<std::string>{"市财政局"});
  EXPECT_EQ(find_task(d, 2)->rows.at(0).units->lead, std::vector<std::string>{"市卫生健康委"});
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(GridLayout, ColumnsAlignedBySpaces) {
  // pdftotext -layout: each cell under its column, a row over several lines,
  // the 序号 numbering the domains, tasks numbered in their own column, a
  // header repeated after a page footer. It was one task whose title held
  // the whole table.
  const ParseResult r = ok_parse(lines_of({
      "                    某市2024年民生实事重点任务分工方案",  // 1
      "",                                                        // 2
      " 序号   所属领域        重点任务              2024年工作目标              具体工作措施                   "
      "责任单位",  // 3
      "  1     幼有所育   1.扩大普惠托育      新增普惠托位1200个，每    一是支持用人单位建设托育      "
      "市卫生健康委牵头，",  // 4
      "                   服务供给。          千人口托位数达到3.8个。   服务设施。                    "
      "市财政局配合",  // 5
      "                   2.加强儿童健康      0—6岁儿童健康管理率达     一是开展儿童早期发展服务。    "
      "市卫生健康委",                                         // 6
      "                   服务。              到92%以上。",   // 7
      "                                              — 1 —",  // 8
      " 序号   所属领域        重点任务              2024年工作目标              具体工作措施                   "
      "责任单位",  // 9
      "  2     学有所教   3.推进学前教育      学前三年毛入园率达到      新建公办幼儿园8所。           "
      "市教育体育局牵头",                              // 10
      "                   普及普惠。          93%。",  // 11
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].seq, 1);
  EXPECT_EQ(d.domains[0].name, "幼有所育");
  EXPECT_EQ(d.domains[1].name, "学有所教");
  ASSERT_EQ(d.domains[0].tasks.size(), 2u);
  const Task& t1 = d.domains[0].tasks[0];
  EXPECT_EQ(t1.seq, 1);
  EXPECT_EQ(t1.title, "扩大普惠托育服务供给");
  EXPECT_EQ(t1.rows.at(0).annual_target->text, "新增普惠托位1200个，每千人口托位数达到3.8个。");
  EXPECT_EQ(t1.rows[0].units->lead, std::vector<std::string>{"市卫生健康委"});
  EXPECT_EQ(t1.rows[0].units->support, std::vector<std::string>{"市财政局"});
  EXPECT_EQ(d.domains[0].tasks[1].title, "加强儿童健康服务");
  EXPECT_EQ(d.domains[0].tasks[1].rows.at(0).annual_target->text, "0—6岁儿童健康管理率达到92%以上。");
  EXPECT_EQ(d.domains[1].tasks.at(0).seq, 3);
  EXPECT_EQ(d.domains[1].tasks[0].rows.at(0).annual_target->text, "学前三年毛入园率达到93%。");
  EXPECT_EQ(d.coverage.unassigned, 0u);

  // A cell filled to its edge: one space before the next column's text.
  const ParseResult tight = ok_parse(lines_of({
      "标题",
      "序号   工作任务             具体措施                          牵头单位           完成时限",
      " 1     深化商事制度改革     推行企业开办“一网通办”。          县市场监管局       2024年6月底前",
      " 2     优化工程建设项目审批 推行“拿地即开工”模式。            县住房城乡建设局   2024年12月31日前",
  }));
  ASSERT_EQ(task_count(tight.document), 2u);
  EXPECT_EQ(find_task(tight.document, 2)->title, "优化工程建设项目审批");
  EXPECT_EQ(find_task(tight.document, 2)->rows.at(0).measures->text, "推行“拿地即开工”模式。");
}

TEST(Parse, AShortRowsDeadlineAndUnitsGoToTheirColumns) {
  // A row with an empty cell filled its columns from the left: the units
  // became measures and the deadline a lead unit (2024年全年).
  const ParseResult r = ok_parse(
      lines_of({"标题", "", "序号 重点任务 2024年工作目标 具体工作措施 责任单位 完成时限", "", "1.推进创业担保贷款。",
                "", "落实贴息政策。", "", "州人力资源社会保障局、州财政局", "", "2024年全年"}));
  const Row& row = find_task(r.document, 1)->rows.at(0);
  ASSERT_TRUE(row.units);
  EXPECT_EQ(row.units->lead, (std::vector<std::string>{"州人力资源社会保障局", "州财政局"}));
  ASSERT_TRUE(row.deadline);
  EXPECT_EQ(row.deadline->text, "2024年全年");
  EXPECT_FALSE(row.measures);  // the one text cell fills from the left: the target
  EXPECT_EQ(row.annual_target->text, "落实贴息政策。");
}

TEST(Parse, ANumberedListInACellIsNoTaskHeading) {
  // 1.推行… ⏎ 2.推广… in the measures cell of a table whose tasks are
  // "1 提升企业开办便利度": the task became a domain, the first measure its
  // task, and the second table row's measures a second task 1.
  const ParseResult r = ok_parse(lines_of({"标题",
                                           "",
                                           "序号 重点任务 具体措施 牵头单位 完成时限",
                                           "",
                                           "1 提升企业开办便利度",
                                           "",
                                           "1.推行企业开办“一网通办”。",
                                           "2.推广电子营业执照应用。",
                                           "",
                                           "市市场监管局",
                                           "",
                                           "2024年6月底前",
                                           "",
                                           "2 优化不动产登记服务",
                                           "",
                                           "（1）推进“带押过户”。",
                                           "（2）实现水电气网联动过户。",
                                           "",
                                           "市自然资源和规划局",
                                           "",
                                           "2024年9月底前"}));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 1u);
  ASSERT_EQ(task_count(d), 2u);
  EXPECT_EQ(find_task(d, 1)->title, "提升企业开办便利度");
  EXPECT_EQ(find_task(d, 1)->rows.at(0).measures->text, "1.推行企业开办“一网通办”。2.推广电子营业执照应用。");
  EXPECT_EQ(find_task(d, 2)->rows.at(0).measures->text, "（1）推进“带押过户”。（2）实现水电气网联动过户。");
  EXPECT_EQ(find_task(d, 2)->rows[0].deadline->date, "2024-09-30");
}

TEST(Parse, DeadlinesWithoutAYearTakeThePlansYear) {
  // 6月底前 in a 2024 plan had no date; 全年 and 长期坚持 still have none.
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分解表",
                                           "",
                                           "序号 重点任务 责任单位 完成时限",
                                           "",
                                           "1.任务甲。",
                                           "",
                                           "县民政局",
                                           "",
                                           "6月底前",
                                           "",
                                           "2.任务乙。",
                                           "",
                                           "县财政局",
                                           "",
                                           "全年",
                                           "",
                                           "3.任务丙。",
                                           "",
                                           "县教育局",
                                           "",
                                           "第三季度",
                                           "",
                                           "4.任务丁。",
                                           "",
                                           "县卫生健康局",
                                           "",
                                           "年底前",
                                           "",
                                           "5.任务戊。",
                                           "",
                                           "县农业农村局",
                                           "",
                                           "上半年"}));
  EXPECT_EQ(find_task(r.document, 1)->rows.at(0).deadline->date, "2024-06-30");
  EXPECT_FALSE(find_task(r.document, 2)->rows.at(0).deadline->date);
  EXPECT_EQ(find_task(r.document, 3)->rows.at(0).deadline->date, "2024-09-30");
  // 年底前 and 上半年 had none (probe E).
  EXPECT_EQ(find_task(r.document, 4)->rows.at(0).deadline->date, "2024-12-31");
  EXPECT_EQ(find_task(r.document, 5)->rows.at(0).deadline->date, "2024-06-30");
  EXPECT_TRUE(std::any_of(r.document.diagnostics.begin(), r.document.diagnostics.end(), [](const Diagnostic& g) {
    return g.message == "deadlines that name no year take the plan's year, 2024 (from the title)";
  }));
  // A title naming a range and the year of this plan: the plan's year.
  const ParseResult seed_like =
      ok_parse(lines_of({"某州三年行动（2023—2025年）2024年度工作要点任务分解清单", "",
                         "序号 重点任务 责任单位 完成时限", "", "1.任务。", "", "州民政局", "", "6月底前"}));
  EXPECT_EQ(find_task(seed_like.document, 1)->rows.at(0).deadline->date, "2024-06-30");
  // Two years in the title: no guess.
  const ParseResult two = ok_parse(lines_of({"某县2023年总结和2024年计划", "", "序号 重点任务 责任单位 完成时限", "",
                                             "1.任务。", "", "县民政局", "", "6月底前"}));
  EXPECT_FALSE(find_task(two.document, 1)->rows.at(0).deadline->date);
}

TEST(GridLayout, AQuoteInsideAnUnquotedCellIsText) {
  // "放管服"改革持续深化: a quote opening a cell whose closing quote is not
  // followed by a tab; the rest of the cell was lost.
  const ParseResult r = ok_parse(lines_of({"标题", "序号\t重点任务\t牵头单位\t完成时限",
                                           "1\t\"放管服\"改革持续深化\t市政务服务中心\t2025年12月底前",
                                           "2\t推进\"证照分离\"\t市市场监管局\t2025年6月底前"}));
  EXPECT_EQ(find_task(r.document, 1)->title, "\"放管服\"改革持续深化");
  EXPECT_EQ(find_task(r.document, 2)->title, "推进\"证照分离\"");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
}

TEST(GridLayout, AlignedTablesOfOtherShapes) {
  // Only the measures wrap (half the lines hold one piece): the document
  // failed. A page number alone between pages went into a cell.
  const ParseResult wrap = ok_parse(lines_of({
      "                     2024年市安全生产重点工作任务清单",
      "",
      " 序号   重点任务              工作措施                                  牵头单位          完成时限",
      "  1     开展治本攻坚          深入排查整治重大事故隐患，建立隐患        市应急管理局      2024年12月底前",
      "                              清单和整改责任清单，实行闭环管理。",
      "                                          2",
      "  2     整治燃气安全          完成老旧燃气管道更新改造80公里，推        市住房城乡建设局  2024年11月底前",
      "                              广安装燃气泄漏报警装置2万户。",
  }));
  ASSERT_EQ(task_count(wrap.document), 2u);
  EXPECT_EQ(find_task(wrap.document, 1)->rows.at(0).measures->text,
            "深入排查整治重大事故隐患，建立隐患清单和整改责任清单，实行闭环管理。");
  EXPECT_EQ(find_task(wrap.document, 2)->rows.at(0).units->lead, std::vector<std::string>{"市住房城乡建设局"});
  // No 序号 column: a row's first line holds its first and last cells; the
  // title's wrapped line is no new task.
  const ParseResult noseq = ok_parse(lines_of({
      "               2024年市优化营商环境重点任务清单",
      "",
      "重点任务              具体措施                                责任单位            完成时限",
      "深化“一网通办”        推进政务服务事项全程网办，全程网办      市政务服务中心      2024年12月底前",
      "改革                  率达到85%以上。",
      "优化企业开办服务      企业开办时间压缩至1个工作日以内。       市市场监管局        2024年6月底前",
  }));
  ASSERT_EQ(noseq.document.domains.at(0).tasks.size(), 2u);
  EXPECT_EQ(noseq.document.domains[0].tasks[0].title, "深化“一网通办”改革");
  EXPECT_EQ(noseq.document.domains[0].tasks[1].rows.at(0).deadline->date, "2024-06-30");
  // Aligned by character count (a wide character one column), not display width.
  const ParseResult chars = ok_parse(lines_of({
      "2024年全县优化营商环境重点任务分解清单",
      "",
      "序号    重点任务                具体措施                                牵头单位          完成时限",
      "1     深化“一网通办”改革          推进政务服务事项全程网办，年底前全                   县政务服务中心       "
      "2024年12月底",
      "                          程网办率达到85%以上。",
      "2     优化企业开办服务            企业开办时间压缩至1个工作日以内。                    县市场监管局        "
      "2024年6月底前",
  }));
  ASSERT_EQ(task_count(chars.document), 2u);
  EXPECT_EQ(find_task(chars.document, 1)->rows.at(0).units->lead, std::vector<std::string>{"县政务服务中心"});
  EXPECT_EQ(find_task(chars.document, 1)->rows[0].deadline->date, "2024-12-31");
  EXPECT_EQ(find_task(chars.document, 2)->rows.at(0).deadline->date, "2024-06-30");
}

TEST(GridLayout, TabRecordsWithoutNumbersAreTasks) {
  // No 序号 column (or a merged one numbering domains): each record with a
  // task cell was glued onto the task above.
  const ParseResult r = ok_parse(lines_of({"2025年县营商环境重点任务清单", "所属领域\t重点任务\t牵头单位\t完成时限",
                                           "政务服务\t深化“一网通办”改革\t县政务服务中心\t2025年12月底前",
                                           "\t推行“高效办成一件事”\t县数据局\t2025年10月底前", "\t\t县大数据中心\t"}));
  ASSERT_EQ(r.document.domains.size(), 1u);
  const Domain& d = r.document.domains[0];
  ASSERT_EQ(d.tasks.size(), 2u);
  EXPECT_EQ(d.tasks[1].title, "推行“高效办成一件事”");
  // A record with no task cell is another row of the task above.
  ASSERT_EQ(d.tasks[1].rows.size(), 2u);
  EXPECT_EQ(d.tasks[1].rows[1].units->lead, std::vector<std::string>{"县大数据中心"});
}

TEST(Parse, PackedRowsWithAnEmptyCellOrOneNameAUnitColumn) {
  // No blank lines, the header one label per line. A row without measures
  // (强化校园安全 / 县教育体育局 / 2024年9月底前) was one title of three cells'
  // text; separate 牵头单位 / 配合单位 columns, one name a line, were glued
  // into the measures with the deadline.
  const ParseResult empty = ok_parse(
      lines_of({"标题", "序号", "重点任务", "工作措施", "责任单位", "完成时限", "1", "加强道路交通安全管理",
                "开展车辆专项整治。", "县公安局", "长期坚持", "2", "强化校园安全", "县教育体育局", "2024年9月底前"}));
  const Task* two = find_task(empty.document, 2);
  ASSERT_TRUE(two);
  EXPECT_EQ(two->title, "强化校园安全");
  ASSERT_EQ(two->rows.size(), 1u);
  EXPECT_EQ(two->rows[0].units->lead, std::vector<std::string>{"县教育体育局"});
  EXPECT_EQ(two->rows[0].deadline->date, "2024-09-30");
  const ParseResult names = ok_parse(lines_of(
      {"标题", "序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "1", "改造老旧小区",
       "完成老旧小区改造三十二个，同步", "实施雨污分流改造。", "区住房城乡建设局", "区财政局", "2025年12月底前"}));
  const Row& row = find_task(names.document, 1)->rows.at(0);
  EXPECT_EQ(row.measures->text, "完成老旧小区改造三十二个，同步实施雨污分流改造。");
  EXPECT_EQ(row.units->lead, std::vector<std::string>{"区住房城乡建设局"});
  EXPECT_EQ(row.units->support, std::vector<std::string>{"区财政局"});
  EXPECT_EQ(row.deadline->date, "2025-12-31");
}

TEST(Parse, AnAnnexMarkerAboveTheTitleIsFurniture) {
  // 附件1 above the plan's title (the plan is an annex of its notice) was
  // reported as text no field held.
  const ParseResult table = ok_parse(lines_of({"附件1", "", "标题", std::string(kHeader), "", "1 领域", "", "1.任务",
                                               "", "目标", "", "年度", "", "措施", "", "州民政局"}));
  EXPECT_EQ(table.document.title, "标题");
  EXPECT_EQ(table.document.coverage.unassigned, 0u);
  EXPECT_EQ(table.document.coverage.furniture, table.document.coverage.chars - table.document.coverage.in_fields);
  const ParseResult list =
      ok_parse(lines_of({"附件２", "", "某县2024年重点任务分工方案", "", "1.推进企业开办。（县市场监管局牵头）"}));
  EXPECT_EQ(list.document.title, "某县2024年重点任务分工方案");
  EXPECT_EQ(list.document.coverage.unassigned, 0u);
  // 附件 alone, right above the title: it was the title's first word.
  const ParseResult bare =
      ok_parse(lines_of({"附件", "某县2024年重点任务分工方案", "", "1.推进企业开办。（县市场监管局牵头）"}));
  EXPECT_EQ(bare.document.title, "某县2024年重点任务分工方案");
  const ParseResult bare_table = ok_parse(lines_of({"附件", "标题", std::string(kHeader), "", "1 领域", "", "1.任务",
                                                    "", "目标", "", "年度", "", "措施", "", "州民政局"}));
  EXPECT_EQ(bare_table.document.title, "标题");
  EXPECT_EQ(bare_table.document.coverage.unassigned, 0u);
}

TEST(Parse, TraditionalLeadAndSupportColumnLabels) {
  // 牽頭單位 | 配合單位 columns: the roles came out right but every row had an
  // info "unit roles inferred: no role word" (probe G): the column's key
  // was looked for in the label unfolded.
  const ParseResult r = ok_parse(lines_of({"某縣2024年任務分解表", "序號\t重點任務\t牽頭單位\t配合單位\t完成時限",
                                           "1\t建設公園\t縣城管局\t縣財政局\t2024年6月底前"}));
  const Row& row = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(row.units->lead, std::vector<std::string>{"縣城管局"});
  EXPECT_EQ(row.units->support, std::vector<std::string>{"縣財政局"});
  for (const auto& dg : r.document.diagnostics) EXPECT_EQ(dg.message.find("unit roles inferred"), std::string::npos);
}

TEST(Parse, ALastRowsUnitsAndDateInOneParagraphAreNoSignature) {
  // Probe F: the last row's units and deadline printed as one paragraph,
  // 县人民政府办公室 / 2024年12月31日, were taken for the notice's signature.
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分解表",
                                           "",
                                           "序号 重点任务 工作措施 责任单位 完成时限",
                                           "",
                                           "1",
                                           "",
                                           "推进企业开办便利化",
                                           "",
                                           "全面推行一网通办。",
                                           "",
                                           "县市场监管局",
                                           "",
                                           "2024年6月30日",
                                           "",
                                           "2",
                                           "",
                                           "规范公文办理流程",
                                           "",
                                           "完成系统升级。",
                                           "",
                                           "县人民政府办公室",
                                           "2024年12月31日"}));
  const Row& row = find_task(r.document, 2)->rows.at(0);
  ASSERT_TRUE(row.units.has_value());
  EXPECT_EQ(row.units->lead, std::vector<std::string>{"县人民政府办公室"});
  EXPECT_EQ(row.deadline->date, "2024-12-31");
}

TEST(Parse, EachTablesTitleAndHeaderAreInTheOutput) {
  // Probe J: 附件2's title went nowhere when its table had domain headings
  // (counted as furniture, no warning), and its labels that differ from the
  // first table's (重点工作) were in no output string.
  const std::string text = lines_of({"附件1",
                                     "",
                                     "某县2024年民生项目清单",
                                     "",
                                     "序号 重点任务 责任单位 完成时限",
                                     "",
                                     "一、教育",
                                     "",
                                     "1.新建幼儿园",
                                     "",
                                     "县教育局",
                                     "",
                                     "2024年8月底前",
                                     "",
                                     "附件2",
                                     "",
                                     "某县2024年重点工作分工方案",
                                     "",
                                     "序号 重点工作 主要内容 责任单位 完成时限",
                                     "",
                                     "一、优化营商环境",
                                     "",
                                     "1.推行企业开办一网通办",
                                     "",
                                     "开办时间压缩至1个工作日",
                                     "",
                                     "县市场监管局",
                                     "",
                                     "2024年6月底前"});
  const ParseResult r = ok_parse(text);
  const Document& d = r.document;
  EXPECT_EQ(d.title, "某县2024年民生项目清单");
  ASSERT_EQ(d.tables.size(), 2u);
  EXPECT_EQ(d.tables[0].title, d.title);
  EXPECT_EQ(d.tables[0].title_lines, d.title_lines);
  EXPECT_EQ(d.tables[0].header, 5u);
  EXPECT_EQ(d.tables[1].title, "某县2024年重点工作分工方案");
  EXPECT_EQ(d.tables[1].title_lines, (LineSpan{17, 17}));
  EXPECT_EQ(d.tables[1].header, 19u);
  ASSERT_EQ(d.tables[1].columns.size(), 5u);
  EXPECT_EQ(d.tables[1].columns[1].label, "重点工作");
  EXPECT_EQ(d.tables[1].columns[1].role, ColumnRole::task);
  EXPECT_EQ(d.tables[1].columns[2].label, "主要内容");
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].table, 0u);
  EXPECT_EQ(d.domains[1].table, 1u);
  EXPECT_EQ(d.domains[1].name, "优化营商环境");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  // In the JSON and XML, and back.
  const std::string json = to_json_string(d);
  EXPECT_NE(json.find("\"title\": \"某县2024年重点工作分工方案\""), std::string::npos);
  const Document back = nlohmann::json::parse(json).get<Document>();
  EXPECT_EQ(back, d);
  EXPECT_EQ(to_json_string(back), json);
  const std::string xml = to_xml_string(d);
  EXPECT_NE(xml.find("<title lines=\"17-17\">某县2024年重点工作分工方案</title>"), std::string::npos);
  EXPECT_NE(xml.find("table=\"1\""), std::string::npos);
  // A document of one table has neither.
  const ParseResult one =
      ok_parse(lines_of({"某县清单", "", "序号 重点任务 责任单位", "", "1", "", "新建幼儿园", "", "县教育局"}));
  EXPECT_TRUE(one.document.tables.empty());
  EXPECT_FALSE(one.document.domains.at(0).table.has_value());
  EXPECT_EQ(to_json_string(one.document).find("\"table"), std::string::npos);
}

TEST(Parse, AFirstHeaderOneLabelALineAndASecondOnOneLine) {
  // Probe J: the one-line header of 附件2 was found first and taken for the
  // document's; the first table, its labels one per line, went unassigned.
  const ParseResult r = ok_parse(lines_of({"附件1",
                                           "",
                                           "某县2024年民生项目清单",
                                           "",
                                           "序号",
                                           "重点任务",
                                           "工作措施",
                                           "责任单位",
                                           "完成时限",
                                           "",
                                           "1.新建幼儿园。",
                                           "",
                                           "完成主体工程。",
                                           "",
                                           "县教育局",
                                           "",
                                           "2024年6月底前",
                                           "",
                                           "附件2",
                                           "",
                                           "某县2024年重点任务分工方案",
                                           "",
                                           "序号 重点任务 工作措施 责任单位 完成时限",
                                           "",
                                           "1.推行企业开办一网通办。",
                                           "",
                                           "压缩开办时间。",
                                           "",
                                           "县市场监管局",
                                           "",
                                           "2024年9月底前"}));
  const Document& d = r.document;
  EXPECT_EQ(d.title, "某县2024年民生项目清单");
  ASSERT_EQ(d.tables.size(), 2u);
  EXPECT_EQ(d.tables[0].header, 9u);
  EXPECT_EQ(d.tables[1].header, 23u);
  EXPECT_EQ(d.tables[1].title, "某县2024年重点任务分工方案");
  ASSERT_EQ(d.domains.size(), 2u);
  ASSERT_EQ(d.domains[0].tasks.size(), 1u);
  EXPECT_EQ(d.domains[0].tasks[0].title, "新建幼儿园");
  EXPECT_EQ(d.domains[0].tasks[0].rows.at(0).units->lead, (std::vector<std::string>{"县教育局"}));
  EXPECT_EQ(d.domains[1].tasks.at(0).rows.at(0).deadline->date, "2024-09-30");
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(Parse, LabelLikeLinesAboveAOneLineHeaderAndItsRepeatOnOneLine) {
  // Probe K: a title printed word by word (县政府 / 工作任务 / 责任单位 / …)
  // above a one-line header was taken for a header printed one label a
  // line; a header printed so, repeated on one line on the next page,
  // started another table.
  const ParseResult title = ok_parse(
      lines_of({"县政府", "工作任务", "责任单位", "完成时限", "清单", "", "序号 重点任务 工作措施 责任单位 完成时限",
                "", "1.推行企业开办一网通办。", "", "压缩开办时间。", "", "县市场监管局", "", "2024年6月底前"}));
  EXPECT_EQ(title.document.title, "县政府工作任务责任单位完成时限清单");
  EXPECT_TRUE(title.document.tables.empty());
  EXPECT_EQ(title.document.columns.at(1).label, "重点任务");
  const ParseResult repeat = ok_parse(lines_of({"某县2024年重点工作任务清单",
                                                "",
                                                "序号",
                                                "重点任务",
                                                "工作措施",
                                                "责任单位",
                                                "完成时限",
                                                "",
                                                "1.推行企业开办一网通办。",
                                                "",
                                                "压缩开办时间。",
                                                "",
                                                "县市场监管局牵头，县税务局配合",
                                                "",
                                                "2024年6月底前",
                                                "",
                                                "- 1 -",
                                                "",
                                                "序号 重点任务 工作措施 责任单位 完成时限",
                                                "",
                                                "2.推进重大项目建设。",
                                                "",
                                                "完成投资45亿元以上。",
                                                "",
                                                "县发展改革局牵头",
                                                "",
                                                "2024年12月底前"}));
  EXPECT_TRUE(repeat.document.tables.empty());
  EXPECT_EQ(task_count(repeat.document), 2u);
  EXPECT_EQ(repeat.document.coverage.unassigned, 0u);
}

TEST(Parse, ASecondTablesAnnexMarkerAndTheClosingSignatureAreNoRows) {
  // 附件2 above the second table's title became a row of the first table's
  // last task (or the second table's domain name began with it); the
  // signature under the last row became a row.
  for (const bool blank_under_marker : {true, false}) {
    std::vector<std::string> ls = {"附件1",
                                   "",
                                   "某县2024年民生项目清单",
                                   "",
                                   "序号 重点任务 责任单位 完成时限",
                                   "",
                                   "1",
                                   "",
                                   "新建养老服务中心",
                                   "",
                                   "县民政局",
                                   "",
                                   "2024年12月底前",
                                   "",
                                   "附件2"};
    if (blank_under_marker) ls.push_back("");
    for (const char* l :
         {"某县2024年改革事项清单", "", "序号 改革事项 牵头单位 完成时限", "", "1", "", "深化商事制度改革", "",
          "县市场监管局", "", "2024年6月底前", "", "某县人民政府办公室", "2024年3月15日"})
      ls.push_back(l);
    std::string text;
    for (const auto& l : ls) text += l + "\n";
    const ParseResult r = ok_parse(text);
    ASSERT_EQ(r.document.domains.size(), 2u) << blank_under_marker;
    EXPECT_EQ(r.document.domains[1].name, "某县2024年改革事项清单") << blank_under_marker;
    for (const Domain& d : r.document.domains) {
      ASSERT_EQ(d.tasks.size(), 1u);
      EXPECT_EQ(d.tasks[0].rows.size(), 1u) << d.name << blank_under_marker;
    }
    EXPECT_EQ(r.document.domains[1].tasks[0].rows[0].deadline->text, "2024年6月底前");
    EXPECT_EQ(r.document.coverage.unassigned, 0u);
  }
}
