package io.herald.demo;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.FrameClient;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * The demo's presence list stays small however many sockets connect: at most 50 sockets and a count, and at
 * most one list a second for all the connects in it, the last one up to date.
 */
class DemoPresenceTest {
    private static final int CLIENTS = 60;

    @Test
    void manyConnectsGiveFewBoundedLists() throws Exception {
        List<FrameClient> clients = new ArrayList<>();
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.demo", "true"));
             JavaClient observer = JavaClient.connect(server.uri())) {
            long start = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                FrameClient client = FrameClient.connect(server.webSocketUri("EIO=4&transport=websocket"));
                clients.add(client);
                assertTrue(client.read().text().startsWith("0{"));
                client.sendText("40");
            }
            List<JSONObject> lists = new ArrayList<>();
            JSONObject last;
            do {
                JavaClient.Received received = observer.next(DemoHandler.PRESENCE);
                assertEquals(1, received.args().size(), "one argument, {total, sockets}: " + received.args());
                last = (JSONObject) received.args().get(0);
                lists.add(last);
                assertTrue(last.getJSONArray("sockets").length() <= DemoHandler.MAX_LISTED, last.toString());
            } while (last.getInt("total") < CLIENTS + 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(CLIENTS + 1, last.getInt("total"), "the last list counts everyone");
            assertEquals(DemoHandler.MAX_LISTED, last.getJSONArray("sockets").length());
            // one list a second at most (plus the first, sent at once): not one per connect
            assertTrue(lists.size() <= Math.ceil(seconds) + 1,
                    lists.size() + " lists in " + seconds + " s for " + (CLIENTS + 1) + " connects");
        } finally {
            for (FrameClient client : clients) client.close();
        }
    }
}
