#pragma once
// Checked conversion of one JSON record of a frame set into its type.
// Internal to the frameset library: each function returns the record, or
// nullopt with a message naming the offending key.

#include <optional>
#include <string>

#include "frameset/frame_set.hpp"

namespace gs1inspect::frameset::detail {

std::optional<FrameSetInfo> infoFromJson(const nlohmann::ordered_json& j, std::string& error);
std::optional<TruthFrame> truthFromJson(const nlohmann::ordered_json& j, std::string& error);
std::optional<CartonExpectation> cartonFromJson(const nlohmann::ordered_json& j, std::string& error);
std::optional<ResultFrame> resultFromJson(const nlohmann::ordered_json& j, std::string& error);

}  // namespace gs1inspect::frameset::detail
