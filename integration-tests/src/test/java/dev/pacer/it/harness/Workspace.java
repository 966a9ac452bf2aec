package dev.pacer.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh directory per test under target/it-work, kept after the run for inspection. */
public final class Workspace {

    private Workspace() {
    }

    public static Path create(String name) throws IOException {
        Path root = Path.of(System.getProperty("pacer.it.work", "target/it-work"));
        Path directory = root.resolve(name + "-" + System.nanoTime());
        return Files.createDirectories(directory);
    }

    /** Writes agent.yaml into the directory and returns its path. */
    public static Path writeConfig(Path directory, String yaml) throws IOException {
        return Files.writeString(directory.resolve("agent.yaml"), yaml);
    }
}
