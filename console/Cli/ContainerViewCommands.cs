using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor container inspect C`, `container stats [C...] [--follow]`, `container top C`.</summary>
public static class ContainerViewCommands
{
    public static Command Inspect(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("container") { Description = "Container name or id" };
        var command = new Command("inspect", "Show a container's configuration and state") { name, GlobalOptions.Server };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var details = await (await ctx.ServicesAsync(ct)).Containers.InspectAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) Output.Json(ctx.Out, details);
            else foreach (var line in ContainerDocument.Lines(details)) ctx.Out.WriteLine(line);
            return 0;
        });
        return command;
    }

    public static Command Stats(TextWriter output, TextWriter error)
    {
        var names = new Argument<string[]>("containers") { Description = "Container names or ids (default: every running container)", Arity = ArgumentArity.ZeroOrMore };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep sampling until Ctrl-C (a table per round; with --json one object per line)" };
        var command = new Command("stats", "CPU, memory, network and disk I/O of containers") { names, GlobalOptions.Server, follow };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var server = DockerViewCommands.Server(ctx);
            var wanted = ctx.Parse.GetValue(names) ?? [];
            IReadOnlyList<string> targets = wanted.Length > 0 ? wanted
                : (await services.Containers.ListAsync(server, false, ct)).Where(c => c.State == "running").Select(c => c.Name).ToList();
            var following = ctx.Parse.GetValue(follow);
            try
            {
                do
                {
                    var samples = await Task.WhenAll(targets.Select(t => services.Containers.StatsAsync(server, t, ct)));
                    Print(ctx, samples, following);
                    await ctx.Out.FlushAsync(ct);
                    if (targets.Count == 0 && following) await Task.Delay(TimeSpan.FromSeconds(2), ct); // nothing to sample: do not spin
                } while (following && !ct.IsCancellationRequested);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return 0;
        });
        return command;
    }

    public static Command Top(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("container") { Description = "Container name or id" };
        var psArgs = new Option<string?>("--ps-args") { Description = "ps options, e.g. \"aux\" (default -ef)" };
        var command = new Command("top", "Processes running in a container") { name, GlobalOptions.Server, psArgs };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var top = await (await DockerViewCommands.DockerAsync(ctx, ct)).TopAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(psArgs), ct);
            if (ctx.Json) Output.Json(ctx.Out, top);
            else Output.Table(ctx.Out, top.Titles, top.Processes);
            return 0;
        });
        return command;
    }

    private static void Print(CliContext ctx, IReadOnlyList<ContainerStats> samples, bool following)
    {
        if (ctx.Json)
        {
            if (!following) { Output.Json(ctx.Out, samples); return; }
            foreach (var s in samples) ctx.Out.WriteLine(Output.Serialize(s, Output.JsonOptions).ReplaceLineEndings(" "));
            return;
        }
        Output.Table(ctx.Out, ["NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"],
            samples.Select(s => new[]
            {
                s.Name,
                s.CpuPercent.ToString("0.00", CultureInfo.InvariantCulture) + "%",
                $"{Sizes.Bytes(s.MemoryUsageBytes)} / {Sizes.Bytes(s.MemoryLimitBytes)}",
                (s.MemoryLimitBytes > 0 ? 100.0 * s.MemoryUsageBytes / s.MemoryLimitBytes : 0).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                $"{Sizes.Bytes(s.NetworkRxBytes)} / {Sizes.Bytes(s.NetworkTxBytes)}",
                $"{Sizes.Bytes(s.BlockReadBytes)} / {Sizes.Bytes(s.BlockWriteBytes)}",
                s.Pids.ToString(CultureInfo.InvariantCulture),
            }));
        if (following) ctx.Out.WriteLine();
    }
}
