#pragma once
// Each journal record POSTed as JSON to a URL (libcurl), from a bounded
// queue on the sink's own thread: take() never blocks the station. A POST
// that fails (no answer, a connection refused, a status other than 2xx) is
// tried again with back-off, the record kept at the head of the queue, so
// records arrive once each and in order; a record that finds the queue
// full is dropped and counted. On destruction the queue is sent for up to
// `drainTimeout`, then what is left is counted as dropped.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "decide/result_sink.hpp"

namespace gs1inspect::plugins {

struct WebhookSettings {
  std::string url;
  std::size_t queue = 10000;                     // records waiting at most
  std::chrono::milliseconds timeout{2000};       // one POST
  std::chrono::milliseconds retryInitial{500};   // first wait after a failure,
  std::chrono::milliseconds retryMax{30000};     //   doubled up to this
  std::chrono::milliseconds drainTimeout{5000};  // at the end, for what is queued
};

class WebhookSink : public decide::ResultSink {
 public:
  WebhookSink(std::string name, WebhookSettings settings, decide::SinkEvents events);
  ~WebhookSink() override;
  WebhookSink(const WebhookSink&) = delete;
  WebhookSink& operator=(const WebhookSink&) = delete;

  const std::string& name() const override { return name_; }
  void take(const nlohmann::ordered_json& record) override;

 private:
  void run();
  // One POST; empty when the server took it, else why not.
  std::string post(const std::string& body);

  std::string name_;
  WebhookSettings settings_;
  decide::SinkEvents events_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  void* curl_ = nullptr;  // the sink thread's handle (CURL*), reused: one connection kept alive
  std::thread worker_;
};

}  // namespace gs1inspect::plugins
