-- wrk script for benchmarks/load/run.sh: a weighted mix of the Galaxy sample's ported (modern) routes and of routes
-- forwarded to the legacy app, every request with the admin's x-api-key.
--
-- Input (environment, set by run.sh): LOAD_KEY (API key), LOAD_HISTORIES (encoded history ids, comma-separated),
-- LOAD_DATASET (an encoded dataset id), LOAD_JOB_HISTORY (the history POST /api/tools runs into), LOAD_MIX
-- (all | modern | forwarded), LOAD_WRITES (0 leaves the POST routes out).
--
-- Output (done()): requests/s, latency percentiles, socket errors, non-2xx responses, the requests sent per route, as
-- "LOAD name value" lines run.sh reads, and the non-2xx responses grouped by status and body excerpt.
--
-- wrk's Lua API does not say which connection a response belongs to (one thread serves many connections, so responses
-- do not come back in the order request() built them): non-2xx are attributed by status and the start of Galaxy's
-- error body, not by route. With one connection per thread (LOAD_ATTRIBUTE=1, run.sh's check passes before and
-- after the load) a response answers the request built last, and non-2xx are attributed to their route.

local function env(name, default)
    local value = os.getenv(name)
    if value == nil or value == "" then
        if default == nil then
            error("mix.lua: " .. name .. " is not set")
        end
        return default
    end
    return value
end

