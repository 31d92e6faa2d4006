package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.herald.it.beans.ChatBeans;
import io.herald.it.beans.PlainPushes;
import io.herald.it.beans.TransactionalPushes;
import io.herald.testing.JavaClient;
import io.socket.client.IO;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CDI both ways on a real WildFly: application beans deployed with Herald observe client actions and
 * lifecycle events and push through {@code Push} and {@code PushMessage}, driven by the official Java client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CdiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar().addClasses(ChatBeans.class, TransactionalPushes.class, PlainPushes.class);
    }

    @ArquillianResource
    private URL base;

    private URI root() {
        return Deployments.baseUri(base);
    }

    @Test
    void aClientActionReachesABeanWhichPushesToOthersAndAnswers() throws Exception {
        try (JavaClient alice = JavaClient.connect(root()).register("alice");
             JavaClient bob = JavaClient.connect(root()).register("bob")) {
            assertEquals(List.of(true), alice.request("join-chat"));
            assertEquals(List.of(true), bob.request("join-chat"));
            List<Object> answer = alice.request("chat", new JSONObject(Map.of("text", "hello bob")));
            assertEquals(List.of("delivered", 1), answer);
            JSONObject chat = (JSONObject) bob.next("chat").args().get(0);
            assertEquals("alice", chat.getString("from"));
            assertEquals("hello bob", chat.getString("text"));
        }
    }

    @Test
    void theEventCarriesTheHandshake() throws Exception {
        IO.Options options = JavaClient.options();
        options.extraHeaders = Map.of("Cookie", List.of("theme=dark; session=abc"), "Accept-Language", List.of("ru-RU,ru;q=0.9,en;q=0.8"));
        try (JavaClient client = JavaClient.connect(root(), "/", options).register("ivan")) {
            JSONObject me = (JSONObject) client.request("whoami").get(0);
            assertEquals("ivan", me.getString("user"));
            assertEquals("default", me.getString("app"));
            assertEquals("/", me.getString("namespace"));
            assertEquals("ru-RU", me.getString("language"));
            assertEquals("dark", me.getString("theme"));
            assertTrue(me.getBoolean("hasAddress"));
        }
    }

    @Test
    void anObserverThatThrowsGivesTheClientAGenericErrorAndTheSocketLives() throws Exception {
        try (JavaClient client = JavaClient.connect(root()).register("carol")) {
            JSONObject error = ((JSONObject) client.request("explode").get(0)).getJSONObject("error");
            assertEquals(500, error.getInt("code"));
            assertTrue(error.getString("message").contains("explode"));
            client.socket().emit("explode"); // without a callback: an explode:error event
            assertEquals(500, ((JSONObject) client.next("explode:error").args().get(0)).getInt("code"));
            assertEquals(List.of(true), client.request("join-chat"), "the socket still works");
        }
    }

    @Test
    void anObserverCanRefuseWithAnError() throws Exception {
        try (JavaClient client = JavaClient.connect(root())) {
            JSONObject error = ((JSONObject) client.request("refuse").get(0)).getJSONObject("error");
            assertEquals(403, error.getInt("code"));
            assertEquals("not for you", error.getString("message"));
        }
    }

    @Test
    void pushesFollowTheTransaction() throws Exception {
        assumeFalse("tomcat".equals(System.getProperty("arquillian.launch")), "Tomcat has no JTA transactions");
        try (JavaClient dave = JavaClient.connect(root()).register("dave")) {
            assertEquals(List.of("rolled back"), dave.request("tx-rollback"));
            assertEquals(List.of("committed"), dave.request("tx-commit"));
            JavaClient.Received tx = dave.next("tx");
            assertEquals(List.of("committed"), tx.args(), "only the committed push arrives");
            assertNull(dave.poll("tx", 300), "the rolled-back push never arrives (the demo's presence updates may)");
            assertEquals(List.of("fired"), dave.request("async-push"));
            assertEquals(List.of(1), dave.next("async-note").args());
        }
    }

    @Test
    void aPushFiredOutsideATransactionIsDelivered() throws Exception {
        try (JavaClient gus = JavaClient.connect(root()).register("gus")) {
            assertEquals(List.of("fired"), gus.request("plain-push"));
            assertEquals(List.of("no transaction"), gus.next("plain-note").args());
        }
    }

    @Test
    void targetsByAttributeRegisteredUsersAndAcks() throws Exception {
        try (JavaClient admin = JavaClient.connect(root()).register("erin");
             JavaClient visitor = JavaClient.connect(root())) {
            assertEquals(List.of("ok"), admin.request("set-role", "admin"));
            assertEquals(List.of(1), visitor.request("notify-admins"));
            assertEquals("for admins", admin.next("admin-note").args().get(0));
            assertEquals(List.of(1), visitor.request("notify-registered"), "the visitor has no user key");
            admin.next("registered-note");
            admin.socket().on("question", args -> ((io.socket.client.Ack) args[args.length - 1]).call("erin"));
            assertEquals(List.of("asked"), visitor.request("ask-user", "erin"));
            JSONArray answers = (JSONArray) visitor.next("answers").args().get(0);
            assertEquals("[[\"erin\"]]", answers.toString());
        }
    }

    @Test
    void lifecycleEventsReachTheApplication() throws Exception {
        try (JavaClient watcher = JavaClient.connect(root()).register("watcher")) {
            JavaClient frank = JavaClient.connect(root());
            String id = frank.id();
            assertEquals(List.of("connected", id), watcher.next("lifecycle").args());
            frank.register("frank");
            assertEquals(List.of("registered", "frank"), watcher.next("lifecycle").args());
            frank.close();
            assertEquals(List.of("disconnected", "frank", "client namespace disconnect"), watcher.next("lifecycle").args());
        }
    }
}
