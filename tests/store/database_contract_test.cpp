// One contract for every storage backend: each backend is a parameter.
// PostgreSQL's cases run against the server scripts/with-postgres starts.
#include "store/store.hpp"

#include "core/catalogue.hpp"
#include "store/postgres/lookups.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/lookups.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "support/scratch_postgres.hpp"
#include "support/stored_rows.hpp"
#include "support/temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <functional>
#include <optional>

using namespace jne;
using store::catalogue_kind;

namespace {

// Where a test's database lives; open() may be called again for a second handle on it.
struct place {
    test::temp_dir dir;
    std::optional<test::scratch_postgres> postgres;
};

struct backend {
    std::string name;
    std::function<std::unique_ptr<store::database>(place&)> open;
    /// The look-ups a tracking request makes for a number that is no airwaybill, as this
    /// backend runs them, and how the backend plans one (its own EXPLAIN, one line a step).
    std::vector<const char*> lookups;
    std::function<std::string(place&, const char* sql)> plan;
    /// What its plan says of a step that reads more shipments than it finds: a scan, or an index
    /// searched by the account alone and filtered (every shipment of the caller's).
    std::vector<std::string> wide_steps;
};

std::string sqlite_plan(place& p, const char* sql) {
    SQLite::Database db((p.dir / "contract.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, std::string("EXPLAIN QUERY PLAN ") + sql);
    std::string out;
    while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
    return out;
}

// The generic plan, which a prepared statement settles on after a few runs; with sequential scans
// priced out, a step no index can serve still shows as one.
std::string postgres_plan(place& p, const char* sql) {
    pqxx::connection c(p.postgres->url());
    pqxx::nontransaction tx(c);
    tx.exec("SET enable_seqscan = off");
    tx.exec("SET plan_cache_mode = force_generic_plan");
    tx.exec(std::string("PREPARE lookup (text, text) AS ") + sql);
    std::string out;
    for (const auto& row : tx.exec("EXPLAIN EXECUTE lookup ('TESTAPI', 'NOONES')"))
        out += row[0].as<std::string>() + "\n";
    return out;
}

class DatabaseContract : public ::testing::TestWithParam<backend> {
protected:
    place where;
    std::unique_ptr<store::database> db;

    void SetUp() override {
        if (GetParam().name == "postgres") JNE_REQUIRE_POSTGRES();
        db = GetParam().open(where);
    }
    void TearDown() override { db.reset(); }

    void replace(catalogue_kind kind, std::vector<store::catalogue_row> rows) {
        auto w = db->replace(kind);
        for (const auto& r : rows) w->add(r);
        w->commit();
    }

    static core::shipment shipment(std::string airwaybill, std::string order_id) {
        return test::example_shipment(std::move(airwaybill), std::move(order_id));
    }
    static core::scan_event event(std::string id, std::string airwaybill, std::string code,
                                  core::unix_seconds at) {
        return test::stored_event(std::move(id), std::move(airwaybill), std::move(code), at);
    }
};

}  // namespace

TEST_P(DatabaseContract, StartsEmptyAndVersionsGrowWithTheirChanges) {
    EXPECT_EQ(db->count(catalogue_kind::locations), 0);
    const auto catalogue0 = db->version(), accounts0 = db->accounts_version();
    replace(catalogue_kind::origins, {core::origin{"CGK10000", "JAKARTA"}});
    const auto catalogue1 = db->version();
    EXPECT_GT(catalogue1, catalogue0);
    EXPECT_EQ(db->accounts_version(), accounts0);
    core::account a{"shop", "hash", core::role::merchant, {"1"}, {"CGK000"}, false, {}};
    EXPECT_TRUE(db->add_account(a));
    const auto accounts1 = db->accounts_version();
    EXPECT_GT(accounts1, accounts0);
    EXPECT_EQ(db->version(), catalogue1);  // an account change reloads no catalogue
    EXPECT_FALSE(db->add_account(a));
    EXPECT_EQ(db->accounts_version(), accounts1);  // nothing changed: no bump
}

TEST_P(DatabaseContract, ReplacesAKindWholeAndOnlyOnCommit) {
    replace(catalogue_kind::origins,
            {core::origin{"CGK10000", "JAKARTA"}, core::origin{"BDO10000", "BANDUNG"}});
    {
        auto w = db->replace(catalogue_kind::origins);
        w->add(core::origin{"SUB10000", "SURABAYA"});
        // destroyed without commit: rolled back
    }
    EXPECT_EQ(db->count(catalogue_kind::origins), 2);
    replace(catalogue_kind::origins, {core::origin{"SUB10000", "SURABAYA"}});
    auto data = db->load_catalogue();
    ASSERT_EQ(data.origins.size(), 1u);
    EXPECT_EQ(data.origins[0].code, "SUB10000");
}

TEST_P(DatabaseContract, LooksUpTheRatesOfOneRoute) {
    replace(catalogue_kind::tariffs,
            {
                core::tariff_row{"CGK10000", "BDO10000", {"REG19", 12000, 1, 2}},
                core::tariff_row{
                    "CGK10000", "BDO10000", {"JTR250", 850000, std::nullopt, std::nullopt}},
                core::tariff_row{"CGK10000", "SUB10000", {"REG19", 20000, 2, 3}},
            });
    auto rates = db->rates("CGK10000", "BDO10000");
    ASSERT_EQ(rates.size(), 2u);
    auto reg = std::find_if(rates.begin(), rates.end(),
                            [](const core::rate& r) { return r.service == "REG19"; });
    ASSERT_NE(reg, rates.end());
    EXPECT_EQ(reg->price, 12000);
    EXPECT_EQ(reg->etd_thru, 2);
    auto flat = std::find_if(rates.begin(), rates.end(),
                             [](const core::rate& r) { return r.service == "JTR250"; });
    EXPECT_FALSE(flat->etd_from.has_value());
    EXPECT_TRUE(db->rates("BDO10000", "CGK10000").empty());
}

TEST_P(DatabaseContract, ListsTheOriginsThatHaveStoredRates) {
    replace(catalogue_kind::origins,
            {core::origin{"CGK10000", "JAKARTA"}, core::origin{"BDO10000", "BANDUNG"},
             core::origin{"SUB10000", "SURABAYA"}});
    EXPECT_TRUE(db->load_catalogue().rated_origins.empty());
    replace(catalogue_kind::tariffs,
            {core::tariff_row{"SUB10000", "BDO10000", {"REG19", 20000, 2, 3}},
             core::tariff_row{"CGK10000", "BDO10000", {"REG19", 12000, 1, 2}},
             core::tariff_row{"CGK10000", "SUB10000", {"REG19", 20000, 2, 3}}});
    auto rated = db->load_catalogue().rated_origins;
    std::sort(rated.begin(), rated.end());
    EXPECT_EQ(rated, (std::vector<std::string>{"CGK10000", "SUB10000"}));
    core::catalogue c(db->load_catalogue());
    EXPECT_TRUE(c.has_stored_rates("CGK10000"));
    EXPECT_FALSE(c.has_stored_rates("BDO10000"));
    EXPECT_FALSE(c.has_stored_rates("CGK1000"));
}

TEST_P(DatabaseContract, KeepsEveryKindOfTheCatalogue) {
    replace(catalogue_kind::locations,
            {core::area{"BDO10000", "JAWA BARAT", "BANDUNG", "BANDUNG", "-", "40614"}});
    replace(catalogue_kind::branches, {core::branch{"CGK000", "JNE JAKARTA"}});
    replace(catalogue_kind::services,
            {core::service{"REG19", "REG", "Document/Paket", 1, 999, false, 10}});
    replace(catalogue_kind::hubs, {core::hub{"BDO", "BANDUNG", -6.91, 107.61}});
    auto data = db->load_catalogue();
    ASSERT_EQ(data.areas.size(), 1u);
    EXPECT_EQ(data.areas[0].zip, "40614");
    EXPECT_EQ(data.branches.at(0).name, "JNE JAKARTA");
    EXPECT_EQ(data.services.at(0).max_kilograms, 999);
    EXPECT_DOUBLE_EQ(data.hubs.at(0).latitude, -6.91);
    int seen = 0;
    db->for_each(catalogue_kind::locations, [&](const store::catalogue_row& r) {
        seen += std::holds_alternative<core::area>(r);
    });
    EXPECT_EQ(seen, 1);
}

TEST_P(DatabaseContract, KeepsAccountsAndRefusesATakenName) {
    core::account a{"shop", "h1",     core::role::operator_,      {"1", "2"}, {"CGK000"},
                    false,  {50, 60}, core::service_year::jne2019};
    EXPECT_TRUE(db->add_account(a));
    EXPECT_EQ(db->accounts().at(0).rate, (core::request_rate{50, 60}));
    EXPECT_EQ(db->accounts().at(0).service_codes, core::service_year::jne2019);
    EXPECT_TRUE(db->set_service_codes("shop", core::service_year::jne2023));
    EXPECT_FALSE(db->set_service_codes("nobody", core::service_year::jne2023));
    EXPECT_EQ(db->accounts().at(0).service_codes, core::service_year::jne2023);
    EXPECT_TRUE(db->set_rate("shop", {100, 1}));
    EXPECT_FALSE(db->set_rate("nobody", {100, 1}));
    EXPECT_FALSE(db->add_account(a));
    EXPECT_TRUE(db->set_key_hash("shop", "h2"));
    EXPECT_TRUE(db->set_disabled("shop", true));
    EXPECT_FALSE(db->set_disabled("nobody", true));
    auto all = db->accounts();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].key_hash, "h2");
    EXPECT_EQ(all[0].role, core::role::operator_);
    EXPECT_EQ(all[0].customer_numbers, (std::vector<std::string>{"1", "2"}));
    EXPECT_TRUE(all[0].disabled);
    EXPECT_EQ(all[0].rate, (core::request_rate{100, 1}));
}

