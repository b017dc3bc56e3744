// The station with a GigE Vision camera: over the real protocol (Aravis's
// camera simulator on 127.0.0.1) it takes every frame the camera sends,
// stays up when the camera is killed, says so, and takes frames again
// within seconds of the camera's restart; fed a generated frame set
// through Aravis's in-process virtual camera, it judges the cartons as the
// set expects.
#include <gtest/gtest.h>

#include <arv.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "camera/gv_simulator.hpp"
#include "frameset/frame_set.hpp"
#include "generator/frame_generator.hpp"
#include "graph/station.hpp"
#include "scoring/carton_scoring.hpp"

namespace gs1inspect::graph {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("gs1i-gige-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

int freePort() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof a;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &size);
  const int port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

// One metric's value from the station's /metrics, as Prometheus scrapes it
// (-1 when it cannot be scraped).
double scraped(int port, const std::string& name) {
  httplib::Client client("127.0.0.1", port);
  const auto response = client.Get("/metrics");
  if (!response || response->status != 200) return -1;
  const std::regex line("(^|\n)" + name + " ([0-9.e+-]+)");
  std::smatch m;
  return std::regex_search(response->body, m, line) ? std::stod(m[2]) : -1;
}

template <typename Condition>
bool waitFor(Condition condition, double seconds) {
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

// A station on a GigE camera of `width` x `height` at `fps`, its journal
// and divert log in `dir`; the belt as the generator's default sets move it.
config::StationConfig gigeStation(const fs::path& dir, int width, int height, double fps) {
  config::StationConfig c;
  c.source.kind = config::SourceConfig::Kind::Gige;
  c.source.width = width;
  c.source.height = height;
  c.source.fps = fps;
  c.line.beltSpeedMmS = 2000;
  c.line.pxPerMm = 4;
  c.metrics.address = "off";
  c.journal.path = (dir / "journal.jsonl").string();
  c.actuators[0].path = (dir / "diverts.log").string();
  return c;
}

TEST(StationWithAGigeCamera, TakesEveryFrameStaysUpWhenTheCameraIsLostAndReconnectsWhenItIsBack) {
  testing::GvSimulator simulator("GS1I-STATION");
  ASSERT_TRUE(simulator.running()) << simulator.error();
  const fs::path dir = scratch("simulator");
  const int port = freePort();
  RunOptions options;
  options.config = gigeStation(dir, 640, 480, 20);
  config::StationConfig& c = options.config;
  c.source.gige.address = "127.0.0.1";
  c.source.gige.frameTimeoutS = 1.0;
  c.source.reopenInitialS = 0.25;
  c.source.reopenMaxS = 0.5;
  c.metrics.address = "127.0.0.1:" + std::to_string(port);
  std::mutex mutex;
  std::vector<std::uint64_t> ids;  // of the frames read, in the order read
  options.readHook = [&](FrameWork& f, const std::function<void(FrameWork&)>& read) {
    read(f);
    const std::lock_guard lock(mutex);
    ids.push_back(f.frame.cameraFrameId);
  };
  Station station(options);
  RunSummary summary;
  std::thread running([&] { summary = station.run(); });
  const auto received = [&] { return scraped(port, "gs1_inspect_frames_received_total"); };

  // Streaming: frames at the simulator's rate, none lost.
  ASSERT_TRUE(waitFor([&] { return received() >= 10; }, 20)) << "no frames from the simulator";
  const double n0 = received();
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const double rate = (received() - n0) / std::chrono::duration<double>(Clock::now() - t0).count();
  EXPECT_NEAR(rate, 20, 3) << "frames a second";
  EXPECT_EQ(scraped(port, "gs1_inspect_frames_lost_total"), 0);
  EXPECT_EQ(scraped(port, "gs1_inspect_camera_incomplete_frames_total"), 0);
  EXPECT_EQ(scraped(port, "gs1_inspect_camera_connected"), 1);

  // The camera killed: the station stays up and says the camera is lost.
  simulator.kill();
  EXPECT_TRUE(waitFor([&] { return scraped(port, "gs1_inspect_camera_connected") == 0; }, 5))
      << "the camera was not reported lost";
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const double whileLost = received();
  EXPECT_GE(whileLost, 0) << "the station went down with its camera";

  // Back: frames again within a few seconds.
  ASSERT_TRUE(simulator.start()) << simulator.error();
  const auto restarted = Clock::now();
  EXPECT_TRUE(waitFor([&] { return received() > whileLost + 5; }, 5)) << "no frames after the camera came back";
  const double reconnectS = std::chrono::duration<double>(Clock::now() - restarted).count();
  EXPECT_LT(reconnectS, 5);
  EXPECT_EQ(scraped(port, "gs1_inspect_camera_connected"), 1);
  // Once, or more when an opening came while the simulator was still
  // starting (no frame followed, and it was opened again).
  EXPECT_GE(scraped(port, "gs1_inspect_camera_reconnects_total"), 1);
  station.stop();
  running.join();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  EXPECT_GE(summary.cameraLosses, 1U);
  EXPECT_EQ(summary.framesLost, 0U);
  // Frames were read in the camera's order (each stream's ids increasing).
  const std::lock_guard lock(mutex);
  std::size_t restarts = 0;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    if (ids[i] <= ids[i - 1]) ++restarts;
  }
  EXPECT_LE(restarts, 1U) << "ids out of order beyond the camera's restart";
  // Cartons in view when the camera went away were not passed.
  std::ifstream journal(c.journal.path);
  for (std::string line; std::getline(journal, line);) {
    const auto r = nlohmann::json::parse(line);
    const std::string why = r["why"].dump();
    if (why.find("camera lost") != std::string::npos) {
      EXPECT_EQ(r["reason"], "no-read") << line;
    }
  }
}

// Frames of a generated set through Aravis's virtual camera. The camera
// is paced by the station (a frame is filled once the one two before it has
// passed every stage: a sanitizer build is slower than the line, and a
// frame dropped at admission would be a hole in the set) and stamps each
// frame with its time in the set, so the belt moves as it did in the set.
class SetThroughVirtualCamera {
 public:
  explicit SetThroughVirtualCamera(const frameset::FrameSet& set) : fps_(set.info.fps) {
    for (const auto& name : set.frames) {
      images_.push_back(cv::imread((set.root / name).string(), cv::IMREAD_GRAYSCALE));
      names_.push_back(name);
    }
  }
  std::size_t size() const { return images_.size(); }

