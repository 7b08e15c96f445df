-- Tracking spread over JNE_SHIPMENTS (100,000) shipments, the airwaybills bench/run created
-- first: sequence numbers 1…N as the server issues them ("88", 13 digits, a Luhn digit).
dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
local shipments = tonumber(os.getenv("JNE_SHIPMENTS") or "100000")

local function airwaybill(sequence)
    local body = string.format("88%013d", sequence)
    local sum = 0
    for i = 0, #body - 1 do  -- Luhn, from the rightmost digit of the body, which is doubled
        local d = tonumber(body:sub(#body - i, #body - i))
        if i % 2 == 0 then
            d = d * 2
            if d > 9 then d = d - 9 end
        end
        sum = sum + d
    end
    return body .. tostring((10 - sum % 10) % 10)
end

function request()
    return wrk.format("POST", "/tracing/api/list/v1/cnote/" .. airwaybill(math.random(shipments)),
        form_headers, credentials)
end
