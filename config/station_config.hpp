#pragma once
// The station's configuration: one YAML file, read and validated at start.
//
// Every key has a default here (the embedded default is a StationConfig{}
// with a demo frame set as its source). Loading never throws: an unknown
// key, a wrong type or an impossible value becomes a ConfigError naming the
// file, the line, the key and what was expected, and the station does not
// start. Values are plain data, shared read-only between threads once
// loaded.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs1inspect::config {

/// How a recorded frame set is replayed.
struct ReplaySpeed {
  enum class Mode { Realtime, Max, Factor };
  Mode mode = Mode::Realtime;
  double factor = 1.0;  // Factor: frames come this many times faster than recorded

  /// "realtime", "max", or a number ("2", "0.5").
  static std::optional<ReplaySpeed> parse(std::string_view text);
  /// What parse() takes, for messages: "expected realtime, max or ...".
  static constexpr std::string_view kExpected = "expected realtime, max or a factor greater than 0";
  std::string describe() const;
};

/// Where frames come from.
/// A GenICam camera through Aravis (GigE Vision, USB3 Vision).
struct GigeConfig {
  // Which camera: exactly one of the three.
  std::string camera;   // Aravis's device id ("Basler-21234567"; "Fake_1" is Aravis's virtual camera)
  std::string serial;   // the camera's serial number (found among the cameras discovered)
  std::string address;  // a GigE Vision camera's IP address (opened directly, no discovery)
  std::string pixelFormat = "Mono8";  // a GenICam name camera/pixel_formats converts
  double exposureUs = 0;              // 0 leaves the camera's own
  std::optional<double> gainDb;       // unset leaves the camera's own
  enum class Trigger { FreeRun, Software, Line };
  Trigger trigger = Trigger::FreeRun;  // software: the station triggers at source.fps
  std::string triggerLine = "Line1";   // the input a hardware trigger comes on (trigger: line)
  int packetSize = 0;                  // GigE packet size (bytes); 0: the largest the network carries
  int packetDelayNs = 0;               // GigE inter-packet delay (ns), to share a link between cameras
  int buffers = 16;                    // stream buffers in the pool
  /// A camera that sends no frame for this long is taken as lost (s); unset:
  /// 2 s or 10 frame periods when free-running or software-triggered, never
  /// when line-triggered (its heartbeat still tells a lost camera).
  std::optional<double> frameTimeoutS;
  std::string features;  // further GenICam features, "Name=Value Name=Value", set last
};

struct SourceConfig {
  enum class Kind { Frames, Video, Gige };
  Kind kind = Kind::Frames;
  // Kind::Frames: a recorded frame set (frameset-format.md).
  std::string frames;  // the set's folder; empty: the demo set
  ReplaySpeed speed;
  bool loop = false;
  // Kind::Video: cv::VideoCapture: a device index ("0"), a device path
  // ("/dev/video0"), a video file or a stream URL (rtsp://...).
  std::string device;
  int width = 0;          // requested resolution; 0 leaves the device's own
  int height = 0;
  double fps = 0;         // requested rate; 0 leaves the device's own
  double exposure = 0;    // backend units (V4L2: 100 us steps); 0 leaves auto
  // Kind::Gige: width, height and fps above are the camera's region and
  // frame rate (free-run) or trigger rate (software).
  GigeConfig gige;
  // A source that fails is reopened after this wait, doubled each time up
  // to the maximum (s).
  double reopenInitialS = 0.5;
  double reopenMaxS = 10.0;
};

/// The belt under the camera.
struct LineConfig {
  // Unset values come from the frame set (frameset.json); a camera needs
  // them here.
  std::optional<double> beltSpeedMmS;
  std::optional<double> pxPerMm;
  std::optional<std::string> direction;  // "+x", "-x", "+y", "-y"
  /// From the camera's optical axis (the middle of the image) to the
  /// diverter, along the belt (mm). 1.5 m leaves a 2 m/s belt 750 ms.
  double diverterDistanceMm = 1500.0;
};

/// Seeing cartons in the image.
struct DetectionConfig {
  enum class Method { BeltModel };
  Method method = Method::BeltModel;
  /// Side of the cells the belt model keeps (frame px).
  int cellPx = 16;
  /// A cell is carton when its mean grey differs from the empty belt's by
  /// this much (grey levels 0..255) or its texture by twice as much: a
  /// printed board or label differs by 50 or more; belt texture and sensor
  /// noise move a 16 px cell's mean by 2-3.
  double contrast = 18.0;
  /// Smallest carton along and across the belt (mm): smaller blobs are
  /// dirt, tape ends or light.
  double minCartonMm = 80.0;
  /// Frames of an empty belt learnt at start before cartons are looked for.
  int learnFrames = 1;
};

