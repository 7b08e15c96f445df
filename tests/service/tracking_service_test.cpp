// Tracking answers are kept until they may have changed: an event this process commits forgets
// its airwaybill's answer only; another process's events (a generation counter that moved past
// this process's own commits) drop them all; a read that races a commit keeps nothing stale.
#include "service/tracking_service.hpp"

#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <utility>

using namespace jne;

namespace {

const std::string first_airwaybill = "8800000000000013";
const std::string second_airwaybill = "8800000000000021";

// Two shipments, their events and the generation as the test sets them; counts its reads.
class scripted_store final : public store::shipment_store {
public:
    std::int64_t generation = 1;
    std::map<std::string, std::vector<core::scan_event>> events_now;
    int reads = 0;
    std::function<void()> during_read;  ///< runs after the events are read, before the answer

    std::unique_ptr<store::write_batch> begin_writes() override {
        throw store::storage_error("no writes here");
    }
    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override {
        return test::example_shipment(std::string(airwaybill), "A-1");
    }
    std::vector<core::scan_event> events(std::string_view airwaybill) override {
        return events_now[std::string(airwaybill)];
    }
    std::optional<tracked> find_tracked(std::string_view airwaybill) override {
        if (airwaybill != first_airwaybill && airwaybill != second_airwaybill) return std::nullopt;
        ++reads;
        tracked read{*find_shipment(airwaybill), events(airwaybill)};
        if (during_read) std::exchange(during_read, nullptr)();
        return read;
    }
    std::optional<std::string> airwaybill_for_reference(std::string_view,
                                                        std::string_view) override {
        return std::nullopt;
    }
    std::vector<store::generation_counter> tracking_generations() override {
        return {{0, generation}};
    }
    // Stored answers, current while made from as many events as there are (as every backend).
    std::map<std::string, stored_answer> stored;
    int stores = 0;
    std::optional<stored_answer> find_answer(std::string_view airwaybill, int format) override {
        const auto kept = stored.find(std::string(airwaybill));
        if (kept == stored.end() || kept->second.format != format ||
            kept->second.events != std::ssize(events_now[kept->first]))
            return std::nullopt;
        return kept->second;
    }
    void store_answers(std::span<const stored_answer> answers) override {
        ++stores;
        for (const auto& a : answers) stored[a.airwaybill] = a;
    }

    // This process's commit of an event: the store moves, then the write queue's hook runs.
    store::tracking_changes record(const std::string& airwaybill, const char* code) {
        events_now[airwaybill].push_back(test::stored_event("", airwaybill, code, 1700000100));
        return {store::generation_counter{0, ++generation}, {airwaybill}};
    }
};

const core::account shop{"shop", "", core::role::merchant, {}, {}, false, {}};

// The service keeps what its encoder wrote: here, how many lines the history has.
void encode_history_length(std::string& out, const api::tracking& t) {
    out = std::to_string(t.history.size());
}

std::size_t history_of(service::tracking_service& tracking, const std::string& airwaybill) {
    auto answer = tracking.track(shop, airwaybill);
    EXPECT_TRUE(answer.has_value());
    return answer.has_value() ? std::stoul(**answer) : 0;
}

struct TrackingService : ::testing::Test {
    scripted_store store;
    runtime::incident database{"the database"};
    service::tracking_service tracking{store, database, {encode_history_length, 1}};

    TrackingService() {
        for (const auto& a : {first_airwaybill, second_airwaybill})
            store.events_now[a] = {test::stored_event("", a, "REQ", 1700000000)};
    }
    // Asked twice: a tracking answer is kept from its second ask.
    void keep_both() {
        for (int ask = 0; ask < 2; ++ask)
            for (const auto& a : {first_airwaybill, second_airwaybill}) history_of(tracking, a);
    }
};

}  // namespace

TEST_F(TrackingService, AnEventThisProcessRecordsForgetsOnlyItsAirwaybill) {
    keep_both();
    const int reads = store.reads;
    EXPECT_EQ(history_of(tracking, second_airwaybill), 1u);
    EXPECT_EQ(store.reads, reads) << "a kept answer was read again";

    tracking.committed(store.record(first_airwaybill, "PU1"));
    EXPECT_EQ(history_of(tracking, second_airwaybill), 1u);
    EXPECT_EQ(store.reads, reads) << "an event for another airwaybill dropped this answer";
    EXPECT_EQ(history_of(tracking, first_airwaybill), 2u);
    EXPECT_EQ(store.reads, reads + 1);

    tracking.refresh();  // the refresher reads the move this process made: nothing more dropped
    EXPECT_EQ(history_of(tracking, second_airwaybill), 1u);
    EXPECT_EQ(store.reads, reads + 1);
}

