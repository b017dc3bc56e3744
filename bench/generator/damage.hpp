#pragma once
// Damage tags of the frame set format and the parameter ranges the
// generator draws them from (also in `gs1-inspect make-frames --help` and
// the README).

#include <string>
#include <vector>

namespace gs1inspect::generator {

enum class Damage {
  Stripe, Blur, Motion, Noise, LowContrast, UnevenLight, Glare, Perspective, Rotation, Crease, Partial, QuietZone
};

inline constexpr Damage kAllDamage[] = {Damage::Stripe,     Damage::Blur,        Damage::Motion,
                                        Damage::Noise,      Damage::LowContrast, Damage::UnevenLight,
                                        Damage::Glare,      Damage::Perspective, Damage::Rotation,
                                        Damage::Crease,     Damage::Partial,     Damage::QuietZone};

/// The format's tag ("stripe", "low-contrast", ...).
std::string damageTag(Damage damage);
/// The damage with that tag, if any.
bool damageFromTag(const std::string& tag, Damage& out);

/// One line per tag: what is done and its parameter range.
std::string damageHelp();

// Parameter ranges (frame pixels unless said otherwise).
struct DamageRanges {
  static constexpr double kStripeMinPx = 2, kStripeMaxPx = 8;          // unprinted stripe width
  static constexpr double kBlurMinSigma = 1.0, kBlurMaxSigma = 2.0;    // extra defocus, Gaussian sigma
  static constexpr double kMotionMinPx = 4, kMotionMaxPx = 12;         // smear along the belt
  static constexpr double kNoiseMinSigma = 6, kNoiseMaxSigma = 14;     // extra sensor noise, grey levels
  static constexpr double kLowContrastMin = 0.30, kLowContrastMax = 0.55;  // ink density left
  static constexpr double kUnevenMin = 0.40, kUnevenMax = 0.70;        // light lost across the carton
  static constexpr double kGlareMinRadius = 40, kGlareMaxRadius = 90;  // specular spot radius
  static constexpr double kGlareMinPeak = 80, kGlareMaxPeak = 150;     // grey levels added at its centre
  static constexpr double kTiltMinDeg = 10, kTiltMaxDeg = 30;          // face tilted away from the camera
  static constexpr double kCreaseMinShift = 1, kCreaseMaxShift = 3;    // label displacement at the fold (px)
  static constexpr double kPartialMin = 0.15, kPartialMax = 0.35;      // share of a symbol covered or torn
  static constexpr double kQuietZoneMinModules = 1, kQuietZoneMaxModules = 4;  // intruding mark's distance
};

}  // namespace gs1inspect::generator
