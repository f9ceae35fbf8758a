// qingdan_bench — throughput of the parse pipeline, as a ratio to a floor.
//
// The machine these numbers come from is shared and noisy, so absolute times
// mean little. Every benchmark therefore reports, next to bytes/s, the counter
//
//   x_memchr = its throughput / throughput of a memchr('\n') scan over the
//              same bytes, measured in the same process right before and
//              right after the benchmark's timed loop (CPU time, both)
//
// and a summary table at the end repeats MB/s (10^6 bytes), x_memchr and its
// inverse ("memchr is N times faster"), flags anything under the targets
// (text->JSON 150 MB/s and 1/60 of memchr, text->structs 300 MB/s and 1/31 of
// memchr) and fits a power law
// time ~ bytes^k over every family run at several sizes (k > 1.15 is flagged
// as super-linear).
//
// Benchmarks (names are family/subject[/size]):
//   floor/memchr_lf, floor/utf8_u8next      the two floors over the same bytes
//   e2e/text_to_structs|json|xml/<doc>      every corpus document
//   e2e/text_to_structs|json|xml/<doc>_x50KB each corpus document under 25 KB
//                                           repeated into one of ~50 KB: the
//                                           layout's cost per byte
//   e2e/text_to_structs|json|xml/batch_50MB ~50 MB of corpus documents laid out
//                                           back to back in one buffer, parsed
//                                           as separate documents (a batch job)
//   stage/<stage>/<doc>                     each pipeline stage alone; bytes are
//                                           the document's bytes, so stage MB/s
//                                           add up like the pipeline does
//   write/to_json|to_xml/<doc>              serialisation of a parsed document
//   fold/fold_for_matching/<case>           folding one key or clause for matching
//   complexity/parse_single_doc/<bytes>     one synthetic document, 50 KB..50 MB,
//                                           with a Complexity(oN) fit
//   patho/<shape>/<size>                    adversarial shapes at three sizes
//
// The seed is the first corpus document by name. The synthetic single document
// keeps the seed's title, header, domain and task headings once and repeats
// the cells of every task r times, so each task gets r rows. It is one valid table at any size: renumbering copies of
// the body cannot work, because headings carry at most 2 (domain) and 3 (task) digits, so a valid table tops out at 99
// domains / 999 tasks (~1.8 MB).
//
// Flags (besides Google Benchmark's):
//   --qingdan_no_peak_rss     skip the peak-memory measurement at start-up
//   --qingdan_peak_rss_only   only measure peak memory, then exit
//   --qingdan_write_synthetic=PATH  write the 50 MB synthetic document to PATH
//                             and exit (to measure the qingdan process on it)
// Peak memory: at start-up, before any other large allocation, the 50 MB
// synthetic document is parsed once (then written as JSON) and the growth of
// getrusage().ru_maxrss is reported relative to the input size.
//
// Allocator: the tool's (tools/allocator.cpp: jemalloc, 2 MiB pages, normal
// pages for the 50 MB peak-memory parse as the tool for a document that
// large), except that freed pages stay with the process: a benchmark parses
// the same input thousands of times, and jemalloc returning its pages between
// iterations had large inputs timed re-faulting them (k = 2.0 for
// patho/task_heading_lines), not parsing.
//
// Environment: QINGDAN_CORPUS=<dir> (default: the repository's corpus/).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "allocator.hpp"
#include "qingdan/qingdan.hpp"
#include "stages.hpp"
#include "text_fold.hpp"

namespace {

namespace fs = std::filesystem;
namespace qd = qingdan::detail;

constexpr std::size_t kMB = 1 << 20;
constexpr std::size_t kBatchBytes = 50 * kMB;
constexpr std::size_t kRepeatedBytes = 50 * 1000;

// ---- timing -----------------------------------------------------------------

/// CPU time of this thread: what Google Benchmark's rates use by default, and
/// less disturbed than wall time when another process takes the other core.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// ---- floors -----------------------------------------------------------------

/// Counts '\n' with memchr: the cheapest pass that still looks at every line.
std::size_t memchr_newlines(std::string_view s) {
  std::size_t count = 0;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (!hit) break;
    ++count;
    p = static_cast<const char*>(hit) + 1;
  }
  return count;
}

/// Validates UTF-8 with ICU's U8_NEXT, one code point at a time; returns the
/// number of ill-formed sequences.
std::size_t utf8_errors(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::size_t errors = 0;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    errors += c < 0;
  }
  return errors;
}

