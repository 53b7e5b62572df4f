using System.Net;
using Monitor.Shared.Config;
using Monitor.Shared.Net;

namespace Monitor.Agent.Configuration;

/// <summary>The agent's bind address, parsed from <c>listen = "host:port"</c>.</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>Accepts <c>127.0.0.1:8120</c>, <c>[::1]:8120</c>, <c>0.0.0.0:8120</c>, <c>*:8120</c>, <c>localhost:8120</c>.</summary>
    public static bool TryParse(string text, out ListenAddress? address, out string problem)
    {
        address = ListenEndpoint.TryParse(text, out var endpoint, out problem, examplePort: 8120) ? new ListenAddress(endpoint.Address, endpoint.Port) : null;
        return address is not null;
    }

    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var problem) ? address! : throw new ConfigException("listen", 1, 1, problem);
}
