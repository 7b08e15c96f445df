// Every route's request and answer, encoded as the server (or client) writes it and
// decoded as the other side reads it, comes back equal; every answer parses as JSON.
#include "wire/decode.hpp"
#include "wire/encode.hpp"
#include "wire/errors.hpp"
#include "wire/requests.hpp"

#include "support/facts.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <tuple>

using namespace jne;
using namespace jne::wire;

namespace {

using jne::test::everything_known;

form as_sent(const field_list& fields) {
    form f;
    for (const auto& [name, value] : fields) f.add(name, value);
    return f;
}

// The answer is JSON, as Boost.JSON's own parser reads it.
void expect_json(const std::string& body) {
    boost::json::error_code ec;
    boost::json::parse(body, ec);
    EXPECT_FALSE(ec) << body;
}

api::address party(std::string name) {
    return {std::move(name), "JL. MERDEKA 1", "RT 01",        "",     "JAKARTA",
            "DKI",           "10110",         "+62812345678", "BUDI", "INDONESIA"};
}

api::generatecnote_request a_shipment() {
    api::generatecnote_request r;
    r.branch = "CGK000";
    r.customer = "80514305";
    r.order_id = "O-1 \"q\" & m";
    r.shipper = party("TOKO ÉLAN");
    r.shipper.contact.clear();  // generatecnote carries neither
    r.shipper.country.clear();
    r.receiver = party("AHMAD");
    r.receiver.contact.clear();
    r.receiver.country.clear();
    r.quantity = "2";
    r.weight = api::grams{1500};
    r.goods_description = "BAJU";
    r.goods_value = 150000;
    r.goods_type = "2";
    r.instructions = "FRAGILE";
    r.insured = true;
    r.origin = "CGK10000";
    r.destination = "BDO10000";
    r.service = "REG";
    r.cod = true;
    r.cod_amount = 150000;
    return r;
}

api::pickup_request a_pickup() {
    api::pickup_request r;
    r.pickup_name = "GUDANG";
    r.pickup_date = api::calendar_date{2030, 10, 10};
    r.pickup_time = api::clock_time{10, 0};
    r.pickup_pic = "SITI";
    r.pickup_pic_phone = "0812";
    r.pickup_address = "JL. GUDANG 2";
    r.pickup_district = "TEBET";
    r.pickup_city = "JAKARTA";
    r.pickup_service = "DOMESTIC";
    r.pickup_vehicle = "MOTOR";
    r.branch = "CGK000";
    r.customer = "80514305";
    r.order_id = "P-1";
    r.shipper = party("TOKO");
    r.receiver = party("AHMAD");
    r.origin = "CGK10000";
    r.destination = "BDO10000";
    r.service = "REG";
    r.weight = api::grams{2000};
    r.quantity = "1";
    r.goods_description = "SEPATU";
    r.goods_amount = 50000;
    r.insured = false;
    r.special_instructions = "-";
    r.merchant_id = "M1";
    r.type = "PICKUP";
    r.cod = false;
    r.cod_amount = 0;
    r.latitude = "-6.2";
    r.longitude = "106.8";
    r.item_type = "2";
    r.hs_codes = "1000000;1;4204";
    r.return_to = party("RETUR");
    r.return_to.addr1 = "JL. RETUR";
    r.return_to.addr2 = "";
    r.return_to.phone = "0812";
    r.return_branch = "CGK000";
    return r;
}

}  // namespace

TEST(RequestRoundTrip, GeneratecnoteComesBackFieldForField) {
    const auto sent = a_shipment();
    auto decoded = decode_generatecnote_request(as_sent(fields_of(sent)), everything_known());
    ASSERT_TRUE(decoded.has_value()) << reason_for(route::generatecnote, decoded.error());
    EXPECT_EQ(*decoded, sent);
}

