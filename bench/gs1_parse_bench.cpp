// Parse + lint throughput of the GS1 data layer on one thread, from an
// in-memory string to the result, over the checked-in corpus of logistics
// element strings (bench/corpus/logistics.txt, made by make_corpus.py).
// Target: at least 1 000 000 element strings per second.
//
//   build/bench/gs1_parse_bench [--benchmark_filter=...] [corpus file]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gs1/input_escapes.hpp"
#include "gs1/output_forms.hpp"
#include "gs1/parser.hpp"

namespace {

std::string gCorpusPath = GS1I_BENCH_CORPUS;

// The corpus with "\x1D" turned into GS, loaded once, outside the timing.
const std::vector<std::string>& corpus() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    std::ifstream in(gCorpusPath);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) out.push_back(gs1inspect::gs1::unescapeGroupSeparators(line).bytes);
    }
    return out;
  }();
  return lines;
}

gs1inspect::gs1::ParseOptions options() {
  gs1inspect::gs1::ParseOptions o;
  o.today = gs1inspect::gs1::CivilDate{2026, 11, 25};
  return o;
}

template <typename Work>
void runOverCorpus(benchmark::State& state, Work work) {
  const auto& lines = corpus();
  if (lines.empty()) {
    state.SkipWithError(("empty or missing corpus: " + gCorpusPath).c_str());
    return;
  }
  const auto opts = options();
  std::size_t invalid = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    if (!work(lines[i], opts)) ++invalid;
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["invalid"] = static_cast<double>(invalid);
  if (invalid != 0) state.SkipWithError("the corpus holds invalid element strings");
}

// What every read costs the station: cut, check, interpret.
void ParseAndLint(benchmark::State& state) {
  runOverCorpus(state, [](const std::string& line, const gs1inspect::gs1::ParseOptions& o) {
    auto result = gs1inspect::gs1::parse(line, o);
    benchmark::DoNotOptimize(result);
    return result.valid();
  });
}
BENCHMARK(ParseAndLint);

// The same plus the three written forms (HRI, raw, canonical Digital Link),
// as `gs1-inspect parse --json` produces them.
void ParseLintAndWriteForms(benchmark::State& state) {
  runOverCorpus(state, [](const std::string& line, const gs1inspect::gs1::ParseOptions& o) {
    auto result = gs1inspect::gs1::parse(line, o);
    auto hri = gs1inspect::gs1::toBracketed(result);
    auto raw = gs1inspect::gs1::toRaw(result);
    auto link = gs1inspect::gs1::toDigitalLink(result);
    benchmark::DoNotOptimize(hri);
    benchmark::DoNotOptimize(raw);
    benchmark::DoNotOptimize(link);
    return result.valid();
  });
}
BENCHMARK(ParseLintAndWriteForms);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc > 1) gCorpusPath = argv[1];
  std::printf("corpus: %s (%zu element strings)\n", gCorpusPath.c_str(), corpus().size());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
