package io.herald.adapter.servlet;

import io.herald.engine.EngineError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes Engine.IO's JSON error answers ({@code {"code":…,"message":…}}). */
final class HttpErrors {
    private HttpErrors() {}

    static void send(HttpServletResponse response, EngineError error) throws IOException {
        send(response, error.httpStatus(), error.json());
    }

    static void send(HttpServletResponse response, int status, String json) throws IOException {
        if (response.isCommitted()) return;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
