package io.herald.conformance;

import static io.herald.testing.TestConfigs.config;

import io.herald.config.HeraldConfig;
import io.herald.engine.EngineServer;
import io.herald.util.SessionIds;
import io.herald.engine.EngineBindings;
import io.herald.socket.Namespace;
import io.herald.testing.HeraldTestServer;
import io.undertow.servlet.Servlets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Herald set up the way the official Socket.IO and Engine.IO protocol test suites expect (their "Test suite"
 * sections): port 3000, pingInterval 300, pingTimeout 200, maxPayload 1000000, connectTimeout 1000, a
 * {@code /custom} namespace, the echo behaviours, and an Engine.IO-level echo at {@code /engine.io/}.
 * Test code: none of this ships in the WAR. Run it with the command in the README.
 */
public final class ConformanceServer implements AutoCloseable {
    private final HeraldTestServer server;
    private final EngineServer echo;
    private final ScheduledExecutorService echoTimers;

    private ConformanceServer(HeraldTestServer server, EngineServer echo, ScheduledExecutorService echoTimers) {
        this.server = server;
        this.echo = echo;
        this.echoTimers = echoTimers;
    }

    public static HeraldConfig conformanceConfig() {
        return config("herald.pingInterval", "300", "herald.pingTimeout", "200", "herald.maxPayload", "1000000",
                "herald.connectTimeout", "1000", "herald.namespaces", "/custom", "herald.allowEIO3", "true");
    }

    public static ConformanceServer start(int port) {
        HeraldConfig config = conformanceConfig();
        HeraldTestServer server = HeraldTestServer.builder(config).port(port).endpoint(EngineEchoEndpoint.class)
                .customize(deployment -> deployment.addServlet(
                        Servlets.servlet("engine-echo-polling", EngineEchoPollingServlet.class)
                                .addMapping(EngineEchoEndpoint.PATH).setAsyncSupported(true)))
                .start();
        ConformanceBehaviour behaviour = new ConformanceBehaviour();
        for (Namespace ns : server.herald().sockets().namespaces()) ns.addListener(behaviour);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-echo-timer");
            t.setDaemon(true);
            return t;
        });
        EngineServer echo = new EngineServer(config.engine(), new EngineEchoListener(), timers, new SessionIds());
        EngineBindings.bind(EngineEchoEndpoint.PATH, echo);
        return new ConformanceServer(server, echo, timers);
    }

    public HeraldTestServer server() {
        return server;
    }

    @Override
    public void close() {
        EngineBindings.unbind(EngineEchoEndpoint.PATH, echo);
        echo.close();
        echoTimers.shutdownNow();
        server.close();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ConformanceServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Herald conformance server on http://localhost:" + port
                + " (Socket.IO at /socket.io/, Engine.IO echo at /engine.io/). Ctrl-C stops it.");
        Thread.currentThread().join();
    }
}
