#include "plugins/sink_table.hpp"

#include <chrono>
#include <cmath>

#include "plugins/webhook_sink.hpp"

namespace gs1inspect::plugins {

namespace {

std::chrono::milliseconds wholeMs(double ms) { return std::chrono::milliseconds(std::lround(ms)); }

}  // namespace

std::vector<std::unique_ptr<decide::ResultSink>> makeSinks(const std::vector<config::SinkConfig>& configs,
                                                           const decide::SinkEvents& events, std::string& /*error*/) {
  std::vector<std::unique_ptr<decide::ResultSink>> out;
  for (const auto& c : configs) {
    switch (c.kind) {
      case config::SinkConfig::Kind::Webhook: {
        WebhookSettings s;
        s.url = c.url;
        s.queue = static_cast<std::size_t>(c.queue);
        s.timeout = wholeMs(c.timeoutMs);
        s.retryInitial = wholeMs(1000 * c.retryInitialS);
        s.retryMax = wholeMs(1000 * c.retryMaxS);
        out.push_back(std::make_unique<WebhookSink>(c.name, s, events));
        break;
      }
    }
  }
  return out;
}

}  // namespace gs1inspect::plugins
