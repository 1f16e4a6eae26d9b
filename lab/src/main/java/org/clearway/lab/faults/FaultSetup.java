package org.clearway.lab.faults;

import java.nio.file.Path;

/**
 * Where the faults run: the database server (each fault makes its own schema), the shared broker
 * (faults that do not restart it), and the Mosquitto binary and configuration for the faults that
 * run a broker of their own.
 */
public record FaultSetup(String dbUrl, String dbUser, String dbPassword, String mqttUrl, Path mosquittoBinary,
                         Path mosquittoConfig) {

    @Override
    public String toString() {
        return "FaultSetup[" + dbUrl + ", user " + dbUser + ", broker " + mqttUrl + ", " + mosquittoBinary + "]";
    }
}
