package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MosquittoPasswordTest {
    /** Written by Mosquitto 2.0.11's own tool: {@code mosquitto_passwd -c -b file alice secret}. */
    private static final String FROM_MOSQUITTO_PASSWD =
            "$7$101$bysDX6AOSYi9kJ3a$pSsHG6rjHrQoS/J1SRyjbzJ5Xbdp+aHTfWK/nausApqIcs1kU3ALmZ2ckfE4STdlkQm17Sfbi5PVVZlgaBnnjQ==";

    @Test
    void checksAHashThatMosquittoPasswdWrote() {
        assertThat(MosquittoPassword.matches(FROM_MOSQUITTO_PASSWD, "secret")).isTrue();
        assertThat(MosquittoPassword.matches(FROM_MOSQUITTO_PASSWD, "Secret")).isFalse();
    }

    @Test
    void writesTheFormatOfMosquittoPasswd() {
        String hash = MosquittoPassword.hash("secret", MosquittoPassword.DEFAULT_ITERATIONS);
        assertThat(hash).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        String[] parts = hash.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(MosquittoPassword.SALT_BYTES).hasSize(12);
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(MosquittoPassword.HASH_BYTES).hasSize(64);
        assertThat(MosquittoPassword.matches(hash, "secret")).isTrue();
        assertThat(MosquittoPassword.matches(hash, "secret ")).isFalse();
    }

    @Test
    void reproducesMosquittoPasswdGivenItsSalt() {
        String[] parts = FROM_MOSQUITTO_PASSWD.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        Random sameSalt = new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(salt, 0, bytes, 0, bytes.length);
            }
        };
        assertThat(MosquittoPassword.hash("secret", 101, sameSalt)).isEqualTo(FROM_MOSQUITTO_PASSWD);
    }

    @Test
    void aNewSaltEveryTimeAndTheIterationsAsAsked() {
        String one = MosquittoPassword.hash("same", 1_000);
        String two = MosquittoPassword.hash("same", 1_000);
        assertThat(one).isNotEqualTo(two).startsWith("$7$1000$");
        assertThat(MosquittoPassword.matches(two, "same")).isTrue();
        assertThatThrownBy(() -> MosquittoPassword.hash("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MosquittoPassword.matches("$6$abc$def", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
