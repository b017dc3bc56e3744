#include "generator/damage.hpp"

#include <fmt/format.h>

namespace gs1inspect::generator {

std::string damageTag(Damage d) {
  switch (d) {
    case Damage::Stripe: return "stripe";
    case Damage::Blur: return "blur";
    case Damage::Motion: return "motion";
    case Damage::Noise: return "noise";
    case Damage::LowContrast: return "low-contrast";
    case Damage::UnevenLight: return "uneven-light";
    case Damage::Glare: return "glare";
    case Damage::Perspective: return "perspective";
    case Damage::Rotation: return "rotation";
    case Damage::Crease: return "crease";
    case Damage::Partial: return "partial";
    case Damage::QuietZone: return "quiet-zone";
  }
  return "?";
}

bool damageFromTag(const std::string& tag, Damage& out) {
  for (Damage d : kAllDamage) {
    if (damageTag(d) == tag) {
      out = d;
      return true;
    }
  }
  return false;
}

std::string damageHelp() {
  using R = DamageRanges;
  return fmt::format(
      "  stripe        unprinted printhead stripe {}-{} px wide through the whole label in print direction,\n"
      "                parallel to the bars (picket fence) or across them (ladder), also through 2D symbols\n"
      "  blur          extra defocus, Gaussian sigma {}-{} px\n"
      "  motion        smear along the belt, {}-{} px\n"
      "  noise         extra sensor noise, sigma {}-{} grey levels\n"
      "  low-contrast  faded print: {:.0f}-{:.0f}% of the ink density left\n"
      "  uneven-light  {:.0f}-{:.0f}% of the light lost across the carton\n"
      "  glare         specular spot fixed in the image (4 times longer along the belt), radius {}-{} px,\n"
      "                +{}-{} grey levels; tagged on the frames where it lies on the symbol\n"
      "  perspective   carton face tilted {}-{} degrees away from the camera\n"
      "  rotation      label at any angle on the carton (0-360 degrees)\n"
      "  crease        a fold across the label, content displaced {}-{} px, with its shadow\n"
      "  partial       {:.0f}-{:.0f}% of a symbol under tape or torn away\n"
      "  quiet-zone    a mark {}-{} modules from a symbol's edge, inside its quiet zone\n",
      R::kStripeMinPx, R::kStripeMaxPx, R::kBlurMinSigma, R::kBlurMaxSigma, R::kMotionMinPx, R::kMotionMaxPx,
      R::kNoiseMinSigma, R::kNoiseMaxSigma, 100 * R::kLowContrastMin, 100 * R::kLowContrastMax, 100 * R::kUnevenMin,
      100 * R::kUnevenMax, R::kGlareMinRadius, R::kGlareMaxRadius, R::kGlareMinPeak, R::kGlareMaxPeak,
      R::kTiltMinDeg, R::kTiltMaxDeg, R::kCreaseMinShift, R::kCreaseMaxShift, 100 * R::kPartialMin,
      100 * R::kPartialMax, R::kQuietZoneMinModules, R::kQuietZoneMaxModules);
}

}  // namespace gs1inspect::generator
