#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>

#include "deadline.hpp"

using namespace qingdan::detail;

namespace qingdan::detail {
void PrintTo(const DeadlineValue& v, std::ostream* os) {
  *os << "{date=" << v.date.value_or("-") << " start=" << v.start.value_or("-") << " end=" << v.end.value_or("-")
      << "}";
}
}  // namespace qingdan::detail

namespace {

struct Case {
  const char* text;
  const char* date;   // nullptr: none
  const char* start;  // nullptr: none
  const char* end;    // nullptr: none
};

DeadlineValue expected(const Case& c) {
  DeadlineValue v;
  if (c.date) v.date = c.date;
  if (c.start) v.start = c.start;
  if (c.end) v.end = c.end;
  return v;
}

const Case kCases[] = {
    // end of a month
    {"2023年6月底前", "2023-06-30", nullptr, nullptr},
    {"2023年6月底", "2023-06-30", nullptr, nullptr},
    {"2023年6月", "2023-06-30", nullptr, nullptr},
    {"2023年六月", "2023-06-30", nullptr, nullptr},
    {"2023年十二月底前", "2023-12-31", nullptr, nullptr},
    {"2023年11月份", "2023-11-30", nullptr, nullptr},
    {"２０２３年６月底前完成", "2023-06-30", nullptr, nullptr},
    {"2023 年 6 月底前", "2023-06-30", nullptr, nullptr},
    {"于2023年9月底前完成。", "2023-09-30", nullptr, nullptr},
    {"2024年2月底前", "2024-02-29", nullptr, nullptr},  // leap year
    {"2023年2月底前", "2023-02-28", nullptr, nullptr},
    {"2100年2月", "2100-02-28", nullptr, nullptr},  // not a leap year
    {"2000年2月", "2000-02-29", nullptr, nullptr},  // is one
    // a day
    {"2023年12月31日前", "2023-12-31", nullptr, nullptr},
    {"2023年3月1日", "2023-03-01", nullptr, nullptr},
    {"2023年6月三十日前", "2023-06-30", nullptr, nullptr},
    {"2023.6.30", "2023-06-30", nullptr, nullptr},
    {"2023-12-31前", "2023-12-31", nullptr, nullptr},
    {"2023/7", "2023-07-31", nullptr, nullptr},
    // end of the year
    {"2023年底前", "2023-12-31", nullptr, nullptr},
    {"2023年年底", "2023-12-31", nullptr, nullptr},
    {"2023年末", "2023-12-31", nullptr, nullptr},
    // quarters and halves
    {"2023年第三季度", "2023-09-30", nullptr, nullptr},
    {"2023年一季度末", "2023-03-31", nullptr, nullptr},
    {"2023年第4季度", "2023-12-31", nullptr, nullptr},
    {"2023年上半年", "2023-06-30", nullptr, nullptr},
    {"2023年下半年", "2023-12-31", nullptr, nullptr},
    // whole years
    {"2023年", nullptr, "2023-01-01", "2023-12-31"},
    {"2023年内", nullptr, "2023-01-01", "2023-12-31"},
    {"2023年度", nullptr, "2023-01-01", "2023-12-31"},
    {"2023年全年", nullptr, "2023-01-01", "2023-12-31"},
    // ranges
    {"2023—2025年", nullptr, "2023-01-01", "2025-12-31"},
    {"2023-2025年", nullptr, "2023-01-01", "2025-12-31"},
    {"2023～2025年", nullptr, "2023-01-01", "2025-12-31"},
    {"2023年至2025年", nullptr, "2023-01-01", "2025-12-31"},
    {"2023年3月—6月", nullptr, "2023-03-01", "2023-06-30"},
    {"2023年6月至2024年6月", nullptr, "2023-06-01", "2024-06-30"},
    {"2023年6—8月", nullptr, "2023-06-01", "2023-08-31"},
    // no reading
    {"全年", nullptr, nullptr, nullptr},
    {"长期坚持", nullptr, nullptr, nullptr},
    {"持续推进", nullptr, nullptr, nullptr},
    {"", nullptr, nullptr, nullptr},
    {"6月底前", nullptr, nullptr, nullptr},  // no year, none given
    {"2023年13月", nullptr, nullptr, nullptr},
    {"2023年2月30日", nullptr, nullptr, nullptr},
    {"2023年第五季度", nullptr, nullptr, nullptr},
    {"2025—2023年", nullptr, nullptr, nullptr},  // backwards
    {"2023年6月底前完成第一阶段，12月底前全面完成", nullptr, nullptr, nullptr},
    {"2023年起长期坚持", nullptr, nullptr, nullptr},
    {"20231", nullptr, nullptr, nullptr},
    {"第2023号", nullptr, nullptr, nullptr},
    {"1850年", nullptr, nullptr, nullptr},
};

}  // namespace

