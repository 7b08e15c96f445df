#include "support/golden.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jne::test {

namespace json = boost::json;

namespace {

std::string compare(const json::value& e, const json::value& a, const std::string& at) {
    if (e.kind() != a.kind())
        return at + ": expected " + json::serialize(e) + ", got " + json::serialize(a);
    if (e.is_object()) {
        const auto &eo = e.get_object(), &ao = a.get_object();
        auto ei = eo.begin();
        auto ai = ao.begin();
        for (; ei != eo.end() && ai != ao.end(); ++ei, ++ai) {
            if (ei->key() != ai->key())
                return at + ": expected key \"" + std::string(ei->key()) + "\", got \"" +
                       std::string(ai->key()) + "\"";
            if (auto d = compare(ei->value(), ai->value(), at + "." + std::string(ei->key()));
                !d.empty())
                return d;
        }
        if (ei != eo.end()) return at + ": missing key \"" + std::string(ei->key()) + "\"";
        if (ai != ao.end()) return at + ": unexpected key \"" + std::string(ai->key()) + "\"";
        return {};
    }
    if (e.is_array()) {
        const auto &ea = e.get_array(), &aa = a.get_array();
        if (ea.size() != aa.size())
            return at + ": expected " + std::to_string(ea.size()) + " entries, got " +
                   std::to_string(aa.size());
        for (std::size_t i = 0; i < ea.size(); ++i)
            if (auto d = compare(ea[i], aa[i], at + "[" + std::to_string(i) + "]"); !d.empty())
                return d;
        return {};
    }
    if (e != a) return at + ": expected " + json::serialize(e) + ", got " + json::serialize(a);
    return {};
}

}  // namespace

std::string golden(const std::string& name) {
    std::ifstream in(std::string(JNE_GOLDEN_DIR) + "/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("no golden file " + name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string json_difference(std::string_view expected, std::string_view actual) {
    json::error_code ec;
    json::value e = json::parse(expected, ec);
    if (ec) return "the golden file is not JSON";
    json::value a = json::parse(actual, ec);
    if (ec) return "the answer is not JSON: " + std::string(actual.substr(0, 200));
    return compare(e, a, "$");
}

}  // namespace jne::test
