// The request series: each serving thread counts into its own, and a scrape sums them.
#include "metrics/metrics.hpp"

#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace jne;
using namespace std::chrono_literals;

namespace {

double value(const std::string& exposition, const std::string& series) {
    const auto found = test::metric(exposition, series);
    EXPECT_TRUE(found.has_value()) << series << "\n" << exposition;
    return found.value_or(-1);
}

// As the router hands them over: the same text at the same address for every request.
constexpr std::string_view pricedev = "/tracing/api/pricedev";
constexpr std::string_view cnote = "/tracing/api/list/v1/cnote/{airwaybill}";

}  // namespace

TEST(ServerMetrics, SumsTheAnswersOfEveryThreadWhileBeingScraped) {
    metrics::server_metrics m;
    constexpr int threads = 4, answers = 20'000;
    std::atomic<bool> done{false};
    std::thread scraper([&] {
        double last = 0;  // a counter read while it is being written never goes back
        while (!done) {
            const auto now = test::metric(
                m.scrape(),
                R"(jne_http_request_duration_seconds_count{route="/tracing/api/pricedev"})");
            if (now) {
                EXPECT_GE(*now, last);
                last = *now;
            }
        }
    });
    std::vector<std::thread> serving;
    for (int t = 0; t < threads; ++t)
        serving.emplace_back([&m] {
            for (int i = 0; i < answers; ++i) {
                m.answered("POST", pricedev, 200, 50us);                 // le="0.0001"
                if (i % 4 == 0) m.answered("POST", pricedev, 401, 3ms);  // le="0.005"
                if (i % 10 == 0) m.answered("GET", cnote, 200, 10s);     // past the last bound
            }
        });
    for (auto& t : serving) t.join();
    done = true;
    scraper.join();

    const std::string e = m.scrape();
    const double ok = threads * answers, refused = threads * answers / 4,
                 tracked = threads * answers / 10;
    EXPECT_EQ(
        value(
            e,
            R"(jne_http_requests_total{method="POST",route="/tracing/api/pricedev",status="200"})"),
        ok);
    EXPECT_EQ(
        value(
            e,
            R"(jne_http_requests_total{method="POST",route="/tracing/api/pricedev",status="401"})"),
        refused);
    EXPECT_EQ(
        value(
            e,
            R"(jne_http_requests_total{method="GET",route="/tracing/api/list/v1/cnote/{airwaybill}",status="200"})"),
        tracked);
    // The latency by route, every status together; buckets cumulative.
    const std::string bucket =
        R"(jne_http_request_duration_seconds_bucket{route="/tracing/api/pricedev",le=)";
    EXPECT_EQ(value(e, bucket + R"("0.0001"})"), ok);
    EXPECT_EQ(value(e, bucket + R"("0.0025"})"), ok);
    EXPECT_EQ(value(e, bucket + R"("0.005"})"), ok + refused);
    EXPECT_EQ(value(e, bucket + R"("+Inf"})"), ok + refused);
    EXPECT_EQ(value(e, R"(jne_http_request_duration_seconds_count{route="/tracing/api/pricedev"})"),
              ok + refused);
    EXPECT_NEAR(value(e, R"(jne_http_request_duration_seconds_sum{route="/tracing/api/pricedev"})"),
                ok * 50e-6 + refused * 3e-3, 1e-6);
    const std::string tracking =
        R"(jne_http_request_duration_seconds_bucket{route="/tracing/api/list/v1/cnote/{airwaybill}",le=)";
    EXPECT_EQ(value(e, tracking + R"("2.5"})"), 0);
    EXPECT_EQ(value(e, tracking + R"("+Inf"})"), tracked);
}

TEST(ServerMetrics, OneThreadServingTwoServersCountsEachOnlyInItsOwn) {
    const std::string series =
        R"(jne_http_requests_total{method="POST",route="/tracing/api/pricedev",status="200"})";
    metrics::server_metrics first;
    first.answered("POST", pricedev, 200, 1ms);
    {
        metrics::server_metrics second;
        second.answered("POST", pricedev, 200, 1ms);
        second.answered("POST", pricedev, 200, 1ms);
        EXPECT_EQ(value(second.scrape(), series), 2);
    }
    // A third made where the second was (its memory freed) starts from nothing.
    metrics::server_metrics third;
    EXPECT_FALSE(test::metric(third.scrape(), series).has_value());
    third.answered("POST", pricedev, 200, 1ms);
    EXPECT_EQ(value(third.scrape(), series), 1);
    EXPECT_EQ(value(first.scrape(), series), 1);
}