TEST(RequestRoundTrip, PickupComesBackFieldForFieldWithItsOptionalFields) {
    const auto sent = a_pickup();
    auto decoded = decode_pickup_request(as_sent(fields_of(sent)), everything_known());
    ASSERT_TRUE(decoded.has_value()) << reason_for(route::pickupcashless, decoded.error());
    EXPECT_EQ(*decoded, sent);
}

TEST(RequestRules, PriceNotFoundForATariffWhoseWeightOrSizeCannotBeRead) {
    const auto asked = [](std::vector<std::pair<std::string, std::string>> fields) {
        form f;
        for (const auto& [name, value] : fields) f.add(name, value);
        return decode_tariff_request(f);
    };
    auto read = asked({{"from", "CGK10000"},
                       {"thru", "BDO10000"},
                       {"weight", " 1.5 "},
                       {"length", "30"},
                       {"width", "20"},
                       {"height", "10.5"}});
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->weight, api::grams{1500});
    EXPECT_EQ(read->size, (api::parcel_size{{30000}, {20000}, {10500}}));
    for (const char* weight : {"", "0", "-2", "abc", "NaN", "1e400", "100001"})
        EXPECT_EQ(asked({{"weight", weight}}).error().code, api::error::price_not_found) << weight;
    // A size is all three sides or none, each a positive number.
    for (auto [l, w, h] : {std::tuple{"30", "30", ""}, {"30", "-30", "30"}, {"30", "x", "30"}})
        EXPECT_EQ(asked({{"weight", "1"}, {"length", l}, {"width", w}, {"height", h}}).error().code,
                  api::error::price_not_found)
            << l << "x" << w << "x" << h;
}

TEST(RequestRoundTrip, StockawbTariffCancelCredentialsAndEventsComeBack) {
    api::stock_request stock{"CGK000", "80514305", 42, "OPS", "STOCK"};
    EXPECT_EQ(*decode_stock_request(as_sent(fields_of(stock)), everything_known()), stock);

    api::tariff_request tariff{"CGK10000", "BDO10000", api::grams{1500},
                               api::parcel_size{{30000}, {20000}, {10500}}};
    EXPECT_EQ(*decode_tariff_request(as_sent(fields_of(tariff))), tariff);
    tariff.size.reset();
    EXPECT_EQ(*decode_tariff_request(as_sent(fields_of(tariff))), tariff);

    api::cancel_request cancel{"8800000000017", "OPS", "changed my mind"};
    EXPECT_EQ(decode_cancel_request(as_sent(fields_of(cancel))), cancel);

    api::credentials who{"TESTAPI", "25c898a9faea1a100859ecd9ef674548"};
    const form sent = as_sent(fields_of(who));
    const auto c = decode_credentials(sent);
    EXPECT_EQ(c.username, who.username);
    EXPECT_EQ(c.api_key, who.api_key);

    std::vector<api::event_input> events{
        {"e-1", "8800000000017", "OP1", "2026-11-28T10:00:00+07:00", "JAKARTA", "", ""},
        {"e-2", "8800000000017", "D01", "28-11-2026 12:00", "BANDUNG", "AHMAD \"A\"",
         "YANG BERSANGKUTAN"}};
    EXPECT_EQ(*decode_event_request(as_sent(fields_of(events))), events);
}

TEST(AnswerRoundTrip, PricesComeBackAndParse) {
    api::price_list prices{
        {"JAKARTA", "BANDUNG", "REG", "REG23", "Paket", 12000, 1, 2},
        {"JAKARTA", "BANDUNG", "JTR", "JTR23", "Paket", 50000, std::nullopt, std::nullopt}};
    std::string body;
    encode_prices(body, prices);
    expect_json(body);
    EXPECT_EQ(*decode_prices(body), prices);
}

