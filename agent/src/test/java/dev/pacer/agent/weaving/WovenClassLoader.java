package dev.pacer.agent.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Defines woven copies of test classes from their woven class files and delegates every other class to its parent,
 * so that tests can run woven code next to the original classes.
 */
final class WovenClassLoader extends ClassLoader {

    private final Map<String, byte[]> classFiles;

    private WovenClassLoader(ClassLoader parent, Map<String, byte[]> classFiles) {
        super(parent);
        this.classFiles = Map.copyOf(classFiles);
    }

    /** Weaves each class with the weaver and returns a loader that defines the woven copies. */
    static WovenClassLoader weave(Weaver weaver, Class<?>... types) {
        Map<String, byte[]> woven = new HashMap<>();
        for (Class<?> type : types) {
            byte[] classFile = weaver.weave(type.getClassLoader(), classFile(type));
            if (classFile == null) {
                throw new AssertionError("no pointcut selects a method of " + type.getName());
            }
            woven.put(type.getName(), classFile);
        }
        return new WovenClassLoader(types[0].getClassLoader(), woven);
    }

    /** Returns the class file of a class on the test class path. */
    static byte[] classFile(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] classFile = classFiles.get(name);
        if (classFile == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = defineClass(name, classFile, 0, classFile.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
