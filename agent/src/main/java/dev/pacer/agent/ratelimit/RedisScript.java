package dev.pacer.agent.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The token-bucket Lua script, read from the agent jar, and its SHA-1 digest, which EVALSHA names it by. */
final class RedisScript {

    static final String RESOURCE = "token-bucket.lua";

    private final String source;
    private final String sha1;
    private final byte[] sourceBytes;
    private final byte[] sha1Bytes;

    private RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1Hex(source);
        this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    }

    static RedisScript load() {
        try (InputStream in = RedisScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the agent jar lacks " + RESOURCE + "; rebuild it with mvn package");
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("reading " + RESOURCE + " failed", e);
        }
    }

    String source() {
        return source;
    }

    String sha1() {
        return sha1;
    }

    /** Returns the source as UTF-8. Callers must not modify the array. */
    byte[] sourceBytes() {
        return sourceBytes;
    }

    /** Returns the digest as hexadecimal ASCII, as EVALSHA takes it. Callers must not modify the array. */
    byte[] sha1Bytes() {
        return sha1Bytes;
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
