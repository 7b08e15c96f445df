#include "service/tariff_service.hpp"

#include "sandbox/tariff_model.hpp"
#include "service/location_service.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "support/sandbox_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace jne;

namespace {

constexpr auto y2019 = core::service_year::jne2019;
constexpr auto y2023 = core::service_year::jne2023;

// Get Tariff's question, with the parcel's size when given (cm), in a merchant's numbers.
api::tariff_request tariff(std::string from, std::string thru, const char* kilograms,
                           const char* length = nullptr, const char* width = nullptr,
                           const char* height = nullptr) {
    api::tariff_request r{
        std::move(from), std::move(thru), api::read_kilograms(kilograms).weight, {}};
    if (length != nullptr)
        r.size = api::parcel_size{*api::read_centimetres(length), *api::read_centimetres(width),
                                  *api::read_centimetres(height)};
    return r;
}
// One sandbox catalogue for the suite: seeding takes a second.
struct SandboxTariffs : ::testing::Test {
    static inline std::unique_ptr<store::database> db;
    static inline std::unique_ptr<service::catalogue_service> catalogue;
    static inline test::temp_dir* dir = nullptr;

    static void SetUpTestSuite() {
        dir = new test::temp_dir;
        std::filesystem::copy_file(test::seeded_sandbox_database(), *dir / "t.db");
        db = store::sqlite::open((*dir / "t.db").string());
        catalogue = std::make_unique<service::catalogue_service>(*db);
    }
    static void TearDownTestSuite() {
        catalogue.reset();
        db.reset();
        delete dir;
    }
    runtime::incident database{"the database"};
    service::tariff_service sandbox{*catalogue, database, &jne::sandbox::model_rates};
    service::tariff_service production{*catalogue, database};
};
}  // namespace

TEST_F(SandboxTariffs, AnswersTheDocumentedExampleExactly) {
    auto prices = sandbox.quote(tariff("CGK10000", "BDO10000", "1"), y2019);
    ASSERT_TRUE(prices.has_value());
    std::vector<std::string> codes;
    for (const auto& p : **prices) codes.push_back(p.service_code);
    EXPECT_EQ(codes, (std::vector<std::string>{"REG19", "JTR5", "YES19", "JTR18", "JTR<130",
                                               "JTR<150", "JTR250", "SPS15"}));
    EXPECT_EQ((*prices)->front().amount, 12000);
    EXPECT_EQ((*prices)->front().origin_name, "JAKARTA");
    EXPECT_EQ((*prices)->front().destination_name, "BANDUNG");
}

namespace {
std::vector<std::string> codes_of(const api::result<service::tariff_service::quote_ptr>& prices) {
    std::vector<std::string> codes;
    if (prices)
        for (const auto& p : **prices) codes.push_back(p.service_code);
    return codes;
}
}  // namespace

// An account on 2023's codes: the same route, JNE's codes of today, 2019's JTR5 and JTR<130 gone,
// JTR>250 added, the flat rows with 2023's 3–4 day estimate and SPS23 with 0.
TEST_F(SandboxTariffs, AnswersTheCodesOfTheAccountsTariffYear) {
    auto prices = sandbox.quote(tariff("CGK10000", "BDO10000", "1"), y2023);
    EXPECT_EQ(codes_of(prices), (std::vector<std::string>{"REG23", "YES23", "JTR23", "JTR<150",
                                                          "JTR250", "JTR>250", "SPS23"}));
    ASSERT_TRUE(prices.has_value());
    EXPECT_EQ((*prices)->front().amount, 12000);  // the same price, today's name
    for (const auto& p : **prices) {
        if (p.service_code == "JTR>250" || p.service_code == "JTR<150") {
            EXPECT_EQ(p.etd_from, 3);
            EXPECT_EQ(p.etd_thru, 4);
        }
        if (p.service_code == "SPS23") {
            EXPECT_EQ(p.etd_from, 0);
        }
    }
    // A long route of the distance model: everything live JNE answered.
    EXPECT_EQ(codes_of(sandbox.quote(tariff("SUB10000", "JOG10000", "1"), y2023)),
              (std::vector<std::string>{"REG23", "OKE23", "YES23", "JTR23", "JTR<150", "JTR250",
                                        "JTR>250", "SPS23"}));
    // Quotes are cached per year: the 2019 answer is still 2019's.
    EXPECT_EQ(codes_of(sandbox.quote(tariff("CGK10000", "BDO10000", "1"), y2019)).front(), "REG19");
}

// Within one city JNE offers its city courier instead of REG, YES and SPS: from the route's rows
// (CGK10000 → CGK10100 has REG19 and OKE19 stored) and from the distance model alike.
TEST_F(SandboxTariffs, OffersTheCityCourierWithinOneCity) {
    const auto stored = codes_of(sandbox.quote(tariff("CGK10000", "CGK10100", "1"), y2023));
    ASSERT_FALSE(stored.empty());
    EXPECT_EQ(stored.front(), "CTC23");
    for (const auto& code : stored)
        EXPECT_FALSE(code.starts_with("REG") || code.starts_with("YES")) << code;
    const auto modelled = codes_of(sandbox.quote(tariff("SUB10000", "SUB10100", "1"), y2019));
    EXPECT_EQ(std::vector<std::string>(modelled.begin(), modelled.begin() + 2),
              (std::vector<std::string>{"CTC19", "CTCYES19"}));
    EXPECT_NE(std::find(modelled.begin(), modelled.end(), "CTCSPS19"), modelled.end());
    for (const auto& code : modelled)
        EXPECT_FALSE(code.starts_with("REG") || code.starts_with("YES") || code.starts_with("SPS"))
            << code;
}

