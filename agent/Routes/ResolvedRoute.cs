using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>A route with the address the proxy dials for it (null: the container does not run).</summary>
public sealed record ResolvedRoute(RouteSpec Spec, string? Upstream);
