package chat.gateway.client;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** A set of IP ranges (CIDR) whose members are reverse proxies we trust to report the client. */
final class TrustedProxies {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code ::1}, {@code fd00::/8}.
   *
   * @throws IllegalArgumentException for anything else (host names are not accepted: no DNS)
   */
  static TrustedProxies of(List<String> cidrs) {
    return new TrustedProxies(cidrs.stream().map(TrustedProxies::range).toList());
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  boolean contains(InetAddress address) {
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  /**
   * The address of an IP literal, or null if {@code text} is not one. Never resolves host names.
   */
  static InetAddress parseLiteral(String text) {
    String candidate = text.trim();
    if (candidate.startsWith("[") && candidate.endsWith("]")) {
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(candidate);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Range range(String cidr) {
    String[] parts = cidr.split("/", 2);
    InetAddress base = parseLiteral(parts[0]);
    if (base == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: " + cidr);
    }
    int bits = base.getAddress().length * 8;
    int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("bad prefix length: " + cidr);
    }
    return new Range(base.getAddress(), prefix);
  }

  private record Range(byte[] base, int prefix) {
    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != base.length) {
        return false;
      }
      if (prefix == 0) {
        return true;
      }
      int shift = base.length * 8 - prefix;
      return new BigInteger(1, candidate)
          .shiftRight(shift)
          .equals(new BigInteger(1, base).shiftRight(shift));
    }
  }
}
