package io.herald.engine;

import io.herald.util.ProtocolLog;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EnginePacketType;
import io.herald.protocol.engine.EngineVersion;
import io.herald.protocol.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Engine.IO connection, whichever transport carries it: heartbeat, inbound dispatch, and close.
 *
 * <p>Threads: inbound packets arrive on the transport's reading thread ({@link #receive} is synchronized
 * so polling POSTs cannot interleave); sends come from any thread and only enqueue on the transport;
 * the heartbeat runs on the server's timer executor. {@link #close} is idempotent and cancels every timer.
 */
public final class EngineSession {
    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());
    private static final long NUDGE_MILLIS = 100;

    private final String id;
    private final EngineVersion version;
    private final Handshake handshake;
    private final EngineServer server;
    /** One-way. Apart from {@link #pending}: a session closes whether or not it was taken, and is taken while open. */
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Replaced only on upgrade, under sendLock; volatile so readers on any thread see the current one. */
    private volatile Transport transport;
    /** Orders sends against an upgrade's hand-over, so no packet is lost or reordered across it. */
    private final Object sendLock = new Object();
    private Transport probe;                   // guarded by sendLock: a transport being probed for upgrade
    /** 1 until the layer above takes the session (or it closes); set through PENDING (a field, not an object). */
    private volatile int pending = 1;
    private static final AtomicIntegerFieldUpdater<EngineSession> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(EngineSession.class, "pending");
    /** The layer above's per-connection state, set once in {@link EngineListener#onOpen}. */
    private volatile Object attachment;

    /** Guards the timers; may be taken while holding sendLock, never the other way round. */
    private final Object timerLock = new Object();
    private ScheduledFuture<?> pingTask;      // guarded by timerLock
    private ScheduledFuture<?> deadlineTask;  // guarded by timerLock
    private ScheduledFuture<?> upgradeTask;   // guarded by timerLock
    private ScheduledFuture<?> nudgeTask;     // guarded by timerLock: releases polls while a probe is answered

    EngineSession(String id, EngineVersion version, Handshake handshake, EngineServer server) {
        this.id = id;
        this.version = version;
        this.handshake = handshake;
        this.server = server;
    }

    public String id() {
        return id;
    }

    public EngineVersion version() {
        return version;
    }

    public Handshake handshake() {
        return handshake;
    }

    public Transport transport() {
        return transport;
    }

    /**
     * Tells the server that the layer above has taken this session (a Socket.IO client joined a namespace):
     * it no longer counts against {@link EngineOptions#maxPendingSessions}. Later calls do nothing.
     */
    public void taken() {
        if (take()) server.taken();
    }

    /** Ends the pending state; true for the one call that ended it. */
    boolean take() {
        return PENDING.compareAndSet(this, 1, 0);
    }

    public boolean isOpen() {
        return !closed.get();
    }

    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    void start(Transport transport, List<String> upgrades) {
        this.transport = transport;
        transport.send(List.of(EnginePacket.of(EnginePacketType.OPEN, openPayload(upgrades))));
        server.listener().onOpen(this);
        if (version == EngineVersion.V4) {
            schedulePing();
        } else {
            resetDeadline(server.options().pingInterval().toMillis() + server.options().pingTimeout().toMillis());
        }
    }

    private String openPayload(List<String> upgrades) {
        EngineOptions options = server.options();
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("sid", id);
        open.put("upgrades", upgrades);
        open.put("pingInterval", options.pingInterval().toMillis());
        open.put("pingTimeout", options.pingTimeout().toMillis());
        open.put("maxPayload", options.maxPayload()); // current servers send it to v3 clients too
        return Json.write(open);
    }

    /** Sends one packet; a no-op once the session is closed. */
    public void send(EnginePacket packet) {
        send(List.of(packet));
    }

    /** Sends packets that must stay together and in order (a Socket.IO packet and its attachments). */
    public void send(List<EnginePacket> packets) {
        send(packets, Delivery.IMMEDIATE);
    }

    /** As {@link #send(List)}; {@code delivery} says how soon they are to be written. */
    public void send(List<EnginePacket> packets, Delivery delivery) {
        if (closed.get()) return;
        Transport current;
        synchronized (sendLock) {
            current = transport;
            current.enqueue(packets);
        }
        // Written outside the lock: broadcasts from several threads walk the same sessions in the same order,
        // and holding it while writing made them queue behind each other at every socket (or spin).
        current.flush(delivery);
    }

    /**
     * Runs {@code first}, then sends {@code packets}, with no other send in between: what {@code first}
     * makes visible (a socket joining its rooms) cannot receive anything before these packets.
     */
    public void sendAfter(Runnable first, List<EnginePacket> packets) {
        Transport current;
        synchronized (sendLock) {
            first.run();
            if (closed.get()) return;
            current = transport;
            current.enqueue(packets);
        }
        current.flush(Delivery.IMMEDIATE);
    }

    /**
     * Starts probing {@code candidate} as the session's new transport. Returns false when the session
     * cannot upgrade now (closed, already upgraded, or another probe under way).
     */
    public boolean beginUpgrade(Transport candidate) {
        synchronized (sendLock) {
            if (closed.get() || probe != null || !(transport instanceof Upgradable)) return false;
            probe = candidate;
        }
        long timeout = server.options().upgradeTimeout().toMillis();
        synchronized (timerLock) {
            upgradeTask = server.timers().schedule(() -> {
                if (abortUpgrade(candidate)) candidate.close(CloseCause.TRANSPORT_CLOSE, false);
            }, timeout, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /**
     * A packet that arrived on the probed transport: a {@code ping probe} is answered there, and tells the
     * current transport to pause; the {@code upgrade} packet completes the switch; anything else is a
     * protocol violation that ends the probe (not the session). Returns true once the upgrade completed.
     */
    public boolean receiveOnProbe(Transport candidate, EnginePacket packet) {
        switch (packet.type()) {
            case PING -> {
                if (!"probe".equals(packet.data())) break;
                candidate.send(List.of(EnginePacket.of(EnginePacketType.PONG, "probe")));
                Transport current = transport;
                if (current instanceof Upgradable upgradable) {
                    upgradable.pause();
                    keepNudging(candidate);
                }
                return false;
            }
            case UPGRADE -> {
                return completeUpgrade(candidate);
            }
            case NOOP -> {
                return false;
            }
            default -> { }
        }
        logViolation("invalid packet during upgrade: " + packet.type());
        if (abortUpgrade(candidate)) candidate.close(CloseCause.PARSE_ERROR, false);
        return false;
    }

    private boolean completeUpgrade(Transport candidate) {
        synchronized (sendLock) {
            if (closed.get() || probe != candidate) return false;
            List<EnginePacket> undelivered = ((Upgradable) transport).handOver();
            transport = candidate;
            probe = null;
            if (!undelivered.isEmpty()) candidate.send(undelivered);
        }
        cancelUpgradeTimer();
        return true;
    }

    /**
     * Until the upgrade completes or fails, answers a waiting poll with a noop every 100 ms (as the
     * reference server does): a client that took the first noop before the probe's pong reached it
     * polls once more and pauses only when that poll returns.
     */
    private void keepNudging(Transport candidate) {
        // Scheduled while the probe is known to be current: a probe that ends later cancels the task.
        synchronized (sendLock) {
            if (probe != candidate) return;
            synchronized (timerLock) {
                if (closed.get() || nudgeTask != null) return;
                nudgeTask = server.timers().scheduleWithFixedDelay(() -> {
                    if (transport instanceof Upgradable upgradable) upgradable.nudge();
                }, NUDGE_MILLIS, NUDGE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Forgets the probe; true if {@code candidate} was the probe. */
    public boolean abortUpgrade(Transport candidate) {
        synchronized (sendLock) {
            if (probe != candidate) return false;
            probe = null;
        }
        cancelUpgradeTimer();
        return true;
    }

    private void cancelUpgradeTimer() {
        synchronized (timerLock) {
            cancel(upgradeTask);
            cancel(nudgeTask);
            upgradeTask = null;
            nudgeTask = null;
        }
    }

    /** Handles one decoded packet from the client. */
    public synchronized void receive(EnginePacket packet) {
        if (closed.get()) return;
        switch (packet.type()) {
            case MESSAGE -> {
                EngineListener listener = server.listener();
                if (packet.isBinary()) {
                    listener.onBinary(this, packet.binary());
                } else {
                    listener.onMessage(this, packet.data());
                }
            }
            case PONG -> onPong();
            case PING -> onPing(packet);
            case CLOSE -> close(CloseCause.TRANSPORT_CLOSE, false);
            case NOOP -> { }
            // OPEN from a client, or UPGRADE outside an upgrade, breaks the protocol.
            default -> fail("unexpected packet " + packet.type());
        }
    }

    private void onPong() {
        if (version == EngineVersion.V4) {
            synchronized (timerLock) {
                cancel(deadlineTask);
                deadlineTask = null;
            }
            schedulePing();
        }
    }

    private void onPing(EnginePacket ping) {
        if (version == EngineVersion.V3) {
            send(EnginePacket.of(EnginePacketType.PONG, ping.data()));
            resetDeadline(server.options().pingInterval().toMillis() + server.options().pingTimeout().toMillis());
        } else {
            fail("ping from a v4 client");
        }
    }

    private void schedulePing() {
        long interval = server.options().pingInterval().toMillis();
        synchronized (timerLock) {
            if (closed.get()) return;
            cancel(pingTask);
            pingTask = server.timers().schedule(this::ping, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void ping() {
        // The deadline first: a fast client's pong may be handled before send() even returns, and a deadline
        // set after it would close a healthy session.
        resetDeadline(server.options().pingTimeout().toMillis());
        send(EnginePacket.PING);
    }

    private void resetDeadline(long millis) {
        synchronized (timerLock) {
            if (closed.get()) return;
            cancel(deadlineTask);
            deadlineTask = server.timers().schedule(() -> close(CloseCause.PING_TIMEOUT, false),
                    millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) task.cancel(false);
    }

    /** A protocol violation by the client: closes the session at once, logging why. */
    public void fail(String why) {
        if (closed.get()) return;
        logViolation(why);
        close(CloseCause.PARSE_ERROR, false);
    }

    /** Closes gracefully: what is already queued is still written. */
    public void close(CloseCause cause) {
        close(cause, true);
    }

    /**
     * Closes the session once: cancels the timers, leaves the server's table, closes the transport and
     * tells the listener. Later calls do nothing.
     */
    public void close(CloseCause cause, boolean flush) {
        if (!closed.compareAndSet(false, true)) return;
        synchronized (timerLock) {
            cancel(pingTask);
            cancel(deadlineTask);
            cancel(upgradeTask);
            cancel(nudgeTask);
            pingTask = null;
            deadlineTask = null;
            upgradeTask = null;
            nudgeTask = null;
        }
        server.remove(this);
        Transport probing;
        synchronized (sendLock) {
            probing = probe;
            probe = null;
        }
        if (probing != null) probing.close(cause, false);
        Transport current = transport;
        if (current != null) {
            try {
                current.close(cause, flush);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing transport of " + id, e);
            }
        }
        try {
            server.listener().onClose(this, cause);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "close listener failed for session " + id, e);
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + ", " + version + ", " + (transport == null ? "-" : transport.name()) + "]";
    }

    /** Logs, rate-limited, that this session's client broke the protocol or a limit and why. */
    public void logViolation(String why) {
        ProtocolLog.violation(id, handshake == null ? null : handshake.remoteAddress(), why);
    }
}
