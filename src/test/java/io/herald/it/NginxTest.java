package io.herald.it;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.HeraldConfig;
import io.herald.push.Target;
import io.herald.testing.ChildProcess;
import io.herald.testing.Tools;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * server-config/nginx/herald.conf, as committed (only its ports changed, and a TLS listener added beside the
 * plain one), with nginx from Debian's packages in front of Herald: the npm client connects through it on
 * every transport, and the doit {@code /emit} and the API are reached through it as the internet would reach
 * them. nginx and Herald share the loopback here, so the "internet" clients connect from other loopback
 * addresses (127.0.0.5, 127.0.0.6), which nginx passes on in {@code X-Forwarded-For}. .ci/run installs nginx;
 * on a machine without it this test is skipped.
 */
class NginxTest {
    /** A backend allowed to emit unsigned, and a visitor who is not. */
    private static final String BACKEND = "127.0.0.6", STRANGER = "127.0.0.5";

    @TempDir
    Path dir;

    private HeraldTestServer server;
    private ChildProcess nginx;
    private int port;
    private int tlsPort;

    private void start(HeraldConfig config) throws Exception {
        Tools.require("apt-get install nginx-light", "nginx");
        server = HeraldTestServer.start(config);
        port = freePort();
        tlsPort = freePort();
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        ChildProcess.Result made = ChildProcess.run(60, dir.toFile(), Map.of(), List.of("openssl", "req", "-x509",
                "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString()));
        assertTrue(Files.exists(cert), "openssl made no certificate: " + made);
        String site = Files.readString(Path.of("server-config/nginx/herald.conf"))
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";\n    listen 127.0.0.1:" + tlsPort + " ssl;\n"
                        + "    ssl_certificate " + cert + ";\n    ssl_certificate_key " + key + ";")
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + server.port() + ";");
        Files.writeString(dir.resolve("herald.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "user root;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + ";", "events { worker_connections 256; }",
                "http {", "  access_log off;", "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";", "  include " + dir.resolve("herald.conf") + ";", "}", ""));
        nginx = ChildProcess.start(dir.toFile(), Map.of(),
                List.of("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()));
        URI through = URI.create("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling");
        long deadline = System.currentTimeMillis() + 10_000;
        String last = "no answer";
        while (true) {
            try {
                int status = Http.get(through).statusCode();
                if (status == 200) break;
                last = "HTTP " + status; // a steady 502: nginx is up but cannot reach Herald
            } catch (AssertionError notYet) {
                last = String.valueOf(notYet.getCause());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no handshake through nginx within 10 s (last: " + last + "): " + nginx.seen()
                        + " " + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            // a killed master leaves its workers behind: ask nginx itself to stop, then wait for it
            ChildProcess.run(10, dir.toFile(), Map.of(),
                    List.of("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-s", "stop"));
            nginx.waitForExit(10);
            nginx.close();
        }
        if (server != null) server.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The settings the nginx README asks for, with unsigned emits from the backend only. */
    private static HeraldConfig behindNginx() {
        return config("herald.unsignedEmit", "true", "herald.trustedProxies", "127.0.0.1/32",
                "herald.unsignedNetworks", BACKEND + "/32", "herald.appId", "shop", "herald.key", "shop-key",
                "herald.secret", "shop-secret-0123456789");
    }

    /** A GET to nginx from the given loopback address; answers the status and the body. */
    private Http.RawResponse getFrom(String localAddress, String target, String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (headEnd < 0) throw new AssertionError("no HTTP answer: " + answer);
            return new Http.RawResponse(Integer.parseInt(answer.split(" ", 3)[1]), answer.substring(headEnd + 4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"websocket, websocket", "polling, polling", "default, websocket"})
    void clientsConnectThroughNginx(String transport, String finalTransport) throws Exception {
        start(config());
        String key = "through-nginx-" + transport;
        try (ChildProcess node = ChildProcess.node("client-scenario.js", "http://127.0.0.1:" + port, "v4", transport, key)) {
            node.expect("connected");
            node.expect("registered");
            assertEquals(1, server.herald().registry().emit(Target.users(key), "unicast", Map.of("via", "nginx")));
            assertEquals("event unicast {\"via\":\"nginx\"}", node.expect("event"));
            var socket = server.herald().registry().sockets(Target.users(key)).get(0);
            if (!finalTransport.equals("polling")) io.herald.testing.Eventually.waitUntil(() -> socket.transport().equals(finalTransport));
            server.herald().registry().emit(Target.users(key), "done");
            assertEquals("transport " + finalTransport, node.expect("transport"));
        }
    }

    @Test
    void withoutTrustedProxiesAnUnsignedEmitThroughNginxIsRefusedEvenFromThisHost() throws Exception {
        // the set-up the README's doit migration used to give: unsigned emits, the loopback default
        start(config("herald.unsignedEmit", "true"));
        Http.RawResponse refused = getFrom("127.0.0.1", "/emit?id=alice&message=x");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("herald.trustedProxies"), refused.body());
        assertEquals(403, getFrom(STRANGER, "/emit?id=alice&message=x").status());
    }

    @Test
    void unsignedEmitsThroughNginxComeFromTheListedBackendOnly() throws Exception {
        start(behindNginx());
        try (JavaClient alice = JavaClient.connect(URI.create("http://127.0.0.1:" + port)).register("alice")) {
            assertEquals(403, getFrom(STRANGER, "/emit?id=alice&message=x").status(), "a client not listed");
            assertEquals(403, getFrom(STRANGER, "/emit?id=alice&message=x", "X-Forwarded-For", BACKEND).status(),
                    "naming the backend in X-Forwarded-For itself");
            assertEquals(403, getFrom(STRANGER, "/emit?id=alice&message=x", "Forwarded", "for=" + BACKEND).status(),
                    "or in Forwarded");
            assertEquals(403, getFrom(STRANGER, "/emit?id=alice&message=x", "X-Real-IP", BACKEND).status());
            assertEquals(403, getFrom("127.0.0.1", "/emit?id=alice&message=x").status(), "nginx's own address is not listed");
            assertEquals(403, getFrom(BACKEND, "/emit?id=alice&message=x", "Origin", "http://evil.example").status(),
                    "a page that makes the backend's browser emit");

            Http.RawResponse ok = getFrom(BACKEND, "/emit?id=alice&message=note&text=hi");
            assertEquals(200, ok.status(), ok.body());
            assertEquals("OK", ok.body());
            JavaClient.Received first = alice.next();
            assertEquals("note", first.event(), "the refused emits delivered nothing before it");
            assertEquals("hi", ((org.json.JSONObject) first.args().get(0)).getString("text"));
        }
    }

    @Test
    void signedEmitsWorkThroughNginxAndTheBearerOverItsHttps() throws Exception {
        start(behindNginx());
        try (JavaClient alice = JavaClient.connect(URI.create("http://127.0.0.1:" + port)).register("alice")) {
            String emit = "{\"event\":\"alert\",\"data\":\"signed\",\"to\":{\"users\":[\"alice\"]}}";
            HttpResponse<String> signed = new SignedHttp(URI.create("http://127.0.0.1:" + port), "shop-key", "shop-secret-0123456789")
                    .send("POST", "/api/v1/emit", emit);
            assertEquals(200, signed.statusCode(), signed.body());
            assertEquals("signed", alice.next("alert").args().get(0));

            HttpResponse<String> overHttps = bearer(URI.create("https://127.0.0.1:" + tlsPort + "/api/v1/emit"), "https");
            assertEquals(200, overHttps.statusCode(), overHttps.body());
            assertEquals("bearer", alice.next("alert").args().get(0));
            HttpResponse<String> overHttp = bearer(URI.create("http://127.0.0.1:" + port + "/api/v1/emit"), "https");
            assertEquals(401, overHttp.statusCode(), "a client's own X-Forwarded-Proto is replaced by nginx");
        }
    }

    private HttpResponse<String> bearer(URI url, String claimedProto) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(dir.resolve("cert.pem"))).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Herald-Key", "shop-key")
                .header("Authorization", "Bearer shop-secret-0123456789").header("X-Forwarded-Proto", claimedProto)
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"alert\",\"data\":\"bearer\",\"to\":{\"users\":[\"alice\"]}}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = new FileInputStream(pem.toFile())) {
            store.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
