package io.herald.testing;

import io.herald.Herald;
import io.herald.api.http.DoitServlet;
import io.herald.api.http.HeraldApplication;
import io.herald.api.http.HeraldLookup;
import io.herald.config.HeraldConfig;
import io.herald.adapter.servlet.PollingServlet;
import io.herald.adapter.jsr.SocketIoEndpoint;
import io.herald.adapter.jsr.UpgradeRequests;
import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * Herald in embedded Undertow (the web server inside WildFly) on a free loopback port: the same endpoint
 * classes as the WAR, started in well under a second, for tests that need real sockets.
 */
public final class HeraldTestServer implements AutoCloseable {
    private final Herald herald;
    private final Undertow undertow;
    private final XnioWorker worker;
    private final DeploymentManager manager;
    private final int port;

    private int httpsPort;

    private HeraldTestServer(Herald herald, Undertow undertow, XnioWorker worker, DeploymentManager manager, int port) {
        this.herald = herald;
        this.undertow = undertow;
        this.worker = worker;
        this.manager = manager;
        this.port = port;
    }

    public static HeraldTestServer start(HeraldConfig config) {
        return builder(config).start();
    }

    public static Builder builder(HeraldConfig config) {
        return new Builder(config);
    }

    /** Options beyond the config: a fixed port, extra endpoints and servlet set-up. */
    public static final class Builder {
        private final HeraldConfig config;
        private int port;
        private int workerThreads = 16;
        private final List<Class<?>> endpoints = new ArrayList<>(List.of(SocketIoEndpoint.class));
        private final List<Consumer<DeploymentInfo>> customizers = new ArrayList<>();
        private boolean servletsOnly;
        private boolean dispatchToWorkers;
        private boolean rawQueries;
        private boolean statistics;
        private javax.net.ssl.SSLContext tls;

        private Builder(HeraldConfig config) {
            this.config = config;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The most request threads the server may use (Undertow's worker pool). */
        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        public Builder endpoint(Class<?> endpoint) {
            endpoints.add(endpoint);
            return this;
        }

        /**
         * JSR-356 endpoints run on worker threads, never on I/O threads, as WildFly's default
         * ({@code dispatch-to-worker}); embedded Undertow's default runs them on I/O threads.
         */
        public Builder dispatchToWorkers() {
            this.dispatchToWorkers = true;
            return this;
        }

        /**
         * Leaves Herald's Undertow extension (the native {@code /emit}) out, so that every request goes through
         * the servlets, as on Tomcat and Payara.
         */
        public Builder servletsOnly() {
            this.servletsOnly = true;
            return this;
        }

        /** Also listens for HTTPS with this context; {@link HeraldTestServer#httpsUrl} addresses it. */
        public Builder https(javax.net.ssl.SSLContext context) {
            this.tls = context;
            return this;
        }

        /** Undertow counts the connections it has open; {@link HeraldTestServer#openConnections} reads the count. */
        public Builder statistics() {
            this.statistics = true;
            return this;
        }

        /**
         * Leaves the query undecoded by the HTTP parser, as Tomcat's and Payara's connectors do: a query with a
         * bad {@code %} escape then reaches the servlets instead of being refused by Undertow with an empty 400.
         */
        public Builder rawQueries() {
            this.rawQueries = true;
            return this;
        }

        public Builder customize(Consumer<DeploymentInfo> customizer) {
            customizers.add(customizer);
            return this;
        }

        public HeraldTestServer start() {
            Herald herald = Herald.start(config);
            try {
                XnioWorker worker = Xnio.getInstance().createWorker(OptionMap.EMPTY);
                WebSocketDeploymentInfo ws = new WebSocketDeploymentInfo()
                        .setBuffers(new DefaultByteBufferPool(true, 16 * 1024))
                        .setDispatchToWorkerThread(dispatchToWorkers)
                        .setWorker(worker);
                endpoints.forEach(ws::addEndpoint);
                ClassLoader loader = servletsOnly ? new WithoutServletExtensions(HeraldTestServer.class.getClassLoader())
                        : HeraldTestServer.class.getClassLoader();
                DeploymentInfo deployment = Servlets.deployment()
                        .setClassLoader(loader)
                        .setContextPath("/")
                        .setDeploymentName("herald-test")
                        .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, ws)
                        .addServletContextAttribute(HeraldLookup.ATTRIBUTE, herald)
                        .addListener(Servlets.listener(UpgradeRequests.class))
                        .addServlet(Servlets.servlet("herald-api", HttpServlet30Dispatcher.class)
                                .addInitParam("jakarta.ws.rs.Application", HeraldApplication.class.getName())
                                .addInitParam("resteasy.servlet.mapping.prefix", "/api")
                                .addMapping("/api/*").setAsyncSupported(true))
                        .addServlet(Servlets.servlet("herald-doit", DoitServlet.class)
                                .addMapping("/emit").addMapping("/stat/all"))
                        .addServlet(Servlets.servlet("herald-polling", PollingServlet.class)
                                .addMapping(SocketIoEndpoint.PATH).setAsyncSupported(true));
                customizers.forEach(c -> c.accept(deployment));
                DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
                // Undertow looks for extensions through the deployment's class loader and the context one
                Thread thread = Thread.currentThread();
                ClassLoader context = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    manager.deploy();
                } finally {
                    thread.setContextClassLoader(context);
                }
                Undertow.Builder listeners = Undertow.builder()
                        .setWorkerThreads(workerThreads)
                        .setServerOption(io.undertow.UndertowOptions.DECODE_URL, !rawQueries)
                        .setServerOption(io.undertow.UndertowOptions.ENABLE_STATISTICS, statistics)
                        .addHttpListener(port, "127.0.0.1");
                if (tls != null) listeners.addHttpsListener(0, "127.0.0.1", tls);
                Undertow undertow = listeners.setHandler(manager.start()).build();
                undertow.start();
                int actual = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
                HeraldTestServer server = new HeraldTestServer(herald, undertow, worker, manager, actual);
                if (tls != null) server.httpsPort = ((InetSocketAddress) undertow.getListenerInfo().get(1).getAddress()).getPort();
                return server;
            } catch (Exception e) {
                herald.close();
                throw new IllegalStateException("could not start the test server", e);
            }
        }
    }

