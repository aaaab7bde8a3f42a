"""The dialer's state in Redis: the schedule of due contacts, leases on claimed ones, live-call counts
and pacing buckets. All of it can be rebuilt from the database (see ``store.rebuild``); the Lua scripts
make each step atomic, so any number of runtime processes share one campaign without dialling a contact
twice. Due contacts are claimed highest priority first (a "call now" task before the bulk of a list),
earliest first within a priority. The scripts name some keys they build (the bands): the dialer needs a
standalone Redis (or Sentinel), not Redis Cluster. Keys (docs/dialer.md):

    dialer:bands:{campaign}          SET the contact priorities that have a schedule band
    dialer:due:{campaign}:{priority} ZSET contact id → when due (epoch seconds of the dialer clock; 0: now)
    dialer:leases                    ZSET contact id → lease expiry (real epoch seconds)
    dialer:owners                    HASH contact id → the runtime (dialer instance) holding its lease
    dialer:live:{campaign}           HASH contact id → JSON of the live call, for the progress feed
    dialer:chan:campaign:{campaign}  ZSET contact id → lease expiry: the campaign's live calls
    active_calls:{tenant}            ZSET the tenant's live calls, inbound ones included (call_limits.py)
    dialer:chan:trunk:{trunk}        ZSET contact id → lease expiry: the trunk's live calls
    dialer:cps:{scope}:{id}          HASH tokens, at: a token bucket per campaign, tenant and trunk
    dialer:version:{campaign}        STRING bumped by every campaign change (signals.campaign_changed)
    dialer:built:{campaign}          STRING the campaign version its schedule was last rebuilt for (expires)
    dialer:recent:{campaign}         ZSET attempt id → real epoch seconds of its originate (last minute)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from redis.asyncio import Redis

LEASES = "dialer:leases"
OWNERS = "dialer:owners"
BURST_SECONDS = 0.25  # a bucket holds this many seconds of calls: originations stay spread out
ASAP = 0.0  # the score of "as soon as allowed": before anything timed


def bands_key(campaign_id: str) -> str:
    return f"dialer:bands:{campaign_id}"


def due_prefix(campaign_id: str) -> str:
    return f"dialer:due:{campaign_id}:"


def live_key(campaign_id: str) -> str:
    return f"dialer:live:{campaign_id}"


def campaign_channels_key(campaign_id: str) -> str:
    return f"dialer:chan:campaign:{campaign_id}"


def tenant_channels_key(tenant_id: str) -> str:
    return f"active_calls:{tenant_id}"  # shared with inbound calls: one limit of lines per tenant


def trunk_channels_key(trunk: str) -> str:
    return f"dialer:chan:trunk:{trunk}"


def bucket_key(scope: str, name: str) -> str:
    return f"dialer:cps:{scope}:{name}"


def version_key(campaign_id: str) -> str:
    return f"dialer:version:{campaign_id}"


def built_key(campaign_id: str) -> str:
    return f"dialer:built:{campaign_id}"


def recent_key(campaign_id: str) -> str:
    return f"dialer:recent:{campaign_id}"


def score(due_at: float | None) -> float:
    return ASAP if due_at is None else due_at


# Claims up to ARGV[5] contacts due by ARGV[1] (dialer clock) of one campaign — its priority bands from the
# highest — within its, its tenant's and its trunk's free channels and call-rate tokens (real time
# ARGV[2]), unless the campaign changed since the caller read it (version). Claimed contacts leave the
# schedule and get a lease and a channel each. Returns {limiter, next due score or '', contact ids...}.
_CLAIM = """
local version = redis.call('GET', KEYS[10]) or '0'
if version ~= ARGV[6] then return {'stale', ''} end
local now = tonumber(ARGV[2])
local n = tonumber(ARGV[5])
local limiter = 'want'
local function channels(key, limit, name)
  if limit < 0 then return end
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local free = limit - redis.call('ZCARD', key)
  if free < n then n = free; limiter = name end
end
local function tokens(key, rate, name)
  if rate < 0 then return end
  if rate == 0 then n = 0; limiter = name; return end
  local burst = math.max(1, rate * tonumber(ARGV[13]))
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local have = tonumber(state[1]) or burst
  local at = tonumber(state[2]) or now
  have = math.min(burst, have + math.max(0, now - at) * rate)
  redis.call('HSET', key, 'tokens', tostring(have), 'at', ARGV[2])
  redis.call('EXPIRE', key, 3600)
  if math.floor(have) < n then n = math.floor(have); limiter = name end
