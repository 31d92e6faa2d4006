package io.herald.api.http;

import io.herald.api.DoitRequests;
import io.herald.Herald;
import io.herald.adapter.servlet.ServletRequestSource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The doit-socket proxy's {@code /emit} and {@code /stat/all} on any servlet container; what they answer is
 * {@link DoitRequests}'. On WildFly the same requests are answered before the servlet layer by
 * {@code io.herald.adapter.undertow.DoitFastPath}, and only reach this servlet while Herald is starting.
 */
@WebServlet(name = "herald-doit", urlPatterns = {DoitRequests.EMIT, DoitRequests.STATS})
public class DoitServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Herald herald = HeraldLookup.from(getServletContext());
        byte[] body = "POST".equals(request.getMethod())
                ? request.getInputStream().readNBytes(DoitRequests.MAX_BODY_BYTES + 1)
                : null;
        DoitRequests.Answer answer = DoitRequests.answer(herald, request.getMethod(), request.getServletPath(),
                request.getQueryString(), body, request.getRemoteAddr(), ServletRequestSource.headers(request));
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