TEST_P(DatabaseContract, AWriteBatchIsKeptOnlyWhenCommitted) {
    {
        auto w = db->begin_writes();
        w->insert_shipment(shipment("8800000000001", "A-1"));
        EXPECT_TRUE(w->find_shipment("8800000000001").has_value());  // a batch reads its own writes
        // destroyed without commit: rolled back
    }
    EXPECT_FALSE(db->find_shipment("8800000000001").has_value());
    auto w = db->begin_writes();
    w->insert_shipment(shipment("8800000000001", "A-1"));
    w->commit();
    w.reset();
    auto found = db->find_shipment("8800000000001");
    ASSERT_TRUE(found.has_value());
    const core::shipment expected = shipment("8800000000001", "A-1");
    EXPECT_EQ(found->channel, core::channel::pickup);
    EXPECT_EQ(found->receiver.addr2, "RT 1");
    EXPECT_EQ(found->shipper.contact, "ANI");
    EXPECT_EQ(found->weight.value, 1500);
    EXPECT_TRUE(found->insured);
    EXPECT_FALSE(found->cod);
    EXPECT_EQ(found->cost.insurance, 5300);
    EXPECT_EQ(found->etd_from, 1);
    EXPECT_FALSE(found->etd_thru.has_value());
    EXPECT_EQ(found->pickup_details, expected.pickup_details);
    EXPECT_EQ(found->created_at, expected.created_at);
}

