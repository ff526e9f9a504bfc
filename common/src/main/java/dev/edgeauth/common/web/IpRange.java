package dev.edgeauth.common.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare
 * address is a range of one. Parsing and matching are Netty's ({@link NetUtil},
 * {@link IpSubnetFilterRule}): only IP literals are read, so no name is ever looked up.
 */
public final class IpRange {

    private final IpSubnetFilterRule rule;

    private IpRange(IpSubnetFilterRule rule) {
        this.rule = rule;
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
        return new IpRange(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
    }

    /**
     * Parses an IP literal without any name lookup.
     * @param text the candidate, an IPv6 one possibly in brackets
     * @return the address, or {@code null} when the text is not an IP literal
     */
    public static @Nullable InetAddress parseLiteral(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(candidate);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        return this.rule.matches(new InetSocketAddress(address, 0));
    }

}
