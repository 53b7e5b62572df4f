using System.CommandLine;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor logs CONTAINER... --server S [--stack NAME] [--follow] [--tail N] [--since T] [--timestamps]`;
/// stderr lines go to stderr. Several containers (or a stack's) are merged in time order, each line prefixed by its
/// container. A followed log continues across restarts and replacements of the container, with one marker line.
/// With --json, one JSON object per line (timestamp, stream, text, and source when merged).</summary>
public static class LogsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var containers = new Argument<string[]>("containers") { Description = "Container names or ids", Arity = ArgumentArity.ZeroOrMore };
        var stack = new Option<string?>("--stack") { Description = "Every container of this stack on the server" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep streaming new lines (survives agent restarts and container restarts/replacements)" };
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N lines (per container)" };
        var since = new Option<string?>("--since") { Description = "Only lines after this time (RFC 3339 or unix seconds)" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Prefix each line with its timestamp" };
        var command = new Command("logs", "Show (and follow) the log of one or more containers, or of a stack") { containers, GlobalOptions.Server, stack, follow, tail, since, timestamps };
        command.Add(LogSearchCommand.Build(output, error)); // `logs search`; a container named "search": `monitor logs -s S -- search`
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var server = ctx.Parse.GetValue(GlobalOptions.Server)!;
            var names = (ctx.Parse.GetValue(containers) ?? []).ToList();
            if (ctx.Parse.GetValue(stack) is { } stackName) names.AddRange(await StackContainers.NamesAsync(services.Containers, server, stackName, ct));
            if (names.Count == 0) throw new OperationFailedException("name a container (or several), or pass --stack NAME", "usage");
            var request = new LogStreamRequest(names[0], ctx.Parse.GetValue(follow), ctx.Parse.GetValue(tail), ctx.Parse.GetValue(since), true);
            var withTime = ctx.Parse.GetValue(timestamps);
            try
            {
                // A batch goes out as one write per run of same-stream lines, at once (live lines are never held back).
                var batchWriter = new LogBatchWriter();
                if (names.Distinct(StringComparer.Ordinal).Count() == 1)
                {
                    await foreach (var batch in services.Logs.StreamAsync(server, request, ct))
                    {
                        foreach (var line in batch) Write(ctx, batchWriter, null, 0, line, withTime);
                        batchWriter.Emit();
                    }
                    return 0;
                }
                var width = names.Max(n => n.Length);
                await foreach (var batch in new LogMerger(services.Logs).StreamAsync(server, names, request, ct))
                {
                    foreach (var line in batch) Write(ctx, batchWriter, line.Source, width, line.Line, withTime);
                    batchWriter.Emit();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return 0;
        });
        return command;
    }

    private static void Write(CliContext ctx, LogBatchWriter output, string? source, int width, LogLine line, bool withTime)
    {
        if (ctx.Json)
        {
            output.Append(ctx.Out, source is null ? Output.JsonLine(line) : Output.JsonLine(new SourcedLineJson(source, line.Timestamp, line.Stream, line.Text)));
            return;
        }
        var writer = line.Stream == "stderr" ? ctx.Err : ctx.Out;
        var prefix = source is null ? "" : source.PadRight(width) + " | ";
        output.Append(writer, withTime ? $"{prefix}{line.Timestamp} {line.Text}" : prefix + line.Text);
    }

    /// <summary>Collects a batch's lines and writes each run of lines bound for the same writer in one call. Bound for
    /// the process's own stdout/stderr, the run is encoded to UTF-8 once and goes out in one write on the raw stream
    /// (Console.Out flushes after every call and would also copy it into a string first).</summary>
    private sealed class LogBatchWriter
    {
        private readonly System.Text.StringBuilder _text = new();
        private readonly System.Text.Encoder _utf8 = new System.Text.UTF8Encoding(false).GetEncoder();
        private TextWriter? _pending;
        private Stream? _stdout, _stderr;
        private byte[] _bytes = [];

        public void Append(TextWriter writer, string line)
        {
            if (!ReferenceEquals(writer, _pending)) { Emit(); _pending = writer; }
            _text.Append(line).Append('\n');
        }

        public void Emit()
        {
            if (_pending is null || _text.Length == 0) return;
            var raw = ReferenceEquals(_pending, Console.Out) ? _stdout ??= Console.OpenStandardOutput()
                : ReferenceEquals(_pending, Console.Error) ? _stderr ??= Console.OpenStandardError()
                : null;
            if (raw is null) _pending.Write(_text.ToString());
            else
            {
                var max = System.Text.Encoding.UTF8.GetMaxByteCount(_text.Length);
                if (_bytes.Length < max) _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
                var length = 0;
                foreach (var chunk in _text.GetChunks())
                    length += _utf8.GetBytes(chunk.Span, _bytes.AsSpan(length), flush: false);
                length += _utf8.GetBytes([], _bytes.AsSpan(length), flush: true);
                raw.Write(_bytes, 0, length);
                raw.Flush();
            }
            _text.Clear();
        }
    }

    /// <summary>A --json log line of a stack or several containers, with the container it came from.</summary>
    internal sealed record SourcedLineJson(string Source, string Timestamp, string Stream, string Text);
}
