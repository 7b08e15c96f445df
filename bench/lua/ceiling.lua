-- nginx answering the same tariff body: the HTTP ceiling on this machine.
dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/tracing/api/pricedev"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = credentials .. "&from=CGK10000&thru=BDO10000&weight=1"
