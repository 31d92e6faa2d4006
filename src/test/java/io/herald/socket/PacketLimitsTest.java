package io.herald.socket;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import org.junit.jupiter.api.Test;

/** {@code herald.maxAttachments}: a packet may announce that many binary attachments, and no more. */
class PacketLimitsTest {

    @Test
    void aPacketAnnouncingMoreAttachmentsThanAllowedClosesTheConnection() {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.maxAttachments", "2"));
             RawWebSocket within = connected(server); RawWebSocket beyond = connected(server)) {
            within.send("452-1[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            within.sendBinary(new byte[] {1}).sendBinary(new byte[] {2});
            assertEquals(null, within.closeCode(300), "two attachments are allowed");
            beyond.send("453-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},"
                    + "{\"_placeholder\":true,\"num\":2}]");
            assertEquals(1002, beyond.closeCode(2000), "three are a protocol error");
        }
    }

    private static RawWebSocket connected(HeraldTestServer server) {
        RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"));
        ws.next();
        ws.send("40");
        ws.next();
        return ws;
    }
}
