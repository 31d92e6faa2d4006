package io.herald.browser;

import io.herald.adapter.servlet.AssetCacheFilter;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The WAR's static files for the embedded test server, read from the source folders (webapp/, the client
 * copied by the build into target/generated-webapp/, and this package's test pages), with the
 * {@link AssetCacheFilter} mapped as its annotation maps it in the WAR. Use with
 * {@code HeraldTestServer.builder(config).customize(StaticFiles.deployment())}.
 */
final class StaticFiles implements ResourceManager {
    static final Path WEBAPP = Path.of("webapp");
    static final Path CLIENT = Path.of("target", "generated-webapp");
    static final Path TEST_PAGES = Path.of("src", "test", "resources", "browser");

    private final List<PathResourceManager> roots;

    private StaticFiles(Path... roots) {
        this.roots = Arrays.stream(roots).map(p -> new PathResourceManager(p.toAbsolutePath())).toList();
    }

    /** Serves the static files and installs the cache filter. */
    static Consumer<DeploymentInfo> deployment() {
        return d -> {
            d.setResourceManager(new StaticFiles(WEBAPP, CLIENT, TEST_PAGES));
            d.addWelcomePage("index.html"); // a servlet container's default welcome file
            d.addFilter(Servlets.filter("herald-asset-cache", AssetCacheFilter.class).setAsyncSupported(true));
            for (String pattern : AssetCacheFilter.class.getAnnotation(WebFilter.class).urlPatterns()) {
                d.addFilterUrlMapping("herald-asset-cache", pattern, DispatcherType.REQUEST);
            }
        };
    }

    /** The first root that has the path wins, like overlapping folders in a WAR. */
    @Override
    public Resource getResource(String path) throws IOException {
        for (PathResourceManager root : roots) {
            Resource resource = root.getResource(path);
            if (resource != null) return resource;
        }
        return null;
    }

    @Override
    public boolean isResourceChangeListenerSupported() {
        return false;
    }

    @Override
    public void registerResourceChangeListener(ResourceChangeListener listener) {}

    @Override
    public void removeResourceChangeListener(ResourceChangeListener listener) {}

    @Override
    public void close() throws IOException {
        for (PathResourceManager root : roots) root.close();
    }
}
