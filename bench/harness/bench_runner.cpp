#include "harness/bench_runner.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "frameset/frame_set.hpp"
#include "harness/baseline_pool.hpp"
#include "harness/figures.hpp"
#include "read/decoded_symbol_json.hpp"
#include "read/reader.hpp"

namespace gs1inspect::harness {

namespace {

using Clock = std::chrono::steady_clock;

struct FrameRun {
  std::vector<read::DecodedSymbol> symbols;
  double ms = 0;
  bool aborted = false;
  bool budgetHit = false;
  std::string error;  // the reader's FrameRead::error
};

std::vector<scoring::FrameReads> toReads(const std::vector<std::string>& names, const std::vector<FrameRun>& runs) {
  std::vector<scoring::FrameReads> reads;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    scoring::FrameReads r;
    r.frame = names[i];
    r.ms = runs[i].ms;
    r.aborted = runs[i].aborted;
    r.budgetHit = runs[i].budgetHit;
    r.error = runs[i].error;
    for (const auto& s : runs[i].symbols) r.symbols.push_back({s.symbology, s.hri});
    reads.push_back(std::move(r));
  }
  return reads;
}

class Progress {
 public:
  Progress(std::ostream& err, std::string what, std::size_t total)
      : err_(err), what_(std::move(what)), total_(total), tty_(::isatty(2) != 0) {}
  void operator()(std::size_t done) {
    if (tty_ && (done % 25 == 0 || done == total_)) err_ << fmt::format("\r{}: {}/{}   ", what_, done, total_) << std::flush;
    if (tty_ && done == total_) err_ << '\n';
  }

 private:
  std::ostream& err_;
  std::string what_;
  std::size_t total_;
  bool tty_;
};

// The project's reader on `threads` threads over every frame; returns the
// wall time of the whole run in seconds.
double runProject(const std::vector<cv::Mat>& frames, int threads, const read::ReaderOptions& options,
                  std::vector<FrameRun>& runs, Progress& progress) {
  const read::Reader reader(options);
  runs.assign(frames.size(), {});
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto start = Clock::now();
  auto work = [&](bool reports) {
    for (std::size_t i = next++; i < frames.size(); i = next++) {
      const auto t0 = Clock::now();
      auto frameRead = reader.read(frames[i]);
      runs[i].ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      runs[i].symbols = std::move(frameRead.symbols);
      runs[i].budgetHit = frameRead.budgetHit;
      runs[i].error = std::move(frameRead.error);
      const std::size_t n = ++done;
      if (reports) progress(n);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& t : pool) t.join();
  progress(done.load());
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double finishedFramesPerSecond(const std::vector<FrameRun>& runs) {
  double ms = 0;
  std::size_t finished = 0;
  for (const auto& r : runs) {
    if (r.aborted) continue;
    ms += r.ms;
    ++finished;
  }
  return ms > 0 ? 1000.0 * static_cast<double>(finished) / ms : 0.0;
}

Figures figuresOf(const frameset::FrameSet& set, const std::vector<std::string>& names,
                  const std::vector<FrameRun>& runs, int threads, double fps) {
  Figures f;
  f.threads = threads;
  f.fps = fps;
  for (const auto& r : runs) {
    if (!r.aborted) f.latencyMs.push_back(r.ms);
  }
  f.score = scoring::score(set, toReads(names, runs));
  return f;
}

void writePerFrame(std::ofstream& out, const std::string& reader, const std::vector<std::string>& names,
                   const std::vector<FrameRun>& runs) {
  for (std::size_t i = 0; i < runs.size(); ++i) {
    nlohmann::ordered_json symbols = nlohmann::ordered_json::array();
    for (const auto& s : runs[i].symbols) symbols.push_back(read::toJson(s));
    nlohmann::ordered_json line{{"reader", reader},         {"frame", names[i]},  {"ms", std::round(runs[i].ms * 1000) / 1000},
                                {"aborted", runs[i].aborted}, {"budget_hit", runs[i].budgetHit},
                                {"error", runs[i].error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(runs[i].error)},
                                {"symbols", symbols}};
    out << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  }
}

nlohmann::ordered_json ratio(double a, double b) {
  return b > 0 ? nlohmann::ordered_json(std::round(a / b * 100) / 100) : nlohmann::ordered_json();
}

}  // namespace

bool checkScorable(const frameset::ReadResult& loaded, const std::filesystem::path& root, const std::string& who,
                   std::ostream& err) {
  bool truthBroken = false;
  for (const auto& e : loaded.errors) {
    err << who << ": " << (e.file == root.string() ? e.describe() : (root / e.describe()).string()) << '\n';
    truthBroken = truthBroken || e.file == "truth.jsonl";
  }
  if (!loaded.set) return false;
  if (!loaded.set->hasTruth) {
    err << who << ": " << root.string() << " has no truth.jsonl: nothing to score against\n";
    return false;
  }
  if (truthBroken) {
    // A dropped truth line would turn correct reads into false reads.
    err << who << ": truth.jsonl has errors: mend them before scoring\n";
    return false;
  }
  return true;
}

int runBench(const BenchOptions& options, std::ostream& out, std::ostream& err) {
  auto loaded = frameset::readFrameSet(options.frames);
  if (!checkScorable(loaded, options.frames, "gs1-inspect bench", err)) return 2;
  const frameset::FrameSet& set = *loaded.set;
  std::ofstream perFrame;
  if (!options.perFrame.empty()) {
    perFrame.open(options.perFrame);
    if (!perFrame) {
      err << "gs1-inspect bench: cannot write " << options.perFrame.string() << '\n';
      return 2;
    }
  }

  // Every frame in memory first; decoding is not part of the figures.
  std::vector<cv::Mat> frames;
  std::vector<std::string> names;
  const auto decodeStart = Clock::now();
  for (const auto& name : set.frames) {
    cv::Mat image = cv::imread((set.root / name).string(), cv::IMREAD_UNCHANGED);
    if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3)) {
      err << "gs1-inspect bench: " << name << ": not an 8-bit grey or BGR image: left out\n";
      continue;
    }
    frames.push_back(std::move(image));
    names.push_back(name);
  }
  const double decodeSeconds = std::chrono::duration<double>(Clock::now() - decodeStart).count();
  if (frames.empty()) {
    err << "gs1-inspect bench: no frame could be loaded\n";
    return 2;
  }
  read::ReaderOptions readerOptions;
  readerOptions.budgetMs = options.budgetMs;
  try {
    readerOptions.validate();
  } catch (const std::invalid_argument& e) {
    err << "gs1-inspect bench: --budget-ms " << options.budgetMs << ": " << e.what() << '\n';
    return 2;
  }
  // The reader runs one frame per thread; OpenCV's own worker threads inside
  // a frame would only compete with them.
  cv::setNumThreads(1);
  const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  std::vector<FrameRun> one;
  Progress p1(err, "project, 1 thread", frames.size());
  const double oneSeconds = runProject(frames, 1, readerOptions, one, p1);
  std::vector<FrameRun> many;
  Progress pn(err, fmt::format("project, {} threads", threads), frames.size());
  const double manySeconds = runProject(frames, threads, readerOptions, many, pn);
  const Figures project1 = figuresOf(set, names, one, 1, static_cast<double>(frames.size()) / std::max(oneSeconds, 1e-9));
  const Figures project = figuresOf(set, names, many, threads, static_cast<double>(frames.size()) / std::max(manySeconds, 1e-9));
  if (perFrame.is_open()) writePerFrame(perFrame, "project", names, many);

