#pragma once
// A carton's verdict: pass, or divert with one reason.
//
// Reasons in precedence (the first that holds is given):
//   unexpected      the station failed on a frame the carton was in view in
//   no-read         no symbol read, or fewer than the carton shows
//   invalid-data    a symbol's data fails GS1 validation
//   duplicate-sscc  an SSCC seen on another carton within the window
//   mismatch        the line's rules: required AIs, expected GTINs, expiry
//   low-grade       (print-quality grading; not yet measured)
// Fail-safe: a carton the station could not judge is never passed.
//
// Not thread-safe: the SSCC history is the judge's own; one judge is
// called from the decision stage only.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/station_config.hpp"
#include "gs1/civil_date.hpp"
#include "track/carton_tracker.hpp"

namespace gs1inspect::decide {

enum class Reason { Unexpected, NoRead, InvalidData, DuplicateSscc, Mismatch, LowGrade };
inline constexpr Reason kReasons[] = {Reason::Unexpected,    Reason::NoRead,   Reason::InvalidData,
                                      Reason::DuplicateSscc, Reason::Mismatch, Reason::LowGrade};

/// "unexpected", "no-read", ... as the frame-set format and the journal write them.
std::string_view reasonName(Reason reason);

struct Verdict {
  std::optional<Reason> reason;  // nullopt: pass
  std::vector<std::string> why;  // one line per finding, for the journal and the log

  bool pass() const { return !reason; }
};

class Judge {
 public:
  /// `symbologies`: those judged (empty: all).
  Judge(config::RulesConfig rules, std::vector<std::string> symbologies);

  /// The verdict on `carton`, captured on `captureDate` at `nowS` (capture
  /// clock, for the SSCC window). Remembers the carton's SSCCs.
  Verdict judge(const track::CartonTrack& carton, const gs1::CivilDate& captureDate, double nowS);

 private:
  bool judged(const std::string& symbology) const;

  config::RulesConfig rules_;
  std::vector<std::string> symbologies_;
  struct Seen {
    std::string carton;
    double atS;
  };
  std::map<std::string, Seen> ssccs_;
};

}  // namespace gs1inspect::decide
