using System.CommandLine;
using Monitor.Control.Routes;

namespace Monitor.Control.Cli;

/// <summary>`monitor route list [--server S]`: every stack's route as the server's proxy serves it.</summary>
public static class RouteCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var server = new Option<string?>("--server", "-s") { Description = "Only this server (default: every server)" };
        var list = new Command("list", "List the routes of every server (URL, upstream, certificate)") { server };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var rows = await new RouteService(services.Store, services.Agents).ListAsync(ctx.Parse.GetValue(server), ct);
            if (ctx.Json) Output.Json(ctx.Out, rows);
            else Output.Table(ctx.Out, ["SERVER", "STACK", "URL", "TLS", "UPSTREAM", "CERTIFICATE"],
                rows.Select(r => new[]
                {
                    r.Server, r.Stack, string.Join(" ", r.Urls), r.Tls,
                    r.Error is not null && r.Stack.Length == 0 ? "" : r.Upstream ?? $"{r.Container} not running",
                    r.Error ?? r.Certificate,
                }));
            return rows.Any(r => r.Error is not null) ? 1 : 0;
        });
        return new Command("route", "Routes: the reverse proxy (Caddy) in front of stacks") { list };
    }
}
