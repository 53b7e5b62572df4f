using System.CommandLine;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor container list|start|stop|restart|remove`.</summary>
public static class ContainerCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var container = new Command("container", "Containers on a server");
        var list = new Command("list", "List the server's containers") { GlobalOptions.Server };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var items = await (await ctx.ServicesAsync(ct)).Containers.ListAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, true, ct);
            if (ctx.Json) Output.Json(ctx.Out, items);
            else Output.Table(ctx.Out, ["NAME", "IMAGE", "STATE", "STATUS", "PORTS", "ID"],
                items.Select(c => new[] { c.Name, c.Image, c.State, c.Status, Ports(c.Ports), c.Id[..12] }));
            return 0;
        });
        container.Add(list);
        container.Add(Action(output, error, "start", "Start a container", (s, srv, c, _, ct) => s.StartAsync(srv, c, ct)));
        container.Add(Action(output, error, "stop", "Stop a container", (s, srv, c, _, ct) => s.StopAsync(srv, c, ct)));
        container.Add(Action(output, error, "restart", "Restart a container", (s, srv, c, _, ct) => s.RestartAsync(srv, c, ct)));
        container.Add(Action(output, error, "remove", "Remove a container", (s, srv, c, force, ct) => s.RemoveAsync(srv, c, force, ct), withForce: true));
        return container;
    }

    private static Command Action(TextWriter output, TextWriter error, string verb, string description,
        Func<IContainerService, string, string, bool, CancellationToken, Task<ContainerActionResult>> act, bool withForce = false)
    {
        var name = new Argument<string>("container") { Description = "Container name or id" };
        var force = new Option<bool>("--force", "-f") { Description = "Kill it first if it is running" };
        var command = new Command(verb, description) { name, GlobalOptions.Server };
        if (withForce) command.Add(force);
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable($"container {verb}");
            var services = await ctx.ServicesAsync(ct);
            var result = await act(services.Containers, ctx.Parse.GetValue(GlobalOptions.Server)!, ctx.Parse.GetValue(name)!, withForce && ctx.Parse.GetValue(force), ct);
            if (ctx.Json) Output.Json(ctx.Out, result); else ctx.Out.WriteLine($"{result.Name}: {result.State}");
            return 0;
        });
        return command;
    }

    private static string Ports(IReadOnlyList<PortMapping> ports) =>
        string.Join(",", ports.Select(p => p.PublicPort is { } pub ? $"{p.HostIp ?? ""}:{pub}->{p.PrivatePort}/{p.Protocol}".TrimStart(':') : $"{p.PrivatePort}/{p.Protocol}").Distinct());
}
