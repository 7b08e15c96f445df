#include "sandbox/seed.hpp"

#include "service/catalogue_csv.hpp"

#include <fstream>
#include <stdexcept>

namespace jne::sandbox {

namespace {

// The original document's tracking example, as the shipment and scans it shows.
void seed_example_shipment(store::shipment_store& shipments) {
    // Looked for inside the batch: servers starting together on one database seed it once.
    auto batch = shipments.begin_writes();
    if (batch->find_shipment(example_airwaybill)) return;
    auto at = [](const char* wib) { return *core::parse_time(wib); };
    core::shipment s;
    s.airwaybill = example_airwaybill;
    s.account = std::string(test_username);
    s.order_id = "DOCUMENT-EXAMPLE";
    s.origin = "TGR10000";
    s.origin_name = "TANGERANG";
    s.destination = "AMI20508";
    s.destination_name = "MOYOHULU,SUMBAWABESAR";  // JNE's own spelling in the example
    s.service_code = "REG19";
    s.service_display = "REG";
    s.branch = "TGR000";
    s.customer_number = "80519800";
    s.shipper = {"LEVI.CO.ID - LEVI'S OFFICI",
                 "TAMAN TEKNO BSD BLOK D2TANGERA",
                 "NG SELATAN, SETU, SETU",
                 "",
                 "TANGERANG",
                 "",
                 "",
                 "",
                 "",
                 ""};
    s.receiver = {"AHMAD YANI YANI",
                  "SUMBAWA, MOYO HULU",
                  "",
                  "",
                  "MOYOHULU,SUMBAWABESA",
                  "",
                  "",
                  "",
                  "",
                  ""};
    s.quantity = "1";
    s.weight = core::grams{1000};
    s.goods_description = "-";
    s.goods_type = "2";
    s.cost = {55000, 55000, 0, 0};
    s.created_at = at("2022-01-09T01:26:16+07:00");
    const core::scan_event events[] = {
        {"", s.airwaybill, "OP1", at("09-01-2022 01:18"), "TANGERANG", "", ""},
        {"", s.airwaybill, "RC1", at("09-01-2022 01:26"), "TANGERANG", "", ""},
        {"", s.airwaybill, "OP2", at("09-01-2022 04:08"), "TANGERANG, OTB LEGUTI", "", ""},
        {"", s.airwaybill, "TP4", at("09-01-2022 12:35"), "GATEWAY , JAKARTA", "", ""},
        {"", s.airwaybill, "IP1", at("10-01-2022 11:14"), "JL AMIR HAMZAH 102 (INBOUND)", "", ""},
        {"", s.airwaybill, "IP3", at("11-01-2022 08:19"), "MATARAM", "", ""},
        {"", s.airwaybill, "D01", at("11-01-2022 10:32"), "SUMBAWA BESAR", "A YANI", ""},
    };
    batch->insert_shipment(s);
    for (const auto& e : events) batch->insert_event(e);
    batch->commit();
}

}  // namespace

void seed(store::catalogue_store& catalogue, store::shipment_store& shipments,
          service::account_service& accounts, const std::filesystem::path& data_dir) {
    using store::catalogue_kind;
    if (catalogue.count(catalogue_kind::locations) == 0) {
        // Tariffs last: their rows are checked against everything else.
        const std::pair<catalogue_kind, const char*> files[] = {
            {catalogue_kind::hubs, "hubs.csv"},
            {catalogue_kind::services, "services.csv"},
            {catalogue_kind::origins, "origins.csv"},
            {catalogue_kind::branches, "branches.csv"},
            {catalogue_kind::locations, "destinations.csv"},
            {catalogue_kind::tariffs, "tariffs.csv"},
        };
        for (const auto& [kind, name] : files) {
            std::ifstream in(data_dir / name, std::ios::binary);
            if (!in)
                throw std::runtime_error("cannot read sandbox catalogue file " +
                                         (data_dir / name).string());
            auto report = service::import_catalogue(catalogue, kind, in);
            if (!report)
                throw std::runtime_error("sandbox catalogue file " + std::string(name) + ": " +
                                         report.error().reason);
        }
    }
    core::account test;
    test.username = test_username;
    test.role = core::role::merchant;
    test.customer_numbers = {"TESTAKUN", "10950700", "80519800"};
    test.branches = {"CGK000"};
    test.service_codes = core::service_year::jne2019;
    core::account today = test;
    accounts.ensure(std::move(test), test_api_key);
    today.username = test_2023_username;
    today.service_codes = core::service_year::jne2023;
    accounts.ensure(std::move(today), test_2023_api_key);
    seed_example_shipment(shipments);
}

}  // namespace jne::sandbox
