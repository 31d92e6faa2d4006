package io.herald.it;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.registry.Target;
import io.herald.testing.ChildProcess;
import io.herald.testing.Tools;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * server-config/nginx/herald.conf, as committed (only its ports changed), with nginx from Debian's
 * packages in front of Herald: the npm client connects through it on every transport. .ci/run installs
 * nginx; on a machine without it this test is skipped.
 */
class NginxTest {
    @TempDir
    Path dir;

    private HeraldTestServer server;
    private ChildProcess nginx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Tools.require("apt-get install nginx-light", "nginx");
        server = HeraldTestServer.start(config());
        port = freePort();
        String site = Files.readString(Path.of("server-config/nginx/herald.conf"))
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
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
        while (true) {
            try {
                if (Http.get(through).statusCode() == 200) break;
            } catch (AssertionError notYet) {
                if (System.currentTimeMillis() > deadline) throw new AssertionError("nginx did not start: " + nginx.seen(), notYet);
                Thread.sleep(100);
            }
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"websocket, websocket", "polling, polling", "default, websocket"})
    void clientsConnectThroughNginx(String transport, String finalTransport) throws Exception {
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
}
