// Labels over HTTP: POST /tracing/api/label/{AWB} on a real server, read by curl, by the
// client library and by the jne tool; every barcode read back with zbar.
#include "client/client.hpp"
#include "support/barcodes.hpp"
#include "support/requests.hpp"
#include "support/shared_server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

using namespace jne;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

namespace {

struct Labels : test::shared_server<Labels> {
    static std::vector<std::string> server_arguments() {
        return {"--sandbox-speed", "0.001", "--public-url", "https://track.example.id/"};
    }
    client::client api{{server->base_url(), "TESTAPI", test::sandbox_key}};
    test::temp_dir dir;

    std::string ship(const std::string& order, bool cod = false) {
        auto request = test::example_generatecnote(order);
        if (cod) request.cod = true, request.cod_amount = 125'000;
        auto created = api.generatecnote(request);
        EXPECT_TRUE(created.has_value());
        return created ? created->airwaybill : std::string();
    }

    static std::string unique(const std::string& prefix) {
        static std::atomic<int> n{0};  // called from several threads
        return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
    }

    // The answer's head and body as curl saw them.
    std::pair<std::string, std::string> curl(const std::string& target, const std::string& body) {
        const auto head = (dir / "head.txt").string(), out = (dir / "body.bin").string();
        const auto r = test::run_command(
            {"curl", "-s", "-D", head, "-o", out, "--data", body, server->base_url() + target});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return {read(head), read(out)};
    }

    static std::string read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    int pages(const std::string& pdf) {
        const auto path = (dir / "labels.pdf").string();
        std::ofstream(path, std::ios::binary) << pdf;
        const auto r = test::run_command({"pdfinfo", path});
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);)
            if (line.starts_with("Pages:")) return std::stoi(line.substr(6));
        return 0;
    }
};

const std::string credentials = "username=TESTAPI&api_key=" + std::string(test::sandbox_key);

}  // namespace

TEST_F(Labels, APdfByDefaultWithItsContentType) {
    const std::string awb = ship(unique("L"));
    const auto [head, body] = curl("/tracing/api/label/" + awb, credentials);
    EXPECT_THAT(head, HasSubstr("HTTP/1.1 200"));
    EXPECT_THAT(head, HasSubstr("Content-Type: application/pdf"));
    EXPECT_TRUE(body.starts_with("%PDF-")) << body.substr(0, 200);
    EXPECT_EQ(pages(body), 1);
}

TEST_F(Labels, APngScansAsTheShipmentsAirwaybillOrderIdAndTrackingLink) {
    const std::string order = unique("P");
    const std::string awb = ship(order, true);
    const auto [head, body] = curl("/tracing/api/label/" + awb, credentials + "&format=png");
    EXPECT_THAT(head, HasSubstr("Content-Type: image/png"));
    EXPECT_THAT(head, ::testing::Not(HasSubstr("Content-Encoding")));
    const auto found = test::read_barcodes(body);
    EXPECT_THAT(test::data_of(found, "CODE-128"), UnorderedElementsAre(awb, order));
    EXPECT_THAT(test::data_of(found, "QR-Code"),
                ElementsAre("https://track.example.id/track/" + awb));
}

TEST_F(Labels, ZplIsTextForTheZebra) {
    const std::string awb = ship(unique("Z"));
    const auto [head, body] =
        curl("/tracing/api/label/" + awb, credentials + "&format=zpl&size=a6");
    EXPECT_THAT(head, HasSubstr("Content-Type: text/plain; charset=utf-8"));
    EXPECT_TRUE(body.starts_with("^XA"));
    EXPECT_THAT(body, HasSubstr("^FD" + awb + "^FS"));
    EXPECT_THAT(body, HasSubstr("^PW839"));  // A6: 105 mm at 203 dpi
}

TEST_F(Labels, SeveralAirwaybillsGiveOnePdfWithAPageEach) {
    const std::string a = ship(unique("S")), b = ship(unique("S")), c = ship(unique("S"));
    // In the path, comma-separated; in the body, repeated or comma-separated; each once.
    const auto [head, body] = curl("/tracing/api/label/" + a + "," + b,
                                   credentials + "&awb=" + c + "&awb=" + a + "," + b);
    EXPECT_EQ(pages(body), 3);
    api::label_request request{{a, b, c}};
    auto file = api.label(request);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_EQ(pages(file->bytes), 3);
}

TEST_F(Labels, ByTheMerchantsOwnOrderIdToo) {
    const std::string order = unique("O");
    const std::string awb = ship(order);
    api::label_request request{{order}, api::label_format::png};
    auto file = api.label(request);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_THAT(test::data_of(test::read_barcodes(file->bytes), "CODE-128"),
                UnorderedElementsAre(awb, order));
}

