#include "wire/errors.hpp"

#include "wire/json_out.hpp"
#include "wire/public_out.hpp"
#include "wire/requests.hpp"

#include <algorithm>

namespace jne::wire {

namespace {

// {"error":"…","status":false}, or "status":"false" (a string) as generatecnote has it.
answer error_status(std::string_view message, bool status_as_string = false,
                    unsigned http_status = 200) {
    answer a;
    a.status = http_status;
    json_out j(a.body);
    j.begin_object().key("error").string(message).key("status");
    status_as_string ? j.string("false") : j.boolean(false);
    j.end_object();
    return a;
}

// generatecnote's {"detail":[{"status":"Error","reason":…,"cnote_no":…}]}
answer generatecnote_error(std::string_view reason, std::string_view airwaybill) {
    answer a;
    json_out j(a.body);
    j.begin_object().key("detail").begin_array().begin_object();
    j.key("status").string("Error").key("reason").string(reason).key("cnote_no");
    airwaybill.empty() ? j.null() : j.string(airwaybill);
    j.end_object().end_array().end_object();
    return a;
}

// generatecnote's answer to a field that breaks its rule, as JNE's live server answered an empty
// one: {"detail":[{"reason":…,"status":"Error"}]}, reason first and no cnote_no.
answer generatecnote_field_error(std::string_view reason) {
    answer a;
    json_out j(a.body);
    j.begin_object().key("detail").begin_array().begin_object();
    j.key("reason").string(reason).key("status").string("Error");
    j.end_object().end_array().end_object();
    return a;
}

// pickupcashless's {"detail":[{"reason":…,"status":"Error","cnote":…}]}
answer pickup_error(std::string_view reason, std::string_view airwaybill) {
    answer a;
    json_out j(a.body);
    j.begin_object().key("detail").begin_array().begin_object();
    j.key("reason").string(reason).key("status").string("Error").key("cnote");
    airwaybill.empty() ? j.null() : j.string(airwaybill);
    j.end_object().end_array().end_object();
    return a;
}

answer status_reason(std::string_view reason) {
    answer a;
    json_out(a.body)
        .begin_object()
        .key("status")
        .boolean(false)
        .key("reason")
        .string(reason)
        .end_object();
    return a;
}

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (const std::string& v : values) out += (out.empty() ? "" : std::string(separator)) + v;
    return out;
}

std::string value(const api::failure& f, std::size_t i) {
    return i < f.values.size() ? f.values[i] : std::string();
}

// A history refusing a scan event or a cancel, in the project's words.
std::string_view refusal(api::problem what) {
    using p = api::problem;
    switch (what) {
        case p::already_cancelled:
            return "the shipment was cancelled";
        case p::already_in_network:
            return "the shipment is already in the network and cannot be cancelled";
        case p::already_ordered:
            return "the shipment was already ordered";
        case p::already_picked_up:
            return "the shipment was already picked up";
        case p::already_final:
            return "the shipment already reached its final status";
        case p::being_returned:
            return "the shipment is being returned to the shipper";
        case p::return_not_started:
            return "a return must start (R01) before it completes";
        case p::receiver_missing:
            return "a delivery names its receiver";
        default:
            return {};
    }
}

}  // namespace

std::string reason_for(route r, const api::failure& f) {
    using p = api::problem;
    const std::string name(f.subject.empty() ? wire_name(r, f.field) : std::string_view(f.subject));
    const std::string limit = std::to_string(f.limit);
    switch (f.what) {
        case p::none:
        case p::not_found:
            return f.reason;
        case p::missing:
            return missing_field_reason(name);
        case p::not_utf8:
            return name + " is not UTF-8 text";
        case p::too_long:
            return name + " exceeds " + limit + " characters";
        case p::not_a_number:
            return name + " must be a number";
        case p::too_many_digits:
            return name + " exceeds " + limit + " digits";
        case p::not_more_than_zero:
            return name + " must be more than 0";
        case p::not_a_phone:
            return name + " must be a phone number";
        case p::not_positive_decimal:
            return name + " must be a number more than 0";
        case p::not_yes_no:
            return name + " must be Y or N";
        case p::not_cod_flag:
            return name + " must be YES or N";
        case p::cod_amount_needed:
            return name + " must be more than 0 when " + value(f, 0) + " is YES";
        case p::not_a_date:
            return name + " must be a date as DD-MM-YYYY";
        case p::not_a_time:
            return name + " must be a time as HH:MM";
        case p::not_one_of:
            return name + " must be one of " + joined(f.values, " ");
        case p::out_of_range:
            return name + " must be a number from " + value(f, 0) + " to " + value(f, 1);
        case p::not_item_type:
            return name + " must be 1, 2, 3, 4 or 5";
        case p::not_hs_codes:
            return name + " must be value;qty;hscode, at most five joined by commas";
        case p::unknown_origin:
            return "Origin Code " + value(f, 0) + " Not Exists";
        case p::unknown_destination:
            return "Destination Code " + value(f, 0) + " Not Exists";
        case p::unknown_branch:
            return "Branch Code " + value(f, 0) + " Not Exists";
        case p::unknown_service:
            return "Service Code " + value(f, 0) + " Not Exists";
        case p::unknown_customer:
            return "Customer No. " + value(f, 0) + " Not Exists";
        case p::over_service_weight:
            return name + " " + value(f, 0) + " takes at most " + limit + " kg";
        case p::service_not_on_route:
            return "Service Code " + value(f, 0) + " Not Available From " + value(f, 1) + " To " +
                   value(f, 2);
        case p::weight_out_of_range:
            return name + " must be at most " + limit + " kg";
        case p::no_such_cnote:
            return "Cnote No. Not Found.";
        case p::unknown_status_code:
            return "unknown status code " + value(f, 0);
        case p::bad_event_time:
            return "time must be ISO 8601 or DD-MM-YYYY HH:MM";
        case p::event_id_missing:
            return "event_id is missing";
        case p::operators_only:
            return r == route::webhooks ? "Only operator accounts manage webhooks."
                                        : "Only operator accounts post scan events.";
        case p::batch_size:
            return "A batch holds 1 to " + limit + " events.";
        case p::events_not_an_array:
            return "events must be a JSON array of events";
        case p::too_many_labels:
            return "A label request names 1 to " + limit + " airwaybills.";
        case p::one_png_label:
            return "A PNG holds one label: ask for pdf or zpl to print several.";
        default:
            return (r == route::cancel ? "Cancel refused: " : "") + std::string(refusal(f.what));
    }
}

