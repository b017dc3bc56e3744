#include "plugins/plc_simulator.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include <modbus.h>

namespace gs1inspect::testing {

namespace {

constexpr int kCoils = 64;
constexpr int kRegisters = 64;

// Waits up to 50 ms for `fd` to be readable.
bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 50) > 0;
}

}  // namespace

PlcSimulator::PlcSimulator(int port) {
  ctx_ = modbus_new_tcp("127.0.0.1", port);
  mapping_ = modbus_mapping_new(kCoils, 0, kRegisters, 0);
  if (ctx_ == nullptr || mapping_ == nullptr) throw std::runtime_error("libmodbus: cannot make a server");
  listenSocket_ = modbus_tcp_listen(ctx_, 1);
  if (listenSocket_ < 0) throw std::runtime_error(std::string("libmodbus: cannot listen: ") + modbus_strerror(errno));
  sockaddr_in bound{};
  socklen_t length = sizeof bound;
  ::getsockname(listenSocket_, reinterpret_cast<sockaddr*>(&bound), &length);
  port_ = ntohs(bound.sin_port);
  thread_ = std::thread([this] { serve(); });
}

PlcSimulator::~PlcSimulator() {
  stop_ = true;
  thread_.join();
  ::close(listenSocket_);
  modbus_mapping_free(mapping_);
  modbus_free(ctx_);
}

std::vector<PlcSimulator::Change> PlcSimulator::changes() const {
  const std::lock_guard lock(mutex_);
  return changes_;
}

void PlcSimulator::serve() {
  std::vector<std::uint8_t> query(MODBUS_TCP_MAX_ADU_LENGTH);
  while (!stop_) {
    if (!readable(listenSocket_)) continue;
    int s = listenSocket_;
    const int client = modbus_tcp_accept(ctx_, &s);
    if (client < 0) continue;
    while (!stop_ && !dropClient_) {
      if (!readable(client)) continue;
      const int n = modbus_receive(ctx_, query.data());
      if (n <= 0) break;  // the client closed the connection, or sent garbage
      std::vector<std::uint8_t> bits(mapping_->tab_bits, mapping_->tab_bits + kCoils);
      std::vector<std::uint16_t> registers(mapping_->tab_registers, mapping_->tab_registers + kRegisters);
      modbus_reply(ctx_, query.data(), n, mapping_);
      ++requests_;
      const auto now = Clock::now();
      const auto wall = std::chrono::system_clock::now();
      const std::lock_guard lock(mutex_);
      for (int i = 0; i < kCoils; ++i)
        if (bits[static_cast<std::size_t>(i)] != mapping_->tab_bits[i]) changes_.push_back({now, wall, true, i, mapping_->tab_bits[i]});
      for (int i = 0; i < kRegisters; ++i)
        if (registers[static_cast<std::size_t>(i)] != mapping_->tab_registers[i])
          changes_.push_back({now, wall, false, i, mapping_->tab_registers[i]});
    }
    dropClient_ = false;
    ::close(client);
  }
}

}  // namespace gs1inspect::testing
