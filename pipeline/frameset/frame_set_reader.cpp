#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "frameset/frame_set.hpp"
#include "frameset/frame_set_json.hpp"

namespace gs1inspect::frameset {

namespace fs = std::filesystem;

namespace {

bool isImageName(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png" || ext == ".tif" || ext == ".tiff" || ext == ".bmp" || ext == ".jpg" || ext == ".jpeg";
}

// Line number (1-based) of byte `offset` in `text`.
int lineOf(const std::string& text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// Reads a JSON Lines file: each non-blank line through `convert`; problems
// are reported with their line and the line is left out.
template <typename Record>
struct Numbered {
  int line;
  Record record;
};

template <typename Record, typename Convert>
std::vector<Numbered<Record>> readJsonLines(const fs::path& path, const std::string& name, Convert convert,
                                            std::vector<FormatError>& errors) {
  std::vector<Numbered<Record>> records;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({name, 0, "cannot be opened"});
    return records;
  }
  int lineNumber = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::ordered_json j;
    try {
      j = nlohmann::ordered_json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      errors.push_back({name, lineNumber, fmt::format("not valid JSON: {}", e.what())});
      continue;
    }
    std::string error;
    if (auto record = convert(j, error)) {
      records.push_back({lineNumber, std::move(*record)});
    } else {
      errors.push_back({name, lineNumber, error});
    }
  }
  if (in.bad()) errors.push_back({name, lineNumber, "read error"});
  return records;
}

}  // namespace

std::string FormatError::describe() const {
  return line > 0 ? fmt::format("{}:{}: {}", file, line, message) : fmt::format("{}: {}", file, message);
}

ReadResult readFrameSet(const fs::path& root) {
  ReadResult out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    out.errors.push_back({root.string(), 0, "is not a folder"});
    return out;
  }
  FrameSet set;
  set.root = root;

  // frameset.json
  {
    const fs::path path = root / "frameset.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      out.errors.push_back({"frameset.json", 0, "is missing or cannot be opened"});
      return out;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    nlohmann::ordered_json j;
    try {
      j = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      out.errors.push_back({"frameset.json", lineOf(text, e.byte > 0 ? e.byte - 1 : 0), fmt::format("not valid JSON: {}", e.what())});
      return out;
    }
    std::string error;
    auto info = detail::infoFromJson(j, error);
    if (!info) {
      out.errors.push_back({"frameset.json", 0, error});
      return out;
    }
    set.info = std::move(*info);
  }

  // frames/
  {
    const fs::path frames = root / "frames";
    if (!fs::is_directory(frames, ec)) {
      out.errors.push_back({"frames/", 0, "is missing"});
      return out;
    }
    for (const auto& entry : fs::directory_iterator(frames, ec)) {
      const std::string name = "frames/" + entry.path().filename().string();
      if (!entry.is_regular_file()) continue;
      if (isImageName(entry.path())) set.frames.push_back(name);
      else out.errors.push_back({name, 0, "is not a PNG, TIFF, BMP or JPEG image: left out"});
    }
    if (ec) out.errors.push_back({"frames/", 0, "cannot be listed: " + ec.message()});
    std::sort(set.frames.begin(), set.frames.end());
    if (set.frames.empty()) {
      out.errors.push_back({"frames/", 0, "holds no image"});
      return out;
    }
  }
  const std::set<std::string> known(set.frames.begin(), set.frames.end());

  if (fs::exists(root / "truth.jsonl", ec)) {
    set.hasTruth = true;
    auto truth = readJsonLines<TruthFrame>(root / "truth.jsonl", "truth.jsonl", detail::truthFromJson, out.errors);
    // A truth line must name a frame of the set, once.
    std::set<std::string> seen;
    for (auto& [line, t] : truth) {
      if (!known.contains(t.frame)) {
        out.errors.push_back({"truth.jsonl", line, fmt::format("\"frame\" \"{}\" is not in frames/", t.frame)});
      } else if (!seen.insert(t.frame).second) {
        out.errors.push_back({"truth.jsonl", line, fmt::format("\"frame\" \"{}\" has a line already", t.frame)});
      } else {
        set.truth.push_back(std::move(t));
      }
    }
  }
  if (fs::exists(root / "cartons.jsonl", ec)) {
    set.hasCartons = true;
    for (auto& n : readJsonLines<CartonExpectation>(root / "cartons.jsonl", "cartons.jsonl", detail::cartonFromJson, out.errors)) {
      set.cartons.push_back(std::move(n.record));
    }
  }
  if (fs::exists(root / "results.jsonl", ec)) {
    set.hasResults = true;
    for (auto& n : readJsonLines<ResultFrame>(root / "results.jsonl", "results.jsonl", detail::resultFromJson, out.errors)) {
      set.results.push_back(std::move(n.record));
    }
  }
  out.set = std::move(set);
  return out;
}

}  // namespace gs1inspect::frameset