    public Herald herald() {
        return herald;
    }

    public int port() {
        return port;
    }

    /** The connections the plain HTTP listener has open now, as Undertow counts them (needs {@link Builder#statistics}). */
    public long openConnections() {
        return undertow.getListenerInfo().get(0).getConnectorStatistics().getActiveConnections();
    }

    /** {@code http://127.0.0.1:<port>}, what a socket.io client is given. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A URL on the server's HTTPS listener (see {@link Builder#https}). */
    public URI httpsUrl(String pathAndQuery) {
        if (httpsPort == 0) throw new IllegalStateException("started without https");
        return URI.create("https://127.0.0.1:" + httpsPort + pathAndQuery);
    }

    /** A URL on the server: {@code url("/api/v1/emit")}. */
    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** The Engine.IO polling URL with the given query. */
    public URI pollingUri(String query) {
        return URI.create("http://127.0.0.1:" + port + "/socket.io/?" + query);
    }

    /** The raw Engine.IO WebSocket URL with the given query. */
    public URI webSocketUri(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/socket.io/?" + query);
    }

    /** The raw Engine.IO WebSocket URL on the HTTPS listener (see {@link Builder#https}). */
    public URI secureWebSocketUri(String query) {
        if (httpsPort == 0) throw new IllegalStateException("started without https");
        return URI.create("wss://127.0.0.1:" + httpsPort + "/socket.io/?" + query);
    }

    /**
     * Keeps every I/O thread of the server busy until the returned handle is closed: what waits for a
     * connection's own thread waits, what another thread writes goes out.
     */
    public AutoCloseable holdIoThreads() throws InterruptedException {
        XnioWorker listeners = undertow.getWorker(); // the listeners' own, not the JSR-356 layer's worker
        int threads = listeners.getIoThreadCount();
        CountDownLatch held = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            listeners.getIoThread(i).execute(() -> {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // a test that forgets to let go still ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!held.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the I/O threads did not stop");
        return release::countDown;
    }

    @Override
    public void close() {
        herald.close();
        try {
            manager.stop();
            manager.undeploy();
        } catch (Exception ignored) {
            // stopping anyway
        }
        undertow.stop();
        worker.shutdownNow();
    }

    /** Hides Herald's own service file that names its Undertow extension; Undertow's own extensions stay. */
    private static final class WithoutServletExtensions extends ClassLoader {
        private static final String SERVICES = "META-INF/services/" + io.undertow.servlet.ServletExtension.class.getName();
        private static final String HERALD = io.herald.adapter.undertow.UndertowExtension.class.getProtectionDomain()
                .getCodeSource().getLocation().toString();

        WithoutServletExtensions(ClassLoader parent) {
            super(parent);
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
            java.util.Enumeration<java.net.URL> all = super.getResources(name);
            if (!SERVICES.equals(name)) return all;
            List<java.net.URL> others = new ArrayList<>();
            for (java.net.URL url : java.util.Collections.list(all)) if (!url.toString().startsWith(HERALD)) others.add(url);
            return java.util.Collections.enumeration(others);
        }
    }
}
