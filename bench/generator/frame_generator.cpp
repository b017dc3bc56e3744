#include "generator/frame_generator.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "frameset/frame_set_writer.hpp"
#include "generator/board.hpp"
#include "generator/label.hpp"
#include "generator/random.hpp"

namespace gs1inspect::generator {

namespace {


// A glare spot is this many times longer along the belt than across it.
constexpr double kGlareElongation = 4.0;

struct Carton {
  std::string id;
  double x0 = 0;  // patch's left edge in frame pixels at frame 0
  double y0 = 0;  // patch's top edge in frame pixels
  cv::Mat patch;  // CV_32FC1 reflectance 0..1 (board, label, print)
  cv::Mat mask;   // CV_32FC1 1 where the carton is
  cv::Mat gloss;  // CV_32FC1 1 where a glossy label can reflect glare
  std::vector<SymbolOnCarton> symbols;
  std::vector<Damage> damage;  // carton-wide tags drawn for it
  bool hasLabel = true;
  std::string expect = "pass";
  std::string reason;
  cv::Point2d glareCentre;  // fixed in the frame
  double glareRadius = 0;
  double glarePeak = 0;
  double noiseSigma = 0;
  nlohmann::json drawn = nlohmann::json::object();  // damage model 2: the carton-wide damage parameters drawn

  bool has(Damage d) const { return std::find(damage.begin(), damage.end(), d) != damage.end(); }
};

std::array<cv::Point2d, 4> transform(const std::array<cv::Point2d, 4>& quad, const cv::Matx33d& h) {
  std::array<cv::Point2d, 4> out;
  for (std::size_t i = 0; i < 4; ++i) {
    const cv::Vec3d v = h * cv::Vec3d(quad[i].x, quad[i].y, 1.0);
    out[i] = {v[0] / v[2], v[1] / v[2]};
  }
  return out;
}

// The symbologies of a label, cycling so every family is well represented.
std::vector<Symbology> chooseSymbologies(LabelKind kind, int count, int serial) {
  std::vector<Symbology> out;
  if (kind == LabelKind::Logistic) {
    const Symbology second[] = {Symbology::Gs1128, Symbology::DataMatrix, Symbology::Qr};
    const Symbology third[] = {Symbology::DataMatrix, Symbology::Gs1128, Symbology::Qr};
    out = {Symbology::Gs1128, second[serial % 3], third[(serial / 3) % 3]};
  } else {
    const Symbology first[] = {Symbology::DataBarExpanded, Symbology::DataBarExpandedStacked, Symbology::DataMatrix,
                               Symbology::Gs1128, Symbology::Qr};
    const Symbology second[] = {Symbology::DataBarOmni, Symbology::Ean13, Symbology::DataBarStacked, Symbology::UpcA};
    const Symbology third[] = {Symbology::DataMatrix, Symbology::Ean13, Symbology::Qr, Symbology::UpcA};
    out = {first[serial % 5], second[(serial / 5) % 4], third[(serial / 2) % 4]};
  }
  out.resize(static_cast<std::size_t>(count));
  return out;
}

std::vector<Damage> chooseDamage(const GeneratorOptions& options, int serial, Random& random) {
  if (!options.damage.empty()) return {options.damage[static_cast<std::size_t>(serial) % options.damage.size()]};
  if (random.chance(0.08)) return {};  // clean
  // Damage that touches only some symbols (or some frames, for glare) is
  // drawn more often than damage that touches every symbol of the carton,
  // so that each tag gets its share of symbols.
  std::vector<Damage> pool;
  for (Damage d : kAllDamage) {
    const int weight = d == Damage::Glare ? 5 : d == Damage::Stripe ? 3
                       : (d == Damage::Partial || d == Damage::QuietZone || d == Damage::Crease) ? 2 : 1;
    for (int i = 0; i < weight; ++i) pool.push_back(d);
  }
  std::vector<Damage> out;
  const int count = random.integer(3, 5);
  for (int i = 0; i < 20 && static_cast<int>(out.size()) < count; ++i) {
    const Damage d = random.pick(pool);
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  }
  return out;
}

bool isPrintDamage(Damage d) {
  return d == Damage::Stripe || d == Damage::LowContrast || d == Damage::Crease || d == Damage::Partial ||
         d == Damage::QuietZone;
}

class Scene {
 public:
  explicit Scene(const GeneratorOptions& options)
      : o_(options), ranges_(DamageRanges::forModel(options.damageModel)), random_(options.seed) {
    stepPx_ = o_.beltMmPerS / o_.fps * o_.pxPerMm;
    const cv::Point2d centre(o_.width / 2.0, o_.height / 2.0);
    gain_ = cv::Mat(o_.height, o_.width, CV_32FC1);
    const double r2max = centre.dot(centre);
    for (int y = 0; y < o_.height; ++y) {
      for (int x = 0; x < o_.width; ++x) {
        const cv::Point2d d(x - centre.x, y - centre.y);
        gain_.at<float>(y, x) = static_cast<float>(0.88 * (1.0 - 0.35 * d.dot(d) / r2max));  // exposure and fall-off
      }
    }
    belt_ = cv::Mat(o_.height, o_.width + 512, CV_32FC1);
    cv::RNG rng(static_cast<std::uint64_t>(options.seed) ^ 0x5eed);
    rng.fill(belt_, cv::RNG::NORMAL, 0.20, 0.025);
    cv::GaussianBlur(belt_, belt_, cv::Size(0, 0), 1.5);
  }

