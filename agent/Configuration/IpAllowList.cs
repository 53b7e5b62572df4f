using System.Net;

namespace Monitor.Agent.Configuration;

/// <summary>The CIDRs allowed to connect (empty = any). IPv4 peers seen as IPv4-mapped IPv6 match IPv4 CIDRs.</summary>
public sealed class IpAllowList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    private IpAllowList(IReadOnlyList<IPNetwork> networks) => _networks = networks;

    public bool AllowsAny => _networks.Count == 0;

    public static bool TryParse(IEnumerable<string> cidrs, out IpAllowList list, out string problem)
    {
        var networks = new List<IPNetwork>();
        problem = "";
        foreach (var raw in cidrs)
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            if (!text.Contains('/') && IPAddress.TryParse(text, out var single))
                text = $"{single}/{(single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}";
            if (!IPNetwork.TryParse(text, out var network))
            {
                list = new IpAllowList([]);
                problem = $"allowed_ips entry '{raw}' is not a CIDR; write e.g. \"10.0.0.0/8\" or \"192.168.1.20/32\"";
                return false;
            }
            networks.Add(network);
        }
        list = new IpAllowList(networks);
        return true;
    }

    public bool Allows(IPAddress? remote)
    {
        if (_networks.Count == 0) return true;
        if (remote is null) return false;
        var candidates = remote.IsIPv4MappedToIPv6 ? new[] { remote, remote.MapToIPv4() } : [remote];
        return _networks.Any(n => candidates.Any(n.Contains));
    }
}
