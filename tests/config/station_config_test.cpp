// The station's configuration: every kind of error names file, line, key and
// what was expected; a good file gives its values.
#include "config/station_config.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace gs1inspect::config {
namespace {

// The one error of loading `yaml`, described.
std::string onlyError(const std::string& yaml) {
  const auto result = parseConfig(yaml, "station.yaml");
  EXPECT_FALSE(result.config);
  if (result.errors.size() != 1) {
    std::string all;
    for (const auto& e : result.errors) all += e.describe() + "\n";
    ADD_FAILURE() << "expected one error, got " << result.errors.size() << ":\n" << all;
    return all;
  }
  return result.errors[0].describe();
}

TEST(StationConfig, EmptyFileIsEveryDefault) {
  const auto result = parseConfig("", "station.yaml");
  ASSERT_TRUE(result.config);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.config->metrics.address, "127.0.0.1:9464");
  EXPECT_EQ(result.config->source.kind, SourceConfig::Kind::Frames);
  ASSERT_EQ(result.config->actuators.size(), 1U);
  EXPECT_EQ(result.config->actuators[0].kind, ActuatorConfig::Kind::Log);
}

TEST(StationConfig, GoodFileGivesItsValues) {
  const auto result = parseConfig(R"(
source:
  kind: frames
  frames: /data/set
  speed: "2"
  loop: true
line:
  belt_speed_mm_s: 1500
  px_per_mm: 3.5
  direction: -x
  diverter_distance_mm: 2000
symbologies: [gs1-128, gs1-datamatrix]
rules:
  required_ais: ["00", "02"]
  expected_gtins: ["09506000134352"]
  min_days_to_expiry: 30
  sufficient_symbologies: [gs1-128]
  duplicate_sscc_window_s: 600
max_in_flight: 4
metrics: {address: off}
journal: {path: /tmp/j.jsonl}
actuators:
  - {kind: log, name: divert-log, path: /tmp/diverts.log}
)",
                                  "station.yaml");
  ASSERT_TRUE(result.config) << (result.errors.empty() ? "" : result.errors[0].describe());
  const StationConfig& c = *result.config;
  EXPECT_EQ(c.source.frames, "/data/set");
  EXPECT_EQ(c.source.speed.mode, ReplaySpeed::Mode::Factor);
  EXPECT_DOUBLE_EQ(c.source.speed.factor, 2.0);
  EXPECT_TRUE(c.source.loop);
  EXPECT_EQ(c.line.beltSpeedMmS, 1500.0);
  EXPECT_EQ(c.line.pxPerMm, 3.5);
  EXPECT_EQ(c.line.direction, "-x");
  EXPECT_DOUBLE_EQ(c.line.diverterDistanceMm, 2000.0);
  EXPECT_EQ(c.symbologies, (std::vector<std::string>{"gs1-128", "gs1-datamatrix"}));
  EXPECT_EQ(c.rules.requiredAis, (std::vector<std::string>{"00", "02"}));
  EXPECT_EQ(c.rules.minDaysToExpiry, 30);
  EXPECT_EQ(c.maxInFlight, 4);
  EXPECT_FALSE(c.metrics.enabled());
  EXPECT_EQ(c.journal.path, "/tmp/j.jsonl");
  ASSERT_EQ(c.actuators.size(), 1U);
  EXPECT_EQ(c.actuators[0].name, "divert-log");
}

TEST(StationConfig, UnknownKeyNamesFileLineKeyAndTheKnownOnes) {
  EXPECT_EQ(onlyError("line:\n  belt_speed: 2000\n"),
            "station.yaml:2: line.belt_speed: unknown key (expected one of belt_speed_mm_s, px_per_mm, direction, "
            "diverter_distance_mm)");
  EXPECT_NE(onlyError("camera: 1\n").find("station.yaml:1: camera: unknown key"), std::string::npos);
}

TEST(StationConfig, WrongTypeNamesWhatWasExpected) {
  EXPECT_EQ(onlyError("max_in_flight: many\n"), "station.yaml:1: max_in_flight: expected a whole number, got \"many\"");
  EXPECT_EQ(onlyError("source:\n  loop: sometimes\n"),
            "station.yaml:2: source.loop: expected true or false, got \"sometimes\"");
  EXPECT_EQ(onlyError("line: 3\n"), "station.yaml:1: line: expected a map of belt_speed_mm_s, px_per_mm, direction, "
                                    "diverter_distance_mm, got \"3\"");
  EXPECT_EQ(onlyError("symbologies: gs1-128\n"), "station.yaml:1: symbologies: expected a list, got \"gs1-128\"");
}

