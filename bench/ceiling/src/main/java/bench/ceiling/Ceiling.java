package bench.ceiling;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The least a JSR-356 app can do to broadcast: {@code GET /ceiling/emit?...} builds one text frame of the size
 * Herald sends ({@code 42["b",{...}]}) and hands it to every open session through that session's own queue and
 * {@code getAsyncRemote()} (one send in flight per session, as Tomcat and Undertow require). No protocol, no
 * rooms, no registration: what is left is the container's cost, the ceiling for Herald's broadcast.
 */
public final class Ceiling {
    static final Map<Session, Sender> SESSIONS = new ConcurrentHashMap<>();

    private Ceiling() {}

    @ServerEndpoint("/ws")
    public static final class Endpoint {
        @OnOpen
        public void open(Session session) {
            SESSIONS.put(session, new Sender(session));
        }

        @OnClose
        public void close(Session session) {
            SESSIONS.remove(session);
        }

        @OnError
        public void error(Session session, Throwable failure) {
            SESSIONS.remove(session);
        }
    }

    @WebServlet("/emit")
    public static final class Emit extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String frame = "42[\"b\",{\"seq\":\"" + request.getParameter("seq") + "\",\"pad\":\"" + request.getParameter("pad") + "\"}]";
            for (Sender sender : SESSIONS.values()) sender.send(frame);
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write("OK");
        }
    }

    /** One session's queue: a frame waits while the previous one is being written. */
    static final class Sender implements SendHandler {
        private final Session session;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean sending;

        Sender(Session session) {
            this.session = session;
        }

        void send(String frame) {
            synchronized (this) {
                if (sending) {
                    queue.add(frame);
                    return;
                }
                sending = true;
            }
            session.getAsyncRemote().sendText(frame, this);
        }

        @Override
        public void onResult(SendResult result) {
            String next;
            synchronized (this) {
                next = result.isOK() ? queue.poll() : null;
                if (next == null) {
                    sending = false;
                    if (!result.isOK()) queue.clear();
                    return;
                }
            }
            session.getAsyncRemote().sendText(next, this);
        }
    }
}
