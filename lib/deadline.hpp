// Deadline cells (完成时限) read as dates. The cell text itself is kept by the
// caller; this only adds a machine-readable reading when there is one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qingdan::detail {

struct DeadlineValue {
  std::optional<std::string> date;   ///< ISO yyyy-mm-dd: the day a task is due by
  std::optional<std::string> start;  ///< a period or range: its first day, ISO
  std::optional<std::string> end;    ///< ... and its last day, ISO
  bool empty() const noexcept { return !date && !start && !end; }
  bool operator==(const DeadlineValue& o) const { return date == o.date && start == o.start && end == o.end; }
};

/// Reads a whole deadline cell; anything it does not fully understand gives an
/// empty value (全年, 长期坚持, 持续推进, two deadlines in one cell …).
///
///   2023年6月底前, 2023年6月底, 2023年6月, 2023年六月份 → date 2023-06-30
///   2023年12月31日前, 2023.12.31, 2023-12-31                → date 2023-12-31
///   2023年底前, 2023年年底, 2023年末                        → date 2023-12-31
///   2023年第三季度, 2023年三季度末                          → date 2023-09-30
///   2023年上半年 / 下半年                                   → date 2023-06-30 / 2023-12-31
///   2023年10月上旬 / 中旬 / 下旬                            → date 2023-10-10 / 2023-10-20 / 2023-10-31
///   2023年, 2023年内, 2023年年内, 2023年度, 2023年全年      → start 2023-01-01, end 2023-12-31
///   2023—2025年, 2023-2025年, 2023年至2025年               → start 2023-01-01, end 2025-12-31
///   2023年3月—6月, 2023年6月至2024年6月                     → start of the first, end of the second
///   2023年6月底前启动，年底前完成                           → date 2023-12-31 (the work is done by the second)
///
/// A point names the last day of its period; a whole year or a range names
/// both ends. Full-width digits and spaces are folded, months and days may be
/// Chinese numerals (六月, 三十日); 于/在/截至 before and 前/之前/以前/止 and
/// 完成 after are allowed, and after them a form that names no date
/// (2023年6月底前完成，（并）长期坚持: the date). `year` is assumed when the text names no year
/// (6月底前 in a 2023 work plan); without it such text gives an empty value.
DeadlineValue parse_deadline(std::string_view text, std::optional<int> year = std::nullopt);

}  // namespace qingdan::detail
