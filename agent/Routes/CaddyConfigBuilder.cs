using System.Text.Json.Nodes;
using Monitor.Shared.Config;

namespace Monitor.Agent.Routes;

/// <summary>Builds Caddy's JSON config for a server's routes: one HTTPS server (tls auto/internal) and one plain HTTP
/// server (tls off), host + path-prefix matchers, optional response headers and basic auth, then reverse_proxy to
/// the container's upstream (or 503 when it does not run). Internal-TLS hosts get Caddy's own CA, whose root is not
/// installed into the system trust store.</summary>
public static class CaddyConfigBuilder
{
    public const string HttpsServer = "monitor_https";
    public const string HttpServer = "monitor_http";

    public static JsonObject Build(IReadOnlyList<ResolvedRoute> routes, AgentConfig config, string adminListen)
    {
        var secure = routes.Where(r => r.Spec.Tls != "off").ToList();
        var plain = routes.Where(r => r.Spec.Tls == "off").ToList();
        var servers = new JsonObject();
        if (secure.Count > 0)
            servers[HttpsServer] = new JsonObject
            {
                ["listen"] = new JsonArray($"{config.RouteListenHost}:{config.RouteHttpsPort}"),
                ["routes"] = Routes(secure),
                ["automatic_https"] = new JsonObject { ["disable_redirects"] = true },
            };
        if (plain.Count > 0)
            servers[HttpServer] = new JsonObject
            {
                ["listen"] = new JsonArray($"{config.RouteListenHost}:{config.RouteHttpPort}"),
                ["routes"] = Routes(plain),
                ["automatic_https"] = new JsonObject { ["disable"] = true },
            };

        var apps = new JsonObject
        {
            ["http"] = new JsonObject
            {
                ["http_port"] = config.RouteHttpPort,
                ["https_port"] = config.RouteHttpsPort,
                ["servers"] = servers,
            },
            ["pki"] = new JsonObject
            {
                ["certificate_authorities"] = new JsonObject { ["local"] = new JsonObject { ["install_trust"] = false } },
            },
        };
        var internalHosts = secure.Where(r => r.Spec.Tls == "internal").SelectMany(r => r.Spec.Hosts).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (internalHosts.Count > 0)
            apps["tls"] = new JsonObject
            {
                ["automation"] = new JsonObject
                {
                    ["policies"] = new JsonArray(new JsonObject
                    {
                        ["subjects"] = Strings(internalHosts),
                        ["issuers"] = new JsonArray(new JsonObject { ["module"] = "internal" }),
                    }),
                },
            };
        return new JsonObject
        {
            ["admin"] = new JsonObject { ["listen"] = adminListen },
            ["apps"] = apps,
        };
    }

    private static JsonArray Routes(IEnumerable<ResolvedRoute> routes)
    {
        var list = new JsonArray();
        // Longer path prefixes first, so /api wins over / for the same host.
        foreach (var route in routes.OrderByDescending(r => (r.Spec.Path ?? "").Length).ThenBy(r => r.Spec.Stack, StringComparer.Ordinal))
        {
            var match = new JsonObject { ["host"] = Strings(route.Spec.Hosts) };
            var path = (route.Spec.Path ?? "").TrimEnd('/');
            if (path.Length > 0) match["path"] = new JsonArray(path, path + "/*");

            var handle = new JsonArray();
            if (route.Spec.Headers is { Count: > 0 } headers)
            {
                var set = new JsonObject();
                foreach (var (name, value) in headers) set[name] = new JsonArray(value);
                handle.Add((JsonNode)new JsonObject { ["handler"] = "headers", ["response"] = new JsonObject { ["set"] = set } });
            }
            if (route.Spec.BasicAuth is { } auth)
                handle.Add((JsonNode)new JsonObject
                {
                    ["handler"] = "authentication",
                    ["providers"] = new JsonObject
                    {
                        ["http_basic"] = new JsonObject
                        {
                            ["hash"] = new JsonObject { ["algorithm"] = "bcrypt" },
                            ["accounts"] = new JsonArray(new JsonObject { ["username"] = auth.Username, ["password"] = auth.PasswordHash }),
                        },
                    },
                });
            handle.Add((JsonNode)(route.Upstream is { } upstream
                ? new JsonObject { ["handler"] = "reverse_proxy", ["upstreams"] = new JsonArray(new JsonObject { ["dial"] = upstream }) }
                : new JsonObject { ["handler"] = "static_response", ["status_code"] = 503, ["body"] = $"{route.Spec.Stack} is not running" }));
            list.Add((JsonNode)new JsonObject
            {
                ["@id"] = "monitor-route-" + route.Spec.Stack,
                ["match"] = new JsonArray(match),
                ["handle"] = handle,
                ["terminal"] = true,
            });
        }
        return list;
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values) array.Add((JsonNode?)JsonValue.Create(value));
        return array;
    }
}
