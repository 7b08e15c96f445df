#include "runtime/incident.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

using namespace jne;

TEST(Incident, IsOneLineWhenItStartsAndOneWhenItEndsWhateverTheFailuresBetween) {
    auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
    auto previous = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
    runtime::incident disk("the database");
    disk.succeeded();  // nothing failing: nothing said
    for (int i = 0; i < 28'590; ++i) disk.failed("a group commit", "database or disk is full");
    EXPECT_EQ(disk.failures_so_far(), 28'590u);
    disk.succeeded();
    disk.succeeded();
    disk.failed("a tracking read", "disk I/O error");
    const auto lines = sink->last_formatted();
    spdlog::set_default_logger(previous);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_NE(lines[0].find("the database is failing (a group commit): database or disk is full"),
              std::string::npos)
        << lines[0];
    EXPECT_NE(lines[1].find("recovered after 28590 failures"), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find("is failing (a tracking read)"), std::string::npos) << lines[2];
}

namespace {
std::chrono::steady_clock::time_point fake_now;
std::chrono::steady_clock::time_point fake_clock() { return fake_now; }
}  // namespace

// While it lasts, a reminder a minute with the count, whatever the failures between.
TEST(Incident, RemindsOnceAMinuteWithTheCount) {
    auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
    auto previous = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
    fake_now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    runtime::incident disk("the database", &fake_clock);
    using std::chrono::seconds;
    for (int second = 0; second <= 150; ++second) {  // ten failures a second for 150 s
        for (int i = 0; i < 10; ++i) disk.failed("a group commit", "database or disk is full");
        fake_now += seconds(1);
    }
    disk.succeeded();
    const auto lines = sink->last_formatted();
    spdlog::set_default_logger(previous);
    ASSERT_EQ(lines.size(), 4u);  // failing, a reminder at 60 s and at 120 s, recovered
    EXPECT_NE(lines[0].find("is failing"), std::string::npos) << lines[0];
    EXPECT_NE(lines[1].find("still failing: 601 failures in 60 s"), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find("still failing: 1201 failures in 120 s"), std::string::npos)
        << lines[2];
    EXPECT_NE(lines[3].find("recovered after 1510 failures in 151.0 s"), std::string::npos)
        << lines[3];
}
