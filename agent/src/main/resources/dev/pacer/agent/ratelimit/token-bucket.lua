-- Takes one token from a token bucket kept in the hash KEYS[1], atomically, by the Redis server's own clock.
--
-- The hash contains units (tokens scaled by ARGV[3]), at (the time of the last update in microseconds by TIME) and cost
-- (the units of one token when it was written). Scaling makes a refill of requests per period exact: one token is
-- period / gcd(requests, period) units, and each microsecond adds requests / gcd(requests, period) units. Every value
-- stays below 2^53, where Lua's doubles hold integers exactly; the agent checks that bound when it loads agent.yaml.
-- A missing hash is a full bucket, so the key may expire as soon as the bucket would be full again.
--
-- ARGV[1] capacity in units, ARGV[2] units added per microsecond, ARGV[3] units per token,
-- ARGV[4] the longest wait in microseconds for which the next token may be reserved (0: take only a present token).
-- Returns {admitted (1 or 0), whole tokens left, microseconds to park before proceeding when admitted, or until the
-- next token is due when rejected}.

local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local max_wait = tonumber(ARGV[4])

local function ceil_div(dividend, divisor)
  local quotient = math.floor(dividend / divisor)
  if quotient * divisor < dividend then
    quotient = quotient + 1
  end
  return quotient
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local units = capacity
local state = redis.call('HMGET', KEYS[1], 'units', 'at', 'cost')
if state[1] then
  units = tonumber(state[1])
  local stored_cost = tonumber(state[3])
  if stored_cost ~= cost then
    -- The period or rate changed: keep the same number of whole tokens.
    units = math.floor(units / stored_cost) * cost
  end
  local at = tonumber(state[2])
  if now > at then
    local to_full = ceil_div(capacity - units, rate)
    if now - at >= to_full then
      units = capacity
    else
      units = units + (now - at) * rate
    end
  else
    -- TIME went back, as it may after a failover: refill nothing until it passes the stored time.
    now = at
  end
  if units > capacity then
    units = capacity
  end
end

local admitted = 0
local wait = 0
if units >= cost then
  units = units - cost
  admitted = 1
else
  wait = ceil_div(cost - units, rate)
  if wait <= max_wait then
    units = units - cost
    admitted = 1
  end
end

redis.call('HSET', KEYS[1], 'units', units, 'at', now, 'cost', cost)
local until_full_millis = ceil_div(ceil_div(capacity - units, rate), 1000)
redis.call('PEXPIRE', KEYS[1], math.max(1, until_full_millis))

local tokens = 0
if units > 0 then
  tokens = math.floor(units / cost)
end
return {admitted, tokens, wait}
