package io.herald.adapter.undertow;

import io.herald.Herald;
import io.herald.api.DoitRequests;
import io.herald.api.http.HeraldLookup;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import jakarta.servlet.ServletContext;
import java.nio.ByteBuffer;

/**
 * The doit-socket {@code /emit} answered by Undertow itself (WildFly, or any Undertow deployment), before the
 * servlet layer: no hand-off to a worker thread, no servlet request, no CDI request context, for what PHP
 * backends call in a loop. The answers are {@link DoitRequests}', the same as the servlet's.
 *
 * <p>{@link UndertowExtension} puts it in front of the servlets; other containers never load it and serve
 * {@code /emit} with {@link io.herald.api.http.DoitServlet}. Requests that may wait ({@code /stat/all} asks the cluster), that come before Herald has started, or whose body is
 * chunked or over the limit, go on to the servlet, which answers them the same way.
 */
final class DoitFastPath implements HttpHandler {
    private final HttpHandler next;
    private final ServletContext context;

    DoitFastPath(HttpHandler next, ServletContext context) {
        this.next = next;
        this.context = context;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Herald herald = DoitRequests.EMIT.equals(exchange.getRelativePath())
                && context.getAttribute(HeraldLookup.ATTRIBUTE) instanceof Herald h ? h : null;
        if (herald == null) {
            next.handleRequest(exchange);
        } else if (Methods.GET.equals(exchange.getRequestMethod())) {
            answer(exchange, herald, null);
        } else if (Methods.POST.equals(exchange.getRequestMethod())
                && exchange.getRequestContentLength() >= 0
                && exchange.getRequestContentLength() <= DoitRequests.MAX_BODY_BYTES) {
            exchange.getRequestReceiver().receiveFullBytes((done, body) -> answer(done, herald, body));
        } else {
            next.handleRequest(exchange);
        }
    }

    private static void answer(HttpServerExchange exchange, Herald herald, byte[] body) {
        DoitRequests.Answer answer = DoitRequests.answer(herald, exchange.getRequestMethod().toString(),
                DoitRequests.EMIT, exchange.getQueryString(), body, NativeUpgrade.remoteAddress(exchange),
                NativeUpgrade.requestHeaders(exchange));
        exchange.setStatusCode(answer.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.contentType());
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, answer.body().length);
        exchange.getResponseSender().send(ByteBuffer.wrap(answer.body()));
    }
}
