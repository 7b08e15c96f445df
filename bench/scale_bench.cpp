// Per-lookup cost as the data grows: tariff rows (1 thousand to 10 million),
// shipments (1 thousand to 1 million), destination search over JNE's whole catalogue, a batch
// of creates beside a blocked webhook backlog (none, or 400,000 deliveries) and a claim when
// 100,000 webhook deliveries are due at once. SQLite databases
// are built once in $JNE_BENCH_DATA (default /tmp/jne-bench) and reused by later runs. With
// $JNE_BENCH_POSTGRES_URL (a server's URL), the tariff and tracking cases run on PostgreSQL too, in
// databases named jne_bench_* on that server, also kept for later runs.
#include "core/airwaybill.hpp"
#include "sandbox/seed.hpp"
#include "service/location_service.hpp"
#include "service/tracking_service.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "support/stored_rows.hpp"
#include "wire/encode.hpp"

#include <benchmark/benchmark.h>
#include <pqxx/pqxx>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>

using namespace jne;

namespace {

std::filesystem::path data_dir() {
    const char* dir = std::getenv("JNE_BENCH_DATA");
    std::filesystem::path p = dir != nullptr ? dir : "/tmp/jne-bench";
    std::filesystem::create_directories(p);
    return p;
}

std::string postgres_server() {
    const char* url = std::getenv("JNE_BENCH_POSTGRES_URL");
    return url != nullptr ? url : "";
}

// A database of the benchmark's: an SQLite file, or a PostgreSQL database on the server.
std::unique_ptr<store::database> open_bench_database(bool postgres, const std::string& name) {
    if (!postgres) return store::sqlite::open((data_dir() / (name + ".db")).string());
    const std::string server = postgres_server();
    const std::string database = "jne_bench_" + name;
    {
        pqxx::connection admin(server);
        pqxx::nontransaction tx(admin);
        if (tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", database).empty())
            tx.exec("CREATE DATABASE " + database);
    }
    return store::postgres::open(server.substr(0, server.rfind('/') + 1) + database);
}

// PostgreSQL's statistics of a database just filled, as autovacuum would gather them: a prepared
// statement planned on an empty table's statistics is not what a server runs.
void analyze(bool postgres, const std::string& name) {
    if (!postgres) return;
    const std::string server = postgres_server();
    pqxx::connection c(server.substr(0, server.rfind('/') + 1) + "jne_bench_" + name);
    pqxx::nontransaction tx(c);
    tx.exec("ANALYZE");
}

std::string code(char prefix, std::int64_t n) {
    std::string digits = std::to_string(n);
    return std::string("B") + prefix + "X" + std::string(5 - digits.size(), '0') + digits;
}

// A tariff table of `rows` rows: origins × destinations × five services.
store::database& tariff_database(bool postgres, std::int64_t rows) {
    static std::map<std::pair<bool, std::int64_t>, std::unique_ptr<store::database>> open;
    auto& db = open[{postgres, rows}];
    if (db) return *db;
    db = open_bench_database(postgres, "tariffs_" + std::to_string(rows));
    if (db->count(store::catalogue_kind::tariffs) != rows) {
        auto writer = db->replace(store::catalogue_kind::tariffs);
        const std::int64_t destinations =
            std::max<std::int64_t>(1, rows / 5 / std::max<std::int64_t>(1, rows / 10000));
        for (std::int64_t i = 0; i < rows; ++i) {
            const std::int64_t route = i / 5;
            writer->add(
                core::tariff_row{code('O', route / destinations), code('D', route % destinations),
                                 core::rate{"S" + std::to_string(i % 5), 10000 + i % 7000, 1, 2}});
        }
        writer->commit();
    }
    return *db;
}

void BM_TariffRowsOfARoute(benchmark::State& state, bool postgres) {
    const std::int64_t rows = state.range(0);
    store::database& db = tariff_database(postgres, rows);
    const std::int64_t routes = rows / 5;
    const std::int64_t destinations =
        std::max<std::int64_t>(1, routes / std::max<std::int64_t>(1, rows / 10000));
    std::mt19937_64 random(42);
    for (auto _ : state) {
        const std::int64_t route =
            static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(routes));
        auto rates = db.rates(code('O', route / destinations), code('D', route % destinations));
        if (rates.size() != 5) state.SkipWithError("a route lost its rows");
        benchmark::DoNotOptimize(rates);
    }
    state.counters["rows"] = static_cast<double>(rows);
}

// Shipments with three events each.
store::database& shipment_database(bool postgres, std::int64_t shipments) {
    static std::map<std::pair<bool, std::int64_t>, std::unique_ptr<store::database>> open;
    auto& db = open[{postgres, shipments}];
    if (db) return *db;
    db = open_bench_database(postgres, "shipments_" + std::to_string(shipments));
    if (!db->find_shipment(core::airwaybill_from_sequence(shipments))) {
        core::shipment s = test::example_shipment({}, {});
        s.account = "BENCH";
        for (std::int64_t done = 0; done < shipments;) {
            auto batch = db->begin_writes();
            for (int i = 0; i < 10000 && done < shipments; ++i, ++done) {
                s.airwaybill = core::airwaybill_from_sequence(done + 1);
                s.order_id = std::to_string(done);
                s.created_at = 1'700'000'000 + done;
                batch->insert_shipment(s);
                for (const char* c : {"REQ", "OP1", "IP3"})
                    batch->insert_event(
                        {{}, s.airwaybill, c, s.created_at + 60, "JAKARTA", {}, {}});
            }
            batch->commit();
        }
    }
    return *db;
}

void BM_TrackAShipment(benchmark::State& state, bool postgres) {
    const std::int64_t shipments = state.range(0);
    store::database& db = shipment_database(postgres, shipments);
    std::mt19937_64 random(7);
    std::string body;
    // The uncached path: one snapshot read of the shipment and its events, the answer built and
    // encoded.
    for (auto _ : state) {
        auto awb = core::airwaybill_from_sequence(
            static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(shipments)) + 1);
        auto found = db.find_tracked(awb);
        if (!found) state.SkipWithError("a shipment went missing");
        body.clear();
        wire::encode_tracking(body,
                              service::tracking_of(found->shipment, std::move(found->events)));
        benchmark::DoNotOptimize(body);
    }
    state.counters["shipments"] = static_cast<double>(shipments);
}

