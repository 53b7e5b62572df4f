using System.CommandLine;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor image|volume prune --server S [--all] [--filter label=...] --yes`: asks for --yes, as pruning
/// cannot be undone.</summary>
public static class PruneCommand
{
    public static Command Build(TextWriter output, TextWriter error, string what, string description, string allDescription,
        Func<IDockerService, string, PruneRequest, CancellationToken, Task<PruneResult>> prune)
    {
        var all = new Option<bool>("--all", "-a") { Description = allDescription };
        var label = new Option<string[]>("--filter") { Description = "Only objects with this label: label=key or label=key=value (repeatable)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do it (pruning cannot be undone)" };
        var command = new Command("prune", description) { GlobalOptions.Server, all, label, yes };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable($"{what} prune");
            var labels = (ctx.Parse.GetValue(label) ?? []).Select(f => f.StartsWith("label=", StringComparison.Ordinal) && f.Length > 6 ? f[6..]
                : throw new OperationFailedException($"--filter '{f}' must be label=key or label=key=value", "usage")).ToList();
            if (!ctx.Parse.GetValue(yes))
                throw new OperationFailedException($"pruning {what} cannot be undone; add --yes to do it", "usage");
            var result = await prune(await DockerViewCommands.DockerAsync(ctx, ct), DockerViewCommands.Server(ctx), new PruneRequest(ctx.Parse.GetValue(all), labels.Count > 0 ? labels : null), ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return 0; }
            foreach (var r in result.Removed) ctx.Out.WriteLine($"removed: {r}");
            ctx.Out.WriteLine($"reclaimed {Sizes.Bytes(result.ReclaimedBytes)}");
            return 0;
        });
        return command;
    }
}
