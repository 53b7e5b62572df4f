using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>The SSH login of `monitor server bootstrap`: <c>user@host[:port]</c> (IPv6 as <c>user@[::1]:22</c>).</summary>
public sealed record BootstrapTarget(string User, string Host, int Port)
{
    public override string ToString() => Port == 22 ? $"{User}@{Host}" : $"{User}@{HostForUrl}:{Port}";

    /// <summary>The host as it goes into a URL or known_hosts: IPv6 in brackets.</summary>
    public string HostForUrl => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;

    public static BootstrapTarget Parse(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1) throw Bad(text);
        var user = text[..at];
        var rest = text[(at + 1)..];
        string host;
        var port = 22;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw Bad(text);
            host = rest[1..close];
            var tail = rest[(close + 1)..];
            if (tail.Length > 0 && (!tail.StartsWith(':') || !int.TryParse(tail[1..], out port))) throw Bad(text);
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
            if (colon >= 0 && !int.TryParse(rest[(colon + 1)..], out port)) throw Bad(text);
        }
        if (host.Length == 0 || port is < 1 or > 65535 || user.Any(char.IsWhiteSpace) || host.Any(char.IsWhiteSpace)) throw Bad(text);
        return new BootstrapTarget(user, host, port);
    }

    private static OperationFailedException Bad(string text) =>
        new($"'{text}' is not an SSH login: expected user@host or user@host:port (e.g. root@10.0.0.5:22)", ErrorCodes.InvalidArgument);
}
