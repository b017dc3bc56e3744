#include "scoring/scoring.hpp"

#include <unordered_map>

#include "gs1/parser.hpp"

namespace gs1inspect::scoring {

std::string symbologyFamily(const std::string& s) {
  if (s == "gs1-128" || s == "code128") return "128";
  if (s.starts_with("gs1-databar")) return "databar";
  if (s == "gs1-datamatrix" || s == "datamatrix") return "datamatrix";
  if (s == "gs1-qr" || s == "qr") return "qr";
  if (s == "ean13" || s == "ean8" || s == "upca") return "ean-upc";
  return {};
}

std::string contentKey(const std::string& symbology, const std::string& hri) {
  // EAN/UPC carry a GTIN: an EAN-13 starting with 0 is the same GTIN as the
  // UPC-A without it, and readers report it either way.
  if (symbologyFamily(symbology) == "ean-upc" && !hri.empty() && hri.size() <= 14 &&
      hri.find_first_not_of("0123456789") == std::string::npos) {
    return "gtin:" + std::string(14 - hri.size(), '0') + hri;
  }
  // GS1 data is compared element by element, whatever form it was written in.
  if (hri.starts_with("(") || symbology.starts_with("gs1-")) {
    gs1::ParseOptions options;
    options.today = gs1::CivilDate{2000, 1, 1};  // dates are compared as written, not interpreted
    const auto parsed = gs1::parse(hri, options);
    if (parsed.complete && !parsed.elements.empty()) {
      std::string key = "gs1:";
      for (const auto& e : parsed.elements) {
        key += e.ai;
        key += '=';
        key += e.value;
        key += '\x1d';
      }
      return key;
    }
  }
  return "text:" + hri;
}

namespace {

struct TruthEntry {
  const frameset::TruthSymbol* symbol;
  std::string family;
  std::string key;
  bool matched = false;
};

void count(Score& score, const frameset::TruthSymbol& s, bool read) {
  auto add = [read](Tally& t) {
    ++t.symbols;
    if (read) ++t.read;
  };
  add(score.overall);
  add(score.bySymbology[s.symbology]);
  if (s.damage.empty()) {
    add(score.byDamage["clean"]);
    add(score.cleanBySymbology[s.symbology]);
  }
  for (const auto& tag : s.damage) add(score.byDamage[tag]);
  if (s.damage.size() == 1) add(score.byDamageAlone[s.damage.front()]);
  const auto orientation = s.detail.find("stripe_orientation");
  if (orientation != s.detail.end() && orientation->is_string()) {
    add(score.byStripeOrientation[orientation->get<std::string>()]);
  }
}

}  // namespace

Score score(const frameset::FrameSet& set, const std::vector<FrameReads>& reads) {
  Score result;
  std::unordered_map<std::string, const frameset::TruthFrame*> truthByFrame;
  for (const auto& t : set.truth) truthByFrame[t.frame] = &t;
  std::unordered_map<std::string, const FrameReads*> readsByFrame;
  for (const auto& r : reads) {
    readsByFrame[r.frame] = &r;
    ++result.frames;
    if (r.aborted) ++result.abortedFrames;
    if (r.budgetHit) ++result.budgetHits;
    if (!r.error.empty()) ++result.errorFrames;
  }

  // Every frame of the set that was read: match its results to its truth.
  for (const auto& frame : set.frames) {
    const auto readIt = readsByFrame.find(frame);
    const auto truthIt = truthByFrame.find(frame);
    std::vector<TruthEntry> truth;
    if (truthIt != truthByFrame.end()) {
      for (const auto& s : truthIt->second->symbols) {
        truth.push_back({&s, symbologyFamily(s.symbology), contentKey(s.symbology, s.hri)});
      }
    }
    if (readIt != readsByFrame.end()) {
      for (const auto& r : readIt->second->symbols) {
        const std::string family = symbologyFamily(r.symbology);
        const std::string key = contentKey(r.symbology, r.hri);
        // Prefer a fully visible symbol, so a partly visible twin does not take its match.
        TruthEntry* match = nullptr;
        for (auto& t : truth) {
          if (t.matched || t.family != family || t.key != key) continue;
          if (match == nullptr || (!match->symbol->fullyVisible && t.symbol->fullyVisible)) match = &t;
        }
        if (match != nullptr) match->matched = true;
        else ++result.falseReads;
      }
    }
    if (readIt == readsByFrame.end()) continue;  // not read: not scored
    for (const auto& t : truth) {
      if (t.symbol->fullyVisible) count(result, *t.symbol, t.matched);
    }
  }
  return result;
}

}  // namespace gs1inspect::scoring