  static void fill(ArvBuffer* buffer, void* self, guint32, guint32, ArvPixelFormat) {
    static_cast<SetThroughVirtualCamera*>(self)->fill(buffer);
  }
  void retired() {
    const std::lock_guard lock(mutex_);
    ++retired_;
    wake_.notify_all();
  }
  std::size_t framesRetired() {
    const std::lock_guard lock(mutex_);
    return retired_;
  }
  /// Frames past the set's end wait for this (the station stops first).
  void release() {
    const std::lock_guard lock(mutex_);
    released_ = true;
    wake_.notify_all();
  }
  /// The set's frame name of a camera frame id.
  std::string nameOf(const std::string& id) {
    const std::lock_guard lock(mutex_);
    const auto it = names_by_id_.find(std::stoull(id));
    return it == names_by_id_.end() ? id : it->second;
  }

 private:
  void fill(ArvBuffer* buffer) {
    std::unique_lock lock(mutex_);
    const std::size_t k = filled_++;
    // Bounded: a station that stopped taking frames fails the test, not hangs it.
    wake_.wait_for(lock, std::chrono::seconds(120),
                   [&] { return released_ || (k < images_.size() && retired_ + 2 >= k); });
    const cv::Mat& image = images_[std::min(k, images_.size() - 1)];
    std::size_t size = 0;
    auto* data = static_cast<std::uint8_t*>(const_cast<void*>(arv_buffer_get_data(buffer, &size)));
    const auto width = static_cast<std::size_t>(arv_buffer_get_image_width(buffer));
    const auto height = static_cast<std::size_t>(arv_buffer_get_image_height(buffer));
    if (width != static_cast<std::size_t>(image.cols) || height != static_cast<std::size_t>(image.rows)) return;
    for (std::size_t y = 0; y < height; ++y) std::memcpy(data + y * width, image.ptr(static_cast<int>(y)), width);
    if (k == 0) start_ = arv_buffer_get_timestamp(buffer);
    arv_buffer_set_timestamp(buffer, start_ + static_cast<std::uint64_t>(static_cast<double>(k) * 1e9 / fps_));
    if (k < names_.size()) names_by_id_[arv_buffer_get_frame_id(buffer)] = names_[k];
  }

