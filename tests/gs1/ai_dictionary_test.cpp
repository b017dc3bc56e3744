// The project's AI dictionary against the GS1 Barcode Syntax Dictionary
// (tests/data/gs1-syntax-dictionary): every AI, its components,
// checks, FNC1 flag, Digital Link flags, requisites, exclusions and
// qualifiers must agree, except for the differences allowed below.
#include "gs1/ai_dictionary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "gs1/predefined_lengths.hpp"

namespace gs1inspect::gs1 {
namespace {

// Differences from the reference that are intended: "AI: what" -> reason.
const std::map<std::string, std::string> kAllowedDifferences = {
    // (none at present: every AI agrees with release 2026-01-27)
};

const std::map<std::string, std::string> kLinterToCheck = {
    {"csum", "cd"},
    {"csumalpha", "cd-alnum"},
    {"gcppos1", "gcp1"},
    {"gcppos2", "gcp2"},
    {"yymmd0", "date6-00"},
    {"yymmdd", "date6"},
    {"yyyymmdd", "date8"},
    {"hhmi", "hhmm"},
    {"hh", "hh"},
    {"mi", "mm"},
    {"ss", "ss"},
    {"iso3166", "country"},
    {"iso3166999", "country-999"},
    {"iso3166alpha2", "country-a2"},
    {"iso4217", "currency"},
    {"pcenc", "pct"},
    {"yesno", "yesno"},
    {"hyphen", "hyphen"},
    {"latitude", "lat"},
    {"longitude", "lon"},
    {"nonzero", "nonzero"},
    {"zero", "zero"},
    {"winding", "winding"},
    {"pieceoftotal", "piece-of-total"},
    {"iban", "iban"},
    {"importeridx", "importer"},
    {"packagetype", "package"},
    {"mediatype", "media"},
    {"iso5218", "sex"},
    {"posinseqslash", "seq-slash"},
    {"nozeroprefix", "no-zero-prefix"},
    {"hasnondigit", "has-non-digit"},
    {"couponcode", "coupon"},
    {"couponposoffer", "coupon-pos"},
};

// One AI as both dictionaries describe it, in a common vocabulary.
struct Facts {
  bool fixed = false;
  bool dl = false;
  std::vector<std::string> components;  // "n14 cd gcp2", "[n..12]"
  std::set<std::set<std::string>> requisites;  // each rule: set of "01+21" groups
  std::set<std::string> exclusions;
  bool key = false;
  std::set<std::string> qualifiers;  // "22,10,21"
  std::string title;  // compared on its own, ignoring case
};

std::string describe(const Facts& f) {
  std::ostringstream out;
  out << (f.fixed ? "fixed " : "") << (f.dl ? "dl " : "") << "|";
  for (const auto& c : f.components) out << ' ' << c;
  out << " | req";
  for (const auto& rule : f.requisites) {
    out << " {";
    for (const auto& g : rule) out << g << ' ';
    out << '}';
  }
  out << " ex";
  for (const auto& e : f.exclusions) out << ' ' << e;
  out << (f.key ? " key" : "");
  for (const auto& q : f.qualifiers) out << ' ' << q;
  return out.str();
}

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(s);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

std::map<std::string, Facts> readReference(const std::filesystem::path& path) {
  std::map<std::string, Facts> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto hash = line.find('#');
    const std::string body = line.substr(0, hash);
    std::string title = hash == std::string::npos ? std::string() : line.substr(hash + 1);
    while (!title.empty() && title.front() == ' ') title.erase(0, 1);
    while (!title.empty() && title.back() == ' ') title.pop_back();
    std::istringstream tokens(body);
    std::vector<std::string> words;
    for (std::string w; tokens >> w;) words.push_back(w);
    if (words.empty()) continue;
    Facts f;
    f.title = title;
    std::size_t i = 1;
    if (i < words.size() && std::none_of(words[i].begin(), words[i].end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
      f.fixed = words[i].find('*') != std::string::npos;
      f.dl = words[i].find('?') != std::string::npos;
      ++i;
    }
    for (; i < words.size(); ++i) {
      const std::string& w = words[i];
      if (w.starts_with("req=")) {
        std::set<std::string> rule;
        for (const auto& g : split(w.substr(4), ',')) rule.insert(g);
        f.requisites.insert(rule);
      } else if (w.starts_with("ex=")) {
        for (const auto& e : split(w.substr(3), ',')) f.exclusions.insert(e);
      } else if (w == "dlpkey") {
        f.key = true;
      } else if (w.starts_with("dlpkey=")) {
        f.key = true;
        for (const auto& q : split(w.substr(7), '|')) f.qualifiers.insert(q);
      } else {
        // A component: "N14,csum,gcppos2", "[N..12]", "[N3],iso3166".
        auto parts = split(w, ',');
        std::string type = parts.front();
        bool optional = type.front() == '[';
        if (optional) type = type.substr(1, type.size() - 2);
        std::string c(1, static_cast<char>(std::tolower(static_cast<unsigned char>(type[0]))));
        c += type.substr(1);
        for (std::size_t p = 1; p < parts.size(); ++p) {
          auto it = kLinterToCheck.find(parts[p]);
          c += ' ' + (it == kLinterToCheck.end() ? "?" + parts[p] : it->second);
        }
        f.components.push_back(optional ? "[" + c + "]" : c);
      }
    }
    const auto range = split(words[0], '-');
    const int from = std::stoi(range.front());
    const int to = std::stoi(range.back());
    for (int ai = from; ai <= to; ++ai) {
      std::string name = std::to_string(ai);
      name.insert(0, range.front().size() - name.size(), '0');
      out[name] = f;
    }
  }
  return out;
}

Facts factsOf(const AiEntry& entry) {
  Facts f;
  f.fixed = entry.predefinedLength;
  f.dl = entry.digitalLinkAttribute;
  for (const auto& component : entry.components) {
    std::string c(1, "nxyz"[static_cast<int>(component.charset)]);
    c += component.fixedLength() ? std::to_string(component.maxLength) : ".." + std::to_string(component.maxLength);
    for (Check check : component.checks) c += ' ' + std::string(checkName(check));
    f.components.push_back(component.optional ? "[" + c + "]" : c);
  }
  for (const auto& rule : entry.requisites) {
    std::set<std::string> groups;
    for (const auto& group : rule) {
      std::string g;
      for (const auto& ai : group) g += (g.empty() ? "" : "+") + ai;
      groups.insert(g);
    }
    f.requisites.insert(groups);
  }
  f.exclusions.insert(entry.exclusions.begin(), entry.exclusions.end());
  f.key = entry.primaryKey;
  for (const auto& sequence : entry.qualifierSequences) {
    std::string q;
    for (const auto& ai : sequence) q += (q.empty() ? "" : ",") + ai;
    f.qualifiers.insert(q);
  }
  return f;
}

std::filesystem::path referencePath() {
  return std::filesystem::path(GS1I_TEST_DATA_DIR) / "gs1-syntax-dictionary" / "gs1-syntax-dictionary.txt";
}

TEST(AiDictionary, BuiltinParsesWithoutErrors) {
  const auto& dictionary = AiDictionary::builtin();
  for (const auto& error : dictionary.errors()) ADD_FAILURE() << "line " << error.line << ": " << error.message;
  EXPECT_GT(dictionary.entries().size(), 500u);
  EXPECT_NE(dictionary.follows().find("2026-01-27"), std::string::npos);
}

TEST(AiDictionary, AgreesWithGs1BarcodeSyntaxDictionary) {
  ASSERT_TRUE(std::filesystem::exists(referencePath())) << referencePath() << " is missing";
  const auto reference = readReference(referencePath());
  ASSERT_GT(reference.size(), 500u);
  const auto& dictionary = AiDictionary::builtin();
  std::set<std::string> used;
  auto differs = [&](const std::string& key, const std::string& what) {
    if (kAllowedDifferences.contains(key)) {
      used.insert(key);
      return;
    }
    ADD_FAILURE() << key << ": " << what;
  };
  for (const auto& [ai, expected] : reference) {
    const AiEntry* entry = dictionary.find(ai);
    if (entry == nullptr) {
      differs(ai + ": missing", "in the reference, not in ours");
      continue;
    }
    const Facts ours = factsOf(*entry);
    const std::string a = describe(ours);
    const std::string b = describe(expected);
    if (a != b) differs(ai + ": rules", "\n  ours:      " + a + "\n  reference: " + b);
  }
  for (const auto& entry : dictionary.entries()) {
    if (!reference.contains(entry.ai)) differs(entry.ai + ": extra", "in ours, not in the reference");
  }
  for (const auto& [key, reason] : kAllowedDifferences) {
    EXPECT_TRUE(used.contains(key)) << "allowed difference no longer occurs, remove it: " << key;
  }
}

TEST(AiDictionary, TitlesAgreeWithTheReferenceIgnoringCase) {
  const auto reference = readReference(referencePath());
  auto upper = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  for (const auto& entry : AiDictionary::builtin().entries()) {
    const auto it = reference.find(entry.ai);
    if (it == reference.end()) continue;  // reported by AgreesWithGs1BarcodeSyntaxDictionary
    // GS1 gives (8110) and (8112) no data title: ours says "-".
    const std::string expected = it->second.title.empty() ? "-" : upper(it->second.title);
    EXPECT_EQ(upper(entry.title), expected) << entry.ai;
  }
}

TEST(AiDictionary, FixedFlagFollowsPredefinedLengthTable) {
  for (const auto& entry : AiDictionary::builtin().entries()) {
    const auto total = predefinedLength(entry.ai);
    if (total) {
      EXPECT_TRUE(entry.predefinedLength) << entry.ai;
      EXPECT_EQ(entry.minLength(), entry.maxLength()) << entry.ai;
      EXPECT_EQ(static_cast<int>(entry.ai.size() + entry.maxLength()), *total) << entry.ai;
    } else {
      EXPECT_FALSE(entry.predefinedLength) << entry.ai << " is not in the predefined-length table";
    }
  }
}

TEST(AiDictionary, EveryAiHasATitleAndDecimalsFitTheirField) {
  for (const auto& entry : AiDictionary::builtin().entries()) {
    EXPECT_FALSE(entry.title.empty()) << entry.ai;
    if (entry.impliedDecimal) {
      const auto decimals = static_cast<std::size_t>(entry.ai.back() - '0');
      EXPECT_LE(decimals, entry.components.back().maxLength) << entry.ai;
      EXPECT_EQ(entry.ai.size(), 4u) << entry.ai;
    }
  }
}

TEST(AiDictionary, LookupIsExactAndByPrefix) {
  const auto& dictionary = AiDictionary::builtin();
  ASSERT_NE(dictionary.find("01"), nullptr);
  EXPECT_EQ(dictionary.find("01")->title, "GTIN");
  EXPECT_EQ(dictionary.find("3106"), nullptr);
  EXPECT_EQ(dictionary.find("1"), nullptr);
  EXPECT_EQ(dictionary.find("0a"), nullptr);
  ASSERT_NE(dictionary.findPrefix("3103000450"), nullptr);
  EXPECT_EQ(dictionary.findPrefix("3103000450")->ai, "3103");
  EXPECT_EQ(dictionary.findPrefix("99x")->ai, "99");
  EXPECT_EQ(dictionary.findPrefix("23"), nullptr);
}

TEST(AiDictionary, ReportsBadLinesWithTheirNumber) {
  const AiDictionary dictionary(
      "# follows: test\n"
      "01 | fixed | n14+cd | - | GTIN\n"
      "02 | fixed | n14+nosuchcheck | - | X\n"
      "10 | dl | x..20 x2 | - | Y\n"
      "011 | - | n3 | - | clashes with 01\n"
      "20 | fixed | n2\n");
  ASSERT_EQ(dictionary.errors().size(), 4u);
  EXPECT_EQ(dictionary.errors()[0].line, 3);
  EXPECT_NE(dictionary.errors()[0].message.find("nosuchcheck"), std::string::npos);
  EXPECT_EQ(dictionary.errors()[1].line, 4);
  EXPECT_EQ(dictionary.errors()[2].line, 6);
  EXPECT_EQ(dictionary.errors()[3].line, 5);
  EXPECT_EQ(dictionary.entries().size(), 1u);
  EXPECT_EQ(dictionary.follows(), "test");
}

}  // namespace
}  // namespace gs1inspect::gs1
