package io.herald.api.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The JSON API at {@code /api}: {@code /api/v1/emit}, {@code /api/v1/batch}, {@code /api/v1/stats}, … */
@ApplicationPath("/api")
public class HeraldApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ApiResource.class, ApiExceptionMapper.class);
    }
}
