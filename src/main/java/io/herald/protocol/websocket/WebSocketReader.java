package io.herald.protocol.websocket;

import static io.herald.protocol.websocket.WebSocketFrames.BINARY;
import static io.herald.protocol.websocket.WebSocketFrames.CLOSE;
import static io.herald.protocol.websocket.WebSocketFrames.CONTINUATION;
import static io.herald.protocol.websocket.WebSocketFrames.PING;
import static io.herald.protocol.websocket.WebSocketFrames.PONG;
import static io.herald.protocol.websocket.WebSocketFrames.TEXT;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the frames a client sends (RFC 6455 section 5) from bytes as they arrive, in pieces of any size,
 * and hands each whole message and each control frame to a {@link Handler}. Fragmented messages are
 * joined; control frames may come between their fragments (section 5.4).
 *
 * <p>What a server must refuse is refused with a {@link FrameException} carrying the close code: an
 * unmasked frame, reserved bits or opcodes, a control frame that is fragmented or over 125 bytes, a
 * continuation with no message to continue or a new message inside one (1002); text or a close reason
 * that is not UTF-8 (1007); a message over the limit (1009), found from the frame header before its payload
 * is read; a message the shared {@link MessageBudget} has no room for (1008). Nothing is read after a close
 * frame.
 *
 * <p>Not thread-safe: one connection's reads, one at a time. An idle connection costs this object and a
 * 14-byte header buffer. A message's buffer grows as its bytes arrive (a header announcing a million bytes
 * claims none of them), taken from the budget and given back when the message is whole, the reader fails,
 * or {@link #release} is called.
 */
public final class WebSocketReader {
    /** Close codes (section 7.4.1). */
    /** The first buffer of a message whose length is not known to be smaller. */
    private static final int FIRST_CAPACITY = 256;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final byte[] EMPTY = new byte[0];

    /** What the frames say, in the order they arrive. */
    public interface Handler {
        void onText(String text);

        void onBinary(byte[] data);

        /** A ping: the caller answers with a pong carrying {@code payload} (section 5.5.2). */
        void onPing(byte[] payload);

        /** A close frame; {@link #CloseCodes.NO_STATUS} when it carried no code. Nothing more is read after it. */
        void onClose(int code, String reason);
    }

    private final Handler handler;
    private final int maxMessage;
    private final MessageBudget budget;

    // the frame being read
    private final byte[] header = new byte[14]; // 2 + at most 8 length bytes + 4 mask bytes
    private int headerRead;
    private boolean inPayload;
    private boolean fin;
    private int opcode;
    private long payloadLeft;
    private int mask;      // the masking key, first byte in the top bits
    private int maskIndex; // the payload bytes unmasked so far in this frame, modulo 4

    // the message being joined (data frames) or the control frame's payload; null between them
    private int messageOpcode; // TEXT or BINARY while a fragmented message is open, else 0
    private byte[] message;
    private int messageLength;
    private byte[] control;
    private int controlLength;

    private boolean closed;
    private boolean released; // release() was called or the reader failed: no more is taken from the budget

    /** A reader of messages of at most {@code maxMessage} bytes (their payloads joined; held in one array). */
    public WebSocketReader(int maxMessage, Handler handler) {
        this(maxMessage, MessageBudget.unlimited(), handler);
    }

    /** A reader whose unfinished message takes its memory from {@code budget}, shared with other readers. */
    public WebSocketReader(int maxMessage, MessageBudget budget, Handler handler) {
        if (maxMessage < 0) throw new IllegalArgumentException("maxMessage " + maxMessage);
        this.maxMessage = maxMessage;
        this.budget = budget;
        this.handler = handler;
    }

    /** The bytes this reader holds for a message still arriving (its buffer's size): 0 between messages. */
    public int bufferedCapacity() {
        return message == null ? 0 : message.length;
    }

    /**
     * Gives the unfinished message's memory back to the budget; the connection is over. Safe to call twice,
     * and after a failure (which releases by itself).
     */
    public void release() {
        released = true;
        if (message != null) budget.release(message.length);
        message = null;
        messageOpcode = 0;
    }

    /** Whether a close frame has been read; the reader then ignores whatever follows. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Reads all of {@code in}: the handler hears of every frame completed by these bytes, and a frame they
     * end inside of is kept for the next call. Throws at the first violation; the connection must then close.
     */
    public void read(ByteBuffer in) throws FrameException {
        try {
            while (in.hasRemaining() && !closed) {
                if (!inPayload) {
                    if (!readHeader(in)) return;
                    if (payloadLeft == 0) endFrame();
                } else {
                    readPayload(in);
                }
            }
        } catch (FrameException e) {
            release(); // the connection is closing; nothing more is read
            throw e;
        }
        if (closed) release();
        if (closed) in.position(in.limit());
    }

    // ---- header --------------------------------------------------------------------------------------------

    /** Takes header bytes until the header is whole; then checks it and starts the payload. */
    private boolean readHeader(ByteBuffer in) throws FrameException {
        if (!take(in, 2)) return false;
        // checked before the rest: an unmasked frame has no key, and waiting for one could wait for ever
        if ((header[1] & 0x80) == 0) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a client frame must be masked");
        int lengthBytes = switch (header[1] & 0x7F) {
            case 126 -> 2;
            case 127 -> 8;
            default -> 0;
        };
        if (!take(in, 2 + lengthBytes + 4)) return false;
        headerRead = 0;

        int b0 = header[0] & 0xFF, b1 = header[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        if ((b0 & 0x70) != 0) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "reserved bits set without an extension");
        long length = lengthBytes == 0 ? b1 & 0x7F : 0; // 126 and 127 only announce the wider field
        for (int i = 0; i < lengthBytes; i++) length = (length << 8) | (header[2 + i] & 0xFF);
        if (length < 0) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "frame length over 2^63");
        int m = 2 + lengthBytes;
        mask = (header[m] & 0xFF) << 24 | (header[m + 1] & 0xFF) << 16 | (header[m + 2] & 0xFF) << 8 | header[m + 3] & 0xFF;
        maskIndex = 0;
        payloadLeft = length;
        inPayload = true;
        startFrame(length);
        return true;
    }

    /** Copies header bytes from {@code in} until {@code count} are in; false when {@code in} ran out first. */
    private boolean take(ByteBuffer in, int count) {
        int wanted = count - headerRead;
        if (wanted <= 0) return true;
        int n = Math.min(wanted, in.remaining());
        in.get(header, headerRead, n);
        headerRead += n;
        return n == wanted;
    }

    /** Checks the frame against what came before it and makes room for its payload. */
    private void startFrame(long length) throws FrameException {
        switch (opcode) {
            case CLOSE, PING, PONG -> {
                if (!fin) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a control frame must not be fragmented");
                if (length > MAX_CONTROL_PAYLOAD) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "control frame over 125 bytes");
                control = length == 0 ? EMPTY : new byte[(int) length];
                controlLength = 0;
            }
            case TEXT, BINARY -> {
                if (messageOpcode != 0) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a new message inside a fragmented one");
                checkSize(length);
                messageOpcode = opcode;
                message = EMPTY; // grown as the payload arrives (see ensureRoom)
                messageLength = 0;
            }
            case CONTINUATION -> {
                if (messageOpcode == 0) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a continuation with no message to continue");
                checkSize(messageLength + length);
            }
            default -> throw new FrameException(CloseCodes.PROTOCOL_ERROR, "reserved opcode " + opcode);
        }
    }

    private void checkSize(long length) throws FrameException {
        if (length > maxMessage) throw new FrameException(CloseCodes.TOO_BIG, "message over " + maxMessage + " bytes");
    }

    // ---- payload -------------------------------------------------------------------------------------------

    private void readPayload(ByteBuffer in) throws FrameException {
        int n = (int) Math.min(payloadLeft, in.remaining());
        boolean isControl = opcode >= CLOSE;
        if (!isControl) ensureRoom(messageLength + n);
        byte[] to = isControl ? control : message;
        int at = isControl ? controlLength : messageLength;
        in.get(to, at, n);
        unmask(to, at, n);
        if (isControl) controlLength += n;
        else messageLength += n;
        payloadLeft -= n;
        if (payloadLeft == 0) endFrame();
    }

    /**
     * Grows the message's buffer to hold {@code needed} bytes, taking the growth from the budget. Doubling
     * keeps many small pieces linear; the last frame's end is known, so a message's buffer is never larger
     * than the message, nor than the limit.
     */
    private void ensureRoom(int needed) throws FrameException {
        int capacity = message.length;
        if (needed <= capacity) return;
        long end = fin ? messageLength + payloadLeft : maxMessage; // how large this message can still become
        int grown = (int) Math.min(end, Math.max(needed, Math.max(FIRST_CAPACITY, 2L * capacity)));
        if (released || !budget.reserve(grown - capacity)) {
            throw new FrameException(CloseCodes.POLICY_VIOLATION, "the server's memory for unfinished messages is full");
        }
        message = Arrays.copyOf(message, grown);
    }

    /** Unmasks {@code n} bytes in place (section 5.3), carrying on from where this frame's last piece stopped. */
    private void unmask(byte[] bytes, int from, int n) {
        int key = mask, index = maskIndex;
        for (int i = from, end = from + n; i < end; i++) {
            bytes[i] ^= (byte) (key >>> (24 - 8 * (index & 3)));
            index++;
        }
        maskIndex = index & 3;
    }

    private void endFrame() throws FrameException {
        inPayload = false;
        switch (opcode) {
            case CLOSE -> readClose();
            case PING -> {
                byte[] payload = control;
                control = null;
                handler.onPing(payload);
            }
            case PONG -> control = null; // unsolicited or not, a pong needs no answer (section 5.5.3)
            default -> {
                if (fin) endMessage();
            }
        }
    }

    private void endMessage() throws FrameException {
        byte[] bytes = message.length == messageLength ? message : Arrays.copyOf(message, messageLength);
        int type = messageOpcode;
        budget.release(message.length); // the message is the handler's now
        message = null;
        messageOpcode = 0;
        if (type == TEXT) {
            handler.onText(utf8(bytes, "text"));
        } else {
            handler.onBinary(bytes);
        }
    }

    private void readClose() throws FrameException {
        byte[] payload = control;
        control = null;
        closed = true;
        if (payload.length == 0) {
            handler.onClose(CloseCodes.NO_STATUS, "");
            return;
        }
        if (payload.length == 1) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a close frame with a one-byte code");
        int code = (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        if (!CloseCodes.isValidOnWire(code)) throw new FrameException(CloseCodes.PROTOCOL_ERROR, "close code " + code + " may not be sent");
        handler.onClose(code, utf8(Arrays.copyOfRange(payload, 2, payload.length), "close reason"));
    }

    /** Strict UTF-8: the lenient String constructor first, the strict decoder only to tell a replacement's cause. */
    private static String utf8(byte[] bytes, String what) throws FrameException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) return text;
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException(CloseCodes.NOT_UTF8, what + " is not UTF-8");
        }
    }
}
