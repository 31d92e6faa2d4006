package io.herald.adapter.jsr;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/**
 * Sets the JSR-356 container's default message buffers to {@link JsrConnections#CONTAINER_BUFFER} before
 * the first WebSocket opens. Tomcat sizes each new session's frame buffers from these defaults when it makes the
 * session, before the endpoint can set its own: left at the container's default they cost every idle connection
 * tens of KiB. Herald takes messages in parts and joins them itself, so small buffers limit nothing.
 */
@WebListener
public class ContainerBuffers implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxTextMessageBufferSize(JsrConnections.CONTAINER_BUFFER);
            container.setDefaultMaxBinaryMessageBufferSize(JsrConnections.CONTAINER_BUFFER);
        }
    }
}
