// xml-fidelity: every string and number of a Document reads back unchanged
// from the XML writer's output through pugixml. Used by parse_fuzzer and
// xml_fuzzer.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan_fuzz {

/// The XML writer's documented convention: characters XML 1.0 cannot carry
/// faithfully (C0 controls other than tab and LF, CR, U+FFFE, U+FFFF) are
/// written as the six characters \uXXXX. This is the text a reader must see.
inline std::string spelled(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    unsigned code = 0x110000;
    std::size_t len = 1;
    if (b < 0x20 && b != 0x9 && b != 0xA) {
      code = b;
    } else if (b == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
      code = 0xFFFEu | (static_cast<unsigned char>(s[i + 2]) & 1u);
      len = 3;
    }
    if (code == 0x110000) {
      out.push_back(s[i]);
      continue;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04X", code);
    out += buf;
    i += len - 1;
  }
  return out;
}

/// pugixml flags for reading back: whitespace-only text that is an
/// element's only child is data (a title of two spaces); indentation between
/// elements is not.
inline constexpr unsigned kXmlReadFlags = pugi::parse_default | pugi::parse_ws_pcdata_single;

/// Compares what the XML says with what the Document holds.
class Fidelity {
 public:
  explicit Fidelity(const qingdan::Document& d) : d_(d) {}

  void check(const pugi::xml_document& xml) {
    const pugi::xml_node root = xml.child("document");
    if (!root) fail("root", "no <document>", "");
    const pugi::xml_node title = root.child("title");
    text("title", d_.title, title);
    lines("title@lines", d_.title_lines, title);
    const pugi::xml_node source = root.child("source");
    same("source@name", d_.source.name, source.attribute("name").value());
    same("source@encoding", d_.source.encoding, source.attribute("encoding").value());
    same("source@bytes", std::to_string(d_.source.bytes), source.attribute("bytes").value());
    same("source@lines", std::to_string(d_.source.lines), source.attribute("lines").value());

    columns(d_.columns, root.child("columns"));
    // <tables> only when the document has any.
    if (d_.tables.empty() && root.child("tables")) fail("tables", "no <tables>", "<tables>");
    std::vector<pugi::xml_node> tables = children(root.child("tables"), "table", d_.tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
      const qingdan::Table& t = d_.tables[i];
      text("table/title", t.title, tables[i].child("title"));
      lines("table/title@lines", t.title_lines, tables[i].child("title"));
      same("table@header", std::to_string(t.header), tables[i].attribute("header").value());
      columns(t.columns, tables[i].child("columns"));
    }
    std::vector<pugi::xml_node> doms = children(root.child("domains"), "domain", d_.domains.size());
    for (std::size_t i = 0; i < doms.size(); ++i) {
      const qingdan::Domain& dom = d_.domains[i];
      seq("domain@seq", dom.seq, doms[i]);
      lines("domain@lines", dom.lines, doms[i]);
      same("domain@table", dom.table ? std::to_string(*dom.table) : "", doms[i].attribute("table").value());
      text("domain/name", dom.name, doms[i].child("name"));
      std::vector<pugi::xml_node> tasks = children(doms[i], "task", dom.tasks.size());
      for (std::size_t k = 0; k < tasks.size(); ++k) task(dom.tasks[k], tasks[k]);
    }
    std::vector<pugi::xml_node> diags = children(root.child("diagnostics"), "diagnostic", d_.diagnostics.size());
    for (std::size_t i = 0; i < diags.size(); ++i) {
      const qingdan::Diagnostic& dg = d_.diagnostics[i];
      text("diagnostic", dg.message, diags[i]);
      same("diagnostic@severity", std::string(qingdan::to_string(dg.severity)), diags[i].attribute("severity").value());
      same("diagnostic@line", std::to_string(dg.line), diags[i].attribute("line").value());
    }
    const pugi::xml_node cov = root.child("coverage");
    same("coverage@chars", std::to_string(d_.coverage.chars), cov.attribute("chars").value());
    same("coverage@in_fields", std::to_string(d_.coverage.in_fields), cov.attribute("in_fields").value());
    same("coverage@furniture", std::to_string(d_.coverage.furniture), cov.attribute("furniture").value());
    same("coverage@unassigned", std::to_string(d_.coverage.unassigned), cov.attribute("unassigned").value());
  }

