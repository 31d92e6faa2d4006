package io.herald.api;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import io.undertow.servlet.Servlets;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On Undertow (WildFly), {@code /emit} is answered before the servlet layer, so a backend's emits go
 * through even when every request thread of the server is busy with something slow.
 */
class DoitFastPathTest {
    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** A slow page of the same application: holds its request thread until the test releases it. */
    public static final class SlowServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            ENTERED.countDown();
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void emitsAreAnsweredWhileEveryRequestThreadIsBusy() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.builder(config("herald.unsignedEmit", "true"))
                .workerThreads(1)
                .customize(d -> d.addServlet(Servlets.servlet("slow", SlowServlet.class).addMapping("/slow")))
                .start();
             JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            CompletableFuture<HttpResponse<String>> slow = Http.getAsync(server.url("/slow"));
            assertTrue(ENTERED.await(10, TimeUnit.SECONDS), "the slow page holds the one request thread");
            HttpResponse<String> emitted = Http.get(server.url("/emit?id=alice&message=note&text=hi"));
            assertEquals("OK", emitted.body());
            assertEquals("hi", ((org.json.JSONObject) page.next("note").args().get(0)).getString("text"));
            assertFalse(slow.isDone(), "the emit did not wait for a request thread");
            RELEASE.countDown();
            assertEquals(200, slow.get(10, TimeUnit.SECONDS).statusCode());
        }
    }
}
