// The Status V2 body a merchant is sent, field by field and in key order (golden), its round
// trip through the client's decoder, the signature, and the retry schedule.
#include "webhook/outbox.hpp"
#include "webhook/retry_policy.hpp"
#include "wire/decode.hpp"
#include "wire/encode.hpp"
#include "wire/webhook_signature.hpp"

#include "support/golden.hpp"
#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

using namespace jne;

namespace {

// The golden push's shipment: the document's sender and goods, freight only.
core::shipment delivered_shipment() {
    core::shipment s = test::example_shipment("8800000000000013", "WH-1");
    s.account = "TESTAPI";
    s.shipper = {"ALI",     "JAKARTA NO 44", "KALIBATA",       "KALIBATA", "JAKARTA",
                 "JAKARTA", "12345",         "+6289876543212", {},         {}};
    s.goods_description = "TEST";
    s.goods_value = 1000;
    s.cost = {};
    s.cost.freight = 24000;
    return s;
}

std::vector<core::scan_event> journey() {
    const core::unix_seconds t = 1795996800;  // 2026-11-30 07:00 WIB
    return {{{}, "8800000000000013", "REQ", t, "JAKARTA", {}, {}},
            {"s-1", "8800000000000013", "RC1", t + 3600, "JAKARTA", {}, {}},
            {"s-2", "8800000000000013", "OP1", t + 7200, "JAKARTA", {}, {}},
            {"s-3", "8800000000000013", "IP3", t + 86400, "BANDUNG", {}, {}}};
}

}  // namespace

TEST(StatusV2Body, IsJnesShapeKeyForKey) {
    const auto history = journey();
    const core::scan_event pod{
        "s-4", "8800000000000013", "D01", 1795996800 + 90000, "BANDUNG", "ANA", {}};
    std::string body;
    wire::encode_status_update(
        body, webhook::status_update_of(delivered_shipment(), history, pod, "DELIVERED"));
    EXPECT_EQ(test::json_difference(test::golden("webhook_delivered.json"), body), "");
}

TEST(StatusV2Body, SaysReceiverAndRelationOnlyWhenDelivered) {
    const auto history = journey();
    std::string body;
    wire::encode_status_update(
        body, webhook::status_update_of(delivered_shipment(), std::span(history).first(2),
                                        history[2], "SHIPPED"));
    EXPECT_EQ(body.find("\"receiver\""), std::string::npos);
    EXPECT_EQ(body.find("\"relation\""), std::string::npos);
    auto decoded = wire::decode_status_update(body);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->status, "SHIPPED");
    ASSERT_EQ(decoded->history.size(), 3u);
    EXPECT_EQ(decoded->history[2].status_code, "OP1");
    EXPECT_EQ(decoded->history[0].status, "MANIFESTED");  // no Status V2 status: its pod_status
}

TEST(StatusV2Body, ComesBackEqualThroughTheDecoder) {
    const auto history = journey();
    const core::scan_event pod{"s-4",     "8800000000000013", "D09", 1795996800 + 90000,
                               "BANDUNG", "IBU ANA",          "IBU"};
    const auto update = webhook::status_update_of(delivered_shipment(), history, pod, "DELIVERED");
    std::string body;
    wire::encode_status_update(body, update);
    auto decoded = wire::decode_status_update(body);
    ASSERT_TRUE(decoded.has_value());
    api::status_update expected = update;
    expected.sender.region.clear();  // not part of the body
    EXPECT_EQ(*decoded, expected);
    ASSERT_TRUE(decoded->received.has_value());
    EXPECT_EQ(decoded->received->receiver, "IBU ANA");
    EXPECT_EQ(decoded->received->relation, "IBU");
    EXPECT_FALSE(wire::decode_status_update("{\"awb\":1}").has_value());
    EXPECT_FALSE(wire::decode_status_update("not json").has_value());
}

TEST(WebhookSignature, IsStripesSchemeOverTimeAndBody) {
    // Computed independently: printf '1795999957.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    EXPECT_EQ(wire::sign_webhook("whsec_test", 1795999957, R"({"a":1})"),
              "t=1795999957,v1="
              "1767eed89be600b205d3afcb572f4e7973e3ffb04f2b8fdd30fc70cc30b3d458");
}