 private:
  void columns(const std::vector<qingdan::Column>& want, pugi::xml_node parent) {
    std::vector<pugi::xml_node> cols = children(parent, "column", want.size());
    for (std::size_t i = 0; i < cols.size(); ++i) {
      text("column", want[i].label, cols[i]);
      same("column@role", std::string(qingdan::to_string(want[i].role)), cols[i].attribute("role").value());
      same("column@year", want[i].year ? std::to_string(*want[i].year) : "", cols[i].attribute("year").value());
    }
  }
  [[noreturn]] void fail(const char* where, const std::string& want, const std::string& got) {
    std::size_t at = 0;
    while (at < want.size() && at < got.size() && want[at] == got[at]) ++at;
    violated("xml-fidelity", std::string(where) + ": differs at byte " + std::to_string(at) + " of " +
                                 std::to_string(want.size()) + ": wrote \"" + excerpt(want, at, 40) +
                                 "\", read back \"" + excerpt(got, at, 40) + "\"");
  }
  void same(const char* where, const std::string& raw, const std::string& got) {
    const std::string want = spelled(raw);
    if (want != got) fail(where, want, got);
  }
  void text(const char* where, const std::string& want, pugi::xml_node node) {
    if (!node) fail(where, want, "<element missing>");
    same(where, want, node.child_value());
  }
  void lines(const char* where, qingdan::LineSpan s, pugi::xml_node node) {
    same(where, s.empty() ? "" : std::to_string(s.first) + "-" + std::to_string(s.last),
         node.attribute("lines").value());
  }
  void seq(const char* where, const std::optional<int>& v, pugi::xml_node node) {
    same(where, v ? std::to_string(*v) : "", node.attribute("seq").value());
  }
  std::vector<pugi::xml_node> children(pugi::xml_node parent, const char* name, std::size_t want) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c : parent.children(name)) out.push_back(c);
    if (out.size() != want) fail(name, std::to_string(want) + " elements", std::to_string(out.size()));
    return out;
  }
  void field(const char* where, const qingdan::Field& f, pugi::xml_node node) {
    if (!node) fail(where, "element", "<element missing>");
    lines(where, f.lines, node);
    text(where, f.text, node.child("text"));
    std::vector<pugi::xml_node> items = children(node, "item", f.items.size());
    for (std::size_t i = 0; i < items.size(); ++i) text("item", std::string(f.item(i)), items[i]);
  }
  void names(const char* name, const std::vector<std::string>& want, pugi::xml_node node) {
    std::vector<pugi::xml_node> got = children(node, name, want.size());
    for (std::size_t i = 0; i < got.size(); ++i) text(name, want[i], got[i]);
  }
  void task(const qingdan::Task& t, pugi::xml_node node) {
    seq("task@seq", t.seq, node);
    lines("task@lines", t.lines, node);
    text("task/title", t.title, node.child("title"));
    if (t.section) {
      const pugi::xml_node sn = node.child("section");
      text("task/section", t.section->name, sn);
      seq("task/section@seq", t.section->seq, sn);
    }
    std::vector<pugi::xml_node> rows = children(node, "row", t.rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const qingdan::Row& r = t.rows[i];
      lines("row@lines", r.lines, rows[i]);
      if (r.goal) field("goal", *r.goal, rows[i].child("goal"));
      if (r.annual_target) field("annual_target", *r.annual_target, rows[i].child("annual_target"));
      if (r.measures) field("measures", *r.measures, rows[i].child("measures"));
      if (r.units) {
        const pugi::xml_node u = rows[i].child("units");
        field("units", *r.units, u);
        names("lead", r.units->lead, u);
        names("support", r.units->support, u);
        names("implementer", r.units->implementers, u);
      }
      if (r.deadline) {
        field("deadline", *r.deadline, rows[i].child("deadline"));
        same("deadline@date", r.deadline->date.value_or(""), rows[i].child("deadline").attribute("date").value());
      }
      std::vector<pugi::xml_node> others = children(rows[i], "other", r.other.size());
      for (std::size_t k = 0; k < others.size(); ++k) {
        const qingdan::OtherCell& o = r.other[k];
        field("other", o.field, others[k]);
        same("other@column", std::to_string(o.column), others[k].attribute("column").value());
        if (o.column < d_.columns.size())
          same("other@label", d_.columns[o.column].label, others[k].attribute("label").value());
      }
    }
  }

  const qingdan::Document& d_;
};

}  // namespace qingdan_fuzz
