#include "wire/errors.hpp"

#include "wire/json_out.hpp"

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

}  // namespace

std::string missing_field_reason(std::string_view field) {
    return "Please do not let field " + std::string(field) + " empty";
}

answer encode_failure(route r, const api::failure& f) {
    using api::error;
    const bool string_status = r == route::generatecnote;
    switch (f.code) {
        case error::credentials_missing:
            return error_status("Username And API KEY Must Be Sent.", string_status);
        case error::bad_credentials:
            return error_status("Username Or API KEY Not Found.", string_status);
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
            if (f.code == error::missing_field)
                return generatecnote_error(missing_field_reason(f.subject), {});
            if (f.code == error::duplicate_order)
                return generatecnote_error(
                    "Transaction no. already exists, please try with another", f.airwaybill);
            return generatecnote_error(f.reason, {});
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
            return pickup_error(f.reason, {});
        case route::cancel:
            return status_reason(f.reason);
        default:
            if (f.code == error::missing_field)
                return error_status(missing_field_reason(f.subject));
            return error_status(f.reason);
    }
}

answer encode_http_error(unsigned status) {
    switch (status) {
        case 400:
            return error_status("Bad Request.", false, 400);
        case 404:
            return error_status("Not Found.", false, 404);
        case 405:
            return error_status("Method Not Allowed.", false, 405);
        case 413:
            return error_status("Request Entity Too Large.", false, 413);
        case 503:
            return error_status("Service Unavailable.", false, 503);
        default:
            return error_status("Internal Server Error.", false, 500);
    }
}

}  // namespace jne::wire