TEST_F(SandboxTariffs, ChargesTheRoundedWeight) {
    EXPECT_EQ((*sandbox.quote(tariff("CGK10000", "BDO10000", "1.30"), y2019))->front().amount,
              12000);
    EXPECT_EQ((*sandbox.quote(tariff("CGK10000", "BDO10000", "1.31"), y2019))->front().amount,
              24000);
    EXPECT_EQ((*sandbox.quote(tariff("CGK10000", "BDO10000", "0.2"), y2019))->front().amount,
              12000);
}

TEST_F(SandboxTariffs, PricesEveryOriginAndDestinationPair) {
    const auto snapshot = catalogue->current();
    const auto& c = snapshot->catalogue();
    std::size_t priced = 0, asked = 0;
    // A sample across the whole network: every 37th origin against every 101st destination.
    for (std::size_t o = 0; o < c.origins().size(); o += 37)
        for (std::size_t d = 0; d < c.destinations().size(); d += 101, ++asked) {
            const auto& from = c.origins()[o].code;
            const auto& thru = c.destinations()[d].code;
            auto prices = sandbox.quote(tariff(from, thru, "1"), y2019);
            if (!prices) continue;
            ++priced;
            // Within one city the city courier replaces REG.
            const auto& first = (*prices)->front();
            EXPECT_EQ(first.service_display, from.substr(0, 3) == thru.substr(0, 3) ? "CTC" : "REG")
                << from << " " << thru;
        }
    EXPECT_EQ(priced, asked);
}

TEST_F(SandboxTariffs, SaysPriceNotFoundForUnknownCodes) {
    for (auto [from, thru, weight] : std::vector<std::tuple<const char*, const char*, const char*>>{
             {"CGK10100", "BDO10000", "1"},
             {"CGK10000", "BDO99999", "1"},
             {"", "", "1"}}) {  // weights that cannot be read: wire's (round_trip_test)
        auto r = sandbox.quote(tariff(from, thru, weight), y2019);
        ASSERT_FALSE(r.has_value()) << from << " " << thru << " " << weight;
        EXPECT_EQ(r.error().code, api::error::price_not_found);
    }
}

TEST_F(SandboxTariffs, LeavesOutParcelServicesAbove999Kilograms) {
    auto prices = sandbox.quote(tariff("CGK10000", "BDO10000", "1500"), y2019);
    ASSERT_TRUE(prices.has_value());
    for (const auto& p : **prices)
        EXPECT_TRUE(p.service_display.starts_with("JTR")) << p.service_code;
}

TEST_F(SandboxTariffs, OutsideTheSandboxOnlyTariffRowsPrice) {
    EXPECT_TRUE(production.quote(tariff("CGK10000", "BDO10000", "1"), y2019).has_value());
    EXPECT_FALSE(production.quote(tariff("SUB10000", "BDO10000", "1"), y2019).has_value());
}

TEST_F(SandboxTariffs, SearchesDestinations) {
    service::location_service locations(*catalogue);
    auto found = locations.search("bandung");
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found.front().code, "BDO10000");
    EXPECT_LE(found.size(), service::location_service::search_limit);
    EXPECT_EQ(locations.destinations().size(), 7352u);
    EXPECT_EQ(locations.origins().size(), 607u);
}

TEST_F(SandboxTariffs, ChargesTheVolumetricWeightWhenTheParcelIsLarger) {
    const auto priced = [&](const api::tariff_request& r) {
        return (*sandbox.quote(r, y2019))->front().amount;
    };
    const auto per_kilogram = priced(tariff("CGK10000", "BDO10000", "1"));
    // 30 × 30 × 30 cm stands for 4.5 kg: charged as 5 kg, as a 4.5 kg parcel would be.
    EXPECT_EQ(priced(tariff("CGK10000", "BDO10000", "1", "30", "30", "30")), 5 * per_kilogram);
    EXPECT_EQ(priced(tariff("CGK10000", "BDO10000", "4.5")), 5 * per_kilogram);
    // A heavy small parcel is charged by its weight.
    EXPECT_EQ(priced(tariff("CGK10000", "BDO10000", "7", "10", "10", "10")), 7 * per_kilogram);
    // A size stands for no more than any parcel weighs (wire reads the sides themselves).
    EXPECT_EQ(
        sandbox.quote(tariff("CGK10000", "BDO10000", "1", "100000", "100000", "100000"), y2019)
            .error()
            .code,
        api::error::price_not_found);
    EXPECT_EQ(service::tariff_service::billed_weight(tariff("A", "B", "1", "30", "30", "30")),
              core::grams{4500});
}
