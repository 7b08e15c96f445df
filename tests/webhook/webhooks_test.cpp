// Webhooks end to end: a real jne-server pushes Status V2 to a real HTTP receiver as sandbox
// shipments move and as the network posts scans; retries, dead letters, replays, restarts.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/webhook_receiver.hpp"
#include "wire/decode.hpp"
#include "wire/requests.hpp"
#include "wire/routes.hpp"
#include "wire/webhook_signature.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

using namespace jne;
using namespace std::chrono_literals;
using test::received_delivery;
using test::webhook_receiver;

namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

test::command_result admin(const test::server_process& server, std::vector<std::string> args) {
    std::vector<std::string> command{JNE_SERVER_BINARY, "--db", server.database_url()};
    command.insert(command.end(), args.begin(), args.end());
    return test::run_command(command);
}

constexpr const char* generation_series = "jne_webhook_subscriptions_generation";

// An admin change of the webhooks from another process, waited for until the running server has
// loaded it: the generation /metrics shows grows (it polls the database).
test::command_result change(const test::server_process& server, std::vector<std::string> args) {
    const double before =
        test::metric(test::http_get(server, "/metrics").second, generation_series).value_or(-1);
    auto done = admin(server, std::move(args));
    if (done.exit_code == 0) {
        EXPECT_GT(test::metric_when(server, generation_series, [&](double v) { return v > before; })
                      .value_or(-1),
                  before)
            << "the running server never loaded the change";
    }
    return done;
}

// Waits until the server's webhook queue is empty: every delivery enqueued so far was sent and
// its outcome recorded. What a receiver has then is all it gets of what happened so far.
void drained(const test::server_process& server) {
    EXPECT_EQ(test::metric_when(server, "jne_webhook_pending", [](double v) { return v == 0; }),
              0.0)
        << "the sender's queue never emptied";
}

struct subscription {
    std::string id;
    std::string secret;
};

// `webhooks add` from another process, in effect once this returns. The receivers are on this
// machine: loopback, allowed.
subscription subscribe(const test::server_process& server, const std::string& url,
                       std::vector<std::string> more = {}) {
    std::vector<std::string> args{"webhooks", "add", "TESTAPI",
                                  "--url",    url,   "--webhook-allow-private"};
    args.insert(args.end(), more.begin(), more.end());
    const auto added = change(server, args);
    EXPECT_EQ(added.exit_code, 0) << added.err;
    subscription s;
    s.id = added.out.substr(added.out.find("id:") + 3);
    s.id = s.id.substr(s.id.find_first_not_of(' '), s.id.find('\n') - s.id.find_first_not_of(' '));
    std::string out = added.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    s.secret = out.substr(out.rfind('\n') + 1);
    return s;
}

std::string status_of(const received_delivery& r) {
    auto u = wire::decode_status_update(r.body);
    return u ? u->status : "(not Status V2)";
}

std::string awb_of(const received_delivery& r) {
    auto u = wire::decode_status_update(r.body);
    return u ? u->awb : "";
}

// The statuses an airwaybill's requests carried, in arrival order, retries of one event once.
std::vector<std::string> statuses_of(const std::vector<received_delivery>& all,
                                     const std::string& awb) {
    std::vector<std::string> out;
    std::string last_event;
    for (const auto& r : all) {
        if (awb_of(r) != awb || r.event_id == last_event) continue;
        out.push_back(status_of(r));
        last_event = r.event_id;
    }
    return out;
}

bool has_status(const std::vector<received_delivery>& all, const std::string& awb,
                const std::string& status) {
    for (const auto& r : all)
        if (awb_of(r) == awb && status_of(r) == status) return true;
    return false;
}

using statuses = std::vector<std::string>;

struct Webhooks : ::testing::Test {
    std::unique_ptr<test::server_process> server;
    std::unique_ptr<client::client> api;