TEST(AnswerRoundTrip, PlacesComeBackAndParse) {
    api::place_list places{{"CGK10000", "JAKARTA"}, {"BDO10000", "BANDUNG \"KOTA\""}};
    std::string cities, search;
    encode_cities(cities, places);
    encode_search(search, places);
    expect_json(cities);
    expect_json(search);
    EXPECT_EQ(*decode_cities(cities), places);
    EXPECT_EQ(*decode_search(search), places);
}

TEST(AnswerRoundTrip, TheDeliveryEstimateIsReadAsJneWritesIt) {
    auto estimate = [](std::string words) {
        api::tracking t;
        std::string body;
        encode_tracking(body, t);
        const std::string key = R"("estimate_delivery":" Days")";
        body.replace(body.find(key), key.size(), R"("estimate_delivery":")" + words + "\"");
        const auto read = decode_tracking(body);
        EXPECT_TRUE(read.has_value()) << body;
        return std::pair{read->cnote.etd_from, read->cnote.etd_thru};
    };
    using days = std::pair<std::optional<int>, std::optional<int>>;
    EXPECT_EQ(estimate("1-2 Days"), (days{1, 2}));
    EXPECT_EQ(estimate("3 Days"), (days{3, std::nullopt}));
    EXPECT_EQ(estimate(" Days"), (days{}));
    EXPECT_EQ(estimate("soon"), (days{}));
    EXPECT_EQ(estimate("1-x Days"), (days{}));
}

// A delivered parcel's tracking with every kind of field filled.
api::tracking delivered_tracking() {
    api::tracking t;
    t.cnote.cnote_no = "8800000000017";
    t.cnote.reference_number = "REF-1";
    t.cnote.cnote_origin = "CGK10000";
    t.cnote.cnote_destination = "BDO10000";
    t.cnote.cnote_services_code = "REG";
    t.cnote.servicetype = "REG23";
    t.cnote.sent_at = *api::parse_time("2026-11-28T10:00:00.000+07:00");
    t.cnote.cnote_receiver_name = "AHMAD";
    t.cnote.city_name = "BANDUNG";
    t.cnote.pod_status = "DELIVERED";
    t.cnote.last_status = "DELIVERED TO [AHMAD | 29-11-2026 10:00 | BANDUNG ]";
    t.cnote.cnote_amount = 12000;
    t.cnote.weight = api::grams{1500};
    t.cnote.cnote_pod_receiver = "AHMAD";
    t.cnote.received_at = *api::parse_time("29-11-2026 10:00");
    t.cnote.pod_code = "D01";
    t.cnote.keterangan = "YANG BERSANGKUTAN";
    t.cnote.cnote_goods_descr = "BAJU";
    t.cnote.freight_charge = 12000;
    t.cnote.shippingcost = 12000;
    t.cnote.priceperkg = 12000;
    t.cnote.etd_from = 1;
    t.cnote.etd_thru = 2;
    t.detail.cnote_no = "8800000000017";
    t.detail.cnote_origin = "JAKARTA";
    t.detail.cnote_shipper_name = "TOKO";
    t.detail.cnote_shipper_addr1 = "JL. MERDEKA 1";
    t.detail.cnote_receiver_name = "AHMAD";
    t.detail.cnote_receiver_city = "BANDUNG";
    t.history = {
        {t.cnote.sent_at, "PICK UP REQUEST [JAKARTA]", "REQ"},
        {*t.cnote.received_at, "DELIVERED TO [AHMAD | 29-11-2026 10:00 | BANDUNG ]", "D01"}};
    return t;
}

// FNV-1a: a fingerprint of bytes that is the same on every platform.
std::uint64_t fingerprint(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    return h;
}