TEST_F(Labels, UnknownAndOthersAirwaybillsAnswerAsTrackingDoes) {
    const auto [head, body] = curl("/tracing/api/label/8800000000000000", credentials);
    EXPECT_THAT(head, HasSubstr("Content-Type: application/json"));
    EXPECT_EQ(body, R"({"error":"Cnote No. Not Found.","status":false})");
    EXPECT_EQ(curl("/tracing/api/label/5403212200022725", credentials).second,  // check digit
              R"({"error":"Cnote No. Not Found.","status":false})");

    const std::string awb = ship(unique("N"));
    const std::string user = unique("other");
    client::client stranger({server->base_url(), user, test::add_account(*server, {user})});
    auto refused = stranger.label({{awb}});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().failure.code, api::error::not_your_cnote);
    EXPECT_EQ(refused.error().message, "Sorry This is not your cnote.");
    // One unknown airwaybill among the caller's own refuses the whole batch.
    EXPECT_EQ(api.label({{awb, "8800000000000000"}}).error().failure.code,
              api::error::cnote_not_found);

    EXPECT_EQ(curl("/tracing/api/label/" + awb, "username=TESTAPI&api_key=wrong").second,
              R"({"error":"Username Or API KEY Not Found.","status":false})");
}

TEST_F(Labels, BadChoicesAreRefusedInJnesShape) {
    const std::string awb = ship(unique("B"));
    EXPECT_EQ(curl("/tracing/api/label/" + awb, credentials + "&format=bmp").second,
              R"({"error":"format must be one of pdf png zpl","status":false})");
    EXPECT_EQ(curl("/tracing/api/label/" + awb, credentials + "&size=a4").second,
              R"({"error":"size must be one of 100x150 a6","status":false})");
    EXPECT_EQ(
        curl("/tracing/api/label/" + awb + ",5403212200022724", credentials + "&format=png").second,
        R"({"error":"A PNG holds one label: ask for pdf or zpl to print several.","status":false})");
    std::string many = credentials;
    for (int i = 0; i < 501; ++i) many += "&awb=" + std::to_string(1000 + i);
    EXPECT_EQ(curl("/tracing/api/label/" + awb, many).second,
              R"({"error":"A label request names 1 to 500 airwaybills.","status":false})");
}

TEST_F(Labels, TheJneToolWritesTheFile) {
    const std::string order = unique("T");
    const std::string awb = ship(order);
    const auto png = (dir / "label.png").string();
    const auto r =
        test::run_command({JNE_CLI_BINARY, "--base-url", server->base_url(), "--username",
                           "TESTAPI", "--api-key", test::sandbox_key, "label", awb, "-o", png});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find(':')), png);
    EXPECT_THAT(test::data_of(test::read_barcodes(read(png)), "CODE-128"),
                UnorderedElementsAre(awb, order));

    const auto zpl = test::run_command({JNE_CLI_BINARY, "--base-url", server->base_url(),
                                        "--username", "TESTAPI", "--api-key", test::sandbox_key,
                                        "label", awb, "--format", "zpl", "-o", "-"});
    ASSERT_EQ(zpl.exit_code, 0) << zpl.err;
    EXPECT_TRUE(zpl.out.starts_with("^XA"));

    const auto unknown =
        test::run_command({JNE_CLI_BINARY, "--base-url", server->base_url(), "--username",
                           "TESTAPI", "--api-key", test::sandbox_key, "label", "8800000000000000"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_THAT(unknown.err, HasSubstr("Cnote No. Not Found."));
}

TEST_F(Labels, OneMerchantsLabelIsDrawnWhileAnothersFloodIsStillDrawing) {
    const std::string user = unique("small-shop");
    client::client small({server->base_url(), user, test::add_account(*server, {user})});
    auto created = small.generatecnote(test::example_generatecnote(unique("SMALL")));
    ASSERT_TRUE(created.has_value()) << created.error().message;

    // TESTAPI prints six batches of 500 labels at once (0.6 to 1.7 s each to draw); one thread
    // drawing the oldest first kept the small shop waiting for several of them.
    std::vector<std::string> batch(500);
    std::vector<std::thread> shipping;
    for (int t = 0; t < 10; ++t)
        shipping.emplace_back([&, t] {
            client::client own({server->base_url(), "TESTAPI", test::sandbox_key});
            for (int i = t; i < 500; i += 10) {
                auto made = own.generatecnote(test::example_generatecnote(unique("FLOOD")));
                if (made) batch[static_cast<std::size_t>(i)] = made->airwaybill;
            }
        });
    for (auto& t : shipping) t.join();
    ASSERT_EQ(std::count(batch.begin(), batch.end(), std::string()), 0);
    std::vector<std::thread> flood;
    std::atomic<int> printed{0};
    for (int i = 0; i < 6; ++i)
        flood.emplace_back([&] {
            client::options o{server->base_url(), "TESTAPI", test::sandbox_key};
            o.request_timeout = std::chrono::milliseconds(120'000);
            client::client own(o);
            if (own.label({batch}).has_value()) ++printed;
        });
    // Every batch is in the label pool before the small shop asks.
    EXPECT_EQ(test::metric_when(*server, "jne_label_jobs", [](double v) { return v >= 6; }), 6.0);
    auto label = small.label({{created->airwaybill}});
    // Drawn beside the flood, not behind any of it: no batch of the flood was done yet.
    const int printed_before = printed.load();
    for (auto& t : flood) t.join();
    ASSERT_TRUE(label.has_value()) << label.error().message;
    EXPECT_EQ(printed, 6);
    EXPECT_EQ(printed_before, 0);
}
