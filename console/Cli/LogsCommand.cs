using System.CommandLine;
using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor logs CONTAINER --server S [--follow] [--tail N] [--since T] [--timestamps]`.</summary>
public static class LogsCommand
{
    public static Command Create(GlobalOptions global, CliSettings settings)
    {
        var container = new Argument<string>("container") { Description = "Container name or id" };
        var server = new Option<string>("--server", "-s") { Description = "Server name", Required = true };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep streaming new lines (survives agent reconnects); Ctrl+C stops" };
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N lines" };
        var since = new Option<string?>("--since") { Description = "Lines after this time: ISO time or a duration ago (10m, 2h)" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Prefix each line with its timestamp" };
        var command = new Command("logs", "Show a container's log") { container, server, follow, tail, since, timestamps };
        command.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            var sinceText = context.Parse.GetValue(since);
            string? sinceArg = null;
            if (sinceText is not null)
                sinceArg = TimeArgument.Parse(sinceText, DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() is var ms
                    ? (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) : null;
            var request = new LogStreamRequest(context.Parse.GetValue(container)!, context.Parse.GetValue(follow), context.Parse.GetValue(tail), sinceArg);
            var showTimestamps = context.Parse.GetValue(timestamps);
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            try
            {
                await foreach (var batch in services.Logs.StreamAsync(context.Parse.GetValue(server)!, request, ct).ConfigureAwait(false))
                {
                    foreach (var line in batch)
                    {
                        if (context.Json)
                        {
                            context.Output.WriteJson(line);
                            continue;
                        }
                        var text = showTimestamps ? $"{line.Timestamp} {line.Text}" : line.Text;
                        (line.Stream == "stderr" ? context.Error : context.Output.Writer).WriteLine(text);
                    }
                    await context.Output.Writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C ends a followed log cleanly.
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
