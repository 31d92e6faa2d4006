package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.it.beans.ChatBeans;
import io.herald.it.beans.PlainPushes;
import io.herald.it.beans.TransactionalPushes;
import io.herald.testing.Eventually;
import io.herald.testing.HeraldNode;
import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import java.net.URI;
import java.net.URL;
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

/**
 * The WAR on a real application server as one node of a cluster, a second Herald node in its own JVM, and
 * the machine's Redis between them: what the server is asked to push (by the doit API, the JSON API or a CDI
 * bean) reaches a client connected to the other node. The server's settings (arquillian.xml) name the channel
 * prefix {@code herald-it-<server>}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar().addClasses(ChatBeans.class, TransactionalPushes.class, PlainPushes.class);
    }

    @ArquillianResource
    private URL base;

    private URI root() {
        return Deployments.baseUri(base);
    }

    private static HeraldNode.Running otherNode() {
        return HeraldNode.start(Map.of("herald.cluster.redis", "redis://127.0.0.1:6379",
                "herald.cluster.key", "herald-it-" + System.getProperty("arquillian.launch", "wildfly"),
                "herald.key", "it-key", "herald.secret", "it-secret-0123456789", "herald.signedRegistration", "false"));
    }

    @Test
    void pushesMadeOnTheServerReachAClientOfAnotherNode() throws Exception {
        try (HeraldNode.Running node = otherNode();
             JavaClient alice = JavaClient.connect(root()).register("alice");
             JavaClient bob = JavaClient.connect(node.uri()).register("bob")) {
            // the doit proxy's GET /emit on the server
            assertEquals("OK", Http.get(root().resolve("/emit?id=bob&message=doit&text=hi")).body());
            assertEquals("hi", ((JSONObject) bob.next("doit").args().get(0)).getString("text"));

            // a CDI bean's push (Push.toRegisteredUsers) on the server, started by alice's action
            alice.request("notify-registered");
            bob.next("registered-note");

            // the JSON API of the server puts bob, on the other node, in a room; a bean's room push reaches him
            SignedHttp api = new SignedHttp(root(), "it-key", "it-secret-0123456789");
            assertEquals(200, api.send("PUT", "/api/v1/users/bob/rooms/chatroom", "").statusCode());
            Eventually.waitUntil(10, () -> api.send("GET", "/api/v1/users/bob/sockets", null).body().contains("chatroom"));
            assertEquals(List.of("delivered", 0), alice.request("chat", new JSONObject(Map.of("text", "hello bob"))));
            JSONObject chat = (JSONObject) bob.next("chat").args().get(0);
            assertEquals("alice", chat.getString("from"));
            assertEquals("hello bob", chat.getString("text"));
        }
    }
}
