#pragma once
// The cameras this machine can see, for `gs1-inspect cameras`: GenICam
// cameras Aravis discovers (GigE Vision on every network interface, USB3
// Vision) and the video devices OpenCV opens through V4L2.

#include <string>
#include <vector>

namespace gs1inspect::camera {

/// One camera as a source's configuration names it.
struct CameraInfo {
  std::string id;         // what source.gige.camera or source.device takes
  std::string vendor;
  std::string model;
  std::string serial;     // what source.gige.serial takes ("" when the device has none)
  std::string address;    // an IP address (GigE Vision), a USB bus path, or ""
  std::string interface;  // "GigEVision", "USB3Vision", "V4L2"
  std::string sourceKind; // the source.kind that opens it: "gige" or "video"
};

/// Every camera found (GigE Vision discovery waits about a second for
/// answers). `withFake` adds Aravis's virtual camera.
std::vector<CameraInfo> listCameras(bool withFake = false);

}  // namespace gs1inspect::camera