std::string missing_field_reason(std::string_view field) {
    return "Please do not let field " + std::string(field) + " empty";
}

namespace {

// The public page's failures: {"error":{"code":…,"message":…}}, the code a word the page
// translates, with the HTTP status the failure deserves.
answer public_failure(const api::failure& f) {
    answer a;
    auto say = [&a](unsigned status, std::string_view code, std::string_view message) {
        a.status = status;
        encode_public_error(a.body, code, message);
        return a;
    };
    switch (f.code) {
        case api::error::price_not_found:
            return say(404, "no_price", "No service on this route for this weight and size.");
        case api::error::unavailable:
            return say(503, "unavailable", "Please try again in a moment.");
        case api::error::missing_field:
            return say(400, "no_number", "Type an airwaybill number.");
        default:
            return say(400, "too_many_numbers",
                       "At most 10 airwaybills at a time, separated by commas.");
    }
}

}  // namespace

answer encode_failure(route r, const api::failure& f) {
    if (r == route::public_page) return public_failure(f);
    using api::error;
    const bool string_status = r == route::generatecnote;
    // stockawb says "false" as a string for credentials too, as JNE's recorded answers show.
    const bool string_credentials = string_status || r == route::stockawb;
    switch (f.code) {
        case error::credentials_missing:
            return error_status("Username And API KEY Must Be Sent.", string_credentials);
        case error::bad_credentials:
            return error_status("Username Or API KEY Not Found.", string_credentials);
        case error::price_not_found:
            return error_status("Price Not Found.");
        case error::cnote_not_found:
            return r == route::cancel ? status_reason("Cnote No. Not Found.")
                                      : error_status("Cnote No. Not Found.");
        case error::not_your_cnote:
            return r == route::cancel ? status_reason("Sorry This is not your cnote.")
                                      : error_status("Sorry This is not your cnote.");
        case error::unavailable:
            return error_status("Service Unavailable.", string_status, 503);
        default:
            break;
    }
    // Errors about the fields of a request take the route's own shape.
    switch (r) {
        case route::generatecnote:
            if (f.code == error::duplicate_order)
                return generatecnote_error(
                    "Transaction no. already exists, please try with another", f.airwaybill);
            // A field's own rule (empty, too long, not a number …); not a code or a price.
            if (f.code == error::missing_field ||
                (f.code == error::invalid_field && f.what <= api::problem::not_hs_codes))
                return generatecnote_field_error(reason_for(r, f));
            return generatecnote_error(reason_for(r, f), {});
        case route::pickupcashless:
            if (f.code == error::missing_field) {
                answer a;
                json_out(a.body)
                    .begin_object()
                    .key("status")
                    .boolean(false)
                    .key("error")
                    .string("Content not confirm our security Policy.")
                    .end_object();
                return a;
            }
            if (f.code == error::duplicate_order)
                return pickup_error("Order id already exist, please try another one", f.airwaybill);
            return pickup_error(reason_for(r, f), {});
        case route::cancel:
            return status_reason(reason_for(r, f));
        default:
            return error_status(reason_for(r, f));
    }
}

answer encode_too_many_requests(std::chrono::seconds retry_after) {
    answer a = error_status("Too Many Requests.", false, 429);
    a.retry_after =
        static_cast<std::uint32_t>(std::max<std::chrono::seconds::rep>(1, retry_after.count()));
    return a;
}

answer encode_http_error(unsigned status) {
    switch (status) {
        case 400:
            return error_status("Bad Request.", false, 400);
        case 404:
            return error_status("Not Found.", false, 404);
        case 405:
            return error_status("Method Not Allowed.", false, 405);
        case 408:
            return error_status("Request Timeout.", false, 408);
        case 413:
            return error_status("Request Entity Too Large.", false, 413);
        case 503:
            return error_status("Service Unavailable.", false, 503);
        default:
            return error_status("Internal Server Error.", false, 500);
    }
}

}  // namespace jne::wire
