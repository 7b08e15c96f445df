#include "core/catalogue.hpp"

#include <gtest/gtest.h>

using namespace jne::core;

namespace {
catalogue sample() {
    catalogue_data data;
    data.areas = {
        {"BDO10000", "JAWA BARAT", "BANDUNG", "BANDUNG", "-", "40614"},
        {"BDO10002", "JAWA BARAT", "BANDUNG", "CIBIRU", "CIPADUNG", "40614"},
        {"BDO21000", "JAWA BARAT", "BANDUNG BARAT KAB", "NGAMPRAH", "CILAME", "40552"},
        {"CLG20526", "BANTEN", "SERANG", "BANDUNG", "BANDUNG", "42176"},
        {"AMI20508", "NUSA TENGGARA BARAT (NTB)", "SUMBAWA", "MOYO HULU", "BATUBULAN", "84371"},
        {"AMI20508", "NUSA TENGGARA BARAT (NTB)", "SUMBAWA", "MOYO HULU", "LITO", "84371"},
    };
    data.origins = {{"CGK10000", "JAKARTA"}};
    data.hubs = {{"BDO", "BANDUNG", -6.9, 107.6}};
    data.services = {{"REG19", "REG", "Document/Paket", 1, 999, false, 10}};
    return catalogue(std::move(data));
}

std::vector<std::string> codes(const std::vector<const destination*>& found) {
    std::vector<std::string> out;
    for (auto* d : found) out.push_back(d->code);
    return out;
}
}  // namespace

TEST(Catalogue, NamesCityCodesByCityAndOthersByDistrictAndCity) {
    auto c = sample();
    EXPECT_EQ(c.find_destination("BDO10000")->name, "BANDUNG");
    EXPECT_EQ(c.find_destination("BDO10002")->name, "CIBIRU,BANDUNG");
    EXPECT_EQ(c.find_destination("AMI20508")->name, "MOYO HULU,SUMBAWA");
    EXPECT_EQ(c.destinations().size(), 5u);
}

TEST(Catalogue, FindsCodesExactlyAndNothingElse) {
    auto c = sample();
    EXPECT_NE(c.find_origin("CGK10000"), nullptr);
    EXPECT_EQ(c.find_origin("CGK1000"), nullptr);
    EXPECT_EQ(c.find_destination("bdo10000"), nullptr);
    EXPECT_EQ(c.find_service_by_name("REG")->code, "REG19");
    EXPECT_EQ(c.find_hub("BDO10002")->name, "BANDUNG");
}

TEST(CatalogueSearch, RanksTheDestinationNamedExactlyFirstThenExactThenPrefixes) {
    auto c = sample();
    auto found = codes(c.search("bandung", 10));
    ASSERT_GE(found.size(), 4u);
    EXPECT_EQ(found[0], "BDO10000");
    // Exact matches of another name (city BANDUNG, district BANDUNG) before the prefix BANDUNG
    // BARAT.
    EXPECT_EQ(found.back(), "BDO21000");
}

TEST(CatalogueSearch, MatchesSubdistrictsZipCodesAndWordsCaseInsensitively) {
    auto c = sample();
    EXPECT_EQ(codes(c.search("cipadung", 10)), std::vector<std::string>{"BDO10002"});
    EXPECT_EQ(codes(c.search("84371", 10)), std::vector<std::string>{"AMI20508"});
    EXPECT_EQ(codes(c.search("  hulu ", 10)), std::vector<std::string>{"AMI20508"});
    EXPECT_EQ(codes(c.search("lit", 10)), std::vector<std::string>{"AMI20508"});
    EXPECT_TRUE(c.search("zzz", 10).empty());
    EXPECT_TRUE(c.search("", 10).empty());
}

TEST(CatalogueSearch, StopsAtTheLimit) { EXPECT_EQ(sample().search("b", 2).size(), 2u); }

TEST(Catalogue, NamesAServiceByCodeDisplayNameOrAnotherTariffYearsCode) {
    auto c = sample();
    for (const char* name : {"REG19", "REG", "REG15", "REG23"}) {
        ASSERT_NE(c.find_service_by_name(name), nullptr) << name;
        EXPECT_EQ(c.find_service_by_name(name)->code, "REG19") << name;
    }
    for (const char* name : {"XYZ23", "REG24", "23", "RE23", "REG1923"})
        EXPECT_EQ(c.find_service_by_name(name), nullptr) << name;
}
