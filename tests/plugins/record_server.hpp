#pragma once
// An HTTP server for tests (cpp-httplib) on 127.0.0.1 that keeps every body
// POSTed to /records, in arrival order: the other end of a webhook. Made
// on a port (0: any free one) and stopped when destroyed; made again on
// the same port, it is the server coming back.

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace gs1inspect::testing {

// An HTTP server on 127.0.0.1 that keeps every body POSTed to /records.
class RecordServer {
 public:
  explicit RecordServer(int port = 0) {
    server_.Post("/records", [this](const httplib::Request& request, httplib::Response& response) {
      const std::lock_guard lock(mutex_);
      bodies_.push_back(request.body);
      response.status = 204;
    });
    port_ = port == 0 ? server_.bind_to_any_port("127.0.0.1") : (server_.bind_to_port("127.0.0.1", port) ? port : -1);
    if (port_ < 0) throw std::runtime_error("cannot bind 127.0.0.1:" + std::to_string(port));
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RecordServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::string> bodies() const {
    const std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

}  // namespace gs1inspect::testing