end
channels(KEYS[4], tonumber(ARGV[7]), 'campaign')
channels(KEYS[5], tonumber(ARGV[9]), 'tenant')
channels(KEYS[6], tonumber(ARGV[11]), 'trunk')
tokens(KEYS[7], tonumber(ARGV[8]), 'campaign')
tokens(KEYS[8], tonumber(ARGV[10]), 'tenant')
tokens(KEYS[9], tonumber(ARGV[12]), 'trunk')
local bands = redis.call('SMEMBERS', KEYS[1])
table.sort(bands, function(a, b) return tonumber(a) > tonumber(b) end)
local ids = {}
for _, band in ipairs(bands) do
  if #ids >= n then break end
  local key = ARGV[14] .. band
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', key, '-inf', ARGV[1], 'LIMIT', 0, n - #ids)) do
    redis.call('ZREM', key, id)
    table.insert(ids, id)
  end
end
local expiry = ARGV[3]
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[2], expiry, id)
  redis.call('HSET', KEYS[3], id, ARGV[4])
  redis.call('ZADD', KEYS[4], expiry, id)
  redis.call('ZADD', KEYS[5], expiry, id)
  if tonumber(ARGV[11]) >= 0 then redis.call('ZADD', KEYS[6], expiry, id) end
end
local taken = #ids
if taken > 0 then
  for i = 7, 9 do
    if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('HINCRBYFLOAT', KEYS[i], 'tokens', -taken) end
  end
  for i = 4, 6 do redis.call('EXPIRE', KEYS[i], 86400) end
end
if taken < n then limiter = 'due' end
local head = nil
for _, band in ipairs(bands) do
  local first = redis.call('ZRANGE', ARGV[14] .. band, 0, 0, 'WITHSCORES')
  if first[2] then
    if head == nil or tonumber(first[2]) < head then head = tonumber(first[2]) end
  else
    redis.call('SREM', KEYS[1], band)
  end
end
local result = {limiter, head and tostring(head) or ''}
for _, id in ipairs(ids) do table.insert(result, id) end
return result
"""

# Puts a contact on its campaign's schedule in the band of its priority (out of any other band), unless a
# live lease holds it. KEYS: bands, leases. ARGV: due prefix, then id, score, priority, ...
_PUT = """
local function put(id, score, priority)
  for _, band in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    if band ~= priority then redis.call('ZREM', ARGV[1] .. band, id) end
  end
  redis.call('ZADD', ARGV[1] .. priority, score, id)
  redis.call('SADD', KEYS[1], priority)
end
"""
_SCHEDULE = _PUT + """
local added = 0
for i = 2, #ARGV, 3 do
  if not redis.call('ZSCORE', KEYS[2], ARGV[i]) then
    put(ARGV[i], ARGV[i + 1], ARGV[i + 2])
    added = added + 1
  end
end
return added
"""

# Ends leases this owner holds: frees their channels, drops their live-call entries and, for those given a
# score, puts them back on the schedule. Leases another owner took over are left alone.
# KEYS: leases, owners, then per contact: bands, live, campaign channels, tenant channels, trunk channels.
# ARGV: owner, then per contact: id, score ('' = not rescheduled), priority, due prefix.
_RELEASE = """
local released = 0
for i = 2, #ARGV, 4 do
  local id = ARGV[i]
  local k = 3 + (i - 2) / 4 * 5
  local owner = redis.call('HGET', KEYS[2], id)
  if owner == ARGV[1] or not owner then
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
    redis.call('HDEL', KEYS[k + 1], id)
    redis.call('ZREM', KEYS[k + 2], id)
    redis.call('ZREM', KEYS[k + 3], id)
    redis.call('ZREM', KEYS[k + 4], id)
    if ARGV[i + 1] ~= '' then
      redis.call('ZADD', ARGV[i + 3] .. ARGV[i + 2], ARGV[i + 1], id)
      redis.call('SADD', KEYS[k], ARGV[i + 2])
    end
    released = released + 1
  end
