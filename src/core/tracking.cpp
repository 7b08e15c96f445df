#include "core/tracking.hpp"

#include <algorithm>
#include <array>

namespace jne::core {

namespace {

using st = stage;

using grp = merchant_group;
using row = status_code;

// JNE's codes as data/jne/status-codes.csv lists them (a test holds the two equal): JNE's
// description with the bracketed place, the merchant group, and the stage that group means,
// refined where the state machine needs more (REQ orders; MP, PR1 a failed pickup; IP3, BI3 out
// for delivery; U05, U09, U23, KR*, NT failed attempts; WH5, CR5, HL*, X* holds; D15, D16 a
// completed return). pod_status and the Status V2 status follow the stage; pickups push
// SUCCESS PICKUP. Deliveries use the document's D01 line.
// clang-format off
constexpr std::array codes{
    row{"102", "CLEARANCE PROCESS [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"305", "DIBUTUHKAN DOKUMEN PENDUKUNG DARI PENERIMA [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"307", "WAJIB DILAKUKAN PEMERIKSAAN FISIK OLEH BEA CUKAI [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"403", "DISETUJUI PENGELUARAN OLEH BEA CUKAI [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"914", "DITETAPKAN OLEH PEJABAT BEA CUKAI SEBAGAI BADAN USAHA, HARGA BARANG MELEBIHI USD 1,500 [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"915", "NILAI FOB YANG DITETAPKAN OLEH PEJABAT BEA CUKAI TIDAK MEMENUHI KRITERIA UNTUK DIAJUKAN SEBAGAI CN H. [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"BI1", "RECEIVED AT WAREHOUSE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"BI2", "RECEIVED AT INBOUND STATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"BI3", "WITH DELIVERY COURIER [{place}]", grp::in_process, st::with_courier, "ON PROCESS", "SHIPPED", ""},
    row{"CR1", "RETURN ORIGIN [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"CR2", "SHIPMENT CANCELED AS SHIPPERS REQUEST [{place}]", grp::cancelled, st::cancelled, "CANCELLED", "", ""},
    row{"CR3", "SHIPMENT PICKED UP BY CONSIGNEE AS REQUESTED BY SHIPPER/CONSIGNEE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"CR5", "SHIPMENT BEING HELD AS SHIPPERS REQUEST [{place}]", grp::in_process, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"CR6", "UNDELIVERY [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"CR7", "RETURN SHIPMENT BEING HELD AT ORIGIN [{place}]", grp::returned_problem, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"CR8", "RETURN TO MARKETPLACE [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"D01", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", "YANG BERSANGKUTAN"},
    row{"D02", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D03", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D04", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D05", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D06", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D07", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D08", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D09", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", "KELUARGA/SAUDARA"},
    row{"D10", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D11", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D12", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"D15", "RETURN [{receiver} | {date} | {place} ]", grp::returned, st::returned, "RETURNED", "RETURN TO SHIPPER", ""},
    row{"D16", "RETURN [{receiver} | {date} | {place} ]", grp::returned, st::returned, "RETURNED", "RETURN TO SHIPPER", ""},
    row{"DB1", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"DB2", "DELIVERED TO [{receiver} | {date} | {place} ]", grp::delivered, st::delivered, "DELIVERED", "DELIVERED", ""},
    row{"DP3", "TIDAK MASUK AREA LAYANAN YES (OUT OF YES AREA) [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"DP4", "PERUBAHAN ALAMAT PENERIMA [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"DP5", "COURIER ACCIDENT [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"F05", "CANCEL ORDER [{place}]", grp::cancelled, st::cancelled, "CANCELLED", "", ""},
    row{"F06", "FORCE MAJEURE [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"FOM", "AKSES JALAN TIDAK BISA DILALUI KARENA FORCE MAJEUR [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"HL1", "SHIPMENT IS BEING HELD DUE TO MISMATCH DATA [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"HL2", "HOLD - TIDAK LOLOS X-RAY [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"HL3", "WAITING FOR NEXT DEPARTURE SCHEDULE TO FINAL DESTINATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"HL4", "HOLD - MENUNGGU PEMBAYARAN COD [{place}]", grp::in_process, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"IP1", "RECEIVED AT WAREHOUSE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"IP2", "RECEIVED AT INBOUND STATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"IP3", "WITH DELIVERY COURIER [{place}]", grp::in_process, st::with_courier, "ON PROCESS", "SHIPPED", ""},
    row{"KRK", "KANTOR/RUMAH KOSONG [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"KRP", "KANTOR/RUMAH PINDAH ALAMAT [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"KRT", "KANTOR TUTUP [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"MP", "MISSED PICKUP [{place}]", grp::in_process, st::pickup_failed, "PICKUP FAILED", "FAILED PICKUP", ""},
    row{"NT", "NOT TIME DELIVERY [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"OC", "DESTINATION CORRECTION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OMX", "PROCESSED AT SORTING CENTER [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OP1", "RECEIVED AT SORTING CENTER [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OP2", "PROCESSED AT SORTING CENTER [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OP3", "SHIPMENT FORWARDED FROM TRANSIT CITY TO DESTINATION CITY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OP4", "SHIPMENT FORWARDED FROM TRANSIT CITY TO DESTINATION CITY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OPX", "RECEIVED AT SORTING CENTER [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"OS", "OUT OF YES SERVICE AREA [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"PR1", "KIRIMAN BELUM SIAP DAN TIDAK BISA DI PICK UP [{place}]", grp::in_process, st::pickup_failed, "PICKUP FAILED", "FAILED PICKUP", ""},
    row{"PR2", "TIDAK ADA PENGIRIMAN PAKET [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"PS1", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"PS2", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"PS3", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"PS4", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"PU0", "SHIPMENT PICKED UP BY JNE COURIER [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SUCCESS PICKUP", ""},
    row{"PU1", "PICKED UP BY COURIER [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SUCCESS PICKUP", ""},
    row{"PU2", "SHIPMENT PICKED UP BY COURIER WITHOUT CONNOTE (ONLY APPLY FOR CORPPORATE CUSTOMERS) [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SUCCESS PICKUP", ""},
    row{"R01", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R02", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R03", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R04", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R05", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R06", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R07", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R08", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R09", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R10", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R11", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R12", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R13", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R14", "CHANGE SCHEDULE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"R24", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R25", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"R26", "RETURN SHIPMENT TO [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"RC1", "SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SUCCESS PICKUP", ""},
    row{"RC2", "SHIPMENT RECEIVED AT JNE ORIGIN OPERATIONAL OFFICE (ONLY APPLY FOR PROJECTS SHIPMENT) [{place}]", grp::returned, st::returning, "RETURN TO SHIPPER", "RETURN TO SHIPPER", ""},
    row{"REQ", "PICK UP REQUEST [{place}]", grp::in_process, st::ordered, "MANIFESTED", "", ""},
    row{"S01", "PICK UP SUCCESS [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SUCCESS PICKUP", ""},
    row{"T01", "SHIPMENT ALREADY UPLOADED, BUT UNLOADED DUE TO CERTAIN REASON [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T02", "SHIPMENT CAN NOT BE LOADED DUE TO CARRIER ALREADY OVER CAPACITY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T03", "SHIPMENT BEING HELD AT TRANSIT CITY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T04", "SHIPPING ACTIVITY SUSPENDED TEMPORARY FOR CERTAIN REASON (BY REGULATION) [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T05", "SHIPMENT CARRIED OVER TO OTHER AIPORT DUE TO TECHNICAL PROBLEM [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T06", "DEPARTURE SCHEDULE BEING CANCELLED [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T07", "AIRPLANE RETURN TO BASE DUE TO CERTAIN REASON (SAFETY,BAD WEATHER,ETC) [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T08", "AIRPLANE DIVERTED NOT TO DESTINATION AIRPORT, DUE TO CERTAIN REASON (SAFETY,BAD WEATHER,ETC) [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T09", "DELAY OF SCHEDULE DEPARTURE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T10", "MISROUTE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T11", "TRANSPORTATION MODES BACK TO ORIGIN STATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T12", "SWITCH OF DESTINATION TO ANOTHER STATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T13", "DELAY OF CARRIER DEPARTURE SCHEDULE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"T14", "CHANGE OR CARRIER DEPARTURE SCHEDULE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"TP1", "RECEIVED AT ORIGIN GATEWAY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"TP2", "DEPARTED FROM ORIGIN GATEWAY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"TP3", "RECEIVED AT TRANSIT [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"TP4", "DEPARTED FROM TRANSIT [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"TP5", "RECEIVED AT DESTINATION GATEWAY [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"U01", "INCOMPLETE CONSIGNEE ADDRESS [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U02", "COMPLETE ADDRESS, BUT CONSIGNEE UNKNOWN [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U03", "HOME/OFFICE ADDRESS ALREADY MATCH,BUT CONSIGNEE MOVED [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U04", "UNABLE TO DELIVER [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U05", "NOBODY AT HOME / OFFICE TO RECEIVE SHIPMENT [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U06", "CONSIGNEE REFUSE TO RECEIVE SHIPMENT [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U07", "NOT INHABITED [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U08", "CONSIGNEE REFUSE TO PAY COD SHIPMENT/SHIPMENT FEE [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U09", "OFFICE CLOSED DURING WEEKEND/NATIONAL HOLIDAY [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U10", "NO ACCESS DUE TO FORCE MAJEURE [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U11", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U12", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U13", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U14", "SHIPMENT PROBLEM [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U21", "RECIPIENTS REFUSED TO RECEIVE COD SHIPMENT (NOT ORDER) [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U22", "CLOSED/NOT AVAILABLE (COD SHIPMENT) [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U23", "CLOSED ON WEEKEND (COD SHIPMENT) [{place}]", grp::in_process, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"U24", "WAITING FOR COD AMOUNT CONFIRMATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"U25", "WAITING COD PAYMENT FROM CONSIGNEE [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"UB1", "LOCKER POP BOX FULL [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"UB2", "OVER 3 DAYS IN LOCKER BOX [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"WH1", "RECEIVED AT UNDEL WAREHOUSE DESTINATION [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"WH2", "RECEIVED AT UNDEL DESTINATION TO RETURN PROCESS [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"WH3", "RECEIVED AT UNDEL DESTINATION TO REDELIVERY PROCESS [{place}]", grp::in_process, st::in_network, "ON PROCESS", "SHIPPED", ""},
    row{"WH4", "DESTROY SHIPMENT [{place}]", grp::problem, st::delivery_failed, "UNDELIVERED", "SHIPMENT PROBLEM", ""},
    row{"WH5", "RECEIVED AT WAREHOUSE HOLD DESTINATION [{place}]", grp::in_process, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X1", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK DANGEROUS GOODS [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X10", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK -DOCUMENTS ARE NOT COMPLETE [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X2", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-LIVE ANIMAL [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X31", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-PERISHABLE [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X32", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-PERISHABLE [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X4", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-HUMAN REMAINS [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X5", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK-VALUABLE GOODS [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X6", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK-STRONGLY SMELLING GOODS [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X71", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-LIVE PLANT [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X72", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-LIVE PLANT [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X8", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK SPECIAL CARGO-SWALLOW BIRD NEST [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
    row{"X9", "SHIPMENT BEING HELD DUE TO DID NOT PASS X-RAY CHECK -FORBIDDEN [{place}]", grp::problem, st::held, "ON HOLD", "SHIPMENT PROBLEM", ""},
};
// clang-format on

bool final_stage(stage x) { return x == st::delivered || x == st::returned || x == st::cancelled; }

void replace_all(std::string& text, std::string_view what, std::string_view with) {
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size())
        text.replace(at, what.size(), with);
}

stage stage_of(const scan_event& e) {
    const status_code* c = find_status(e.code);
    return c != nullptr ? c->stage : st::in_network;
}

}  // namespace

std::string_view stage_name(stage s) {
    switch (s) {
        case st::ordered:
            return "ordered";
        case st::pickup_failed:
            return "pickup_failed";
        case st::in_network:
            return "in_network";
        case st::with_courier:
            return "with_courier";
        case st::delivery_failed:
            return "delivery_failed";
        case st::held:
            return "held";
        case st::returning:
            return "returning";
        case st::delivered:
            return "delivered";
        case st::returned:
            return "returned";
        case st::cancelled:
            return "cancelled";
    }
    return "in_network";
}

std::span<const status_code> status_codes() { return codes; }

static_assert(std::is_sorted(codes.begin(), codes.end(),
                             [](const row& a, const row& b) { return a.code < b.code; }),
              "the table is in the CSV's order, by code: find_status searches it by halves");

const status_code* find_status(std::string_view code) {
    const auto at = std::lower_bound(codes.begin(), codes.end(), code,
                                     [](const row& c, std::string_view x) { return c.code < x; });
    return at != codes.end() && at->code == code ? &*at : nullptr;
}

std::string describe(const scan_event& e) {
    const status_code* c = find_status(e.code);
    std::string text(c != nullptr ? c->text : std::string_view("{place}"));
    replace_all(text, "{receiver}", e.receiver);
    replace_all(text, "{date}", format_wib_short(e.at));
    replace_all(text, "{place}", e.place);
    replace_all(text, "{note}", e.note);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

std::optional<api::problem> refuse_transition(std::span<const scan_event> history,
                                              const scan_event& next) {
    using p = api::problem;
    const status_code* code = find_status(next.code);
    if (code == nullptr) return p::unknown_status_code;
    bool scanned = false, returning = false, cancelled = false;
    std::optional<unix_seconds> final_at;
    for (const scan_event& e : history) {
        const stage now = stage_of(e);
        cancelled |= now == st::cancelled;
        returning |= now == st::returning;
        scanned |= now != st::ordered && now != st::pickup_failed;
        if (final_stage(now)) final_at = e.at;
    }
    if (cancelled) return p::already_cancelled;
    if (code->stage == st::cancelled) {
        if (scanned) return p::already_in_network;
        return std::nullopt;
    }
    if (code->stage == st::ordered) return p::already_ordered;
    if (code->stage == st::pickup_failed && scanned) return p::already_picked_up;
    if (final_at && (final_stage(code->stage) || next.at >= *final_at)) return p::already_final;
    if (code->stage == st::delivered && returning) return p::being_returned;
    if (code->stage == st::returned && !returning) return p::return_not_started;
    if ((code->stage == st::delivered || code->stage == st::returned) && next.receiver.empty())
        return p::receiver_missing;
    return std::nullopt;
}

std::optional<std::string_view> status_v2_change(std::span<const scan_event> history,
                                                 const scan_event& next) {
    const status_code* code = find_status(next.code);
    if (code == nullptr || code->status_v2.empty()) return std::nullopt;
    const scan_event* latest = nullptr;
    for (const scan_event& e : history)
        if (latest == nullptr || e.at >= latest->at) latest = &e;
    if (latest != nullptr && next.at < latest->at) return std::nullopt;
    const bool news = code->stage == st::pickup_failed || code->stage == st::delivery_failed ||
                      code->stage == st::held || code->stage == st::returning ||
                      code->stage == st::returned;
    if (news) return code->status_v2;
    // On its way back the parcel stays RETURN TO SHIPPER whatever it is scanned as.
    if (std::any_of(history.begin(), history.end(),
                    [](const scan_event& e) { return stage_of(e) == st::returning; }))
        return std::nullopt;
    // The status before: the latest pushed status in time order.
    std::string_view before;
    unix_seconds before_at = 0;
    for (const scan_event& e : history) {
        const status_code* c = find_status(e.code);
        if (c != nullptr && !c->status_v2.empty() && (before.empty() || e.at >= before_at)) {
            before = c->status_v2;
            before_at = e.at;
        }
    }
    if (before == code->status_v2) return std::nullopt;
    return code->status_v2;
}

tracking_state derive_state(std::vector<scan_event>& history) {
    std::stable_sort(history.begin(), history.end(),
                     [](const scan_event& a, const scan_event& b) { return a.at < b.at; });
    tracking_state state;
    for (const scan_event& e : history) {
        const status_code* c = find_status(e.code);
        if (c == nullptr) continue;
        // A late scan (older than the final one) joins the history but does not undo the outcome.
        if (final_stage(state.stage) && !final_stage(c->stage)) continue;
        state.pod_status = c->pod_status;
        state.stage = c->stage;
        if (c->stage == st::delivered) state.delivery = &e;
        if (final_stage(c->stage)) state.final_event = &e;
    }
    if (!history.empty()) state.last_status = describe(history.back());
    return state;
}

}  // namespace jne::core
