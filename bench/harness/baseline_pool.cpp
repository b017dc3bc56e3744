#include "harness/baseline_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <string>

#include "read/zxing_call.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::harness {

namespace {

using Clock = std::chrono::steady_clock;

// What ZXing returned for one symbol, before normalisation.
struct RawResult {
  std::string format;
  std::string symbologyId;
  std::string text;
  int corners[8] = {};
};

// The baseline's call: the whole frame, GS1 formats, tryHarder + tryRotate,
// up to 255 symbols. Returns the time of the call alone.
double zxingWholeFrame(const cv::Mat& frame, std::vector<RawResult>& out) {
  const auto start = Clock::now();
  const auto results = read::decodeWholeFrameUnguarded(frame);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  for (const auto& r : results) {
    if (!r.isValid()) continue;
    RawResult raw;
    raw.format = ZXing::ToString(r.format());
    raw.symbologyId = r.symbologyIdentifier();
    // DataBar Expanded: ZXing 1.4 gives bracketed text; the others: bytes.
    const auto& bytes = r.bytes();
    raw.text = r.format() == ZXing::BarcodeFormat::DataBarExpanded || bytes.empty()
                   ? r.text()
                   : std::string(bytes.begin(), bytes.end());
    for (std::size_t i = 0; i < 4; ++i) {
      raw.corners[2 * i] = r.position()[i].x;
      raw.corners[2 * i + 1] = r.position()[i].y;
    }
    out.push_back(std::move(raw));
  }
  return ms;
}

read::DecodedSymbol normalise(const RawResult& raw, const gs1::ParseOptions& options) {
  auto symbol = read::normaliseDecoded(raw.format, raw.symbologyId, raw.text, options);
  for (std::size_t i = 0; i < 4; ++i) {
    symbol.quad[i] = {static_cast<float>(raw.corners[2 * i]), static_cast<float>(raw.corners[2 * i + 1])};
  }
  symbol.strategy = "zxing-whole-frame";
  return symbol;
}

bool writeAll(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool readAll(int fd, void* data, std::size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void appendString(std::string& out, const std::string& s) {
  const auto size = static_cast<std::uint32_t>(s.size());
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out += s;
}

bool readString(int fd, std::string& s) {
  std::uint32_t size = 0;
  if (!readAll(fd, &size, sizeof size) || size > (1u << 24)) return false;
  s.resize(size);
  return size == 0 || readAll(fd, s.data(), size);
}

// Reads one response: time and raw results.
bool readResponse(int fd, double& ms, std::vector<RawResult>& results) {
  std::uint32_t count = 0;
  if (!readAll(fd, &ms, sizeof ms) || !readAll(fd, &count, sizeof count) || count > 4096) return false;
  results.resize(count);
  for (auto& r : results) {
    if (!readString(fd, r.format) || !readString(fd, r.symbologyId) || !readString(fd, r.text) ||
        !readAll(fd, r.corners, sizeof r.corners)) {
      return false;
    }
  }
  return true;
}

}  // namespace

BaselineFrame readWholeFrame(const cv::Mat& frame, const gs1::ParseOptions& options) {
  std::vector<RawResult> raw;
  BaselineFrame out;
  out.ms = zxingWholeFrame(frame, raw);
  for (const auto& r : raw) out.symbols.push_back(normalise(r, options));
  return out;
}

BaselinePool::BaselinePool(const std::vector<cv::Mat>& frames, int workers, gs1::ParseOptions options,
                           std::chrono::milliseconds frameTimeout)
    : frames_(frames), options_(options), frameTimeout_(frameTimeout) {
  // A write to a worker that just died must fail with EPIPE, not kill us;
  // the previous disposition comes back with the pool's end.
  previousSigpipe_ = ::signal(SIGPIPE, SIG_IGN);
  workers_.resize(static_cast<std::size_t>(std::max(1, workers)));
  for (auto& w : workers_) spawn(w);
}

BaselinePool::~BaselinePool() {
  for (auto& w : workers_) stop(w, w.frame >= 0);  // a busy worker is not waited for
  ::signal(SIGPIPE, previousSigpipe_);
}

bool BaselinePool::spawn(Worker& worker) {
  int requests[2];
  int responses[2];
  if (::pipe2(requests, O_CLOEXEC) != 0) return false;
  if (::pipe2(responses, O_CLOEXEC) != 0) {
    ::close(requests[0]);
    ::close(requests[1]);
    return false;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {requests[0], requests[1], responses[0], responses[1]}) ::close(fd);
    return false;
  }
  if (pid == 0) {
    ::close(requests[1]);
    ::close(responses[0]);
    for (const auto& other : workers_) {
      if (other.toWorker >= 0) ::close(other.toWorker);
      if (other.fromWorker >= 0) ::close(other.fromWorker);
    }
    workerMain(requests[0], responses[1]);
  }
  ::close(requests[0]);
  ::close(responses[1]);
  worker.pid = pid;
  worker.toWorker = requests[1];
  worker.fromWorker = responses[0];
  worker.frame = -1;
  return true;
}

void BaselinePool::stop(Worker& worker, bool kill) {
  if (worker.toWorker >= 0) ::close(worker.toWorker);  // EOF: the worker exits
  if (worker.fromWorker >= 0) ::close(worker.fromWorker);
  if (worker.pid > 0) {
    if (kill) ::kill(worker.pid, SIGKILL);
    int status = 0;
    while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  worker = Worker{};
}

void BaselinePool::workerMain(int requests, int responses) const {
  // A worker's abort is expected and counted: no core file, no assertion
  // text over the parent's progress line.
  const rlimit noCore{0, 0};
  ::setrlimit(RLIMIT_CORE, &noCore);
  const int devNull = ::open("/dev/null", O_WRONLY);
  if (devNull >= 0) ::dup2(devNull, STDERR_FILENO);
  try {
    serve(requests, responses);
  } catch (...) {
    // Whatever went wrong, this process must not go on as a copy of the parent.
  }
  ::_exit(0);
}

void BaselinePool::serve(int requests, int responses) const {
  std::uint64_t index = 0;
  while (readAll(requests, &index, sizeof index)) {
    std::vector<RawResult> results;
    double ms = 0;
    if (index < frames_.size()) ms = zxingWholeFrame(frames_[index], results);
    std::string message;
    message.append(reinterpret_cast<const char*>(&ms), sizeof ms);
    const auto count = static_cast<std::uint32_t>(results.size());
    message.append(reinterpret_cast<const char*>(&count), sizeof count);
    for (const auto& r : results) {
      appendString(message, r.format);
      appendString(message, r.symbologyId);
      appendString(message, r.text);
      message.append(reinterpret_cast<const char*>(r.corners), sizeof r.corners);
    }
    if (!writeAll(responses, message.data(), message.size())) break;
  }
}

std::vector<BaselineFrame> BaselinePool::read(const std::vector<std::size_t>& indices,
                                              const std::function<void(std::size_t)>& progress) {
  std::vector<BaselineFrame> out(indices.size());
  std::vector<char> finished(indices.size(), 0);
  std::size_t next = 0;
  std::size_t done = 0;
  auto fail = [&](Worker& w) {
    out[static_cast<std::size_t>(w.frame)].aborted = true;
    finished[static_cast<std::size_t>(w.frame)] = 1;
    stop(w, true);
    ++restarts_;
    spawn(w);
    ++done;
    if (progress) progress(done);
  };
  // Everything not read yet is aborted (the pool cannot go on).
  auto giveUp = [&] {
    for (auto& w : workers_) {
      if (w.frame >= 0) stop(w, true);
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (!finished[i]) out[i].aborted = true;
    }
  };
  int failedSpawns = 0;
  while (done < indices.size()) {
    for (auto& w : workers_) {
      if (w.pid < 0) {
        if (!spawn(w)) {
          // fork or pipe refused (process or file limits): wait a little, then give up.
          if (++failedSpawns > kMaxFailedSpawns) {
            giveUp();
            return out;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
          continue;
        }
        failedSpawns = 0;
      }
      if (w.frame >= 0 || next >= indices.size()) continue;
      const std::uint64_t index = indices[next];
      w.frame = static_cast<long>(next++);
      w.started = Clock::now();
      if (!writeAll(w.toWorker, &index, sizeof index)) fail(w);
    }
    std::vector<pollfd> fds;
    std::vector<Worker*> polled;
    auto timeout = frameTimeout_;
    const auto now = Clock::now();
    for (auto& w : workers_) {
      if (w.frame < 0) continue;
      fds.push_back({w.fromWorker, POLLIN, 0});
      polled.push_back(&w);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(w.started + frameTimeout_ - now);
      timeout = std::min(timeout, std::max(left, std::chrono::milliseconds(1)));
    }
    if (fds.empty()) {
      if (next >= indices.size()) break;
      continue;  // every worker failed to start: try again
    }
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) {
      giveUp();
      return out;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      Worker& w = *polled[i];
      if (fds[i].revents != 0) {
        std::vector<RawResult> raw;
        double ms = 0;
        if (!readResponse(w.fromWorker, ms, raw)) {
          fail(w);
          continue;
        }
        auto& frame = out[static_cast<std::size_t>(w.frame)];
        frame.ms = ms;
        for (const auto& r : raw) frame.symbols.push_back(normalise(r, options_));
        finished[static_cast<std::size_t>(w.frame)] = 1;
        w.frame = -1;
        ++done;
        if (progress) progress(done);
      } else if (Clock::now() - w.started > frameTimeout_) {
        fail(w);
      }
    }
  }
  return out;
}

}  // namespace gs1inspect::harness
