-- Tracking numbers that are no one's (a merchant's typo, a number of another courier's): each is
-- looked up as an airwaybill, then as the account's reference and order id, through indexes only
-- (issue 31: on SQLite this once scanned all of the account's shipments). Run after bench/run
-- created cnote-mixed's 100,000 shipments, its cost is the cost at that size.
dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")

if os.getenv("JNE_CHECK") == "1" then
    -- The right answer here is JNE's not-found body; anything else is an error.
    function response(status, headers, body)
        if status ~= 200 or not body:find("Cnote No. Not Found.", 1, true) then
            errors = errors + 1
        end
    end
end

function request()
    return wrk.format("POST", "/tracing/api/list/v1/cnote/" ..
        string.format("99%07d%07d", math.random(0, 9999999), math.random(0, 9999999)),
        form_headers, credentials)
end
