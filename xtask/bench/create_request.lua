-- wrk script for POST /api/v1/requests: every request is a new guest
-- consultation with its own Idempotency-Key and access key, as the portal's
-- outbox would send it.
-- Seeded from the clock, so the warm-up and the measured run (and every
-- bench run) send new keys rather than replays.
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local counter = 0
local thread_tag = tostring(math.random(100000000, 999999999))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"type":"consultation","severity":"normal","locale":"en","fields":{
  "contact_name":"Load Test","phone":"+86 138 0000 0000","product_model":"BW-200",
  "topic":"usage","description":"How do I change the label size on the BW-200?"}}]]

request = function()
  counter = counter + 1
  local unique = thread_tag .. "-" .. counter
  wrk.headers["Idempotency-Key"] = "bench-" .. unique
  -- 22+ base64url characters: at least 128 bits, as the contract asks.
  wrk.headers["X-Access-Key"] = "benchbenchbenchbench-" .. unique
  return wrk.format()
end
