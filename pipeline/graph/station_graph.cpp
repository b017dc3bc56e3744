#include "graph/station_graph.hpp"

#include <exception>
#include <string>

#include <oneapi/tbb/flow_graph.h>

namespace gs1inspect::graph {

namespace flow = oneapi::tbb::flow;

namespace {

// Runs `body` on the frame; a failure is written on it (the first one
// stays) and reported, never thrown on.
template <typename Frame, typename Body>
void guarded(const char* stage, Frame& frame, const Body& body, const StageBodies& bodies) noexcept {
  std::string what;
  try {
    body(frame);
    return;
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  try {
    if constexpr (!std::is_const_v<Frame>) {
      if (frame.error.empty()) frame.error = std::string(stage) + ": " + what;
    }
    if (bodies.failed) bodies.failed(stage, what);
  } catch (...) {  // reporting failed too (out of memory): the frame goes on
  }
}

}  // namespace

// The nodes, in data order; the edges are made in the constructor.
struct StationGraph::Nodes {
  Nodes(const StageBodies& b, int maxInFlight, int concurrency)
      : bodies(b),
        admission(g, static_cast<std::size_t>(maxInFlight)),
        read(g, static_cast<std::size_t>(concurrency),
             [this](FramePtr f) {
               if (f->error.empty()) guarded("read", *f, bodies.read, bodies);
               return f;
             }),
        detect(g, static_cast<std::size_t>(concurrency),
               [this](FramePtr f) {
                 if (f->error.empty()) guarded("detect", *f, bodies.detect, bodies);
                 return f;
               }),
        order(g, [](const FramePtr& f) { return static_cast<std::size_t>(f->admission); }),
        cartons(g, flow::serial, [this](FramePtr f) {
          guarded("cartons", std::as_const(*f), bodies.cartons, bodies);
          try {
            if (bodies.retired) bodies.retired(*f);
          } catch (...) {
          }
          return flow::continue_msg();
        }) {}

  StageBodies bodies;
  flow::graph g;
  flow::limiter_node<FramePtr> admission;
  flow::function_node<FramePtr, FramePtr> read;
  flow::function_node<FramePtr, FramePtr> detect;
  flow::sequencer_node<FramePtr> order;
  flow::function_node<FramePtr, flow::continue_msg> cartons;
};

StationGraph::StationGraph(StageBodies bodies, int maxInFlight, int concurrency)
    : nodes_(std::make_unique<Nodes>(bodies, maxInFlight, concurrency)) {
  Nodes& n = *nodes_;
  flow::make_edge(n.admission, n.read);
  flow::make_edge(n.read, n.detect);
  flow::make_edge(n.detect, n.order);
  flow::make_edge(n.order, n.cartons);
  flow::make_edge(n.cartons, n.admission.decrementer());
}

StationGraph::~StationGraph() { nodes_->g.wait_for_all(); }

bool StationGraph::admit(FramePtr frame) {
  frame->admission = next_;
  if (!nodes_->admission.try_put(std::move(frame))) return false;
  ++next_;
  return true;
}

void StationGraph::waitIdle() { nodes_->g.wait_for_all(); }

}  // namespace gs1inspect::graph
