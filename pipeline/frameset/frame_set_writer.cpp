#include "frameset/frame_set_writer.hpp"

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>

namespace gs1inspect::frameset {

namespace fs = std::filesystem;

std::optional<FrameSetWriter> FrameSetWriter::create(const fs::path& root, const FrameSetInfo& info, std::string& error) {
  std::error_code ec;
  if (fs::exists(root, ec) && (!fs::is_directory(root, ec) || !fs::is_empty(root, ec))) {
    error = fmt::format("{} already exists and is not an empty folder: a frame set is never written over", root.string());
    return std::nullopt;
  }
  fs::create_directories(root / "frames", ec);
  if (ec) {
    error = fmt::format("cannot create {}: {}", (root / "frames").string(), ec.message());
    return std::nullopt;
  }
  std::ofstream out(root / "frameset.json", std::ios::binary);
  out << toJson(info).dump(2) << '\n';
  out.close();
  if (!out) {
    error = fmt::format("cannot write {}", (root / "frameset.json").string());
    return std::nullopt;
  }
  return FrameSetWriter(root);
}

std::optional<std::string> FrameSetWriter::addFrame(const cv::Mat& image, std::string& error) {
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3)) {
    error = "a frame must be an 8-bit grey or BGR image";
    return std::nullopt;
  }
  const std::string name = fmt::format("frames/{:06}.png", frames_);
  bool written = false;
  try {
    // Fastest PNG compression: sets are large and written once.
    written = cv::imwrite((root_ / name).string(), image, {cv::IMWRITE_PNG_COMPRESSION, 1});
  } catch (const cv::Exception& e) {
    error = fmt::format("cannot write {}: {}", name, e.what());
    return std::nullopt;
  }
  if (!written) {
    error = fmt::format("cannot write {}", (root_ / name).string());
    return std::nullopt;
  }
  ++frames_;
  return name;
}

bool FrameSetWriter::appendLine(std::ofstream& stream, const char* file, const nlohmann::ordered_json& j,
                                std::string& error) {
  if (!stream.is_open()) stream.open(root_ / file, std::ios::binary | std::ios::app);
  stream << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  if (!stream) {
    error = fmt::format("cannot write {}", (root_ / file).string());
    return false;
  }
  return true;
}

bool FrameSetWriter::addTruth(const TruthFrame& truth, std::string& error) {
  return appendLine(truth_, "truth.jsonl", toJson(truth), error);
}

bool FrameSetWriter::addCarton(const CartonExpectation& carton, std::string& error) {
  return appendLine(cartons_, "cartons.jsonl", toJson(carton), error);
}

bool FrameSetWriter::addResult(const ResultFrame& result, std::string& error) {
  return appendLine(results_, "results.jsonl", toJson(result), error);
}

bool FrameSetWriter::finish(std::string& error) {
  for (auto* stream : {&truth_, &cartons_, &results_}) {
    if (stream->is_open()) {
      stream->close();
      if (!*stream) {
        error = "a frame set file could not be written completely";
        return false;
      }
    }
  }
  return true;
}

}  // namespace gs1inspect::frameset
