using System.CommandLine;
using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Control.Watch;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>`monitor metrics SERVER [--container C] [--since 6h] [--step 1m] [--json]`: recorded metric history
/// (written by `monitor serve` with a [watch] section).</summary>
public static class MetricsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var server = new Argument<string>("server") { Description = "Server name" };
        var container = new Option<string?>("--container", "-c") { Description = "A container's history instead of the host's" };
        var since = new Option<string>("--since") { Description = "How far back (e.g. 1h, 6h, 7d)", DefaultValueFactory = _ => "6h" };
        var step = new Option<string?>("--step") { Description = "Step between points (e.g. 1m, 10m; default: about 100 points)" };
        var command = new Command("metrics", "Recorded metric history of a server or container: CPU, memory, disk, load, temperature, network")
            { server, container, since, step };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var p = ctx.Parse;
            if (!DurationText.TryParse(p.GetValue(since), out var back))
                throw new OperationFailedException($"--since '{p.GetValue(since)}' is not a duration; write e.g. 30m, 6h or 7d", "invalid_argument");
            TimeSpan? stepValue = null;
            if (p.GetValue(step) is { } s)
            {
                if (!DurationText.TryParse(s, out var parsed))
                    throw new OperationFailedException($"--step '{s}' is not a duration; write e.g. 10s, 1m or 10m", "invalid_argument");
                stepValue = parsed;
            }
            var config = MonitorServicesFactory.LoadConfig(ctx.ConfigPath);
            var services = await ctx.ServicesAsync(ct);
            var name = p.GetValue(server)!;
            if (services.Directory is { } directory) await directory.GetAsync(name, ct); // unknown server: a clear not-found error
            var store = services.Store as IMetricHistoryStore ?? throw new OperationFailedException("this store keeps no metric history", "config");
            var history = new MetricHistoryService(store, HistoryPolicy.From(config.Watch ?? new WatchConfig()), TimeProvider.System);
            var series = await history.QueryAsync(name, p.GetValue(container), back, stepValue, ct);
            if (ctx.Json)
            {
                Output.Json(ctx.Out, new SeriesJson(series.Server, series.Container, series.Tier.Tier, series.Step.TotalSeconds, series.Since, series.Until,
                    series.Points.Select(x => new PointJson(x.At, x.Samples, x.Cpu, x.CpuMax, x.Memory, x.MemoryMax, x.Disk, x.Load1, x.Temperature, x.NetRx, x.NetTx)).ToList()));
                return 0;
            }
            var what = series.Container is null ? $"host {series.Server}" : $"container {series.Container} on {series.Server}";
            ctx.Out.WriteLine($"{what}: {series.Points.Count} points of {DurationText.Format(series.Step)} over the last {DurationText.Format(back)} (tier {series.Tier.Tier})");
            if (series.Points.Count == 0)
            {
                ctx.Out.WriteLine("no history recorded yet; `monitor serve` records it when monitor.toml has a [watch] section");
                return 0;
            }
            var host = series.Container is null;
            Output.Table(ctx.Out,
                host ? ["TIME", "CPU%", "CPU MAX", "MEM%", "MEM MAX", "DISK%", "LOAD", "TEMP", "RX/S", "TX/S"]
                     : ["TIME", "CPU%", "CPU MAX", "MEMORY", "MEM MAX", "RX/S", "TX/S"],
                series.Points.Select(x => host
                    ? new[] { Output.Time(x.At), Units.Percent(x.Cpu), Units.Percent(x.CpuMax), Units.Percent(x.Memory), Units.Percent(x.MemoryMax),
                        Units.Percent(x.Disk), Units.Percent(x.Load1), Units.Percent(x.Temperature), Units.Bytes(x.NetRx), Units.Bytes(x.NetTx) }
                    : new[] { Output.Time(x.At), Units.Percent(x.Cpu), Units.Percent(x.CpuMax), Units.Bytes(x.Memory), Units.Bytes(x.MemoryMax),
                        Units.Bytes(x.NetRx), Units.Bytes(x.NetTx) }));
            return 0;
        });
        return command;
    }

    /// <summary>`metrics --json`: one series of history points.</summary>
    internal sealed record SeriesJson(string Server, string? Container, int Tier, double StepSeconds, DateTimeOffset Since, DateTimeOffset Until, List<PointJson> Points);

    /// <summary>One point of <see cref="SeriesJson"/>.</summary>
    internal sealed record PointJson(DateTimeOffset At, int Samples, double Cpu, double CpuMax, double Memory, double MemoryMax, double? Disk, double? Load1,
        double? Temperature, double NetRx, double NetTx);
}
