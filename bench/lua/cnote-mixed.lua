-- Tracking spread evenly over JNE_SHIPMENTS (100,000) shipments, the airwaybills bench/run
-- created first (common.lua's airwaybill(): sequence numbers 1…N as the server issues them).
dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
local shipments = tonumber(os.getenv("JNE_SHIPMENTS") or "100000")

function request()
    return wrk.format("POST", "/tracing/api/list/v1/cnote/" .. airwaybill(math.random(shipments)),
        form_headers, credentials)
end
