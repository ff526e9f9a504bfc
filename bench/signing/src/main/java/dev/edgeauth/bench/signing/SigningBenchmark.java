package dev.edgeauth.bench.signing;

import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of issuing and of checking one access token, per {@link Variant} (algorithm ×
 * provider); run it once per JDK.
 *
 * <ul>
 * <li>{@link #sign()}: what the auth service pays per refresh rotation: build the JWS,
 * serialize header and claims to JSON and base64url, sign, and serialize the compact form.
 * <li>{@link #verify()}: what the gateway pays the first time it sees a token: parse the
 * compact form, check the signature, and parse the claims JSON.
 * </ul>
 *
 * The timings (a few seconds per benchmark) keep the whole suite at five to six minutes
 * per JDK on 2 cores; pass JMH options such as {@code -wi/-i/-w/-r} to change them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class SigningBenchmark {

    /** The algorithm × provider under test; every constant by default. */
    @Param
    public Variant variant;

    private JWSHeader header;

    private JWTClaimsSet claims;

    private JWSSigner signer;

    private JWSVerifier verifier;

    /** A token signed by this variant, the input of {@link #verify()}. */
    private String token;

    /** Generates this variant's keys and a token, and checks that the token verifies. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SignerAndVerifier keys = this.variant.create();
        this.header = AccessTokenFixture.header(keys.algorithm());
        this.claims = AccessTokenFixture.claims(Instant.now());
        this.signer = keys.signer();
        this.verifier = keys.verifier();
        this.token = sign();
        JWTClaimsSet verified = verify();
        if (!verified.getSubject().equals(this.claims.getSubject())) {
            throw new IllegalStateException(this.variant + ": verified claims differ from the signed ones");
        }
    }

    /** Issues one token: build, serialize, sign, and serialize the compact JWS. */
    @Benchmark
    public String sign() throws JOSEException {
        SignedJWT jwt = new SignedJWT(this.header, this.claims);
        jwt.sign(this.signer);
        return jwt.serialize();
    }

    /** Checks one token seen for the first time: parse, verify the signature, parse the claims. */
    @Benchmark
    public JWTClaimsSet verify() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(this.token);
        if (!jwt.verify(this.verifier)) {
            throw new IllegalStateException(this.variant + ": signature rejected");
        }
        return jwt.getJWTClaimsSet();
    }
}