/// memchr throughput over `bytes` (bytes per CPU second): the median of at
/// least 3 rounds of at least 2 ms each, about `budget` seconds in all.
///
/// A round is a fixed number of passes between two clock readings, found
/// first by doubling until a round takes 2 ms. (Reading the thread's CPU clock
/// is a system call, ~1.3 µs on this VM: read after every pass, as it was
/// until the seventh session, it added a quarter to a pass over 50 KB and
/// far more to a pass over a few hundred bytes, so the floor came out 20-25 %
/// low at 50 KB and every x_memchr that much too high.)
double measure_floor(std::string_view bytes, double budget) {
  if (bytes.empty()) return 1.0;
  benchmark::DoNotOptimize(memchr_newlines(bytes));  // warm the cache / page in
  auto round = [&](std::size_t passes) {
    const double t0 = thread_cpu_seconds();
    for (std::size_t k = 0; k < passes; ++k) benchmark::DoNotOptimize(memchr_newlines(bytes));
    return thread_cpu_seconds() - t0;
  };
  const double start = thread_cpu_seconds();
  std::size_t passes = 1;
  while (round(passes) < 0.002) passes *= 2;
  std::vector<double> rates;
  while (rates.size() < 3 || (thread_cpu_seconds() - start < budget && rates.size() < 200)) {
    const double seconds = round(passes);
    rates.push_back(static_cast<double>(passes * bytes.size()) / seconds);
  }
  std::nth_element(rates.begin(), rates.begin() + static_cast<std::ptrdiff_t>(rates.size() / 2), rates.end());
  return rates[rates.size() / 2];
}

// ---- inputs -----------------------------------------------------------------

/// Bytes to parse: one document, or several laid out back to back (`docs`).
struct Input {
  std::string bytes;
  std::vector<std::string_view> docs;  ///< views into bytes; one per document
};

struct CorpusDoc {
  std::string name;  ///< file stem
  std::string bytes;
};

std::vector<CorpusDoc> g_corpus;

std::vector<CorpusDoc> load_corpus(const fs::path& dir) {
  std::vector<CorpusDoc> docs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    docs.push_back({entry.path().stem().string(),
                    std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
  }
  std::sort(docs.begin(), docs.end(), [](const CorpusDoc& a, const CorpusDoc& b) { return a.name < b.name; });
  return docs;
}

/// Raw lines of a text, terminators included, split like qd::split_lines.
std::vector<std::string_view> raw_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    lines.push_back(text.substr(start, i + 1 - start));
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

/// The seed cut into fixed text (title, header, headings) and repeatable text
/// (the cells of one task, from its first cell to its last, repeated domain
/// headings of continuation pages included).
class Template {
 public:
  explicit Template(std::string_view seed) {
    qd::Decoded decoded;
    qingdan::ParseError error;
    if (!qd::decode(seed, decoded, error)) {
      parts_.push_back({std::string(seed), true});
      return;
    }
    text_ = decoded.text;
    auto lines = qd::split_lines(text_);
    const auto raw = raw_lines(text_);
    const qd::Furniture furniture = qd::find_furniture(lines);
    std::vector<qingdan::Diagnostic> diagnostics;
    const auto blocks = qd::find_blocks(lines, furniture, diagnostics);
    if (raw.size() != lines.size() || blocks.empty()) {
      parts_.push_back({text_, true});
      return;
    }
    if (furniture.header_line) header_ = std::string(lines[*furniture.header_line].text);
    if (!furniture.title_lines.empty()) title_ = std::string(lines[furniture.title_lines.first - 1].text);

    // Runs of blocks between a task heading and the next task / new domain heading.
    std::vector<int> run_of(lines.size(), -1);
    int run = -1, domain_seq = -1;
    std::size_t run_first = 0, run_last = 0;
    auto close = [&] {
      if (run >= 0)
        for (std::size_t i = run_first; i <= run_last; ++i) run_of[i] = run;
    };
    int next_run = 0;
    bool in_task = false, run_open = false;
    for (const auto& b : blocks) {
      const bool repeat_domain = b.kind == qd::BlockKind::domain_heading && b.seq == domain_seq;
      if (b.kind == qd::BlockKind::task_heading || (b.kind == qd::BlockKind::domain_heading && !repeat_domain)) {
        if (run_open) close();
        run_open = false;
        run = -1;
        in_task = b.kind == qd::BlockKind::task_heading;
        if (b.kind == qd::BlockKind::domain_heading) domain_seq = b.seq;
        continue;
      }
      if (!in_task) continue;
      if (!run_open) {
        run_open = true;
        run = next_run++;
        run_first = b.first;
      }
      run_last = b.last;
    }
    if (run_open) close();

    for (std::size_t i = 0; i < lines.size(); ++i) {
      const bool repeatable = run_of[i] >= 0;
      if (parts_.empty() || parts_.back().repeatable != repeatable ||
          (repeatable && i > 0 && run_of[i - 1] != run_of[i]))
        parts_.push_back({std::string(), repeatable});
      parts_.back().text.append(raw[i]);
    }
    for (auto& p : parts_)
      if (p.repeatable && !p.text.empty() && p.text.back() != '\n' && p.text.back() != '\r') p.text += '\n';
  }

  /// A single document of about `target` bytes: each repeatable part r times,
  /// separated by a blank line.
  std::string build(std::size_t target) const {
    std::size_t fixed = 0, repeat = 0;
    for (const auto& p : parts_) (p.repeatable ? repeat : fixed) += p.text.size() + (p.repeatable ? 1 : 0);
    std::size_t r = 1;
    if (repeat > 0 && target > fixed)
      r = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(double(target - fixed) / double(repeat))));
    std::size_t size = 0;
    for (const auto& p : parts_) size += p.repeatable ? r * p.text.size() + (r - 1) : p.text.size();
    std::string out;
    out.reserve(size);
    for (const auto& p : parts_) {
      if (!p.repeatable) {
        out += p.text;
        continue;
      }
      for (std::size_t k = 0; k < r; ++k) {
        if (k) out += '\n';
        out += p.text;
      }
    }
    return out;
  }

  const std::string& header() const { return header_; }
  const std::string& title() const { return title_; }
  const std::string& text() const { return text_; }

 private:
  struct Part {
    std::string text;
    bool repeatable = false;
  };
  std::vector<Part> parts_;
  std::string text_;
  std::string header_ = "序号 所属领域 重点任务 三年目标 2023年工作目标 2023年具体工作措施 责任单位";
  std::string title_ = "某州基本公共服务提升三年行动2023年度工作要点任务分解清单";
};

