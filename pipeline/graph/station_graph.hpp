#pragma once
// The station's oneTBB flow graph, from admission to decision.
//
//   source thread ──try_put──▶ admission (limiter_node, N in flight)
//                                 │  refused: dropped and counted
//                                 ▼
//                               read (function_node, concurrency = cores)
//                                 │  symbols + GS1 validation
//                                 ▼
//                               detect (function_node, concurrency = cores)
//                                 │  the belt model's cells
//                                 ▼
//                               order (sequencer_node, on admission number)
//                                 ▼
//                               cartons (function_node, serial)
//                                 │  tracking, verdicts, journal, diverts
//                                 ▼
//                               retire ──▶ admission.decrementer()
//
// Every admitted frame is retired exactly once. A stage body never lets an
// exception out (one would cancel the whole graph): a failure is written
// on the frame, counted, and the frame goes on, so that the cartons in view
// are diverted as unexpected.

#include <cstdint>
#include <functional>
#include <memory>

#include "graph/frame_work.hpp"

namespace gs1inspect::graph {

/// What each stage does to a frame. `read` and `detect` run on many frames
/// at once; `cartons` on one frame at a time, in admission order. Any may
/// throw: the graph catches it.
struct StageBodies {
  std::function<void(FrameWork&)> read;
  std::function<void(FrameWork&)> detect;
  std::function<void(const FrameWork&)> cartons;
  /// Told of a stage that failed ("read", what), after the frame was marked.
  std::function<void(const char* stage, const std::string& what)> failed;
  /// Told when a frame was retired (after `cartons`).
  std::function<void(const FrameWork&)> retired;
};

class StationGraph {
 public:
  /// `maxInFlight`: admission's limit; `concurrency`: of read and detect.
  StationGraph(StageBodies bodies, int maxInFlight, int concurrency);
  ~StationGraph();
  StationGraph(const StationGraph&) = delete;
  StationGraph& operator=(const StationGraph&) = delete;

  /// Offers a frame (from the source thread only): true when admitted,
  /// false when the station is full (the frame is dropped).
  bool admit(FramePtr frame);
  /// Waits until every admitted frame is retired.
  void waitIdle();

  std::uint64_t admitted() const { return next_; }

 private:
  struct Nodes;
  std::unique_ptr<Nodes> nodes_;
  std::uint64_t next_ = 0;
};

}  // namespace gs1inspect::graph
