#pragma once
// Writes a recorded frame set (docs/frameset-format.md, version 1).
//
// Not thread-safe: one writer per set, used from one thread. Every call
// reports failure through its return value; nothing throws.

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <opencv2/core/mat.hpp>

#include "frameset/frame_set.hpp"

namespace gs1inspect::frameset {

class FrameSetWriter {
 public:
  /// Creates `root` (which must not exist, or be an empty folder: a set is
  /// never written over), its frames/ folder and frameset.json.
  static std::optional<FrameSetWriter> create(const std::filesystem::path& root, const FrameSetInfo& info,
                                              std::string& error);

  /// Writes the next frame as frames/NNNNNN.png (8-bit grey or BGR) and
  /// returns its name in the set ("frames/000012.png").
  std::optional<std::string> addFrame(const cv::Mat& image, std::string& error);

  /// Appends one line to truth.jsonl, cartons.jsonl or results.jsonl.
  bool addTruth(const TruthFrame& truth, std::string& error);
  bool addCarton(const CartonExpectation& carton, std::string& error);
  bool addResult(const ResultFrame& result, std::string& error);

  /// Flushes and closes the files; false when anything failed to write.
  bool finish(std::string& error);

  std::size_t frameCount() const { return frames_; }

 private:
  explicit FrameSetWriter(std::filesystem::path root) : root_(std::move(root)) {}
  bool appendLine(std::ofstream& stream, const char* file, const nlohmann::ordered_json& j, std::string& error);

  std::filesystem::path root_;
  std::size_t frames_ = 0;
  std::ofstream truth_;
  std::ofstream cartons_;
  std::ofstream results_;
};

}  // namespace gs1inspect::frameset