const CorpusDoc& seed() {
  return g_corpus.front();
}

const Template& seed_template() {
  static const Template t(seed().bytes);
  return t;
}

/// Title, header row, one domain and one task heading: parsing proceeds past them.
std::string prelude(bool with_headings) {
  const Template& t = seed_template();
  std::string s = t.title() + "\n\n" + t.header() + "\n\n";
  if (with_headings) s += "1 幼有所育\n\n1.加大标准化儿童保健设施建设力度。\n\n";
  return s;
}

std::string repeat_to(std::string_view unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s.append(unit);
  return s;
}

/// Input builders by shape; an input key is "shape:size" (size as the shape
/// defines it), or "doc:<name>", or "batch_50MB". Built on first use and kept.
std::map<std::string, std::function<std::string(std::size_t)>> g_shapes;
std::map<std::string, std::unique_ptr<Input>> g_inputs;

const Input& input(const std::string& key) {
  auto& slot = g_inputs[key];
  if (slot) return *slot;
  slot = std::make_unique<Input>();
  if (key == "batch_50MB") {
    // Corpus documents back to back in one buffer until 50 MB, each parsed on its own.
    std::size_t total = 0;
    std::vector<std::size_t> sizes;
    for (std::size_t k = 0; total < kBatchBytes; ++k) {
      sizes.push_back(g_corpus[k % g_corpus.size()].bytes.size());
      total += sizes.back();
    }
    slot->bytes.reserve(total);
    for (std::size_t k = 0; k < sizes.size(); ++k) slot->bytes += g_corpus[k % g_corpus.size()].bytes;
    std::size_t at = 0;
    for (auto n : sizes) {
      slot->docs.push_back(std::string_view(slot->bytes).substr(at, n));
      at += n;
    }
  } else if (key.rfind("doc:", 0) == 0) {
    for (const auto& d : g_corpus)
      if ("doc:" + d.name == key) slot->bytes = d.bytes;
    slot->docs.push_back(slot->bytes);
  } else if (key.rfind("rep:", 0) == 0) {
    // A small corpus document repeated into one of ~50 KB, blank line between
    // copies: its layout's cost per byte, without the per-document fixed cost.
    for (const auto& d : g_corpus)
      if ("rep:" + d.name == key) slot->bytes = repeat_to(d.bytes + "\n", kRepeatedBytes);
    slot->docs.push_back(slot->bytes);
  } else {
    const auto colon = key.find(':');
    slot->bytes = g_shapes.at(key.substr(0, colon))(std::stoull(key.substr(colon + 1)));
    slot->docs.push_back(slot->bytes);
  }
  return *slot;
}

