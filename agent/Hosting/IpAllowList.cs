using System.Net;

namespace Monitor.Agent.Hosting;

/// <summary>CIDR allowlist; empty allows any address. IPv4-mapped IPv6 addresses are checked as IPv4.</summary>
public sealed class IpAllowList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    public IpAllowList(IEnumerable<string> cidrs)
    {
        var networks = new List<IPNetwork>();
        foreach (var cidr in cidrs.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var text = cidr.Trim();
            if (!text.Contains('/')) text += IPAddress.Parse(text).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "/32" : "/128";
            if (!IPNetwork.TryParse(text, out var network))
                throw new FormatException($"allowed_ips: '{cidr}' is not a CIDR like 10.0.0.0/8 or 127.0.0.1");
            networks.Add(network);
        }
        _networks = networks;
    }

    public bool Allows(IPAddress? address)
    {
        if (_networks.Count == 0) return true;
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _networks.Any(n => n.Contains(address));
    }
}