    void start(std::vector<std::string> args = {}) {
        if (std::find(args.begin(), args.end(), "--sandbox-speed") == args.end())
            args.insert(args.end(), {"--sandbox-speed", "50000"});  // a journey in seconds
        args.insert(args.end(), {"--webhook-backoff", "0.1"});
        if (std::find(args.begin(), args.end(), "--webhook-inward-refused") == args.end())
            args.emplace_back("--webhook-allow-private");  // the receivers are on loopback
        else
            std::erase(args, "--webhook-inward-refused");
        server = std::make_unique<test::server_process>(args);
        api = std::make_unique<client::client>(
            client::options{server->base_url(), "TESTAPI", test::sandbox_key});
    }

    std::string ship(const std::string& order) {
        auto created = api->generatecnote(test::example_generatecnote(order));
        EXPECT_TRUE(created.has_value());
        return created ? created->airwaybill : std::string();
    }
};

}  // namespace

TEST_F(Webhooks, PushEachStatusChangeOfAMovingShipmentInOrderSigned) {
    webhook_receiver receiver;
    start();
    const auto hook = subscribe(*server, receiver.url());
    const std::string awb = ship("WH-ORDER-1");
    ASSERT_TRUE(receiver.wait_until(
        [&](const auto& all) { return has_status(all, awb, "DELIVERED"); }, 30s));
    const auto all = receiver.requests();
    EXPECT_EQ(statuses_of(all, awb), (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}));
    std::set<std::string> events;
    for (const auto& r : all) {
        EXPECT_EQ(r.content_type, "application/json");
        EXPECT_EQ(r.target, "/hook");
        EXPECT_TRUE(r.event_id.starts_with("evt_")) << r.event_id;
        EXPECT_TRUE(events.insert(r.event_id).second) << "sent twice: " << r.event_id;
        EXPECT_TRUE(wire::verify_webhook(r.signature, hook.secret, r.body, unix_now()))
            << r.signature;
        EXPECT_FALSE(wire::verify_webhook(r.signature, "whsec_other", r.body, unix_now()));
    }
    auto delivered = wire::decode_status_update(all.back().body);
    ASSERT_TRUE(delivered.has_value());
    EXPECT_EQ(delivered->order_id, "WH-ORDER-1");
    ASSERT_TRUE(delivered->received.has_value());
    EXPECT_EQ(delivered->received->receiver, "ANA");
    EXPECT_EQ(delivered->received->relation, "YANG BERSANGKUTAN");
    EXPECT_EQ(delivered->origin_code, "CGK10000");
    EXPECT_EQ(delivered->dest_code, "BDO10000");
    EXPECT_EQ(delivered->sender.name, "ALI");
    ASSERT_FALSE(delivered->history.empty());
    EXPECT_EQ(delivered->history.front().status_code, "REQ");
    EXPECT_EQ(delivered->history.back().status_code, "D01");
    EXPECT_EQ(delivered->history.back().location_code, "BDO10000");
    EXPECT_NE(
        all.back().body.find(R"("date":")" + api::format_wib_seconds(delivered->history.back().at)),
        std::string::npos);  // YYYY-MM-DD HH:MM:SS

    // The record of it, as an operator reads it.
    const auto listed = admin(*server, {"webhooks", "deliveries", "--awb", awb});
    EXPECT_EQ(listed.exit_code, 0);
    EXPECT_NE(listed.out.find("delivered"), std::string::npos) << listed.out;
    EXPECT_EQ(listed.out.find("pending"), std::string::npos) << listed.out;
}

TEST_F(Webhooks, SandboxScenariosPushTheirStatuses) {
    webhook_receiver receiver;
    start();
    subscribe(*server, receiver.url());
    const std::map<std::string, statuses> expected{
        {"FAILONCE-1", {"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM", "SHIPPED", "DELIVERED"}},
        {"RETURN-1",
         {"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM", "RETURN TO SHIPPER",
          "RETURN TO SHIPPER"}},
        {"FAILPICKUP-1", {"FAILED PICKUP"}},
        {"HOLD-1", {"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM"}},
    };
    std::map<std::string, std::string> airwaybills;
    for (const auto& [order, _] : expected) airwaybills[order] = ship(order);
    for (const auto& [order, want] : expected) {
        const std::string awb = airwaybills[order];
        EXPECT_TRUE(receiver.wait_until(
            [&](const auto& all) { return statuses_of(all, awb).size() >= want.size(); }, 40s))
            << order;
        drained(*server);  // nothing more comes
        EXPECT_EQ(statuses_of(receiver.requests(), awb), want) << order;
    }
}

