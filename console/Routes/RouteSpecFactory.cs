using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Routes;

/// <summary>Turns [stacks.route] into the route the agent applies for one target; checks it first. The basic-auth
/// password is read from its reference here and only its bcrypt hash goes to the agent.</summary>
public static class RouteSpecFactory
{
    private static readonly string[] TlsModes = ["auto", "internal", "off"];

    public static RouteSpec? For(StackConfig stack, string server)
    {
        if (stack.Route is not { } route) return null;
        Validate(stack);
        RouteBasicAuth? auth = null;
        if (route.BasicAuth is { } basic)
        {
            var password = SecretSource.Read(basic.PasswordEnv, basic.PasswordFile, $"stack {stack.Name}: route basic_auth password")
                ?? throw Invalid(stack, "route basic_auth needs password_env or password_file");
            auth = new RouteBasicAuth(basic.Username, BCrypt.Net.BCrypt.HashPassword(password, workFactor: 10));
        }
        return new RouteSpec(stack.Name, route.Hosts, string.IsNullOrEmpty(route.Path) ? null : route.Path, route.Port, route.Tls,
            ContainerSpecFactory.ContainerName(stack, server), route.Headers.Count > 0 ? route.Headers : null, auth);
    }

    public static void Validate(StackConfig stack)
    {
        DeployStrategy.Validate(stack);
        if (stack.Route is not { } route) return;
        if (stack.Compose is not null) throw Invalid(stack, "routes are for single-container stacks; a compose project is not routed yet");
        if (route.Hosts.Count == 0) throw Invalid(stack, "[stacks.route] needs hosts = [\"app.example.com\"]");
        foreach (var host in route.Hosts)
            if (host.Length is 0 or > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*'))
                throw Invalid(stack, $"route host '{host}' is not a host name (letters, digits, '.', '-', a leading '*.')");
        if (route.Port is < 1 or > 65535) throw Invalid(stack, "[stacks.route] needs port = the container port the app listens on (1-65535)");
        if (!TlsModes.Contains(route.Tls)) throw Invalid(stack, $"route tls '{route.Tls}' is not one of auto, internal, off");
        if (route.Path is { Length: > 0 } path && (path[0] != '/' || path.Any(c => char.IsControl(c) || c is ' ' or '*' or '?' or '#')))
            throw Invalid(stack, $"route path '{path}' must start with / and hold no spaces, *, ? or #");
        if (route.BasicAuth is { } auth && (auth.Username.Length == 0 || auth.Username.Contains(':') || (auth.PasswordEnv ?? auth.PasswordFile) is null))
            throw Invalid(stack, "route basic_auth needs username (without ':') and password_env or password_file");
    }

    private static OperationFailedException Invalid(StackConfig stack, string message) =>
        new($"stack {stack.Name}: {message}", "invalid_argument");
}
