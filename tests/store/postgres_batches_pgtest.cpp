// Two processes' write batches on one PostgreSQL database: open and committing at the same
// time, kept apart by the database's constraints and row locks (no lock takes turns for all).
// Each "process" is a handle of its own, with its own connections.
#include "store/postgres/postgres_database.hpp"
#include "support/scratch_postgres.hpp"
#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>

using namespace jne;
using namespace std::chrono_literals;
using test::example_shipment;
using test::stored_event;

namespace {

class PostgresBatches : public ::testing::Test {
protected:
    void SetUp() override {
        JNE_REQUIRE_POSTGRES();
        database.emplace();
        one = store::postgres::open(database->url());
        other = store::postgres::open(database->url());
    }

    // Sends what a batch holds without committing it: claim_reserved writes at once, and
    // everything held before it first.
    static void write_through(store::write_batch& w) { w.claim_reserved("8899999999999", "shop"); }

    std::optional<test::scratch_postgres> database;
    std::unique_ptr<store::database> one, other;  // two processes
};

}  // namespace

TEST_F(PostgresBatches, TwoProcessesBatchesAreOpenAndCommitAtTheSameTime) {
    const auto generation = test::tracking_generation(*one);
    auto first = one->begin_writes();
    first->insert_shipment(example_shipment("8800000000001", "A-1"));
    first->insert_event(stored_event("", "8800000000001", "REQ", 1700000000));
    write_through(*first);  // its rows written, its transaction open

    // The other process's whole batch, begun and committed while the first is still open.
    auto second = std::async(std::launch::async, [&] {
        auto w = other->begin_writes();
        w->insert_shipment(example_shipment("8800000000002", "B-1"));
        w->insert_event(stored_event("", "8800000000002", "REQ", 1700000000));
        w->commit();
    });
    ASSERT_EQ(second.wait_for(10s), std::future_status::ready)
        << "the second batch waited for the first";
    second.get();
    EXPECT_TRUE(one->find_shipment("8800000000002").has_value());
    EXPECT_FALSE(other->find_shipment("8800000000001").has_value());  // not committed yet
    first->commit();
    EXPECT_TRUE(other->find_shipment("8800000000001").has_value());
    EXPECT_GE(test::tracking_generation(*other), generation + 2);  // each commit moved it
}

TEST_F(PostgresBatches, AnOrderIdTakenByAnotherProcessFirstIsAConflictAndNothingOfTheLoserIsKept) {
    auto loser = one->begin_writes();
    loser->expect_orders({{"shop", "A-1"}});
    ASSERT_FALSE(loser->order_airwaybill("shop", "A-1").has_value());
    loser->insert_shipment(example_shipment("8800000000001", "A-1"));
    loser->insert_event(stored_event("", "8800000000001", "REQ", 1700000000));

    auto winner = other->begin_writes();
    ASSERT_FALSE(winner->order_airwaybill("shop", "A-1").has_value());  // neither sees the other
    winner->insert_shipment(example_shipment("8800000000002", "A-1"));
    write_through(*winner);  // holds the order id, uncommitted

    // The loser's insert waits for the winner's transaction to end, then finds the id taken.
    auto committing = std::async(std::launch::async, [&] { loser->commit(); });
    EXPECT_EQ(committing.wait_for(300ms), std::future_status::timeout)
        << "the loser did not wait for the batch holding its order id";
    winner->commit();
    ASSERT_EQ(committing.wait_for(10s), std::future_status::ready);
    EXPECT_THROW(committing.get(), store::write_conflict);
    loser.reset();

    EXPECT_FALSE(one->find_shipment("8800000000001").has_value());
    EXPECT_TRUE(one->events("8800000000001").empty());
    auto again = one->begin_writes();  // the loser's writes, run again, find the winner's
    again->expect_orders({{"shop", "A-1"}});
    EXPECT_EQ(again->order_airwaybill("shop", "A-1"), "8800000000002");
}

TEST_F(PostgresBatches, AShipmentABatchReadHoldsTheOtherProcessesBatchUntilItCommits) {
    {
        auto w = one->begin_writes();
        w->insert_shipment(example_shipment("8800000000001", "A-1"));
        w->commit();
    }
    auto first = one->begin_writes();
    ASSERT_TRUE(first->find_shipment("8800000000001").has_value());
    // The other checks the shipment's history before adding to it: it must see the first's event.
    auto checking = std::async(std::launch::async, [&] {
        auto w = other->begin_writes();
        EXPECT_TRUE(w->find_shipment("8800000000001").has_value());
        auto history = w->events("8800000000001");
        w->commit();
        return history;
    });
    EXPECT_EQ(checking.wait_for(300ms), std::future_status::timeout)
        << "the other batch read the shipment while the first could still change it";
    EXPECT_TRUE(first->insert_event(stored_event("net-1", "8800000000001", "CR2", 1700000100)));
    first->commit();
    ASSERT_EQ(checking.wait_for(10s), std::future_status::ready);
    const auto history = checking.get();
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].code, "CR2");
}

TEST_F(PostgresBatches, AnEventIdSentToBothProcessesAtOnceIsRecordedOnce) {
    {
        auto w = one->begin_writes();
        w->insert_shipment(example_shipment("8800000000001", "A-1"));
        w->commit();
    }
    auto first = one->begin_writes();
    EXPECT_TRUE(first->insert_event(stored_event("net-1", "8800000000001", "OP1", 1700000100)));
    auto second = std::async(std::launch::async, [&] {
        auto w = other->begin_writes();
        const bool recorded =
            w->insert_event(stored_event("net-1", "8800000000001", "OP1", 1700000100));
        w->commit();
        return recorded;
    });
    EXPECT_EQ(second.wait_for(300ms), std::future_status::timeout);
    first->commit();
    ASSERT_EQ(second.wait_for(10s), std::future_status::ready);
    EXPECT_FALSE(second.get());
    EXPECT_EQ(one->events("8800000000001").size(), 1u);
}
