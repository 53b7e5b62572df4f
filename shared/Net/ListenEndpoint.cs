using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Monitor.Shared.Net;

/// <summary>Parses <c>listen = "host:port"</c>: an IP (v4, or v6 in brackets), <c>localhost</c>, or <c>*</c>/<c>0.0.0.0</c>
/// for every interface. Port 0 picks a free port (tests, benchmarks). Used by the agent and by `monitor serve`.</summary>
public static class ListenEndpoint
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPEndPoint? endpoint, out string problem, int examplePort = 8130)
    {
        endpoint = null;
        problem = "";
        text = text?.Trim() ?? "";
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            problem = $"listen address \"{text}\" is not host:port; write e.g. \"127.0.0.1:{examplePort}\" (or \"0.0.0.0:{examplePort}\" for every interface)";
            return false;
        }
        var host = text[..colon];
        IPAddress? address = host switch
        {
            "*" or "0.0.0.0" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when host.StartsWith('[') && host.EndsWith(']') => IPAddress.TryParse(host[1..^1], out var v6) ? v6 : null,
            _ => host.Contains(':', StringComparison.Ordinal) ? null : IPAddress.TryParse(host, out var v4) ? v4 : null,
        };
        if (address is null)
        {
            problem = $"listen host \"{host}\" is not an IP address; use the address of the interface to bind (127.0.0.1, 0.0.0.0, [::1])";
            return false;
        }
        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
