using System.CommandLine;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor container list|start|stop|restart|remove`.</summary>
public static class ContainerCommands
{
    public static Command Create(GlobalOptions global, CliSettings settings)
    {
        var container = new Command("container", "List and control containers on a server");

        var listServer = ServerOption();
        var running = new Option<bool>("--running") { Description = "Only running containers (default: all)" };
        var list = new Command("list", "List containers") { listServer, running };
        list.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var containers = await services.Containers.ListAsync(context.Parse.GetValue(listServer)!, !context.Parse.GetValue(running), ct).ConfigureAwait(false);
            if (context.Json) context.Output.WriteJson(containers);
            else context.Output.WriteTable(["ID", "NAME", "IMAGE", "STATE", "STATUS"],
                containers.Select(c => (IReadOnlyList<string?>)[c.Id.Length > 12 ? c.Id[..12] : c.Id, c.Name, c.Image, c.State, c.Status]));
            return ExitCodes.Ok;
        }));

        container.Add(list);
        container.Add(Action(global, settings, "start", "Start a container", (s, server, name, _, ct) => s.StartAsync(server, name, ct)));
        container.Add(Action(global, settings, "stop", "Stop a container", (s, server, name, _, ct) => s.StopAsync(server, name, ct)));
        container.Add(Action(global, settings, "restart", "Restart a container", (s, server, name, _, ct) => s.RestartAsync(server, name, ct)));
        container.Add(Action(global, settings, "remove", "Remove a container (--force: even when running)", (s, server, name, force, ct) => s.RemoveAsync(server, name, force, ct), withForce: true));
        return container;
    }

    private static Option<string> ServerOption() => new("--server", "-s") { Description = "Server name (see `monitor server list`)", Required = true };

    private static Command Action(
        GlobalOptions global, CliSettings settings, string verb, string description,
        Func<IContainerService, string, string, bool, CancellationToken, Task<ContainerActionResult>> act, bool withForce = false)
    {
        var name = new Argument<string>("name") { Description = "Container name or id" };
        var server = ServerOption();
        var command = new Command(verb, description) { name, server };
        var force = new Option<bool>("--force", "-f") { Description = "Kill and remove a running container" };
        if (withForce) command.Add(force);
        command.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            context.RequireWritable($"container {verb}");
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var result = await act(services.Containers, context.Parse.GetValue(server)!, context.Parse.GetValue(name)!, withForce && context.Parse.GetValue(force), ct).ConfigureAwait(false);
            if (context.Json) context.Output.WriteJson(result);
            else context.Output.WriteLine($"{result.Name}: {result.State}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