end
return released
"""

# Extends the leases of live calls. Returns, per contact, 1 renewed, 0 lost (another owner has it),
# -1 missing (Redis lost it: the caller checks the database before adopting it again).
# KEYS: leases, owners, then per contact: campaign, tenant, trunk channels. ARGV: owner, expiry, ids...
_RENEW = """
local result = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  local k = 3 + (i - 3) * 3
  local owner = redis.call('HGET', KEYS[2], id)
  if owner == ARGV[1] then
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    redis.call('ZADD', KEYS[k], ARGV[2], id)
    redis.call('ZADD', KEYS[k + 1], ARGV[2], id)
    redis.call('ZADD', KEYS[k + 2], ARGV[2], id)
    table.insert(result, 1)
  elseif owner then
    table.insert(result, 0)
  else
    table.insert(result, -1)
  end
end
return result
"""

# Takes a lease that nobody holds (after Redis lost it, or for the schedule rebuild): owner ARGV[1].
# KEYS: leases, owners; ARGV: owner, expiry, ids... Returns the ids taken.
_ADOPT = """
local taken = {}
for i = 3, #ARGV do
  if not redis.call('HGET', KEYS[2], ARGV[i]) then
    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i])
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
    table.insert(taken, ARGV[i])
  end
end
return taken
"""

# Takes over up to ARGV[3] leases that expired before ARGV[2] (their holder stopped renewing them: it died
# or lost Redis) for owner ARGV[1], until ARGV[4]. Returns {id, previous owner, ...}.
_STEAL = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local result = {}
for _, id in ipairs(ids) do
  local previous = redis.call('HGET', KEYS[2], id) or ''
  redis.call('ZADD', KEYS[1], ARGV[4], id)
  redis.call('HSET', KEYS[2], id, ARGV[1])
  table.insert(result, id)
  table.insert(result, previous)
end
return result
"""

