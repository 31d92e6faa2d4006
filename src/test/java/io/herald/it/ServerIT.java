package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import io.herald.testing.ChildProcess;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped WAR on a real server (WildFly 39, or Payara Micro 6 / Tomcat 10.1 with their profiles), driven by the official Java and npm clients. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    private URL base;

    private URI root() {
        return Deployments.baseUri(base);
    }

    @Test
    void servesTheDemoPageAndTheClientScriptAtTheRoot() {
        HttpResponse<String> page = Http.get(root());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("socket.io/socket.io.js"));
        HttpResponse<String> script = Http.get(root().resolve("/socket.io/socket.io.js"));
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("Socket.IO v4"), "the official client is served");
    }

    @Test
    void pollingHandshakeAndErrorsFollowEngineIo() {
        HttpResponse<String> open = Http.get(root().resolve("/socket.io/?EIO=4&transport=polling"));
        assertEquals(200, open.statusCode());
        assertTrue(open.body().startsWith("0{\"sid\":"), open.body());
        HttpResponse<String> bad = Http.get(root().resolve("/socket.io/?EIO=9&transport=polling"));
        assertEquals(400, bad.statusCode());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", bad.body());
    }

    @Test
    void javaClientsOnWebSocketReachEachOtherByUserKey() throws Exception {
        try (JavaClient alice = JavaClient.connect(root()).register("alice-java");
             JavaClient bob = JavaClient.connect(root()).register("bob-java")) {
            List<Object> ack = alice.request("demo:push", new JSONObject(Map.of("to", "bob-java", "text", "hi")));
            assertEquals(1, ((JSONObject) ack.get(0)).getInt("reached"));
            JavaClient.Received note = bob.next("demo:note");
            assertEquals("hi", ((JSONObject) note.args().get(0)).getString("text"));
            assertEquals("alice-java", ((JSONObject) note.args().get(0)).getString("from"));
        }
    }

    @Test
    void signedApiAndDoitFormsReachClients() throws Exception {
        try (JavaClient alice = JavaClient.connect(root()).register("alice-api")) {
            SignedHttp api = new SignedHttp(root(), "it-key", "it-secret-0123456789");
            HttpResponse<String> emitted = api.send("POST", "/api/v1/emit",
                    "{\"event\":\"from_api\",\"data\":{\"n\":1},\"to\":{\"users\":[\"alice-api\"]}}");
            assertEquals(200, emitted.statusCode(), emitted.body());
            assertEquals("{\"delivered\":1}", emitted.body());
            assertEquals(1, ((JSONObject) alice.next("from_api").args().get(0)).getInt("n"));

            HttpResponse<String> forged = new SignedHttp(root(), "it-key", "wrong").send("POST", "/api/v1/emit", "{}");
            assertEquals(401, forged.statusCode());
            assertTrue(forged.body().contains("\"code\":\"unauthorized\""), forged.body());

            assertEquals("OK", Http.get(root().resolve("/emit?id=alice-api&message=from_doit&text=hi")).body());
            JavaClient.Received doit = alice.next("from_doit");
            assertEquals("hi", ((JSONObject) doit.args().get(0)).getString("text"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling", "default"})
    void npmClientsReachEachOtherOnEveryTransport(String transport) {
        ChildProcess.Result result = ChildProcess.run(20, "demo-push.js", root().toString(), transport);
        assertEquals(0, result.exitCode(), String.join("\n", result.lines()));
        assertTrue(result.lines().contains("ack {\"reached\":1}"), result.lines().toString());
        assertTrue(result.lines().stream().anyMatch(l -> l.startsWith("bob got {\"from\":\"alice\",\"text\":\"hello from alice\"}")),
                result.lines().toString());
    }
}