TEST(StationConfig, ImpossibleValueNamesTheRange) {
  EXPECT_EQ(onlyError("line:\n  belt_speed_mm_s: -3\n"),
            "station.yaml:2: line.belt_speed_mm_s: expected a number greater than 0 and at most 20000, got \"-3\"");
  EXPECT_EQ(onlyError("source:\n  speed: fast\n"),
            "station.yaml:2: source.speed: expected realtime, max or a factor greater than 0, got \"fast\"");
  EXPECT_EQ(onlyError("line:\n  direction: up\n"),
            "station.yaml:2: line.direction: expected one of +x, +y, -x, -y, got \"up\"");
  EXPECT_EQ(onlyError("rules:\n  expected_gtins: [\"09506000134353\"]\n"),
            "station.yaml:2: rules.expected_gtins[0]: expected a GTIN whose check digit is right, got \"09506000134353\"");
  EXPECT_EQ(onlyError("symbologies: [gs1-128, code39]\n"),
            "station.yaml:1: symbologies[1]: expected a symbology of the frame-set format (gs1-128, gs1-datamatrix, "
            "ean13, ...), got \"code39\"");
  EXPECT_EQ(onlyError("metrics: {address: 9464}\n"), "station.yaml:1: metrics.address: expected HOST:PORT or off, got \"9464\"");
  EXPECT_EQ(onlyError("source:\n  kind: video\n"),
            "station.yaml:2: source.device: a video source needs a device (index, path, file or URL)");
}

TEST(StationConfig, EveryErrorIsReported) {
  const auto result = parseConfig("max_in_flight: -1\nreader_budget_ms: 0\nfoo: 1\n", "s.yaml");
  EXPECT_FALSE(result.config);
  ASSERT_EQ(result.errors.size(), 3U);
  EXPECT_EQ(result.errors[0].line, 1);
  EXPECT_EQ(result.errors[1].line, 2);
  EXPECT_EQ(result.errors[2].line, 3);
}

TEST(StationConfig, BrokenYamlAndMissingFile) {
  EXPECT_NE(onlyError("line: [1, 2\n").find("station.yaml:"), std::string::npos);
  const auto missing = loadConfig("/nonexistent/station.yaml");
  ASSERT_EQ(missing.errors.size(), 1U);
  EXPECT_EQ(missing.errors[0].describe(), "/nonexistent/station.yaml: cannot be opened");
}

TEST(StationConfig, ModbusActuatorKeysAndWhatTheyNeed) {
  const auto good = parseConfig("actuators:\n  - {kind: modbus, name: plc, address: 10.0.0.5, unit_id: 3, coil: 16, "
                                "pulse_ms: 150}\n  - {kind: log, name: log}\n",
                                "station.yaml");
  ASSERT_TRUE(good.config);
  ASSERT_EQ(good.config->actuators.size(), 2U);
  const ActuatorConfig& plc = good.config->actuators[0];
  EXPECT_EQ(plc.kind, ActuatorConfig::Kind::Modbus);
  EXPECT_EQ(plc.address, "10.0.0.5");
  EXPECT_EQ(plc.unitId, 3);
  EXPECT_EQ(plc.coil, 16);
  EXPECT_EQ(plc.holdingRegister, -1);
  EXPECT_EQ(plc.pulseMs, 150.0);
  EXPECT_EQ(onlyError("actuators:\n  - {kind: modbus, name: plc, coil: 1}\n"),
            "station.yaml:2: actuators[0].address: a modbus actuator needs the PLC's address, HOST or HOST:PORT");
  EXPECT_EQ(onlyError("actuators:\n  - {kind: modbus, name: plc, address: plc1, coil: 1, register: 2}\n"),
            "station.yaml:2: actuators[0]: a modbus actuator drives exactly one output: give \"coil\" or \"register\", "
            "not both or neither");
  EXPECT_EQ(onlyError("actuators:\n  - {kind: modbus, name: plc, address: plc1, coil: 1, register_value: 3}\n"),
            "station.yaml:2: actuators[0].register_value: goes with \"register\", not with \"coil\"");
  EXPECT_EQ(onlyError("actuators:\n  - {kind: log, name: log, coil: 1}\n"),
            "station.yaml:2: actuators[0].coil: only a modbus actuator takes this key");
  EXPECT_EQ(onlyError("actuators:\n  - {kind: modbus, name: plc, address: plc1, coil: 70000}\n"),
            "station.yaml:2: actuators[0].coil: expected a whole number from 0 to 65535, got 70000");
}

TEST(StationConfig, WebhookSinkKeysAndWhatTheyNeed) {
  const auto good = parseConfig("sinks:\n  - {kind: webhook, name: mes, url: \"http://10.0.0.9:8080/c\", queue: 50, "
                                "retry_initial_s: 1, retry_max_s: 60}\n",
                                "station.yaml");
  ASSERT_TRUE(good.config);
  ASSERT_EQ(good.config->sinks.size(), 1U);
  EXPECT_EQ(good.config->sinks[0].url, "http://10.0.0.9:8080/c");
  EXPECT_EQ(good.config->sinks[0].queue, 50);
  EXPECT_EQ(good.config->sinks[0].retryMaxS, 60.0);
  EXPECT_TRUE(parseConfig("", "station.yaml").config->sinks.empty());  // none by default
  EXPECT_EQ(onlyError("sinks:\n  - {kind: webhook, name: mes, url: \"ftp://x\"}\n"),
            "station.yaml:2: sinks[0].url: expected an http:// or https:// URL, got \"ftp://x\"");
  EXPECT_EQ(onlyError("sinks:\n  - {kind: webhook, url: \"http://x\"}\n"),
            "station.yaml:2: sinks[0].name: a sink needs a name (for its log lines and metrics)");
  EXPECT_EQ(onlyError("sinks:\n  - {kind: webhook, name: a, url: \"http://x\", retry_initial_s: 5, retry_max_s: 1}\n"),
            "station.yaml:2: sinks[0].retry_max_s: must be at least retry_initial_s");
  EXPECT_EQ(onlyError("sinks:\n  - {kind: mqtt, name: a, url: \"http://x\"}\n"),
            "station.yaml:2: sinks[0].kind: expected one of webhook, got \"mqtt\"");
}

