#include "wire/json_out.hpp"

#include <gtest/gtest.h>

using jne::wire::append_json_string;
using jne::wire::json_out;

namespace {
std::string as_json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}
}  // namespace

TEST(JsonOut, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(as_json_string("LEVI'S \"OFFICIAL\""), R"("LEVI'S \"OFFICIAL\"")");
    EXPECT_EQ(as_json_string("a\\b"), R"("a\\b")");
    EXPECT_EQ(as_json_string("l1\nl2\r\t"), R"("l1\nl2\r\t")");
    EXPECT_EQ(as_json_string(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
    EXPECT_EQ(as_json_string(std::string("a\0b", 3)), R"("a\u0000b")");
}

TEST(JsonOut, PassesUtf8ThroughAndReplacesInvalidBytes) {
    EXPECT_EQ(as_json_string("JALAN \xC3\x89 \xE2\x82\xAC \xF0\x9F\x93\xA6"),
              "\"JALAN \xC3\x89 \xE2\x82\xAC \xF0\x9F\x93\xA6\"");
    EXPECT_EQ(as_json_string("a\xFF"
                             "b"),
              R"("a\ufffdb")");
    EXPECT_EQ(as_json_string("\xC3"), R"("\ufffd")");                      // truncated sequence
    EXPECT_EQ(as_json_string("\xC0\xAF"), R"("\ufffd\ufffd")");            // overlong
    EXPECT_EQ(as_json_string("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")");  // surrogate
}

TEST(JsonOut, PlacesCommasAndWritesNumbersAsStrings) {
    std::string out;
    json_out j(out);
    j.begin_object().key("a").number_string(12000).key("b").null().key("c").begin_array();
    j.begin_object().key("x").boolean(false).end_object().begin_object().end_object();
    j.end_array().key("d").optional_number_string(std::nullopt).key("e").string("D").end_object();
    EXPECT_EQ(out, R"({"a":"12000","b":null,"c":[{"x":false},{}],"d":null,"e":"D"})");
}
