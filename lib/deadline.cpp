// Deadline cells read as dates: a small hand-written parser over the
// width-folded, space-free cell text. See deadline.hpp for what it accepts.
//
//   text   := prefix? point (separator point | 前? 启动 [,;] point)? suffix?
//             (whole text; after 启动 the second point is the deadline)
//   point  := year 年? tail | year [.-/] M ([.-/] D)? | tail   (year inherited)
//   tail   := 年?底|末 | 上半年 | 下半年 | 全年 | 年?内 | 年?度
//           | 第? Q 季度? 末? | M (—N)? 月 份? (D 日|号 | 底|末 | 上旬|中旬|下旬)?
//   suffix := (之前|以前|前|止)? 完成? ([,;] 并? 长期坚持|持续推进|…)?
#include "deadline.hpp"

#include <cstdio>
#include <initializer_list>

#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

struct Day {
  int y = 0, m = 0, d = 0;
};

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::string iso(const Day& d) {
  // Digit by digit: snprintf was a third of a deadline's cost. Fits the
  // short-string buffer, so no allocation either.
  if (d.y >= 0 && d.y <= 9999 && d.m >= 0 && d.m <= 99 && d.d >= 0 && d.d <= 99) {
    const char s[10] = {char('0' + d.y / 1000),
                        char('0' + d.y / 100 % 10),
                        char('0' + d.y / 10 % 10),
                        char('0' + d.y % 10),
                        '-',
                        char('0' + d.m / 10),
                        char('0' + d.m % 10),
                        '-',
                        char('0' + d.d / 10),
                        char('0' + d.d % 10)};
    return std::string(s, sizeof s);
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}

int ordinal(const Day& d) {
  return d.y * 10000 + d.m * 100 + d.d;
}

/// A period of time a point names: its first and last day. `span` when it is
/// to be reported as start/end (a whole year, a run of months), not as a date.
struct Period {
  Day first, last;
  bool span = false;
};

Period whole_year(int y) {
  return {{y, 1, 1}, {y, 12, 31}, true};
}
Period months(int y, int from, int to) {
  return {{y, from, 1}, {y, to, days_in_month(y, to)}, false};
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool done() const { return pos_ == s_.size(); }
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }

  // Byte by byte: the literals are one to six bytes and most differ at the
  // first, where a memcmp call for each was a tenth of reading a deadline.
  bool eat(std::string_view literal) {
    if (s_.size() - pos_ < literal.size()) return false;
    for (std::size_t k = 0; k < literal.size(); ++k)
      if (s_[pos_ + k] != literal[k]) return false;
    pos_ += literal.size();
    return true;
  }
  bool eat_any(std::initializer_list<std::string_view> literals) {
    for (std::string_view l : literals)
      if (eat(l)) return true;
    return false;
  }

  /// Four ASCII digits, 1900..2199, not followed by another digit.
  std::optional<int> year() {
    if (pos_ + 4 > s_.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos_; i < pos_ + 4; ++i) {
      if (!is_digit(s_[i])) return std::nullopt;
      v = v * 10 + (s_[i] - '0');
    }
    if (pos_ + 4 < s_.size() && is_digit(s_[pos_ + 4])) return std::nullopt;
    if (v < 1900 || v > 2199) return std::nullopt;
    pos_ += 4;
    return v;
  }

  /// One or two ASCII digits, not followed by a third.
  std::optional<int> digits() {
    std::size_t i = pos_;
    int v = 0;
    while (i < s_.size() && i < pos_ + 2 && is_digit(s_[i])) v = v * 10 + (s_[i++] - '0');
    if (i == pos_ || (i < s_.size() && is_digit(s_[i]))) return std::nullopt;
    pos_ = i;
    return v;
  }

  /// 1..99 as ASCII digits or a Chinese numeral: 六, 十, 十二, 二十, 三十一.
  std::optional<int> number() {
    if (auto v = digits()) return v;
    const std::size_t start = pos_;
    const std::optional<int> tens = chinese_digit();
    if (eat("十")) {
      int v = (tens ? *tens : 1) * 10;
      if (auto units = chinese_digit()) v += *units;
      return v;
    }
    if (tens) return tens;
    pos_ = start;
    return std::nullopt;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  std::optional<int> chinese_digit() {
    static const std::string_view digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int i = 0; i < 9; ++i)
      if (eat(digits[i])) return i + 1;
    return std::nullopt;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

/// 6月, 6—8月, 6月30日, 6月底 for year y.
std::optional<Period> month_point(Reader& r, int y) {
  const std::size_t start = r.pos();
  auto fail = [&] {
    r.seek(start);
    return std::optional<Period>();
  };
  const std::optional<int> m = r.number();
  if (!m || *m < 1 || *m > 12) return fail();
  if (r.eat_any({"—", "–", "-", "~", "至", "到"})) {  // a run of months: 6—8月
    const std::optional<int> to = r.number();
    if (!to || *to < *m || *to > 12 || !r.eat("月")) return fail();
    r.eat("份");
    r.eat_any({"底", "末"});
    Period p = months(y, *m, *to);
    p.span = true;
    return p;
  }
  if (!r.eat("月")) return fail();
  r.eat("份");
  const std::size_t day_start = r.pos();
  if (const std::optional<int> d = r.number(); d && r.eat_any({"日", "号"})) {
    if (*d < 1 || *d > days_in_month(y, *m)) return fail();
    const Day day{y, *m, *d};
    return Period{day, day, false};
  }
  r.seek(day_start);
  // 上旬 中旬 下旬: the tenth, the twentieth, the month's end.
  if (r.eat("上旬")) return Period{{y, *m, 10}, {y, *m, 10}, false};
  if (r.eat("中旬")) return Period{{y, *m, 20}, {y, *m, 20}, false};
  r.eat_any({"底", "末", "下旬"});
  return months(y, *m, *m);
}

/// One point in time. `inherited` is the year to assume when the text names
/// none; `bare_year` is set for a year without 年 (the 2023 of 2023—2025年).
std::optional<Period> point(Reader& r, std::optional<int> inherited, bool& bare_year) {
  bare_year = false;
  int y = 0;
  bool named = false;  // 年 was read: the year itself may be meant
  if (const std::optional<int> year = r.year()) {
    y = *year;
    named = r.eat("年");
    if (!named) {
      // 2023.6.30, 2023-06-30, 2023/6/30, 2023.6
      const std::size_t after_year = r.pos();
      if (r.eat_any({".", "-", "/"})) {
        if (const std::optional<int> m = r.digits(); m && *m >= 1 && *m <= 12) {
          const std::size_t after_month = r.pos();
          if (r.eat_any({".", "-", "/"})) {
            if (const std::optional<int> d = r.digits(); d && *d >= 1 && *d <= days_in_month(y, *m)) {
              const Day day{y, *m, *d};
              return Period{day, day, false};
            }
            r.seek(after_month);
          }
          return months(y, *m, *m);
        }
      }
      r.seek(after_year);
      bare_year = true;
      return whole_year(y);
    }
  } else if (inherited) {
    y = *inherited;
    named = r.eat("年");  // 年底, 年内 with the year given by the caller
  } else {
    return std::nullopt;
  }

  if (named && r.eat_any({"年底", "年末", "底", "末"})) return Period{{y, 12, 31}, {y, 12, 31}, false};
  if (r.eat("上半年")) return Period{{y, 1, 1}, {y, 6, 30}, false};
  if (r.eat("下半年")) return Period{{y, 7, 1}, {y, 12, 31}, false};
  if (r.eat("全年") || (named && r.eat_any({"年内", "年度", "内", "度"}))) return whole_year(y);

  const std::size_t start = r.pos();
  r.eat("第");
  if (const std::optional<int> q = r.number(); q && *q >= 1 && *q <= 4 && r.eat_any({"季度", "季"})) {
    r.eat_any({"末", "底"});
    return months(y, *q * 3 - 2, *q * 3);
  }
  r.seek(start);
  if (std::optional<Period> p = month_point(r, y)) return p;
  if (named) return whole_year(y);
  return std::nullopt;
}

/// fold_width, without whitespace and trailing punctuation.
std::string normalise(std::string_view text) {
  // A cell without wide forms (2024年6月底前, most) is not copied to be folded.
  std::string wide;
  const std::string_view folded = fold_width(text, wide);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded)
    if (c != ' ' && (c < '\t' || c > '\r')) out.push_back(c);
  for (bool again = true; again;) {
    again = false;
    for (std::string_view tail : {"。", ".", ";", ",", "、"}) {
      if (out.size() >= tail.size() && std::string_view(out).substr(out.size() - tail.size()) == tail) {
        out.resize(out.size() - tail.size());
        again = true;
      }
    }
  }
  return out;
}

}  // namespace

