package io.herald.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.herald.registry.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.TestConfigs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo page, herald.js and the served client in a real browser (headless Chromium): two pages are two
 * people, and what one does shows up in the other without a reload. Skipped when Chromium is not installed
 * (.ci/run installs it).
 */
class DemoPageBrowserTest {
    private int port;
    private HeraldTestServer server;
    private final List<Browser> browsers = new java.util.ArrayList<>();

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        System.setProperty("SE_AVOID_STATS", "true"); // in case Selenium Manager ever ran: no usage statistics
    }

    @BeforeEach
    void start() throws IOException {
        // The allowed origin names the port, so pick it first; a restart reuses it.
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = startServer();
    }

    private HeraldTestServer startServer() {
        return HeraldTestServer.builder(TestConfigs.config(
                        "herald.demo", "true",
                        "herald.allowedOrigins", "http://127.0.0.1:" + port,
                        "herald.unsignedEmit", "true"))
                .port(port)
                .customize(StaticFiles.deployment())
                .start();
    }

    @AfterEach
    void stop() {
        browsers.forEach(Browser::close);
        if (server != null) server.close();
    }

    private Browser page(String pathAndQuery) throws IOException {
        Browser b = new Browser();
        browsers.add(b);
        b.open(server.url(pathAndQuery));
        b.waitFor(10, "connected", d -> b.text("#state").equals("connected"));
        return b;
    }

    private static void registerAs(Browser b, String user) {
        b.type("#user", user);
        b.click("#register-form button");
        b.waitFor(10, "registered as " + user, d -> b.text("#registered").equals("registered as " + user));
    }

    private static void sendNote(Browser b, String to, String text) {
        b.type("#to", to);
        b.type("#text", text);
        b.click("#push-form button");
    }

    private static void waitForNote(Browser b, String note) {
        b.waitFor(10, "note '" + note + "'", d -> b.text("#notes").contains(note));
    }

    @Test
    void aNoteFromOnePageShowsUpInTheOther() throws Exception {
        Browser alice = page("/");
        Browser bob = page("/");
        registerAs(alice, "alice");
        registerAs(bob, "bob");
        sendNote(alice, "bob", "lunch at noon?");
        waitForNote(bob, "alice: lunch at noon?");
        alice.waitFor(10, "ack shown", d -> alice.text("#push-result").equals("reached 1 socket(s)"));
        assertEquals("alice", bob.element("#to").getAttribute("value"), "the sender is ready to be answered");
        sendNote(bob, "alice", "yes!");
        waitForNote(alice, "bob: yes!");
        bob.waitFor(10, "websocket after the upgrade", d -> bob.text("#transport").equals("websocket"));
        bob.waitFor(10, "presence", d -> bob.text("#count").equals("2"));
        bob.screenshot(Path.of("target", "screenshots", "demo.png"));
    }

    @Test
    void theSameOverLongPolling() throws Exception {
        Browser alice = page("/?transport=polling");
        Browser bob = page("/?transport=polling");
        registerAs(alice, "alice");
        registerAs(bob, "bob");
        sendNote(alice, "bob", "over polling");
        waitForNote(bob, "alice: over polling");
        assertEquals("polling", alice.text("#transport"));
        assertEquals("polling", bob.text("#transport"));
    }

    @Test
    void pagesRegisterAgainAfterTheServerRestarts() throws Exception {
        Browser alice = page("/");
        Browser bob = page("/?transport=polling");
        registerAs(alice, "alice");
        registerAs(bob, "bob");

        server.close();
        server = null;
        for (Browser b : List.of(alice, bob)) {
            b.waitFor(10, "connection lost", d -> !b.text("#state").equals("connected"));
        }
        // A note to herself while offline: it waits in herald.js, and goes out after the new registration
        // (so the server knows who sent it) even if bob is not back yet.
        sendNote(alice, "alice", "sent while the server was down");
        server = startServer();

        for (Browser b : List.of(alice, bob)) {
            b.waitFor(30, "reconnected and registered again",
                    d -> "2".equals(b.element("#registered").getAttribute("data-registrations")));
        }
        // The note typed while offline went out after registering again, and new notes flow between pages.
        waitForNote(alice, "alice: sent while the server was down");
        sendNote(bob, "alice", "back again");
        waitForNote(alice, "bob: back again");
    }

    @Test
    void theDoitTemplateWorksWithTheServedClient() throws Exception {
        Browser b = new Browser();
        browsers.add(b);
        b.open(server.url("/doit.html"));
        // The template registers without waiting: retry the emit until the registration has landed.
        b.waitFor(10, "the doit emit reached the page", d -> {
            Http.get(server.url("/emit?id=doit-user&message=alert&text=hello"));
            return b.text("#got").equals("{\"text\":\"hello\"}");
        });
    }

    @Test
    void unknownEventsAndMalformedErrorsAreLoggedOnceAndThePageKeepsWorking() throws Exception {
        Browser carol = page("/");
        registerAs(carol, "carol");
        carol.consoleMessages(); // forget what the page logged so far
        Target toCarol = Target.users("carol");
        for (int i = 0; i < 2; i++) {
            server.herald().registry().emit(toCarol, "demo:unknown", Map.of("n", i));   // no handler on the page
            server.herald().registry().emit(toCarol, "demo:note:error", 42);            // an error that is not {code, message}
            server.herald().registry().emit(toCarol, "demo:note", "not a note");        // data the demo's handler ignores
            server.herald().registry().emit(toCarol, "demo:note", List.of());           // an empty array: no arguments
        }
        carol.waitFor(10, "all counted", d -> Long.valueOf(2).equals(carol.script(
                "return Herald.warnings['no handler for event']"))
                && Long.valueOf(2).equals(carol.script("return Herald.warnings['malformed error payload']")));
        assertEquals("error: 42", carol.text("#push-result"));

        List<String> console = carol.consoleMessages();
        assertEquals(1, console.stream().filter(m -> m.contains("no handler for event")).count(), console.toString());
        assertEquals(1, console.stream().filter(m -> m.contains("malformed error payload")).count(), console.toString());
        assertTrue(console.stream().noneMatch(m -> m.contains("Uncaught")), console.toString());

        // Still connected and working: a note from another page arrives.
        Browser dave = page("/");
        registerAs(dave, "dave");
        sendNote(dave, "carol", "still there?");
        waitForNote(carol, "dave: still there?");
        assertEquals("connected", carol.text("#state"));
    }
}