TEST_P(DatabaseContract, FindsAnOrdersAirwaybillPerAccountAndRefusesADuplicate) {
    auto w = db->begin_writes();
    w->insert_shipment(shipment("8800000000001", "A-1"));
    EXPECT_EQ(w->order_airwaybill("shop", "A-1"), "8800000000001");
    EXPECT_FALSE(w->order_airwaybill("other", "A-1").has_value());
    // Refused at once or, for a backend that sends writes together, at commit: never kept.
    EXPECT_THROW(
        {
            w->insert_shipment(shipment("8800000000002", "A-1"));
            w->commit();
        },
        store::storage_error);
    w.reset();
    EXPECT_FALSE(db->find_shipment("8800000000002").has_value());
}

TEST_P(DatabaseContract, FindsAShipmentByItsAccountsReferenceThenByItsOrderId) {
    auto w = db->begin_writes();
    auto referenced = shipment("8800000000001", "A-1");
    referenced.reference_number = "SPKJN1";
    w->insert_shipment(referenced);
    auto plain = shipment("8800000000002", "SPKJN2");
    w->insert_shipment(plain);
    auto clash = shipment("8800000000003", "SPKJN1");  // another's order id equal to the reference
    w->insert_shipment(clash);
    w->commit();
    EXPECT_EQ(db->airwaybill_for_reference("shop", "SPKJN1"), "8800000000001");  // reference first
    EXPECT_EQ(db->airwaybill_for_reference("shop", "SPKJN2"), "8800000000002");  // then order id
    EXPECT_FALSE(db->airwaybill_for_reference("other", "SPKJN1").has_value());
    EXPECT_FALSE(db->airwaybill_for_reference("shop", "SPKJN9").has_value());
}

TEST_P(DatabaseContract, ExpectedOrderIdsAnswerAsIfAskedOneByOne) {
    {
        auto w = db->begin_writes();
        w->insert_shipment(shipment("8800000000001", "A-1"));
        w->commit();
    }
    auto w = db->begin_writes();
    w->expect_orders({{"shop", "A-1"}, {"shop", "A-2"}, {"other", "A-1"}});
    EXPECT_EQ(w->order_airwaybill("shop", "A-1"), "8800000000001");
    EXPECT_FALSE(w->order_airwaybill("shop", "A-2").has_value());
    EXPECT_FALSE(w->order_airwaybill("other", "A-1").has_value());
    w->insert_shipment(
        shipment("8800000000002", "A-2"));  // its own write wins over what was fetched
    EXPECT_EQ(w->order_airwaybill("shop", "A-2"), "8800000000002");
    EXPECT_FALSE(w->order_airwaybill("shop", "A-3").has_value());  // not expected: asked
}

TEST_P(DatabaseContract, HandsOutEachSequenceNumberOnce) {
    std::vector<std::int64_t> numbers;
    for (int batch = 0; batch < 3; ++batch) {
        auto w = db->begin_writes();
        numbers.push_back(w->next_sequence(1700000000));
        numbers.push_back(w->next_sequence(1700000000));
        w->commit();
    }
    for (std::size_t i = 1; i < numbers.size(); ++i) EXPECT_GT(numbers[i], numbers[i - 1]);
}

