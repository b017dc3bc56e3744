// The station's metrics: names and labels as dashboards key on them, and
// /metrics served over HTTP.
#include "metrics/station_metrics.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace gs1inspect::metrics {
namespace {

TEST(StationMetrics, CountsUnderConventionalNamesAndLowCardinalityLabels) {
  StationMetrics m({"log"});
  m.framesReceived.Increment(3);
  m.framesDropped.Increment();
  m.symbolRead("gs1-128");
  m.symbolRead("aztec");  // not a frame-set symbology: counted as other
  m.lintError(gs1::LintCode::BadCheckDigit);
  decide::Verdict pass, noRead;
  noRead.reason = decide::Reason::NoRead;
  m.carton(pass);
  m.carton(noRead);
  m.carton(noRead);
  m.stageLatency(Stage::Read, 0.004);
  m.divertFailure("log");
  const std::string text = m.scrape();
  for (const char* line : {"gs1_inspect_frames_received_total 3", "gs1_inspect_frames_dropped_total 1",
                           "gs1_inspect_symbols_read_total{symbology=\"gs1-128\"} 1",
                           "gs1_inspect_symbols_read_total{symbology=\"other\"} 1",
                           "gs1_inspect_lint_errors_total{code=\"bad-check-digit\"} 1",
                           "gs1_inspect_cartons_total{reason=\"none\",verdict=\"pass\"} 1",
                           "gs1_inspect_cartons_total{reason=\"no-read\",verdict=\"divert\"} 2",
                           "gs1_inspect_stage_latency_seconds_count{stage=\"read\"} 1",
                           "gs1_inspect_divert_failures_total{actuator=\"log\"} 1"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
}

TEST(StationMetrics, ServesMetricsOverHttp) {
  StationMetrics m({});
  std::string error;
  ASSERT_TRUE(m.serve("127.0.0.1:0", error)) << error;  // any free port
  const int port = m.port();
  ASSERT_GT(port, 0);
  m.framesProcessed.Increment(7);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(::write(fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  EXPECT_NE(response.find("200 OK"), std::string::npos);
  EXPECT_NE(response.find("gs1_inspect_frames_processed_total 7"), std::string::npos);
}

TEST(StationMetrics, AnAddressInUseIsAnError) {
  StationMetrics first({}), second({});
  std::string error;
  ASSERT_TRUE(first.serve("127.0.0.1:0", error)) << error;
  EXPECT_FALSE(second.serve("127.0.0.1:" + std::to_string(first.port()), error));
  EXPECT_NE(error.find("metrics: cannot serve on 127.0.0.1:"), std::string::npos) << error;
}

}  // namespace
}  // namespace gs1inspect::metrics
