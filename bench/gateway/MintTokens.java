// Mints the benchmark's access tokens with bench-only keys (never used anywhere else), as a JDK
// single-file program: java bench/gateway/MintTokens.java OUT_DIR COUNT
//
// Writes to OUT_DIR: jwks-ed25519.json and tokens-ed25519.txt (EdDSA, typ at+jwt: what edgeauth
// verifies), jwks-rsa.json and tokens-rs256.txt (RS256, typ JWT: the stock resource server's Nimbus
// decoder has no EdDSA and refuses typ at+jwt by default), users.txt. Token i of both files belongs to
// user i (sub) with its own session (sid); every user is distinct. Lifetime 4 h (the contract's 900 s
// would expire during a long run).
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

public class MintTokens {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        KeyPair rsa = rsaGenerator.generateKeyPair();

        byte[] spki = ed.getPublic().getEncoded();
        String x = enc(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        Files.writeString(out.resolve("jwks-ed25519.json"), "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\""
                + x + "\",\"kid\":\"bench-ed25519\",\"alg\":\"EdDSA\",\"use\":\"sig\"}]}");
        RSAPublicKey rsaPublic = (RSAPublicKey) rsa.getPublic();
        Files.writeString(out.resolve("jwks-rsa.json"), "{\"keys\":[{\"kty\":\"RSA\",\"n\":\""
                + enc(unsigned(rsaPublic.getModulus())) + "\",\"e\":\"" + enc(unsigned(rsaPublic.getPublicExponent()))
                + "\",\"kid\":\"bench-rsa\",\"alg\":\"RS256\",\"use\":\"sig\"}]}");

        long now = Instant.now().getEpochSecond();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(UUID.randomUUID().toString());
        }
        String[] edTokens = new String[count];
        String[] rsTokens = new String[count];
        IntStream.range(0, count).parallel().forEach((i) -> {
            String claims = "{\"iss\":\"http://localhost:8080\",\"sub\":\"" + users.get(i)
                    + "\",\"aud\":\"edgeauth\",\"exp\":" + (now + 4 * 3600) + ",\"iat\":" + now + ",\"jti\":\""
                    + UUID.randomUUID() + "\",\"sid\":\"" + UUID.randomUUID() + "\",\"roles\":[\"user\"]}";
            edTokens[i] = sign("{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\",\"kid\":\"bench-ed25519\"}", claims, "Ed25519",
                    ed);
            rsTokens[i] = sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench-rsa\"}", claims, "SHA256withRSA", rsa);
        });
        Files.write(out.resolve("users.txt"), users);
        Files.write(out.resolve("tokens-ed25519.txt"), Arrays.asList(edTokens));
        Files.write(out.resolve("tokens-rs256.txt"), Arrays.asList(rsTokens));
    }

    static String sign(String header, String claims, String algorithm, KeyPair key) {
        try {
            String input = enc(header.getBytes(StandardCharsets.UTF_8)) + "." + enc(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + enc(signature.sign());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return (bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String enc(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

}
