using System.CommandLine;
using Monitor.Control.Fleet;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor server upgrade NAME|--all [--to FILE] [--wave N] [--timeout 60s]`: sends a new agent build,
/// waits for each agent to come back with it; waves stop at the first failure. Exit 1 when any server failed.</summary>
public static class ServerUpgradeCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Argument<string?>("name") { Description = "Server name (or --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every server, in waves" };
        var to = new Option<string?>("--to") { Description = "The new monitor-agent executable (default: the newest scripts/package.sh build in dist/)" };
        var wave = new Option<int>("--wave") { Description = "Servers upgraded at a time with --all", DefaultValueFactory = _ => UpgradeService.DefaultWave };
        var timeout = new Option<string>("--timeout") { Description = "How long each agent has to come back with the new version", DefaultValueFactory = _ => "60s" };
        var command = new Command("upgrade", "Send a new agent build to servers; each restarts into it or, if it does not come up, keeps the old one")
            { name, all, to, wave, timeout };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("server upgrade");
            var server = ctx.Parse.GetValue(name);
            var every = ctx.Parse.GetValue(all);
            if (every == (server is not null))
                throw new OperationFailedException("give one server NAME or --all (not both)", ErrorCodes.InvalidArgument);
            if (!DurationText.TryParse(ctx.Parse.GetValue(timeout), out var limit))
                throw new OperationFailedException($"--timeout '{ctx.Parse.GetValue(timeout)}' is not a duration; write e.g. 60s or 2m", ErrorCodes.InvalidArgument);
            var file = UpgradeFile.Load(ctx.Parse.GetValue(to));
            var services = await ctx.ServicesAsync(ct);
            var service = new UpgradeService(services.Directory!, services.Recorder!);
            if (!ctx.Json) ctx.Out.WriteLine($"upgrading to {file.Path} ({file.Bytes.Length} bytes, sha256 {file.Sha256})");
            var report = await service.UpgradeAsync(every ? null : [server!], file, ctx.Parse.GetValue(wave), limit,
                ctx.Json ? null : o => Print(ctx.Out, o), ct);
            if (ctx.Json) Output.Json(ctx.Out, report);
            else
            {
                foreach (var skipped in report.Servers.Where(o => o.Result == UpgradeOutcome.Skipped)) Print(ctx.Out, skipped);
                if (report.StoppedAt is { } failed) ctx.Err.WriteLine($"monitor: upgrade stopped: {failed} failed; servers after it were not touched");
            }
            return report.Ok ? 0 : ExitCodes.Failed;
        });
        return command;
    }

    private static void Print(TextWriter output, UpgradeOutcome o)
    {
        lock (output)
            output.WriteLine(o.Result switch
            {
                UpgradeOutcome.Ok => $"{o.Server}: {o.PreviousVersion} -> {o.NewVersion} in {o.Seconds:0.0} s",
                UpgradeOutcome.Skipped => $"{o.Server}: skipped ({o.Error})",
                _ => $"{o.Server}: FAILED after {o.Seconds:0.0} s: {o.Error}",
            });
    }
}
