-- Shared by every route's script. Latency percentiles are printed at the end for bench/run.
-- With JNE_CHECK=1 (bench/run's separate short checking pass) every answer is inspected and
-- JNE's error bodies are counted; the measured runs do not parse answers in Lua, so that the
-- client is not the bottleneck (with the check, wrk itself tops out near 53 k req/s here).
errors = 0  -- a script may count its own (cnote-unknown.lua)

if os.getenv("JNE_CHECK") == "1" then
    -- Business errors are answered with HTTP 200, as JNE does: look in the body.
    function response(status, headers, body)
        if status ~= 200 or body:find('"error"', 1, true) or body:find('"Error"', 1, true) then
            errors = errors + 1
        end
    end
end

function done(summary, latency, requests)
    io.write(string.format("JNE_ERRORS %d\n", errors))
    io.write(string.format("JNE_P50_US %d\n", latency:percentile(50)))
    io.write(string.format("JNE_P99_US %d\n", latency:percentile(99)))
    io.write(string.format("JNE_P999_US %d\n", latency:percentile(99.9)))
end

credentials = "username=TESTAPI&api_key=25c898a9faea1a100859ecd9ef674548"
form_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

-- The airwaybill the server issues as its Nth ("88", 13 digits, a Luhn digit), as bench/run's
-- airwaybill() writes it.
function airwaybill(sequence)
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


-- A column of one of the sandbox catalogue's CSV files (JNE_DATA_DIR), each value once.
function catalogue_column(file, column)
    local values, seen, first = {}, {}, true
    for line in io.lines(os.getenv("JNE_DATA_DIR") .. "/" .. file) do
        if first then
            first = false
        else
            local i, value = 0, nil
            -- Quoted fields ("PANDEGLANG,KAB.PANDEGLANG") hold commas: only the codes are read,
            -- and they sit in the first or the last column.
            if column == 1 then value = line:match("^([^,]+)") else value = line:match("([^,\r]+)\r?$") end
            if value and not seen[value] then
                seen[value] = true
                values[#values + 1] = value
            end
        end
    end
    return values
end

math.randomseed(tonumber(os.getenv("JNE_RUN_ID") or os.time()))
