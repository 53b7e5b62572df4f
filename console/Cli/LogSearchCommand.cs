using System.CommandLine;
using System.Globalization;
using Monitor.Control.LogSearch;

namespace Monitor.Control.Cli;

/// <summary>`monitor logs search "text" | "/regex/" [--server S] [--stack N] [--level L] [--since 1h] [--limit N]`: searches
/// the logs `monitor serve` keeps ([logs] in monitor.toml) across servers, newest first. A container literally named
/// "search" is shown with `monitor logs --server S -- search`.</summary>
public static class LogSearchCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var pattern = new Argument<string>("pattern") { Description = "Text (case-insensitive substring) or /regex/ (/regex/i ignores case)" };
        var server = new Option<string?>("--server", "-s") { Description = "Only this server's lines" };
        var stack = new Option<string?>("--stack") { Description = "Only lines of this stack's containers" };
        var level = new Option<string?>("--level") { Description = "Least level: debug, info, warn, error" };
        var since = new Option<string?>("--since") { Description = "Only lines newer than this: a duration (30m, 1h, 7d) or an RFC 3339 time" };
        var limit = new Option<int>("--limit", "-n") { Description = "At most N hits (default 100)", DefaultValueFactory = _ => 100 };
        var command = new Command("search", "Search the kept logs of all servers (see [logs] in monitor.toml)") { pattern, server, stack, level, since, limit };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var result = await (services.LogSearch ?? new LogSearchService(services.Store)).SearchAsync(new LogSearchRequest(ctx.Parse.GetValue(pattern)!,
                ctx.Parse.GetValue(server), ctx.Parse.GetValue(stack), ctx.Parse.GetValue(level), ctx.Parse.GetValue(since), ctx.Parse.GetValue(limit)), ct);
            if (ctx.Json)
            {
                Output.Json(ctx.Out, result); // {lines:[{id,server,source,stack,at,level,stream,message}],regex,narrowing,scanned,complete}
                return 0;
            }
            foreach (var l in result.Lines.Reverse())
                ctx.Out.WriteLine($"{l.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {l.Server}/{l.Source} {(l.Level ?? "-"),-5} {Monitor.Shared.Text.TerminalText.Escape(l.Message)}");
            if (result.Lines.Count == 0) ctx.Err.WriteLine("no kept line matches" + (result.Complete ? "" : $" among the newest {result.Scanned} candidates"));
            else if (!result.Complete) ctx.Err.WriteLine($"stopped after {result.Scanned} candidate lines; narrow with --since, --server or a longer literal in the regex");
            return 0;
        });
        return command;
    }
}
