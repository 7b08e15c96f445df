-- Real checkout traffic: every request a new route, drawn from the whole sandbox catalogue
-- (a random origin of its 607, a random destination of its 7,352 codes) and a new weight of
-- 0.1–30 kg. Mostly cache misses, and a key mix no entry-count bound can hold.
dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
local origins = catalogue_column("origins.csv", 1)
local destinations = catalogue_column("destinations.csv", 7)
function request()
    local origin = origins[math.random(#origins)]
    local destination = destinations[math.random(#destinations)]
    local weight = math.random(1, 300) / 10
    return wrk.format("POST", "/tracing/api/pricedev", form_headers,
        credentials .. "&from=" .. origin .. "&thru=" .. destination .. "&weight=" .. weight)
end
