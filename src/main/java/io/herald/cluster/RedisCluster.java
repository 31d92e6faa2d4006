package io.herald.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.herald.config.ClusterOptions;
import io.herald.util.ProtocolLog;
import io.herald.util.SessionIds;
import io.herald.protocol.ProtocolException;
import io.herald.registry.ClusterBroadcast;
import io.herald.registry.ClusterLink;
import io.herald.registry.ClusterStatus;
import io.herald.registry.Registry;
import io.herald.util.RateLimitedLog;
import io.herald.recovery.RecoveryEntry;
import io.herald.recovery.RecoveryStore;
import io.herald.recovery.SessionRecovery.SavedSession;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster over Redis pub/sub, in the wire format of socket.io's Redis adapter. Two connections: one
 * subscribed (the broadcast pattern, the request and response channels of every namespace) and one that
 * publishes. Lettuce reconnects and resubscribes by itself; while Redis is away, publishing fails at once
 * (it is not queued), local delivery goes on, and {@link #status()} says {@code degraded}. A node that finds
 * Redis down at start keeps trying.
 */
public final class RedisCluster implements ClusterLink, RecoveryStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisCluster.class.getName());
    private static final long RETRY_MILLIS = 2000;

    private final Registry registry;
    private final ClusterOptions options;
    private final ScheduledExecutorService timers;
    private final String nodeId = "herald-" + new SessionIds().get().substring(0, 10);
    private final Map<String, ClusterChannels> channels = new LinkedHashMap<>(); // by namespace
    private final Map<String, PendingFetch> pending = new ConcurrentHashMap<>();
    private ClientResources resources; // made on the Redis thread, see io
    private RedisClient client;
    private final RequestHandler requests;
    private volatile StatefulRedisConnection<byte[], byte[]> pub;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> sub;
    /**
     * Every call into Lettuce is made on this thread. Netty leaves thread-locals on the threads that write to its
     * channels; on the container's request threads they would pin this web application's classes after an
     * undeploy, on this thread they end with it.
     */
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herald-redis");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile boolean warnedDown;

    public RedisCluster(Registry registry, Collection<String> namespaces, ClusterOptions options, ScheduledExecutorService timers) {
        this.registry = registry;
        this.options = options;
        this.timers = timers;
        for (String ns : namespaces) channels.put(ns, ClusterChannels.of(options.key(), ns, nodeId));
        this.requests = new RequestHandler(registry, nodeId, this::publish);
        try {
            RedisURI.create(options.redis()); // a typo in the setting fails the start, not a background thread
        } catch (RuntimeException e) {
            // Lettuce's message and cause may quote the whole URI, password included: neither is passed on
            throw new IllegalArgumentException("setting herald.cluster.redis is not a Redis URI: " + redacted(options.redis())
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The setting as it may be shown: the user and password before the last {@code @} and any {@code password=} query
     * parameter replaced by {@code ***}, the rest (scheme, host, port, options) kept to find a typo with.
     */
    static String redacted(String uri) {
        String redacted = uri;
        int at = uri.lastIndexOf('@'); // the last: a password may hold / or @
        if (at >= 0) {
            int scheme = uri.indexOf("://");
            String prefix = scheme >= 0 && scheme < at ? uri.substring(0, scheme + 3) : "";
            redacted = prefix + "***" + uri.substring(at);
        }
        return redacted.replaceAll("(?i)([?&](password|pass|pwd)=)[^&#]*", "$1***");
    }

    /** Connects (waiting for the first attempt, so a node starts subscribed), or keeps trying in the background. */
    public RedisCluster start() {
        try {
            io.submit(this::connect).get(options.requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Herald cluster: first connection attempt did not finish", e);
        }
        return this;
    }

    /** Runs a Lettuce call on the Redis thread; dropped once the cluster is closed. */
    private void onIoThread(Runnable call) {
        try {
            io.execute(call);
        } catch (RejectedExecutionException e) {
            // closed: nothing more goes to Redis
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** Lettuce's threads and client, made on the Redis thread: made elsewhere, Netty's thread-locals stay behind. */
    private void createClient() {
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                // back within two seconds of Redis returning, however long it was away (Lettuce's default waits up to 30 s)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(RETRY_MILLIS), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(options.redis());
        uri.setTimeout(options.requestTimeout()); // recovery reads wait at most this long, then fall back to memory
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    private void connect() {
        if (closed) return;
        if (client == null) createClient();
        try {
            if (sub == null) {
                StatefulRedisPubSubConnection<byte[], byte[]> s = client.connectPubSub(ByteArrayCodec.INSTANCE);
                s.addListener(new Listener());
                List<byte[]> plain = new ArrayList<>();
                for (ClusterChannels c : channels.values()) {
                    s.sync().psubscribe(c.broadcastPattern());
                    plain.add(c.request().getBytes(UTF_8));
                    plain.add(c.response().getBytes(UTF_8));
                    plain.add(c.ownResponse().getBytes(UTF_8));
                }
                s.sync().subscribe(plain.toArray(byte[][]::new));
                sub = s;
            }
            if (pub == null) pub = client.connect(ByteArrayCodec.INSTANCE);
            LOG.info(() -> "Herald cluster node " + nodeId + " connected to Redis at " + redactedUri());
            warnedDown = false;
        } catch (RuntimeException e) {
            if (!warnedDown) {
                LOG.warning("Herald cluster: Redis at " + redactedUri() + " cannot be reached (" + e.getMessage()
                        + "); delivering on this node only, retrying every " + RETRY_MILLIS + " ms");
                warnedDown = true;
            }
            if (!closed) timers.schedule(() -> onIoThread(this::connect), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private String redactedUri() {
        RedisURI uri = RedisURI.create(options.redis());
        return uri.getHost() + ":" + uri.getPort();
    }

    private boolean connected() {
        StatefulRedisConnection<byte[], byte[]> p = pub;
        StatefulRedisPubSubConnection<byte[], byte[]> s = sub;
        return p != null && s != null && p.isOpen() && s.isOpen();
    }

    @Override
    public ClusterStatus status() {
        return new ClusterStatus("redis", connected() ? "ok" : "degraded", nodeId);
    }

    @Override
    public void broadcast(ClusterBroadcast broadcast) {
        ClusterChannels c = channels.get(broadcast.namespace());
        if (c == null) return;
        publish(c.broadcastChannel(broadcast.rooms()), ClusterCodec.encodeBroadcast(nodeId, broadcast));
    }

    @Override
    public void changeRooms(String namespace, String app, Set<String> rooms, Set<String> except, Set<String> changed, boolean join) {
        ClusterChannels c = channels.get(namespace);
        if (c == null) return;
        Map<String, Object> request = request(join ? ClusterRequest.REMOTE_JOIN : ClusterRequest.REMOTE_LEAVE, app, rooms, except);
        request.put("rooms", List.copyOf(changed));
        publish(c.request(), ClusterCodec.encodeObject(request));
    }

    @Override
    public void disconnect(String namespace, String app, Set<String> rooms, Set<String> except, boolean close) {
        ClusterChannels c = channels.get(namespace);
        if (c == null) return;
        Map<String, Object> request = request(ClusterRequest.REMOTE_DISCONNECT, app, rooms, except);
        request.put("close", close);
        publish(c.request(), ClusterCodec.encodeObject(request));
    }

    /** A request as socket.io's adapter sends it, with the app among its flags (socket.io nodes ignore it). */
    private Map<String, Object> request(int type, String app, Set<String> rooms, Set<String> except) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", nodeId);
        request.put("type", type);
        request.put("opts", Map.of("rooms", List.copyOf(rooms), "except", List.copyOf(except),
                "flags", Map.of(ClusterCodec.APP_FLAG, app)));
        return request;
    }

    @Override
    public CompletionStage<Gathered<List<RemoteSocket>>> fetchSockets(String namespace, String app, Set<String> rooms, Set<String> except) {
        ClusterChannels c = channels.get(namespace);
        StatefulRedisConnection<byte[], byte[]> p = pub;
        if (c == null || p == null || !connected()) return CompletableFuture.completedFuture(new Gathered<>(List.of(), false));
        String requestId = new SessionIds().get();
        Map<String, Object> request = request(ClusterRequest.REMOTE_FETCH, app, rooms, except);
        request.put("requestId", requestId);
        byte[] requestChannel = c.request().getBytes(UTF_8);
        CompletableFuture<Gathered<List<RemoteSocket>>> result = new CompletableFuture<>();
        // Each node (this one too) subscribes the request channel once: the others are the subscribers but one.
        onIoThread(() -> p.async().pubsubNumsub(requestChannel).whenComplete((counts, failure) -> {
            long others = failure != null || counts.isEmpty() ? -1 : counts.values().iterator().next() - 1;
            if (others < 0) {
                result.complete(new Gathered<>(List.of(), false));
                return;
            }
            if (others == 0) {
                result.complete(new Gathered<>(List.of(), true));
                return;
            }
            PendingFetch fetch = new PendingFetch(result, (int) others);
            pending.put(requestId, fetch);
            fetch.timeout = timers.schedule(() -> {
                if (pending.remove(requestId) != null) fetch.finish(false);
            }, options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            publish(c.request(), ClusterCodec.encodeObject(request));
        }));
        return result;
    }

    /** Publishes without waiting; a failure (Redis away) is logged once per outage and the message dropped. */
    private void publish(String channel, byte[] message) {
        StatefulRedisConnection<byte[], byte[]> p = pub;
        if (p == null || !p.isOpen()) return;
        onIoThread(() -> p.async().publish(channel.getBytes(UTF_8), message).whenComplete((receivers, failure) -> {
            if (failure != null) LOG.log(Level.FINE, "Herald cluster: publish to " + channel + " failed", failure);
        }));
    }

    /** Answers from the other nodes to one fetch. */
    private static final class PendingFetch {
        private final CompletableFuture<Gathered<List<RemoteSocket>>> result;
        private final List<RemoteSocket> sockets = new ArrayList<>();
        private int missing;
        volatile java.util.concurrent.ScheduledFuture<?> timeout;

        PendingFetch(CompletableFuture<Gathered<List<RemoteSocket>>> result, int expected) {
            this.result = result;
            this.missing = expected;
        }

        /** Adds one node's answer; true when it was the last one expected. */
        synchronized boolean add(List<RemoteSocket> answer) {
            sockets.addAll(answer);
            return --missing <= 0;
        }

        synchronized void finish(boolean complete) {
            if (timeout != null) timeout.cancel(false);
            result.complete(new Gathered<>(List.copyOf(sockets), complete));
        }
    }

    private void onResponse(byte[] message) throws ProtocolException {
        Map<?, ?> response = ClusterCodec.decodeObject(message);
        Object id = response.get("requestId");
        PendingFetch fetch = id == null ? null : pending.get(String.valueOf(id));
        if (fetch == null || !(response.get("sockets") instanceof List<?> list)) return;
        List<RemoteSocket> sockets = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> s) || !(s.get("id") instanceof String sid)) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> data = s.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            sockets.add(new RemoteSocket(sid, ClusterCodec.names(s.get("rooms")), withoutNulls(data)));
        }
        if (fetch.add(sockets) && pending.remove(String.valueOf(id)) != null) fetch.finish(true);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> data) {
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (k != null && v != null) copy.put(k, v);
        });
        return copy;
    }

    /** Routes what the subscription receives; runs on Lettuce's event loop, so it only hands frames to queues. */
    private final class Listener extends RedisPubSubAdapter<byte[], byte[]> {
        @Override
        public void message(byte[] pattern, byte[] channel, byte[] message) {
            try {
                ClusterCodec.Received received = ClusterCodec.decodeBroadcast(message);
                if (received == null || nodeId.equals(received.sender())) return;
                registry.fromCluster().deliver(received.broadcast());
            } catch (ProtocolException | RuntimeException e) {
                ProtocolLog.refusal("Herald cluster: ignoring a malformed broadcast on " + new String(channel, UTF_8) + ": " + e.getMessage());
            }
        }

        @Override
        public void message(byte[] channel, byte[] message) {
            String name = new String(channel, UTF_8);
            try {
                for (ClusterChannels c : channels.values()) {
                    if (name.equals(c.request())) {
                        requests.onRequest(c, ClusterCodec.decodeObject(message));
                        return;
                    }
                    if (name.startsWith(c.response())) {
                        onResponse(message);
                        return;
                    }
                }
            } catch (ProtocolException | RuntimeException e) {
                ProtocolLog.refusal("Herald cluster: ignoring a malformed message on " + name + ": " + e.getMessage()); // rate-limited
            }
        }
    }

    // ---- recovery store: a stream of events per namespace, a key per kept session -------------------------

    private static final byte[] ENTRY_FIELD = "e".getBytes(UTF_8);

    private byte[] streamKey(String namespace) {
        return (options.key() + "-recovery#" + namespace + "#").getBytes(UTF_8);
    }

    private byte[] sessionKey(String pid) {
        return (options.key() + "-session#" + pid).getBytes(UTF_8);
    }

    /** Stream appends queued or sent and not yet answered, at most {@link #MAX_UNANSWERED_APPENDS}. */
    private final AtomicInteger unansweredAppends = new AtomicInteger();
    private static final int MAX_UNANSWERED_APPENDS = 10_000; // a Redis that stops answering holds at most these
    private final ConcurrentLinkedQueue<Append> appends = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean(); // a drain task is queued on the Redis thread
    private final RateLimitedLog droppedAppends = new RateLimitedLog(LOG, 5, System::currentTimeMillis);

    private record Append(String namespace, RecoveryEntry entry) {}

    /**
     * Queues the entry for the namespace's stream and returns at once. One writer, the Redis thread, sends
     * the queued entries in order without waiting for answers (Lettuce pipelines them on one connection).
     */
    @Override
    public void append(String namespace, RecoveryEntry entry) {
        StatefulRedisConnection<byte[], byte[]> p = pub;
        if (p == null || !p.isOpen()) return; // Redis away: this node's memory serves
        if (unansweredAppends.incrementAndGet() > MAX_UNANSWERED_APPENDS) {
            unansweredAppends.decrementAndGet();
            droppedAppends.warn("Herald cluster: Redis is not keeping up with the recovery stream; events are kept on this node only");
            return;
        }
        appends.add(new Append(namespace, entry));
        if (draining.compareAndSet(false, true)) onIoThread(this::drainAppends);
    }

    /** On the Redis thread: sends every queued append, then looks again for any that came meanwhile. */
    private void drainAppends() {
        StatefulRedisConnection<byte[], byte[]> p = pub;
        XAddArgs args = XAddArgs.Builder.maxlen(options.recoveryBuffer()).approximateTrimming();
        for (Append a; (a = appends.poll()) != null; ) {
            if (p == null || !p.isOpen()) {
                unansweredAppends.decrementAndGet();
                continue;
            }
            p.async().xadd(streamKey(a.namespace()), args, Map.of(ENTRY_FIELD, RecoveryCodec.encodeEntry(a.entry())))
                    .whenComplete((id, failure) -> {
                        unansweredAppends.decrementAndGet();
                        if (failure != null) LOG.log(Level.FINE, "Herald cluster: XADD failed", failure);
                    });
        }
        draining.set(false);
        if (!appends.isEmpty() && draining.compareAndSet(false, true)) onIoThread(this::drainAppends);
    }

    /**
     * Issues a command on the Redis thread; the stage fails when Redis is away or has not answered within the
     * request timeout. Nothing waits for it.
     */
    private <T> CompletableFuture<T> call(java.util.function.Function<StatefulRedisConnection<byte[], byte[]>, CompletionStage<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        StatefulRedisConnection<byte[], byte[]> p = pub;
        if (p == null || !p.isOpen()) {
            result.completeExceptionally(new IllegalStateException("Redis is away"));
            return result;
        }
        try {
            io.execute(() -> {
                try {
                    command.apply(p).whenComplete((value, failure) -> {
                        if (failure != null) result.completeExceptionally(failure);
                        else result.complete(value);
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            java.util.concurrent.ScheduledFuture<?> timeout = timers.schedule(
                    () -> result.completeExceptionally(new TimeoutException("Redis did not answer")),
                    options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((value, failure) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e); // closed
        }
        return result;
    }

    @Override
    public void saveSession(SavedSession session, Duration ttl) {
        StatefulRedisConnection<byte[], byte[]> p = pub;
        if (p == null || !p.isOpen()) return;
        byte[] body = RecoveryCodec.encodeSession(session);
        onIoThread(() -> p.async().set(sessionKey(session.pid()), body, SetArgs.Builder.px(ttl.toMillis())));
    }

    @Override
    public CompletionStage<SavedSession> takeSession(String pid) {
        return call(p -> p.async().getdel(sessionKey(pid))).thenApply(stored -> {
            try {
                return stored == null ? null : RecoveryCodec.decodeSession(stored);
            } catch (ProtocolException e) {
                LOG.warning("Herald cluster: ignoring a malformed kept session: " + e.getMessage());
                return null;
            }
        });
    }

    @Override
    public void dropSession(String pid) {
        StatefulRedisConnection<byte[], byte[]> p = pub;
        if (p != null && p.isOpen()) onIoThread(() -> p.async().del(sessionKey(pid)));
    }

    /** How far before an offset's time a read starts: the node's clock and Redis' may differ a little. */
    private static final long CLOCK_SLACK_MILLIS = 2_000;

    /**
     * Reads the stream from a little before the offset's time (not from its beginning), finds the offset
     * there and returns what followed it. A read that fills its page may have missed some: null, no recovery.
     */
    @Override
    public CompletionStage<List<RecoveryEntry>> after(String namespace, String offset, long offsetMillis) {
        long limit = 2L * options.recoveryBuffer() + 1;
        String from = Math.max(0, offsetMillis - CLOCK_SLACK_MILLIS) + "-0";
        return call(p -> p.async().xrange(streamKey(namespace), Range.create(from, "+"), Limit.from(limit))).thenApply(messages -> {
            List<RecoveryEntry> after = null;
            for (StreamMessage<byte[], byte[]> m : messages) {
                byte[] body = m.getBody().values().stream().findFirst().orElse(null);
                RecoveryEntry entry;
                try {
                    if (body == null) continue;
                    entry = RecoveryCodec.decodeEntry(m.getId(), body);
                } catch (ProtocolException e) {
                    LOG.warning("Herald cluster: skipping a malformed recovery entry " + m.getId() + ": " + e.getMessage());
                    continue;
                }
                if (after != null) after.add(entry);
                else if (offset.equals(entry.offset())) after = new ArrayList<>();
            }
            return messages.size() >= limit ? null : after;
        });
    }

    /** Disconnects from Redis and stops Lettuce's threads (a redeployed WAR must leave none behind). */
    @Override
    public void close() {
        closed = true;
        pending.values().forEach(f -> f.finish(false));
        pending.clear();
        Future<?> shutdown = io.submit(() -> {
            if (client == null) return;
            try {
                client.shutdown(0, 2, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Herald cluster: Redis client shutdown", e);
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3000);
        });
        io.shutdown();
        try {
            shutdown.get(6, TimeUnit.SECONDS);
            io.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Herald cluster: Redis client did not shut down cleanly", e);
        }
    }
}
