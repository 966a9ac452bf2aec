package dev.pacer.agent.matching;

/**
 * Finds the class file of a type by its binary name without loading the type, so that matching can read
 * supertypes of a class that is being loaded. Implementations are thread-safe.
 */
public interface TypeLocator {

    /**
     * Returns the parsed class file of a type, or null when it cannot be found or parsed.
     *
     * @param binaryName the binary name with dots, such as {@code a.b.Outer$Inner}
     */
    ClassFileType locate(String binaryName);

    /**
     * Returns the shared locator that reads class files as resources of a class loader, or of the platform
     * class loader's delegation chain for the bootstrap loader ({@code null}). The shared locators keep no class
     * loader reachable.
     */
    static TypeLocator forClassLoader(ClassLoader loader) {
        return ClassLoaderTypeLocator.forClassLoader(loader);
    }
}
