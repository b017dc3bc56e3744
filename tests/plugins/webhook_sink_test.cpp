// The webhook sink against a real HTTP server on loopback (cpp-httplib):
// every record arrives once and in order, also when the server was down
// for a while; a full queue drops and counts, never blocks.
#include "plugins/webhook_sink.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include "plugins/record_server.hpp"

namespace gs1inspect::plugins {
namespace {

using gs1inspect::testing::RecordServer;

using std::chrono::milliseconds;

nlohmann::ordered_json record(int i) {
  // Appended, not prepended: GCC 12 at -O3 reports a false -Wrestrict on
  // "C" + std::string (GCC bug 105329).
  std::string carton = "C";
  carton += std::to_string(i);
  return {{"carton", carton}, {"verdict", "pass"}};
}

struct Counts {
  std::atomic<int> sent{0}, dropped{0}, failed{0};
  decide::SinkEvents events() {
    return {[this](const std::string&) { ++sent; }, [this](const std::string&) { ++dropped; },
            [this](const std::string&, const std::string&) { ++failed; }};
  }
};

WebhookSettings settings(int port) {
  WebhookSettings s;
  s.url = "http://127.0.0.1:" + std::to_string(port) + "/records";
  s.timeout = milliseconds(1000);
  s.retryInitial = milliseconds(20);
  s.retryMax = milliseconds(100);
  return s;
}

bool waitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(milliseconds(10));
  return done();
}

std::vector<std::string> expected(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back(record(i).dump());
  return out;
}

TEST(WebhookSink, EveryRecordArrivesOnceInOrder) {
  RecordServer server;
  Counts counts;
  WebhookSink sink("mes", settings(server.port()), counts.events());
  for (int i = 0; i < 20; ++i) sink.take(record(i));
  ASSERT_TRUE(waitFor([&] { return server.bodies().size() >= 20; }));
  EXPECT_EQ(server.bodies(), expected(0, 20));
  EXPECT_EQ(counts.sent, 20);
  EXPECT_EQ(counts.dropped, 0);
}

TEST(WebhookSink, RecordsWaitWhileTheServerIsDownAndArriveOnceWhenItIsBack) {
  auto server = std::make_unique<RecordServer>();
  const int port = server->port();
  Counts counts;
  WebhookSink sink("mes", settings(port), counts.events());
  for (int i = 0; i < 5; ++i) sink.take(record(i));
  ASSERT_TRUE(waitFor([&] { return server->bodies().size() >= 5; }));
  const auto before = server->bodies();
  server.reset();  // down
  for (int i = 5; i < 10; ++i) sink.take(record(i));
  ASSERT_TRUE(waitFor([&] { return counts.failed >= 2; }));  // tried, failed, tried again
  server = std::make_unique<RecordServer>(port);  // back
  for (int i = 10; i < 15; ++i) sink.take(record(i));
  ASSERT_TRUE(waitFor([&] { return server->bodies().size() >= 10; }));
  std::this_thread::sleep_for(milliseconds(100));  // nothing more comes
  std::vector<std::string> all = before;
  const auto after = server->bodies();
  all.insert(all.end(), after.begin(), after.end());
  EXPECT_EQ(all, expected(0, 15));
  EXPECT_EQ(counts.sent, 15);
  EXPECT_EQ(counts.dropped, 0);
}

TEST(WebhookSink, AFullQueueDropsAndCountsAndNeverBlocks) {
  int port = 0;
  { port = RecordServer().port(); }  // nobody listens there now
  Counts counts;
  WebhookSettings s = settings(port);
  s.queue = 3;
  s.drainTimeout = milliseconds(50);
  {
    WebhookSink sink("mes", s, counts.events());
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 10; ++i) sink.take(record(i));
    EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(50));  // take() never waits on the network
    EXPECT_GE(counts.dropped, 6);  // 3 queued (one may be in flight), the rest dropped
  }
  // At the end, what could not be sent within the drain time is counted too.
  EXPECT_EQ(counts.dropped + counts.sent, 10);
  EXPECT_EQ(counts.sent, 0);
}

}  // namespace
}  // namespace gs1inspect::plugins