TEST_F(Webhooks, ScansPostedByTheNetworkPushOnlyTheStatusesAsked) {
    webhook_receiver receiver;
    start({"--sandbox-speed", "0.001"});  // the sandbox stands still: only the network moves it
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    subscribe(*server, receiver.url("/delivered"), {"--status", "DELIVERED"});
    subscribe(*server, receiver.url("/all"));
    const std::string awb = ship("WH-NET-1");
    auto posted = network.post_events({
        {"n-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}},
        {"n-2", awb, "OP1", "2030-01-01T12:00:00+07:00", "JAKARTA", {}, {}},
        {"n-3", awb, "D09", "2030-01-02T10:00:00+07:00", "BANDUNG", "IBU ANA", "IBU"},
    });
    ASSERT_TRUE(posted.has_value() && posted->recorded);
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 4; }, 10s));
    drained(*server);
    const auto all = receiver.requests();
    ASSERT_EQ(all.size(), 4u);
    statuses to_all, to_delivered;
    for (const auto& r : all) (r.target == "/all" ? to_all : to_delivered).push_back(status_of(r));
    EXPECT_EQ(to_all, (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}));
    EXPECT_EQ(to_delivered, (statuses{"DELIVERED"}));
    // Both subscriptions are told of the one event under the same id.
    std::set<std::string> delivered_ids;
    for (const auto& r : all)
        if (status_of(r) == "DELIVERED") delivered_ids.insert(r.event_id);
    EXPECT_EQ(delivered_ids.size(), 1u);
    auto body = wire::decode_status_update(all.back().body);
    ASSERT_TRUE(body.has_value());
    ASSERT_TRUE(body->received.has_value());
    EXPECT_EQ(body->received->relation, "IBU");
    EXPECT_EQ(body->received->receiver, "IBU ANA");
}

TEST_F(Webhooks, RetryAfterA500WhileTheNextStatusWaits) {
    // The first status is refused twice; nothing later may overtake it.
    webhook_receiver receiver([](const received_delivery& r, int nth) {
        return webhook_receiver::answer{status_of(r) == "SUCCESS PICKUP" && nth <= 2 ? 500u : 200u,
                                        0ms};
    });
    start();
    subscribe(*server, receiver.url());
    const std::string awb = ship("WH-RETRY-1");
    ASSERT_TRUE(receiver.wait_until(
        [&](const auto& all) { return has_status(all, awb, "DELIVERED"); }, 30s));
    statuses arrived;
    for (const auto& r : receiver.requests()) arrived.push_back(status_of(r));
    EXPECT_EQ(arrived, (statuses{"SUCCESS PICKUP", "SUCCESS PICKUP", "SUCCESS PICKUP", "SHIPPED",
                                 "DELIVERED"}));
    const auto all = receiver.requests();
    EXPECT_EQ(all[0].event_id, all[2].event_id);  // the same event, retried
    EXPECT_NE(all[0].signature, "");
    const auto listed = admin(*server, {"webhooks", "deliveries", "--awb", awb});
    EXPECT_NE(listed.out.find("SUCCESS PICKUP     delivered        3   200"), std::string::npos)
        << listed.out;
}

