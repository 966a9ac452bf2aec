package dev.pacer.agent.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import oshi.util.FileUtil;

/**
 * Loads JNA, OSHI and {@link OshiOsProbe} apart from the application. JNA cannot be relocated, so the agent jar
 * keeps JNA's classes and native libraries under {@value #JNA_PREFIX} instead of at their own paths. The
 * application therefore cannot load the agent's JNA, and the agent's OSHI never uses the application's.
 *
 * <p>This loader reads {@code com.sun.jna} classes and resources from that prefix, and defines its own copies of
 * the relocated OSHI classes and of {@link OshiOsProbe} from the agent jar, so that their references to JNA resolve
 * here. Every other class, such as {@link OsProbe} and the relocated SLF4J, comes from the parent. Thread-safe.
 */
final class OshiClassLoader extends ClassLoader {

    /** The folder of JNA in the agent jar, where the hide-jna execution in agent/pom.xml unpacks it. */
    static final String JNA_PREFIX = "META-INF/pacer-jna/";

    private static final String JNA_PACKAGE = "com.sun.jna.";
    /** OSHI's root package, {@code dev.pacer.shaded.oshi.} in the agent jar, taken from a class so it follows. */
    private static final String OSHI_PACKAGE = FileUtil.class.getName().replace("util.FileUtil", "");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agentLoader;
    private final ProtectionDomain domain;

    OshiClassLoader(ClassLoader agentLoader) {
        super("pacer-oshi", agentLoader);
        this.agentLoader = agentLoader;
        this.domain = OshiClassLoader.class.getProtectionDomain();
    }

    /** Returns whether the agent jar carries JNA under {@link #JNA_PREFIX}; false in unit tests. */
    static boolean jnaIsHidden(ClassLoader agentLoader) {
        return agentLoader.getResource(JNA_PREFIX + "com/sun/jna/Native.class") != null;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        boolean ownCopy = name.startsWith(JNA_PACKAGE) || name.startsWith(OSHI_PACKAGE)
                || name.equals(OshiOsProbe.class.getName());
        if (!ownCopy) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = define(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        String location = name.startsWith(JNA_PACKAGE) ? JNA_PREFIX + path : path;
        try (InputStream in = agentLoader.getResourceAsStream(location)) {
            if (in == null) {
                throw new ClassNotFoundException(name + " is not in the agent jar at " + location);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException("reading " + location + " from the agent jar failed", e);
        }
    }

    @Override
    public URL getResource(String name) {
        return isJnaResource(name) ? agentLoader.getResource(JNA_PREFIX + name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isJnaResource(name)) {
            URL url = agentLoader.getResource(JNA_PREFIX + name);
            return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
        }
        return super.getResources(name);
    }

    private static boolean isJnaResource(String name) {
        return name.startsWith("com/sun/jna/");
    }
}
