package io.herald.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.push.Target;
import io.herald.security.App;
import io.herald.security.RegistrationToken;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.TestConfigs;
import io.herald.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.TimeoutException;

/**
 * The demo page, herald.js and the served client in a real browser (headless Chromium): two pages are two
 * people, and what one does shows up in the other without a reload; herald.js alone is driven by script on
 * helper.html. Skipped when Chromium is not installed (.ci/run installs it).
 */
class DemoPageBrowserTest {
    private int port;
    private HeraldTestServer server;
    private final List<Browser> browsers = new java.util.ArrayList<>();

    @BeforeAll
    static void needsChromium() {
        Tools.require(Browser.available(), "/usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)");
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

    /** The demo's server; extra {@code key, value} settings go over the defaults. */
    private HeraldTestServer startServer(String... extra) {
        List<String> settings = new java.util.ArrayList<>(List.of(
                "herald.demo", "true",
                "herald.allowedOrigins", "http://127.0.0.1:" + port,
                "herald.unsignedEmit", "true"));
        settings.addAll(List.of(extra));
        return HeraldTestServer.builder(TestConfigs.config(settings.toArray(String[]::new)))
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

    /** A page with herald.js alone, for a test to set up with script() (its globals are what the test reads). */
    private Browser helperPage() throws IOException {
        Browser b = new Browser();
        browsers.add(b);
        return b.open(server.url("/helper.html"));
    }

    /** Waits until the page's expression, a list joined with '|', reads as expected. */
    private static void waitForLog(Browser b, String expression, String expected) {
        String read = "return " + expression + ".join('|')";
        try {
            b.waitFor(15, expression, d -> expected.equals(b.script(read)));
        } catch (TimeoutException e) {
            assertEquals(expected, b.script(read), expression + " after 15 s");
        }
    }

    /** Drops the page's transport: the client reconnects as it would after a network failure. */
    private static void dropConnection(Browser b) {
        b.script("herald.socket.io.engine.close()");
        b.waitFor(10, "connection dropped", d -> Boolean.FALSE.equals(b.script("return herald.connected")));
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

    @Test
    void theHelperRegistersTheUserItConnectsWithAndHonoursOnceAndOff() throws Exception {
        Browser b = helperPage();
        b.script("""
                window.log = [];
                window.herald = Herald.connect(null, {user: 'uma'});
                window.first = (n) => log.push('first ' + n);
                herald.on('register', (answer) => log.push('registered ' + answer.userid));
                herald.on('note', first);
                herald.once('note', (n) => log.push('once ' + n));
                herald.on('note', (n) => log.push('second ' + n));
                herald.on('marker', (n) => log.push('marker ' + n));
                herald.on('boom', () => { throw new Error('a bug in the page'); });
                """);
        waitForLog(b, "log", "registered uma");
        Target uma = Target.users("uma");
        server.herald().registry().emit(uma, "note", 1);
        server.herald().registry().emit(uma, "note", 2);
        waitForLog(b, "log", "registered uma|first 1|once 1|second 1|first 2|second 2");

        b.script("herald.off('note', first)");
        server.herald().registry().emit(uma, "note", 3);
        waitForLog(b, "log.slice(6)", "second 3");
        b.script("herald.off('note')");
        server.herald().registry().emit(uma, "note", 4);
        server.herald().registry().emit(uma, "marker", 4); // after note 4 on the same socket
        waitForLog(b, "log.slice(6)", "second 3|marker 4");

        // A handler that throws is counted every time and logged once; the page goes on.
        b.consoleMessages();
        server.herald().registry().emit(uma, "boom");
        server.herald().registry().emit(uma, "boom");
        server.herald().registry().emit(uma, "marker", 5);
        waitForLog(b, "log.slice(8)", "marker 5");
        assertEquals(2L, b.script("return Herald.warnings['handler threw']"));
        List<String> console = b.consoleMessages();
        assertEquals(1, console.stream().filter(m -> m.contains("handler threw")).count(), console.toString());
    }

    @Test
    void afterAReconnectThePageReceivesForTheUserItRegisteredLast() throws Exception {
        Browser b = helperPage();
        b.script("""
                window.users = [];
                window.notes = [];
                window.herald = Herald.connect(null, {user: 'alice'});
                herald.on('register', (answer) => users.push(answer.userid));
                herald.on('note', (n) => notes.push(n));
                """);
        waitForLog(b, "users", "alice");
        b.script("herald.register('bob')");
        waitForLog(b, "users", "alice|bob");

        dropConnection(b);
        waitForLog(b, "users", "alice|bob|bob");
        server.herald().registry().emit(Target.users("alice"), "note", "for alice");
        server.herald().registry().emit(Target.users("bob"), "note", "for bob");
        waitForLog(b, "notes", "for bob"); // and nothing for alice, whose note went out first
    }

    @Test
    void anExpiredTokenDoesNotKeepThePageOfflineAfterAReconnect() throws Exception {
        server.close();
        server = startServer("herald.signedRegistration", "true");
        App app = server.herald().registry().apps().defaultApp();
        Browser b = helperPage();
        long expires = Instant.now().getEpochSecond() + 3; // once the browser is up, which may take seconds
        b.script(String.format("""
                window.users = [];
                window.refusals = [];
                window.notes = [];
                window.herald = Herald.connect(null, {user: 'gina', expires: %d, token: '%s'});
                herald.on('register', (answer) => users.push(answer.userid), (error) => refusals.push(error.message));
                herald.on('note', (n) => notes.push(n));
                """, expires, RegistrationToken.create(app, "gina", expires)));
        waitForLog(b, "users", "gina");
        Thread.sleep(Math.max(0, (expires + 1) * 1000 - System.currentTimeMillis()));

        dropConnection(b);
        // Back online, told why the user is not bound; the page then brings a fresh token.
        waitForLog(b, "refusals", "registration refused: token expired");
        assertEquals(Boolean.TRUE, b.script("return herald.connected"));
        long fresh = Instant.now().getEpochSecond() + 600;
        b.script("herald.register('gina', {expires: arguments[0], token: arguments[1]})",
                fresh, RegistrationToken.create(app, "gina", fresh));
        waitForLog(b, "users", "gina|gina");
        server.herald().registry().emit(Target.users("gina"), "note", "renewed");
        waitForLog(b, "notes", "renewed");
    }

    @Test
    void aRefusedConnectionIsTriedAgain() throws Exception {
        // The page names an app this server does not know yet: the CONNECT is refused.
        Browser b = helperPage();
        b.script("""
                window.users = [];
                window.herald = Herald.connect(null, {app: 'late-key', user: 'hal'});
                herald.on('register', (answer) => users.push(answer.userid));
                """);
        b.waitFor(10, "refused", d -> Boolean.TRUE.equals(b.script("return Herald.warnings['connection refused'] >= 1")));
        server.close();
        server = startServer("herald.key", "late-key"); // the operator adds the app
        waitForLog(b, "users", "hal"); // connected and registered without a reload
    }
}