// A subscription and `count` pending deliveries of it, `per_airwaybill` of each airwaybill, in
// batches of 10,000 (a batch holds the writer until it goes).
void fill_outbox(store::database& db, std::int64_t count, std::int64_t per_airwaybill) {
    auto batch = db.begin_writes();
    const auto subscription =
        batch->webhooks().subscribe({0, "BENCH", "http://127.0.0.1:9/", {}, "whsec_bench", 1});
    batch->commit();
    batch.reset();
    for (std::int64_t done = 0; done < count;) {
        batch = db.begin_writes();
        for (int i = 0; i < 10000 && done < count; ++i, ++done) {
            store::webhook_delivery d;
            d.subscription_id = subscription;
            d.event_id = "evt_bench_" + std::to_string(done);
            d.airwaybill = core::airwaybill_from_sequence(done / per_airwaybill + 1);
            d.status = "SHIPPED";
            d.payload = "{}";
            d.created_ms = 1000;
            batch->webhooks().enqueue(d);
        }
        batch->commit();
        batch.reset();
    }
}

// A webhook outbox blocked by a receiver that is down: `backlog` pending deliveries of one
// subscription, four per airwaybill, every airwaybill's first waiting for a retry far ahead.
store::database& backlog_database(bool postgres, std::int64_t backlog) {
    static std::map<std::pair<bool, std::int64_t>, std::unique_ptr<store::database>> open;
    auto& db = open[{postgres, backlog}];
    if (db) return *db;
    db = open_bench_database(postgres, "webhook_backlog_" + std::to_string(backlog));
    if (db->webhook_backlog().pending != backlog) {
        fill_outbox(*db, backlog, 4);
        for (;;) {  // every queue's head failed, its retry far ahead: the rest is blocked
            auto batch = db->begin_writes();
            const auto heads = batch->webhooks().claim(2000, 3000, 10000, 10000);
            for (const auto& h : heads)
                batch->webhooks().record_attempt(
                    h.id, {store::delivery_state::pending, 4'000'000'000'000, 503, "", 2000});
            batch->commit();
            if (heads.empty()) break;
        }
        analyze(postgres, "webhook_backlog_" + std::to_string(backlog));
    }
    return *db;
}