void register_shapes() {
  // One synthetic document of about n bytes (see Template).
  g_shapes["synthetic"] = [](std::size_t n) { return seed_template().build(n); };
  // One line of n KB: the seed with its line breaks turned into spaces, repeated,
  // as the first cell of a task.
  g_shapes["long_line"] = [](std::size_t kb) {
    std::string flat = seed_template().text();
    std::replace_if(
        flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\f'; }, ' ');
    return prelude(true) + repeat_to(flat, kb << 10) + "\n";
  };
  // n heading-shaped lines, each its own paragraph.
  g_shapes["domain_heading_lines"] = [](std::size_t n) {
    std::string s = prelude(false);
    for (std::size_t k = 0; k < n; ++k) s += std::to_string(k % 99 + 1) + " 幼有所育\n\n";
    return s;
  };
  g_shapes["task_heading_lines"] = [](std::size_t n) {
    std::string s = prelude(false);
    for (std::size_t k = 0; k < n; ++k) s += std::to_string(k % 999 + 1) + ". 提高\n\n";
    return s;
  };
  // A domain heading directly above a task heading: both are accepted while the
  // numbers rise, after that every line is text of the last task.
  g_shapes["domain_task_heading_pairs"] = [](std::size_t n) {
    std::string s = prelude(false);
    for (std::size_t k = 0; k < n / 2; ++k)
      s += std::to_string(k % 99 + 1) + " 幼有所育\n" + std::to_string(k % 999 + 1) + ". 提高\n\n";
    return s;
  };
  // The header row n more times, line after line.
  g_shapes["header_repeated"] = [](std::size_t n) {
    std::string s = prelude(true);
    const std::string line = seed_template().header() + "\n";
    for (std::size_t k = 0; k < n; ++k) s += line;
    return s;
  };
  // n KB of whitespace: ASCII, tab, CR LF, form feed, NBSP, U+3000, U+2003.
  static const std::string ws_lines = " \t \n\r\n\f\xC2\xA0\xE3\x80\x80 \xE2\x80\x83\n  \t\n";
  static const std::string ws_inline = " \t\xC2\xA0\xE3\x80\x80 \xE2\x80\x83  ";
  g_shapes["whitespace_only"] = [](std::size_t kb) { return repeat_to(ws_lines, kb << 10); };
  g_shapes["whitespace_after_header"] = [](std::size_t kb) { return prelude(true) + repeat_to(ws_lines, kb << 10); };
  // n KB of whitespace inside one line of a cell, between two ideographs.
  g_shapes["whitespace_in_cell"] = [](std::size_t kb) {
    return prelude(true) + "州" + repeat_to(ws_inline, kb << 10) + "委\n";
  };
}

// ---- reporting helpers --------------------------------------------------------

/// Brackets the timed loop: the memchr floor over the same bytes is measured
/// right before and right after it (the machine's load drifts; adjacent
/// measurements cancel most of it), and finish() sets bytes/s and x_memchr.
class Meter {
 public:
  explicit Meter(const Input& in) : in_(in), floor_before_(measure_floor(in.bytes, kFloorBudget)) {
    t0_ = thread_cpu_seconds();
  }
  void finish(benchmark::State& state, std::size_t bytes_per_iteration) const {
    const double seconds = thread_cpu_seconds() - t0_;
    const double floor_bps = 0.5 * (floor_before_ + measure_floor(in_.bytes, kFloorBudget));
    const double bytes = static_cast<double>(bytes_per_iteration) * static_cast<double>(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    if (seconds > 0 && floor_bps > 0) state.counters["x_memchr"] = bytes / seconds / floor_bps;
    state.counters["bytes"] = static_cast<double>(bytes_per_iteration);  // for the scaling fit
  }

 private:
  static constexpr double kFloorBudget = 0.015;
  const Input& in_;
  double floor_before_;
  double t0_ = 0;
};

std::string describe(const qingdan::ParseResult& r) {
  std::size_t tasks = 0, rows = 0;
  for (const auto& d : r.document.domains) {
    tasks += d.tasks.size();
    for (const auto& t : d.tasks) rows += t.rows.size();
  }
  return std::string(qingdan::to_string(r.status)) + " d=" + std::to_string(r.document.domains.size()) +
         " t=" + std::to_string(tasks) + " r=" + std::to_string(rows) +
         " diag=" + std::to_string(r.document.diagnostics.size());
}

// ---- benchmarks: floors and end to end -----------------------------------------

void bm_floor_memchr(benchmark::State& state, const std::string& key) {
  const Input& in = input(key);
  Meter m(in);
  for (auto _ : state) benchmark::DoNotOptimize(memchr_newlines(in.bytes));
  m.finish(state, in.bytes.size());
}

void bm_floor_utf8(benchmark::State& state, const std::string& key) {
  const Input& in = input(key);
  if (utf8_errors(in.bytes) != 0) state.SetLabel("input has ill-formed UTF-8");
  Meter m(in);
  for (auto _ : state) benchmark::DoNotOptimize(utf8_errors(in.bytes));
  m.finish(state, in.bytes.size());
}

enum class Output { structs, json, xml };

void bm_end_to_end(benchmark::State& state, const std::string& key, Output output) {
  const Input& in = input(key);
  {
    const auto r = qingdan::parse(in.docs.front());
    state.SetLabel(describe(r) + (in.docs.size() > 1 ? " x" + std::to_string(in.docs.size()) + " docs" : ""));
  }
  Meter m(in);
  for (auto _ : state) {
    for (auto doc : in.docs) {
      qingdan::ParseResult r = qingdan::parse(doc);
      if (output == Output::json) {
        std::string s = qingdan::to_json_string(r.document);
        benchmark::DoNotOptimize(s.data());
      } else if (output == Output::xml) {
        std::string s = qingdan::to_xml_string(r.document);
        benchmark::DoNotOptimize(s.data());
      } else {
        benchmark::DoNotOptimize(r.document.domains.data());
      }
    }
  }
  m.finish(state, in.bytes.size());
}

/// Parse only, one input per size; used by the complexity and pathological families.
void bm_parse_sized(benchmark::State& state, const std::string& prefix) {
  const std::string key = prefix + std::to_string(state.range(0));
  const Input& in = input(key);
  static std::map<std::string, std::string> labels;  // one extra parse per input, not per run
  if (!labels.count(key)) labels[key] = describe(qingdan::parse(in.bytes));
  state.SetLabel(labels[key]);
  Meter m(in);
  for (auto _ : state) {
    qingdan::ParseResult r = qingdan::parse(in.bytes);
    benchmark::DoNotOptimize(r.document.domains.data());
  }
  m.finish(state, in.bytes.size());
  state.SetComplexityN(static_cast<std::int64_t>(in.bytes.size()));
}

// ---- benchmarks: stages ---------------------------------------------------------

/// Every intermediate of one document, computed once.
struct Stages {
  qd::Decoded decoded;
  qd::LineTable lines;      ///< after split_lines
  qd::LineTable furnished;  ///< after find_furniture (glued headers cut)
  qd::Furniture furniture;
  std::vector<qd::Block> blocks;
  std::vector<std::vector<std::string_view>> cells;  ///< content lines of every cell block
  std::vector<std::string> cell_texts;               ///< repair_text of each cell
  std::vector<qingdan::Units> units;                 ///< units cells of the parsed document
  qingdan::Document document;
};

const Stages& stages(const std::string& key) {
  static std::map<std::string, std::unique_ptr<Stages>> cache;
  auto& slot = cache[key];
  if (slot) return *slot;
  slot = std::make_unique<Stages>();
  Stages& s = *slot;
  qingdan::ParseError error;
  qd::decode(input(key).bytes, s.decoded, error);
  s.lines = qd::split_lines(s.decoded.text);
  s.furnished = s.lines;
  s.furniture = qd::find_furniture(s.furnished);
  std::vector<qingdan::Diagnostic> diagnostics;
  s.blocks = qd::find_blocks(s.furnished, s.furniture, diagnostics);
  for (const auto& b : s.blocks) {
    if (b.kind != qd::BlockKind::cell) continue;
    std::vector<std::string_view> texts;
    for (std::size_t i = b.first; i <= b.last; ++i)
      if (s.furniture.kinds[i] == qd::LineKind::content && !qd::is_blank(s.furnished[i].text))
        texts.push_back(s.furnished[i].text);
    if (texts.empty()) continue;
    s.cell_texts.push_back(qd::repair_text(texts));
    s.cells.push_back(std::move(texts));
  }
  s.document = qingdan::parse(input(key).bytes).document;
  for (const auto& d : s.document.domains)
    for (const auto& t : d.tasks)
      for (const auto& r : t.rows)
        if (r.units) s.units.push_back(*r.units);
  return s;
}

enum class Stage {
  decode,
  split_lines,
  find_furniture,
  find_blocks,
  assemble,
  repair_text,
  split_items,
  analyse_units,
  count_chars,
  to_json,
  to_xml
};

/// Folding one matching key or clause (text_fold.hpp), the per-call cost the
/// list and key-value layouts pay for every key, clause and bracket.
void bm_fold(benchmark::State& state, const std::string& text) {
  Input in;
  in.bytes = text;
  in.docs.push_back(in.bytes);
  benchmark::DoNotOptimize(qd::fold_for_matching(text));  // the one-time set-up, untimed
  Meter m(in);
  for (auto _ : state) benchmark::DoNotOptimize(qd::fold_for_matching(in.bytes));
  m.finish(state, in.bytes.size());
}

void bm_stage(benchmark::State& state, const std::string& key, Stage stage) {
  const Input& in = input(key);
  const Stages& s = stages(key);
  Meter m(in);
  switch (stage) {
    case Stage::decode:
      for (auto _ : state) {
        qd::Decoded d;
        qingdan::ParseError e;
        benchmark::DoNotOptimize(qd::decode(in.bytes, d, e));
        benchmark::DoNotOptimize(d.text.data());
      }
      break;
    case Stage::split_lines:
      for (auto _ : state) {
        auto lines = qd::split_lines(s.decoded.text);
        benchmark::DoNotOptimize(lines.size());
      }
      break;
    case Stage::find_furniture:  // includes copying the line table it mutates
      for (auto _ : state) {
        auto lines = s.lines;
        auto f = qd::find_furniture(lines);
        benchmark::DoNotOptimize(f.kinds.data());
      }
      break;
    case Stage::find_blocks:
      for (auto _ : state) {
        std::vector<qingdan::Diagnostic> diagnostics;
        auto blocks = qd::find_blocks(s.furnished, s.furniture, diagnostics);
        benchmark::DoNotOptimize(blocks.data());
      }
      break;
    case Stage::assemble:  // rows, with text repair and field analysis of every cell
      for (auto _ : state) {
        qingdan::Document doc;
        qd::assemble(s.furnished, s.furniture, s.blocks, doc);
        benchmark::DoNotOptimize(doc.domains.data());
      }
      break;
    case Stage::repair_text:
      for (auto _ : state)
        for (const auto& cell : s.cells) {
          std::string t = qd::repair_text(cell);
          benchmark::DoNotOptimize(t.data());
        }
      break;
    case Stage::split_items:
      for (auto _ : state)
        for (const auto& text : s.cell_texts) {
          auto items = qd::split_items(text);
          benchmark::DoNotOptimize(items.data());
        }
      break;
    case Stage::analyse_units:
      for (auto _ : state)
        for (const auto& u : s.units) {
          qingdan::Units copy;
          copy.text = u.text;
          qd::analyse_units(copy);
          benchmark::DoNotOptimize(copy.lead.data());
        }
      break;
    case Stage::count_chars:
      for (auto _ : state) benchmark::DoNotOptimize(qd::count_chars(s.decoded.text));
      break;
    case Stage::to_json:
      for (auto _ : state) {
        std::string j = qingdan::to_json_string(s.document);
        benchmark::DoNotOptimize(j.data());
      }
      break;
    case Stage::to_xml:
      for (auto _ : state) {
        std::string x = qingdan::to_xml_string(s.document);
        benchmark::DoNotOptimize(x.data());
      }
      break;
  }
  m.finish(state, in.bytes.size());
}

// ---- peak memory ----------------------------------------------------------------

struct PeakRss {
  bool measured = false;
  std::size_t input_bytes = 0;
  double baseline_mb = 0, parse_growth_mb = 0, json_growth_mb = 0;
  bool hwm_reset = false;
  std::string label;
};
PeakRss g_peak;

double max_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

/// Parses the 50 MB synthetic document once; ru_maxrss growth over the
/// baseline (input built, allocator trimmed, high-water mark reset if the
/// kernel allows) is what parsing — then writing JSON — needs on top of the input.
void measure_peak_rss() {
  std::string big = seed_template().build(kBatchBytes);
  malloc_trim(0);
  {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";  // reset the peak RSS to the current RSS (Linux >= 4.0)
    clear.flush();
    g_peak.hwm_reset = static_cast<bool>(clear);
  }
  g_peak.input_bytes = big.size();
  g_peak.baseline_mb = max_rss_mb();
  {
    qingdan::ParseResult r = qingdan::parse(big);
    g_peak.parse_growth_mb = max_rss_mb() - g_peak.baseline_mb;
    g_peak.label = describe(r);
    std::string json = qingdan::to_json_string(r.document);
    benchmark::DoNotOptimize(json.data());
    g_peak.json_growth_mb = max_rss_mb() - g_peak.baseline_mb;
  }
  g_peak.measured = true;
  malloc_trim(0);
}

void print_peak_rss(std::ostream& out) {
  if (!g_peak.measured) return;
  const double in_mb = static_cast<double>(g_peak.input_bytes) / double(kMB);
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "Peak RSS, parse of one %.1f MiB synthetic document (%s)%s:\n"
                "  baseline (input held) %.1f MiB; parse adds %.1f MiB = %.2f x input; "
                "parse + to_json_string adds %.1f MiB = %.2f x input\n",
                in_mb, g_peak.label.c_str(), g_peak.hwm_reset ? "" : " [peak not reset: baseline includes set-up]",
                g_peak.baseline_mb, g_peak.parse_growth_mb, g_peak.parse_growth_mb / in_mb, g_peak.json_growth_mb,
                g_peak.json_growth_mb / in_mb);
  out << buf;
}

// ---- summary ----------------------------------------------------------------------

/// Console output as usual, then a table of MB/s and ratios to the floor.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  SummaryReporter() : benchmark::ConsoleReporter(OO_Tabular) {}

  /// One row per benchmark instance: the median aggregate when repetitions
  /// report one, else the median of the repetitions' samples.
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs) {
      if (run.error_occurred) continue;
      if (run.run_type == Run::RT_Aggregate && (run.aggregate_name == "BigO" || run.aggregate_name == "RMS")) {
        big_o_.push_back(run);
        continue;
      }
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      const std::string key = run.run_name.str();
      auto it = std::find_if(rows_.begin(), rows_.end(), [&](const Row& r) { return r.name == key; });
      if (it == rows_.end()) {
        rows_.push_back({key, run.run_name.function_name, {}, false});
        it = rows_.end() - 1;
      }
      auto counter = [&](const char* name) {
        const auto c = run.counters.find(name);
        return c == run.counters.end() ? 0.0 : c->second.value;
      };
      Sample sample{counter("bytes_per_second") / 1e6, counter("x_memchr"), counter("bytes")};
      if (run.run_type == Run::RT_Aggregate) {
        it->samples = {sample};
        it->from_median = true;
      } else if (!it->from_median) {
        it->samples.push_back(sample);
      }
    }
    benchmark::ConsoleReporter::ReportRuns(runs);
  }

  void Finalize() override {
    benchmark::ConsoleReporter::Finalize();
    std::ostream& out = GetOutputStream();
    char buf[512];
    out << "\n==== summary: MB/s = 10^6 bytes per CPU second; x_memchr = throughput / memchr('\\n') over the same "
           "bytes ====\n";
    std::snprintf(buf, sizeof buf, "%-58s %10s %10s %12s  %s\n", "benchmark", "MB/s", "x_memchr", "memchr/this",
                  "flags");
    out << buf;
    for (const auto& r : rows_) {
      const Sample v = r.value();
      std::string flags;
      const bool json = r.family.rfind("e2e/text_to_json", 0) == 0;
      const bool structs =
          r.family.rfind("e2e/text_to_structs", 0) == 0 || r.family.rfind("complexity/parse_single_doc", 0) == 0;
      // Issue 5's targets, each in both of its forms: absolute, and as the
      // share of memchr over the same bytes that the issue names for JSON
      // (1/60); for structs the same share of the memchr figure
      // (300 of ~9,400 MB/s = 1/31). The ratio is the one to trust on a noisy
      // machine; on a document of a few hundred bytes memchr's own per-call
      // cost makes it lenient.
      if (json && v.mbps < 150) flags += "SLOW(<150 MB/s) ";
      if (json && v.x_memchr < 1.0 / 60) flags += "SLOW(<1/60 memchr) ";
      if (structs && v.mbps < 300) flags += "SLOW(<300 MB/s) ";
      if (structs && v.x_memchr < 300.0 / 9400) flags += "SLOW(<1/31 memchr) ";
      std::snprintf(buf, sizeof buf, "%-58s %10.1f %10.5f %12.1f  %s\n", r.name.c_str(), v.mbps, v.x_memchr,
                    v.x_memchr > 0 ? 1.0 / v.x_memchr : 0.0, flags.c_str());
      out << buf;
    }
    // Power-law fit time ~ bytes^k over every family run at several sizes.
    std::map<std::string, std::vector<Sample>> families;
    for (const auto& r : rows_)
      if (r.family.rfind("complexity/", 0) == 0 || r.family.rfind("patho/", 0) == 0)
        families[r.family].push_back(r.value());
    out << "\n==== scaling: k in time ~ bytes^k (1.0 = linear), and MB/s smallest -> largest input ====\n";
    for (const auto& [family, samples] : families) {
      if (samples.size() < 2) continue;
      double sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (const Sample& v : samples) {
        const double x = std::log(v.bytes), y = std::log(v.bytes / (v.mbps * 1e6));
        sx += x, sy += y, sxx += x * x, sxy += x * y;
      }
      const double n = static_cast<double>(samples.size());
      const double k = (n * sxy - sx * sy) / (n * sxx - sx * sx);
      std::snprintf(buf, sizeof buf, "%-44s k=%.3f  %8.1f -> %8.1f MB/s  %s\n", family.c_str(), k, samples.front().mbps,
                    samples.back().mbps, k > 1.15 ? "SUPER-LINEAR" : "");
      out << buf;
    }
    for (const auto& run : big_o_) {
      // BigO: the fitted coefficient in CPU seconds per byte; RMS: relative error of the fit.
      if (run.aggregate_name == "BigO")
        std::snprintf(buf, sizeof buf, "%-44s oN fit: %.3g ns per byte = %.1f MB/s\n",
                      run.run_name.function_name.c_str(), run.cpu_accumulated_time * 1e9,
                      run.cpu_accumulated_time > 0 ? 1e-6 / run.cpu_accumulated_time : 0.0);
      else
        std::snprintf(buf, sizeof buf, "%-44s RMS of the oN fit: %.1f %%\n", run.run_name.function_name.c_str(),
                      run.GetAdjustedCPUTime() * 100);
      out << buf;
    }
    out << "\n";
    print_peak_rss(out);
  }

 private:
  struct Sample {
    double mbps = 0, x_memchr = 0, bytes = 0;
  };
  struct Row {
    std::string name, family;
    std::vector<Sample> samples;
    bool from_median = false;
    /// The median sample by throughput.
    Sample value() const {
      std::vector<Sample> s = samples;
      std::sort(s.begin(), s.end(), [](const Sample& a, const Sample& b) { return a.mbps < b.mbps; });
      return s.empty() ? Sample{} : s[s.size() / 2];
    }
  };
  std::vector<Row> rows_;
  std::vector<Run> big_o_;
};