  double fps_;
  std::vector<cv::Mat> images_;
  std::vector<std::string> names_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::size_t filled_ = 0, retired_ = 0;
  bool released_ = false;
  std::uint64_t start_ = 0;
  std::map<std::uint64_t, std::string> names_by_id_;
};

TEST(StationWithAGigeCamera, GeneratedCartonsThroughAravisVirtualCameraAreJudgedAsTheSetExpects) {
  const fs::path dir = scratch("virtual");
  generator::GeneratorOptions o;
  o.out = dir / "set";
  o.frames = 300;
  o.damage = {generator::Damage::Rotation};
  generator::GeneratorSummary made;
  std::string error;
  ASSERT_TRUE(generator::generateFrameSet(o, made, error)) << error;
  const auto loaded = frameset::readFrameSet(o.out);
  ASSERT_TRUE(loaded.set);
  const frameset::FrameSet& set = *loaded.set;
  SetThroughVirtualCamera camera(set);

  RunOptions options;
  options.config = gigeStation(dir, 1920, 1200, set.info.fps);
  config::StationConfig& c = options.config;
  c.source.gige.camera = "Fake_1";
  c.source.gige.frameTimeoutS = 600;  // paced by the station: a sanitizer build is slow
  c.line.beltSpeedMmS = set.info.beltSpeedMmS;
  c.line.pxPerMm = set.info.pxPerMm;
  c.readerBudgetMs = 1000;  // verdicts, not speed
  c.maxInFlight = 8;        // more than the pacing keeps in flight: nothing dropped
  options.cameraOpened = [&](ArvCamera* cam) {
    auto* fake = arv_fake_device_get_fake_camera(ARV_FAKE_DEVICE(arv_camera_get_device(cam)));
    arv_fake_camera_set_fill_pattern(fake, &SetThroughVirtualCamera::fill, &camera);
  };
  options.retired = [&](const FrameWork&) { camera.retired(); };
  Station station(options);
  RunSummary summary;
  std::thread running([&] { summary = station.run(); });
  const bool all = waitFor([&] { return camera.framesRetired() >= camera.size(); }, 1200);
  station.stop();
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the source has stopped waiting for frames
  camera.release();
  running.join();
  ASSERT_TRUE(all) << camera.framesRetired() << " of " << camera.size() << " frames through the station";
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  EXPECT_EQ(summary.framesDropped, 0U);
  EXPECT_EQ(summary.framesLost, 0U);

  std::vector<scoring::JournalCarton> records;
  std::ifstream journal(c.journal.path);
  for (std::string line; std::getline(journal, line);) {
    scoring::JournalCarton r;
    ASSERT_TRUE(scoring::journalCartonFromJson(nlohmann::json::parse(line), r, error)) << error;
    for (auto& f : r.frames) f = camera.nameOf(f);
    records.push_back(r);
  }
  const scoring::CartonScore score = scoring::scoreCartons(set, records);
  EXPECT_EQ(score.missing, 0U);
  EXPECT_EQ(score.extra, 0U);
  EXPECT_EQ(score.wrongPasses, 0U);
  // The reader's own misses on this damage (a replay of the set from disk
  // agrees on 38 of 40 cartons) are the only disagreements allowed.
  EXPECT_GE(score.agreement(), 0.9) << scoring::toJson(score).dump(2);
}

}  // namespace
}  // namespace gs1inspect::graph
