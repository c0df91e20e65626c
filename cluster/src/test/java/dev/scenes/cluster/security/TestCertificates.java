package dev.scenes.cluster.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away public key infrastructure made with the JDK's {@code keytool}, as an operator would
 * make one: a CA, a broker key store (PKCS12) whose certificate the CA signed for {@code 127.0.0.1}
 * (subject alternative name, so clients' host name verification passes), and a client trust store
 * that holds only the CA.
 *
 * <p>Passwords reach keytool through environment variables ({@code -storepass:env}), never on its
 * command line, and everything keytool prints is kept in {@link #output()} so that tests can check
 * it for secrets too.
 *
 * @param dir where the files are
 * @param brokerKeyStore the broker's key and certificate chain
 * @param brokerKeyStorePassword its password (also the key's)
 * @param clientTrustStore the CA certificate, for clients
 * @param clientTrustStorePassword its password
 * @param output what keytool printed
 */
record TestCertificates(
        Path dir,
        Path brokerKeyStore,
        String brokerKeyStorePassword,
        Path clientTrustStore,
        String clientTrustStorePassword,
        String output) {

    /** Makes the CA, the broker key store and the client trust store in {@code dir}. */
    static TestCertificates create(
            Path dir, String caPassword, String brokerPassword, String trustPassword)
            throws IOException, InterruptedException {
        Map<String, String> env =
                Map.of(
                        "CA_PASS",
                        caPassword,
                        "BROKER_PASS",
                        brokerPassword,
                        "TRUST_PASS",
                        trustPassword);
        StringBuilder output = new StringBuilder();
        Path ca = dir.resolve("ca.p12");
        Path broker = dir.resolve("broker.p12");
        Path trust = dir.resolve("client-truststore.p12");
        String rsa = "-keyalg RSA -keysize 2048 -validity 2 -storetype PKCS12";
        keytool(
                dir,
                env,
                output,
                "-genkeypair -alias ca -dname CN=scenes-test-ca -ext bc:c "
                        + rsa
                        + " -keystore ca.p12 -storepass:env CA_PASS");
        keytool(
                dir,
                env,
                output,
                "-genkeypair -alias broker -dname CN=127.0.0.1 "
                        + rsa
                        + " -keystore broker.p12 -storepass:env BROKER_PASS");
        keytool(
                dir,
                env,
                output,
                "-certreq -alias broker -keystore broker.p12 -storepass:env BROKER_PASS"
                        + " -file broker.csr");
        keytool(
                dir,
                env,
                output,
                "-gencert -alias ca -keystore ca.p12 -storepass:env CA_PASS -infile broker.csr"
                        + " -outfile broker.crt -rfc -validity 2 -ext SAN=ip:127.0.0.1"
                        + " -ext KU=digitalSignature,keyEncipherment -ext EKU=serverAuth");
        keytool(
                dir,
                env,
                output,
                "-exportcert -alias ca -keystore ca.p12 -storepass:env CA_PASS -rfc -file ca.crt");
        keytool(
                dir,
                env,
                output,
                "-importcert -noprompt -alias ca -file ca.crt -keystore broker.p12"
                        + " -storepass:env BROKER_PASS");
        keytool(
                dir,
                env,
                output,
                "-importcert -alias broker -file broker.crt -keystore broker.p12"
                        + " -storepass:env BROKER_PASS");
        keytool(
                dir,
                env,
                output,
                "-importcert -noprompt -alias ca -file ca.crt -keystore client-truststore.p12"
                        + " -storetype PKCS12 -storepass:env TRUST_PASS");
        return new TestCertificates(
                dir, broker, brokerPassword, trust, trustPassword, output.toString());
    }

    private static void keytool(
            Path dir, Map<String, String> env, StringBuilder output, String arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments.split(" ")));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String printed =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + arguments + " did not finish in 60 s");
        }
        output.append("$ keytool ").append(arguments).append('\n').append(printed);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "keytool " + arguments + " failed (" + process.exitValue() + "): " + printed);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " vanished");
        }
    }
}
