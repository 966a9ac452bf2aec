package dev.pacer.it.apps.ci;

/** A CI server's REST client stand-in: each method returns at once, so only the rate limits pace it. */
public class CiClient {

    public String triggerBuild(String job) {
        return "built " + job;
    }

    public String rebuild(String job) {
        return "rebuilt " + job;
    }

    public String listPlugins() {
        return "plugins";
    }

    public String userInfo(String user) {
        return "user " + user;
    }

    public String search(String query) {
        return "found " + query;
    }

    public byte[] downloadArtifact(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