local function split(text)
    local items = {}
    for item in string.gmatch(text, "[^,]+") do
        items[#items + 1] = item
    end
    return items
end

-- The routes: name, side, weight and a function building the request (i: the rotation step, for varying ids).
local function routes(histories, dataset, jobHistory)
    local function history(i) return histories[(i % #histories) + 1] end
    return {
        { name = "GET /api/histories?limit=20",          side = "modern",    weight = 4, method = "GET",
          path = function() return "/api/histories?limit=20" end },
        { name = "GET /api/histories/{id}",              side = "modern",    weight = 4, method = "GET",
          path = function(i) return "/api/histories/" .. history(i) end },
        { name = "GET /api/version",                     side = "modern",    weight = 2, method = "GET",
          path = function() return "/api/version" end },
        { name = "GET /api/users/current",               side = "modern",    weight = 3, method = "GET",
          path = function() return "/api/users/current" end },
        { name = "GET /api/datasets/{id}",               side = "modern",    weight = 3, method = "GET",
          path = function() return "/api/datasets/" .. dataset end },
        { name = "POST /api/histories",                  side = "modern",    weight = 1, method = "POST",
          path = function() return "/api/histories" end,
          body = function(i) return '{"name": "load ' .. i .. '"}' end },
        { name = "GET /api/tools",                       side = "forwarded", weight = 3, method = "GET",
          path = function() return "/api/tools" end },
        { name = "GET /api/tools?in_panel=False",        side = "forwarded", weight = 2, method = "GET",
          path = function() return "/api/tools?in_panel=False" end },
        { name = "GET /api/histories/{id}/contents",     side = "forwarded", weight = 4, method = "GET",
          path = function(i) return "/api/histories/" .. history(i) .. "/contents" end },
        { name = "POST /api/tools",                      side = "forwarded", weight = 1, method = "POST",
          path = function() return "/api/tools" end,
          body = function() return '{"tool_id": "cat1", "history_id": "' .. jobHistory .. '"}' end },
    }
end

-- Main state: the threads, to read their counters in done().
local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(threads, thread)
end

-- Thread state.
local schedule = {}   -- prebuilt requests, in the rotation order
local names = {}      -- route name per schedule slot
local position = 0
sent = {}             -- requests built per route name
non2xx = {}           -- "status body-excerpt" -> count
non2xx_total = 0
last = nil            -- the route of the request built last
attribute = false     -- LOAD_ATTRIBUTE=1: one connection per thread, so a response belongs to the request built last

function init(args)
    local mix = env("LOAD_MIX", "all")
    if mix ~= "all" and mix ~= "modern" and mix ~= "forwarded" then
        error("mix.lua: LOAD_MIX must be all, modern or forwarded, not " .. mix)
    end

    local writes = env("LOAD_WRITES", "1") ~= "0"
    local key = env("LOAD_KEY")
    local histories = split(env("LOAD_HISTORIES"))
    local selected = {}
    for _, route in ipairs(routes(histories, env("LOAD_DATASET"), env("LOAD_JOB_HISTORY"))) do
        if (mix == "all" or route.side == mix) and (writes or route.method == "GET") then
            selected[#selected + 1] = route
        end
    end

    -- Interleave by weight (a route of weight w appears w times per round, spread over the round), and repeat the round
    -- once per history so that the id-bearing routes visit every history.
    local rounds = #histories
    local step = 0
    for round = 1, rounds do
        local remaining = {}
        local left = 0
        for r, route in ipairs(selected) do
            remaining[r] = route.weight
            left = left + route.weight
        end
        while left > 0 do
            for r, route in ipairs(selected) do
                if remaining[r] > 0 then
                    remaining[r] = remaining[r] - 1
                    left = left - 1
                    step = step + 1
                    local headers = { ["x-api-key"] = key, ["Accept"] = "application/json" }
                    local body = nil
                    if route.body then
                        body = route.body(step)
                        headers["Content-Type"] = "application/json"
                    end
                    schedule[#schedule + 1] = wrk.format(route.method, route.path(round + r), headers, body)
                    names[#names + 1] = route.name
                    sent[route.name] = 0
                end
            end
        end
    end

    -- Threads start at different points of the rotation.
    position = (((id or 1) - 1) * 7) % #schedule
    attribute = env("LOAD_ATTRIBUTE", "0") == "1"
end

function request()
    position = position % #schedule + 1
    last = names[position]
    sent[last] = sent[last] + 1
    return schedule[position]
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx_total = non2xx_total + 1
        local excerpt = body and string.gsub(string.sub(body, 1, 160), "%s+", " ") or ""
        local group = tostring(status) .. " " .. excerpt
        if attribute then
            -- One connection per thread (run.sh's check pass): the response answers the request built last.
            group = last .. " -> " .. group
        end
        non2xx[group] = (non2xx[group] or 0) + 1
    end
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    local totalSent, totalNon2xx, routeSent, groups = 0, 0, {}, {}
    for _, thread in ipairs(threads) do
        for name, count in pairs(thread:get("sent")) do
            routeSent[name] = (routeSent[name] or 0) + count
            totalSent = totalSent + count
        end
        totalNon2xx = totalNon2xx + thread:get("non2xx_total")
        for group, count in pairs(thread:get("non2xx")) do
            groups[group] = (groups[group] or 0) + count
        end
    end

    local function line(name, value) io.write(string.format("LOAD %s %s\n", name, value)) end
    line("requests", summary.requests)
    line("seconds", string.format("%.2f", seconds))
    line("rps", string.format("%.1f", summary.requests / seconds))
    line("bytes_per_s", string.format("%.0f", summary.bytes / seconds))
    for _, p in ipairs({ 50, 75, 90, 99, 99.9 }) do
        line("latency_p" .. p .. "_ms", string.format("%.2f", latency:percentile(p) / 1000))
    end
    line("latency_mean_ms", string.format("%.2f", latency.mean / 1000))
    line("latency_max_ms", string.format("%.2f", latency.max / 1000))
    line("errors_connect", e.connect)
    line("errors_read", e.read)
    line("errors_write", e.write)
    line("errors_timeout", e.timeout)
    line("errors_status_wrk", e.status)   -- wrk's own count: status > 399
    line("non2xx", totalNon2xx)           -- ours: any status outside 200-299
    local ordered = {}
    for name in pairs(routeSent) do ordered[#ordered + 1] = name end
    table.sort(ordered)
    for _, name in ipairs(ordered) do
        line("route", string.format("%6.2f%% %9d  %s", 100 * routeSent[name] / math.max(totalSent, 1), routeSent[name], name))
    end
    for group, count in pairs(groups) do
        line("non2xx_group", string.format("%d  %s", count, group))
    end
end
