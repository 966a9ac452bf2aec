package dev.pacer.agent.ratelimit;

import dev.pacer.agent.Log;
import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.config.RedisConfig;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.AgentScope;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Keeps every bucket in Redis, so that every JVM naming the same limit shares one budget. Each decision is one
 * EVALSHA of a Lua script that refills and takes tokens atomically by Redis's own {@code TIME}, so client clocks
 * never matter.
 *
 * <p>Bucket keys are {@code <key-prefix>{<limit>}} and {@code <key-prefix>{<limit>:<key>}}; the braces make the whole
 * bucket name the Redis Cluster hash tag. Connections come from a pool of at most {@code pool-size} per server,
 * borrowing waits at most {@code timeout}, and Jedis returns each connection when the command ends, also when it
 * throws. On a single server, concurrent decisions wait at most {@code timeout} in a queue and go out together as
 * pipelines of EVALSHA commands, at most {@link #MAX_PIPELINES} at once ({@link PipelineCombiner}). On a Redis
 * Cluster each decision borrows a connection of its own.
 *
 * <p>When Redis fails, a decision takes at most about {@code timeout}, is counted as a store error, and follows
 * {@code on-error}. The {@link RedisCircuit} then keeps later decisions off Redis until a probe succeeds. Thread-safe.
 */
public final class RedisTokenBucketStore implements TokenBucketStore {

    /**
     * The largest number of pipelines in flight to a single Redis server. With 8 callers most decisions then go out
     * on their own, as without pipelines, and with 32 the queued ones still combine into batches. In steady-state
     * runs on loopback, 8 gave 95% to 101% of redis-benchmark's throughput with 8 callers, against 84% to 90% for 2.
     *
     * <p>NOTE: where the network round trip is much longer than Redis's work per batch, a decision that arrives while
     * every pipeline is in flight waits for one of them to return, which can add up to one round trip of latency.
     * Only loopback was measured.
     */
    static final int MAX_PIPELINES = 8;

    /** The largest number of decisions in one pipeline. */
    static final int MAX_BATCH = 64;

    /** EVALSHA's numkeys argument: the script takes one key. */
    private static final byte[] NUMKEYS = encode("1");

    private final RedisConfig config;
    private final RedisScript script = RedisScript.load();
    private final RedisCircuit circuit;
    private final TokenBucketStore fallbackStore;
    private final PipelineCombiner<CommandArguments> combiner;
    private final Object clientLock = new Object();
    private volatile UnifiedJedis client;
    private volatile boolean closed;

    /**
     * @param config        the Redis settings
     * @param fallbackStore the store whose buckets decide while Redis fails under {@code on-error: local}
     */
    public RedisTokenBucketStore(RedisConfig config, TokenBucketStore fallbackStore) {
        this.config = config;
        this.fallbackStore = fallbackStore;
        this.circuit = new RedisCircuit(target(config), config.probeIntervalNanos(), this::ping);
        this.combiner = config.cluster() ? null
                : new PipelineCombiner<>(Math.min(MAX_PIPELINES, config.poolSize()), MAX_BATCH, this::sendBatch);
    }

    @Override
    public RedisBudget budget(String limit, RateLimitSpec spec, RateLimitMetrics metrics) {
        RateLimitBudget fallback = config.onError() == RedisConfig.OnError.LOCAL
                ? fallbackStore.budget(limit, spec, metrics) : null;
        return new RedisBudget(limit, spec, metrics, fallback);
    }

    /** Returns how many times Redis became unreachable since start. */
    public long outages() {
        return circuit.outages();
    }

    /** Returns the number of decisions that wait for a pipeline; always 0 on a Redis Cluster. */
    int queuedDecisions() {
        return combiner == null ? 0 : combiner.queued();
    }

    /** Returns whether decisions currently go to Redis. */
    public boolean available() {
        return !circuit.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        circuit.close();
        synchronized (clientLock) {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * Returns the client, creating it on first use. Creating it connects to a Redis Cluster to read its slots, so it
     * happens on the first decision, where a failure is a store error, and never on the application's start-up path.
     */
    private UnifiedJedis client() {
        UnifiedJedis current = client;
        if (current != null) {
            return current;
        }
        synchronized (clientLock) {
            if (closed) {
                throw new IllegalStateException("the Redis store is closed");
            }
            if (client == null) {
                client = createClient(config);
            }
            return client;
        }
    }

    /** The buckets of one limit in Redis. */
    public final class RedisBudget implements RateLimitBudget {
        private final String limit;
        private final RateLimitMetrics metrics;
        private final RateLimitBudget fallback;
        private final List<byte[]> unkeyedKeys;
        private final KeyedBuckets<List<byte[]>> keyedKeys;
        private final byte[] capacityUnits;
        private final byte[] unitsPerMicro;
        private final byte[] unitsPerToken;
        private volatile ScriptArguments lastArguments;

        RedisBudget(String limit, RateLimitSpec spec, RateLimitMetrics metrics, RateLimitBudget fallback) {
            this.limit = limit;
            this.metrics = metrics;
            this.fallback = fallback;
            this.unkeyedKeys = List.of(encode(redisKey(null)));
            this.keyedKeys = new KeyedBuckets<>(KeyedBuckets.DEFAULT_MAX_KEYS, key -> List.of(encode(redisKey(key))));
            long periodMicros = spec.periodNanos() / 1000;
            long gcd = BigInteger.valueOf(spec.requests()).gcd(BigInteger.valueOf(periodMicros)).longValue();
            this.unitsPerToken = encode(Long.toString(periodMicros / gcd));
            this.unitsPerMicro = encode(Long.toString(spec.requests() / gcd));
            this.capacityUnits = encode(Long.toString(spec.capacity() * (periodMicros / gcd)));
        }

        /** Returns the Redis key of a bucket. */
        public String redisKey(String key) {
            return key == null
                    ? config.keyPrefix() + "{" + limit + "}"
                    : config.keyPrefix() + "{" + limit + ":" + key + "}";
        }

        /**
         * Returns the script's KEYS as UTF-8, from a cache of at most {@link KeyedBuckets#DEFAULT_MAX_KEYS} recently
         * used keys, so that a decision on a recent key encodes nothing.
         */
        List<byte[]> scriptKeys(String key) {
            return key == null ? unkeyedKeys : keyedKeys.get(key);
        }

        /** Returns the number of keyed Redis keys held in the cache. */
        int cachedKeys() {
            return keyedKeys.size();
        }

        /**
         * Returns the script's ARGV. The arguments of the last maximum wait are kept, because a limit is usually
         * decided with one maximum wait, so most decisions encode nothing.
         */
        List<byte[]> scriptArguments(long maxWaitNanos) {
            long maxWaitMicros = maxWaitNanos / 1000;
            ScriptArguments last = lastArguments;
            if (last != null && last.maxWaitMicros() == maxWaitMicros) {
                return last.values();
            }
            ScriptArguments created = new ScriptArguments(maxWaitMicros,
                    List.of(capacityUnits, unitsPerMicro, unitsPerToken, encode(Long.toString(maxWaitMicros))));
            lastArguments = created;
            return created.values();
        }

        @Override
        public long decide(String key, long maxWaitNanos) {
            if (circuit.isOpen()) {
                return fallBack(key, maxWaitNanos);
            }
            AgentScope.enter();
            try {
                List<?> reply = evaluate(scriptKeys(key), scriptArguments(maxWaitNanos));
                boolean admitted = ((Number) reply.get(0)).longValue() == 1;
                long microseconds = ((Number) reply.get(2)).longValue();
                long nanos = Math.max(1, microseconds * 1000);
                if (admitted) {
                    return microseconds == 0 ? 0 : nanos;
                }
                return -nanos;
            } catch (CircuitOpenException e) {
                // Queued while Redis was reachable, but the circuit opened before a pipeline took the decision.
                return fallBack(key, maxWaitNanos);
            } catch (PipelineFailureException e) {
                // The pipeline's sender opened the circuit with this failure already.
                metrics.countStoreError();
                return fallBack(key, maxWaitNanos);
            } catch (JedisDataException e) {
                // An error reply, such as WRONGTYPE for a key that something else wrote, or READONLY from a replica.
                // Redis is reachable, so the circuit stays closed and the next decision tries Redis again.
                metrics.countStoreError();
                AgentErrors.suppressed(e);
                Log.warnOnce("redis-reply:" + limit, "Redis returned an error for rate limit \"" + limit
                        + "\"; such decisions follow on-error: " + config.onError().name().toLowerCase(Locale.ROOT)
                        + ". Check that no other program writes keys under " + config.keyPrefix(), e);
                return fallBack(key, maxWaitNanos);
            } catch (RuntimeException e) {
                // A lost connection, a timeout or an exhausted pool (JedisException), or a reply of another shape.
                metrics.countStoreError();
                boolean opened = circuit.recordFailure(e, config.onError().name().toLowerCase(Locale.ROOT));
                if (opened) {
                    clearIdleConnections();
                }
                return fallBack(key, maxWaitNanos);
            } finally {
                AgentScope.exit();
            }
        }

        private long fallBack(String key, long maxWaitNanos) {
            metrics.countFallback();
            return switch (config.onError()) {
                case ALLOW -> 0;
                case DENY -> -config.probeIntervalNanos();
                case LOCAL -> fallback.decide(key, maxWaitNanos);
            };
        }

        @Override
        public void refresh() {
            if (fallback != null) {
                fallback.refresh();
            }
        }
    }

    /**
     * Runs the script by its digest, and loads it once more when Redis has lost it (NOSCRIPT). The keys and arguments
     * are shared between calls, and Jedis only reads them. On a single server, concurrent decisions go out together as
     * pipelines (see {@link #sendBatch}), and on a Redis Cluster each decision is a command of its own.
     */
    private List<?> evaluate(List<byte[]> keys, List<byte[]> arguments) {
        if (combiner != null) {
            CommandArguments evalsha = new CommandArguments(Protocol.Command.EVALSHA).add(script.sha1Bytes())
                    .add(NUMKEYS).key(keys.get(0));
            for (byte[] argument : arguments) {
                evalsha.add(argument);
            }
            return (List<?>) combiner.call(evalsha, config.timeoutNanos());
        }
        UnifiedJedis redis = client();
        try {
            return (List<?>) redis.evalsha(script.sha1Bytes(), keys, arguments);
        } catch (JedisNoScriptException e) {
            Log.debug("Redis lost the rate-limit script (restart, failover or SCRIPT FLUSH); loading it again");
            redis.scriptLoad(script.sourceBytes(), keys.get(0));
            return (List<?>) redis.evalsha(script.sha1Bytes(), keys, arguments);
        }
    }

    /**
     * Sends the EVALSHA commands of one batch as one pipeline on one pooled connection, which saves a write, a read
     * and a wake-up per decision on both sides. The calls that get a NOSCRIPT reply are sent once more after
     * SCRIPT LOAD, and an error reply fails only its own call. An exception fails every call of the batch that is not
     * complete, and the connection goes back to the pool in every case, broken ones to be destroyed.
     */
    private void sendBatch(List<PipelineCombiner.Call<CommandArguments>> calls) {
        if (circuit.isOpen()) {
            // A failed pipeline opened the circuit, so the decisions queued behind it skip Redis like later ones.
            throw new CircuitOpenException();
        }
        try {
            sendPipelines(calls);
        } catch (JedisDataException e) {
            throw e;
        } catch (RuntimeException e) {
            // The circuit opens before this sender wakes the next one, so the queued decisions see it open.
            if (circuit.recordFailure(e, config.onError().name().toLowerCase(Locale.ROOT))) {
                clearIdleConnections();
            }
            throw new PipelineFailureException(e);
        }
    }

    private void sendPipelines(List<PipelineCombiner.Call<CommandArguments>> calls) {
        RedisClient redis = (RedisClient) client();
        try (Connection connection = redis.getPool().getResource()) {
            List<PipelineCombiner.Call<CommandArguments>> lost = sendPipeline(connection, calls, true);
            if (!lost.isEmpty()) {
                Log.debug("Redis lost the rate-limit script (restart, failover or SCRIPT FLUSH); loading it again");
                connection.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add(Protocol.Keyword.LOAD)
                        .add(script.sourceBytes()));
                sendPipeline(connection, lost, false);
            }
        }
    }

    /**
     * Sends the calls' commands and completes each call with its reply. When {@code keepNoScript} is set, the calls
     * with a NOSCRIPT reply stay incomplete and are returned, and otherwise they fail like any other error reply.
     */
    private static List<PipelineCombiner.Call<CommandArguments>> sendPipeline(Connection connection,
            List<PipelineCombiner.Call<CommandArguments>> calls, boolean keepNoScript) {
        for (PipelineCombiner.Call<CommandArguments> call : calls) {
            connection.sendCommand(call.request());
        }
        List<Object> replies = connection.getMany(calls.size());
        List<PipelineCombiner.Call<CommandArguments>> lost = new ArrayList<>(0);
        for (int i = 0; i < calls.size(); i++) {
            Object reply = replies.get(i);
            PipelineCombiner.Call<CommandArguments> call = calls.get(i);
            if (keepNoScript && reply instanceof JedisNoScriptException) {
                lost.add(call);
            } else if (reply instanceof JedisDataException error) {
                call.fail(error);
            } else {
                call.complete(reply);
            }
        }
        return lost;
    }

    private static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Thrown to decisions that were queued for a pipeline when the circuit opened. */
    private static final class CircuitOpenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CircuitOpenException() {
            super("the Redis circuit opened while the decision was queued", null, false, false);
        }
    }

    /** Thrown to the decisions of a pipeline that failed, after the failure was recorded in the circuit. */
    private static final class PipelineFailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PipelineFailureException(RuntimeException cause) {
            super("the Redis pipeline failed: " + cause, cause, false, false);
        }
    }

    /** The script's ARGV for one maximum wait, encoded for Jedis's binary EVALSHA. */
    private record ScriptArguments(long maxWaitMicros, List<byte[]> values) {
    }

    /**
     * Closes the pooled connections that are idle, because after a Redis restart every one of them is broken and
     * each would fail one probe or decision before the pool replaced it.
     */
    private void clearIdleConnections() {
        UnifiedJedis current = client;
        try {
            if (current instanceof RedisClusterClient cluster) {
                cluster.getClusterNodes().values().forEach(pool -> pool.clear());
            } else if (current instanceof RedisClient single) {
                single.getPool().clear();
            }
        } catch (RuntimeException e) {
            Log.debug("Clearing idle Redis connections failed: " + e);
        }
    }

    private boolean ping() {
        AgentScope.enter();
        try {
            UnifiedJedis redis = client();
            if (redis instanceof RedisClusterClient cluster) {
                cluster.getClusterNodes().values().forEach(pool -> {
                    try (var connection = pool.getResource()) {
                        connection.ping();
                    }
                });
                return true;
            }
            return "PONG".equalsIgnoreCase(redis.ping());
        } catch (JedisException | IllegalStateException e) {
            Log.debug("Redis probe at " + target(config) + " failed: " + e);
            return false;
        } catch (RuntimeException e) {
            AgentErrors.suppressed(e);
            return false;
        } finally {
            AgentScope.exit();
        }
    }

    private static UnifiedJedis createClient(RedisConfig config) {
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.timeoutNanos() / 1_000_000));
        URI first = config.uris().get(0);
        DefaultJedisClientConfig.Builder clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("pacer")
                .ssl(JedisURIHelper.isRedisSSLScheme(first))
                .user(JedisURIHelper.getUser(first))
                .password(JedisURIHelper.getPassword(first));
        if (!config.cluster() && JedisURIHelper.hasDbIndex(first)) {
            clientConfig.database(JedisURIHelper.getDBIndex(first));
        }
        JedisClientConfig built = clientConfig.build();

        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(timeoutMillis));
        pool.setJmxEnabled(false);

        if (config.cluster()) {
            Set<HostAndPort> nodes = new LinkedHashSet<>();
            for (URI uri : config.uris()) {
                nodes.add(JedisURIHelper.getHostAndPort(uri));
            }
            return RedisClusterClient.builder().nodes(nodes).clientConfig(built).poolConfig(pool).maxAttempts(2)
                    .maxTotalRetriesDuration(Duration.ofMillis(timeoutMillis)).build();
        }
        return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(first)).clientConfig(built)
                .poolConfig(pool).build();
    }

    /** Returns the servers as host:port, without user or password, for log messages. */
    private static String target(RedisConfig config) {
        StringBuilder text = new StringBuilder();
        for (URI uri : config.uris()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(uri.getHost()).append(':').append(uri.getPort() < 0 ? 6379 : uri.getPort());
        }
        return text.toString();
    }
}