TEST_P(DatabaseContract, AReservedAirwaybillIsClaimedOnceByItsAccount) {
    auto w = db->begin_writes();
    w->reserve("8811111111111", "shop", 1700000000);
    EXPECT_FALSE(w->claim_reserved("8811111111111", "other"));
    EXPECT_TRUE(w->claim_reserved("8811111111111", "shop"));
    EXPECT_FALSE(w->claim_reserved("8811111111111", "shop"));
    EXPECT_FALSE(w->claim_reserved("8822222222222", "shop"));
    w->commit();
}

TEST_P(DatabaseContract, KeepsTextWithQuotesBackslashesBracesAndTheWordNullAsSent) {
    // PostgreSQL's batches send their rows as array and row literals, where these characters
    // (and the spaces around a value) are syntax.
    const std::string awkward = R"( TOKO "MAJU" \ {JAYA}, (NULL) )";
    auto s = shipment("8800000000001", R"(A-"1",{2})");
    s.shipper.name = awkward;
    s.receiver.name = "NULL";
    s.receiver.addr2 = "";
    s.goods_description = "\\";
    s.etd_thru.reset();
    auto second = shipment("8800000000002", "B-2");  // rows of one batch go together
    second.receiver.name = awkward;
    {
        auto w = db->begin_writes();
        w->insert_shipment(s);
        w->insert_shipment(second);
        auto e = event("", "8800000000001", "REQ", 1700000000);
        e.note = awkward;
        EXPECT_TRUE(w->insert_event(e));
        EXPECT_TRUE(w->insert_event(event("", "8800000000002", "REQ", 1700000000)));
        w->sandbox().schedule("8800000000001", 1700003600);
        w->commit();
    }
    auto tracked = db->find_tracked("8800000000001");
    ASSERT_TRUE(tracked.has_value());
    EXPECT_EQ(tracked->shipment.order_id, R"(A-"1",{2})");
    EXPECT_EQ(tracked->shipment.shipper.name, awkward);
    EXPECT_EQ(tracked->shipment.receiver.name, "NULL");
    EXPECT_EQ(tracked->shipment.receiver.addr2, "");
    EXPECT_EQ(tracked->shipment.goods_description, "\\");
    EXPECT_EQ(tracked->shipment.etd_from, s.etd_from);
    EXPECT_FALSE(tracked->shipment.etd_thru.has_value());
    ASSERT_EQ(tracked->events.size(), 1u);
    EXPECT_EQ(tracked->events[0].note, awkward);
    auto other = db->find_tracked("8800000000002");
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->shipment.receiver.name, awkward);
    EXPECT_EQ(other->shipment.order_id, "B-2");
    EXPECT_EQ(other->events.size(), 1u);
    EXPECT_EQ(db->sandbox_due(1700003600, 10), (std::vector<std::string>{"8800000000001"}));
    auto w = db->begin_writes();
    w->expect_orders({{"shop", R"(A-"1",{2})"}});
    EXPECT_EQ(w->order_airwaybill("shop", R"(A-"1",{2})"), "8800000000001");
}

TEST_P(DatabaseContract, RecordsEventsOnceInOrderAndMovesTheTrackingGeneration) {
    {
        auto w = db->begin_writes();
        w->insert_shipment(shipment("8800000000001", "A-1"));
        w->commit();
    }
    auto bare = db->find_tracked("8800000000001");  // a shipment with no event yet
    ASSERT_TRUE(bare.has_value());
    EXPECT_EQ(bare->shipment.order_id, "A-1");
    EXPECT_TRUE(bare->events.empty());
    const auto before = test::tracking_generation(*db);
    {
        auto w = db->begin_writes();
        EXPECT_TRUE(w->insert_event(event("net-1", "8800000000001", "OP1", 1700000100)));
        EXPECT_TRUE(w->insert_event(
            event("", "8800000000001", "IP3", 1700000050)));  // the system's own: no key
        EXPECT_TRUE(w->insert_event(event("", "8800000000001", "IP4", 1700000200)));
        EXPECT_FALSE(w->insert_event(
            event("net-1", "8800000000001", "D01", 1700000300)));  // same key: ignored
        w->commit();
        // The commit says what it moved and for which airwaybills (the tracking cache forgets
        // just those): one counter by one, to a value the database now holds.
        const auto& changed = w->changed_tracking();
        ASSERT_TRUE(changed.moved.has_value());
        const auto counters = db->tracking_generations();
        EXPECT_NE(std::find(counters.begin(), counters.end(), *changed.moved), counters.end());
        EXPECT_NE(
            std::find(changed.airwaybills.begin(), changed.airwaybills.end(), "8800000000001"),
            changed.airwaybills.end());
    }
    const auto after = test::tracking_generation(*db);
    EXPECT_EQ(after, before + 1);
    auto tracked = db->find_tracked("8800000000001");
    ASSERT_TRUE(tracked.has_value());
    ASSERT_EQ(tracked->events.size(), 3u);
    EXPECT_EQ(tracked->events[0].code, "OP1");  // the order recorded, not the times
    EXPECT_EQ(tracked->events[1].event_id, "");
    EXPECT_EQ(tracked->events[2].at, 1700000200);
    EXPECT_EQ(tracked->shipment.order_id, "A-1");
    EXPECT_FALSE(db->find_tracked("8899999999999").has_value());
    {
        auto w = db->begin_writes();  // a commit without events keeps the generation
        w->reserve("8811111111111", "shop", 1700000000);
        w->commit();
        EXPECT_FALSE(w->changed_tracking().moved.has_value());
        EXPECT_TRUE(w->changed_tracking().airwaybills.empty());
    }
    EXPECT_EQ(test::tracking_generation(*db), after);
}

