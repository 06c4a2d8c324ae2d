package dev.sluice.rsocket;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway certificates made at test time, in memory (nothing is written to disk, no private key
 * is committed): a certificate authority, and leaf certificates it signs for a server
 * ({@code 127.0.0.1}, {@code localhost}) or a client, with their keys, for Netty's
 * {@code SslContextBuilder}.
 */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A certificate with its key pair. */
    record Issued(String name, X509Certificate certificate, KeyPair keys) {
    }

    private TestCertificates() {
    }

    /** A self-signed certificate authority. */
    static Issued authority(String name) throws Exception {
        KeyPair keys = keys();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = builder(subject, subject, keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return issued(name, b, keys, keys);
    }

    /** A server certificate for 127.0.0.1 and localhost, signed by {@code ca}. */
    static Issued server(Issued ca) throws Exception {
        KeyPair keys = keys();
        X509v3CertificateBuilder b = builder(new X500Name("CN=" + ca.name()), new X500Name("CN=localhost"), keys);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        return issued("localhost", b, keys, ca.keys());
    }

    /** A client certificate with subject {@code CN=name}, signed by {@code ca}. */
    static Issued client(Issued ca, String name) throws Exception {
        KeyPair keys = keys();
        X509v3CertificateBuilder b = builder(new X500Name("CN=" + ca.name()), new X500Name("CN=" + name), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        return issued(name, b, keys, ca.keys());
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                subject, keys.getPublic());
    }

    private static Issued issued(String name, X509v3CertificateBuilder b, KeyPair keys, KeyPair signer) throws Exception {
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        return new Issued(name, cert, keys);
    }
}
