package org.clearway.api.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.clearway.api.security.TokenRegistry;
import org.junit.jupiter.api.Test;

class PhotoKeysTest {
    private static final String SHARED = TokenRegistry.sha256("run-password");
    private static final String OWN = TokenRegistry.sha256("t3-tablet");

    @Test
    void aKeyOfOneTruckNeedsNoTruckNamed() {
        PhotoKeys keys = PhotoKeys.parse(OWN + "=t3");
        assertThat(keys.truck("t3-tablet")).isEqualTo(Optional.of("t3"));
        assertThat(keys.truck("t3-tablet", "t3")).isEqualTo(Optional.of("t3"));
        assertThat(keys.truck("t3-tablet", "t1")).as("not its truck").isEmpty();
        assertThat(keys.truck("wrong")).isEmpty();
    }

    @Test
    void aKeySharedByTrucksUploadsOnlyForTheTruckItNamesAmongThem() {
        PhotoKeys keys = PhotoKeys.parse(SHARED + "=t1," + SHARED + "=t2");
        assertThat(keys.truck("run-password", "t2")).isEqualTo(Optional.of("t2"));
        assertThat(keys.truck("run-password", "t9")).isEmpty();
        assertThat(keys.truck("run-password")).as("which truck is not said").isEmpty();
    }

    @Test
    void theSameKeyForTheSameTruckTwiceIsAConfigurationError() {
        assertThatThrownBy(() -> PhotoKeys.parse(SHARED + "=t1, " + SHARED + "=t1"))
                .hasMessageContaining("entry 2").hasMessageContaining("twice");
    }
}
