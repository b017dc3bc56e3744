#include "scoring/carton_scoring.hpp"

#include <algorithm>
#include <set>

namespace gs1inspect::scoring {

namespace {

std::string outcome(const std::string& verdict, const std::string& reason) {
  return verdict == "divert" ? "divert/" + reason : verdict;
}

}  // namespace

bool journalCartonFromJson(const nlohmann::json& j, JournalCarton& out, std::string& error) {
  if (!j.is_object()) {
    error = "not a JSON object";
    return false;
  }
  for (const char* key : {"carton", "verdict", "frames"}) {
    if (!j.contains(key)) {
      error = std::string("no \"") + key + "\"";
      return false;
    }
  }
  try {
    out.carton = j.at("carton").get<std::string>();
    out.verdict = j.at("verdict").get<std::string>();
    out.reason = j.contains("reason") && j.at("reason").is_string() ? j.at("reason").get<std::string>() : "";
    out.frames = j.at("frames").get<std::vector<std::string>>();
    out.why = j.contains("why") ? j.at("why").get<std::vector<std::string>>() : std::vector<std::string>{};
  } catch (const nlohmann::json::exception&) {
    error = "\"carton\" and \"verdict\" must be strings, \"frames\" and \"why\" lists of strings";
    return false;
  }
  return true;
}

CartonScore scoreCartons(const frameset::FrameSet& set, const std::vector<JournalCarton>& journal) {
  // The frames each carton of the set was in view in.
  std::map<std::string, std::set<std::string>> framesOf;
  for (const auto& t : set.truth) {
    if (t.inView.empty() && !t.carton.empty()) framesOf[t.carton].insert(t.frame);
    for (const auto& c : t.inView) framesOf[c].insert(t.frame);
    for (const auto& s : t.symbols) {
      if (!s.carton.empty()) framesOf[s.carton].insert(t.frame);
    }
  }
  // Record to carton, most shared frames (relative to both) first.
  struct Pair {
    double overlap;
    std::size_t record;
    std::string carton;
  };
  std::vector<Pair> pairs;
  for (std::size_t r = 0; r < journal.size(); ++r) {
    const std::set<std::string> frames(journal[r].frames.begin(), journal[r].frames.end());
    for (const auto& [carton, theirs] : framesOf) {
      std::size_t shared = 0;
      for (const auto& f : frames) shared += theirs.count(f);
      if (shared == 0) continue;
      pairs.push_back({static_cast<double>(shared) / static_cast<double>(frames.size() + theirs.size() - shared), r, carton});
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.overlap > b.overlap; });
  std::map<std::string, std::size_t> recordOf;
  std::set<std::size_t> matched;
  for (const auto& p : pairs) {
    if (recordOf.contains(p.carton) || matched.contains(p.record)) continue;
    recordOf[p.carton] = p.record;
    matched.insert(p.record);
  }

  CartonScore score;
  score.cartons = set.cartons.size();
  score.records = journal.size();
  for (const auto& c : set.cartons) {
    const std::string expected = outcome(c.expect, c.reason);
    auto& [agree, total] = score.byExpected[expected];
    ++total;
    const auto it = recordOf.find(c.carton);
    if (it == recordOf.end()) {
      ++score.missing;
      score.disagreements.push_back({c.carton, "", expected, "no record", {}});
      continue;
    }
    const JournalCarton& r = journal[it->second];
    const std::string got = outcome(r.verdict, r.reason);
    if (got == expected) {
      ++score.agree;
      ++agree;
      continue;
    }
    if (c.expect == "divert" && r.verdict == "pass") ++score.wrongPasses;
    score.disagreements.push_back({c.carton, r.carton, expected, got, r.why});
  }
  for (std::size_t r = 0; r < journal.size(); ++r) {
    if (matched.contains(r)) continue;
    ++score.extra;
    score.disagreements.push_back({"", journal[r].carton, "no carton", outcome(journal[r].verdict, journal[r].reason),
                                   journal[r].why});
  }
  return score;
}

nlohmann::ordered_json toJson(const CartonScore& s) {
  nlohmann::ordered_json byExpected = nlohmann::ordered_json::object();
  for (const auto& [expected, counts] : s.byExpected) byExpected[expected] = {{"agree", counts.first}, {"of", counts.second}};
  nlohmann::ordered_json disagreements = nlohmann::ordered_json::array();
  for (const auto& d : s.disagreements) {
    disagreements.push_back(
        {{"carton", d.carton}, {"station", d.station}, {"expected", d.expected}, {"got", d.got}, {"why", d.why}});
  }
  return {{"cartons", s.cartons},       {"records", s.records},         {"agree", s.agree},
          {"agreement", s.agreement()}, {"missing", s.missing},         {"extra", s.extra},
          {"wrong_passes", s.wrongPasses}, {"by_expected", byExpected}, {"disagreements", disagreements}};
}

}  // namespace gs1inspect::scoring
