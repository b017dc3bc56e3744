// The reader's stages on one thread, per frame, over frames of the default
// mix made once by the frame generator (the default seed, so figures stay
// comparable): the localiser's cell measures, the whole localiser, and a
// whole frame's read. The frames/s target against the whole-frame ZXing
// baseline is checked by `gs1-inspect bench --baseline`; this program shows
// where a frame's time goes.
//
//   build/bench/reader_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "generator/frame_generator.hpp"
#include "read/localiser.hpp"
#include "read/reader.hpp"

namespace {

constexpr int kFrames = 40;

// Frames made once into a temporary folder, decoded into memory, outside
// the timing; the folder is removed again.
const std::vector<cv::Mat>& frames() {
  static const std::vector<cv::Mat> loaded = [] {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("gs1i-reader-bench-" + std::to_string(::getpid()));
    gs1inspect::generator::GeneratorOptions options;
    options.out = dir;
    options.frames = kFrames;
    gs1inspect::generator::GeneratorSummary summary;
    std::string error;
    std::vector<cv::Mat> out;
    cv::setNumThreads(1);  // the reader is built for one frame per thread
    if (!gs1inspect::generator::generateFrameSet(options, summary, error)) {
      std::fprintf(stderr, "reader_bench: frames could not be made: %s\n", error.c_str());
      std::exit(1);
    }
    for (int i = 0; i < kFrames; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "%06d.png", i);
      out.push_back(cv::imread((dir / "frames" / name).string(), cv::IMREAD_GRAYSCALE));
    }
    fs::remove_all(dir);
    return out;
  }();
  return loaded;
}

void CellFeatures(benchmark::State& state) {
  const auto& set = frames();
  gs1inspect::read::LocaliserScratch scratch;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(gs1inspect::read::cellFeatures(set[i++ % set.size()], 8, scratch).energy.data);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(CellFeatures)->Unit(benchmark::kMicrosecond);

void Localise(benchmark::State& state) {
  const auto& set = frames();
  gs1inspect::read::LocaliserScratch scratch;
  const gs1inspect::read::ReaderOptions options;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(gs1inspect::read::localise(set[i++ % set.size()], options, scratch).size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Localise)->Unit(benchmark::kMicrosecond);

void ReadFrame(benchmark::State& state) {
  const auto& set = frames();
  const gs1inspect::read::Reader reader;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.read(set[i++ % set.size()]).symbols.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ReadFrame)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
