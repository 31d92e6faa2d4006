package io.herald.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EngineVersion;
import io.herald.protocol.json.Json;
import io.herald.protocol.socket.SocketDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input fed to every decoder may be refused, but only ever with {@link ProtocolException}:
 * anything else would escape the connection's error handling. Each test feeds a fixed number of inputs from a
 * fixed seed, so a failure names its input and replays exactly.
 */
class RobustnessTest {
    private static final int RUNS = 20_000;
    private static final String ALPHABET = "0123456789-/,:[]{}\"\\_ abcdeftrunlbEe.+\u001e\u00e9\ud83d\ude00\u0000";
    /** Valid inputs of every kind, to be mutated: a mutant is close enough to valid to get deep into a decoder. */
    private static final String[] VALID = {
            "51-[\"a\",{\"_placeholder\":true,\"num\":0}]", "2/admin,12[\"ev\",{\"k\":[1,2.5e-3,true,null,\"\\u00e9\"]}]",
            "0/admin,{\"token\":\"x\"}", "4{\"message\":\"m\"}", "30[]", "62-/x,1[{\"_placeholder\":true,\"num\":1},"
            + "{\"_placeholder\":true,\"num\":0}]", "20:42[\"e\",{\"t\":\"Вя😀\"}]1:3", "6:b4AQID2:40",
            "4hello\u001ebAQIDBA==\u001e2probe", "0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000}"};

    interface Decoder {
        void decode(String input) throws ProtocolException;
    }

    interface BinaryDecoder {
        void decode(byte[] input) throws ProtocolException;
    }

    private static final Decoder[] TEXT_DECODERS = {
            Json::parse,
            s -> Json.parse(s, Math.min(1, s.length()), s.length()),
            EngineCodec::decodeTextFrame,
            s -> EngineCodec.decodeTextFrame(EngineVersion.V4, s),
            s -> EngineCodec.decodeTextFrame(EngineVersion.V3, s),
            EngineCodec::decodePayloadV4,
            s -> EngineCodec.decodePayloadV3(s),
            s -> new SocketDecoder(3).decode(s),
            s -> {
                SocketDecoder d = new SocketDecoder(3);
                if (d.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]") == null) d.decodeAttachment(s.getBytes());
                d.decode(s);
            }};

    private static final BinaryDecoder[] BINARY_DECODERS = {
            b -> EngineCodec.decodePayloadV3(b),
            b -> EngineCodec.decodeBinaryFrame(EngineVersion.V3, b),
            b -> EngineCodec.decodeBinaryFrame(EngineVersion.V4, b),
            b -> new SocketDecoder(3).decodeAttachment(b),
            b -> new SocketDecoder(3).decode(new String(b, StandardCharsets.UTF_8))};

    @Test
    void randomTextOnlyEverRaisesProtocolException() {
        Random random = new Random(20261122);
        for (int run = 0; run < RUNS; run++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) input.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            feed(input.toString());
        }
    }

    @Test
    void mutatedValidInputOnlyEverRaisesProtocolException() {
        Random random = new Random(7);
        for (int run = 0; run < RUNS; run++) {
            StringBuilder input = new StringBuilder(VALID[random.nextInt(VALID.length)]);
            for (int m = 1 + random.nextInt(3); m > 0 && input.length() > 0; m--) {
                int at = random.nextInt(input.length());
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(4)) {
                    case 0 -> input.setCharAt(at, c);
                    case 1 -> input.insert(at, c);
                    case 2 -> input.deleteCharAt(at);
                    default -> input.setLength(at);
                }
            }
            feed(input.toString());
        }
    }

    @Test
    void randomBytesOnlyEverRaiseProtocolException() {
        Random random = new Random(99);
        byte[] small = {0, 1, 2, 4, 9, 10, 52, (byte) 0xc3, (byte) 0xa9, (byte) 0xff};
        for (int run = 0; run < RUNS; run++) {
            byte[] input = new byte[random.nextInt(20)];
            for (int j = 0; j < input.length; j++) {
                input[j] = random.nextBoolean() ? small[random.nextInt(small.length)] : (byte) random.nextInt(256);
            }
            for (BinaryDecoder decoder : BINARY_DECODERS) {
                try {
                    decoder.decode(input);
                } catch (ProtocolException expected) {
                    // refused cleanly
                } catch (RuntimeException e) {
                    fail("bytes " + Arrays.toString(input) + " raised " + e, e);
                }
            }
        }
    }

    /** Random values survive write → parse → write with the same text, strings (lone surrogates too) exactly. */
    @Test
    void randomValuesRoundTripThroughJson() throws Exception {
        Random random = new Random(5);
        for (int run = 0; run < RUNS; run++) {
            Object value = randomValue(random, 0);
            String text = Json.write(value);
            Object parsed = Json.parse(text);
            assertEquals(text, Json.write(parsed), "written again");
            if (value instanceof String s) assertEquals(s, parsed);
        }
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth < 4 ? 8 : 6)) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextLong() >> random.nextInt(64);
            case 3: return random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(60) - 30)
                    : Double.longBitsToDouble(random.nextLong());
            case 4:
            case 5: {
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) s.append((char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0x10000)));
                return s.toString();
            }
            case 6: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) list.add(randomValue(random, depth + 1));
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) map.put("k" + random.nextInt(100), randomValue(random, depth + 1));
                return map;
            }
        }
    }

    private static void feed(String input) {
        for (Decoder decoder : TEXT_DECODERS) {
            try {
                decoder.decode(input);
            } catch (ProtocolException expected) {
                // refused cleanly
            } catch (RuntimeException e) {
                fail("input '" + input + "' raised " + e, e);
            }
        }
    }
}
