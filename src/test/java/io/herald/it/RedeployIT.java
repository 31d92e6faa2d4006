package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.ChildProcess;
import io.herald.testing.RawWebSocket;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying Herald closes every socket with a close frame (1001, going away: clients reconnect
 * elsewhere), and twenty redeploys leave no extra threads and no growing heap in the server's JVM. The
 * server process is found by its HTTP port; its threads (less the JMX/RMI threads of the test tooling's own
 * connections) and its heap after a full GC are read with jcmd. The numbers are printed for the README.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {
    private static final String NAME = "redeployed";
    private static final int CYCLES = 20;
    /** Undeployed WARs' class loaders that may stay pinned by server-wide state; not a number that grows. */
    private static final int PINNED = 2;

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void redeploysCloseSocketsAndLeakNothing() throws Exception {
        long pid = -1;
        int threadsAfterFirst = 0;
        List<String> namesAfterFirst = List.of();
        long heapAfterFirst = 0;
        URI root = null;
        // Payara Micro starts a new JVM per deployment (below): nothing piles up across its cycles, and each
        // costs a whole server start, so a few show the close as well as twenty would.
        int cycles = payaraMicro() ? 3 : CYCLES;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            deployer.deploy(NAME);
            if (root == null) root = rootOf(deployer);
            try (RawWebSocket ws = RawWebSocket.connect(URI.create("ws://" + root.getHost() + ":" + root.getPort()
                    + "/socket.io/?EIO=4&transport=websocket"))) {
                assertTrue(ws.next().startsWith("0{"), "Herald answers in cycle " + cycle);
                deployer.undeploy(NAME);
                if (payaraMicro()) {
                    // Arquillian's Payara Micro adapter runs one Payara JVM per deployment and stops it on
                    // undeploy: the connection ends with the process, without a close frame.
                    ws.awaitAbort(10_000);
                } else {
                    assertEquals(1001, ws.closeCode(10_000), "a going-away close frame in cycle " + cycle);
                }
            }
            if (cycle == 1 && !payaraMicro()) {
                pid = serverPid(root.getPort());
                threadsAfterFirst = threads(pid);
                namesAfterFirst = threadNames(pid);
                heapAfterFirst = heapAfterGc(pid);
            }
        }
        if (payaraMicro()) return; // a new JVM per deployment: nothing can pile up across redeploys
        // Undeployed WARs are released within seconds, not at once (their threads wind down, the server's
        // undeploy finishes in the background): wait for that before measuring what stays.
        long waitStart = System.nanoTime();
        int loaders = loadersWithHerald(pid);
        while (loaders > 1 && System.nanoTime() - waitStart < 60_000_000_000L) {
            Thread.sleep(2000);
            loaders = loadersWithHerald(pid);
        }
        System.out.printf("undeployed WARs released within %d s%n", (System.nanoTime() - waitStart) / 1_000_000_000L);
        int threads = threads(pid);
        long heap = heapAfterGc(pid);
        System.out.printf("redeploys on %s: after 1: %d threads, %d KiB heap after GC; after %d: %d threads, %d KiB,"
                + " %d class loaders still holding Herald%n",
                System.getProperty("arquillian.launch"), threadsAfterFirst, heapAfterFirst, CYCLES, threads, heap, loaders);
        // The direct measure: the undeployed WARs' class loaders are collected. One may stay pinned by a server-wide
        // singleton that the first deployment initialised (seen on WildFly before the cluster code existed, and
        // it does not grow), once in a while two (seen in one run of five on WildFly, cause not yet found); a leak
        // per redeploy would leave twenty.
        assertTrue(loaders <= PINNED, loaders + " class loaders of undeployed WARs are still alive a minute later: a leak");
        // A leaked deployment keeps its timer threads (2) and its classes (megabytes): 19 leaks would show.
        List<String> added = new java.util.ArrayList<>(threadNames(pid));
        namesAfterFirst.forEach(added::remove);
        assertTrue(threads <= threadsAfterFirst + 4, "threads grew from " + threadsAfterFirst + " to " + threads
                + "; new threads: " + added);
        assertTrue(heap <= heapAfterFirst + 32 * 1024, "heap grew from " + heapAfterFirst + " to " + heap + " KiB");
    }

    private static boolean payaraMicro() {
        return "payara".equals(System.getProperty("arquillian.launch"));
    }

    private URI rootOf(Deployer ignored) {
        return URI.create("http://127.0.0.1:" + switch (String.valueOf(System.getProperty("arquillian.launch"))) {
            case "payara" -> 8280;
            case "tomcat" -> 8380;
            default -> 8180;
        } + "/");
    }

    /** The JVM listening on the server's HTTP port. */
    private static long serverPid(int port) {
        ChildProcess.Result ss = ChildProcess.run(10, new File("."), Map.of(), List.of("ss", "-ltnpH", "sport = :" + port));
        Matcher m = Pattern.compile("pid=(\\d+)").matcher(String.join("\n", ss.lines()));
        assertTrue(m.find(), "no process listens on " + port + ": " + ss.lines());
        return Long.parseLong(m.group(1));
    }

    /** The server's own threads: the JMX and RMI threads that the test tooling's connections leave are not its. */
    private static int threads(long pid) {
        return threadNames(pid).size();
    }

    /** The names of the JVM's threads, numbers stripped so that pools compare by kind. */
    private static List<String> threadNames(long pid) {
        ChildProcess.Result dump = ChildProcess.run(30, new File("."), Map.of(), List.of("jcmd", Long.toString(pid), "Thread.print"));
        return dump.lines().stream().filter(l -> l.startsWith("\"")).map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("\\d+", "#"))
                .filter(name -> !name.startsWith("JMX ") && !name.startsWith("RMI ")).sorted().toList();
    }

    /** How many class loaders have Herald's main class loaded: one per deployment that is still reachable. */
    private static int loadersWithHerald(long pid) {
        ChildProcess.run(60, new File("."), Map.of(), List.of("jcmd", Long.toString(pid), "GC.run"));
        ChildProcess.Result tree = ChildProcess.run(60, new File("."), Map.of(),
                List.of("jcmd", Long.toString(pid), "VM.classloaders", "show-classes=true", "fold=false"));
        return (int) tree.lines().stream().filter(l -> l.matches("[\\s|]*io\\.herald\\.Herald")).count();
    }

    /** Used heap in KiB after a full collection. */
    private static long heapAfterGc(long pid) {
        ChildProcess.run(60, new File("."), Map.of(), List.of("jcmd", Long.toString(pid), "GC.run"));
        ChildProcess.Result info = ChildProcess.run(30, new File("."), Map.of(), List.of("jcmd", Long.toString(pid), "GC.heap_info"));
        Matcher m = Pattern.compile("used (\\d+)K").matcher(String.join("\n", info.lines()));
        assertTrue(m.find(), "no heap figure: " + info.lines());
        return Long.parseLong(m.group(1));
    }
}
