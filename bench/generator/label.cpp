#include "generator/label.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::generator {

namespace {

constexpr int kPaper = 255;
constexpr int kInk = 0;
const int kMargin = static_cast<int>(std::lround(5 * kDotsPerMm));

// X-dimensions in dots allowed by the GS1 logistic symbol specification
// tables at 203 dpi: GS1-128 0.495-0.940 mm, DataBar 0.495-0.660 mm, 2D
// symbols at 1.5 times the linear X.
std::vector<int> allowedModuleDots(Symbology s) {
  switch (s) {
    case Symbology::Gs1128: return {4, 5, 6, 7};
    case Symbology::DataBarOmni:
    case Symbology::DataBarStacked:
    case Symbology::DataBarExpanded:
    case Symbology::DataBarExpandedStacked: return {4, 5};
    case Symbology::DataMatrix:
    case Symbology::Qr: return {6, 7, 8};
    case Symbology::Ean13:
    case Symbology::UpcA:
    case Symbology::Ean8: return {4, 5};  // EAN/UPC in general distribution: 0.495-0.660 mm
  }
  return {4};
}

bool hasBars(Symbology s) { return s != Symbology::DataMatrix && s != Symbology::Qr; }

void text(cv::Mat& image, const std::string& s, cv::Point origin, double heightDots, int thickness = 2) {
  const double scale = heightDots / 22.0;  // FONT_HERSHEY_SIMPLEX capitals are about 22 px at scale 1
  cv::putText(image, s, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(kInk), thickness, cv::LINE_AA);
}

struct Placed {
  RenderedSymbol rendered;
  int moduleDots = 4;
  cv::Rect box;  // symbol modules, label dots
};

// Header: company, address lines, a logo; returns the y below it.
int drawHeader(cv::Mat& image, Random& random) {
  const int kLabelWidth = image.cols;
  static const std::vector<std::string> kCompanies = {"NORDIC FOODS AB", "ACME LOGISTICS", "GREENFIELD DAIRY",
                                                      "TECHPARTS GMBH", "SUNRISE BAKERY", "OCEAN FRESH LTD"};
  static const std::vector<std::string> kPlaces = {"SHIP TO: DC 14 ROTTERDAM", "SHIP TO: STORE 0381 LYON",
                                                   "FROM: PLANT 2 MALMO", "SHIP TO: HUB 7 LEIPZIG"};
  int y = kMargin + 30;
  text(image, random.pick(kCompanies), {kMargin, y}, 28, 3);
  y += 40;
  text(image, random.pick(kPlaces), {kMargin, y}, 20);
  y += 30;
  text(image, "PO " + random.digits(8) + "   " + std::to_string(random.integer(1, 40)) + " CASES", {kMargin, y}, 20);
  // Logo: a ring and a triangle in the top right corner.
  const cv::Point centre(kLabelWidth - kMargin - 45, kMargin + 45);
  cv::circle(image, centre, 40, cv::Scalar(kInk), 8, cv::LINE_AA);
  std::vector<cv::Point> triangle = {centre + cv::Point(0, -22), centre + cv::Point(20, 14), centre + cv::Point(-20, 14)};
  cv::fillConvexPoly(image, triangle, cv::Scalar(kInk), cv::LINE_AA);
  y += 25;
  cv::line(image, {kMargin / 2, y}, {kLabelWidth - kMargin / 2, y}, cv::Scalar(kInk), 4);
  return y + 25;
}

// A band of the label that the printhead did not print, `width` dots wide,
// along the print direction (vertical: constant x).
void stripe(cv::Mat& image, bool vertical, int at, int width) {
  const cv::Rect band = vertical ? cv::Rect(at, 0, width, image.rows) : cv::Rect(0, at, image.cols, width);
  image(band & cv::Rect(0, 0, image.cols, image.rows)).setTo(cv::Scalar(kPaper));
}

double distanceToLine(cv::Point2d p, cv::Point2d a, cv::Point2d normal) { return (p - a).dot(normal); }

// Damage model 2's stripe: a cluster of dead elements `width` dots wide at
// `at`, leaving `residue` of the ink, with one live element at `live`
// inside it (-1: none).
void deadElements(cv::Mat& image, bool vertical, int at, int width, double residue, int live) {
  for (int k = 0; k < width; ++k) {
    if (k == live) continue;
    const int line = at + k;
    if (line < 0 || line >= (vertical ? image.cols : image.rows)) continue;
    cv::Mat band = vertical ? image.col(line) : image.row(line);
    band.convertTo(band, CV_8UC1, residue, kPaper * (1.0 - residue));
  }
}

// Damage model 2's covers over a symbol `box` of the label: a strap across
// it, or the board of a neighbouring carton over one side. Returns what it
// did, for the truth, and marks what it covers in `covered`.
nlohmann::json cover(cv::Mat& image, cv::Mat& covered, const cv::Rect& box, bool strap, const DamageRanges& r,
                     Random& random) {
  covered = cv::Mat::zeros(image.size(), CV_8UC1);
  if (strap) {
    const double mm = random.uniform(r.strapMinMm, r.strapMaxMm);
    const double half = mm * kDotsPerMm / 2;
    // Across the symbol's long side, within 20 degrees of square to it.
    const double base = box.width >= box.height ? CV_PI / 2 : 0.0;
    const double angle = base + random.uniform(-20, 20) * CV_PI / 180;
    const cv::Point2d through(box.x + box.width * random.uniform(0.15, 0.85), box.y + box.height * random.uniform(0.15, 0.85));
    const cv::Point2d along(std::cos(angle), std::sin(angle)), across(-along.y, along.x);
    const double reach = image.cols + image.rows;
    std::vector<cv::Point> band;
    for (const auto& p : {through - reach * along - half * across, through + reach * along - half * across,
                          through + reach * along + half * across, through - reach * along + half * across}) {
      band.emplace_back(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    }
    const int shade = random.chance(0.5) ? random.integer(30, 70) : random.integer(150, 210);  // black or white strap
    cv::fillConvexPoly(image, band, cv::Scalar(shade), cv::LINE_AA);
    cv::fillConvexPoly(covered, band, cv::Scalar(255));
    return {{"partial_kind", "strap"}, {"strap_mm", std::round(mm * 10) / 10}};
  }
  // The next carton on the belt, pressed against this one, hides one side.
  const double share = random.uniform(r.partialMin, r.partialMax);
  const bool fromLeft = random.chance(0.5);
  const int w = static_cast<int>(box.width * share);
  const cv::Rect board = fromLeft ? cv::Rect(0, 0, box.x + w, image.rows)
                                  : cv::Rect(box.x + box.width - w, 0, image.cols - (box.x + box.width - w), image.rows);
  const cv::Rect inside = board & cv::Rect(0, 0, image.cols, image.rows);
  image(inside).setTo(cv::Scalar(random.integer(120, 175)));
  covered(inside).setTo(cv::Scalar(255));
  const int edge = fromLeft ? inside.x + inside.width - 3 : inside.x;
  image(cv::Rect(edge, 0, 3, image.rows) & cv::Rect(0, 0, image.cols, image.rows)).setTo(cv::Scalar(60));  // its edge's shadow
  return {{"partial_kind", "neighbour"}, {"partial_share", std::round(share * 100) / 100}};
}

}  // namespace

std::optional<Label> printLabel(const LabelOrder& requested, Random& random, std::string& error) {
  LabelOrder order = requested;
  const int kLabelWidth = static_cast<int>(std::lround(order.widthMm * kDotsPerMm));
  std::vector<Placed> placed;
  const int usable = kLabelWidth - 2 * kMargin;
  for (std::size_t i = 0; i < order.symbologies.size(); ++i) {
    std::optional<RenderedSymbol> rendered;
    std::vector<int> fitting;  // allowed X-dimensions at which the symbol fits the label
    while (fitting.empty()) {
      rendered = renderSymbol(order.symbologies[i], order.contents[i], order.checked, error);
      if (!rendered) return std::nullopt;
      for (int x : allowedModuleDots(order.symbologies[i])) {
        if ((rendered->modules.cols + 2 * rendered->quietZone) * x <= usable) fitting.push_back(x);
      }
      if (!fitting.empty()) break;
      // Too much data for this symbology across the label: a printer's
      // template would stack DataBar Expanded, or switch to GS1 DataMatrix.
      if (order.symbologies[i] == Symbology::DataMatrix || order.contents[i].bracketed.empty()) {
        error = "symbol too wide for the label: " + symbolText(order.symbologies[i], order.contents[i]);
        return std::nullopt;
      }
      order.symbologies[i] = order.symbologies[i] == Symbology::DataBarExpanded ? Symbology::DataBarExpandedStacked
                                                                                 : Symbology::DataMatrix;
    }
    // The largest X that fits, sometimes a smaller one.
    Placed p;
    p.moduleDots = random.chance(0.6) ? fitting.back() : random.pick(fitting);
    p.rendered = std::move(*rendered);
    placed.push_back(std::move(p));
  }

  // Height: header, then each symbol with its quiet zone and text line.
  int height = 0;
  for (const auto& p : placed) {
    height += p.rendered.modules.rows * p.moduleDots + 2 * std::max(p.rendered.quietZone, 2) * p.moduleDots + 40;
  }
  Label label;
  label.image = cv::Mat(std::max(height + 170 + 2 * kMargin, static_cast<int>(70 * kDotsPerMm)), kLabelWidth, CV_8UC1,
                        cv::Scalar(kPaper));
  label.mask = cv::Mat(label.image.size(), CV_8UC1, cv::Scalar(255));
  int y = drawHeader(label.image, random);

  for (std::size_t i = 0; i < placed.size(); ++i) {
    Placed& p = placed[i];
    const int x = p.moduleDots;
    const cv::Size size(p.rendered.modules.cols * x, p.rendered.modules.rows * x);
    y += std::max(p.rendered.quietZone, 2) * x;
    const bool twoD = !hasBars(order.symbologies[i]);
    const int left = twoD ? kMargin + p.rendered.quietZone * x : (kLabelWidth - size.width) / 2;
    p.box = cv::Rect(left, y, size.width, size.height);
    cv::Mat scaled;
    cv::resize(p.rendered.modules, scaled, size, 0, 0, cv::INTER_NEAREST);
    scaled.copyTo(label.image(p.box));
    LabelSymbol s;
    s.symbology = order.symbologies[i];
    s.hri = symbolText(order.symbologies[i], order.contents[i]);
    s.moduleDots = x;
    s.quad = {cv::Point2d(p.box.x, p.box.y), cv::Point2d(p.box.x + p.box.width, p.box.y),
              cv::Point2d(p.box.x + p.box.width, p.box.y + p.box.height), cv::Point2d(p.box.x, p.box.y + p.box.height)};
    label.symbols.push_back(s);
    // Human-readable text: under a linear symbol, beside a 2D one.
    if (twoD) {
      int ty = y + 24;
      for (std::size_t start = 0; start < s.hri.size() && ty < y + size.height; start += 24, ty += 28) {
        text(label.image, s.hri.substr(start, 24), {p.box.x + p.box.width + 30, ty}, 18);
      }
      y += size.height + std::max(p.rendered.quietZone, 2) * x + 10;
    } else {
      y += size.height + 8;
      text(label.image, s.hri, {std::max(kMargin, p.box.x), y + 22}, 18);
      y += 40 + std::max(p.rendered.quietZone, 2) * x;
    }
    if (i + 1 < placed.size()) cv::line(label.image, {kMargin / 2, y - 12}, {kLabelWidth - kMargin / 2, y - 12}, cv::Scalar(kInk), 3);
  }

  // Print damage, each on a symbol chosen at random.
  const DamageRanges& r = order.ranges;
  auto target = [&]() -> std::size_t { return static_cast<std::size_t>(random.integer(0, static_cast<int>(placed.size()) - 1)); };
  auto tag = [&](std::size_t i, Damage d) {
    auto& list = label.symbols[i].damage;
    if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
  };
  for (Damage d : order.printDamage) {
    if (d == Damage::QuietZone) {
      std::vector<std::size_t> candidates;  // symbologies with a real quiet zone
      for (std::size_t i = 0; i < placed.size(); ++i) {
        if (placed[i].rendered.quietZone >= 4) candidates.push_back(i);
      }
      for (const std::size_t i : candidates) {
      const Placed& p = placed[i];
      const double modules = random.uniform(r.quietZoneMinModules, std::min<double>(r.quietZoneMaxModules, p.rendered.quietZone - 1));
      const int gap = static_cast<int>(std::lround(modules * p.moduleDots));
      const int markWidth = 2 * p.moduleDots;
      const bool leftSide = random.chance(0.5);
      const int mx = leftSide ? p.box.x - gap - markWidth : p.box.x + p.box.width + gap;
      const int markHeight = static_cast<int>(p.box.height * random.uniform(0.4, 1.0));
      cv::rectangle(label.image, cv::Rect(mx, p.box.y + (p.box.height - markHeight) / 2, markWidth, markHeight), cv::Scalar(kInk), cv::FILLED);
      tag(i, d);
      }
    } else if (d == Damage::Partial && r.model >= 2 && random.chance(0.5)) {
      const std::size_t i = target();
      cv::Mat covered;
      const nlohmann::json what = cover(label.image, covered, placed[i].box, random.chance(0.5), r, random);
      for (std::size_t j = 0; j < placed.size(); ++j) {  // a strap or a board may reach the others too
        if (cv::countNonZero(covered(placed[j].box & cv::Rect(0, 0, covered.cols, covered.rows))) == 0) continue;
        tag(j, d);
        label.symbols[j].detail.update(what);
      }
    } else if (d == Damage::Partial) {
      const std::size_t i = target();
      const cv::Rect box = placed[i].box;
      const double share = random.uniform(r.partialMin, r.partialMax);
      const bool longSymbol = box.width > 2 * box.height || box.height > 2 * box.width;
      const bool taped = longSymbol || random.chance(0.5);
      if (taped) {
        // Tape over one end of the symbol: opaque, a little lighter than the carton board.
        const int w = static_cast<int>(box.width * share);
        const bool fromLeft = random.chance(0.5);
        const cv::Rect tape(fromLeft ? box.x - 20 : box.x + box.width - w, box.y - 30, w + 20, box.height + 60);
        label.image(tape & cv::Rect(0, 0, label.image.cols, label.image.rows)).setTo(cv::Scalar(random.integer(150, 190)));
      } else {
        // A torn corner: the label is gone there and the board shows.
        // A triangle of `share` of the symbol's area at one of its corners.
        const double side = std::sqrt(2.0 * share * box.width * box.height);
        const bool right = random.chance(0.5);
        const cv::Point corner = right ? cv::Point(box.x + box.width, box.y + box.height) : cv::Point(box.x, box.y + box.height);
        const int dx = right ? -static_cast<int>(side) : static_cast<int>(side);
        std::vector<cv::Point> tear = {corner + cv::Point(dx, 0), corner + cv::Point(0, -static_cast<int>(side)),
                                       corner + cv::Point(right ? 60 : -60, 60)};
        cv::fillConvexPoly(label.mask, tear, cv::Scalar(0));
      }
      tag(i, d);
      if (r.model >= 2) {
        label.symbols[i].detail.update(
            {{"partial_kind", taped ? "tape" : "torn"}, {"partial_share", std::round(share * 100) / 100}});
      }
    } else if (d == Damage::Crease) {
      const std::size_t i = target();
      const cv::Rect box = placed[i].box;
      const cv::Point2d through(box.x + box.width * random.uniform(0.2, 0.8), box.y + box.height * random.uniform(0.2, 0.8));
      const double angle = random.uniform(0, CV_PI);
      const cv::Point2d normal(std::cos(angle), std::sin(angle));
      const double shift = random.uniform(r.creaseMinShift, r.creaseMaxShift) / order.framePxPerDot;
      cv::Mat mapX(label.image.size(), CV_32FC1);
      cv::Mat mapY(label.image.size(), CV_32FC1);
      cv::Mat shade(label.image.size(), CV_32FC1);
      for (int yy = 0; yy < label.image.rows; ++yy) {
        for (int xx = 0; xx < label.image.cols; ++xx) {
          const double d0 = distanceToLine({static_cast<double>(xx), static_cast<double>(yy)}, through, normal);
          const double s0 = d0 > 0 ? shift : 0.0;
          mapX.at<float>(yy, xx) = static_cast<float>(xx - s0 * normal.x);
          mapY.at<float>(yy, xx) = static_cast<float>(yy - s0 * normal.y);
          shade.at<float>(yy, xx) = static_cast<float>(1.0 - 0.35 * std::exp(-d0 * d0 / 60.0));
        }
      }
      cv::Mat moved;
      cv::remap(label.mask, moved, mapX, mapY, cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
      label.mask = moved.clone();
      cv::remap(label.image, moved, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
      moved.convertTo(moved, CV_32FC1);
      cv::multiply(moved, shade, moved);
      moved.convertTo(label.image, CV_8UC1);
      // Every symbol the fold line runs through is creased.
      for (std::size_t j = 0; j < label.symbols.size(); ++j) {
        double lo = 1e9, hi = -1e9;
        for (const auto& c : label.symbols[j].quad) {
          const double dist = distanceToLine(c, through, normal);
          lo = std::min(lo, dist);
          hi = std::max(hi, dist);
        }
        if (lo < 0 && hi > 0) tag(j, d);
        if (lo >= 0) {
          for (auto& c : label.symbols[j].quad) c += shift * normal;  // moved whole with its side of the fold
        }
      }
    }
  }
  // The stripe comes last: whatever was printed, the failed element did not print it.
  const bool striped =
      std::find(order.printDamage.begin(), order.printDamage.end(), Damage::Stripe) != order.printDamage.end();
  if (striped && r.model >= 2) {
    const std::size_t i = target();
    const cv::Rect box = placed[i].box;
    const bool vertical = random.chance(0.5);  // print direction along the label's height
    const double mm = random.uniform(r.stripeMinMm, r.stripeMaxMm);
    const int width = std::max(1, static_cast<int>(std::lround(mm * kDotsPerMm)));
    // Sometimes the dead elements still leave a faint residue of toner.
    const double residue = random.chance(0.5) ? random.uniform(0.0, r.stripeResidueMax) : 0.0;
    // A worn head loses neighbouring elements, sometimes with one still
    // printing among them.
    const int live = width >= 6 && random.chance(0.3) ? random.integer(2, width - 3) : -1;
    const bool finder = !hasBars(order.symbologies[i]) && random.chance(0.4);
    // Anywhere across the symbol, its first and last modules (guards, the
    // start character, a 2D symbol's finder) included.
    const int lo = vertical ? box.x : box.y, span = vertical ? box.width : box.height;
    int at = lo - width + 1 + static_cast<int>(random.unit() * (span + width - 1));
    if (finder) at = vertical ? box.x : box.y + box.height - width;
    deadElements(label.image, vertical, at, width, residue, live);
    for (std::size_t j = 0; j < placed.size(); ++j) {
      const cv::Rect b = placed[j].box;
      const bool crosses = vertical ? (at < b.x + b.width && at + width > b.x) : (at < b.y + b.height && at + width > b.y);
      if (!crosses) continue;
      tag(j, Damage::Stripe);
      auto& detail = label.symbols[j].detail;
      detail["stripe_mm"] = std::round(mm * 100) / 100;
      detail["stripe_px"] = std::round(mm * kDotsPerMm * order.framePxPerDot * 10) / 10;
      detail["stripe_residue"] = std::round(residue * 1000) / 1000;
      if (live >= 0) detail["stripe_live_element"] = true;
      if (hasBars(order.symbologies[j])) detail["stripe_orientation"] = vertical ? "parallel" : "across";
    }
  } else if (striped) {
    const std::size_t i = target();
    const cv::Rect box = placed[i].box;
    const bool vertical = random.chance(0.5);  // print direction along the label's height
    const double framePx = random.uniform(r.stripeMinPx, r.stripeMaxPx);
    const int width = std::max(1, static_cast<int>(std::lround(framePx / order.framePxPerDot)));
    const bool finder = !hasBars(order.symbologies[i]) && random.chance(0.4);
    // Through the symbol; for a 2D symbol sometimes through its finder pattern (left column / bottom row).
    int at = 0;
    if (vertical) at = finder ? box.x : box.x + static_cast<int>(random.uniform(0.1, 0.9) * (box.width - width));
    else at = finder ? box.y + box.height - width : box.y + static_cast<int>(random.uniform(0.1, 0.9) * (box.height - width));
    stripe(label.image, vertical, at, width);
    for (std::size_t j = 0; j < placed.size(); ++j) {
      const cv::Rect b = placed[j].box;
      const bool crosses = vertical ? (at < b.x + b.width && at + width > b.x) : (at < b.y + b.height && at + width > b.y);
      if (!crosses) continue;
      tag(j, Damage::Stripe);
      label.symbols[j].detail["stripe_px"] = std::round(framePx * 10) / 10;
      if (hasBars(order.symbologies[j])) label.symbols[j].detail["stripe_orientation"] = vertical ? "parallel" : "across";
    }
  }
  if (std::find(order.printDamage.begin(), order.printDamage.end(), Damage::LowContrast) != order.printDamage.end()) {
    const double density = random.uniform(r.lowContrastMin, r.lowContrastMax);
    label.image.convertTo(label.image, CV_8UC1, density, kPaper * (1.0 - density));
    for (std::size_t j = 0; j < label.symbols.size(); ++j) {
      tag(j, Damage::LowContrast);
      if (r.model >= 2) label.symbols[j].detail["pcs"] = std::round(density * 100) / 100;
    }
  }
  return label;
}

}  // namespace gs1inspect::generator
