#include "decide/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "read/decoded_symbol_json.hpp"

namespace gs1inspect::decide {

namespace {

double rounded(double seconds) { return std::round(seconds * 1000) / 1000; }

}  // namespace

std::string wallClockNow() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
}

nlohmann::ordered_json toJson(const CartonRecord& r) {
  nlohmann::ordered_json symbols = nlohmann::ordered_json::array();
  for (const auto& s : r.carton.symbols) {
    const auto full = read::toJson(s.symbol);
    symbols.push_back({{"symbology", full["symbology"]},
                       {"hri", full["hri"]},
                       {"raw", full["raw"]},
                       {"valid", full["valid"]},
                       {"errors", full["errors"]},
                       {"quad", full["quad"]},
                       {"frame", s.frame},
                       {"reads", s.reads}});
  }
  const auto nullable = [](const std::optional<double>& v) {
    return v ? nlohmann::ordered_json(rounded(*v)) : nlohmann::ordered_json();
  };
  return {{"carton", r.carton.id},
          {"verdict", r.verdict.pass() ? "pass" : "divert"},
          {"reason", r.verdict.reason ? nlohmann::ordered_json(reasonName(*r.verdict.reason)) : nlohmann::ordered_json()},
          {"why", r.verdict.why},
          {"frames", r.carton.frames},
          {"symbols", symbols},
          {"first_seen", rounded(r.carton.firstSeenS)},
          {"last_seen", rounded(r.carton.lastSeenS)},
          {"decided_at", rounded(r.decidedAtS)},
          {"divert_at", nullable(r.divertAtS)},
          {"wall", r.wall}};
}

std::unique_ptr<Journal> Journal::open(const std::filesystem::path& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = fmt::format("journal {}: cannot be opened for appending: {}", path.string(), std::strerror(errno));
    return nullptr;
  }
  return std::unique_ptr<Journal>(new Journal(path, fd));
}

Journal::~Journal() { ::close(fd_); }

bool Journal::append(const CartonRecord& record, std::string& error) {
  const std::string line = toJson(record).dump() + "\n";
  std::lock_guard lock(mutex_);
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = fmt::format("journal {}: write failed: {}", path_.string(), std::strerror(errno));
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0) {
    error = fmt::format("journal {}: sync failed: {}", path_.string(), std::strerror(errno));
    return false;
  }
  return true;
}

}  // namespace gs1inspect::decide
