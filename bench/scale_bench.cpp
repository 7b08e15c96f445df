// Per-lookup cost as the data grows: tariff rows (1 thousand to 10 million),
// shipments (1 thousand to 1 million), and destination search over JNE's whole
// catalogue. Databases are built once in $JNE_BENCH_DATA (default /tmp/jne-bench)
// and reused by later runs.
#include "core/airwaybill.hpp"
#include "service/location_service.hpp"
#include "service/sandbox_seed.hpp"
#include "service/tracking_service.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "wire/encode.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
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

std::string code(char prefix, std::int64_t n) {
    std::string digits = std::to_string(n);
    return std::string("B") + prefix + "X" + std::string(5 - digits.size(), '0') + digits;
}

// A tariff table of `rows` rows: origins × destinations × five services.
store::database& tariff_database(std::int64_t rows) {
    static std::map<std::int64_t, std::unique_ptr<store::database>> open;
    auto& db = open[rows];
    if (db) return *db;
    const auto file = data_dir() / ("tariffs-" + std::to_string(rows) + ".db");
    const bool fresh = !std::filesystem::exists(file);
    db = store::sqlite::open(file.string());
    if (fresh || db->count(store::catalogue_kind::tariffs) != rows) {
        auto writer = db->replace(store::catalogue_kind::tariffs);
        const std::int64_t destinations = std::max<std::int64_t>(1, rows / 5 / std::max<std::int64_t>(1, rows / 10000));
        for (std::int64_t i = 0; i < rows; ++i) {
            const std::int64_t route = i / 5;
            writer->add(core::tariff_row{code('O', route / destinations), code('D', route % destinations),
                                         core::rate{"S" + std::to_string(i % 5), 10000 + i % 7000, 1, 2}});
        }
        writer->commit();
    }
    return *db;
}

void BM_TariffRowsOfARoute(benchmark::State& state) {
    const std::int64_t rows = state.range(0);
    store::database& db = tariff_database(rows);
    const std::int64_t routes = rows / 5;
    const std::int64_t destinations = std::max<std::int64_t>(1, routes / std::max<std::int64_t>(1, rows / 10000));
    std::mt19937_64 random(42);
    for (auto _ : state) {
        const std::int64_t route = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(routes));
        auto rates = db.rates(code('O', route / destinations), code('D', route % destinations));
        if (rates.size() != 5) state.SkipWithError("a route lost its rows");
        benchmark::DoNotOptimize(rates);
    }
    state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_TariffRowsOfARoute)->Arg(1'000)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMicrosecond);

// Shipments with three events each.
store::database& shipment_database(std::int64_t shipments) {
    static std::map<std::int64_t, std::unique_ptr<store::database>> open;
    auto& db = open[shipments];
    if (db) return *db;
    const auto file = data_dir() / ("shipments-" + std::to_string(shipments) + ".db");
    const bool fresh = !std::filesystem::exists(file);
    db = store::sqlite::open(file.string());
    if (fresh) {
        core::shipment s;
        s.account = "BENCH";
        s.origin = "CGK10000";
        s.origin_name = "JAKARTA";
        s.destination = "BDO10000";
        s.destination_name = "BANDUNG";
        s.service_code = "REG19";
        s.service_display = "REG";
        s.shipper.name = "ALI";
        s.receiver.name = "ANA";
        s.weight = core::grams{1000};
        for (std::int64_t done = 0; done < shipments;) {
            auto batch = db->begin_writes();
            for (int i = 0; i < 10000 && done < shipments; ++i, ++done) {
                s.airwaybill = core::airwaybill_from_sequence(done + 1);
                s.order_id = std::to_string(done);
                s.created_at = 1'700'000'000 + done;
                batch->insert_shipment(s);
                for (const char* c : {"MF1", "OP1", "IP3"})
                    batch->insert_event({{}, s.airwaybill, c, s.created_at + 60, "JAKARTA", {}, {}});
            }
            batch->commit();
        }
    }
    return *db;
}

void BM_TrackAShipment(benchmark::State& state) {
    const std::int64_t shipments = state.range(0);
    store::database& db = shipment_database(shipments);
    std::mt19937_64 random(7);
    std::string body;
    // The uncached path: one snapshot read of the shipment and its events, the answer built and encoded.
    for (auto _ : state) {
        auto awb = core::airwaybill_from_sequence(
            static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(shipments)) + 1);
        auto found = db.find_tracked(awb);
        if (!found) state.SkipWithError("a shipment went missing");
        body.clear();
        wire::encode_tracking(body, service::tracking_of(found->shipment, std::move(found->events)));
        benchmark::DoNotOptimize(body);
    }
    state.counters["shipments"] = static_cast<double>(shipments);
}
BENCHMARK(BM_TrackAShipment)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

// JNE's whole catalogue: 7,352 destination codes over 84,239 areas.
service::catalogue_service& sandbox_catalogue() {
    static std::unique_ptr<store::database> db;
    static std::unique_ptr<service::catalogue_service> catalogue;
    if (!catalogue) {
        const auto file = data_dir() / "sandbox.db";
        db = store::sqlite::open(file.string());
        service::account_service accounts(*db);
        service::seed_sandbox(*db, accounts, JNE_SANDBOX_DATA_DIR);
        catalogue = std::make_unique<service::catalogue_service>(*db);
    }
    return *catalogue;
}

void BM_DestinationSearch(benchmark::State& state) {
    service::location_service locations(sandbox_catalogue());
    const std::vector<std::string> queries{"bandung", "moyo hulu", "40614", "jakarta selatan", "kab", "sumbawa"};
    std::size_t i = 0, found = 0;
    for (auto _ : state) found += locations.search(queries[i++ % queries.size()]).size();
    state.counters["results/query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DestinationSearch)->Unit(benchmark::kMicrosecond);

void BM_EncodeTheTariffExample(benchmark::State& state) {
    api::price_list prices(8, api::price{"JAKARTA", "BANDUNG", "REG", "REG19", "Document/Paket", "IDR", 12000, 1, 2});
    std::string body;
    for (auto _ : state) {
        body.clear();
        wire::encode_prices(body, prices);
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(BM_EncodeTheTariffExample);

}  // namespace

BENCHMARK_MAIN();