TEST_F(TrackingService, AnotherProcesssEventsDropEveryAnswer) {
    keep_both();
    const int reads = store.reads;
    store.events_now[second_airwaybill].push_back(
        test::stored_event("", second_airwaybill, "PU1", 1700000100));
    ++store.generation;  // another process's commit
    tracking.refresh();
    EXPECT_EQ(history_of(tracking, first_airwaybill), 1u);
    EXPECT_EQ(history_of(tracking, second_airwaybill), 2u);
    EXPECT_EQ(store.reads, reads + 2);
}

TEST_F(TrackingService, ACommitOfAnotherProcessBetweenTwoOfThisOnesDropsEveryAnswer) {
    keep_both();
    const int reads = store.reads;
    ++store.generation;  // another process's commit, which the refresher has not read yet
    tracking.committed(store.record(first_airwaybill, "PU1"));  // moved by two, not one
    history_of(tracking, second_airwaybill);
    EXPECT_EQ(store.reads, reads + 1);
}

TEST_F(TrackingService, ACommitTheRefresherReadFirstIsNotCountedTwice) {
    keep_both();
    const auto changes = store.record(first_airwaybill, "PU1");
    tracking.refresh();  // reads the move before this process's hook runs: drops everything
    tracking.committed(changes);
    keep_both();
    const int reads = store.reads;
    tracking.committed(store.record(first_airwaybill, "OP1"));  // the next moves by one
    EXPECT_EQ(history_of(tracking, second_airwaybill), 1u);
    EXPECT_EQ(store.reads, reads);
    EXPECT_EQ(history_of(tracking, first_airwaybill), 3u);
}

TEST_F(TrackingService, AnAnswerReadWhileThisProcessCommitsAnEventForItIsNotKept) {
    history_of(tracking, first_airwaybill);  // its first ask: the next answer is kept
    // The commit lands after the read and forgets the airwaybill before the answer is kept.
    store.during_read = [this] { tracking.committed(store.record(first_airwaybill, "PU1")); };
    EXPECT_EQ(history_of(tracking, first_airwaybill), 1u);  // as read: before the event
    EXPECT_EQ(history_of(tracking, first_airwaybill), 2u) << "the stale answer was kept";
}

TEST_F(TrackingService, AGenerationReadEarlierButStoredLaterDoesNotReviveAnOlderAnswer) {
    keep_both();
    store.events_now[first_airwaybill].push_back(
        test::stored_event("", first_airwaybill, "PU1", 1700000100));
    store.generation = 3;
    tracking.refresh();
    store.generation = 1;  // a refresh that read before the commit, storing after it
    tracking.refresh();
    EXPECT_EQ(history_of(tracking, first_airwaybill), 2u)
        << "the answer kept under generation 1 came back";
}

TEST_F(TrackingService, AnAnswerMadeFromTheStoreIsStoredAndSentByEveryProcessUntilTheNextEvent) {
    history_of(tracking, first_airwaybill);
    history_of(tracking, first_airwaybill);  // made twice (kept in memory from its second ask)
    EXPECT_EQ(store.reads, 2);
    EXPECT_FALSE(tracking.store_answers()) << "nothing more waits";
    EXPECT_EQ(store.stores, 1);
    ASSERT_EQ(store.stored.count(first_airwaybill), 1u);
    EXPECT_EQ(store.stored[first_airwaybill].body, "1");
    EXPECT_EQ(store.stored[first_airwaybill].events, 1);
    EXPECT_EQ(store.stored[first_airwaybill].account, "shop");
    EXPECT_FALSE(tracking.store_answers());
    EXPECT_EQ(store.stores, 1) << "stored again with nothing new";

    // Another process (its memory empty) sends the stored answer without reading the shipment.
    service::tracking_service other{store, database, {encode_history_length, 1}};
    EXPECT_EQ(history_of(other, first_airwaybill), 1u);
    EXPECT_EQ(store.reads, 2);
    // Until the shipment's next event, in any process: then it is made again, and stored anew.
    store.record(first_airwaybill, "PU1");
    ++store.generation;
    other.refresh();
    EXPECT_EQ(history_of(other, first_airwaybill), 2u);
    EXPECT_EQ(store.reads, 3);
    other.store_answers();
    EXPECT_EQ(store.stored[first_airwaybill].body, "2");

    // Another version of the writing does not send what this one stored.
    service::tracking_service newer{store, database, {encode_history_length, 2}};
    EXPECT_EQ(history_of(newer, first_airwaybill), 2u);
    EXPECT_EQ(store.reads, 4);
}

TEST_F(TrackingService, AnotherAccountsStoredAnswerIsRefusedAsItsKeptOneIs) {
    history_of(tracking, first_airwaybill);
    tracking.store_answers();
    service::tracking_service other{store, database, {encode_history_length, 1}};
    const core::account stranger{"stranger", "", core::role::merchant, {}, {}, false, {}};
    const auto answer = other.track(stranger, first_airwaybill);
    ASSERT_FALSE(answer.has_value());
    EXPECT_EQ(answer.error().code, api::error::not_your_cnote);
}
