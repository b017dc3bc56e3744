#include "cli/cameras_command.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "camera/camera_list.hpp"

namespace gs1inspect::cli {

namespace {

struct CamerasSettings {
  bool json = false;
  bool fake = false;
};

int listCameras(const CamerasSettings& s) {
  const auto cameras = camera::listCameras(s.fake);
  if (s.json) {
    auto out = nlohmann::json::array();
    for (const auto& c : cameras) {
      out.push_back({{"id", c.id}, {"vendor", c.vendor}, {"model", c.model}, {"serial", c.serial},
                     {"address", c.address}, {"interface", c.interface}, {"source_kind", c.sourceKind}});
    }
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  if (cameras.empty()) {
    std::cout << "no camera found (GigE Vision cameras answer discovery on the interfaces of their subnet; USB cameras "
                 "appear as /dev/video*)\n";
    return 0;
  }
  std::cout << fmt::format("{:<32} {:<24} {:<16} {:<18} {:<11} {}\n", "id", "model", "serial", "address", "interface",
                           "source.kind");
  for (const auto& c : cameras) {
    const std::string model = c.vendor.empty() ? c.model : c.vendor + " " + c.model;
    std::cout << fmt::format("{:<32} {:<24} {:<16} {:<18} {:<11} {}\n", c.id, model, c.serial.empty() ? "-" : c.serial,
                             c.address.empty() ? "-" : c.address, c.interface, c.sourceKind);
  }
  return 0;
}

}  // namespace

void addCamerasCommand(CLI::App& app, int& exitCode) {
  auto s = std::make_shared<CamerasSettings>();
  CLI::App* command = app.add_subcommand(
      "cameras",
      "List the cameras this machine can see: GigE Vision and USB3 Vision cameras (through Aravis) and video devices "
      "(through OpenCV), with the id, serial and address a station configuration names them by");
  command->add_flag("--json", s->json, "One JSON array: id, vendor, model, serial, address, interface, source_kind");
  command->add_flag("--fake", s->fake, "Also list Aravis's virtual camera (Fake_1), for trying a gige source without one");
  command->callback([s, &exitCode] { exitCode = listCameras(*s); });
}

}  // namespace gs1inspect::cli
