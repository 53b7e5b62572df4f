namespace Monitor.Shared.Protocol;

/// <summary>One stack's route on a server: requests for <see cref="Hosts"/> (and the <see cref="Path"/> prefix) go to
/// <see cref="ContainerPort"/> of <see cref="Container"/>. <see cref="Tls"/>: auto (ACME), internal (Caddy's own CA)
/// or off (plain HTTP).</summary>
public sealed record RouteSpec(
    string Stack,
    IReadOnlyList<string> Hosts,
    string? Path,
    int ContainerPort,
    string Tls,
    string Container,
    IReadOnlyDictionary<string, string>? Headers = null,
    RouteBasicAuth? BasicAuth = null);

/// <summary>Basic auth in front of a route: the password only as a bcrypt hash.</summary>
public sealed record RouteBasicAuth(string Username, string PasswordHash);

/// <summary>route.apply: the whole route document of a server (every stack's route), applied atomically.</summary>
public sealed record RouteApplyRequest(IReadOnlyList<RouteSpec> Routes);

public sealed record RouteApplyResult(int Routes, bool Changed);

public sealed record RouteListRequest;

/// <summary>route.list: the agent's route document with each route's live state.</summary>
public sealed record RouteListResult(IReadOnlyList<RouteState> Routes, bool ProxyReachable, string? ProxyError);

/// <summary>A route as the proxy serves it: where it sends requests (<see cref="Upstream"/>, null when the container
/// does not run) and the certificate the proxy presents (<see cref="Certificate"/>: "valid until ...", "none yet",
/// "off").</summary>
public sealed record RouteState(
    string Stack,
    IReadOnlyList<string> Urls,
    string Tls,
    string Container,
    string? Upstream,
    string Certificate,
    DateTimeOffset? CertificateExpires);
