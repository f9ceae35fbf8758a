// Serialisation to XML with pugixml: an element per record, attributes for
// seq, lines and role, text in elements. Line spans are written "first-last".
#include <pugixml.hpp>

#include <cstdio>
#include <sstream>

#include "qingdan/qingdan.hpp"

namespace qingdan {
namespace {

/// XML 1.0 cannot carry C0 controls other than tab/LF/CR, nor U+FFFE/U+FFFF,
/// even as character references, and a raw CR reads back as LF. These are
/// written as the six characters \uXXXX instead (parse() reports each one in
/// its input as a warning with its line), so the XML is always well-formed
/// and nothing is dropped.
bool xml_invalid(std::uint32_t c) {
  return (c < 0x20 && c != 0x9 && c != 0xA) || c == 0xFFFE || c == 0xFFFF;
}

/// Length of the XML-invalid character at text[i], or 0 when it is fine.
std::size_t invalid_at(const std::string& text, std::size_t i, std::uint32_t& code) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x20) {
    code = b;
    return xml_invalid(b) ? 1 : 0;
  }
  if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
      (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
    code = 0xFFFE | (static_cast<unsigned char>(text[i + 2]) & 1u);
    return 3;
  }
  return 0;
}

std::string xml_safe(const std::string& text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    const std::size_t len = invalid_at(text, i, code);
    if (len == 0) {
      ++i;
      continue;
    }
    out.append(text, copied, i - copied);
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(code));
    out += buf;
    i += len;
    copied = i;
  }
  if (copied == 0) return text;
  out.append(text, copied, std::string::npos);
  return out;
}

std::string span(LineSpan s) {
  return std::to_string(s.first) + "-" + std::to_string(s.last);
}

void set_lines(pugi::xml_node node, LineSpan s) {
  if (!s.empty()) node.append_attribute("lines") = span(s).c_str();
}

void text_child(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(xml_safe(text).c_str());
}

pugi::xml_node write_field(pugi::xml_node parent, const char* name, const Field& f) {
  pugi::xml_node node = parent.append_child(name);
  set_lines(node, f.lines);
  text_child(node, "text", f.text);
  for (std::size_t i = 0; i < f.items.size(); ++i) text_child(node, "item", std::string(f.item(i)));
  return node;
}

void write_row(pugi::xml_node parent, const Row& row, const std::vector<Column>& columns) {
  pugi::xml_node node = parent.append_child("row");
  set_lines(node, row.lines);
  if (row.goal) write_field(node, "goal", *row.goal);
  if (row.annual_target) write_field(node, "annual_target", *row.annual_target);
  if (row.measures) write_field(node, "measures", *row.measures);
  if (row.units) {
    pugi::xml_node u = write_field(node, "units", *row.units);
    for (const auto& n : row.units->lead) text_child(u, "lead", n);
    for (const auto& n : row.units->support) text_child(u, "support", n);
    for (const auto& n : row.units->implementers) text_child(u, "implementer", n);
  }
  if (row.deadline) {
    pugi::xml_node d = write_field(node, "deadline", *row.deadline);
    if (row.deadline->date) d.append_attribute("date") = xml_safe(*row.deadline->date).c_str();
  }
  for (const auto& o : row.other) {
    pugi::xml_node c = write_field(node, "other", o.field);
    c.append_attribute("column") = static_cast<unsigned long long>(o.column);
    if (o.column < columns.size()) c.append_attribute("label") = xml_safe(columns[o.column].label).c_str();
  }
}

void write_columns(pugi::xml_node columns, const std::vector<Column>& cols) {
  for (const auto& c : cols) {
    pugi::xml_node col = columns.append_child("column");
    col.append_attribute("role") = std::string(to_string(c.role)).c_str();
    if (c.year) col.append_attribute("year") = *c.year;
    col.append_child(pugi::node_pcdata).set_value(xml_safe(c.label).c_str());
  }
}

}  // namespace

std::string to_xml_string(const Document& doc, const WriteOptions& options) {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("document");
  pugi::xml_node title = root.append_child("title");
  set_lines(title, doc.title_lines);
  title.append_child(pugi::node_pcdata).set_value(xml_safe(doc.title).c_str());

  pugi::xml_node source = root.append_child("source");
  source.append_attribute("name") = xml_safe(doc.source.name).c_str();
  source.append_attribute("encoding") = xml_safe(doc.source.encoding).c_str();
  source.append_attribute("bytes") = static_cast<unsigned long long>(doc.source.bytes);
  source.append_attribute("lines") = doc.source.lines;

  write_columns(root.append_child("columns"), doc.columns);
  if (!doc.tables.empty()) {  // only in a document of several tables
    pugi::xml_node tables = root.append_child("tables");
    for (const auto& t : doc.tables) {
      pugi::xml_node tn = tables.append_child("table");
      tn.append_attribute("header") = t.header;
      pugi::xml_node title = tn.append_child("title");
      set_lines(title, t.title_lines);
      title.append_child(pugi::node_pcdata).set_value(xml_safe(t.title).c_str());
      write_columns(tn.append_child("columns"), t.columns);
    }
  }

  pugi::xml_node domains = root.append_child("domains");
  for (const auto& d : doc.domains) {
    pugi::xml_node dn = domains.append_child("domain");
    if (d.seq) dn.append_attribute("seq") = *d.seq;
    set_lines(dn, d.lines);
    if (d.table) dn.append_attribute("table") = *d.table;
    text_child(dn, "name", d.name);
    for (const auto& t : d.tasks) {
      pugi::xml_node tn = dn.append_child("task");
      if (t.seq) tn.append_attribute("seq") = *t.seq;
      set_lines(tn, t.lines);
      text_child(tn, "title", t.title);
      if (t.section) {
        pugi::xml_node sn = tn.append_child("section");
        if (t.section->seq) sn.append_attribute("seq") = *t.section->seq;
        sn.append_child(pugi::node_pcdata).set_value(xml_safe(t.section->name).c_str());
      }
      for (const auto& r : t.rows) write_row(tn, r, doc.columns);
    }
  }

  pugi::xml_node diags = root.append_child("diagnostics");
  for (const auto& d : doc.diagnostics) {
    pugi::xml_node dn = diags.append_child("diagnostic");
    dn.append_attribute("severity") = std::string(to_string(d.severity)).c_str();
    dn.append_attribute("line") = d.line;
    dn.append_child(pugi::node_pcdata).set_value(xml_safe(d.message).c_str());
  }

  pugi::xml_node cov = root.append_child("coverage");
  cov.append_attribute("chars") = static_cast<unsigned long long>(doc.coverage.chars);
  cov.append_attribute("in_fields") = static_cast<unsigned long long>(doc.coverage.in_fields);
  cov.append_attribute("furniture") = static_cast<unsigned long long>(doc.coverage.furniture);
  cov.append_attribute("unassigned") = static_cast<unsigned long long>(doc.coverage.unassigned);

  std::ostringstream out;
  const unsigned flags = options.indent < 0 ? pugi::format_raw : pugi::format_indent;
  const std::string indent(options.indent > 0 ? static_cast<std::size_t>(options.indent) : 0, ' ');
  xml.save(out, indent.c_str(), flags, pugi::encoding_utf8);
  std::string s = out.str();
  if (options.indent < 0) s += "\n";
  return s;
}

}  // namespace qingdan
