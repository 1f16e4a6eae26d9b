package org.clearway.lab.routing.ortools;

import com.google.ortools.Loader;

/** Loads the OR-Tools native library once per JVM. */
final class NativeLibraries {

    private static volatile boolean loaded;

    private NativeLibraries() {
    }

    static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (NativeLibraries.class) {
            if (!loaded) {
                try {
                    Loader.loadNativeLibraries();
                } catch (RuntimeException | UnsatisfiedLinkError e) {
                    throw new IllegalStateException("could not load the OR-Tools native library; it is shipped for "
                            + "Linux x86-64 only: run on that platform (os.arch here: " + System.getProperty("os.arch") + ")", e);
                }
                loaded = true;
            }
        }
    }
}
