using System.CommandLine;
using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor events --server S [--since T] [--until T] [--filter key=value]...`: live engine events, one per
/// line (with --json one object per line), until --until or Ctrl-C.</summary>
public static class EventsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var since = new Option<string?>("--since") { Description = "Also show past events from this time (RFC 3339, unix seconds or a duration like 10m)" };
        var until = new Option<string?>("--until") { Description = "Stop at this time (same forms as --since)" };
        var filter = new Option<string[]>("--filter") { Description = "key=value, e.g. type=container, event=start, container=web, label=app=x (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("events", "Live events of a server's Docker engine") { GlobalOptions.Server, since, until, filter };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var request = new DockerEventsRequest(ctx.Parse.GetValue(since), ctx.Parse.GetValue(until), ParseFilters(ctx.Parse.GetValue(filter) ?? []));
            var docker = await DockerViewCommands.DockerAsync(ctx, ct);
            try
            {
                await foreach (var batch in docker.EventsAsync(DockerViewCommands.Server(ctx), request, ct))
                {
                    foreach (var e in batch)
                        ctx.Out.WriteLine(ctx.Json ? Output.Serialize(e, Output.JsonOptions).ReplaceLineEndings(" ") : Line(e));
                    await ctx.Out.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return 0;
        });
        return command;
    }

    /// <summary>"type=container", "label=a=b" → {type: [container], label: [a=b]}; a bad form is a usage error.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? ParseFilters(IReadOnlyList<string> filters)
    {
        if (filters.Count == 0) return null;
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in filters)
        {
            var eq = f.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == f.Length - 1)
                throw new Services.OperationFailedException($"--filter '{f}' must be key=value, e.g. --filter type=container or --filter container=web", "usage");
            (result.TryGetValue(f[..eq], out var list) ? list : result[f[..eq]] = []).Add(f[(eq + 1)..]);
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }

    public static string Line(DockerEvent e) => Services.DockerEventText.Line(e);
}
