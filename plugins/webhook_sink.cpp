#include "plugins/webhook_sink.hpp"

#include <algorithm>
#include <optional>

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace gs1inspect::plugins {

namespace {

// libcurl's global state, set up once before any handle.
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

}  // namespace

WebhookSink::WebhookSink(std::string name, WebhookSettings settings, decide::SinkEvents events)
    : name_(std::move(name)), settings_(std::move(settings)), events_(std::move(events)) {
  static CurlGlobal global;
  curl_ = curl_easy_init();
  worker_ = std::thread([this] { run(); });
}

WebhookSink::~WebhookSink() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void WebhookSink::take(const nlohmann::ordered_json& record) {
  std::string body = record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= settings_.queue) {
      if (events_.dropped) events_.dropped(name_);
      return;
    }
    queue_.push_back(std::move(body));
  }
  wake_.notify_all();
}

std::string WebhookSink::post(const std::string& body) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return "libcurl could not make a handle";
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) return curl_easy_strerror(rc);
  if (status < 200 || status > 299) return fmt::format("the server answered HTTP {}", status);
  return {};
}

void WebhookSink::run() {
  auto wait = settings_.retryInitial;
  std::optional<std::chrono::steady_clock::time_point> drainUntil;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, all sent
    if (stopping_ && !drainUntil) drainUntil = std::chrono::steady_clock::now() + settings_.drainTimeout;
    if (drainUntil && std::chrono::steady_clock::now() >= *drainUntil) break;
    const std::string body = queue_.front();  // stays queued until the server took it
    lock.unlock();
    const std::string error = post(body);
    lock.lock();
    if (error.empty()) {
      queue_.pop_front();
      wait = settings_.retryInitial;
      if (events_.sent) events_.sent(name_);
      continue;
    }
    spdlog::warn("sink {}: POST to {} failed: {}; trying again in {} ms ({} records waiting)", name_, settings_.url,
                 error, wait.count(), queue_.size());
    if (events_.failed) events_.failed(name_, error);
    // Woken early only to stop: the back-off is kept otherwise.
    const auto until = std::chrono::steady_clock::now() + wait;
    wake_.wait_until(lock, drainUntil ? std::min(until, *drainUntil) : until, [&] { return stopping_ && !drainUntil; });
    wait = std::min(wait * 2, settings_.retryMax);
  }
  // Out of time at the end: what is left is lost, and counted.
  spdlog::error("sink {}: {} records not sent to {} when the station stopped", name_, queue_.size(), settings_.url);
  for (std::size_t i = 0; i < queue_.size(); ++i)
    if (events_.dropped) events_.dropped(name_);
  queue_.clear();
}

}  // namespace gs1inspect::plugins
