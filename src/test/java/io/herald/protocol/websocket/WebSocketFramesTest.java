package io.herald.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server frames as RFC 6455 section 5.2 lays them out, read back by a small reader of the same rules. */
class WebSocketFramesTest {

    /** A frame as a client reads it. */
    private record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {}

    private static Frame read(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate();
        int b0 = in.get() & 0xFF, b1 = in.get() & 0xFF;
        long length = b1 & 0x7F;
        if (length == 126) length = in.getShort() & 0xFFFF;
        else if (length == 127) length = in.getLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        in.get(payload);
        assertEquals(0, in.remaining(), "nothing after the payload");
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, (b1 & 0x80) != 0, payload);
    }

    @Test
    void aTextFrameIsOneFinalUnmaskedFrameOfTheTextInUtf8() {
        String text = "42[\"chat\",\"Grüße, 世界 🎉\"]";
        Frame frame = read(WebSocketFrames.text(text));
        assertEquals(new Frame(true, 0, WebSocketFrames.TEXT, false, null).opcode(), frame.opcode());
        assertEquals(true, frame.fin());
        assertEquals(0, frame.rsv());
        assertEquals(false, frame.masked(), "a server never masks (section 5.1)");
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), frame.payload());
    }

    /** The three length encodings, at and around their boundaries (section 5.2, "Payload length"). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 1_000_000})
    void everyLengthUsesTheShortestFieldThatHoldsIt(int length) {
        ByteBuffer frame = WebSocketFrames.text("a".repeat(length));
        int header = length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
        assertEquals(header + length, frame.remaining());
        int field = frame.get(1) & 0x7F;
        assertEquals(length <= 125 ? length : length <= 65_535 ? 126 : 127, field);
        assertEquals(length, read(frame).payload().length);
    }

    @Test
    void aBinaryFrameCarriesTheRemainingBytesAndLeavesTheSourceAsItWas() {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 4});
        data.get(); // a shared buffer whose position has moved: only what remains is the payload
        Frame frame = read(WebSocketFrames.binary(data));
        assertEquals(WebSocketFrames.BINARY, frame.opcode());
        assertEquals(true, frame.fin());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, frame.payload());
        assertEquals(1, data.position(), "the source's position is untouched: every recipient reads it whole");
        assertEquals(4, data.remaining());
    }
}
