// Plugins through the C ABI: the example plugin loads from the configured
// directory and receives decisions (C struct and JSON) and diverts; a
// plugin of another ABI version, or a file that is no plugin, is refused
// with a message and the others still load.
#include "plugins/plugin_loader.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace gs1inspect::plugins {
namespace {

namespace fs = std::filesystem;

class PluginDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gs1i-plugins-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string contents(const fs::path& file) const {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
};

TEST_F(PluginDirectory, TheExamplePluginReceivesDecisionsAndDiverts) {
  fs::copy_file(GS1I_EXAMPLE_PLUGIN, dir_ / "record.so");
  const fs::path out = dir_ / "received.txt";
  int sent = 0;
  decide::SinkEvents events;
  events.sent = [&](const std::string& name) {
    EXPECT_EQ(name, "plugin:record");
    ++sent;
  };
  {
    LoadedPlugins loaded = loadPlugins(dir_, {{"record", out.string()}}, events);
    ASSERT_TRUE(loaded.refused.empty()) << loaded.refused.front();
    ASSERT_EQ(loaded.names, std::vector<std::string>{"plugin:record"});
    ASSERT_EQ(loaded.sinks.size(), 1U);
    ASSERT_EQ(loaded.actuators.size(), 1U);
    const nlohmann::ordered_json record = {
        {"carton", "S000007"}, {"verdict", "divert"}, {"reason", "invalid-data"}, {"first_seen", 1.5},
        {"last_seen", 2.0},    {"decided_at", 2.1},   {"divert_at", 3.25},        {"wall", "2026-12-07T03:41:07.125Z"},
        {"symbols", {{{"symbology", "gs1-128"}, {"hri", "(00)106141412345678908"}, {"valid", true}},
                     {{"symbology", "gs1-datamatrix"}, {"hri", "(01)09506000134353"}, {"valid", false}}}}};
    loaded.sinks[0]->take(record);
    std::string error;
    EXPECT_TRUE(loaded.actuators[0]->fire({"S000007", "invalid-data", 3.25, 3.26, false}, error)) << error;
  }  // unloaded here: the plugin closes its file
  const std::string text = contents(out);
  EXPECT_NE(text.find("decision S000007 divert invalid-data symbols=2 gs1-128=(00)106141412345678908 "
                      "gs1-datamatrix!=(01)09506000134353 json={\"carton\":\"S000007\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("divert S000007 invalid-data due=3.250 fired=3.260"), std::string::npos) << text;
  EXPECT_EQ(sent, 1);
}

TEST_F(PluginDirectory, AnotherAbiVersionOrAFileThatIsNoPluginIsRefusedAndTheRestLoad) {
  fs::copy_file(GS1I_WRONG_ABI_PLUGIN, dir_ / "future.so");
  std::ofstream(dir_ / "junk.so") << "not a shared object";
  fs::copy_file(GS1I_EXAMPLE_PLUGIN, dir_ / "record.so");
  std::ofstream(dir_ / "README.txt") << "not looked at";
  const LoadedPlugins loaded = loadPlugins(dir_, {{"record", (dir_ / "out.txt").string()}}, {});
  EXPECT_EQ(loaded.names, std::vector<std::string>{"plugin:record"});
  ASSERT_EQ(loaded.refused.size(), 2U);
  EXPECT_NE(loaded.refused[0].find("future.so: built for plugin ABI version 2, this station speaks version 1: refused"),
            std::string::npos)
      << loaded.refused[0];
  EXPECT_NE(loaded.refused[1].find("junk.so: cannot be loaded"), std::string::npos) << loaded.refused[1];
}

TEST_F(PluginDirectory, APluginThatCannotStartSaysWhy) {
  fs::copy_file(GS1I_EXAMPLE_PLUGIN, dir_ / "record.so");
  const LoadedPlugins loaded = loadPlugins(dir_, {{"record", "/nonexistent/dir/out.txt"}}, {});
  EXPECT_TRUE(loaded.names.empty());
  ASSERT_EQ(loaded.refused.size(), 1U);
  EXPECT_NE(loaded.refused[0].find("plugin record"), std::string::npos);
  EXPECT_NE(loaded.refused[0].find("/nonexistent/dir/out.txt cannot be opened for appending"), std::string::npos)
      << loaded.refused[0];
}

}  // namespace
}  // namespace gs1inspect::plugins
