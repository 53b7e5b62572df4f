using System.CommandLine;
using System.Globalization;
using Monitor.Control.Apps;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor logfile list|read`: app log files (the writer library's format) on a server or in its containers.</summary>
public static class LogFileCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var logfile = new Command("logfile", "App log files (/tmp/<app>_log_<token> and the agent's log_file_dirs)");
        var container = new Option<string?>("--container", "-c") { Description = "Look inside this running container instead of the host" };

        var list = new Command("list", "List the log files the agent finds") { GlobalOptions.Server, container };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var files = await (await Service(ctx, ct)).ListAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, ctx.Parse.GetValue(container), ct);
            if (ctx.Json) Output.Json(ctx.Out, files);
            else Output.Table(ctx.Out, ["PATH", "PROGRAM", "PID", "WRITER", "USER", "STARTED", "SIZE"], files.Select(f => new[]
            {
                f.Path, f.Program ?? "-", f.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", f.Program is null ? "-" : f.WriterAlive ? "running" : "gone",
                f.User ?? "-", f.Start ?? "-", f.Size.ToString(CultureInfo.InvariantCulture),
            }));
            return 0;
        });
        logfile.Add(list);

        var path = new Argument<string>("path") { Description = "The file (see `monitor logfile list`)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries (across rotation and agent restarts) until Ctrl-C" };
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N entries" };
        var since = new Option<string?>("--since") { Description = "Only entries after this RFC 3339 timestamp" };
        var level = new Option<string?>("--level") { Description = "Least level shown: trace, debug, info, warn, error, fatal" };
        var read = new Command("read", "Print a log file's entries") { path, GlobalOptions.Server, container, follow, tail, since, level };
        CliAction.Set(read, output, error, async (ctx, ct) =>
        {
            var service = await Service(ctx, ct);
            var request = new LogFileReadRequest(ctx.Parse.GetValue(path)!, ctx.Parse.GetValue(container), ctx.Parse.GetValue(follow),
                ctx.Parse.GetValue(tail), ctx.Parse.GetValue(since), ctx.Parse.GetValue(level));
            await foreach (var batch in service.ReadAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, request, ct))
                foreach (var e in batch)
                    if (ctx.Json) ctx.Out.WriteLine(Output.Serialize(new EntryJson(e.Timestamp, e.Level, e.Message, e.Cursor), Output.CompactOptions));
                    else ctx.Out.WriteLine($"{e.Timestamp} {e.Level,-5} {e.Message}");
            return 0;
        });
        logfile.Add(read);
        return logfile;
    }

    private static async Task<LogFileService> Service(CliContext ctx, CancellationToken ct) =>
        new((await ctx.ServicesAsync(ct).ConfigureAwait(false)).Directory!);

    /// <summary>One entry of `logfile read --json` (one line each).</summary>
    internal sealed record EntryJson(string Timestamp, string Level, string Message, string Cursor);
}
