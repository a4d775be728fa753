using System.Globalization;
using System.Net;

namespace OpinionBot.Sources;

/// <summary>An address range in CIDR notation (<c>10.0.0.0/8</c>, <c>fe80::/10</c>); a bare address is a range of one.</summary>
public sealed record IpRange(IPAddress Network, int PrefixLength)
{
    public static IpRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not an address range");

    public static bool TryParse(string text, out IpRange range)
    {
        range = new IpRange(IPAddress.None, 0);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.GetAddressBytes().Length * 8;
        var prefix = max;
        if (slash >= 0 && !(int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= max))
        {
            return false;
        }

        range = new IpRange(address, prefix);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        var network = Network.GetAddressBytes();
        var candidate = address.GetAddressBytes();
        if (network.Length != candidate.Length)
        {
            return false;
        }

        var bits = PrefixLength;
        for (var i = 0; i < network.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((network[i] & mask) != (candidate[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
