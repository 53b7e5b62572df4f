using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>Checks a route before it reaches Caddy: names, hosts, path, port, TLS mode.</summary>
public static class RouteRules
{
    public static readonly IReadOnlySet<string> TlsModes = new HashSet<string>(StringComparer.Ordinal) { "auto", "internal", "off" };

    public static void Check(RouteSpec route)
    {
        StackInputRules.Name(route.Stack, "stack name");
        StackInputRules.Name(route.Container, "container name");
        if (route.Hosts.Count == 0) throw Invalid($"route of {route.Stack}: give at least one host");
        foreach (var host in route.Hosts)
            if (host.Length is 0 or > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*'))
                throw Invalid($"route of {route.Stack}: host '{host}' is not a host name (letters, digits, '.', '-', a leading '*.')");
        if (route.Path is { Length: > 0 } path && (path[0] != '/' || path.Any(c => char.IsControl(c) || c is ' ' or '*' or '?' or '#')))
            throw Invalid($"route of {route.Stack}: path '{path}' must start with / and hold no spaces, *, ? or #");
        if (route.ContainerPort is < 1 or > 65535) throw Invalid($"route of {route.Stack}: port {route.ContainerPort} is not 1-65535");
        if (!TlsModes.Contains(route.Tls)) throw Invalid($"route of {route.Stack}: tls '{route.Tls}' is not one of auto, internal, off");
        foreach (var (name, value) in route.Headers ?? new Dictionary<string, string>())
            if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c > '~') || value.Any(char.IsControl))
                throw Invalid($"route of {route.Stack}: header '{name}' is not a valid header");
        if (route.BasicAuth is { } auth && (auth.Username.Length == 0 || auth.Username.Any(c => char.IsControl(c) || c == ':') || !auth.PasswordHash.StartsWith("$2", StringComparison.Ordinal)))
            throw Invalid($"route of {route.Stack}: basic auth needs a user name without ':' and a bcrypt hash");
    }

    private static AgentRequestException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);
}