TEST(Deadline, Table) {
  for (const Case& c : kCases) EXPECT_EQ(parse_deadline(c.text), expected(c)) << c.text;
}

TEST(Deadline, YearFromTheCaller) {
  EXPECT_EQ(parse_deadline("6月底前", 2023), expected({"", "2023-06-30", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("年底前", 2023), expected({"", "2023-12-31", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("全年", 2024), expected({"", nullptr, "2024-01-01", "2024-12-31"}));
  EXPECT_EQ(parse_deadline("第三季度", 2023), expected({"", "2023-09-30", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("3月—6月", 2023), expected({"", nullptr, "2023-03-01", "2023-06-30"}));
  // A year in the text wins.
  EXPECT_EQ(parse_deadline("2025年6月", 2023), expected({"", "2025-06-30", nullptr, nullptr}));
  EXPECT_TRUE(parse_deadline("长期坚持", 2023).empty());
}

TEST(Deadline, TenDayPeriodsYearInsideAndATrailingUndatedForm) {
  // These named a date but were read as none (probes A and B).
  EXPECT_EQ(parse_deadline("2024年10月上旬"), expected({"", "2024-10-10", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年11月中旬前"), expected({"", "2024-11-20", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年2月下旬"), expected({"", "2024-02-29", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年年内"), expected({"", nullptr, "2024-01-01", "2024-12-31"}));
  EXPECT_EQ(parse_deadline("2024年6月底前完成，长期坚持"), expected({"", "2024-06-30", nullptr, nullptr}));
  // Something else after the comma is still not understood.
  EXPECT_TRUE(parse_deadline("2024年6月底前，每月报送进展").empty());
  EXPECT_TRUE(parse_deadline("2024年10月旬").empty());
}

TEST(Deadline, AStartThenAFinishAndAnUndatedFormAfterAnd) {
  // Both were read as no date (probes D and E).
  EXPECT_EQ(parse_deadline("2024年6月底前完成，并长期坚持"), expected({"", "2024-06-30", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年6月底前启动，2025年底前完成"), expected({"", "2025-12-31", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年6月底前启动，年底前完成"), expected({"", "2024-12-31", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年3月开工，10月底前完成"), expected({"", "2024-10-31", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("6月底前启动，年底前完成", 2024), expected({"", "2024-12-31", nullptr, nullptr}));
  // Traditional, and 开工 … 完工 (probe G).
  EXPECT_EQ(parse_deadline("2024年6月底前啟動，年底前完成"), expected({"", "2024-12-31", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年6月底前开工，12月底前完工"), expected({"", "2024-12-31", nullptr, nullptr}));
  EXPECT_EQ(parse_deadline("2024年底前竣工"), expected({"", "2024-12-31", nullptr, nullptr}));
  // A finish before the start, or no finish, is not understood.
  EXPECT_TRUE(parse_deadline("2024年10月底前启动，6月底前完成").empty());
  EXPECT_TRUE(parse_deadline("2024年6月底前启动").empty());
  EXPECT_TRUE(parse_deadline("2024年6月底前启动，持续推进").empty());
}