TEST_P(DatabaseContract, AStoredAnswerIsFoundOnlyWhileItsEventsAndFormatAreCurrent) {
    const std::string awb = "8800000000001";
    {
        auto w = db->begin_writes();
        w->insert_shipment(shipment(awb, "A-1"));
        EXPECT_TRUE(w->insert_event(event("", awb, "REQ", 1700000000)));
        w->commit();
    }
    using answer = store::shipment_store::stored_answer;
    EXPECT_FALSE(db->find_answer(awb, 1).has_value());  // none stored yet
    const std::vector<answer> first{{awb, "shop", 1, 1, R"({"history":["REQ"]})"}};
    db->store_answers(first);
    auto found = db->find_answer(awb, 1);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->account, "shop");
    EXPECT_EQ(found->body, R"({"history":["REQ"]})");
    EXPECT_EQ(found->events, 1);
    EXPECT_FALSE(db->find_answer(awb, 2).has_value()) << "another format is not current";
    EXPECT_FALSE(db->find_answer("8899999999999", 1).has_value());

    {
        auto w = db->begin_writes();  // an event: the stored answer is no longer current
        EXPECT_TRUE(w->insert_event(event("net-1", awb, "PU1", 1700000100)));
        w->commit();
    }
    EXPECT_FALSE(db->find_answer(awb, 1).has_value());
    const std::vector<answer> second{{awb, "shop", 1, 2, "two"}};
    db->store_answers(second);
    EXPECT_EQ(db->find_answer(awb, 1)->body, "two");
    db->store_answers(first);  // made from an older read, stored later: the newer one stays
    EXPECT_EQ(db->find_answer(awb, 1)->body, "two");
    const std::vector<answer> reformatted{{awb, "shop", 2, 2, "two, anew"}};
    db->store_answers(reformatted);  // another format replaces it
    EXPECT_EQ(db->find_answer(awb, 2)->body, "two, anew");
    EXPECT_FALSE(db->find_answer(awb, 1).has_value());
}

TEST_P(DatabaseContract, ListsDueSandboxStepsMostOverdueFirst) {
    auto w = db->begin_writes();
    for (auto [awb, due] :
         {std::pair{"8800000000001", 300}, {"8800000000002", 100}, {"8800000000003", 200}}) {
        w->insert_shipment(shipment(awb, awb));
        w->sandbox().schedule(awb, due);
    }
    w->sandbox().schedule("8800000000003", std::nullopt);  // never again
    w->commit();
    w.reset();
    EXPECT_EQ(db->sandbox_due(250, 10), (std::vector<std::string>{"8800000000002"}));
    EXPECT_EQ(db->sandbox_due(1000, 10),
              (std::vector<std::string>{"8800000000002", "8800000000001"}));
    EXPECT_EQ(db->sandbox_due(1000, 1).size(), 1u);
    w = db->begin_writes();
    w->sandbox().reschedule_all(50);
    w->commit();
    EXPECT_EQ(db->sandbox_due(50, 10).size(), 2u);
}

TEST_P(DatabaseContract, ABatchReadsItsOwnWritesInTheOrderTheyWereMade) {
    auto w = db->begin_writes();
    w->insert_shipment(shipment("8800000000001", "A-1"));
    EXPECT_TRUE(
        w->insert_event(event("", "8800000000001", "REQ", 1700000000)));  // the system's own
    EXPECT_TRUE(
        w->insert_event(event("net-1", "8800000000001", "OP1", 1700000100)));  // the network's
    EXPECT_TRUE(w->insert_event(event("", "8800000000001", "IP3", 1700000200)));
    w->sandbox().schedule("8800000000001", 500);
    w->sandbox().schedule("8800000000001", 100);  // the last word counts
    auto order = [](const std::vector<core::scan_event>& events) {
        std::string codes;
        for (const auto& e : events) codes += e.code + " ";
        return codes;
    };
    EXPECT_EQ(order(w->events("8800000000001")), "REQ OP1 IP3 ");
    EXPECT_EQ(w->order_airwaybill("shop", "A-1"), "8800000000001");
    w->commit();
    w.reset();
    EXPECT_EQ(order(db->events("8800000000001")), "REQ OP1 IP3 ");
    EXPECT_EQ(db->sandbox_due(150, 10), (std::vector<std::string>{"8800000000001"}));
}

