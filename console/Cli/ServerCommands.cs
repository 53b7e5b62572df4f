using System.CommandLine;
using System.Globalization;

namespace Monitor.Control.Cli;

/// <summary>`monitor server add|list|status|remove`.</summary>
public static class ServerCommands
{
    public static Command Create(GlobalOptions global, CliSettings settings)
    {
        var server = new Command("server", "Manage the servers this console talks to");

        var addName = new Argument<string>("name") { Description = "Server name: lowercase letters, digits, '_', '.', '-'" };
        var url = new Option<string>("--url") { Description = "The agent's address, ws://HOST:PORT or wss://HOST:PORT", Required = true };
        var description = new Option<string?>("--description") { Description = "Free text shown in lists" };
        var add = new Command("add", "Add a server (or update its url)") { addName, url, description };
        add.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            context.RequireWritable("server add");
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var added = await services.Servers.AddAsync(context.Parse.GetValue(addName)!, context.Parse.GetValue(url)!, context.Parse.GetValue(description), ct).ConfigureAwait(false);
            if (context.Json) context.Output.WriteJson(added);
            else context.Output.WriteLine($"server {added.Name} added: {added.Url}");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List servers");
        list.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var servers = await services.Servers.ListAsync(ct).ConfigureAwait(false);
            if (context.Json) context.Output.WriteJson(servers);
            else context.Output.WriteTable(["NAME", "URL", "TAGS", "DESCRIPTION"],
                servers.Select(s => (IReadOnlyList<string?>)[s.Name, s.Url, string.Join(',', s.Tags), s.Description]));
            return ExitCodes.Ok;
        }));

        var statusName = new Argument<string>("name") { Description = "Server name" };
        var status = new Command("status", "Connect to a server's agent and show its state and host metrics") { statusName };
        status.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var result = await services.Servers.StatusAsync(context.Parse.GetValue(statusName)!, ct).ConfigureAwait(false);
            if (context.Json)
            {
                context.Output.WriteJson(new
                {
                    name = result.Server.Name,
                    url = result.Server.Url,
                    state = result.State.ToString().ToLowerInvariant(),
                    error = result.Error,
                    agent = result.Agent,
                    metrics = result.Metrics,
                });
            }
            else
            {
                context.Output.WriteLine($"server:  {result.Server.Name} ({result.Server.Url})");
                context.Output.WriteLine($"state:   {result.State.ToString().ToLowerInvariant()}");
                if (result.Error is not null) context.Output.WriteLine($"error:   {result.Error}");
                if (result.Agent is { } a)
                    context.Output.WriteLine($"agent:   {a.AgentVersion} on {a.Hostname} ({a.Os}, {a.CpuCount} cpus), docker {a.DockerVersion ?? "unreachable"}");
                if (result.Metrics is { } m)
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"host:    cpu {m.CpuPercent:0.0}%  load {m.Load1:0.00}  memory {m.MemoryUsedBytes / 1048576} / {m.MemoryTotalBytes / 1048576} MiB  up {TimeSpan.FromSeconds(m.UptimeSeconds):d\\.hh\\:mm}"));
            }
            return result.State == Agents.AgentConnectionState.Online ? ExitCodes.Ok : ExitCodes.Failed;
        }));

        var removeName = new Argument<string>("name") { Description = "Server name" };
        var remove = new Command("remove", "Forget a server") { removeName };
        remove.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            context.RequireWritable("server remove");
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var name = context.Parse.GetValue(removeName)!;
            await services.Servers.RemoveAsync(name, ct).ConfigureAwait(false);
            if (context.Json) context.Output.WriteJson(new { name, removed = true });
            else context.Output.WriteLine($"server {name} removed");
            return ExitCodes.Ok;
        }));

        server.Add(add);
        server.Add(list);
        server.Add(status);
        server.Add(remove);
        return server;
    }
}
