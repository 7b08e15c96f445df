// Shipping labels: one label in each format, and a day's batch (500 labels) as one PDF, drawn
// as the server draws them (layout, zint's barcodes, cairo). Labels per second are the
// "items" column; bench/run runs it after the HTTP table.
#include "label/render.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

using namespace jne;

namespace {

label::content shipment(int n) {
    label::content c;
    c.airwaybill = std::to_string(8800000000000000LL + n);
    c.order_id = "INV-2026-" + std::to_string(100000 + n);
    c.origin = "CGK10000";
    c.origin_name = "JAKARTA";
    c.destination = "BDO10000";
    c.destination_name = "BANDUNG";
    c.service = "REG";
    c.weight = "1.5 kg";
    c.quantity = "2";
    c.cod = label::rupiah(785000);
    c.insured = true;
    c.shipper_name = "TOKO BATIK SARI";
    c.shipper_address = "JL. KEBON JERUK RAYA NO 27, KEBON JERUK, JAKARTA 11530";
    c.shipper_phone = "+6281234567890";
    c.receiver_name = "SITI RAHAYU";
    c.receiver_address = "JL. DAGO ASRI II NO 14, DAGO, COBLONG, BANDUNG 40135";
    c.receiver_phone = "+6285712345678";
    c.goods = "KAIN BATIK TULIS 2 LEMBAR";
    c.date = "30-11-2026";
    c.tracking_link = "https://jne.example.id/track/" + c.airwaybill;
    return c;
}

void one_label(benchmark::State& state, api::label_format format) {
    const std::vector<label::content> labels{shipment(1)};
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string out = label::render(labels, format, api::label_size::thermal_100x150);
        bytes = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["bytes"] = static_cast<double>(bytes);
}

void batch_pdf(benchmark::State& state) {
    std::vector<label::content> labels;
    for (int i = 0; i < state.range(0); ++i) labels.push_back(shipment(i));
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string out = label::render_pdf(labels, api::label_size::thermal_100x150);
        bytes = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.counters["bytes"] = static_cast<double>(bytes);
}

}  // namespace

BENCHMARK_CAPTURE(one_label, pdf, api::label_format::pdf)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_label, png, api::label_format::png)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_label, zpl, api::label_format::zpl)->Unit(benchmark::kMillisecond);
BENCHMARK(batch_pdf)->Arg(500)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