/// What makes a carton pass.
struct RulesConfig {
  /// AIs every carton must carry, in any of its symbols ("01", "17", ...).
  std::vector<std::string> requiredAis;
  /// GTINs (14 digits) the line accepts; empty: any.
  std::vector<std::string> expectedGtins;
  /// Expiry (17) at least this many days after the capture date.
  std::optional<int> minDaysToExpiry;
  /// Symbologies whose reads suffice for a carton: a carton whose symbols of
  /// these are all read may pass although others on it were not read.
  /// Empty: every symbol the carton shows must be read.
  std::vector<std::string> sufficientSymbologies;
  /// The same SSCC on another carton within this window (s) is a duplicate.
  double duplicateSsccWindowS = 86400.0;
};

/// Where diverts go.
struct ActuatorConfig {
  enum class Kind { Log, Modbus };
  Kind kind = Kind::Log;
  std::string name = "log";
  std::string path;  // Kind::Log: file to append to; empty: the station's log

  /// Kind::Modbus: a PLC over Modbus TCP. A divert turns the coil on (or
  /// writes `registerValue` to the holding register) for `pulseMs`, then
  /// off (0).
  std::string address;       // "HOST:PORT", port 502 when left out
  int unitId = 1;            // the PLC's unit (slave) id, 0-247
  int coil = -1;             // coil address, 0-65535; or
  int holdingRegister = -1;  // holding register address, 0-65535
  int registerValue = 1;     // written to the register for the pulse, 1-65535
  double pulseMs = 100.0;    // how long the output stays on
  double timeoutMs = 200.0;  // a request unanswered this long fails
};

/// Where journal records go besides the journal.
struct SinkConfig {
  enum class Kind { Webhook };
  Kind kind = Kind::Webhook;
  std::string name;
  std::string url;               // Kind::Webhook: http:// or https:// URL records are POSTed to
  int queue = 10000;             // records waiting at most; more are dropped and counted
  double timeoutMs = 2000.0;     // one POST
  double retryInitialS = 0.5;    // a failed POST is tried again after this,
  double retryMaxS = 30.0;       //   doubled each time up to this
};

/// Plugins through the C ABI (plugins/include/gs1_inspect_plugin.h).
struct PluginsConfig {
  std::string directory;                        // where plugins are loaded from (only there); empty: none
  std::map<std::string, std::string> settings;  // text handed to each plugin, by its name
};

struct MetricsConfig {
  std::string address = "127.0.0.1:9464";  // "off" disables the exposer
  bool enabled() const { return address != "off"; }
};

struct JournalConfig {
  std::string path = "gs1-inspect-journal.jsonl";
};

/// The whole station.
struct StationConfig {
  std::string file;  // where it was read from; empty: the embedded default
  SourceConfig source;
  LineConfig line;
  DetectionConfig detection;
  /// Symbologies the station judges (frame-set names); empty: all.
  std::vector<std::string> symbologies;
  RulesConfig rules;
  /// Frames in flight at once; a faster camera is dropped at admission.
  /// 0: twice the cores (each core reading one frame while the next waits;
  /// more only queue, and add to the latency).
  int maxInFlight = 0;
  /// The reader's time budget per frame (ms).
  double readerBudgetMs = 25.0;
  std::vector<ActuatorConfig> actuators{ActuatorConfig{}};
  std::vector<SinkConfig> sinks;
  PluginsConfig plugins;
  MetricsConfig metrics;
  JournalConfig journal;
};

/// One problem: "station.yaml:12: line.belt_speed_mm_s: expected a number
/// greater than 0, got -3".
struct ConfigError {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem concerns the whole file
  std::string key;  // dotted path: "line.belt_speed_mm_s"
  std::string message;

  std::string describe() const;
};

struct LoadResult {
  std::optional<StationConfig> config;  // nullopt when any error was found
  std::vector<ConfigError> errors;
};

/// Reads and validates the YAML file at `path`.
LoadResult loadConfig(const std::filesystem::path& path);

/// The same for YAML text; `file` names it in errors.
LoadResult parseConfig(std::string_view yaml, const std::string& file);

}  // namespace gs1inspect::config
