package org.clearway.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one-command run's local certificate authority (issue 17), made on the first start with the JDK's own
 * {@code keytool} and kept in the data folder: {@code ca.crt} (what clients trust; PEM), {@code ca.p12} (the CA's
 * key), {@code server.p12} (the broker's key and certificate for localhost and 127.0.0.1, signed by the CA) and
 * {@code keystore.password} (the stores' random password), all readable by their owner only. Later starts reuse them.
 */
public final class LocalCa {
    private final Path directory;
    private final String password;

    private LocalCa(Path directory, String password) {
        this.directory = directory;
        this.password = password;
    }

    /** The CA in {@code directory}, made there first if it is not yet. */
    public static LocalCa ensure(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path passwordFile = directory.resolve("keystore.password");
        if (Files.isRegularFile(passwordFile) && Files.isRegularFile(directory.resolve("server.p12"))
                && Files.isRegularFile(directory.resolve("ca.crt"))) {
            return new LocalCa(directory, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        for (String name : List.of("ca.p12", "server.p12", "ca.crt", "server.csr", "server.crt")) {
            Files.deleteIfExists(directory.resolve(name));
        }
        writeOwnerOnly(passwordFile, password);
        LocalCa ca = new LocalCa(directory, password);
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Clearway local CA", "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign",
                "-validity", "3650", "-keystore", "ca.p12");
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt");
        ca.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "825", "-keystore", "server.p12");
        ca.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        ca.keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile",
                "server.crt", "-validity", "825", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth");
        ca.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "server.p12");
        ca.keytool("-importcert", "-alias", "server", "-file", "server.crt", "-keystore", "server.p12");
        Files.delete(directory.resolve("server.csr"));
        for (String name : List.of("ca.p12", "server.p12", "ca.crt", "server.crt")) {
            restrict(directory.resolve(name));
        }
        return ca;
    }

    /**
     * The PEM files of a device CA (issue 17): its certificate, what the broker's TLS listener trusts for device client
     * certificates, and its private key (PKCS#8, unencrypted, readable by its owner only), what the API signs device
     * certificates and the CRL with ({@code CLEARWAY_DEVICE_CA_CERT}, {@code CLEARWAY_DEVICE_CA_KEY}).
     */
    public record DeviceCaFiles(Path certificate, Path key) {
    }

    /**
     * The one-command run's device CA, in this folder ({@code device-ca.crt}, {@code device-ca.key}), made on the first
     * call and kept: a CA of its own (not the broker's), so that whoever may issue device certificates cannot make a
     * server certificate the services would trust. Later calls reuse it.
     */
    public DeviceCaFiles ensureDeviceCa() throws IOException {
        Path certificate = directory.resolve("device-ca.crt");
        Path key = directory.resolve("device-ca.key");
        if (Files.isRegularFile(certificate) && Files.isRegularFile(key)) {
            return new DeviceCaFiles(certificate, key);
        }
        Path store = directory.resolve("device-ca.p12");
        for (Path file : List.of(store, certificate, key)) {
            Files.deleteIfExists(file);
        }
        keytool("-genkeypair", "-alias", "device-ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Clearway local device CA", "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign",
                "-validity", "3650", "-keystore", store.getFileName().toString());
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password.toCharArray());
            java.security.Key privateKey = keys.getKey("device-ca", password.toCharArray());
            String pem = "-----BEGIN " + "PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64,
                    "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded())
                    + "\n-----END PRIVATE KEY-----";
            writeOwnerOnly(key, pem);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the device CA's key from " + store, e);
        }
        // The certificate last: both files there means the CA is whole.
        keytool("-exportcert", "-rfc", "-alias", "device-ca", "-keystore", store.getFileName().toString(), "-file",
                certificate.getFileName().toString());
        restrict(certificate);
        Files.delete(store);
        return new DeviceCaFiles(certificate, key);
    }

    /** The CA's certificate (PEM), for {@code --cafile}, {@code CLEARWAY_MQTT_CA_FILE} or a trust store. */
    public Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    /** The broker's key store (PKCS#12): its key and its certificate chain. */
    public Path serverKeyStore() {
        return directory.resolve("server.p12");
    }

    String password() {
        return password;
    }

    /**
     * Writes the certificates of the PEM file {@code caPem} (the city's device CA, {@code CLEARWAY_DEVICE_CA_CERT}) into
     * the PKCS#12 trust store {@code target}, with this CA's password: the trust store the broker's TLS listener checks
     * device client certificates against (issue 17).
     */
    Path writeTrustStore(Path caPem, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(caPem); OutputStream out = Files.newOutputStream(target)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("device-ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException("No certificate in the device CA file " + caPem);
            }
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the device CA " + caPem, e);
        }
        restrict(target);
        return target;
    }

    /** How to trust this CA, for the launcher's banner. */
    public String trustInstructions() {
        return "trust " + caCertificate() + " (mosquitto_pub --cafile " + caCertificate()
                + "; CLEARWAY_MQTT_CA_FILE=" + caCertificate() + "; or: sudo cp " + caCertificate()
                + " /usr/local/share/ca-certificates/clearway-local-ca.crt && sudo update-ca-certificates)";
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed in " + directory + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making the local CA in " + directory, e);
        }
    }

    /** Made readable by its owner only before anything is written into it (a key never sits there open). */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        restrict(file);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's own permissions apply.
        }
    }
}
