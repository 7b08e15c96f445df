// The write queue when another process's batch takes an order id first: the writes of the
// losing group commit run again, each alone, and read the winner's shipment. A merchant that
// sent one order to two servers at once is told "duplicate" by one of them, never "unavailable".
#include "runtime/write_queue.hpp"
#include "store/postgres/postgres_database.hpp"
#include "support/scratch_postgres.hpp"
#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

#include <future>
#include <latch>

using namespace jne;

TEST(WriteQueueOnPostgres, ACreateBeatenToItsOrderIdByAnotherProcessAnswersTheWinnersAirwaybill) {
    JNE_REQUIRE_POSTGRES();
    test::scratch_postgres database;
    auto here = store::postgres::open(database.url());
    auto elsewhere = store::postgres::open(database.url());  // another server process
    runtime::incident incidents("the database");
    runtime::write_queue queue(*here, incidents);

    // The writer held while the two writes queue, so that they share one group commit.
    std::latch gate(1);
    queue.submit([&](store::write_batch&) { gate.wait(); }, [](bool) {});

    // A create as shipment_service writes one, and a second write beside it.
    std::latch read_order(1), other_committed(1);
    int runs = 0;
    std::optional<std::string> duplicate_of;
    std::promise<bool> created_durable, neighbour_durable;
    queue.submit(
        [&](store::write_batch& batch) {
            ++runs;
            duplicate_of = batch.order_airwaybill("shop", "A-1");
            if (runs == 1) {
                read_order.count_down();
                other_committed.wait();  // the other process commits between read and write
            }
            if (!duplicate_of)
                batch.insert_shipment(test::example_shipment("8800000000001", "A-1"));
        },
        [&](bool durable) { created_durable.set_value(durable); }, store::order_key{"shop", "A-1"});
    queue.submit(
        [&](store::write_batch& batch) {
            batch.insert_shipment(test::example_shipment("8800000000003", "B-1"));
        },
        [&](bool durable) { neighbour_durable.set_value(durable); });

    gate.count_down();
    read_order.wait();
    {
        auto w = elsewhere->begin_writes();
        w->insert_shipment(test::example_shipment("8800000000002", "A-1"));
        w->commit();
    }
    other_committed.count_down();

    EXPECT_TRUE(created_durable.get_future().get());
    EXPECT_TRUE(neighbour_durable.get_future().get());  // not sunk with the conflict
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(duplicate_of, "8800000000002");
    EXPECT_FALSE(here->find_shipment("8800000000001").has_value());
    EXPECT_TRUE(here->find_shipment("8800000000003").has_value());
}
