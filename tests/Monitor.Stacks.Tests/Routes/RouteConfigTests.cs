using System.Text.Json.Nodes;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Routes;
using Monitor.Control.Routes;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Stacks.Tests.Routes;

/// <summary>Unit tests of the route logic: strategy choice, config checks, the Caddy JSON the agent loads.</summary>
public sealed class RouteConfigTests
{
    private static StackConfig Routed(string? strategy = null, List<string>? ports = null) => new()
    {
        Name = "web",
        Image = "local/web:1",
        Deploy = new StackDeployConfig { Targets = ["a"], Strategy = strategy, Ports = ports ?? [] },
        Route = new StackRouteConfig { Hosts = ["web.example.com"], Port = 8080, Tls = "internal" },
    };

    [Fact]
    public void Blue_green_is_the_default_for_a_routed_stack_without_fixed_ports_else_replace()
    {
        Assert.Equal(DeployStrategy.BlueGreen, DeployStrategy.For(Routed(), "a"));
        Assert.Equal(DeployStrategy.Replace, DeployStrategy.For(Routed(ports: ["80:8080"]), "a"));
        Assert.Equal(DeployStrategy.Replace, DeployStrategy.For(new StackConfig { Name = "plain", Deploy = new() }, "a"));
        Assert.Equal(DeployStrategy.Replace, DeployStrategy.For(Routed(strategy: "replace"), "a"));
    }

    [Theory]
    [InlineData("blue-green", true, false, "cannot share fixed host ports")]
    [InlineData("blue-green", false, true, "needs a [stacks.route]")]
    [InlineData("rolling", false, false, "not one of replace, blue-green")]
    public void Impossible_strategies_are_refused_with_what_to_change(string strategy, bool fixedPorts, bool noRoute, string expected)
    {
        var stack = Routed(strategy, fixedPorts ? ["80:8080"] : null);
        if (noRoute) stack.Route = null;
        var ex = Assert.Throws<OperationFailedException>(() => RouteSpecFactory.Validate(stack));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("stack web: ", ex.Message);
    }

    [Theory]
    [InlineData("web.example.com\n", 8080, "internal", "is not a host name")]
    [InlineData("web.example.com", 0, "internal", "port")]
    [InlineData("web.example.com", 8080, "acme", "not one of auto, internal, off")]
    public void Bad_routes_are_refused_by_the_console_and_by_the_agent(string host, int port, string tls, string expected)
    {
        var stack = Routed();
        stack.Route = new StackRouteConfig { Hosts = [host], Port = port, Tls = tls };
        Assert.Contains(expected, Assert.Throws<OperationFailedException>(() => RouteSpecFactory.Validate(stack)).Message);
        var spec = new RouteSpec("web", [host], null, port, tls, "web");
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<AgentRequestException>(() => RouteRules.Check(spec)).Code);
    }

    [Fact]
    public void Basic_auth_reaches_the_agent_only_as_a_bcrypt_hash_of_the_referenced_password()
    {
        var variable = "MT_ROUTES_PW_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(variable, "s3cret-value");
        try
        {
            var stack = Routed();
            stack.Route!.BasicAuth = new RouteBasicAuthConfig { Username = "ops", PasswordEnv = variable };
            var spec = RouteSpecFactory.For(stack, "a")!;
            Assert.Equal("ops", spec.BasicAuth!.Username);
            Assert.DoesNotContain("s3cret-value", spec.BasicAuth.PasswordHash);
            Assert.True(BCrypt.Net.BCrypt.Verify("s3cret-value", spec.BasicAuth.PasswordHash));
            RouteRules.Check(spec);
        }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    [Fact]
    public void The_caddy_config_splits_tls_and_plain_routes_and_answers_503_for_a_stopped_container()
    {
        var config = new AgentConfig { RouteListenHost = "127.0.0.1", RouteHttpPort = 8081, RouteHttpsPort = 8443 };
        var routes = new[]
        {
            new ResolvedRoute(new RouteSpec("web", ["web.example.com"], "/app", 8080, "internal", "web", new Dictionary<string, string> { ["X-A"] = "1" }), "127.0.0.1:40001"),
            new ResolvedRoute(new RouteSpec("api", ["api.example.com"], null, 9000, "off", "api"), null),
        };

        var json = CaddyConfigBuilder.Build(routes, config, "127.0.0.1:2019");

        Assert.Equal("127.0.0.1:2019", json["admin"]!["listen"]!.GetValue<string>());
        var servers = json["apps"]!["http"]!["servers"]!;
        var https = servers[CaddyConfigBuilder.HttpsServer]!;
        Assert.Equal("127.0.0.1:8443", https["listen"]![0]!.GetValue<string>());
        var webRoute = https["routes"]![0]!;
        Assert.Equal(["/app", "/app/*"], webRoute["match"]![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("headers", webRoute["handle"]![0]!["handler"]!.GetValue<string>());
        Assert.Equal("127.0.0.1:40001", webRoute["handle"]![1]!["upstreams"]![0]!["dial"]!.GetValue<string>());
        var plain = servers[CaddyConfigBuilder.HttpServer]!;
        Assert.Equal("127.0.0.1:8081", plain["listen"]![0]!.GetValue<string>());
        Assert.Equal(503, plain["routes"]![0]!["handle"]![0]!["status_code"]!.GetValue<int>());
        Assert.True(plain["automatic_https"]!["disable"]!.GetValue<bool>());
        var policy = json["apps"]!["tls"]!["automation"]!["policies"]![0]!;
        Assert.Equal("web.example.com", policy["subjects"]![0]!.GetValue<string>());
        Assert.Equal("internal", policy["issuers"]![0]!["module"]!.GetValue<string>());
        Assert.False(json["apps"]!["pki"]!["certificate_authorities"]!["local"]!["install_trust"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(json, CaddyConfigBuilder.Build(routes, config, "127.0.0.1:2019")));
    }
}
