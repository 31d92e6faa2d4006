package io.herald;

import io.herald.cluster.RedisCluster;
import io.herald.config.HeraldConfig;
import io.herald.demo.DemoHandler;
import io.herald.engine.EngineServer;
import io.herald.util.SessionIds;
import io.herald.engine.EngineBindings;
import io.herald.registry.AppGuard;
import io.herald.registry.RegisterHandler;
import io.herald.recovery.RecoveryLog;
import io.herald.registry.Registry;
import io.herald.security.ReplayGuard;
import io.herald.socket.Namespace;
import io.herald.socket.SocketServer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One running Herald: the timers, the Engine.IO server bound to the WebSocket endpoint, the Socket.IO
 * namespaces and the registry. The CDI layer starts one per application; tests start their own.
 */
public final class Herald implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Herald.class.getName());
    /** The servlet context attribute under which an embedding program puts its Herald (for the servlets to find). */
    public static final String CONTEXT_ATTRIBUTE = Herald.class.getName();

    private final HeraldConfig config;
    private final ScheduledThreadPoolExecutor timers;
    private final SocketServer sockets;
    private final EngineServer engine;
    private final Registry registry;
    private final String path;
    private final ReplayGuard replays; // the signed API requests already used, per app
    private final AutoCloseable cluster; // null on a single node; typed loosely so Lettuce loads only when used

    private Herald(HeraldConfig config, String path) {
        this.config = config;
        this.path = path;
        this.timers = new ScheduledThreadPoolExecutor(2, daemonThreads());
        timers.setRemoveOnCancelPolicy(true); // cancelled pings must not pile up in the queue
        SessionIds ids = new SessionIds();
        this.sockets = new SocketServer(config.socket(), timers, ids);
        this.engine = new EngineServer(config.engine(), sockets, timers, ids);
        this.registry = new Registry(sockets, config.apps(), config.limits());
        this.replays = new ReplayGuard(config.replayCache());
        AppGuard apps = new AppGuard(config.apps());
        RegisterHandler register = new RegisterHandler(registry);
        for (Namespace ns : sockets.namespaces()) {
            ns.addGuard(apps);
            ns.addListener(register);
        }
        RecoveryLog recovery = null;
        if (config.cluster().recovery()) {
            recovery = new RecoveryLog(config.cluster().recoveryWindow(), config.cluster().recoveryBuffer(),
                    config.cluster().recoverySessions(), timers);
            registry.attachRecovery(recovery);
            for (Namespace ns : sockets.namespaces()) ns.setRecovery(recovery);
        }
        if (config.cluster().clustered()) {
            RedisCluster link = new RedisCluster(registry, config.socket().namespaces(), config.cluster(), timers);
            registry.attachCluster(link);
            if (recovery != null) recovery.attachStore(link);
            link.start();
            this.cluster = link;
        } else {
            this.cluster = null;
        }
        if (config.demo()) {
            new DemoHandler(registry, timers).install(sockets.namespace("/"));
            LOG.warning("Herald demo mode is on: any page may push to any user. Do not use it in production.");
        }
    }

    /** Starts Herald and binds it to the standard endpoint path {@code /socket.io/}. */
    public static Herald start(HeraldConfig config) {
        return start(config, EngineBindings.SOCKET_IO_PATH);
    }

    /** Starts Herald on another WebSocket endpoint path (one whose endpoint delegates to the same code). */
    public static Herald start(HeraldConfig config, String path) {
        Herald herald = new Herald(config, path);
        EngineBindings.bind(path, herald.engine);
        LOG.info(() -> "Herald started: namespaces " + config.socket().namespaces());
        return herald;
    }

    public HeraldConfig config() {
        return config;
    }

    /** The signed API requests this node has accepted, so that none is accepted twice. */
    public ReplayGuard replays() {
        return replays;
    }

    public Registry registry() {
        return registry;
    }

    public SocketServer sockets() {
        return sockets;
    }

    public EngineServer engine() {
        return engine;
    }

    /** Closes every connection with a close frame and stops the timers. Idempotent. */
    @Override
    public void close() {
        EngineBindings.unbind(path, engine);
        engine.close();
        if (cluster != null) {
            registry.attachCluster(null);
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.log(java.util.logging.Level.WARNING, "closing the cluster link failed", e);
            }
        }
        timers.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "herald-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
