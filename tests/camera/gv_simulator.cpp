#include "camera/gv_simulator.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace gs1inspect::testing {

namespace {

constexpr const char* kSimulator = "/usr/bin/arv-fake-gv-camera-0.8";

// Whether a UDP socket is bound to 127.0.0.1:3956 (GigE Vision control):
// /proc/net/udp lists local addresses as hex "0100007F:0F74".
bool controlPortBound() {
  std::ifstream udp("/proc/net/udp");
  std::string line;
  while (std::getline(udp, line)) {
    if (line.find(" 0100007F:0F74 ") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

GvSimulator::GvSimulator(std::string serial) : serial_(std::move(serial)) { start(); }

GvSimulator::~GvSimulator() { kill(); }

bool GvSimulator::start() {
  kill();
  if (controlPortBound()) {
    error_ = "127.0.0.1:3956 is taken (another GigE Vision simulator running?)";
    return false;
  }
  std::string program = kSimulator, iface = "-i", address = "127.0.0.1", s = "-s";
  char* argv[] = {program.data(), iface.data(), address.data(), s.data(), serial_.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const int spawned = posix_spawn(&pid_, kSimulator, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    error_ = std::string(kSimulator) + " cannot be started (Debian package aravis-tools)";
    return false;
  }
  for (int i = 0; i < 100 && !controlPortBound(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!controlPortBound()) {
    kill();
    error_ = std::string(kSimulator) + " did not come up on 127.0.0.1:3956 within 5 s";
    return false;
  }
  return true;
}

void GvSimulator::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace gs1inspect::testing