TEST(AnswerRoundTrip, TrackingComesBackAndParses) {
    const api::tracking t = delivered_tracking();
    std::string body;
    encode_tracking(body, t);
    expect_json(body);
    EXPECT_EQ(*decode_tracking(body), t);
    EXPECT_NE(body.find(R"("cnote_date":"2026-11-28T10:00:00.000+07:00")"), std::string::npos);
    EXPECT_NE(body.find(R"("cnote_date":"28-11-2026 10:00","cnote_weight":"1.5")"),
              std::string::npos);
    // An answer whose times or weight are none is no answer.
    for (const auto& [from, to] :
         {std::pair{"2026-11-28T10:00:00.000+07:00", "yesterday"},
          std::pair{R"("cnote_weight":"1.5")", R"("cnote_weight":"heavy")"},
          std::pair{"29-11-2026 10:00\",\"desc", "29-11-2026\",\"desc"}}) {
        std::string broken = body;
        broken.replace(broken.find(from), std::string_view(from).size(), to);
        EXPECT_FALSE(decode_tracking(broken).has_value()) << broken;
    }
}

// Answers stored in the database are sent again while their format is the server's: a change to
// what encode_tracking writes must raise wire::tracking_format, or old answers go on being sent.
TEST(AnswerRoundTrip, TheTrackingFormatIsRaisedWithWhatItWrites) {
    std::string body;
    encode_tracking(body, delivered_tracking());
    constexpr std::pair<int, std::uint64_t> pinned{1, 15568941101894611385ull};
    EXPECT_EQ((std::pair{wire::tracking_format, fingerprint(body)}), pinned)
        << "encode_tracking writes differently: raise wire::tracking_format and pin the pair "
           "here";
}

TEST(AnswerRoundTrip, CreatesReservationsCancelsAndEventResultsComeBack) {
    std::string generated, picked, stock, cancelled, events;
    encode_generatecnote(generated, {"8800000000017"});
    encode_pickupcashless(picked, {"8800000000025"});
    encode_stockawb(stock, {"8800000000033", "8800000000041"});
    encode_cancelled(cancelled, {"8800000000017", {}});
    api::event_batch_result refused{
        false,
        {{"e-1", api::event_status::not_recorded, api::problem::none, {}, {}},
         {"e-2", api::event_status::refused, api::problem::unknown_status_code, "ZZ9", {}}}};
    encode_event_results(events, refused);
    for (const auto* body : {&generated, &picked, &stock, &cancelled, &events}) expect_json(*body);

    EXPECT_EQ(decode_generatecnote(generated)->airwaybill, "8800000000017");
    EXPECT_EQ(decode_pickupcashless(picked)->airwaybill, "8800000000025");
    EXPECT_EQ(*decode_stockawb(stock), (api::airwaybill_list{"8800000000033", "8800000000041"}));
    EXPECT_EQ(decode_cancelled(cancelled)->reason, "Cnote 8800000000017 has been cancelled");
    auto results = decode_event_results(events);
    ASSERT_TRUE(results.has_value());
    EXPECT_FALSE(results->recorded);
    EXPECT_EQ(results->outcomes[1].status, api::event_status::refused);
    EXPECT_EQ(results->outcomes[1].reason, "unknown status code ZZ9");
}

TEST(AnswerRoundTrip, EveryFailureBodyParsesAndDecodesToItsError) {
    using api::error;
    for (route r : {route::pricedev, route::cnote, route::generatecnote, route::pickupcashless,
                    route::cancel, route::stockawb, route::events})
        for (error e : {error::credentials_missing, error::bad_credentials, error::price_not_found,
                        error::cnote_not_found, error::not_your_cnote, error::unavailable}) {
            const answer a = encode_failure(r, api::fail(e));
            expect_json(a.body);
            if (e == error::price_not_found && r != route::pricedev)
                continue;  // only pricedev says it
            EXPECT_EQ(decode_failure(r, a.body).code, e) << a.body;
        }
    const auto missing = api::fail(error::missing_field, api::problem::missing, "goods_value");
    const auto told =
        decode_failure(route::generatecnote, encode_failure(route::generatecnote, missing).body);
    EXPECT_EQ(told.code, error::missing_field);
    EXPECT_EQ(told.subject, "OLSHOP_GOODSVALUE");
}
