-- Tracking as it goes while parcels move: 80 % of requests ask for the 10 % of the JNE_SHIPMENTS
-- shipments created last, the rest for any of them (cnote-mixed's uniform draw).
dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
local shipments = tonumber(os.getenv("JNE_SHIPMENTS") or "100000")
local recent = math.max(1, math.floor(shipments / 10))

function request()
    local sequence = math.random() < 0.8 and shipments - recent + math.random(recent)
        or math.random(shipments)
    return wrk.format("POST", "/tracing/api/list/v1/cnote/" .. airwaybill(sequence),
        form_headers, credentials)
end