TEST(StationConfig, PluginDirectoryMustExist) {
  EXPECT_EQ(onlyError("plugins:\n  directory: /nonexistent/gs1i-plugins\n"),
            "station.yaml:2: plugins.directory: expected a directory of plugins, got \"/nonexistent/gs1i-plugins\", "
            "which does not exist");
  const std::string file = std::string(GS1I_SOURCE_DIR) + "/README.md";
  EXPECT_EQ(onlyError("plugins:\n  directory: " + file + "\n"),
            "station.yaml:2: plugins.directory: expected a directory of plugins, got \"" + file +
                "\", which is not a directory");
  const auto good = parseConfig("plugins:\n  directory: /tmp\n  settings:\n    record: /tmp/x.txt\n", "station.yaml");
  ASSERT_TRUE(good.config);
  EXPECT_EQ(good.config->plugins.directory, "/tmp");
  EXPECT_EQ(good.config->plugins.settings.at("record"), "/tmp/x.txt");
}

TEST(StationConfig, GigeCameraKeysAndWhatTheyNeed) {
  const auto good = parseConfig("source:\n  kind: gige\n  fps: 40\n  width: 1920\n  gige:\n    serial: \"21234567\"\n"
                                "    pixel_format: BayerRG12\n    exposure_us: 300\n    gain_db: 6\n"
                                "    trigger: line\n    trigger_line: Line2\n    packet_size: 8192\n"
                                "    packet_delay_ns: 2000\n    buffers: 32\n    features: \"ReverseX=true\"\n",
                                "station.yaml");
  ASSERT_TRUE(good.config);
  const GigeConfig& g = good.config->source.gige;
  EXPECT_EQ(good.config->source.kind, SourceConfig::Kind::Gige);
  EXPECT_EQ(g.serial, "21234567");
  EXPECT_EQ(g.pixelFormat, "BayerRG12");
  EXPECT_EQ(g.exposureUs, 300.0);
  EXPECT_EQ(g.gainDb, 6.0);
  EXPECT_EQ(g.trigger, GigeConfig::Trigger::Line);
  EXPECT_EQ(g.triggerLine, "Line2");
  EXPECT_EQ(g.packetSize, 8192);
  EXPECT_EQ(g.packetDelayNs, 2000);
  EXPECT_EQ(g.buffers, 32);
  EXPECT_FALSE(g.frameTimeoutS);
  EXPECT_EQ(g.features, "ReverseX=true");
  EXPECT_EQ(onlyError("source:\n  kind: gige\n"),
            "station.yaml:2: source.gige: a gige source needs its camera (gige.camera, gige.serial or gige.address)");
  EXPECT_EQ(onlyError("source:\n  kind: gige\n  gige:\n    camera: a\n    address: 10.0.0.5\n"),
            "station.yaml:4: source.gige.camera: expected exactly one of camera (an Aravis device id), serial or "
            "address, got 2");
  const std::string format = onlyError("source:\n  kind: gige\n  gige:\n    camera: a\n    pixel_format: YUV422\n");
  EXPECT_EQ(format.rfind("station.yaml:5: source.gige.pixel_format: expected one of Mono8, Mono10, ", 0), 0U) << format;
  EXPECT_NE(format.find(", got \"YUV422\""), std::string::npos) << format;
  EXPECT_EQ(onlyError("source:\n  kind: gige\n  gige:\n    camera: a\n    trigger: software\n"),
            "station.yaml:2: source.fps: a software-triggered camera needs the rate the station triggers it at (fps)");
  EXPECT_EQ(onlyError("source:\n  kind: gige\n  gige:\n    camera: a\n    trigger: encoder\n"),
            "station.yaml:5: source.gige.trigger: expected one of free-run, line, software, got \"encoder\"");
  EXPECT_EQ(onlyError("source:\n  kind: gige\n  gige:\n    camera: a\n    buffers: 1\n"),
            "station.yaml:5: source.gige.buffers: expected a whole number from 2 to 1024, got 1");
}

TEST(StationConfig, ExampleConfigsAreValid) {
  for (const char* name : {"replay.yaml", "usb-camera.yaml", "plc-modbus.yaml", "gige-camera.yaml"}) {
    const auto result = loadConfig(std::filesystem::path(GS1I_SOURCE_DIR) / "config" / "examples" / name);
    std::string all;
    for (const auto& e : result.errors) all += e.describe() + "\n";
    EXPECT_TRUE(result.config) << name << ":\n" << all;
  }
}

}  // namespace
}  // namespace gs1inspect::config