// ---- registration -------------------------------------------------------------------

void register_benchmarks() {
  std::vector<std::pair<std::string, std::string>> subjects;  // input key, display name
  for (const auto& d : g_corpus) subjects.push_back({"doc:" + d.name, d.name});
  for (const auto& d : g_corpus)
    if (d.bytes.size() < kRepeatedBytes / 2) subjects.push_back({"rep:" + d.name, d.name + "_x50KB"});
  subjects.push_back({"batch_50MB", "batch_50MB"});

  for (const auto& [key, name] : subjects) {
    const bool big = key == "batch_50MB";
    const auto unit = big ? benchmark::kMillisecond : benchmark::kMicrosecond;
    benchmark::RegisterBenchmark(("floor/memchr_lf/" + name).c_str(), bm_floor_memchr, key)->Unit(unit);
    benchmark::RegisterBenchmark(("floor/utf8_u8next/" + name).c_str(), bm_floor_utf8, key)->Unit(unit);
    benchmark::RegisterBenchmark(("e2e/text_to_structs/" + name).c_str(), bm_end_to_end, key, Output::structs)
        ->Unit(unit);
    benchmark::RegisterBenchmark(("e2e/text_to_json/" + name).c_str(), bm_end_to_end, key, Output::json)->Unit(unit);
    benchmark::RegisterBenchmark(("e2e/text_to_xml/" + name).c_str(), bm_end_to_end, key, Output::xml)->Unit(unit);
  }

  const std::pair<const char*, Stage> all_stages[] = {
      {"decode", Stage::decode},
      {"split_lines", Stage::split_lines},
      {"find_furniture", Stage::find_furniture},
      {"find_blocks", Stage::find_blocks},
      {"assemble", Stage::assemble},
      {"repair_text_cells", Stage::repair_text},
      {"split_items_cells", Stage::split_items},
      {"analyse_units", Stage::analyse_units},
      {"count_chars", Stage::count_chars},
  };
  for (const auto& d : g_corpus) {
    for (const auto& [stage_name, stage] : all_stages)
      benchmark::RegisterBenchmark((std::string("stage/") + stage_name + "/" + d.name).c_str(), bm_stage,
                                   "doc:" + d.name, stage)
          ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("write/to_json/" + d.name).c_str(), bm_stage, "doc:" + d.name, Stage::to_json)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("write/to_xml/" + d.name).c_str(), bm_stage, "doc:" + d.name, Stage::to_xml)
        ->Unit(benchmark::kMicrosecond);
  }

  const std::pair<const char*, const char*> fold_cases[] = {
      {"simplified_key_4", "牵头单位"},
      {"traditional_key_4", "牽頭單位"},
      {"full_width_clause_16", "（牵头单位：州民政局；配合单位：各县市）"},
      {"simplified_clause_18", "州民政局牵头，各县市人民政府负责落实"},
      {"simplified_clause_36", "州卫生健康委牵头，州发展改革委、州财政局、州人力资源社会保障局按职能配合"},
      {"phrase_icu_rewrites_6", "加强巡察工作"},
      {"traditional_clause_36", "州衛生健康委牽頭，州發展改革委、州財政局、州人力資源社會保障局按職能配合"},
  };
  for (const auto& [name, text] : fold_cases)
    benchmark::RegisterBenchmark((std::string("fold/fold_for_matching/") + name).c_str(), bm_fold, std::string(text))
        ->Unit(benchmark::kNanosecond);

  // Sizes 50 KiB, 256 KiB, 2 MiB, 16 MiB, 50 MiB.
  benchmark::RegisterBenchmark("complexity/parse_single_doc", bm_parse_sized, std::string("synthetic:"))
      ->RangeMultiplier(8)
      ->Range(50 << 10, 50 << 20)
      ->Complexity(benchmark::oN)
      ->Unit(benchmark::kMillisecond);

  // Pathological shapes at three sizes each (the brief's size is the largest):
  // the time must grow linearly, i.e. MB/s must stay flat.
  struct Patho {
    const char* name;
    std::int64_t size;  ///< the largest; the others are 1/4 and 1/2 of it
  };
  const Patho pathos[] = {
      {"long_line", 10240},                   // KB in one line (+ title, header, headings)
      {"domain_heading_lines", 200000},       // "1 幼有所育" lines
      {"task_heading_lines", 200000},         // "12. 提高" lines
      {"domain_task_heading_pairs", 200000},  // lines, alternating the two
      {"header_repeated", 100000},            // header rows
      {"whitespace_only", 1024},              // KB
      {"whitespace_after_header", 1024},      // KB
      {"whitespace_in_cell", 1024},           // KB in one line
  };
  for (const auto& p : pathos)
    benchmark::RegisterBenchmark((std::string("patho/") + p.name).c_str(), bm_parse_sized, std::string(p.name) + ":")
        ->Arg(p.size / 4)
        ->Arg(p.size / 2)
        ->Arg(p.size)
        ->Complexity(benchmark::oN)
        ->Unit(benchmark::kMillisecond);
}

