package io.herald.protocol.websocket;

import static io.herald.protocol.websocket.WebSocketFrames.BINARY;
import static io.herald.protocol.websocket.WebSocketFrames.CLOSE;
import static io.herald.protocol.websocket.WebSocketFrames.CONTINUATION;
import static io.herald.protocol.websocket.WebSocketFrames.PING;
import static io.herald.protocol.websocket.WebSocketFrames.PONG;
import static io.herald.protocol.websocket.WebSocketFrames.TEXT;
import static io.herald.protocol.websocket.CloseCodes.NOT_UTF8;
import static io.herald.protocol.websocket.CloseCodes.NO_STATUS;
import static io.herald.protocol.websocket.CloseCodes.PROTOCOL_ERROR;
import static io.herald.protocol.websocket.CloseCodes.TOO_BIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client frames (RFC 6455 section 5) read in pieces of any size, and what a server must refuse. */
class WebSocketReaderTest {

    private static final byte[] KEY = {(byte) 0xA7, 0x3C, (byte) 0x91, 0x5E};
    private static final byte[] EMPTY = new byte[0];
    private static final int LIMIT = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    // ---- building client frames -------------------------------------------------------------------------------

    /** A frame header: FIN, RSV bits (0-7), opcode, the length in the shortest field, then the mask key if any. */
    private static byte[] header(boolean fin, int rsv, int opcode, long length, byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = key == null ? 0 : 0x80;
        if (length >= 0 && length <= 125) {
            out.write(maskBit | (int) length);
        } else if (length >= 0 && length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (length >>> shift));
        }
        if (key != null) out.writeBytes(key);
        return out.toByteArray();
    }

    /** A whole frame; {@code key} null for an unmasked one. */
    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] key) {
        byte[] head = header(fin, rsv, opcode, payload.length, key);
        byte[] frame = Arrays.copyOf(head, head.length + payload.length);
        for (int i = 0; i < payload.length; i++) {
            frame[head.length + i] = key == null ? payload[i] : (byte) (payload[i] ^ key[i % 4]);
        }
        return frame;
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, KEY);
    }

    private static byte[] frame(int opcode, byte[] payload) {
        return frame(true, opcode, payload);
    }

    private static byte[] text(String text) {
        return frame(TEXT, utf8(text));
    }

    private static byte[] close(int code, byte[] reason) {
        return frame(CLOSE, concat(new byte[] {(byte) (code >>> 8), (byte) code}, reason));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} bytes that are not all alike, so a byte out of place shows. */
    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = (byte) (i * 31 + 7);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** What the handler heard, one string an event. */
    private static final class Recorder implements WebSocketReader.Handler {
        final List<String> events = new ArrayList<>();

        @Override
        public void onText(String text) {
            events.add("text " + text);
        }

        @Override
        public void onBinary(byte[] data) {
            events.add("binary " + HEX.formatHex(data));
        }

        @Override
        public void onPing(byte[] payload) {
            events.add("ping " + HEX.formatHex(payload));
        }

        @Override
        public void onClose(int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }

    /** Feeds each piece and checks the reader took all of it. */
    private static void feed(WebSocketReader reader, ByteBuffer piece) throws FrameException {
        reader.read(piece);
        assertFalse(piece.hasRemaining(), "every byte of a piece is taken");
    }

    /** Feeds {@code stream} to a new reader in pieces cut at {@code cuts} (ascending), and returns what it heard. */
    private static List<String> read(int limit, byte[] stream, int... cuts) throws FrameException {
        Recorder recorder = new Recorder();
        WebSocketReader reader = new WebSocketReader(limit, recorder);
        int from = 0;
        for (int cut : cuts) {
            feed(reader, ByteBuffer.wrap(stream, from, cut - from)); // a buffer whose position is not 0
            from = cut;
        }
        feed(reader, ByteBuffer.wrap(stream, from, stream.length - from));
        return recorder.events;
    }

    private static List<String> read(byte[] stream, int... cuts) throws FrameException {
        return read(LIMIT, stream, cuts);
    }

    private static List<String> readByteByByte(int limit, byte[] stream) throws FrameException {
        Recorder recorder = new Recorder();
        WebSocketReader reader = new WebSocketReader(limit, recorder);
        for (byte b : stream) feed(reader, ByteBuffer.wrap(new byte[] {b}));
        return recorder.events;
    }

    /** The close code the reader refuses {@code stream} with, the same whether it comes whole or byte by byte. */
    private static int refusal(int limit, byte[] stream) {
        int whole = assertThrows(FrameException.class, () -> read(limit, stream)).closeCode();
        int byByte = assertThrows(FrameException.class, () -> readByteByByte(limit, stream)).closeCode();
        assertEquals(whole, byByte, "the same refusal whether the bytes come at once or one by one");
        return whole;
    }

    private static int refusal(byte[] stream) {
        return refusal(LIMIT, stream);
    }

    private static String hex(String text) {
        return HEX.formatHex(utf8(text));
    }

    // ---- messages -----------------------------------------------------------------------------------------------

    @Test
    void aTextMessageArrivesAsItsString() throws FrameException {
        assertEquals(List.of("text 42[\"chat\",\"Grüße, 世界 🎉\"]"), read(text("42[\"chat\",\"Grüße, 世界 🎉\"]")));
    }

    @Test
    void aBinaryMessageArrivesWithEveryByteUntouched() throws FrameException {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) everyByte[i] = (byte) i;
        assertEquals(List.of("binary " + HEX.formatHex(everyByte)), read(frame(BINARY, everyByte)));
    }

    @ParameterizedTest
    @ValueSource(ints = {TEXT, BINARY})
    void anEmptyMessageArrivesEmpty(int opcode) throws FrameException {
        String expected = opcode == TEXT ? "text " : "binary ";
        assertEquals(List.of(expected, expected), read(concat(frame(opcode, EMPTY), frame(opcode, EMPTY))));
    }

    /** Section 5.3: byte i is XORed with key byte i mod 4, also when a piece ends mid-key. */
    @ParameterizedTest
    @ValueSource(strings = {"00000000", "ffffffff", "a73c915e", "80000001", "0102fe7f"})
    void thePayloadIsUnmaskedWhateverTheKey(String key) throws FrameException {
        byte[] payload = utf8("masked: ünïcödé!"); // 19 bytes: the key wraps and does not end evenly
        byte[] stream = frame(true, 0, TEXT, payload, HEX.parseHex(key));
        List<String> expected = List.of("text masked: ünïcödé!");
        assertEquals(expected, read(stream));
        assertEquals(expected, readByteByByte(LIMIT, stream));
        for (int cut = 0; cut <= stream.length; cut++) assertEquals(expected, read(stream, cut), "cut at " + cut);
    }

    /** Section 5.2: 125 is the last 7-bit length, 126-65535 take 2 more bytes, from 65536 on 8 more. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000})
    void everyLengthEncodingIsReadAtItsBoundaries(int length) throws FrameException {
        byte[] payload = bytes(length);
        byte[] stream = concat(frame(BINARY, payload), text("next"));
        int headerLength = (length <= 125 ? 2 : length <= 65_535 ? 4 : 10) + 4;
        assertEquals(headerLength + length + 2 + 4 + 4, stream.length, "the test's frames use the shortest field");
        List<String> expected = List.of("binary " + HEX.formatHex(payload), "text next");
        assertEquals(expected, read(stream));
        assertEquals(expected, readByteByByte(LIMIT, stream));
        for (int cut = 0; cut <= headerLength + 1; cut++) assertEquals(expected, read(stream, cut), "cut at " + cut);
        assertEquals(expected, read(stream, headerLength + length / 2, headerLength + length));
    }

    // ---- pieces of any size -------------------------------------------------------------------------------------

    /** Several frames of each kind: 7- and 16-bit lengths, fragments with control frames between, then a close. */
    private static byte[] conversation() {
        byte[] grusse = utf8("Grüße 🎉");
        return concat(
                text("héllo, 世界"),
                frame(BINARY, bytes(300)),
                frame(false, TEXT, Arrays.copyOfRange(grusse, 0, 3)), // "Gr" and the first byte of ü
                frame(PING, utf8("still there?")),
                frame(PONG, utf8("ignored")),
                frame(false, CONTINUATION, Arrays.copyOfRange(grusse, 3, grusse.length - 2)), // half of 🎉
                frame(true, CONTINUATION, Arrays.copyOfRange(grusse, grusse.length - 2, grusse.length)),
                frame(BINARY, EMPTY),
                frame(PING, EMPTY),
                close(1000, utf8("bye")));
    }

    private static final List<String> CONVERSATION = List.of(
            "text héllo, 世界",
            "binary " + HEX.formatHex(bytes(300)),
            "ping " + hex("still there?"),
            "text Grüße 🎉",
            "binary ",
            "ping ",
            "close 1000 bye");

    @Test
    void aConversationSaysTheSameWholeOneByteAtATimeOrCutAnywhere() throws FrameException {
        byte[] stream = conversation();
        assertEquals(CONVERSATION, read(stream));
        assertEquals(CONVERSATION, readByteByByte(LIMIT, stream));
        for (int cut = 0; cut <= stream.length; cut++) assertEquals(CONVERSATION, read(stream, cut), "cut at " + cut);
    }

    @Test
    void aConversationCutIntoThreePiecesAnywhereSaysTheSame() throws FrameException {
        byte[] stream = conversation();
        for (int first = 0; first <= stream.length; first++) {
            for (int second = first; second <= stream.length; second++) {
                assertEquals(CONVERSATION, read(stream, first, second), "cut at " + first + " and " + second);
            }
        }
    }

    @Test
    void aConversationInPiecesOfRandomSizesSaysTheSame() throws FrameException {
        byte[] stream = conversation();
        Random random = new Random(6455);
        for (int round = 0; round < 500; round++) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = random.nextInt(20); at < stream.length; at += random.nextInt(20)) cuts.add(at);
            int[] positions = cuts.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(CONVERSATION, read(stream, positions), "cut at " + cuts);
        }
    }

    // ---- fragments ----------------------------------------------------------------------------------------------

    @Test
    void aMessageSplitAcrossThreeFragmentsArrivesWhole() throws FrameException {
        byte[] stream = concat(
                frame(false, TEXT, utf8("Hel")),
                frame(false, CONTINUATION, utf8("lo, ")),
                frame(true, CONTINUATION, utf8("world")));
        assertEquals(List.of("text Hello, world"), read(stream));
    }

    @Test
    void aPingBetweenFragmentsIsHandedOverBeforeTheMessage() throws FrameException {
        byte[] stream = concat(
                frame(false, TEXT, utf8("Hel")),
                frame(PING, utf8("1")),
                frame(false, CONTINUATION, utf8("lo, ")),
                frame(PING, utf8("2")),
                frame(true, CONTINUATION, utf8("world")));
        assertEquals(List.of("ping " + hex("1"), "ping " + hex("2"), "text Hello, world"), read(stream));
    }

    @Test
    void aBinaryMessageInFragmentsIsJoinedByteForByte() throws FrameException {
        byte[] payload = bytes(1000);
        byte[] stream = concat(
                frame(false, BINARY, Arrays.copyOfRange(payload, 0, 1)),
                frame(false, CONTINUATION, EMPTY),
                frame(false, CONTINUATION, Arrays.copyOfRange(payload, 1, 700)),
                frame(true, CONTINUATION, Arrays.copyOfRange(payload, 700, 1000)));
        assertEquals(List.of("binary " + HEX.formatHex(payload)), read(stream));
    }

    @Test
    void aMessageOfAThousandOneByteFragmentsKeepsItsOrder() throws FrameException {
        byte[] payload = bytes(1000);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < payload.length; i++) {
            stream.writeBytes(frame(i == payload.length - 1, i == 0 ? BINARY : CONTINUATION, new byte[] {payload[i]}));
        }
        assertEquals(List.of("binary " + HEX.formatHex(payload)), read(stream.toByteArray()));
    }

    @Test
    void aCharacterSplitBetweenFragmentsStillDecodes() throws FrameException {
        String text = "€ ü 世 🎉";
        byte[] bytes = utf8(text);
        for (int cut = 0; cut <= bytes.length; cut++) {
            byte[] stream = concat(
                    frame(false, TEXT, Arrays.copyOfRange(bytes, 0, cut)),
                    frame(true, CONTINUATION, Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertEquals(List.of("text " + text), read(stream), "fragments cut at byte " + cut);
        }
    }

    // ---- control frames -----------------------------------------------------------------------------------------

    @Test
    void aPingHandsOverItsPayload() throws FrameException {
        assertEquals(List.of("ping " + hex("are you there?"), "ping "),
                read(concat(frame(PING, utf8("are you there?")), frame(PING, EMPTY))));
    }

    @Test
    void aPingOf125BytesIsTheLargestControlFrameAllowed() throws FrameException {
        assertEquals(List.of("ping " + HEX.formatHex(bytes(125))), read(frame(PING, bytes(125))));
    }

    @Test
    void aPongIsIgnored() throws FrameException {
        byte[] stream = concat(
                frame(PONG, utf8("unsolicited")),
                frame(PONG, EMPTY),
                frame(false, TEXT, utf8("a")),
                frame(PONG, utf8("between")),
                frame(true, CONTINUATION, utf8("b")));
        assertEquals(List.of("text ab"), read(stream));
    }

    @Test
    void aCloseWithoutPayloadMeansNoStatus() throws FrameException {
        assertEquals(List.of("close " + NO_STATUS + " "), read(frame(CLOSE, EMPTY)));
    }

    @Test
    void aCloseCarriesItsCodeAndReason() throws FrameException {
        assertEquals(List.of("close 1001 going away — à bientôt"), read(close(1001, utf8("going away — à bientôt"))));
        assertEquals(List.of("close 4000 "), read(close(4000, EMPTY)));
        String longest = "r".repeat(123); // 125 bytes of payload
        assertEquals(List.of("close 1000 " + longest), read(close(1000, utf8(longest))));
    }

    @Test
    void nothingIsReadAfterAClose() throws FrameException {
        Recorder recorder = new Recorder();
        WebSocketReader reader = new WebSocketReader(LIMIT, recorder);
        feed(reader, ByteBuffer.wrap(text("before")));
        assertFalse(reader.isClosed());

        byte[] unmasked = frame(true, 0, TEXT, utf8("not even masked"), null);
        feed(reader, ByteBuffer.wrap(concat(close(1000, utf8("done")), text("after"), unmasked)));
        assertTrue(reader.isClosed());
        feed(reader, ByteBuffer.wrap(concat(text("later"), unmasked, frame(PING, EMPTY))));
        assertEquals(List.of("text before", "close 1000 done"), recorder.events);
        assertTrue(reader.isClosed());
    }

    // ---- protocol errors (1002) ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {TEXT, BINARY, PING, PONG, CLOSE})
    void anUnmaskedFrameIsAProtocolError(int opcode) {
        byte[] payload = concat(new byte[] {0x03, (byte) 0xE8}, utf8("not masked"));
        assertEquals(PROTOCOL_ERROR, refusal(frame(true, 0, opcode, payload, null)));
    }

    /** The mask bit is in the second byte: an unmasked frame is known as soon as it starts, however short. */
    @Test
    void anUnmaskedFrameShorterThanAMaskKeyIsAProtocolErrorToo() {
        assertEquals(PROTOCOL_ERROR, refusal(frame(true, 0, CLOSE, EMPTY, null)));
        assertEquals(PROTOCOL_ERROR, refusal(frame(true, 0, TEXT, utf8("hi"), null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void reservedBitsAreAProtocolError(int rsv) {
        assertEquals(PROTOCOL_ERROR, refusal(frame(true, rsv, TEXT, utf8("hi"), KEY)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void aReservedOpcodeIsAProtocolError(int opcode) {
        assertEquals(PROTOCOL_ERROR, refusal(frame(opcode, utf8("hi"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {PING, PONG, CLOSE})
    void aFragmentedControlFrameIsAProtocolError(int opcode) {
        assertEquals(PROTOCOL_ERROR, refusal(frame(false, opcode, new byte[] {0x03, (byte) 0xE8})));
    }

    @ParameterizedTest
    @ValueSource(ints = {PING, PONG, CLOSE})
    void aControlFrameOver125BytesIsAProtocolError(int opcode) {
        byte[] payload = concat(new byte[] {0x03, (byte) 0xE8}, utf8("r".repeat(124)));
        assertEquals(PROTOCOL_ERROR, refusal(frame(opcode, payload)));
    }

    @Test
    void aContinuationWithNoMessageIsAProtocolError() {
        assertEquals(PROTOCOL_ERROR, refusal(frame(true, CONTINUATION, utf8("orphan"))));
        assertEquals(PROTOCOL_ERROR, refusal(frame(false, CONTINUATION, utf8("orphan"))));
        assertEquals(PROTOCOL_ERROR, refusal(concat(text("done"), frame(true, CONTINUATION, utf8("more")))));
    }

    @ParameterizedTest
    @ValueSource(ints = {TEXT, BINARY})
    void aNewMessageInsideAFragmentedOneIsAProtocolError(int opcode) {
        assertEquals(PROTOCOL_ERROR, refusal(concat(frame(false, TEXT, utf8("open")), frame(opcode, utf8("new")))));
        assertEquals(PROTOCOL_ERROR, refusal(concat(frame(false, BINARY, utf8("open")), frame(opcode, utf8("new")))));
    }

    @Test
    void aCloseWithAOneByteCodeIsAProtocolError() {
        assertEquals(PROTOCOL_ERROR, refusal(frame(CLOSE, new byte[] {0x03})));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535})
    void aCloseCodeNoEndpointMaySendIsAProtocolError(int code) {
        assertEquals(PROTOCOL_ERROR, refusal(close(code, utf8("why"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void aCloseCodeAnEndpointMaySendIsAccepted(int code) throws FrameException {
        assertEquals(List.of("close " + code + " why"), read(close(code, utf8("why"))));
    }

    @Test
    void aLengthWithItsTopBitSetIsAProtocolError() {
        assertEquals(PROTOCOL_ERROR, refusal(header(true, 0, BINARY, Long.MIN_VALUE + 5, KEY)));
    }

    // ---- not UTF-8 (1007) ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "c328",         // a lead byte followed by no continuation byte
        "c0af",         // overlong '/'
        "e080af",       // overlong '/' in three bytes
        "eda080",       // the surrogate U+D800 encoded
        "f4908080",     // past U+10FFFF
        "e282",         // a character cut short at the end
        "80",           // a continuation byte alone
        "ff",           // never in UTF-8
        "f888808080"})  // a five-byte form
    void textThatIsNotUtf8IsRefused(String bytes) {
        byte[] payload = concat(utf8("ok "), HEX.parseHex(bytes), utf8(" ok"));
        assertEquals(NOT_UTF8, refusal(frame(TEXT, payload)));
    }

    @Test
    void textThatIsNotUtf8IsRefusedWhenItsFragmentsAreJoined() {
        byte[] stream = concat(frame(false, TEXT, utf8("ok \u00e9")), frame(true, CONTINUATION, new byte[] {(byte) 0xA9}));
        assertEquals(NOT_UTF8, refusal(stream));
    }

    @Test
    void aRealReplacementCharacterIsAccepted() throws FrameException {
        assertEquals(List.of("text a\uFFFDb"), read(text("a\uFFFDb")));
        assertEquals(List.of("close 1000 \uFFFD"), read(close(1000, utf8("\uFFFD"))));
    }

    @Test
    void aRealReplacementCharacterDoesNotHideBytesThatAreNotUtf8() {
        assertEquals(NOT_UTF8, refusal(frame(TEXT, concat(utf8("\uFFFD"), HEX.parseHex("c328")))));
    }

    @Test
    void aCloseReasonThatIsNotUtf8IsRefused() {
        assertEquals(NOT_UTF8, refusal(close(1000, HEX.parseHex("c328"))));
        assertEquals(NOT_UTF8, refusal(close(1000, HEX.parseHex("eda080"))));
    }

    // ---- too big (1009) -----------------------------------------------------------------------------------------

    /** The header alone, announcing one byte more than the limit: refused before any payload comes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 125, 65_535, 100_000})
    void aMessageOverTheLimitIsRefusedFromItsHeaderAlone(int limit) {
        assertEquals(TOO_BIG, refusal(limit, header(true, 0, TEXT, limit + 1, KEY)));
        assertEquals(TOO_BIG, refusal(limit, header(false, 0, BINARY, limit + 1, KEY)));
    }

    @Test
    void fragmentsAddingUpToMoreThanTheLimitAreRefusedAtTheHeaderThatCrossesIt() {
        byte[] stream = concat(
                frame(false, TEXT, utf8("a".repeat(60))),
                frame(false, CONTINUATION, utf8("b".repeat(40))), // 100: at the limit, still fine
                header(true, 0, CONTINUATION, 1, KEY));            // 101: its payload never needed
        assertEquals(TOO_BIG, refusal(100, stream));
    }

    // ---- memory claimed as bytes arrive (issue 30, item 3) ----------------------------------------------------

    /** A header announcing a million bytes, then ten: the reader holds a small buffer, not the million. */
    @Test
    void aHeaderAnnouncingAMillionBytesClaimsOnlyWhatArrives() throws FrameException {
        WebSocketReader reader = new WebSocketReader(1_000_000, new Recorder());
        feed(reader, ByteBuffer.wrap(concat(header(true, 0, TEXT, 1_000_000, KEY), new byte[10])));
        assertTrue(reader.bufferedCapacity() <= 256, "holds " + reader.bufferedCapacity() + " bytes");
    }

    /** Under a shared budget of 300 KB, 1,000 such headers fit (256 bytes each), and the message that grows past it is refused with 1008. */
    @Test
    void theSharedBudgetRefusesTheMessageThatWouldPassItAndIsGivenBack() throws FrameException {
        MessageBudget budget = new MessageBudget(300_000);
        List<WebSocketReader> readers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            WebSocketReader reader = new WebSocketReader(1_000_000, budget, new Recorder());
            feed(reader, ByteBuffer.wrap(concat(header(true, 0, BINARY, 1_000_000, KEY), new byte[10])));
            readers.add(reader);
        }
        assertEquals(1000 * 256, budget.held());
        WebSocketReader greedy = new WebSocketReader(1_000_000, budget, new Recorder());
        feed(greedy, ByteBuffer.wrap(header(true, 0, BINARY, 1_000_000, KEY)));
        FrameException refused = assertThrows(FrameException.class, () -> greedy.read(ByteBuffer.wrap(new byte[100_000])));
        assertEquals(CloseCodes.POLICY_VIOLATION, refused.closeCode());
        assertEquals(1000 * 256, budget.held(), "the refused reader gave its memory back");
        readers.forEach(WebSocketReader::release);
        readers.forEach(WebSocketReader::release); // twice is harmless
        assertEquals(0, budget.held());
    }

    /** A message read whole, in many fragments, leaves nothing held. */
    @Test
    void aWholeMessageGivesItsMemoryBack() throws FrameException {
        MessageBudget budget = new MessageBudget(10_000);
        Recorder recorder = new Recorder();
        WebSocketReader reader = new WebSocketReader(5000, budget, recorder);
        byte[] stream = frame(false, TEXT, utf8("a".repeat(1000)));
        for (int i = 0; i < 3; i++) stream = concat(stream, frame(false, CONTINUATION, utf8("b".repeat(1000))));
        stream = concat(stream, frame(true, CONTINUATION, utf8("c".repeat(1000))));
        feed(reader, ByteBuffer.wrap(stream));
        assertEquals(List.of("text " + "a".repeat(1000) + "b".repeat(3000) + "c".repeat(1000)), recorder.events);
        assertEquals(0, budget.held());
        assertEquals(0, reader.bufferedCapacity());
    }

    @Test
    void aMessageExactlyAtTheLimitIsAccepted() throws FrameException {
        assertEquals(List.of("text " + "a".repeat(100)), read(100, text("a".repeat(100))));
        assertEquals(List.of("binary " + HEX.formatHex(bytes(70_000))), read(70_000, frame(BINARY, bytes(70_000))));
    }

    @Test
    void fragmentsAddingUpExactlyToTheLimitAreAccepted() throws FrameException {
        byte[] stream = concat(
                frame(false, TEXT, utf8("a".repeat(60))),
                frame(PING, bytes(125)), // control frames do not count towards the message
                frame(true, CONTINUATION, utf8("b".repeat(40))));
        assertEquals(List.of("ping " + HEX.formatHex(bytes(125)), "text " + "a".repeat(60) + "b".repeat(40)),
                read(100, stream));
    }
}
