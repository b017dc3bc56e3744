#include "camera/camera_list.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <arv.h>

namespace gs1inspect::camera {

namespace {

std::string orEmpty(const char* s) { return s != nullptr ? s : ""; }

std::string firstLine(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// V4L2 capture devices, by their /sys entries: OpenCV has no listing of
// its own, and opening each device to probe it would disturb one in use.
std::vector<CameraInfo> videoDevices() {
  std::vector<CameraInfo> out;
  const std::filesystem::path sys = "/sys/class/video4linux";
  std::error_code ec;
  if (!std::filesystem::is_directory(sys, ec)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(sys, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("video", 0) != 0) continue;
    // A UVC camera shows two nodes: the second (index 1) carries metadata.
    if (firstLine(entry.path() / "index") != "0" && std::filesystem::exists(entry.path() / "index")) continue;
    CameraInfo c;
    c.id = "/dev/" + name;
    c.model = firstLine(entry.path() / "name");
    c.address = std::filesystem::read_symlink(entry.path() / "device", ec).filename().string();
    c.interface = "V4L2";
    c.sourceKind = "video";
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const CameraInfo& a, const CameraInfo& b) { return a.id < b.id; });
  return out;
}

}  // namespace

std::vector<CameraInfo> listCameras(bool withFake) {
  std::vector<CameraInfo> out;
  if (withFake) arv_enable_interface("Fake");
  arv_update_device_list();
  for (unsigned i = 0; i < arv_get_n_devices(); ++i) {
    CameraInfo c;
    c.id = orEmpty(arv_get_device_id(i));
    c.vendor = orEmpty(arv_get_device_vendor(i));
    c.model = orEmpty(arv_get_device_model(i));
    c.serial = orEmpty(arv_get_device_serial_nbr(i));
    c.address = orEmpty(arv_get_device_address(i));
    c.interface = orEmpty(arv_get_device_protocol(i));
    c.sourceKind = "gige";
    out.push_back(c);
  }
  if (withFake) arv_disable_interface("Fake");
  for (auto& v : videoDevices()) out.push_back(std::move(v));
  return out;
}

}  // namespace gs1inspect::camera