# Whether the schedule needs rebuilding: not yet for this campaign version (ARGV[1]) or not for a while.
_MARK_BUILT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
return 1
"""


@dataclass(frozen=True)
class Limits:
    """Channels and calls per second of one scope; -1: unlimited."""

    channels: int = -1
    cps: float = -1.0


@dataclass(frozen=True)
class ClaimScope:
    campaign_id: str
    tenant_id: str
    trunk: str
    version: str
    campaign: Limits
    tenant: Limits
    trunk_limits: Limits


@dataclass(frozen=True)
class Claimed:
    ids: list[str]
    limiter: str  # what stopped the claim: due (nothing more due), want, campaign, tenant, trunk or stale
    next_score: float | None  # the earliest score left on the schedule


@dataclass(frozen=True)
class Release:
    campaign_id: str
    tenant_id: str
    trunk: str
    contact_id: str
    score: float | None = None  # put back on the schedule, due then
    priority: int = 0  # in this band
    refund: bool = False


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class Schedule:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._claim = redis.register_script(_CLAIM)
        self._schedule = redis.register_script(_SCHEDULE)
        self._release = redis.register_script(_RELEASE)
        self._renew = redis.register_script(_RENEW)
        self._adopt = redis.register_script(_ADOPT)
        self._steal = redis.register_script(_STEAL)
        self._mark_built = redis.register_script(_MARK_BUILT)

    async def claim(self, scope: ClaimScope, *, due_by: float, real_now: float, lease_until: float, owner: str,
                    want: int) -> Claimed:
        keys = [bands_key(scope.campaign_id), LEASES, OWNERS, campaign_channels_key(scope.campaign_id),
                tenant_channels_key(scope.tenant_id), trunk_channels_key(scope.trunk),
                bucket_key("campaign", scope.campaign_id), bucket_key("tenant", scope.tenant_id),
                bucket_key("trunk", scope.trunk), version_key(scope.campaign_id)]
        args = [repr(due_by), repr(real_now), repr(lease_until), owner, want, scope.version,
                scope.campaign.channels, repr(scope.campaign.cps), scope.tenant.channels, repr(scope.tenant.cps),
                scope.trunk_limits.channels, repr(scope.trunk_limits.cps), BURST_SECONDS,
                due_prefix(scope.campaign_id)]
        reply = await self._claim(keys=keys, args=args)
        head = _text(reply[1])
        return Claimed([_text(i) for i in reply[2:]], _text(reply[0]), float(head) if head else None)

    async def schedule(self, campaign_id: str, entries: Iterable[tuple[str, float, int]]) -> int:
        """Puts contacts (id, score, priority) on the schedule unless leased; returns how many."""
        args: list = []
        for contact_id, due, priority in entries:
            args += [contact_id, repr(due), str(priority)]
        added = 0
        for start in range(0, len(args), 3000):  # bounded scripts: Redis runs nothing else meanwhile
            added += await self._schedule(keys=[bands_key(campaign_id), LEASES],
                                          args=[due_prefix(campaign_id), *args[start:start + 3000]])
        return added

    async def due_count(self, campaign_id: str, by: float | str = "+inf") -> int:
        """Contacts on the campaign's schedule due by ``by``."""
        bands = await self.redis.smembers(bands_key(campaign_id))
        async with self.redis.pipeline(transaction=False) as pipe:
            for band in bands:
                pipe.zcount(due_prefix(campaign_id) + _text(band), "-inf", by)
            return sum(await pipe.execute())

    async def forget(self, campaign_ids: list[str]) -> None:
        """Drops the schedules of campaigns that finished."""
        keys = []
        for campaign_id in campaign_ids:
            keys += [bands_key(campaign_id), built_key(campaign_id)]
            keys += [due_prefix(campaign_id) + _text(b) for b in await self.redis.smembers(bands_key(campaign_id))]
        if keys:
            await self.redis.delete(*keys)

    async def release(self, owner: str, releases: list[Release]) -> int:
        """Ends leases (see _RELEASE); ``refund`` gives back the call-rate token of a claim that did not dial."""
        if not releases:
            return 0
        keys, args = [LEASES, OWNERS], [owner]
        for item in releases:
            keys += [bands_key(item.campaign_id), live_key(item.campaign_id), campaign_channels_key(item.campaign_id),
                     tenant_channels_key(item.tenant_id), trunk_channels_key(item.trunk)]
            args += [item.contact_id, "" if item.score is None else repr(item.score), str(item.priority),
                     due_prefix(item.campaign_id)]
        released = await self._release(keys=keys, args=args)
        refunds: dict[str, int] = {}
        for item in releases:
            if item.refund:
                for key in (bucket_key("campaign", item.campaign_id), bucket_key("tenant", item.tenant_id),
                            bucket_key("trunk", item.trunk)):
                    refunds[key] = refunds.get(key, 0) + 1
        if refunds:
            async with self.redis.pipeline(transaction=False) as pipe:
                for key, count in refunds.items():
                    pipe.hincrbyfloat(key, "tokens", count)
                await pipe.execute()
        return released

    async def renew(self, owner: str, lease_until: float, leases: list[tuple[str, str, str, str]]) -> list[int]:
        """``leases``: (contact id, campaign id, tenant id, trunk) of this owner's live calls."""
        if not leases:
            return []
        keys, args = [LEASES, OWNERS], [owner, repr(lease_until)]
        for contact_id, campaign_id, tenant_id, trunk in leases:
            keys += [campaign_channels_key(campaign_id), tenant_channels_key(tenant_id), trunk_channels_key(trunk)]
            args.append(contact_id)
        return [int(x) for x in await self._renew(keys=keys, args=args)]

    async def adopt(self, owner: str, lease_until: float, contact_ids: list[str]) -> list[str]:
        if not contact_ids:
            return []
        taken = await self._adopt(keys=[LEASES, OWNERS], args=[owner, repr(lease_until), *contact_ids])
        return [_text(i) for i in taken]

    async def steal_expired(self, owner: str, real_now: float, lease_until: float, limit: int = 50
                            ) -> list[tuple[str, str]]:
        reply = await self._steal(keys=[LEASES, OWNERS], args=[owner, repr(real_now), limit, repr(lease_until)])
        return [(_text(reply[i]), _text(reply[i + 1])) for i in range(0, len(reply), 2)]

    async def built_recently(self, campaign_id: str, version: str, ttl_seconds: int) -> bool:
        """True when someone rebuilt this campaign's schedule for this version of it within ``ttl_seconds``;
        else claims the job (one process per version and period)."""
        return not await self._mark_built(keys=[built_key(campaign_id)], args=[version, ttl_seconds])

    async def versions(self, campaign_ids: list[str]) -> dict[str, str]:
        if not campaign_ids:
            return {}
        values = await self.redis.mget([version_key(c) for c in campaign_ids])
        return {c: _text(v) if v is not None else "0" for c, v in zip(campaign_ids, values)}

    async def has_work(self, campaign_id: str, real_now: float) -> tuple[int, int]:
        """(contacts on the schedule, live calls) of a campaign."""
        live = await self.redis.zcount(campaign_channels_key(campaign_id), repr(real_now), "+inf")
        return await self.due_count(campaign_id), live

