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

DamageRanges DamageRanges::forModel(int model) {
  DamageRanges r;
  r.model = model;
  if (model < 2) return r;  // the first sets' ranges, as declared
  // 1 ms exposure in poor light: a few hundred photoelectrons at mid grey
  // give a shot-noise SNR of 10-20, sigma up to 25 grey levels.
  r.noiseMaxSigma = 25;
  r.stripeResidueMax = 0.12;
  r.lowContrastMin = 0.25;  // print contrast down to 25%
  r.lowContrastMax = 0.60;
  r.glareMaxRadius = 130;
  r.glareMinPeak = 120;
  r.glarePeakMax = 320;  // past 255: the sensor saturates over the spot
  return r;
}

std::string damageHelp(const DamageRanges& r) {
  const std::string stripe =
      r.model < 2 ? fmt::format("unprinted printhead stripe {}-{} px wide through the whole label in print direction,\n"
                                "                parallel to the bars (picket fence) or across them (ladder), also through 2D symbols",
                                r.stripeMinPx, r.stripeMaxPx)
                  : fmt::format("unprinted printhead stripe {}-{} mm wide (1 to 32 dead 203 dpi elements, sometimes a live one\n"
                                "                among them) with 0-{:.0f}% of the ink left, through the whole label in print direction:\n"
                                "                parallel to the bars (picket fence) or across them (ladder), through any part of a\n"
                                "                symbol (guards, start character, a 2D symbol's finder)",
                                r.stripeMinMm, r.stripeMaxMm, 100 * r.stripeResidueMax);
  const std::string partial =
      r.model < 2 ? fmt::format("{:.0f}-{:.0f}% of a symbol under tape or torn away", 100 * r.partialMin, 100 * r.partialMax)
                  : fmt::format("{:.0f}-{:.0f}% of a symbol under tape, torn away, or under a neighbouring carton; or a\n"
                                "                strap {}-{} mm wide across it",
                                100 * r.partialMin, 100 * r.partialMax, r.strapMinMm, r.strapMaxMm);
  return fmt::format(
      "  damage model {}\n"
      "  stripe        {}\n"
      "  blur          extra defocus, Gaussian sigma {}-{} px\n"
      "  motion        smear along the belt, {}-{} px\n"
      "  noise         extra sensor noise, sigma {}-{} grey levels\n"
      "  low-contrast  faded print: {:.0f}-{:.0f}% of the ink density left (print contrast signal)\n"
      "  uneven-light  {:.0f}-{:.0f}% of the light lost across the carton\n"
      "  glare         specular spot fixed in the image (4 times longer along the belt), radius {}-{} px,\n"
      "                +{}-{} grey levels{}; tagged on the frames where it lies on the symbol\n"
      "  perspective   carton face tilted {}-{} degrees away from the camera\n"
      "  rotation      label at any angle on the carton (0-360 degrees)\n"
      "  crease        a fold across the label, content displaced {}-{} px, with its shadow\n"
      "  partial       {}\n"
      "  quiet-zone    a mark {}-{} modules from a symbol's edge, inside its quiet zone\n",
      r.model, stripe, r.blurMinSigma, r.blurMaxSigma, r.motionMinPx, r.motionMaxPx, r.noiseMinSigma, r.noiseMaxSigma,
      100 * r.lowContrastMin, 100 * r.lowContrastMax, 100 * r.unevenMin, 100 * r.unevenMax, r.glareMinRadius,
      r.glareMaxRadius, r.glareMinPeak, r.glarePeakMax, r.glarePeakMax > 255 ? " (saturating)" : "", r.tiltMinDeg,
      r.tiltMaxDeg, r.creaseMinShift, r.creaseMaxShift, partial, r.quietZoneMinModules, r.quietZoneMaxModules);
}

}  // namespace gs1inspect::generator
