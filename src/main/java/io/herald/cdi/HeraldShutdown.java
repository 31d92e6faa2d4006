package io.herald.cdi;

import io.herald.Herald;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Closes Herald as soon as the web application starts to stop, before the container tears down its
 * WebSockets (Payara does that before CDI's {@code @PreDestroy}), so every client gets a close frame and
 * reconnects. {@link HeraldBean#stop} closes again, harmlessly, later.
 */
@WebListener
public class HeraldShutdown implements ServletContextListener {
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object herald = event.getServletContext().getAttribute(Herald.CONTEXT_ATTRIBUTE);
        if (herald instanceof Herald running) {
            running.close();
        } else {
            HeraldBean.closeIfStarted();
        }
    }
}
