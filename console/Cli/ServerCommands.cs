using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor server add|list|status|remove`.</summary>
public static class ServerCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var server = new Command("server", "Managed servers");
        var name = new Argument<string>("name") { Description = "Server name" };

        var add = new Command("add", "Add (or update) a server running monitor-agent") { name };
        var url = new Option<string>("--url") { Description = "Agent URL, wss://HOST:PORT (ws:// only for agents with tls = false)", Required = true };
        var description = new Option<string?>("--description") { Description = "Free text" };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "The agent's TLS certificate fingerprint (`monitor-agent --fingerprint`); else the one it presents now is pinned" };
        add.Add(url); add.Add(description); add.Add(fingerprint);
        CliAction.Set(add, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("server add");
            var services = await ctx.ServicesAsync(ct);
            var added = await services.Trust!.AddAsync(ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(url)!, ctx.Parse.GetValue(description), ctx.Parse.GetValue(fingerprint), ct);
            var s = added.Server;
            if (ctx.Json) Output.Json(ctx.Out, s);
            else { ctx.Out.WriteLine($"added {s.Name} ({s.Url})"); ctx.Out.WriteLine(added.Note); }
            return 0;
        });

        var list = new Command("list", "List servers");
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var servers = await (await ctx.ServicesAsync(ct)).Servers.ListAsync(ct);
            if (ctx.Json) Output.Json(ctx.Out, servers);
            else
            {
                Output.Table(ctx.Out, ["NAME", "URL", "TLS", "DESCRIPTION"], servers.Select(s => new[] { s.Name, s.Url, Fleet.TlsColumn.Of(s), s.Description }));
                foreach (var plain in servers.Where(s => Fleet.ServerTrustService.IsPlain(s.Url)))
                    ctx.Err.WriteLine($"warning: {plain.Name}: {Fleet.ServerTrustService.PlainWarning}");
            }
            return 0;
        });

        var status = new Command("status", "Connect to a server's agent and show its state and host metrics") { name };
        CliAction.Set(status, output, error, async (ctx, ct) =>
        {
            var st = await (await ctx.ServicesAsync(ct)).Servers.StatusAsync(ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, st); return st.Error is null ? 0 : 1; }
            ctx.Out.WriteLine($"{st.Server.Name}  {st.Server.Url}  {st.State}");
            if (st.Error is not null) { ctx.Err.WriteLine($"monitor: {st.Error}"); return ExitCodes.Failed; }
            var m = st.Metrics!;
            ctx.Out.WriteLine($"agent {st.Agent!.AgentVersion} on {st.Agent.Hostname} ({st.Agent.Os}), {st.Agent.CpuCount} CPUs, docker {st.Agent.DockerVersion ?? "unreachable"}");
            if ((await ctx.ServicesAsync(ct)).Agents.Get(st.Server) is Fleet.IAgentIdentity { Role: { } role } identity)
                ctx.Out.WriteLine($"this console's key: {identity.KeyName} with role {role}" + (role == "admin" ? "" : $" ({Fleet.RoleHint.For(role)})"));
            ctx.Out.WriteLine($"cpu {m.CpuPercent:0.0}%  load {m.Load1:0.00} {m.Load5:0.00} {m.Load15:0.00}  mem {Bytes(m.MemoryUsedBytes)}/{Bytes(m.MemoryTotalBytes)}  procs {m.ProcessCount}");
            foreach (var d in m.Disks) ctx.Out.WriteLine($"disk {d.Mount}: {Bytes(d.UsedBytes)}/{Bytes(d.TotalBytes)}");
            foreach (var t in m.Temperatures) ctx.Out.WriteLine($"temp {t.Sensor}: {t.Celsius:0.0} °C");
            return 0;
        });

        var remove = new Command("remove", "Forget a server (its agent keeps running)") { name };
        CliAction.Set(remove, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("server remove");
            await (await ctx.ServicesAsync(ct)).Servers.RemoveAsync(ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) Output.Json(ctx.Out, new ServerRemovedJson(ctx.Parse.GetValue(name)!)); else ctx.Out.WriteLine($"removed {ctx.Parse.GetValue(name)}");
            return 0;
        });

        server.Add(add); server.Add(list); server.Add(status); server.Add(remove);
        server.Add(ServerTrustCommand.Build(output, error));
        server.Add(ServerTopCommand.Build(output, error));
        server.Add(ServerDisksCommand.Build(output, error));
        server.Add(ServerVolumeCommands.Build(output, error));
        server.Add(ServerUpgradeCommand.Build(output, error));
        server.Add(ServerCloneCommand.Build(output, error));
        server.Add(ServerBootstrapCommand.Build(output, error));
        return server;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0}G",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0}M",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0}K",
        _ => $"{bytes}B",
    };

    /// <summary>`server remove --json`.</summary>
    internal sealed record ServerRemovedJson(string Removed);
}