// What a blocked backlog costs the writer: a batch of 16 creates and the sender's claim, as they
// share the writer (SQLite) or the database (PostgreSQL). The claim reads only the queues' heads
// that are due: the batch costs the same beside 400,000 blocked deliveries as beside none.
void BM_CreatesAndAClaimBesideABlockedBacklog(benchmark::State& state, bool postgres) {
    const std::int64_t backlog = state.range(0);
    store::database& db = backlog_database(postgres, backlog);
    // Numbers no earlier run of the benchmark used on the same (kept) database.
    static std::int64_t sequence = (std::time(nullptr) % 10'000'000) * 100'000;
    core::shipment s = test::example_shipment({}, {});
    s.account = "BENCH";
    for (auto _ : state) {
        auto batch = db.begin_writes();
        for (int i = 0; i < 16; ++i) {
            s.airwaybill = core::airwaybill_from_sequence(++sequence);
            s.order_id = "bench-" + std::to_string(sequence);
            batch->insert_shipment(s);
        }
        if (!batch->webhooks().claim(3'000'000'000'000, 3'000'000'010'000, 16, 4).empty())
            state.SkipWithError("a blocked delivery was claimed");
        batch->commit();
    }
    state.counters["backlog"] = static_cast<double>(backlog);
}

// Every queue's head due at once (a replay of a day, or a receiver back after its retries'
// waits): `due` airwaybills of one subscription with a delivery each. The claim reads the
// subscription's earliest heads through its index range, not every due one.
store::database& due_database(bool postgres, std::int64_t due) {
    static std::map<std::pair<bool, std::int64_t>, std::unique_ptr<store::database>> open;
    auto& db = open[{postgres, due}];
    if (db) return *db;
    db = open_bench_database(postgres, "webhook_due_" + std::to_string(due));
    if (db->webhook_backlog().pending != due) {
        fill_outbox(*db, due, 1);
        analyze(postgres, "webhook_due_" + std::to_string(due));
    }
    return *db;
}

// The sender's claim when 100,000 heads are due: it takes its share and gives it back.
void BM_AClaimWithEveryHeadDue(benchmark::State& state, bool postgres) {
    store::database& db = due_database(postgres, state.range(0));
    for (auto _ : state) {
        auto batch = db.begin_writes();
        const auto claimed = batch->webhooks().claim(2000, 3000, 16, 4);
        if (claimed.size() != 4) state.SkipWithError("the claim did not take its share");
        for (const auto& d : claimed) batch->webhooks().release(d.id);
        batch->commit();
    }
    state.counters["due"] = static_cast<double>(state.range(0));
}

// JNE's whole catalogue: 7,352 destination codes over 84,239 areas.
service::catalogue_service& sandbox_catalogue() {
    static std::unique_ptr<store::database> db;
    static std::unique_ptr<service::catalogue_service> catalogue;
    if (!catalogue) {
        const auto file = data_dir() / "sandbox.db";
        db = store::sqlite::open(file.string());
        service::account_service accounts(*db);
        sandbox::seed(*db, *db, accounts, JNE_SANDBOX_DATA_DIR);
        catalogue = std::make_unique<service::catalogue_service>(*db);
    }
    return *catalogue;
}

void BM_DestinationSearch(benchmark::State& state) {
    service::location_service locations(sandbox_catalogue());
    const std::vector<std::string> queries{"bandung",         "moyo hulu", "40614",
                                           "jakarta selatan", "kab",       "sumbawa"};
    std::size_t i = 0, found = 0;
    for (auto _ : state) found += locations.search(queries[i++ % queries.size()]).size();
    state.counters["results/query"] =
        static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DestinationSearch)->Unit(benchmark::kMicrosecond);

void BM_EncodeTheTariffExample(benchmark::State& state) {
    api::price_list prices(
        8, api::price{"JAKARTA", "BANDUNG", "REG", "REG19", "Document/Paket", 12000, 1, 2});
    std::string body;
    for (auto _ : state) {
        body.clear();
        wire::encode_prices(body, prices);
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(BM_EncodeTheTariffExample);

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::pair<const char*, bool>> backends{{"sqlite", false}};
    if (!postgres_server().empty()) backends.emplace_back("postgres", true);
    for (const auto& [name, postgres] : backends) {
        benchmark::RegisterBenchmark((std::string("BM_TariffRowsOfARoute/") + name).c_str(),
                                     BM_TariffRowsOfARoute, postgres)
            ->Arg(1'000)
            ->Arg(1'000'000)
            ->Arg(10'000'000)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark((std::string("BM_TrackAShipment/") + name).c_str(),
                                     BM_TrackAShipment, postgres)
            ->Arg(1'000)
            ->Arg(1'000'000)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(
            (std::string("BM_CreatesAndAClaimBesideABlockedBacklog/") + name).c_str(),
            BM_CreatesAndAClaimBesideABlockedBacklog, postgres)
            ->Arg(0)
            ->Arg(400'000)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark((std::string("BM_AClaimWithEveryHeadDue/") + name).c_str(),
                                     BM_AClaimWithEveryHeadDue, postgres)
            ->Arg(100'000)
            ->Unit(benchmark::kMicrosecond);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
