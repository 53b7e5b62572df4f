using System.CommandLine;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor logs CONTAINER --server S [--follow] [--tail N] [--since T] [--timestamps]`; stderr lines go to stderr.
/// With --json, one JSON object per line (timestamp, stream, text).</summary>
public static class LogsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var container = new Argument<string>("container") { Description = "Container name or id" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep streaming new lines (survives agent restarts)" };
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N lines" };
        var since = new Option<string?>("--since") { Description = "Only lines after this time (RFC 3339 or unix seconds)" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Prefix each line with its timestamp" };
        var command = new Command("logs", "Show (and follow) a container's log") { container, GlobalOptions.Server, follow, tail, since, timestamps };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var request = new LogStreamRequest(ctx.Parse.GetValue(container)!, ctx.Parse.GetValue(follow), ctx.Parse.GetValue(tail), ctx.Parse.GetValue(since), true);
            var withTime = ctx.Parse.GetValue(timestamps);
            try
            {
                // The console's writers flush on every call: a batch goes out as one write per run of same-stream lines.
                var text = new System.Text.StringBuilder();
                TextWriter? pending = null;
                await foreach (var batch in services.Logs.StreamAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, request, ct))
                {
                    foreach (var line in batch)
                    {
                        var writer = ctx.Json || line.Stream != "stderr" ? ctx.Out : ctx.Err;
                        if (!ReferenceEquals(writer, pending)) { Emit(); pending = writer; }
                        if (ctx.Json) text.Append(System.Text.Json.JsonSerializer.Serialize(line, Output.JsonOptions).ReplaceLineEndings(" "));
                        else if (withTime) text.Append(line.Timestamp).Append(' ').Append(line.Text);
                        else text.Append(line.Text);
                        text.Append('\n');
                    }
                    Emit();
                    await ctx.Out.FlushAsync(ct);
                }

                void Emit()
                {
                    if (pending is null || text.Length == 0) return;
                    pending.Write(text.ToString());
                    text.Clear();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return 0;
        });
        return command;
    }
}
