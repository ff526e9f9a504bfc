package dev.edgeauth.common.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare
 * address is a range of one.
 */
public final class IpRange {

    // Only IP literals are parsed, so InetAddress never does a (blocking) DNS lookup.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final byte[] network;

    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses a range.
     * @param cidr an address or {@code address/prefix}
     * @return the range
     * @throws IllegalArgumentException when it is not an IP range
     */
    public static IpRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        InetAddress address = parseLiteral((slash < 0) ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR range");
        }
        int maxPrefix = address.getAddress().length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            }
            catch (NumberFormatException ex) {
                prefix = -1;
            }
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + maxPrefix);
        }
        return new IpRange(address.getAddress(), prefix);
    }

    /**
     * Parses an IP literal without any name lookup.
     * @param text the candidate
     * @return the address, or {@code null} when the text is not an IP literal
     */
    public static @Nullable InetAddress parseLiteral(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (!IP_LITERAL.matcher(candidate).matches() || (candidate.indexOf(':') < 0 && !isDottedQuad(candidate))) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate);
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    private static boolean isDottedQuad(String candidate) {
        String[] parts = candidate.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != this.network.length) {
            return false;
        }
        int fullBytes = this.prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != this.network[i]) {
                return false;
            }
        }
        int remainingBits = this.prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
    }

}
