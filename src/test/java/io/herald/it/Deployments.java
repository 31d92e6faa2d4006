package io.herald.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, exactly as it ships, for Arquillian to deploy. */
public final class Deployments {
    private Deployments() {}

    public static WebArchive builtWar() {
        File war = new File(System.getProperty("herald.war", "target/herald.war"));
        if (!war.isFile()) throw new IllegalStateException(war + " is missing: run the package phase first");
        return ShrinkWrap.create(ZipImporter.class, "herald.war").importFrom(war).as(WebArchive.class);
    }
}
