package org.clearway.core.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the form Mosquitto 2.0's {@code password_file} takes and {@code mosquitto_passwd}
 * writes: PBKDF2-HMAC-SHA512 as {@code $7$<iterations>$<base64 salt>$<base64 hash>}, standard
 * base64 with padding, a 12-byte salt and the 64-byte key (Mosquitto 2.0 accepts no other salt
 * length). Mosquitto checks the hash on every CONNECT.
 */
public final class MosquittoPassword {
    /** mosquitto_passwd 2.0's default; our passwords are random, so guessing them is out of reach anyway. */
    public static final int DEFAULT_ITERATIONS = 101;
    public static final int SALT_BYTES = 12;
    public static final int HASH_BYTES = 64;
    private static final String PREFIX = "$7$";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";

    private MosquittoPassword() {
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public static String hash(String password, int iterations, Random random) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be 1 or more, not " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return format(iterations, salt, derive(password, salt, iterations));
    }

    /** A new hash with a salt from a {@link SecureRandom}. */
    public static String hash(String password, int iterations) {
        return hash(password, iterations, new SecureRandom());
    }

    /** Whether {@code encoded} (a {@code $7$} hash) is the hash of {@code password}. */
    public static boolean matches(String encoded, String password) {
        String[] parts = encoded.split("\\$", -1);
        if (!encoded.startsWith(PREFIX) || parts.length != 5) {
            throw new IllegalArgumentException("not a $7$ (PBKDF2-SHA512) Mosquitto hash: " + encoded);
        }
        int iterations = Integer.parseInt(parts[2]);
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        byte[] expected = Base64.getDecoder().decode(parts[4]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    public static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