TEST_P(DatabaseContract, AnotherHandleOnTheSameDatabaseSeesCommittedWrites) {
    auto other = GetParam().open(where);
    const auto generation = test::tracking_generation(*other);
    auto w = db->begin_writes();
    w->insert_shipment(shipment("8800000000001", "A-1"));
    w->insert_event(event("net-1", "8800000000001", "OP1", 1700000100));
    EXPECT_FALSE(other->find_shipment("8800000000001").has_value());  // not before the commit
    w->commit();
    w.reset();
    EXPECT_TRUE(other->find_shipment("8800000000001").has_value());
    EXPECT_EQ(other->events("8800000000001").size(), 1u);
    EXPECT_GT(test::tracking_generation(*other), generation);
    replace(catalogue_kind::origins, {core::origin{"CGK10000", "JAKARTA"}});
    EXPECT_EQ(other->count(catalogue_kind::origins), 1);
    EXPECT_EQ(other->version(), db->version());
}

// -- webhooks

namespace {

store::webhook_delivery delivery(std::int64_t subscription, std::string airwaybill,
                                 std::string status, std::int64_t created_ms) {
    store::webhook_delivery d;
    d.subscription_id = subscription;
    d.event_id = "evt_" + airwaybill + "_" + status;
    d.airwaybill = std::move(airwaybill);
    d.status = std::move(status);
    d.payload = R"({"awb":")" + d.airwaybill + R"("})";
    d.created_ms = created_ms;
    return d;
}

std::string ids(const std::vector<store::webhook_delivery>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.airwaybill + "/" + d.status + " ";
    return out;
}

}  // namespace

TEST_P(DatabaseContract, KeepsSubscriptionsAndTellsOtherProcessesTheyChanged) {
    auto other = GetParam().open(where);
    const auto version = other->webhooks_version();
    auto w = db->begin_writes();
    const auto a = w->webhooks().subscribe({0, "shop", "http://a.test/hook", {}, "whsec_a", 1});
    const auto b = w->webhooks().subscribe(
        {0, "shop", "https://b.test/", {"DELIVERED", "SHIPMENT PROBLEM"}, "whsec_b", 2});
    w->commit();
    w.reset();
    EXPECT_GT(other->webhooks_version(), version);
    auto subs = other->webhook_subscriptions();
    ASSERT_EQ(subs.size(), 2u);
    EXPECT_EQ(subs[0].id, a);
    EXPECT_EQ(subs[1].statuses, (std::vector<std::string>{"DELIVERED", "SHIPMENT PROBLEM"}));
    EXPECT_EQ(subs[1].secret, "whsec_b");

    const auto before = other->webhooks_version();
    w = db->begin_writes();
    EXPECT_TRUE(w->webhooks().set_webhook_secret(b, "whsec_c"));
    EXPECT_FALSE(w->webhooks().set_webhook_secret(999, "whsec_c"));
    EXPECT_TRUE(w->webhooks().unsubscribe(a));
    EXPECT_FALSE(w->webhooks().unsubscribe(a));
    w->commit();
    w.reset();
    EXPECT_GT(other->webhooks_version(), before);
    subs = other->webhook_subscriptions();
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].secret, "whsec_c");
}

