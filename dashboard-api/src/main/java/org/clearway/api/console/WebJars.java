package org.clearway.api.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where a WebJar on the classpath keeps its files, found from its Maven version: no version is written twice. */
public final class WebJars {
    private WebJars() {
    }

    /**
     * @return the classpath folder of the WebJar's files, e.g. {@code META-INF/resources/webjars/leaflet/1.9.4}
     * @throws IllegalStateException when the WebJar is not on the classpath
     */
    public static String root(String groupId, String artifactId) {
        String properties = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + groupId + ":" + artifactId + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/webjars/" + artifactId + "/" + p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
