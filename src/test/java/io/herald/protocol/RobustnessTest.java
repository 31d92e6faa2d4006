package io.herald.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EngineVersion;
import io.herald.protocol.json.Json;
import io.herald.protocol.socket.SocketDecoder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random input fed to every decoder may be refused, but only ever with {@link ProtocolException}: anything
 * else would escape the connection's error handling. Seeded, so a failure can be replayed.
 */
class RobustnessTest {
    private static final String ALPHABET = "0123456789-/,:[]{}\"\\_ abcdeftrunlb\u001e\u00e9\ud83d";

    interface Decoder {
        void decode(String input) throws ProtocolException;
    }

    @Test
    void randomInputOnlyEverRaisesProtocolException() {
        Random random = new Random(20261122);
        Decoder[] decoders = {
                Json::parse,
                EngineCodec::decodeTextFrame,
                EngineCodec::decodePayloadV4,
                s -> EngineCodec.decodePayloadV3(s),
                s -> EngineCodec.decodePayloadV3(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                s -> EngineCodec.decodeBinaryFrame(EngineVersion.V3, s.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                s -> new SocketDecoder(3).decode(s),
                s -> {
                    SocketDecoder d = new SocketDecoder(3);
                    if (d.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]") == null) d.decodeAttachment(s.getBytes());
                    d.decode(s);
                }};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) input.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            for (Decoder decoder : decoders) {
                try {
                    decoder.decode(input.toString());
                } catch (ProtocolException expected) {
                    // refused cleanly
                } catch (RuntimeException e) {
                    fail("input '" + input + "' raised " + e, e);
                }
            }
        }
    }
}
