package io.herald.adapter.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.regex.Pattern;

/**
 * Caching headers for the static files of the WAR (the Socket.IO client, herald.js, the demo page).
 * A file under a version folder, {@code /socket.io/4.8.3/socket.io.min.js}, never changes: browsers keep it
 * for a year without asking again. Everything else ({@code /socket.io/socket.io.js}, {@code /herald.js}, the
 * demo) is {@code no-cache}: browsers keep it but revalidate it with the ETag the server sends, so a new
 * deployment is seen at once and an unchanged file costs a 304. The year is promised for a 200 or 304 only:
 * a missing file (404) or any other answer is {@code no-cache}, since the next deployment may add it.
 *
 * <p>Mapped to file extensions only, so the Engine.IO endpoint ({@code /socket.io/}) never passes here.
 */
@WebFilter(filterName = "herald-asset-cache", asyncSupported = true,
        urlPatterns = {"*.js", "*.map", "*.css", "*.html", "*.png"})
public class AssetCacheFilter extends HttpFilter {
    /** A path segment that is a version number: {@code /4.8.3/}, {@code /4.8.3-rc1/}. */
    private static final Pattern VERSIONED = Pattern.compile(".*/\\d+\\.\\d+\\.\\d+[\\w.-]*/[^/]+");

    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String REVALIDATE = "no-cache";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String etag = etag(path);
        // only a file that exists can be answered 200/304; the wrapper takes the promise back on any other status
        response.setHeader("Cache-Control", etag != null && VERSIONED.matcher(path).matches() ? IMMUTABLE : REVALIDATE);
        if (etag != null) {
            response.setHeader("ETag", etag);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED); // unchanged: no body
                return;
            }
        }
        chain.doFilter(request, new CacheOnSuccess(response));
    }

    /** Replaces the year-long promise by {@code no-cache} when the servlet answers anything but 200 or 304. */
    private static final class CacheOnSuccess extends HttpServletResponseWrapper {
        CacheOnSuccess(HttpServletResponse response) {
            super(response);
        }

        private void status(int code) {
            if (code != SC_OK && code != SC_NOT_MODIFIED) setHeader("Cache-Control", REVALIDATE);
        }

        @Override
        public void setStatus(int code) {
            status(code);
            super.setStatus(code);
        }

        @Override
        public void sendError(int code) throws IOException {
            status(code);
            super.sendError(code);
        }

        @Override
        public void sendError(int code, String message) throws IOException {
            status(code);
            super.sendError(code, message);
        }
    }

    /**
     * A weak ETag from the file's length and modification time, in the form Tomcat uses, so that every
     * container revalidates the same way (Undertow's default servlet sends only Last-Modified).
     */
    private String etag(String path) {
        try {
            URL resource = getServletContext().getResource(path);
            if (resource == null) return null;
            URLConnection connection = resource.openConnection();
            long length = connection.getContentLengthLong();
            long modified = connection.getLastModified();
            if (length < 0 || modified <= 0) return null;
            return "W/\"" + length + "-" + modified + "\"";
        } catch (IOException e) {
            return null;
        }
    }
}
