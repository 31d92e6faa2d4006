package io.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare TCP socket that sends exactly the bytes a test asks for: fragments, control
 * frames between them, unmasked frames, text that is not UTF-8. For what well-behaved clients (the JDK's,
 * {@link RawWebSocket}) never send.
 */
public final class FrameClient implements Closeable {
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** A frame from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code; 1005 when it has none. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private FrameClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a WebSocket to {@code uri} (ws://) and reads the 101 response. */
    public static FrameClient connect(URI uri) throws IOException {
        return connect(uri, new byte[0]);
    }

    /**
     * Opens a WebSocket to {@code uri}, sending {@code early} in the same write as the handshake request,
     * before the 101 response: bytes the server reads together with the request.
     */
    public static FrameClient connect(URI uri, byte[] early) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        FrameClient client = new FrameClient(socket);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(request.getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(early);
        client.out.write(all.toByteArray());
        client.out.flush();
        String status = client.readLine();
        if (!status.startsWith("HTTP/1.1 101")) throw new IOException("no upgrade: " + status);
        while (!client.readLine().isEmpty()) {
            // the response's headers
        }
        return client;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) throw new EOFException("the server closed during the handshake");
            if (b != '\r') line.append((char) b);
        }
        return line.toString();
    }

    /** A masked frame as a client must send it. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, opcode, payload, true);
    }

    /** A frame, masked with a random key or not at all. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) frame.write((int) ((long) payload.length >>> (8 * i)));
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ key[i & 3]);
        return frame.toByteArray();
    }

    /** A close frame's payload: the code and the reason. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    /** Sends these bytes as they are. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one final masked text frame. */
    public void sendText(String text) throws IOException {
        send(frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The next frame from the server; {@code null} when it closed the connection. */
    public Frame read() throws IOException {
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame and no end of the connection within 5 s");
        } catch (IOException reset) {
            return null; // the server closed with data unread: a reset ends the connection as well
        }
        if (b0 == -1) return null;
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    /** The next frame that is not an Engine.IO ping ("2"), which the server sends on its own schedule. */
    public Frame readSkippingPings() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame == null || frame.opcode() != TEXT || !frame.text().equals("2")) return frame;
        }
    }

    /** Whether the server keeps the connection open for {@code millis} without sending anything. */
    public boolean staysSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.read(); // a byte, or the end of the connection: either way it did not stay silent
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
