#include "metrics/metrics.hpp"

#include "cache/usage.hpp"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <map>
#include <mutex>
#include <sstream>
#include <tuple>

namespace jne::metrics {

namespace {

double seconds(std::chrono::steady_clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

// A latency's buckets: from a cached answer (tens of microseconds) to a slow commit.
const prometheus::Histogram::BucketBoundaries& latency_buckets() {
    static const prometheus::Histogram::BucketBoundaries b{
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    return b;
}

// The families read at scrape time, as prometheus-cpp collects them.
class pulled final : public prometheus::Collectable {
public:
    void add(pulled_family f) {
        std::lock_guard lock(mutex_);
        families_.push_back(std::move(f));
    }
    std::vector<prometheus::MetricFamily> Collect() const override {
        std::lock_guard lock(mutex_);
        std::vector<prometheus::MetricFamily> out;
        for (const pulled_family& f : families_) {
            prometheus::MetricFamily family{
                f.name,
                f.help,
                f.counter ? prometheus::MetricType::Counter : prometheus::MetricType::Gauge,
                {}};
            for (const sample& s : f.read()) {
                prometheus::ClientMetric m;
                for (const auto& [name, value] : s.labels) m.label.push_back({name, value});
                (f.counter ? m.counter.value : m.gauge.value) = s.value;
                family.metric.push_back(std::move(m));
            }
            out.push_back(std::move(family));
        }
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::vector<pulled_family> families_;
};

}  // namespace

struct server_metrics::impl {
    std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
    std::shared_ptr<pulled> read_at_scrape = std::make_shared<pulled>();
    prometheus::Family<prometheus::Counter>& requests =
        prometheus::BuildCounter()
            .Name("jne_http_requests_total")
            .Help("Requests answered, by method, route and HTTP status")
            .Register(*registry);
    prometheus::Family<prometheus::Histogram>& latency =
        prometheus::BuildHistogram()
            .Name("jne_http_request_duration_seconds")
            .Help("Time from a request's last byte read to its answer, by route")
            .Register(*registry);
    prometheus::Gauge& connections = prometheus::BuildGauge()
                                         .Name("jne_http_open_connections")
                                         .Help("Client connections open now")
                                         .Register(*registry)
                                         .Add({});
    prometheus::Family<prometheus::Counter>& auth_failures =
        prometheus::BuildCounter()
            .Name("jne_auth_failures_total")
            .Help("Requests refused for missing or wrong credentials, by route")
            .Register(*registry);
    prometheus::Histogram& batch_size =
        prometheus::BuildHistogram()
            .Name("jne_write_batch_size")
            .Help("Writes per group commit")
            .Register(*registry)
            .Add({}, prometheus::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256});
    prometheus::Histogram& batch_duration =
        prometheus::BuildHistogram()
            .Name("jne_write_batch_duration_seconds")
            .Help("Time of a group commit, from its first write to its durable commit")
            .Register(*registry)
            .Add({}, latency_buckets());
    prometheus::Counter& batches_failed = prometheus::BuildCounter()
                                              .Name("jne_write_batches_failed_total")
                                              .Help("Group commits that failed and rolled back")
                                              .Register(*registry)
                                              .Add({});
    prometheus::Counter& batch_conflicts =
        prometheus::BuildCounter()
            .Name("jne_write_batch_conflicts_total")
            .Help(
                "Group commits rolled back because another process's took an order id first "
                "(their writes run again)")
            .Register(*registry)
            .Add({});

    // Each thread keeps the series it has used: Family::Add locks and hashes labels.
    using series_key = std::tuple<const void*, std::string, unsigned>;
    struct series {
        prometheus::Counter* count;
        prometheus::Histogram* time;
    };
    series& series_for(std::string_view method, std::string_view route, unsigned status) {
        thread_local std::map<std::pair<const impl*, series_key>, series> mine;
        const std::pair<const impl*, series_key> key{this,
                                                     {route.data(), std::string(method), status}};
        auto it = mine.find(key);
        if (it != mine.end()) return it->second;
        const std::string r(route);
        series s{&requests.Add({{"method", std::string(method)},
                                {"route", r},
                                {"status", std::to_string(status)}}),
                 &latency.Add({{"route", r}}, latency_buckets())};
        return mine.emplace(key, s).first->second;
    }
};

server_metrics::server_metrics() : impl_(std::make_unique<impl>()) {
    pull({"jne_cache_hits_total", "Answers found in a cache, by cache", true, [] {
              std::vector<sample> out;
              cache::for_each_usage([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.hits())});
              });
              return out;
          }});
    pull({"jne_cache_misses_total", "Answers a cache did not have, by cache", true, [] {
              std::vector<sample> out;
              cache::for_each_usage([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.misses())});
              });
              return out;
          }});
    pull({"jne_cache_bytes", "Bytes the answers in a cache hold, by cache", false, [] {
              std::vector<sample> out;
              cache::for_each_usage([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.held_bytes())});
              });
              return out;
          }});
    pull({"jne_cache_limit_bytes", "Bytes a cache may hold (its share of --cache-mb), by cache",
          false, [] {
              std::vector<sample> out;
              cache::for_each_usage([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.limit_bytes())});
              });
              return out;
          }});
}

server_metrics::~server_metrics() = default;

void server_metrics::answered(std::string_view method, std::string_view route, unsigned status,
                              std::chrono::steady_clock::duration took) {
    auto& s = impl_->series_for(method, route, status);
    s.count->Increment();
    s.time->Observe(seconds(took));
}

void server_metrics::connection_opened() { impl_->connections.Increment(); }
void server_metrics::connection_closed() { impl_->connections.Decrement(); }

void server_metrics::refused_credentials(std::string_view route) {
    impl_->auth_failures.Add({{"route", std::string(route)}}).Increment();
}

void server_metrics::batch(std::size_t writes, std::chrono::steady_clock::duration took,
                           store::batch_end end) {
    impl_->batch_size.Observe(static_cast<double>(writes));
    impl_->batch_duration.Observe(seconds(took));
    if (store::batch_failed(end)) impl_->batches_failed.Increment();
    if (end == store::batch_end::conflicted) impl_->batch_conflicts.Increment();
}

void server_metrics::pull(pulled_family family) { impl_->read_at_scrape->add(std::move(family)); }

std::string server_metrics::scrape() const {
    auto families = impl_->registry->Collect();
    for (auto& f : impl_->read_at_scrape->Collect()) families.push_back(std::move(f));
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, families);
    return out.str();
}

}  // namespace jne::metrics
