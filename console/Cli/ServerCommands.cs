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
        var url = new Option<string>("--url") { Description = "Agent URL, ws://HOST:PORT", Required = true };
        var description = new Option<string?>("--description") { Description = "Free text" };
        add.Add(url); add.Add(description);
        CliAction.Set(add, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("server add");
            var s = await (await ctx.ServicesAsync(ct)).Servers.AddAsync(ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(url)!, ctx.Parse.GetValue(description), ct);
            if (ctx.Json) Output.Json(ctx.Out, s); else ctx.Out.WriteLine($"added {s.Name} ({s.Url})");
            return 0;
        });

        var list = new Command("list", "List servers");
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var servers = await (await ctx.ServicesAsync(ct)).Servers.ListAsync(ct);
            if (ctx.Json) Output.Json(ctx.Out, servers);
            else Output.Table(ctx.Out, ["NAME", "URL", "DESCRIPTION"], servers.Select(s => new[] { s.Name, s.Url, s.Description }));
            return 0;
        });

        var status = new Command("status", "Connect to a server's agent and show its state and host metrics") { name };
        CliAction.Set(status, output, error, async (ctx, ct) =>
        {
            var st = await (await ctx.ServicesAsync(ct)).Servers.StatusAsync(ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, st); return st.Error is null ? 0 : 1; }
            ctx.Out.WriteLine($"{st.Server.Name}  {st.Server.Url}  {st.State}");
            if (st.Error is not null) { ctx.Err.WriteLine($"error: {st.Error}"); return 1; }
            var m = st.Metrics!;
            ctx.Out.WriteLine($"agent {st.Agent!.AgentVersion} on {st.Agent.Hostname} ({st.Agent.Os}), {st.Agent.CpuCount} CPUs, docker {st.Agent.DockerVersion ?? "unreachable"}");
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
            if (ctx.Json) Output.Json(ctx.Out, new { removed = ctx.Parse.GetValue(name) }); else ctx.Out.WriteLine($"removed {ctx.Parse.GetValue(name)}");
            return 0;
        });

        server.Add(add); server.Add(list); server.Add(status); server.Add(remove);
        server.Add(ServerTopCommand.Build(output, error));
        return server;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0}G",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0}M",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0}K",
        _ => $"{bytes}B",
    };
}
