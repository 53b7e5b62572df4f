namespace Monitor.Shared.Config;

/// <summary>[stacks.route]: the server's Caddy sends requests for <see cref="Hosts"/> (under <see cref="Path"/>) to the
/// stack's container on <see cref="Port"/>.</summary>
public sealed class StackRouteConfig
{
    public List<string> Hosts { get; set; } = [];
    /// <summary>Path prefix, e.g. "/api"; default every path.</summary>
    public string? Path { get; set; }
    /// <summary>The container port the app listens on.</summary>
    public int Port { get; set; }
    /// <summary>auto (ACME certificates), internal (Caddy's own CA) or off (plain HTTP).</summary>
    public string Tls { get; set; } = "auto";
    /// <summary>Response headers set on every answer, e.g. { Strict-Transport-Security = "max-age=31536000" }.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];
    /// <summary>Basic auth in front of the route; the password by reference only.</summary>
    public RouteBasicAuthConfig? BasicAuth { get; set; }
}