  bool plan(std::string& error) {
    const double travel = stepPx_ * o_.frames;
    double x = -random_.uniform(0.2, 0.6) * o_.width;  // first carton's right edge
    int serial = 0;
    while (x > -travel - o_.width) {
      Carton carton;
      if (!makeCarton(carton, serial, error)) return false;
      carton.x0 = x - carton.patch.cols;
      cartons_.push_back(std::move(carton));
      x = cartons_.back().x0 - random_.uniform(60, 300) * o_.pxPerMm;
      ++serial;
    }
    return true;
  }

  // Renders frame `index`; fills its truth and sets `anyCarton` when a carton is in view.
  cv::Mat render(int index, frameset::TruthFrame& truth, bool& anyCarton) {
    const double shift = stepPx_ * index;
    cv::Mat frame(o_.height, o_.width, CV_32FC1);
    const int beltOffset = static_cast<int>(std::fmod(shift, 512.0));
    belt_(cv::Rect(512 - beltOffset, 0, o_.width, o_.height)).copyTo(frame);
    Random frameRandom(frameSeed(index, 1));
    cv::Mat extraNoise = cv::Mat::zeros(frame.size(), CV_32FC1);
    std::vector<std::pair<double, const Carton*>> inView;
    for (const Carton& c : cartons_) {
      const double left = c.x0 + shift;
      if (left >= o_.width || left + c.patch.cols <= 0) continue;
      inView.emplace_back(left, &c);
      composite(frame, c, left, extraNoise, frameRandom);
    }
    anyCarton = !inView.empty();
    // Optics and sensor: a little motion blur along the belt, lens blur,
    // fall-off, noise.
    cv::Mat kernel = (cv::Mat_<float>(1, 3) << 0.25f, 0.5f, 0.25f);
    cv::filter2D(frame, frame, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    cv::GaussianBlur(frame, frame, cv::Size(0, 0), 0.6);
    cv::multiply(frame, gain_, frame);
    cv::Mat noise(frame.size(), CV_32FC1);
    cv::RNG rng(frameSeed(index, 2));
    rng.fill(noise, cv::RNG::NORMAL, 0.0, 2.0 / 255.0);
    frame += noise + extraNoise;
    cv::Mat out;
    frame.convertTo(out, CV_8UC1, 255.0);
    if (anyCarton) describe(index, inView, truth);
    return out;
  }

  const std::vector<Carton>& cartons() const { return cartons_; }
  std::set<std::string>& seen() { return seen_; }

 private:
  // A seed of its own for each frame and purpose: frames do not depend on
  // one another.
  std::uint64_t frameSeed(int index, unsigned purpose) const {
    return o_.seed * 0x9E3779B97F4A7C15ULL + static_cast<unsigned>(index) * 1000003ULL + purpose;
  }

  bool makeCarton(Carton& c, int serial, std::string& error) {
    Random random = random_.fork();
    c.id = fmt::format("C{:06}", serial);
    const double lengthMm = random.uniform(220, 420);
    const double widthMm = random.uniform(200, 360);
    cv::Mat patch = board(cv::Size(static_cast<int>(lengthMm * o_.pxPerMm), static_cast<int>(widthMm * o_.pxPerMm)), random);
    cv::Mat gloss = cv::Mat::zeros(patch.size(), CV_32FC1);
    const double roll = random.unit();
    c.hasLabel = roll >= 0.06;
    DataFault fault = DataFault::None;
    if (c.hasLabel && roll < 0.14) fault = static_cast<DataFault>(1 + serial % 3);
    if (!c.hasLabel) {
      c.expect = "divert";
      c.reason = "no-read";
    } else if (fault != DataFault::None) {
      c.expect = "divert";
      c.reason = "invalid-data";
    }
    c.damage = c.hasLabel ? chooseDamage(o_, serial, random) : std::vector<Damage>{};
    distractors(patch, random);
    if (c.hasLabel) {
      const LabelKind kind = serial % 2 == 0 ? LabelKind::Logistic : LabelKind::TradeItem;
      ContentMaker maker(random.fork());
      const int count = random.chance(0.2) ? 1 : random.chance(0.5) ? 2 : 3;
      LabelOrder order;
      order.contents = maker.label(kind, count, fault);
      order.symbologies = chooseSymbologies(kind, static_cast<int>(order.contents.size()), serial / 2);
      for (std::size_t i = 0; i < order.symbologies.size() && fault == DataFault::None; ++i) {
        // A retail-ready case carries its consumer unit's EAN-13 or UPC-A.
        if (order.symbologies[i] == Symbology::Ean13) order.contents[i] = {"", maker.gtin13()};
        if (order.symbologies[i] == Symbology::UpcA) order.contents[i] = {"", maker.gtin12()};
      }
      if (fault != DataFault::None && order.symbologies[0] == Symbology::DataBarExpanded) {
        // Shortening the data for one row of DataBar Expanded could cut the
        // broken element out: a spoiled label prints its data whole.
        order.symbologies[0] = Symbology::DataBarExpandedStacked;
      }
      if (order.symbologies[0] == Symbology::DataBarExpanded) {
        // One row of DataBar Expanded at a logistic X-dimension is long: a
        // variable-measure label carries GTIN and weight in it, on a wide
        // label, and dates and batch elsewhere.
        auto& first = order.contents[0].bracketed;
        const auto rest = first.find("(17)");
        if (rest != std::string::npos && rest > 0) first.erase(rest);
      }
      order.checked = fault == DataFault::None;
      order.framePxPerDot = o_.pxPerMm / kDotsPerMm;
      order.ranges = ranges_;
      order.widthMm = kind == LabelKind::Logistic || order.symbologies[0] == Symbology::DataBarExpanded ? 148 : 100;
      for (Damage d : c.damage) {
        if (isPrintDamage(d)) order.printDamage.push_back(d);
      }
      if (fault != DataFault::None) {
        // Rules broken on purpose must reach the reader: a symbology that carries any AI.
        for (auto& s : order.symbologies) {
          if (s == Symbology::DataBarOmni || s == Symbology::DataBarStacked || s == Symbology::Ean13 ||
              s == Symbology::UpcA) {
            s = Symbology::Gs1128;
          }
        }
      }
      auto label = printLabel(order, random, error);
      if (!label) return false;
      const double scale = order.framePxPerDot;
      cv::Mat image;
      cv::Mat mask;
      label->image.convertTo(image, CV_32FC1, 1.0 / 255.0);
      label->mask.convertTo(mask, CV_32FC1, 1.0 / 255.0);
      // Label pose on the board: centred near the middle of the field of
      // view's height, upright unless the carton is tagged rotation.
      const double angle = c.has(Damage::Rotation) ? random.uniform(0, 360) : random.uniform(-2, 2);
      const cv::Point2d centre(random.uniform(0.3, 0.7) * patch.cols,
                               std::clamp(o_.height / 2.0 + random.uniform(-60, 60), 0.0, patch.rows * 1.0));
      cv::Matx23d toCarton = cv::getRotationMatrix2D(cv::Point2f(static_cast<float>(image.cols * scale / 2),
                                                                 static_cast<float>(image.rows * scale / 2)),
                                                     angle, 1.0);
      toCarton = cv::Matx23d(scale * toCarton(0, 0), scale * toCarton(0, 1), toCarton(0, 2) + centre.x - image.cols * scale / 2,
                             scale * toCarton(1, 0), scale * toCarton(1, 1), toCarton(1, 2) + centre.y - image.rows * scale / 2);
      cv::Mat warped;
      cv::Mat warpedMask;
      cv::warpAffine(image, warped, toCarton, patch.size(), cv::INTER_AREA, cv::BORDER_CONSTANT, cv::Scalar(1.0));
      cv::warpAffine(mask, warpedMask, toCarton, patch.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0.0));
      // Paper is a little brighter than white board; ink as printed.
      cv::Mat inv = 1.0 - warpedMask;
      patch = patch.mul(inv) + (warped * 0.95).mul(warpedMask);
      gloss = warpedMask.clone();
      const cv::Matx33d h(toCarton(0, 0), toCarton(0, 1), toCarton(0, 2), toCarton(1, 0), toCarton(1, 1), toCarton(1, 2), 0, 0, 1);
      for (const auto& s : label->symbols) c.symbols.push_back({s, transform(s.quad, h)});
      if (kind == LabelKind::TradeItem) {
        // The label's footprint on the board, to keep the case's own print clear of it.
        std::vector<cv::Point2f> corners;
        for (const auto& p : transform({cv::Point2d(0, 0), cv::Point2d(image.cols, 0), cv::Point2d(image.cols, image.rows),
                                        cv::Point2d(0, image.rows)}, h)) {
          corners.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
        }
        SymbolOnCarton casePrint;
        const bool ean = random.chance(0.6);
        const Gs1Content unit{"", ean ? maker.gtin13() : maker.gtin12()};
        if (printOnBoard(patch, cv::boundingRect(corners), ean ? Symbology::Ean13 : Symbology::UpcA, unit, scale, random, casePrint)) {
          c.symbols.push_back(std::move(casePrint));
        }
      }
    }
    cv::Mat mask(patch.size(), CV_32FC1, cv::Scalar(1.0));

    if (c.has(Damage::Perspective)) {
      // The face turned away: its far side shrinks toward the vanishing point.
      const double tilt = random.uniform(ranges_.tiltMinDeg, ranges_.tiltMaxDeg) * CV_PI / 180.0;
      c.drawn["tilt_deg"] = std::round(tilt * 1800 / CV_PI) / 10;
      const double shrink = std::cos(tilt) * 0.5 + 0.5 * (1.0 - std::sin(tilt) * 0.5);
      const float w = static_cast<float>(patch.cols);
      const float hgt = static_cast<float>(patch.rows);
      const float inset = static_cast<float>(hgt * (1.0 - shrink) / 2.0);
      const bool leftFar = random.chance(0.5);
      const std::vector<cv::Point2f> from = {{0, 0}, {w, 0}, {w, hgt}, {0, hgt}};
      std::vector<cv::Point2f> to = from;
      if (leftFar) {
        to[0].y += inset;
        to[3].y -= inset;
        to[0].x = to[3].x = static_cast<float>(w * (1.0 - std::cos(tilt)) / 2);
      } else {
        to[1].y += inset;
        to[2].y -= inset;
        to[1].x = to[2].x = static_cast<float>(w - w * (1.0 - std::cos(tilt)) / 2);
      }
      const cv::Matx33d h = cv::getPerspectiveTransform(from, to);
      cv::warpPerspective(patch, patch, h, patch.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
      cv::warpPerspective(mask, mask, h, mask.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
      cv::warpPerspective(gloss, gloss, h, gloss.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
      for (auto& s : c.symbols) s.quad = transform(s.quad, h);
    }
    if (c.has(Damage::Blur)) {
      const double sigma = random.uniform(ranges_.blurMinSigma, ranges_.blurMaxSigma);
      cv::GaussianBlur(patch, patch, cv::Size(0, 0), sigma);
      c.drawn["blur_sigma"] = std::round(sigma * 100) / 100;
    }
    if (c.has(Damage::Motion)) {
      const int length = static_cast<int>(std::lround(random.uniform(ranges_.motionMinPx, ranges_.motionMaxPx)));
      c.drawn["motion_px"] = length;
      cv::Mat kernel(1, length, CV_32FC1, cv::Scalar(1.0f / static_cast<float>(length)));
      cv::filter2D(patch, patch, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
    }
    if (c.has(Damage::UnevenLight)) {
      const double loss = random.uniform(ranges_.unevenMin, ranges_.unevenMax);
      c.drawn["light_lost"] = std::round(loss * 100) / 100;
      const double angle = random.uniform(0, 2 * CV_PI);
      const cv::Point2d dir(std::cos(angle), std::sin(angle));
      const double span = std::abs(dir.x) * patch.cols + std::abs(dir.y) * patch.rows;
      const double base = std::min(0.0, dir.x * patch.cols) + std::min(0.0, dir.y * patch.rows);
      for (int y = 0; y < patch.rows; ++y) {
        float* row = patch.ptr<float>(y);
        for (int x = 0; x < patch.cols; ++x) {
          const double t = ((dir.x * x + dir.y * y) - base) / span;
          row[x] *= static_cast<float>(1.0 - loss * t);
        }
      }
    }
    c.y0 = random.uniform(-0.15, 0.15) * o_.height + (o_.height - patch.rows) / 2.0;
    if (c.has(Damage::Glare)) {
      // The reflection of a bar light: fixed in the image, at the height of
      // one of the label's symbols, longer along the belt than across it.
      double y = o_.height / 2.0;
      if (!c.symbols.empty()) {
        const auto& q = c.symbols[static_cast<std::size_t>(random.integer(0, static_cast<int>(c.symbols.size()) - 1))].quad;
        y = c.y0 + (q[0].y + q[2].y) / 2.0;
      }
      c.glareCentre = {random.uniform(0.35, 0.65) * o_.width, y + random.uniform(-20, 20)};
      c.glareRadius = random.uniform(ranges_.glareMinRadius, ranges_.glareMaxRadius);
      c.glarePeak = random.uniform(ranges_.glareMinPeak, ranges_.glarePeakMax) / 255.0;
      c.drawn["glare_radius_px"] = std::round(c.glareRadius);
      c.drawn["glare_peak"] = std::round(c.glarePeak * 255);
    }
    if (c.has(Damage::Noise)) {
      c.noiseSigma = random.uniform(ranges_.noiseMinSigma, ranges_.noiseMaxSigma) / 255.0;
      c.drawn["noise_sigma"] = std::round(c.noiseSigma * 2550) / 10;
    }
    c.patch = patch;
    c.mask = mask;
    c.gloss = gloss;
    return true;
  }

  void composite(cv::Mat& frame, const Carton& c, double left, cv::Mat& extraNoise, Random& random) {
    // Sub-pixel placement: the carton's position is continuous.
    const cv::Rect roi = cv::Rect(static_cast<int>(std::floor(left)), static_cast<int>(std::floor(c.y0)), c.patch.cols + 2,
                                  c.patch.rows + 2) & cv::Rect(0, 0, frame.cols, frame.rows);
    if (roi.empty()) return;
    const cv::Matx23d move(1, 0, left - roi.x, 0, 1, c.y0 - roi.y);
    cv::Mat patch;
    cv::Mat mask;
    cv::warpAffine(c.patch, patch, move, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::warpAffine(c.mask, mask, move, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    if (c.glareRadius > 0) {
      // The spot stays where the light is; the glossy label moves under it.
      cv::Mat gloss;
      cv::warpAffine(c.gloss, gloss, move, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
      for (int y = 0; y < roi.height; ++y) {
        float* p = patch.ptr<float>(y);
        const float* g = gloss.ptr<float>(y);
        for (int x = 0; x < roi.width; ++x) {
          const double dx = (roi.x + x - c.glareCentre.x) / kGlareElongation;
          const double dy = roi.y + y - c.glareCentre.y;
          const double d2 = (dx * dx + dy * dy) / (c.glareRadius * c.glareRadius);
          if (d2 < 4.0) p[x] += static_cast<float>(g[x] * c.glarePeak * std::exp(-d2));
        }
      }
    }
    cv::Mat target = frame(roi);
    target = target.mul(1.0 - mask) + patch.mul(mask);
    if (c.noiseSigma > 0) {
      cv::Mat noise(roi.size(), CV_32FC1);
      cv::RNG rng(random.bits());
      rng.fill(noise, cv::RNG::NORMAL, 0.0, c.noiseSigma);
      extraNoise(roi) += noise.mul(mask);
    }
  }

  void describe(int index, std::vector<std::pair<double, const Carton*>>& inView,
                frameset::TruthFrame& truth) {
    std::sort(inView.begin(), inView.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    truth.frame = fmt::format("frames/{:06}.png", index);
    truth.tMs = std::round(1000.0 * index / o_.fps * 10) / 10;
    const cv::Rect2d view(0, 0, o_.width, o_.height);
    double bestArea = -1;
    std::string labelled;
    for (const auto& [left, c] : inView) {
      truth.inView.push_back(c->id);
      seen_.insert(c->id);
      const cv::Rect2d box(left, c->y0, c->patch.cols, c->patch.rows);
      const double area = (box & view).area();
      if (area > bestArea) {
        bestArea = area;
        truth.carton = c->id;
      }
      for (const auto& s : c->symbols) {
        std::array<cv::Point2d, 4> q = s.quad;
        for (auto& p : q) p += cv::Point2d(left, c->y0);
        const cv::Rect2d bounds = cv::boundingRect(std::vector<cv::Point2f>(
            {cv::Point2f(static_cast<float>(q[0].x), static_cast<float>(q[0].y)), cv::Point2f(static_cast<float>(q[1].x), static_cast<float>(q[1].y)),
             cv::Point2f(static_cast<float>(q[2].x), static_cast<float>(q[2].y)), cv::Point2f(static_cast<float>(q[3].x), static_cast<float>(q[3].y))}));
        if ((bounds & view).area() <= 0) continue;
        if (labelled.empty()) labelled = c->id;
        frameset::TruthSymbol t;
        t.symbology = symbologyName(s.printed.symbology);
        t.hri = s.printed.hri;
        t.fullyVisible = std::all_of(q.begin(), q.end(), [&](const cv::Point2d& p) {
          return p.x >= 2 && p.y >= 2 && p.x < o_.width - 2 && p.y < o_.height - 2;
        });
        // A label that overhangs its carton is cut at the carton's edge: the
        // symbol must lie on the carton too (corners and edge midpoints).
        const cv::Mat& cartonMask = c->mask;  // clang 14 cannot capture a structured binding
        const auto onCarton = [&cartonMask](const cv::Point2d& p) {
          const int x = static_cast<int>(std::lround(p.x)), y = static_cast<int>(std::lround(p.y));
          return x >= 0 && y >= 0 && x < cartonMask.cols && y < cartonMask.rows && cartonMask.at<float>(y, x) > 0.5F;
        };
        for (std::size_t k = 0; k < 4 && t.fullyVisible; ++k) {
          const cv::Point2d& a = s.quad[k];
          const cv::Point2d& b = s.quad[(k + 1) % 4];
          t.fullyVisible = onCarton(a) && onCarton((a + b) * 0.5);
        }
        std::vector<Damage> tags = s.printed.damage;
        for (Damage d : c->damage) {
          if (isPrintDamage(d) || d == Damage::Glare) continue;
          if (d == Damage::Rotation && s.onBoard) continue;  // the label was turned, not the board's print
          tags.push_back(d);
        }
        if (c->glareRadius > 0 && !s.onBoard) {  // only the label is glossy
          // Glare counts where the spot lies on the symbol in this frame.
          const cv::Point2d nearest(std::clamp(c->glareCentre.x, bounds.x, bounds.x + bounds.width),
                                    std::clamp(c->glareCentre.y, bounds.y, bounds.y + bounds.height));
          const cv::Point2d off((nearest.x - c->glareCentre.x) / kGlareElongation, nearest.y - c->glareCentre.y);
          // Within 1.5 radii the spot still adds a tenth of its peak.
          if (cv::norm(off) < 1.5 * c->glareRadius) tags.push_back(Damage::Glare);
        }
        for (Damage d : kAllDamage) {
          if (std::find(tags.begin(), tags.end(), d) != tags.end()) t.damage.push_back(damageTag(d));
        }
        t.detail = s.printed.detail;
        if (ranges_.model >= 2) t.detail.update(c->drawn);
        t.detail["module_px"] = std::round(s.printed.moduleDots * o_.pxPerMm / kDotsPerMm * 100) / 100;
        std::vector<std::vector<double>> corners;
        for (const auto& p : q) corners.push_back({std::round(p.x * 10) / 10, std::round(p.y * 10) / 10});
        t.detail["quad"] = corners;
        t.carton = c->id;
        truth.symbols.push_back(std::move(t));
      }
    }
    if (!labelled.empty()) truth.carton = labelled;
    for (auto& s : truth.symbols) {
      if (s.carton == truth.carton) s.carton.clear();
    }
  }

  const GeneratorOptions& o_;
  DamageRanges ranges_;
  Random random_;
  double stepPx_ = 0;
  cv::Mat gain_;
  cv::Mat belt_;
  std::vector<Carton> cartons_;
  std::set<std::string> seen_;
};

}  // namespace

bool generateFrameSet(const GeneratorOptions& options, GeneratorSummary& summary, std::string& error,
                      const std::function<void(int)>& progress) {
  if (options.frames <= 0 || options.fps <= 0 || options.beltMmPerS <= 0 || options.pxPerMm <= 0) {
    error = "frames, fps, belt speed and px/mm must be greater than 0";
    return false;
  }
  if (options.damageModel < 1 || options.damageModel > kLatestDamageModel) {
    error = "damage model " + std::to_string(options.damageModel) + " does not exist (1 to " +
            std::to_string(kLatestDamageModel) + ")";
    return false;
  }
  Scene scene(options);
  if (!scene.plan(error)) return false;

  frameset::FrameSetInfo info;
  info.fps = options.fps;
  info.beltSpeedMmS = options.beltMmPerS;
  info.pxPerMm = options.pxPerMm;
  info.direction = "+x";
  info.source = "gs1-inspect make-frames (synthetic conveyor scene)";
  std::string damage = "mix";
  if (!options.damage.empty()) {
    damage.clear();
    for (Damage d : options.damage) damage += (damage.empty() ? "" : ",") + damageTag(d);
  }
  info.extra["generator"] = {
      {"seed", options.seed}, {"frames", options.frames}, {"damage", damage}, {"damage_model", options.damageModel}};
  auto writer = frameset::FrameSetWriter::create(options.out, info, error);
  if (!writer) return false;

  std::map<std::string, int> byDamage;
  std::map<std::string, int> bySymbology;
  for (int i = 0; i < options.frames; ++i) {
    frameset::TruthFrame truth;
    bool anyCarton = false;
    const cv::Mat frame = scene.render(i, truth, anyCarton);
    if (!writer->addFrame(frame, error)) return false;
    if (anyCarton && !writer->addTruth(truth, error)) return false;
    for (const auto& s : truth.symbols) {
      if (!s.fullyVisible) continue;
      ++summary.symbolsFullyVisible;
      ++bySymbology[s.symbology];
      if (s.damage.empty()) ++byDamage["clean"];
      for (const auto& tag : s.damage) ++byDamage[tag];
    }
    if (progress) progress(i + 1);
  }
  for (const auto& c : scene.cartons()) {
    if (!scene.seen().contains(c.id)) continue;
    if (!writer->addCarton({c.id, c.expect, c.reason}, error)) return false;
    ++summary.cartons;
  }
  if (!writer->finish(error)) return false;
  summary.frames = options.frames;
  summary.byDamage.assign(byDamage.begin(), byDamage.end());
  summary.bySymbology.assign(bySymbology.begin(), bySymbology.end());
  return true;
}

}  // namespace gs1inspect::generator
