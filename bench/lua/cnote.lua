dofile(os.getenv("JNE_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/tracing/api/list/v1/cnote/5403212200022724"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = credentials
