#include "metrics/metrics.hpp"

#include "cache/usage.hpp"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
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

// A method as a label: from a fixed set, so that made-up methods (anyone may send one) do not each
// make a series kept for the life of the process.
std::string_view method_label(std::string_view method) {
    for (std::string_view known : {"GET", "HEAD", "POST"})
        if (method == known) return known;
    return "OTHER";
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

// Requests answered and their latency. Each serving thread counts into series of its own, summed
// when Prometheus scrapes: prometheus-cpp's Histogram takes a mutex in every Observe, and threads
// answering the same route took turns on it (one preempted while holding it put the other to
// sleep).
class request_series final : public prometheus::Collectable {
public:
    void observe(std::string_view method, std::string_view route, unsigned status, double seconds) {
        shard& own = mine();
        const series_key key{route.data(), method_label(method), status};
        auto it = own.series.find(key);  // only this thread changes its shard: no lock to read it
        if (it == own.series.end()) {
            const std::lock_guard lock(own.mutex);
            it = own.series.try_emplace(key, std::string(route)).first;
        }
        counts& c = it->second;
        const auto& bounds = latency_buckets();
        const auto bucket = static_cast<std::size_t>(
            std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
        add(c.in_bucket[bucket], std::uint64_t{1});
        add(c.seconds, seconds);
    }

    std::vector<prometheus::MetricFamily> Collect() const override {
        struct route_total {
            std::vector<std::uint64_t> in_bucket = std::vector<std::uint64_t>(bucket_count);
            double seconds = 0;
        };
        std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests;
        std::map<std::string, route_total> latency;
        {
            const std::lock_guard lock(mutex_);
            for (const auto& own : shards_) {
                const std::lock_guard shard_lock(own->mutex);
                for (const auto& [key, c] : own->series) {
                    route_total& t = latency[c.route];
                    std::uint64_t answered = 0;
                    for (std::size_t b = 0; b < bucket_count; ++b) {
                        const auto n = c.in_bucket[b].load(std::memory_order_relaxed);
                        t.in_bucket[b] += n;
                        answered += n;
                    }
                    t.seconds += c.seconds.load(std::memory_order_relaxed);
                    requests[{std::string(std::get<1>(key)), c.route, std::get<2>(key)}] +=
                        answered;
                }
            }
        }
        prometheus::MetricFamily counted{"jne_http_requests_total",
                                         "Requests answered, by method, route and HTTP status",
                                         prometheus::MetricType::Counter,
                                         {}};
        for (const auto& [key, n] : requests) {
            prometheus::ClientMetric m;
            m.label = {{"method", std::get<0>(key)},
                       {"route", std::get<1>(key)},
                       {"status", std::to_string(std::get<2>(key))}};
            m.counter.value = static_cast<double>(n);
            counted.metric.push_back(std::move(m));
        }
        prometheus::MetricFamily timed{
            "jne_http_request_duration_seconds",
            "Time from a request's last byte read to its answer, by route",
            prometheus::MetricType::Histogram,
            {}};
        const auto& bounds = latency_buckets();
        for (const auto& [route, t] : latency) {
            prometheus::ClientMetric m;
            m.label = {{"route", route}};
            std::uint64_t cumulative = 0;
            for (std::size_t b = 0; b < bucket_count; ++b) {
                cumulative += t.in_bucket[b];
                m.histogram.bucket.push_back(
                    {cumulative,
                     b < bounds.size() ? bounds[b] : std::numeric_limits<double>::infinity()});
            }
            m.histogram.sample_count = cumulative;
            m.histogram.sample_sum = t.seconds;
            timed.metric.push_back(std::move(m));
        }
        return {std::move(counted), std::move(timed)};
    }

private:
    static inline const std::size_t bucket_count = latency_buckets().size() + 1;  // and +Inf

    struct counts {
        explicit counts(std::string r) : route(std::move(r)) {}
        std::string route;
        std::vector<std::atomic<std::uint64_t>> in_bucket =
            std::vector<std::atomic<std::uint64_t>>(bucket_count);  // not cumulative
        std::atomic<double> seconds{0};
    };
    // The route by its text's address (the router's own strings), the method, the status.
    using series_key = std::tuple<const void*, std::string_view, unsigned>;  // method_label's
    struct shard {
        std::mutex mutex;  // held by its thread adding a series and by the scraper reading them
        std::map<series_key, counts> series;  // a map: the counts never move
    };

    // One writer per value: a load and a store, no atomic read-modify-write.
    template <class T>
    static void add(std::atomic<T>& value, T n) {
        value.store(value.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }

    shard& mine() {
        // By an id never reused, so a thread outliving one server's metrics never finds its
        // shard in another's.
        thread_local std::map<std::uint64_t, shard*> shards;
        auto it = shards.find(id_);
        if (it != shards.end()) return *it->second;
        const std::lock_guard lock(mutex_);
        shards_.push_back(std::make_unique<shard>());
        return *shards.emplace(id_, shards_.back().get()).first->second;
    }

    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> last{0};
        return ++last;
    }

    const std::uint64_t id_ = next_id();
    mutable std::mutex mutex_;  // shards_
    std::vector<std::unique_ptr<shard>> shards_;
};

}  // namespace

struct server_metrics::impl {
    std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
    std::shared_ptr<pulled> read_at_scrape = std::make_shared<pulled>();
    request_series requests;
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
};

server_metrics::server_metrics(const cache::usage_registry* caches)
    : impl_(std::make_unique<impl>()) {
    if (caches == nullptr) return;
    pull({"jne_cache_hits_total", "Answers found in a cache, by cache", true, [caches] {
              std::vector<sample> out;
              caches->for_each([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.hits())});
              });
              return out;
          }});
    pull({"jne_cache_misses_total", "Answers a cache did not have, by cache", true, [caches] {
              std::vector<sample> out;
              caches->for_each([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.misses())});
              });
              return out;
          }});
    pull({"jne_cache_bytes", "Bytes the answers in a cache hold, by cache", false, [caches] {
              std::vector<sample> out;
              caches->for_each([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.held_bytes())});
              });
              return out;
          }});
    pull({"jne_cache_limit_bytes", "Bytes a cache may hold (its share of --cache-mb), by cache",
          false, [caches] {
              std::vector<sample> out;
              caches->for_each([&](const std::string& name, const cache::usage& u) {
                  out.push_back({{{"cache", name}}, static_cast<double>(u.limit_bytes())});
              });
              return out;
          }});
}

server_metrics::~server_metrics() = default;

void server_metrics::answered(std::string_view method, std::string_view route, unsigned status,
                              std::chrono::steady_clock::duration took) {
    impl_->requests.observe(method, route, status, seconds(took));
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
    auto families = impl_->requests.Collect();
    for (auto& f : impl_->registry->Collect()) families.push_back(std::move(f));
    for (auto& f : impl_->read_at_scrape->Collect()) families.push_back(std::move(f));
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, families);
    return out.str();
}

}  // namespace jne::metrics
