dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/insert/getdestination"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = credentials
