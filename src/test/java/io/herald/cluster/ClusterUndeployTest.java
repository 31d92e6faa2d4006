package io.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an application server does on every redeploy, without the server: Herald's classes and Lettuce's in a
 * class loader of their own, a clustered Herald started, used and closed by a thread that lives on (as a
 * container's request threads do), the loader dropped. If anything (a thread, a thread-local of Netty's on the
 * calling thread) still held the loader, each redeploy would leak megabytes of classes.
 */
class ClusterUndeployTest {

    @Test
    void aClosedClusteredHeraldLetsItsClassLoaderGo() throws Exception {
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < 2; i++) loaders.add(new WeakReference<>(startUseAndClose()));
        for (int i = 0; i < 20 && loaders.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertEquals(0, loaders.stream().filter(r -> r.get() != null).count(), "class loaders still reachable after close");
    }

    /** Runs a whole life of a clustered Herald on this thread, in a fresh loader; returns the loader. */
    private static ClassLoader startUseAndClose() throws Exception {
        URLClassLoader loader = new URLClassLoader(heraldAndLettuce(), ClassLoader.getPlatformClassLoader());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class<?> configClass = loader.loadClass("io.herald.config.HeraldConfig");
            Class<?> sourceClass = loader.loadClass("io.herald.config.ConfigSource");
            Map<String, String> settings = Map.of("herald.cluster.redis", "redis://127.0.0.1:6379",
                    "herald.cluster.key", "herald-undeploy-test", "herald.recovery", "true");
            Object source = Proxy.newProxyInstance(loader, new Class<?>[] {sourceClass},
                    (proxy, method, args) -> method.getName().equals("get") ? settings.get((String) args[0]) : null);
            Object config = configClass.getMethod("load", sourceClass).invoke(null, source);
            Class<?> heraldClass = loader.loadClass("io.herald.Herald");
            Object herald = heraldClass.getMethod("start", configClass).invoke(null, config);
            Object registry = heraldClass.getMethod("registry").invoke(herald);
            Class<?> targetClass = loader.loadClass("io.herald.push.Target");
            Object everyone = targetClass.getMethod("everyone").invoke(null);
            registry.getClass().getMethod("emit", targetClass, String.class, Object[].class)
                    .invoke(registry, everyone, "news", new Object[] {"published through Redis"});
            Object stats = registry.getClass().getMethod("stats").invoke(registry);
            stats.getClass().getMethod("everywhere", String.class).invoke(stats, "default");
            heraldClass.getMethod("close").invoke(herald);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            loader.close();
        }
        return loader;
    }

    private static URL[] heraldAndLettuce() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of("target/classes").toUri().toURL());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classpath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("lettuce-") || name.startsWith("netty-") || name.startsWith("reactor-") || name.startsWith("reactive-streams")
                    || name.startsWith("redis-authx") || name.startsWith("slf4j-api")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