DeadlineValue parse_deadline(std::string_view text, std::optional<int> year) {
  const std::string s = normalise(text);
  Reader r(s);
  r.eat_any({"截至", "截止到", "截止", "于", "在"});
  bool bare = false;
  const std::optional<Period> a = point(r, year, bare);
  if (!a) return {};
  std::optional<Period> b;
  if (r.eat_any({"——", "—", "–", "―", "-", "~", "至", "到"})) {
    bool bare_b = false;
    b = point(r, a->last.y, bare_b);
    if (!b || bare_b) return {};
  }
  r.eat_any({"之前", "以前", "前", "止"});
  // 2024年6月底前启动，年底前完成: the work starts by one date and is done
  // by the next, which is the deadline (its year, when it names none, the
  // first one's).
  std::optional<Period> done_by;
  if (!b && r.eat_any({"启动", "开工", "动工", "开始", "啟動", "開工", "動工", "開始"})) {
    if (!r.eat_any({",", "，", ";", "；"})) return {};
    bool bare_c = false;
    done_by = point(r, a->last.y, bare_c);
    if (!done_by || bare_c || ordinal(done_by->last) < ordinal(a->first)) return {};
    r.eat_any({"之前", "以前", "前", "止"});
  }
  r.eat_any({"完成", "完工", "竣工", "建成"});
  // 2024年6月底前完成，（并）长期坚持: a date, then a form that names none.
  if (!r.done() && r.eat_any({",", "，", ";", "；"})) {
    r.eat_any({"并", "並"});
    if (!r.eat_any(
            {"长期坚持", "持续推进", "长期推进", "常态化推进", "长期", "常态化", "長期堅持", "持續推進", "長期"}))
      return {};
  }
  if (!r.done()) return {};

  DeadlineValue v;
  if (done_by) {
    v.date = iso(done_by->last);
  } else if (b) {
    if (ordinal(b->last) < ordinal(a->first)) return {};
    v.start = iso(a->first);
    v.end = iso(b->last);
  } else if (a->span) {
    v.start = iso(a->first);
    v.end = iso(a->last);
  } else {
    v.date = iso(a->last);
  }
  return v;
}

}  // namespace qingdan::detail
