#pragma once
// The baseline: plain ZXing-C++ 1.4 on the whole frame (ReadBarcodes with
// tryHarder and tryRotate, the GS1 formats, up to 255 symbols), run in
// worker processes because the packaged library aborts the process on many
// DataBar images.
//
// Workers are forked once, after the frames are in memory, so each sees
// them without copying; the parent sends a frame index over a pipe and gets
// the results back. A worker that dies (or takes longer than the frame
// timeout) is replaced and its frame counted as aborted. Only the ZXing call
// is timed, inside the worker.
//
// Not thread-safe: one pool is driven from one thread. Fork happens only
// from that thread.

#include <chrono>
#include <functional>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "gs1/parser.hpp"
#include "read/decoded_symbol.hpp"

namespace gs1inspect::harness {

struct BaselineFrame {
  std::vector<read::DecodedSymbol> symbols;
  double ms = 0.0;       // the ZXing call alone
  bool aborted = false;  // the worker died or timed out: nothing read
};

class BaselinePool {
 public:
  /// `frames` must stay alive and unchanged while the pool exists.
  BaselinePool(const std::vector<cv::Mat>& frames, int workers, gs1::ParseOptions options,
               std::chrono::milliseconds frameTimeout = std::chrono::seconds(30));
  ~BaselinePool();
  BaselinePool(const BaselinePool&) = delete;
  BaselinePool& operator=(const BaselinePool&) = delete;

  /// Reads frames[i] for every i in `indices`; `progress(done)` is called
  /// after each frame. Results are in the order of `indices`.
  std::vector<BaselineFrame> read(const std::vector<std::size_t>& indices,
                                  const std::function<void(std::size_t)>& progress = {});

  /// Workers replaced after dying or timing out.
  std::size_t restarts() const { return restarts_; }

 private:
  struct Worker {
    int pid = -1;
    int toWorker = -1;
    int fromWorker = -1;
    long frame = -1;  // index into the request list while busy
    std::chrono::steady_clock::time_point started;
  };

  // Consecutive failures to start a worker before every frame left is aborted.
  static constexpr int kMaxFailedSpawns = 50;

  bool spawn(Worker& worker);
  void stop(Worker& worker, bool kill);
  [[noreturn]] void workerMain(int requests, int responses) const;
  void serve(int requests, int responses) const;

  const std::vector<cv::Mat>& frames_;
  gs1::ParseOptions options_;
  std::chrono::milliseconds frameTimeout_;
  std::vector<Worker> workers_;
  std::size_t restarts_ = 0;
  void (*previousSigpipe_)(int) = nullptr;
};

/// One whole-frame ZXing call as the baseline makes it, in this process
/// (only for images known not to abort it; used by tests and the workers).
BaselineFrame readWholeFrame(const cv::Mat& frame, const gs1::ParseOptions& options);

}  // namespace gs1inspect::harness
