using System.Net;
using Monitor.Shared.Config;

namespace Monitor.Agent.Configuration;

/// <summary>The agent's bind address, parsed from <c>listen = "host:port"</c>.</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>Accepts <c>127.0.0.1:8120</c>, <c>[::1]:8120</c>, <c>0.0.0.0:8120</c>, <c>*:8120</c>, <c>localhost:8120</c>.</summary>
    public static bool TryParse(string text, out ListenAddress? address, out string problem)
    {
        address = null;
        problem = "";
        text = text.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            problem = $"listen = \"{text}\" is not host:port; write e.g. \"0.0.0.0:8120\" or \"127.0.0.1:8120\"";
            return false;
        }
        var host = text[..colon].Trim('[', ']');
        IPAddress? ip = host switch
        {
            "*" or "0.0.0.0" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (ip is null)
        {
            problem = $"listen host '{host}' is not an IP address; use the address of the interface to bind (or 0.0.0.0 for all)";
            return false;
        }
        address = new ListenAddress(ip, port);
        return true;
    }

    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var problem) ? address! : throw new ConfigException("listen", 1, 1, problem);
}