TEST_P(DatabaseContract, ClaimsDeliveriesPerAirwaybillInOrderAndLeasesThem) {
    auto w = db->begin_writes();
    const auto s = w->webhooks().subscribe({0, "shop", "http://a.test/", {}, "whsec_a", 1});
    w->webhooks().enqueue(delivery(s, "A", "SUCCESS PICKUP", 100));
    w->webhooks().enqueue(delivery(s, "B", "SUCCESS PICKUP", 100));
    w->webhooks().enqueue(delivery(s, "A", "SHIPPED", 200));
    w->commit();
    w.reset();

    w = db->begin_writes();
    EXPECT_EQ(ids(w->webhooks().claim(50, 10'000, 10, 10)), "");  // nothing due yet
    auto claimed = w->webhooks().claim(1000, 10'000, 10, 10);
    // A's SHIPPED waits behind A's SUCCESS PICKUP, which is being sent.
    EXPECT_EQ(ids(claimed), "A/SUCCESS PICKUP B/SUCCESS PICKUP ");
    ASSERT_EQ(claimed.size(), 2u);
    EXPECT_EQ(claimed[0].url, "http://a.test/");
    EXPECT_EQ(claimed[0].secret, "whsec_a");
    EXPECT_EQ(claimed[0].payload, R"({"awb":"A"})");
    EXPECT_EQ(ids(w->webhooks().claim(1000, 10'000, 10, 10)), "");  // leased
    w->commit();
    w.reset();

    // A failed attempt keeps the later status waiting until the retry is due and succeeds.
    w = db->begin_writes();
    w->webhooks().record_attempt(claimed[0].id,
                                 {store::delivery_state::pending, 5000, 500, "oops", 1100});
    w->webhooks().record_attempt(claimed[1].id,
                                 {store::delivery_state::delivered, 0, 200, "{}", 1100});
    EXPECT_EQ(ids(w->webhooks().claim(2000, 10'000, 10, 10)), "");
    auto retry = w->webhooks().claim(5000, 10'000, 10, 10);
    EXPECT_EQ(ids(retry), "A/SUCCESS PICKUP ");
    ASSERT_EQ(retry.size(), 1u);
    EXPECT_EQ(retry[0].attempts, 1);
    EXPECT_EQ(retry[0].event_id, claimed[0].event_id);
    w->webhooks().record_attempt(retry[0].id, {store::delivery_state::delivered, 0, 204, "", 5100});
    EXPECT_EQ(ids(w->webhooks().claim(5200, 10'000, 10, 10)), "A/SHIPPED ");
    w->commit();
    w.reset();

    // A lease that ran out (its sender died) is claimed again; a released one at once.
    w = db->begin_writes();
    EXPECT_EQ(ids(w->webhooks().claim(20'000, 30'000, 10, 10)), "A/SHIPPED ");
    w->commit();
    w.reset();
    auto listed = db->webhook_deliveries({"A", false, 10});
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].status, "SHIPPED");  // newest first
    EXPECT_EQ(listed[1].attempts, 2);
    EXPECT_EQ(listed[1].last_code, 204);
    EXPECT_EQ(listed[1].state, store::delivery_state::delivered);
    EXPECT_TRUE(listed[1].secret.empty());  // a listing never shows a secret
    w = db->begin_writes();
    w->webhooks().release(listed[0].id);
    EXPECT_EQ(ids(w->webhooks().claim(20'001, 30'000, 10, 10)), "A/SHIPPED ");
    w->commit();
}

TEST_P(DatabaseContract, DeadDeliveriesAreListedReplayedAndDieWithTheirSubscription) {
    auto w = db->begin_writes();
    const auto s = w->webhooks().subscribe({0, "shop", "http://a.test/", {}, "whsec_a", 1});
    w->webhooks().enqueue(delivery(s, "A", "SUCCESS PICKUP", 100));
    w->webhooks().enqueue(delivery(s, "A", "SHIPPED", 200));
    w->webhooks().enqueue(delivery(s, "B", "SHIPPED", 300));
    auto first = w->webhooks().claim(1000, 2000, 1, 10);
    ASSERT_EQ(first.size(), 1u);
    w->webhooks().record_attempt(
        first[0].id, {store::delivery_state::dead, 0, 0, "Couldn't connect to server", 1000});
    // A dead delivery no longer holds the airwaybill's later ones back.
    EXPECT_EQ(ids(w->webhooks().claim(1000, 2000, 10, 10)), "A/SHIPPED B/SHIPPED ");
    w->commit();
    w.reset();

    auto failed = db->webhook_deliveries({"", true, 10});
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0].state, store::delivery_state::dead);
    EXPECT_EQ(failed[0].last_answer, "Couldn't connect to server");
    EXPECT_EQ(failed[0].url, "http://a.test/");

    w = db->begin_writes();
    EXPECT_EQ(w->webhooks().replay(failed[0].id, 0, 3000), 1u);
    EXPECT_EQ(w->webhooks().replay(999, 0, 3000), 0u);
    EXPECT_EQ(w->webhooks().replay(std::nullopt, 250, 3000), 1u);  // B's, created at 300
    w->commit();
    w.reset();
    EXPECT_EQ(db->webhook_deliveries({"", true, 10}).size(), 0u);
    auto replayed = db->webhook_deliveries({"A", false, 10});
    EXPECT_EQ(replayed[1].state, store::delivery_state::pending);
    EXPECT_EQ(replayed[1].attempts, 0);

    w = db->begin_writes();
    EXPECT_TRUE(w->webhooks().unsubscribe(s));
    EXPECT_EQ(ids(w->webhooks().claim(10'000, 20'000, 10, 10)), "");
    w->commit();
    w.reset();
    for (const auto& d : db->webhook_deliveries({"", false, 10}))
        if (d.state == store::delivery_state::pending) ADD_FAILURE() << d.id << " still pending";
}

TEST_P(DatabaseContract, ADeliveryEnqueuedInABatchThatRollsBackIsNeverSent) {
    auto w = db->begin_writes();
    const auto s = w->webhooks().subscribe({0, "shop", "http://a.test/", {}, "whsec_a", 1});
    w->commit();
    w.reset();
    w = db->begin_writes();
    w->insert_shipment(shipment("8800000000001", "A-1"));
    w->webhooks().enqueue(delivery(s, "8800000000001", "SHIPPED", 100));
    w.reset();  // no commit
    w = db->begin_writes();
    EXPECT_EQ(ids(w->webhooks().claim(1000, 2000, 10, 10)), "");
    w->commit();
}

TEST_P(DatabaseContract, SubscriptionsTakeTurnsAndNoneHasMoreThanItsShareInFlight) {
    auto w = db->begin_writes();
    const auto busy = w->webhooks().subscribe({0, "big", "http://a.test/", {}, "whsec_a", 1});
    const auto quiet = w->webhooks().subscribe({0, "small", "http://b.test/", {}, "whsec_b", 1});
    for (const char* awb : {"A1", "A2", "A3", "A4", "A5"})
        w->webhooks().enqueue(delivery(busy, awb, "SHIPPED", 100));
    w->webhooks().enqueue(delivery(quiet, "B1", "SHIPPED", 300));  // due last
    w->commit();
    w.reset();

    w = db->begin_writes();
    // Each subscription's first, then each one's second: the small shop is not behind the big.
    auto first = w->webhooks().claim(1000, 10'000, 3, 2);
    EXPECT_EQ(ids(first), "A1/SHIPPED A2/SHIPPED B1/SHIPPED ");
    // The big one has two in flight, its share: nothing more of it until one ends.
    EXPECT_EQ(ids(w->webhooks().claim(1000, 10'000, 10, 2)), "");
    ASSERT_EQ(first.size(), 3u);
    w->webhooks().record_attempt(first[0].id, {store::delivery_state::delivered, 0, 200, "", 1100});
    EXPECT_EQ(ids(w->webhooks().claim(1200, 10'000, 10, 2)), "A3/SHIPPED ");
    w->commit();
}

TEST_P(DatabaseContract, TheNextDeliveryOfAQueueIsDueHoweverTheOneAheadOfItEnds) {
    auto w = db->begin_writes();
    const auto s = w->webhooks().subscribe({0, "shop", "http://a.test/", {}, "whsec_a", 1});
    w->webhooks().enqueue(delivery(s, "A", "SUCCESS PICKUP", 100));
    w->webhooks().enqueue(delivery(s, "A", "SHIPPED", 200));
    w->webhooks().enqueue(delivery(s, "A", "DELIVERED", 300));
    w->commit();
    w.reset();

    w = db->begin_writes();
    auto pickup = w->webhooks().claim(1000, 2000, 10, 10);
    ASSERT_EQ(ids(pickup), "A/SUCCESS PICKUP ");
    w->webhooks().record_attempt(pickup[0].id, {store::delivery_state::dead, 0, 500, "", 1100});
    auto shipped = w->webhooks().claim(1200, 2000, 10, 10);  // behind a dead one: due
    ASSERT_EQ(ids(shipped), "A/SHIPPED ");
    w->webhooks().release(shipped[0].id);
    // The dead one replayed is ahead again: the queue's order holds.
    EXPECT_EQ(w->webhooks().replay(pickup[0].id, 0, 1300), 1u);
    EXPECT_EQ(ids(w->webhooks().claim(1400, 2000, 10, 10)), "A/SUCCESS PICKUP ");
    w->commit();
    w.reset();

    // The same in a batch of its own, as another process would: sent, then the next.
    w = db->begin_writes();
    w->webhooks().record_attempt(pickup[0].id,
                                 {store::delivery_state::delivered, 0, 200, "", 3000});
    w->commit();
    w.reset();
    w = db->begin_writes();
    EXPECT_EQ(ids(w->webhooks().claim(3100, 4000, 10, 10)), "A/SHIPPED ");
    w->commit();
    w.reset();
    // A subscription removed takes its queue with it.
    w = db->begin_writes();
    EXPECT_TRUE(w->webhooks().unsubscribe(s));
    w->commit();
    w.reset();
    w = db->begin_writes();
    EXPECT_EQ(ids(w->webhooks().claim(100'000, 200'000, 10, 10)), "");
    w->commit();
}

TEST_P(DatabaseContract, LooksUpANumberThatIsNoOnesThroughIndexesOnly) {
    for (const char* sql : GetParam().lookups) {
        const std::string plan = GetParam().plan(where, sql);
        EXPECT_NE(plan, "") << sql;
        for (const std::string& wide : GetParam().wide_steps)
            EXPECT_EQ(plan.find(wide), std::string::npos) << sql << "\n" << plan;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Backends, DatabaseContract,
    ::testing::Values(backend{"sqlite",
                              [](place& p) {
                                  return store::sqlite::open((p.dir / "contract.db").string());
                              },
                              {store::sqlite::lookups::order_airwaybill,
                               store::sqlite::lookups::airwaybill_for_reference},
                              sqlite_plan,
                              {"SCAN shipments", "(account=?)"}},
                      backend{"postgres",
                              [](place& p) {
                                  if (!p.postgres) p.postgres.emplace();
                                  return store::postgres::open(p.postgres->url());
                              },
                              {store::postgres::lookups::order_airwaybill,
                               store::postgres::lookups::airwaybill_for_reference},
                              postgres_plan,
                              {"Seq Scan", "Filter:"}}),
    [](const auto& backend_info) { return backend_info.param.name; });
