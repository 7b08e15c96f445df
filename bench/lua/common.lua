-- Shared by every route's script: counts answers that are JNE errors, and
-- prints them at the end so bench/run can read them.
local errors = 0

-- Business errors are answered with HTTP 200, as JNE does: look in the body.
function response(status, headers, body)
    if status ~= 200 or body:find('"error"', 1, true) or body:find('"Error"', 1, true) then
        errors = errors + 1
    end
end

function done(summary, latency, requests)
    io.write(string.format("JNE_ERRORS %d\n", errors))
    io.write(string.format("JNE_P50_US %d\n", latency:percentile(50)))
    io.write(string.format("JNE_P99_US %d\n", latency:percentile(99)))
end

credentials = "username=TESTAPI&api_key=25c898a9faea1a100859ecd9ef674548"
form_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
