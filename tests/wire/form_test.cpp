#include "wire/form.hpp"

#include <gtest/gtest.h>

using jne::wire::decode_form;

TEST(FormDecoding, ReadsUrlencodedBodiesWithPercentAndPlus) {
    auto f = decode_form("application/x-www-form-urlencoded",
                         "username=TESTAPI&from=CGK10000&name=A+B%26C&x=%E2%82%AC");
    EXPECT_EQ(f.get("username"), "TESTAPI");
    EXPECT_EQ(f.get("from"), "CGK10000");
    EXPECT_EQ(f.get("name"), "A B&C");
    EXPECT_EQ(f.get("x"), "\xE2\x82\xAC");
    EXPECT_FALSE(f.has("thru"));
}

TEST(FormDecoding, TreatsAMissingContentTypeAsUrlencoded) {
    EXPECT_EQ(decode_form("", "a=1").get("a"), "1");
}

TEST(FormDecoding, LeavesOutFieldsWithBrokenPercentEncoding) {
    auto f = decode_form("application/x-www-form-urlencoded", "a=%ZZ&b=%4&c=ok&d=%");
    EXPECT_FALSE(f.has("a"));
    EXPECT_FALSE(f.has("b"));
    EXPECT_FALSE(f.has("d"));
    EXPECT_EQ(f.get("c"), "ok");
}

TEST(FormDecoding, KeepsTheFirstOfRepeatedFieldsAndEmptyValues) {
    auto f = decode_form("application/x-www-form-urlencoded", "a=1&a=2&b=&&c");
    EXPECT_EQ(f.get("a"), "1");
    EXPECT_TRUE(f.has("b"));
    EXPECT_EQ(f.get("b"), "");
    EXPECT_TRUE(f.has("c"));
}

TEST(FormDecoding, ReadsMultipartFormDataAsPhpCurlSendsIt) {
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nTESTAPI\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"weight\"\r\nContent-Type: "
        "text/plain\r\n\r\n1.5\r\n"
        "--XyZ\r\ncontent-disposition: form-data; name=\"note\"\r\n\r\nline1\r\nline2\r\n"
        "--XyZ--\r\n";
    auto f = decode_form("multipart/form-data; boundary=XyZ", body);
    EXPECT_EQ(f.get("username"), "TESTAPI");
    EXPECT_EQ(f.get("weight"), "1.5");
    EXPECT_EQ(f.get("note"), "line1\r\nline2");
}

TEST(FormDecoding, SurvivesBrokenMultipart) {
    EXPECT_TRUE(decode_form("multipart/form-data; boundary=XyZ",
                            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"")
                    .fields()
                    .empty());
    EXPECT_TRUE(decode_form("multipart/form-data", "garbage").fields().empty());
    EXPECT_TRUE(decode_form("multipart/form-data; boundary=\"q\"", "").fields().empty());
}

TEST(FormDecoding, ReadsAFlatJsonObjectKeepingNumbersAsWritten) {
    auto f = decode_form(
        "application/json; charset=utf-8",
        R"({"username":"TESTAPI","weight":1.50,"qty":2,"big":12345678901234567890,"flag":true,"n":null,"s":"a\"b\u00e9"})");
    EXPECT_EQ(f.get("username"), "TESTAPI");
    EXPECT_EQ(f.get("weight"), "1.50");
    EXPECT_EQ(f.get("qty"), "2");
    EXPECT_EQ(f.get("big"), "12345678901234567890");
    EXPECT_EQ(f.get("flag"), "true");
    EXPECT_FALSE(f.has("n"));
    EXPECT_EQ(f.get("s"), "a\"b\xC3\xA9");
}

TEST(FormDecoding, RefusesJsonThatIsNotAnObject) {
    for (const char* body : {"[1,2]", "\"text\"", "{", "{\"a\":1} trailing", "", "{\"a\":[1,}"})
        EXPECT_TRUE(decode_form("application/json", body).fields().empty()) << body;
}

TEST(FormDecoding, KeepsNestedMembersAsJsonText) {
    auto f = decode_form("application/json",
                         R"({"username":"OPS","events":[{"code":"OP1"}],"o":{"b":1}})");
    EXPECT_EQ(f.get("username"), "OPS");
    EXPECT_EQ(f.get("events"), R"([{"code":"OP1"}])");
    EXPECT_EQ(f.get("o"), R"({"b":1})");
}

TEST(FormDecoding, DecodesEscapesAtEitherEndAndBetweenPlainRuns) {
    auto f = decode_form("", "%41b%2Bc+d%20=%7e+x+%25&++=sp&%3D=%26");
    EXPECT_EQ(f.get("Ab+c d "), "~ x %");
    EXPECT_EQ(f.get("  "), "sp");
    EXPECT_EQ(f.get("="), "&");
    EXPECT_EQ(jne::wire::percent_decode("a+b%2B", false), "a+b+");
    EXPECT_EQ(jne::wire::percent_decode("ab%2", false), std::nullopt);
    EXPECT_EQ(jne::wire::percent_decode("", true), "");
    EXPECT_FALSE(decode_form("", "%zz=1").has(""));
}
