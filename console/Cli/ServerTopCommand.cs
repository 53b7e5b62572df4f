using System.CommandLine;
using System.Globalization;
using Monitor.Control.Watch;

namespace Monitor.Control.Cli;

/// <summary>`monitor server top SERVER [--limit N] [--sort cpu|memory] [--json]`: the busiest processes of a host.</summary>
public static class ServerTopCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "Server name" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many processes", DefaultValueFactory = _ => 20 };
        var sort = new Option<string>("--sort") { Description = "cpu or memory", DefaultValueFactory = _ => "cpu" };
        var top = new Command("top", "The busiest processes of a server (CPU over one second, resident memory)") { name, limit, sort };
        CliAction.Set(top, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var directory = services.Directory ?? throw new Services.OperationFailedException("this console was composed without a server directory", "config");
            var result = await new HostTopService(directory).TopAsync(ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(limit), ctx.Parse.GetValue(sort)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return 0; }
            ctx.Out.WriteLine($"{result.ProcessCount} processes at {Output.Time(result.Time)}");
            Output.Table(ctx.Out, ["PID", "CPU%", "MEMORY", "UPTIME", "NAME", "COMMAND"], result.Processes.Select(p => new[]
            {
                p.Pid.ToString(CultureInfo.InvariantCulture), p.CpuPercent.ToString("0.0", CultureInfo.InvariantCulture), Units.Bytes(p.MemoryBytes),
                Units.Duration(p.UptimeSeconds), p.Name, p.CommandLine.Length > 80 ? p.CommandLine[..77] + "..." : p.CommandLine,
            }));
            return 0;
        });
        return top;
    }
}
