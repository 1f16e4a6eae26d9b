package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.clearway.core.config.Env;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeviceCredentialsTest {
    @Test
    void takesItsDefaultsFromTheEnvironmentAsTheServicesDo() {
        DeviceCredentials command = new DeviceCredentials();
        CommandLine cl = new CommandLine(command).setDefaultValueProvider(new DeviceCredentials.EnvDefaults(new Env(Map.of(
                "CLEARWAY_DB_URL", "jdbc:postgresql://db:5432/city", "CLEARWAY_DB_USER", "registry",
                "CLEARWAY_DB_PASSWORD", "pw", "CLEARWAY_TOPIC_PREFIX", "city-a/"))));
        cl.parseArgs();
        assertThat(command.dbUrl).isEqualTo("jdbc:postgresql://db:5432/city");
        assertThat(command.dbUser).isEqualTo("registry");
        assertThat(command.dbPassword).isEqualTo("pw");
        assertThat(command.topicPrefix).isEqualTo("city-a/");
        assertThat(command.iterations).isEqualTo(101);
        assertThat(command.out.toString()).isEqualTo("mosquitto-devices");
    }

    @Test
    void withoutEnvironmentItUsesTheServicesDefaults() {
        DeviceCredentials command = new DeviceCredentials();
        new CommandLine(command).setDefaultValueProvider(new DeviceCredentials.EnvDefaults(new Env(Map.of())))
                .parseArgs("--rotate");
        assertThat(command.dbUrl).isEqualTo("jdbc:postgresql://127.0.0.1:5432/clearway");
        assertThat(command.dbUser).isEqualTo("postgres");
        assertThat(command.topicPrefix).isEmpty();
        assertThat(command.rotate).isTrue();
    }

    @Test
    void helpNamesTheFilesAndTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine cl = DeviceCredentials.commandLine(new DeviceCredentials());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("password_file", "acl_file", "credentials.csv", "--db-url", "--out",
                "--iterations", "--rotate", "truck-credentials.csv", "--ingest-user", "--dispatch-user",
                "--dispatch-share-group", "--api-user").doesNotContain("Default: pw");
    }

    @Test
    void anUnreachableDatabaseIsAMessageNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cl = DeviceCredentials.commandLine(new DeviceCredentials());
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--db-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "--out", "unused");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("clearway-device-credentials: Cannot read the bins and trucks at jdbc:postgresql://127.0.0.1:1/none");
    }

    @Test
    void binsAndTrucksShareTheBrokersUsernamesSoAnIdTakenTwiceIsRefused() {
        assertThat(DeviceCredentials.usernames(List.of("b-1", "b-2"), List.of("t-1"), ServiceAcl.Users.DEFAULTS))
                .containsExactly("b-1", "b-2", "t-1");
        assertThatThrownBy(() -> DeviceCredentials.usernames(List.of("b-1", "x"), List.of("x", "t-1"), ServiceAcl.Users.DEFAULTS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[x]").hasMessageContaining("Rename");
        assertThatThrownBy(() -> DeviceCredentials.usernames(List.of("clearway-dispatch"), List.of(), ServiceAcl.Users.DEFAULTS))
                .hasMessageContaining("[clearway-dispatch]");
    }

    @Test
    void noDeviceMayTakeAnIdFromTheServicesClientIdSpace() {
        // On the devices' listener the username is the client id, and Mosquitto has one session per client id:
        // a bin called clearway-ingest-1 would take ingest's session.
        assertThatThrownBy(() -> DeviceCredentials.usernames(List.of("b-1", "clearway-ingest-1"), List.of("clearway-dispatch-1-out"),
                ServiceAcl.Users.DEFAULTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[clearway-dispatch-1-out, clearway-ingest-1]").hasMessageContaining("reserved");
    }

    @Test
    void theServicesGetTheTopicsTheyNeed() {
        assertThat(ServiceAcl.all(ServiceAcl.Users.DEFAULTS, "p/")).containsExactly(
                "user clearway-ingest", "topic read $share/clearway-ingest/p/bins/#", "topic read p/bins/#",
                "topic write p/bins/+/decoded", "",
                "user clearway-dispatch",
                "topic read $share/clearway-dispatch/p/bins/+/telemetry", "topic read p/bins/+/telemetry",
                "topic read $share/clearway-dispatch/p/bins/+/decoded", "topic read p/bins/+/decoded",
                "topic read $share/clearway-dispatch/p/trucks/+/updates", "topic read p/trucks/+/updates",
                "topic read $share/clearway-dispatch/p/trucks/+/position", "topic read p/trucks/+/position",
                "topic write p/trucks/+/route", "topic write p/trucks/+/replies", "topic write p/dispatch/jobs/#", "",
                "user clearway-api", "topic read p/dispatch/jobs/#", "");
        assertThat(ServiceAcl.ingest("in", "", "")).containsExactly("user in", "topic read bins/#",
                "topic write bins/+/decoded", "");
    }
}