TEST(WebhookSignature, VerifiesWhatItSignsAndNothingElse) {
    const std::string body = R"({"awb":"8800000000000013"})";
    const std::string header = wire::sign_webhook("whsec_a", 1000, body);
    EXPECT_TRUE(wire::verify_webhook(header, "whsec_a", body, 1000));
    EXPECT_TRUE(wire::verify_webhook(header, "whsec_a", body, 1299));
    EXPECT_FALSE(wire::verify_webhook(header, "whsec_a", body, 1301));        // too old: a replay
    EXPECT_FALSE(wire::verify_webhook(header, "whsec_b", body, 1000));        // another secret
    EXPECT_FALSE(wire::verify_webhook(header, "whsec_a", body + " ", 1000));  // another body
    EXPECT_FALSE(wire::verify_webhook("t=1000", "whsec_a", body, 1000));
    EXPECT_FALSE(wire::verify_webhook("v1=00,t=x", "whsec_a", body, 1000));
    EXPECT_FALSE(wire::verify_webhook("", "whsec_a", body, 1000));
    // During a rotation a sender may sign with both secrets.
    const std::string both = header + ",v1=" + wire::sign_webhook("whsec_b", 1000, body).substr(10);
    EXPECT_TRUE(wire::verify_webhook(both, "whsec_b", body, 1000));
}

TEST(RetryDelay, DoublesUpToTheCapWithJitterTakingAtMostHalf) {
    webhook::sender_settings s;
    s.backoff = std::chrono::milliseconds(1000);
    s.backoff_cap = std::chrono::milliseconds(10'000);
    EXPECT_EQ(webhook::retry_delay(s, 1, 0.0).count(), 1000);
    EXPECT_EQ(webhook::retry_delay(s, 2, 0.0).count(), 2000);
    EXPECT_EQ(webhook::retry_delay(s, 4, 0.0).count(), 8000);
    EXPECT_EQ(webhook::retry_delay(s, 5, 0.0).count(), 10'000);
    EXPECT_EQ(webhook::retry_delay(s, 60, 0.0).count(), 10'000);
    EXPECT_EQ(webhook::retry_delay(s, 1, 1.0).count(), 500);
    EXPECT_EQ(webhook::retry_delay(s, 3, 0.5).count(), 3000);
}

// The retry policy asked without a socket: what each attempt's end makes of a delivery.
TEST(RetryPolicy, A2xxDeliversAnythingElseRetriesUntilTheLastAttemptThenDies) {
    webhook::sender_settings s;
    s.backoff = std::chrono::milliseconds(1000);
    s.max_attempts = 3;
    store::webhook_delivery d;
    const std::int64_t now = 1'800'000'000'000;

    for (int status : {200, 204, 299}) {
        const auto o = webhook::outcome_of(d, {status, "", false}, now, s, 0.0);
        EXPECT_EQ(o.state, store::delivery_state::delivered) << status;
        EXPECT_EQ(o.code, status);
        EXPECT_EQ(o.at_ms, now);
        EXPECT_EQ(o.answer, "");
    }
    // A refusal, a redirect or a server error: due again after the backoff of this attempt.
    for (int status : {300, 404, 500}) {
        d.attempts = 1;  // the second attempt failed
        const auto o = webhook::outcome_of(d, {status, "", false}, now, s, 0.0);
        EXPECT_EQ(o.state, store::delivery_state::pending) << status;
        EXPECT_EQ(o.next_attempt_ms, now + 2000) << status;
    }
    // No answer at all: the transport's words are kept, and jitter takes up to half the wait.
    d.attempts = 0;
    auto o = webhook::outcome_of(d, {0, "Timeout was reached", false}, now, s, 1.0);
    EXPECT_EQ(o.state, store::delivery_state::pending);
    EXPECT_EQ(o.next_attempt_ms, now + 500);
    EXPECT_EQ(o.answer, "Timeout was reached");
    EXPECT_EQ(o.code, 0);
    // The last allowed attempt failed: dead, not retried.
    d.attempts = 2;
    o = webhook::outcome_of(d, {503, "", false}, now, s, 0.0);
    EXPECT_EQ(o.state, store::delivery_state::dead);
    EXPECT_EQ(o.code, 503);
    // A host that resolved inward at connection time says why.
    d.attempts = 0;
    o = webhook::outcome_of(d, {0, "Couldn't connect to server", true}, now, s, 0.0);
    EXPECT_EQ(o.state, store::delivery_state::pending);
    EXPECT_EQ(o.answer,
              "refused: the host resolved to an inward address (--webhook-allow-private)");
}

TEST(WebhookIds, AreFreshAndOfTheirShape) {
    const std::string a = webhook::new_event_id(), b = webhook::new_event_id();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 4u + 24u);
    EXPECT_TRUE(a.starts_with("evt_"));
    EXPECT_TRUE(webhook::new_secret().starts_with("whsec_"));
    EXPECT_TRUE(webhook::is_status_v2("SHIPMENT PROBLEM"));
    EXPECT_FALSE(webhook::is_status_v2("ON PROCESS"));
}
