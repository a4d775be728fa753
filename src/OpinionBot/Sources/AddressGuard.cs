using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpinionBot.Sources;

/// <summary>
/// Decides which addresses the fetcher may connect to: public ones, plus whatever the allow list admits. Checked on the
/// address actually connected to, so DNS tricks and redirects cannot reach the intranet or the cloud metadata service.
/// </summary>
public sealed class AddressGuard
{
    private static readonly (IpRange Range, string Name)[] Blocked =
    [
        (IpRange.Parse("0.0.0.0/8"), "unspecified"), (IpRange.Parse("10.0.0.0/8"), "private"),
        (IpRange.Parse("100.64.0.0/10"), "carrier-grade NAT"), (IpRange.Parse("127.0.0.0/8"), "loopback"),
        (IpRange.Parse("169.254.0.0/16"), "link-local (cloud metadata)"), (IpRange.Parse("172.16.0.0/12"), "private"),
        (IpRange.Parse("192.0.0.0/24"), "reserved"), (IpRange.Parse("192.0.2.0/24"), "documentation"),
        (IpRange.Parse("192.168.0.0/16"), "private"), (IpRange.Parse("198.18.0.0/15"), "benchmarking"),
        (IpRange.Parse("198.51.100.0/24"), "documentation"), (IpRange.Parse("203.0.113.0/24"), "documentation"),
        (IpRange.Parse("224.0.0.0/4"), "multicast"), (IpRange.Parse("240.0.0.0/4"), "reserved"),
        (IpRange.Parse("::/128"), "unspecified"), (IpRange.Parse("::1/128"), "loopback"),
        (IpRange.Parse("fc00::/7"), "private (unique local)"), (IpRange.Parse("fe80::/10"), "link-local"),
        (IpRange.Parse("fec0::/10"), "site-local"), (IpRange.Parse("ff00::/8"), "multicast"),
        (IpRange.Parse("2001:db8::/32"), "documentation"),
    ];

    private readonly List<IpRange> _allowedRanges = [];
    private readonly List<string> _allowedHosts = [];

    public AddressGuard(IEnumerable<string> allowList)
    {
        foreach (var entry in allowList.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (IpRange.TryParse(entry, out var range))
            {
                _allowedRanges.Add(range);
            }
            else
            {
                _allowedHosts.Add(entry.ToLowerInvariant());
            }
        }
    }

    /// <summary>Why the URL may not be fetched, judged from its text alone (scheme, literal addresses); null if it may.</summary>
    public string? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            return $"only http and https are fetched, not '{(url.IsAbsoluteUri ? url.Scheme : "relative")}'";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "URLs with a user name or password are not fetched";
        }

        var host = url.IdnHost;
        if (host.TrimEnd('.') is var name && (name.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase) || name.Equals("invalid", StringComparison.OrdinalIgnoreCase)))
        {
            // RFC 6761: such a name never exists, so no lookup of it need ever leave the machine.
            return $"{host} is a reserved name that never exists";
        }

        return LiteralAddress(host) is { } literal ? Check(host, literal) : null;
    }

    /// <summary>Why connecting to <paramref name="address"/> (resolved from <paramref name="host"/>) is refused; null if allowed.</summary>
    public string? Check(string host, IPAddress address)
    {
        if (IsHostAllowed(host))
        {
            return null;
        }

        var plain = Unwrap(address);
        if (_allowedRanges.Any(r => r.Contains(plain) || r.Contains(address)))
        {
            return null;
        }

        foreach (var (range, name) in Blocked)
        {
            if (range.Contains(plain))
            {
                return $"{host} is {plain} ({name}); add it to Fetching:AllowList to allow it";
            }
        }

        return null;
    }

    public bool IsHostAllowed(string host)
    {
        var h = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        return _allowedHosts.Any(a => a == h || (a.StartsWith("*.", StringComparison.Ordinal) && h.EndsWith(a[1..], StringComparison.Ordinal)));
    }

    /// <summary>A host written as an address in any form resolvers accept: dotted, decimal, hex, octal, short.</summary>
    public static IPAddress? LiteralAddress(string host)
    {
        var h = host.Trim('[', ']');
        if (h.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(h, out var v6) ? v6 : null;
        }

        var parts = h.TrimEnd('.').Split('.');
        if (parts.Length is 0 or > 4 || parts.Any(p => p.Length == 0))
        {
            return null;
        }

        var numbers = new List<long>();
        foreach (var part in parts)
        {
            if (!TryParseNumber(part, out var n))
            {
                return null;
            }

            numbers.Add(n);
        }

        // inet_aton: the last part fills the remaining bytes (127.1 = 127.0.0.1, 2130706433 = 127.0.0.1).
        long value = 0;
        for (var i = 0; i < numbers.Count - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return null;
            }

            value |= numbers[i] << (8 * (3 - i));
        }

        var last = numbers[^1];
        if (last >= 1L << (8 * (5 - numbers.Count)))
        {
            return null;
        }

        value |= last;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    private static bool TryParseNumber(string part, out long value)
    {
        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && part.Length <= 10;
        }

        value = 0;
        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part)
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }

                value = value * 8 + (c - '0');
            }

            return value <= uint.MaxValue;
        }

        return part.Length <= 10 && part.All(char.IsAsciiDigit) && long.TryParse(part, CultureInfo.InvariantCulture, out value) && value <= uint.MaxValue;
    }

    /// <summary>IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) addresses carry an IPv4 inside.</summary>
    internal static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        var compatible = bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && bytes.AsSpan(12).IndexOfAnyExcept((byte)0) >= 0 &&
            !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] == 1);
        return nat64 || compatible ? new IPAddress(bytes[12..]) : address;
    }
}
