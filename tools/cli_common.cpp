#include "cli_common.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace qingdan_cli {

std::string check_byte_count(const std::string& value) {
  const bool digits =
      !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? std::string() : value + " is no number of bytes (digits only)";
}

std::string check_encoding(const std::string& value) {
  if (qingdan::is_known_encoding(value)) return std::string();
  return "unknown encoding \"" + value +
         "\" (expected UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK, GB2312, Big5 or Big5-HKSCS)";
}

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

/// What a write to `path` replaces: the file a symbolic link points to, not
/// the link (a rename onto the link made it a regular file and left the file
/// it pointed to as it was); `path` itself otherwise.
std::string replaced_file(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
  return real ? std::string(real.get()) : path;
}

/// The new file keeps the permissions of the one it replaces (a rename gave
/// it the umask's: a 600 file became 644).
void keep_mode_of(const std::string& target, int fd) {
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) ::fchmod(fd, st.st_mode & 07777);
}

/// A temporary name next to `path`, unique within this process and across processes.
std::string temp_name(const std::string& path) {
  static std::atomic<unsigned long> counter{0};
  return path + ".tmp-qingdan-" + std::to_string(static_cast<long>(::getpid())) + "-" +
         std::to_string(counter.fetch_add(1));
}

// ---- temporaries removed when the process is killed ----------------------
//
// SIGINT, SIGTERM or SIGHUP would leave a half-written temporary (tens of MB
// for a batch) next to the target, under a name nothing ever removes. The
// handler unlinks the live ones and dies by the same signal, so the status a
// shell sees stays 128+n. It runs in the middle of anything, on any thread,
// while the other threads go on: it only reads lock-free atomics and calls
// unlink, nanosleep, sigaction, raise and pthread_sigmask.
//
// Each temporary has a slot. kBusy: its owner is creating the file (path
// set) or is in the middle of taking the slot; the handler waits for it,
// otherwise a file created just after the handler looked would outlive the
// process. Signals are blocked on the owner's thread meanwhile, so the
// handler never waits for its own thread. kLive: the file may exist; the
// handler claims the slot (kClaimed) before it reads the path, and a
// release that loses that race leaks the path's copy instead of freeing
// memory the handler may be reading.
enum SlotState : int { kFree, kBusy, kLive, kClaimed };
struct TempSlot {
  std::atomic<int> state{kFree};
  std::atomic<const char*> path{nullptr};
};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<const char*>::is_always_lock_free,
              "the signal handler needs lock-free atomics");
// -j is at most 1024: one temporary per thread at a time, plus the stream.
constexpr int kTempSlots = 2048;
TempSlot g_temp_slots[kTempSlots];
std::atomic<int> g_cleanup{0};  // 0, 1: a handler is removing the temporaries, 2: done

constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP};

void sleep_a_millisecond() {
  const timespec ms{0, 1000 * 1000};
  ::nanosleep(&ms, nullptr);
}

void remove_live_temporaries() {
  // A creation takes microseconds; the budget is for an open(2) stuck on a
  // dead network file system, which must not keep a killed process alive.
  int budget_ms = 2000;
  for (TempSlot& slot : g_temp_slots) {
    while (slot.state.load() == kBusy && budget_ms > 0) {
      sleep_a_millisecond();
      --budget_ms;
    }
    int expected = kLive;
    if (slot.state.compare_exchange_strong(expected, kClaimed)) ::unlink(slot.path.load());
  }
}

void on_fatal_signal(int sig) {
  const int saved_errno = errno;
  int expected = 0;
  if (g_cleanup.compare_exchange_strong(expected, 1)) {
    remove_live_temporaries();
    g_cleanup.store(2);
  } else {
    // Another thread took another of the signals: let it finish first.
    for (int i = 0; i < 3000 && g_cleanup.load() != 2; ++i) sleep_a_millisecond();
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(sig, &dfl, nullptr);
  ::raise(sig);  // pending while the handler blocks it; delivered by the unblocking
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  errno = saved_errno;
}

/// Only over the default action: a signal the parent ignores (nohup, a
/// background job of a script) stays ignored.
bool install_fatal_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sigemptyset(&sa.sa_mask);
  for (const int sig : kFatalSignals) sigaddset(&sa.sa_mask, sig);
  sa.sa_flags = SA_RESTART;
  for (const int sig : kFatalSignals) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO))
      ::sigaction(sig, &sa, nullptr);
  }
  return true;
}