  Figures baseline;
  if (options.baseline) {
    gs1::ParseOptions parseOptions;
    BaselinePool pool(frames, 1, parseOptions);
    std::vector<std::size_t> all(frames.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    Progress pb(err, "baseline (whole-frame ZXing)", frames.size());
    const auto results = pool.read(all, [&](std::size_t done) { pb(done); });
    std::vector<FrameRun> runs(results.size());
    for (std::size_t i = 0; i < results.size(); ++i) runs[i] = {results[i].symbols, results[i].ms, results[i].aborted, false, {}};
    // Only the ZXing calls are timed; an aborted call has no time, so the
    // rate is over the frames that finished.
    baseline = figuresOf(set, names, runs, 1, finishedFramesPerSecond(runs));
    if (perFrame.is_open()) writePerFrame(perFrame, "baseline", names, runs);
  }

  if (options.json) {
    nlohmann::ordered_json j{{"schema", 1},
                             {"set", options.frames.string()},
                             {"frames", frames.size()},
                             {"cpu", cpuModel()},
                             {"version", options.version},
                             {"decode_seconds", std::round(decodeSeconds * 100) / 100},
                             {"project_1thread", toJson(project1)},
                             {"project", toJson(project)}};
    if (options.baseline) {
      j["baseline"] = toJson(baseline);
      j["ratio"] = {{"fps_1thread", ratio(project1.fps, baseline.fps)},
                    {"read_rate", ratio(project.score.overall.rate(), baseline.score.overall.rate())}};
    }
    out << j.dump() << '\n';
  } else {
    out << fmt::format("{}: {} frames (decoded in {:.1f} s, not counted), {}\n", options.frames.string(), frames.size(),
                       decodeSeconds, cpuModel());
    std::vector<std::pair<std::string, const Figures*>> columns = {{"project 1 thread", &project1},
                                                                   {fmt::format("project {} threads", threads), &project}};
    if (options.baseline) columns.emplace_back("baseline (ZXing)", &baseline);
    out << table(columns);
    if (options.baseline) {
      out << fmt::format("ratio project/baseline: frames/s on 1 thread {}, read rate {}\n",
                         ratio(project1.fps, baseline.fps).dump(),
                         ratio(project.score.overall.rate(), baseline.score.overall.rate()).dump());
    }
  }
  return 0;
}

}  // namespace gs1inspect::harness
