#include "cli_common.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace qingdan_cli {

std::string check_indent(const std::string& value) {
  try {
    std::size_t used = 0;
    const long long n = std::stoll(value, &used);
    if (used == value.size() && n > kMaxIndent)
      return value + " is more than " + std::to_string(kMaxIndent) + " (negative: one line)";
  } catch (const std::exception&) {
    // Not a number: CLI11's conversion says so.
  }
  return std::string();
}

std::string version_text() {
  UVersionInfo icu, unicode;
  u_getVersion(icu);
  u_getUnicodeVersion(unicode);
  char icu_text[U_MAX_VERSION_STRING_LENGTH], unicode_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  u_versionToString(unicode, unicode_text);
  return std::string("qingdan ") + QINGDAN_VERSION + " (ICU " + icu_text + ", Unicode " + unicode_text + ")";
}

namespace {

std::string errno_text(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

/// A temporary name next to `path`, unique within this process and across processes.
std::string temp_name(const std::string& path) {
  static std::atomic<unsigned long> counter{0};
  return path + ".tmp-qingdan-" + std::to_string(static_cast<long>(::getpid())) + "-" +
         std::to_string(counter.fetch_add(1));
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

ReadStatus read_file(const std::string& path, std::uint64_t max_bytes, std::string& bytes, std::string& error) {
  bytes.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno_text("cannot open");
    return ReadStatus::io_error;
  }
  struct stat st {};
  std::uint64_t limit = max_bytes == UINT64_MAX ? max_bytes : max_bytes + 1;
  std::size_t hint = 1 << 16;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_bytes) {
      ::close(fd);
      error = "input is " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(max_bytes) +
              " (--max-input-bytes)";
      return ReadStatus::too_large;
    }
    hint = static_cast<std::size_t>(size) + 1;  // +1: the read that finds the end needs room
  }
  // One loop for files and pipes, reading straight into the string: a
  // regular file's size gives the room at once, anything else grows.
  bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(limit, hint)));
  std::size_t got = 0;
  while (got < limit) {
    if (got == bytes.size()) bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(limit, 2 * bytes.size())));
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_text("read error");
      ::close(fd);
      bytes.clear();
      return ReadStatus::io_error;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  ::close(fd);
  return ReadStatus::ok;
}

bool write_file_atomic(const std::string& path, std::string_view text, std::string& error) {
  const std::string tmp = temp_name(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    error = errno_text("cannot create");
    return false;
  }
  const bool written = write_all(fd, text.data(), text.size());
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    error = std::string("write error: ") + std::strerror(written ? errno : write_errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = errno_text("cannot replace");
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

std::string diagnostic_line(std::string_view name, const qingdan::Diagnostic& d) {
  std::string line;
  line.reserve(name.size() + d.message.size() + 24);
  line.append(name).append(":").append(std::to_string(d.line)).append(": ");
  line.append(qingdan::to_string(d.severity)).append(": ").append(d.message).append("\n");
  return line;
}

Counts count(const qingdan::Document& document) {
  Counts c;
  for (const auto& domain : document.domains)
    for (const auto& task : domain.tasks) c.rows += task.rows.size();
  for (const auto& d : document.diagnostics) {
    if (d.severity == qingdan::Severity::warning) ++c.warnings;
    if (d.severity == qingdan::Severity::error) ++c.errors;
  }
  return c;
}

OutputStream::~OutputStream() {
  discard();
}

bool OutputStream::open(const std::string& path, std::string& error) {
  path_ = path;
  if (path == "-") {
    file_ = stdout;
    owned_ = false;
    return true;
  }
  struct stat st {};
  const bool special = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
  int fd;
  if (special) {
    fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  } else {
    tmp_ = temp_name(path);
    fd = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  }
  if (fd < 0) {
    error = path + ": " + errno_text("cannot create");
    tmp_.clear();
    return false;
  }
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    error = path + ": " + errno_text("cannot open");
    ::close(fd);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    tmp_.clear();
    return false;
  }
  owned_ = true;
  return true;
}

bool OutputStream::write(std::string_view text) {
  return std::fwrite(text.data(), 1, text.size(), file_) == text.size();
}

bool OutputStream::flush() {
  return std::fflush(file_) == 0;
}

bool OutputStream::commit(std::string& error) {
  if (!file_) return true;
  bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
  if (owned_) ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    error = (path_ == "-" ? std::string("standard output") : path_) + ": " + errno_text("write error");
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    tmp_.clear();
    return false;
  }
  if (!tmp_.empty()) {
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
      error = path_ + ": " + errno_text("cannot replace");
      ::unlink(tmp_.c_str());
      tmp_.clear();
      return false;
    }
    tmp_.clear();
  }
  return true;
}

void OutputStream::discard() {
  if (file_ && owned_) std::fclose(file_);
  file_ = nullptr;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  tmp_.clear();
}

}  // namespace qingdan_cli