/// Creates the temporary file `path` (O_EXCL) registered for removal by the
/// signal handler; `slot` is for release_temporary(). Returns the file
/// descriptor, or -1 with errno set.
int create_temporary(const std::string& path, int& slot) {
  static const bool installed = install_fatal_signal_handlers();
  (void)installed;
  sigset_t fatal, old;
  sigemptyset(&fatal);
  for (const int sig : kFatalSignals) sigaddset(&fatal, sig);
  ::pthread_sigmask(SIG_BLOCK, &fatal, &old);
  slot = -1;
  for (int i = 0; i < kTempSlots; ++i) {
    int expected = kFree;
    if (g_temp_slots[i].state.compare_exchange_strong(expected, kBusy)) {
      slot = i;
      break;
    }
  }
  // All slots taken cannot happen within -j's bound; the file is then only
  // not removed on a signal.
  std::unique_ptr<char[]> copy;
  if (slot >= 0) {
    copy.reset(new char[path.size() + 1]);
    std::memcpy(copy.get(), path.c_str(), path.size() + 1);
    g_temp_slots[slot].path.store(copy.get());
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  const int open_errno = errno;
  if (slot >= 0) {
    if (fd >= 0) {
      copy.release();  // owned by the slot until release_temporary()
      g_temp_slots[slot].state.store(kLive);
    } else {
      g_temp_slots[slot].state.store(kFree);
      slot = -1;
    }
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = open_errno;
  return fd;
}

/// The temporary a write to `path` goes through until it is renamed onto
/// `target` (the file `path` names, through a symbolic link): created next
/// to it with the permissions of the file it replaces. The descriptor, or
/// -1 with errno set.
int create_replacement(const std::string& path, std::string& target, std::string& tmp, int& slot) {
  target = replaced_file(path);
  tmp = temp_name(target);
  const int fd = create_temporary(tmp, slot);
  if (fd >= 0) keep_mode_of(target, fd);
  return fd;
}

/// After the temporary was renamed or removed.
void release_temporary(int& slot) {
  if (slot < 0) return;
  TempSlot& s = g_temp_slots[slot];
  const char* path = s.path.load();
  int expected = kLive;
  // Lost to the handler: it may be reading the path, and the process is
  // about to die anyway.
  if (s.state.compare_exchange_strong(expected, kFree)) delete[] path;
  slot = -1;
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
  // "-" is standard input itself, not /dev/stdin opened again: that fails on
  // a socket, and starts a file the caller has read part of over from its
  // beginning.
  const bool standard_input = path == "-";
  const int fd = standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno_text("cannot open");
    return ReadStatus::io_error;
  }
  auto done = [&] {
    if (!standard_input) ::close(fd);
  };
  auto too_large = [&](std::string message) {
    done();
    bytes.clear();
    error = std::move(message) + " (--max-input-bytes)";
    return ReadStatus::too_large;
  };
  struct stat st {};
  std::uint64_t limit = max_bytes == UINT64_MAX ? max_bytes : max_bytes + 1;
  std::size_t hint = 1 << 16;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const off_t at = standard_input ? ::lseek(fd, 0, SEEK_CUR) : 0;
    const auto size = static_cast<std::uint64_t>(st.st_size - (at > 0 && at <= st.st_size ? at : 0));
    if (size > max_bytes)
      return too_large("input is " + std::to_string(size) + " bytes, more than the limit of " +
                       std::to_string(max_bytes));
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
      done();
      bytes.clear();
      return ReadStatus::io_error;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  // A pipe or a device: what is beyond the limit is not read, so its size is
  // not known (the message said 'input is LIMIT+1 bytes' before).
  if (got > max_bytes) return too_large("input is more than the limit of " + std::to_string(max_bytes) + " bytes");
  bytes.resize(got);
  done();
  return ReadStatus::ok;
}

bool write_file_atomic(const std::string& path_given, std::string_view text, std::string& error) {
  std::string path, tmp;
  int slot = -1;
  const int fd = create_replacement(path_given, path, tmp, slot);
  if (fd < 0) {
    error = errno_text("cannot create (a temporary file in its directory)");
    return false;
  }
  const bool written = write_all(fd, text.data(), text.size());
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  bool ok = true;
  if (!written || !closed) {
    error = std::string("write error: ") + std::strerror(written ? errno : write_errno);
    ok = false;
  } else if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = errno_text("cannot replace");
    ok = false;
  }
  if (!ok) ::unlink(tmp.c_str());
  release_temporary(slot);
  return ok;
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
    fd = create_replacement(path, target_, tmp_, slot_);
  }
  if (fd < 0) {
    error = path + ": " + errno_text(special ? "cannot open" : "cannot create (a temporary file in its directory)");
    tmp_.clear();
    return false;
  }
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    error = path + ": " + errno_text("cannot open");
    ::close(fd);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    release_temporary(slot_);
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
    release_temporary(slot_);
    tmp_.clear();
    return false;
  }
  if (!tmp_.empty()) {
    if (std::rename(tmp_.c_str(), target_.c_str()) != 0) {
      error = path_ + ": " + errno_text("cannot replace");
      ::unlink(tmp_.c_str());
      ok = false;
    }
    release_temporary(slot_);
    tmp_.clear();
  }
  return ok;
}

void OutputStream::discard() {
  if (file_ && owned_) std::fclose(file_);
  file_ = nullptr;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  release_temporary(slot_);
  tmp_.clear();
}

}  // namespace qingdan_cli