std::string g_write_synthetic;  // --qingdan_write_synthetic=PATH

/// Removes our own flags from argv; returns {no_peak, peak_only}.
std::pair<bool, bool> take_own_flags(int& argc, char** argv) {
  bool no_peak = false, peak_only = false;
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    constexpr std::string_view write_flag = "--qingdan_write_synthetic=";
    if (a.substr(0, write_flag.size()) == write_flag)
      g_write_synthetic = std::string(a.substr(write_flag.size()));
    else if (a == "--qingdan_no_peak_rss")
      no_peak = true;
    else if (a == "--qingdan_peak_rss_only")
      peak_only = true;
    else
      argv[out++] = argv[i];
  }
  argc = out;
  return {no_peak, peak_only};
}

}  // namespace

int main(int argc, char** argv) {
  const auto [no_peak, peak_only] = take_own_flags(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  const char* env = std::getenv("QINGDAN_CORPUS");
  const fs::path corpus_dir = env && *env ? fs::path(env) : fs::path(QINGDAN_CORPUS_DIR);
  g_corpus = load_corpus(corpus_dir);
  if (!g_write_synthetic.empty()) {
    std::ofstream out(g_write_synthetic, std::ios::binary);
    const std::string big = seed_template().build(kBatchBytes);
    out.write(big.data(), static_cast<std::streamsize>(big.size()));
    return out ? 0 : 1;
  }
  if (g_corpus.empty()) {
    std::cerr << "qingdan_bench: no *.txt documents in " << corpus_dir << " (set QINGDAN_CORPUS)\n";
    return 2;
  }

  // First, while the process is still small: peak memory of a 50 MB parse,
  // with normal pages as the tool parses a document that large.
  qingdan_cli::allocator::keep_freed_pages();
  if (!no_peak || peak_only) {
    qingdan_cli::allocator::pages_for_document(kBatchBytes);
    measure_peak_rss();
    qingdan_cli::allocator::large_pages_for_workers();
  }
  if (peak_only) {
    print_peak_rss(std::cout);
    return 0;
  }

  std::cout << "corpus " << corpus_dir.string() << ":";
  for (const auto& d : g_corpus) std::cout << " " << d.name << " (" << d.bytes.size() << " B)";
  std::cout << "\n";
  register_shapes();
  register_benchmarks();
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