TEST_F(Webhooks, RetryAfterATimeout) {
    webhook_receiver receiver([](const received_delivery&, int nth) {
        return webhook_receiver::answer{200u, nth == 1 ? 3000ms : 0ms};
    });
    start({"--sandbox-speed", "0.001", "--webhook-timeout", "0.5"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    subscribe(*server, receiver.url());
    const std::string awb = ship("WH-SLOW-1");
    ASSERT_TRUE(
        network.post_events({{"s-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 2; }, 10s));
    const auto all = receiver.requests();
    EXPECT_EQ(all[0].event_id, all[1].event_id);
    const auto listed = admin(*server, {"webhooks", "deliveries", "--awb", awb});
    EXPECT_NE(listed.out.find("delivered        2"), std::string::npos) << listed.out;
}

TEST_F(Webhooks, DeadAfterTheLastAttemptThenReplayed) {
    std::atomic<bool> healthy = false;
    webhook_receiver receiver([&](const received_delivery&, int) {
        return webhook_receiver::answer{healthy ? 200u : 503u, 0ms};
    });
    start({"--sandbox-speed", "0.001", "--webhook-attempts", "3"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    subscribe(*server, receiver.url());
    const std::string awb = ship("WH-DEAD-1");
    ASSERT_TRUE(
        network.post_events({{"d-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 3; }, 10s));
    drained(*server);                           // dead: nothing waits to be sent
    EXPECT_EQ(receiver.requests().size(), 3u);  // no fourth attempt
    auto failed = admin(*server, {"webhooks", "deliveries", "--failed"});
    EXPECT_NE(failed.out.find("dead             3   503"), std::string::npos) << failed.out;
    const std::string id = failed.out.substr(
        failed.out.find('\n') + 1,
        failed.out.find(' ', failed.out.find('\n') + 1) - failed.out.find('\n') - 1);

    healthy = true;
    const auto replayed = admin(*server, {"webhooks", "replay", id});
    EXPECT_EQ(replayed.exit_code, 0) << replayed.err;
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 4; }, 10s));
    const auto all = receiver.requests();
    EXPECT_EQ(all[3].event_id, all[0].event_id);  // the same event, sent again
    EXPECT_EQ(admin(*server, {"webhooks", "deliveries", "--failed"}).out.find("dead"),
              std::string::npos);
    EXPECT_EQ(admin(*server, {"webhooks", "replay", "999999"}).exit_code, 1);
}

TEST_F(Webhooks, ARestartInTheMiddleOfABacklogLosesAndReordersNothing) {
    std::atomic<bool> healthy = false;
    webhook_receiver receiver([&](const received_delivery&, int) {
        return webhook_receiver::answer{healthy ? 200u : 503u, 0ms};
    });
    start({"--webhook-attempts", "1000", "--webhook-backoff-cap", "0.3"});
    subscribe(*server, receiver.url());
    std::vector<std::string> airwaybills;
    for (int i = 0; i < 4; ++i) airwaybills.push_back(ship("WH-RESTART-" + std::to_string(i)));
    // Let the journeys end while every delivery fails, then crash.
    for (const std::string& awb : airwaybills) {
        std::string status;
        for (auto until = std::chrono::steady_clock::now() + 30s;
             status != "DELIVERED" && std::chrono::steady_clock::now() < until;
             std::this_thread::sleep_for(50ms)) {
            auto tracked = api->track(awb);
            status = tracked ? tracked->cnote.pod_status : "";
        }
        ASSERT_EQ(status, "DELIVERED") << awb;
    }
    server->kill_hard();
    healthy = true;
    test::server_process again(
        server->database_url(),
        {"--sandbox-speed", "50000", "--webhook-backoff", "0.1", "--webhook-allow-private"});
    for (const std::string& awb : airwaybills) {
        EXPECT_TRUE(receiver.wait_until(
            [&](const auto& all) {
                for (const auto& r : all)
                    if (awb_of(r) == awb && status_of(r) == "DELIVERED") return true;
                return false;
            },
            30s))
            << awb;
    }
    // What was answered 200, per airwaybill: every status, each event once, in order.
    const auto all = receiver.requests();
    for (const std::string& awb : airwaybills) {
        statuses accepted;
        std::set<std::string> events;
        for (const auto& r : all)
            if (awb_of(r) == awb && r.answered == 200 && events.insert(r.event_id).second)
                accepted.push_back(status_of(r));
        EXPECT_EQ(accepted, (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"})) << awb;
    }
}

TEST_F(Webhooks, SubscriptionsAreManagedFromAnotherProcess) {
    webhook_receiver receiver;
    start({"--sandbox-speed", "0.001"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    const auto hook = subscribe(*server, receiver.url());
    const auto listed = admin(*server, {"webhooks", "list"});
    EXPECT_NE(listed.out.find(receiver.url()), std::string::npos);
    EXPECT_EQ(listed.out.find(hook.secret), std::string::npos);  // never shown again

    const auto rotated = change(*server, {"webhooks", "rotate-secret", hook.id});
    ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
    std::string out = rotated.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    const std::string secret = out.substr(out.rfind('\n') + 1);
    const std::string awb = ship("WH-ADMIN-1");
    ASSERT_TRUE(
        network.post_events({{"a-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 1; }, 10s));
    const auto first = receiver.requests().front();
    EXPECT_TRUE(wire::verify_webhook(first.signature, secret, first.body, unix_now()));
    EXPECT_FALSE(wire::verify_webhook(first.signature, hook.secret, first.body, unix_now()));

    EXPECT_EQ(change(*server, {"webhooks", "remove", hook.id}).exit_code, 0);
    EXPECT_EQ(admin(*server, {"webhooks", "remove", hook.id}).exit_code, 1);
    ASSERT_TRUE(
        network.post_events({{"a-2", awb, "OP1", "2030-01-01T12:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    drained(*server);
    EXPECT_EQ(receiver.requests().size(), 1u);

    EXPECT_EQ(admin(*server, {"webhooks", "add", "NOBODY", "--url", receiver.url(),
                              "--webhook-allow-private"})
                  .exit_code,
              1);
    EXPECT_EQ(admin(*server, {"webhooks", "add", "TESTAPI", "--url", "ftp://x/"}).exit_code, 2);
    EXPECT_EQ(admin(*server, {"webhooks", "add", "TESTAPI", "--url", receiver.url(), "--status",
                              "ON PROCESS", "--webhook-allow-private"})
                  .exit_code,
              2);
}

TEST_F(Webhooks, JneListenPrintsChecksAndForwardsEachDelivery) {
    webhook_receiver local;  // the merchant's own endpoint on their laptop
    start({"--sandbox-speed", "0.001"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    const unsigned short port = test::free_port();
    const std::string listen_url = "http://127.0.0.1:" + std::to_string(port) + "/";
    const auto hook = subscribe(*server, listen_url);
    test::child_process listen({JNE_CLI_BINARY, "listen", "--port", std::to_string(port),
                                "--secret", hook.secret, "--forward", local.url("/mine")});
    ASSERT_TRUE(listen.wait_for_output("jne listen: deliveries to", 10s)) << listen.output();

    const std::string awb = ship("WH-LISTEN-1");
    ASSERT_TRUE(
        network.post_events({{"l-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    ASSERT_TRUE(listen.wait_for_output("signature ok", 10s)) << listen.output();
    const std::string out = listen.output();
    EXPECT_NE(out.find(awb + "  SUCCESS PICKUP"), std::string::npos) << out;
    EXPECT_NE(out.find("answered 200"), std::string::npos) << out;
    ASSERT_EQ(local.requests().size(), 1u);
    const auto forwarded = local.requests().front();
    EXPECT_EQ(forwarded.target, "/mine");
    EXPECT_TRUE(wire::verify_webhook(forwarded.signature, hook.secret, forwarded.body,
                                     unix_now()));  // forwarded as it came
    EXPECT_NE(out.find(forwarded.event_id), std::string::npos);

    // Something unsigned is refused, and forwarded nowhere.
    client::client stranger({listen_url, "x", "y"});
    auto refused = stranger.post_raw("hook", "application/json", forwarded.body);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->status, 401);
    EXPECT_TRUE(listen.wait_for_output("BAD SIGNATURE", 5s)) << listen.output();
    EXPECT_EQ(local.requests().size(), 1u);
}

TEST_F(Webhooks, OperatorsManageThemOverHttp) {
    webhook_receiver receiver;
    start({"--sandbox-speed", "0.001"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    auto ops = [&](client::client& as, const api::webhook_request& r) {
        auto answer = as.post(std::string(wire::paths::webhooks), wire::fields_of(r));
        EXPECT_TRUE(answer.has_value());
        return answer ? boost::json::parse(answer->body) : boost::json::value();
    };
    // POST /ops/v1/webhooks's fields: the action, then what it needs.
    auto with = [](std::string action, std::string account = {}, std::string url = {},
                   std::string statuses = {}, std::string id = {}, std::string awb = {}) {
        api::webhook_request r;
        r.action = std::move(action);
        r.account = std::move(account);
        r.url = std::move(url);
        r.statuses = std::move(statuses);
        r.id = std::move(id);
        r.airwaybill = std::move(awb);
        return r;
    };
    auto refused = ops(*api, with("list"));
    EXPECT_EQ(boost::json::serialize(refused),
              R"({"error":"Only operator accounts manage webhooks.","status":false})");

    auto added = ops(network, with("add", "TESTAPI", receiver.url(), "delivered, shipped"));
    ASSERT_EQ(added.at("status"), true) << added;
    const auto& hook = added.at("webhooks").at(0);
    EXPECT_EQ(hook.at("account"), "TESTAPI");
    EXPECT_EQ(boost::json::serialize(hook.at("statuses")), R"(["DELIVERED","SHIPPED"])");
    const std::string secret(hook.at("secret").as_string());
    const std::string id(hook.at("id").as_string());
    EXPECT_TRUE(secret.starts_with("whsec_"));

    auto listed = ops(network, with("list"));
    ASSERT_EQ(listed.at("webhooks").as_array().size(), 1u);
    EXPECT_FALSE(listed.at("webhooks").at(0).as_object().contains("secret"));

    EXPECT_EQ(
        test::metric_when(*server, "jne_webhook_subscriptions", [](double v) { return v == 1; }),
        1.0);
    const std::string awb = ship("WH-OPS-1");
    ASSERT_TRUE(
        network.post_events({{"o-1", awb, "OP1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !all.empty(); }, 10s));
    EXPECT_TRUE(wire::verify_webhook(receiver.requests()[0].signature, secret,
                                     receiver.requests()[0].body, unix_now()));
    drained(*server);  // the outcome is recorded after the answer
    auto deliveries = ops(network, with("deliveries", {}, {}, {}, {}, awb));
    ASSERT_EQ(deliveries.at("deliveries").as_array().size(), 1u) << deliveries;
    EXPECT_EQ(deliveries.at("deliveries").at(0).at("status"), "SHIPPED");
    EXPECT_EQ(deliveries.at("deliveries").at(0).at("state"), "delivered");
    const std::string delivery(deliveries.at("deliveries").at(0).at("id").as_string());
    EXPECT_EQ(ops(network, with("replay", {}, {}, {}, delivery)).at("replayed"), "1");
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 2; }, 10s));

    EXPECT_EQ(ops(network, with("add", "TESTAPI", "not a url")).at("error"),
              "url must be an absolute http:// or https:// URL");
    EXPECT_EQ(ops(network, with("add", "TESTAPI", receiver.url(), "LOST")).at("status"), false);
    EXPECT_EQ(ops(network, with("add", "NOBODY", receiver.url())).at("error"),
              "no account named NOBODY");
    EXPECT_EQ(ops(network, with("explode")).at("status"), false);
    EXPECT_EQ(ops(network, with("remove", {}, {}, {}, id)).at("status"), true);
    EXPECT_EQ(ops(network, with("remove", {}, {}, {}, id)).at("error"),
              boost::json::value(("no webhook with id " + id).c_str()));
    EXPECT_EQ(ops(network, with("rotate-secret", {}, {}, {}, "x")).at("status"), false);
}

TEST_F(Webhooks, TheReadmesPythonReceiverAcceptsOurSignatureAndRefusesAForgery) {
    std::ifstream in(std::string(JNE_GOLDEN_DIR) + "/../../README.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const auto begin = readme.find("```python\n");
    ASSERT_NE(begin, std::string::npos);
    std::string code = readme.substr(begin + 10, readme.find("```", begin + 10) - begin - 10);
    start({"--sandbox-speed", "0.001"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    const unsigned short port = test::free_port();
    const auto hook = subscribe(*server, "http://127.0.0.1:" + std::to_string(port) + "/");
    auto replace = [&](const std::string& what, const std::string& with) {
        const auto at = code.find(what);
        ASSERT_NE(at, std::string::npos) << what;
        code.replace(at, what.size(), with);
    };
    replace("whsec_...", hook.secret);
    replace("((\"\", 8080)", "((\"127.0.0.1\", " + std::to_string(port) + ")");
    test::temp_dir dir;
    std::ofstream(dir / "receiver.py") << code;
    test::child_process receiver({"/usr/bin/python3", (dir / "receiver.py").string()});
    client::client forger({"http://127.0.0.1:" + std::to_string(port), "x", "y"});
    auto listening = [&] { return forger.post_raw("/", "application/json", "{}").has_value(); };
    for (auto until = std::chrono::steady_clock::now() + 10s;
         !listening() && std::chrono::steady_clock::now() < until;)
        std::this_thread::sleep_for(50ms);

    const std::string awb = ship("WH-PY-1");
    ASSERT_TRUE(
        network.post_events({{"p-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    bool delivered = false;
    for (int i = 0; i < 50 && !delivered; ++i) {
        std::this_thread::sleep_for(200ms);
        delivered = admin(*server, {"webhooks", "deliveries", "--awb", awb})
                        .out.find("delivered        1   200") != std::string::npos;
    }
    EXPECT_TRUE(delivered) << admin(*server, {"webhooks", "deliveries", "--awb", awb}).out;

    auto forged = forger.post_raw("/", "application/json", R"({"awb":"8800000000000013"})");
    ASSERT_TRUE(forged.has_value());
    EXPECT_EQ(forged->status, 401);
}

TEST_F(Webhooks, URLsThatReachInwardAddressesAreRefusedUnlessAllowed) {
    start({"--sandbox-speed", "0.001", "--webhook-inward-refused"});
    for (const std::string url :
         {"http://127.0.0.1:9/hook", "http://[::1]:9/", "http://2130706433/", "http://0x7f000001/",
          "http://0/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
          "http://192.168.0.1/", "http://[::ffff:127.0.0.1]/", "http://localhost:9/"}) {
        const auto added = admin(*server, {"webhooks", "add", "TESTAPI", "--url", url});
        EXPECT_EQ(added.exit_code, 2) << url;
        EXPECT_NE(added.err.find("--webhook-allow-private"), std::string::npos) << url << added.err;
    }
    // Over HTTP as well, the operators' route asks the same admin.
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    auto answer = network.post(
        std::string(wire::paths::webhooks),
        {{"action", "add"}, {"account", "TESTAPI"}, {"url", "http://169.254.169.254/"}});
    ASSERT_TRUE(answer.has_value());
    EXPECT_NE(answer->body.find("--webhook-allow-private"), std::string::npos) << answer->body;
    EXPECT_EQ(admin(*server, {"webhooks", "add", "TESTAPI", "--url", "http://127.0.0.1:9/",
                              "--webhook-allow-private"})
                  .exit_code,
              0);
}

TEST_F(Webhooks, TheAddressIsCheckedAgainWhenTheSenderConnects) {
    webhook_receiver receiver;
    start({"--sandbox-speed", "0.001", "--webhook-inward-refused"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    subscribe(*server, receiver.url());  // added by a process that allows it; the server does not
    const std::string awb = ship("WH-INWARD-1");
    ASSERT_TRUE(
        network.post_events({{"i-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    std::string listed;
    for (auto until = std::chrono::steady_clock::now() + 20s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(100ms)) {
        listed = admin(*server, {"webhooks", "deliveries", "--awb", awb}).out;
        if (listed.find("refused: the host resolved to an inward address") != std::string::npos)
            break;
    }
    EXPECT_NE(listed.find("refused: the host resolved to an inward address"), std::string::npos)
        << listed;
    EXPECT_TRUE(receiver.requests().empty());
}

TEST_F(Webhooks, NeitherTheAnswersBodyNorAURLsSecretsArePrintedOrLogged) {
    webhook_receiver receiver([](const received_delivery&, int) {
        return webhook_receiver::answer{500u, 0ms};  // its body: {"status":false}
    });
    start({"--sandbox-speed", "0.001", "--webhook-attempts", "1", "--log-format", "text"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    std::string url = receiver.url("/hook?token=s3cr3t-token");
    url.insert(url.find("//") + 2, "merchant:pa55word@");
    subscribe(*server, url);
    const std::string awb = ship("WH-SECRET-1");
    ASSERT_TRUE(
        network.post_events({{"s-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .has_value());
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !all.empty(); }, 10s));
    std::string deliveries;
    for (auto until = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(100ms)) {
        deliveries = admin(*server, {"webhooks", "deliveries", "--awb", awb}).out;
        if (deliveries.find("dead") != std::string::npos) break;
    }
    EXPECT_NE(deliveries.find("dead"), std::string::npos) << deliveries;

    std::string printed = admin(*server, {"webhooks", "list"}).out + deliveries;
    auto ops = network.post(std::string(wire::paths::webhooks), {{"action", "list"}});
    ASSERT_TRUE(ops.has_value());
    printed += ops->body;
    auto ops_deliveries =
        network.post(std::string(wire::paths::webhooks), {{"action", "deliveries"}});
    ASSERT_TRUE(ops_deliveries.has_value());
    printed += ops_deliveries->body;
    std::ifstream log_file(server->directory() / "server.log");
    const std::string log((std::istreambuf_iterator<char>(log_file)), {});
    EXPECT_NE(log.find("is dead after 1 attempts"), std::string::npos) << log;
    for (const std::string& text : {printed, log}) {
        EXPECT_EQ(text.find("s3cr3t-token"), std::string::npos) << text;
        EXPECT_EQ(text.find("pa55word"), std::string::npos) << text;
        EXPECT_EQ(text.find(R"({"status":false})"), std::string::npos) << text;
    }
    EXPECT_NE(printed.find("http://***@127.0.0.1:"), std::string::npos) << printed;
    EXPECT_NE(printed.find("/hook?***"), std::string::npos) << printed;
}

TEST_F(Webhooks, AMerchantsTarpitHoldsUpNoOtherMerchantsDelivery) {
    // TESTAPI's receiver holds every request 8 s; another merchant's answers at once.
    webhook_receiver tarpit([](const received_delivery&, int) {
        return webhook_receiver::answer{200u, 8000ms};
    });
    webhook_receiver quick;
    start({"--sandbox-speed", "0.001", "--webhook-timeout", "30"});
    const std::string network_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    client::client network({server->base_url(), "NETWORK", network_key});
    const std::string other_key = test::add_account(*server, {"SMALLSHOP"});
    client::client other({server->base_url(), "SMALLSHOP", other_key});
    subscribe(*server, tarpit.url());
    const auto added = change(
        *server, {"webhooks", "add", "SMALLSHOP", "--url", quick.url(), "--webhook-allow-private"});
    ASSERT_EQ(added.exit_code, 0) << added.err;

    // More of TESTAPI's parcels picked up than the sender has slots (16).
    std::vector<api::event_input> pickups;
    for (int i = 0; i < 24; ++i)
        pickups.push_back({"tar-" + std::to_string(i),
                           ship("WH-TARPIT-" + std::to_string(i)),
                           "PU1",
                           "2030-01-01T09:00:00+07:00",
                           "JAKARTA",
                           {},
                           {}});
    ASSERT_TRUE(network.post_events(pickups).has_value());
    // The API does not wait for receivers: answered before the tarpit answered anything.
    EXPECT_EQ(tarpit.answers_written(), 0u);
    ASSERT_TRUE(tarpit.wait_until([](const auto& all) { return all.size() >= 4; }, 10s));

    auto made = other.generatecnote(test::example_generatecnote("WH-SMALL-1"));
    ASSERT_TRUE(made.has_value()) << made.error().message;
    const auto posted = std::chrono::steady_clock::now();
    ASSERT_TRUE(network
                    .post_events({{"small-1",
                                   made->airwaybill,
                                   "PU1",
                                   "2030-01-01T09:00:00+07:00",
                                   "JAKARTA",
                                   {},
                                   {}}})
                    .has_value());
    ASSERT_TRUE(quick.wait_until([](const auto& all) { return !all.empty(); }, 30s));
    // It did not wait for a slot of the tarpit's: none of the tarpit's requests, each held 8 s,
    // had been answered yet.
    EXPECT_EQ(tarpit.answers_written(), 0u)
        << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 posted)
               .count()
        << " ms after the scan";
    // The tarpit holds no more than its share of the slots.
    EXPECT_LE(tarpit.requests().size(), 4u);
}
