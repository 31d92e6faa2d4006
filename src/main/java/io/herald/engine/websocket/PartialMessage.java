package io.herald.engine.websocket;

import io.herald.protocol.websocket.CloseCodes;
import io.herald.protocol.websocket.MessageBudget;
import java.util.Arrays;

/**
 * Joins the parts of one JSR-356 message ({@code MessageHandler.Partial}) up to maxPayload, so that the
 * container's own buffers can stay small on every session. The memory of a message still arriving is taken
 * from the server's shared {@link MessageBudget} and given back when it is whole or the socket closes.
 * Not thread-safe: the container calls one session's handlers serially.
 */
final class PartialMessage {
    /** Why a message was refused: {@link CloseCodes#TOO_BIG} for maxPayload, the budget otherwise. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    private final int maxPayload;
    private final MessageBudget budget;
    private StringBuilder text;  // the text parts so far, or null
    private byte[] binary;       // the binary parts so far (its length is its capacity), or null
    private int binaryLength;
    private long reserved;       // bytes taken from the budget for the message being joined
    private boolean refused;     // a message was refused: the socket is closing, later parts are dropped

    PartialMessage(int maxPayload, MessageBudget budget) {
        this.maxPayload = maxPayload;
        this.budget = budget;
    }

    /** Adds a text part; the whole text when {@code last}, else null. Counted in chars, as maxPayload is for text. */
    String text(String part, boolean last) throws Refused {
        if (refused) return null;
        if (text == null && last) {
            if (part.length() > maxPayload) throw new Refused("text message over maxPayload");
            return part; // one part: nothing to join, nothing held
        }
        int length = (text == null ? 0 : text.length()) + part.length();
        if (length > maxPayload) {
            refuse();
            throw new Refused("text message over maxPayload");
        }
        if (text == null) text = new StringBuilder();
        reserve(2L * length); // a char is at most two bytes
        text.append(part);
        if (!last) return null;
        String whole = text.toString();
        release();
        return whole;
    }

    /** Adds a binary part; the whole message when {@code last}, else null. */
    byte[] binary(byte[] part, boolean last) throws Refused {
        if (refused) return null;
        if (binary == null && last) {
            if (part.length > maxPayload) throw new Refused("binary message over maxPayload");
            return part;
        }
        int length = binaryLength + part.length;
        if (length > maxPayload) {
            refuse();
            throw new Refused("binary message over maxPayload");
        }
        if (binary == null || length > binary.length) {
            // doubling keeps many small parts linear; never past maxPayload
            int grown = (int) Math.min(maxPayload, Math.max(length, 2L * (binary == null ? 0 : binary.length)));
            reserve(grown);
            binary = binary == null ? new byte[grown] : Arrays.copyOf(binary, grown);
        }
        System.arraycopy(part, 0, binary, binaryLength, part.length);
        binaryLength = length;
        if (!last) return null;
        byte[] whole = binary.length == binaryLength ? binary : Arrays.copyOf(binary, binaryLength);
        release();
        return whole;
    }

    /** Takes the budget up to {@code total} bytes for this message. */
    private void reserve(long total) throws Refused {
        if (total <= reserved) return;
        if (!budget.reserve(total - reserved)) {
            refuse();
            throw new Refused("the server's memory for unfinished messages is full");
        }
        reserved = total;
    }

    private void refuse() {
        refused = true;
        release();
    }

    /** Drops the message being joined and gives its memory back; safe to call twice. */
    void release() {
        budget.release(reserved);
        reserved = 0;
        text = null;
        binary = null;
        binaryLength = 0;
    }
}
