using System.CommandLine;
using Monitor.Shared.Models;

namespace Monitor.Control.Cli;

/// <summary>`monitor history [filters] [--sort FIELD] [--desc] [--limit N] [--after ID]` and `monitor history show ID`.</summary>
public static class HistoryCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var server = new Option<string?>("--server", "-s") { Description = "Only this server" };
        var stack = new Option<string?>("--stack") { Description = "Only this stack" };
        var type = new Option<string?>("--type") { Description = "Only this operation type (e.g. container.restart)" };
        var user = new Option<string?>("--user") { Description = "Only this user" };
        var failed = new Option<bool>("--failed") { Description = "Only failed actions" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only actions started at or after this time" };
        var sort = new Option<ActionSortField>("--sort") { Description = "Sort column", DefaultValueFactory = _ => ActionSortField.Start };
        var desc = new Option<bool>("--desc") { Description = "Descending (newest first when sorting by start)" };
        var limit = new Option<int>("--limit", "-n") { Description = "At most N records", DefaultValueFactory = _ => 50 };
        var after = new Option<long?>("--after") { Description = "The next page: records after this ID in the same filter and sort (the last ID of the previous page; keyset paging, fast at any depth)" };
        var history = new Command("history", "The action history: who did what, where, when, and how it went")
            { server, stack, type, user, failed, since, sort, desc, limit, after };
        CliAction.Set(history, output, error, async (ctx, ct) =>
        {
            var p = ctx.Parse;
            var query = new ActionQuery
            {
                Server = p.GetValue(server), Stack = p.GetValue(stack), Type = p.GetValue(type), User = p.GetValue(user),
                Success = p.GetValue(failed) ? false : null, Since = p.GetValue(since),
                Sort = p.GetValue(sort), Descending = p.GetValue(desc) || p.GetResult(sort) is null or { Implicit: true }, Limit = p.GetValue(limit),
                AfterId = p.GetValue(after),
            };
            var records = await (await ctx.ServicesAsync(ct)).History.QueryAsync(query, ct);
            if (ctx.Json) Output.Json(ctx.Out, records.Select(Summary).ToList());
            else Output.Table(ctx.Out, ["ID", "START", "USER", "TYPE", "SERVER", "STACK", "TARGET", "RESULT", "SECONDS"],
                records.Select(r => new[] { r.Id.ToString(), Output.Time(r.Start), r.User, r.Type, r.Server, r.Stack, r.Target, Result(r),
                    r.End is { } e ? (e - r.Start).TotalSeconds.ToString("0.0") : "" }));
            return 0;
        });

        var id = new Argument<long>("id") { Description = "Record id (first column of `monitor history`)" };
        var show = new Command("show", "One record with its whole output") { id };
        CliAction.Set(show, output, error, async (ctx, ct) =>
        {
            var record = await (await ctx.ServicesAsync(ct)).History.GetAsync(ctx.Parse.GetValue(id), ct)
                ?? throw new Services.OperationFailedException($"no history record {ctx.Parse.GetValue(id)}", "not_found");
            if (ctx.Json) { Output.Json(ctx.Out, record); return 0; }
            static string E(string? text) => Monitor.Shared.Text.TerminalText.Escape(text); // values from outside: never raw
            ctx.Out.WriteLine($"#{record.Id} {E(record.Type)} by {E(record.User)} on {E(record.Server ?? "-")} target {E(record.Target ?? "-")}: {E(Result(record))}");
            ctx.Out.WriteLine($"started {Output.Time(record.Start)}, ended {Output.Time(record.End)}");
            foreach (var (k, v) in record.Parameters) ctx.Out.WriteLine($"  {E(k)} = {E(v)}");
            foreach (var (k, v) in record.Result) ctx.Out.WriteLine($"  => {E(k)} = {E(v)}");
            if (record.Error is not null) ctx.Out.WriteLine($"error: {Monitor.Shared.Text.TerminalText.EscapeKeepingLines(record.Error)}");
            ctx.Out.WriteLine(Monitor.Shared.Text.TerminalText.EscapeKeepingLines(record.Output));
            return 0;
        });
        history.Add(show);
        return history;
    }

    private static SummaryJson Summary(ActionRecord r) =>
        new(r.Id, r.Start, r.End, r.User, r.Type, r.Server, r.Stack, r.Target, r.Success, r.Error, r.Parameters, r.Result);

    /// <summary>One row of `history --json` (the record without its output; `history show` has it).</summary>
    internal sealed record SummaryJson(long Id, DateTimeOffset Start, DateTimeOffset? End, string User, string Type, string? Server, string? Stack,
        string? Target, bool? Success, string? Error, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Result);

    private static string Result(ActionRecord r) => r.Success switch { true => "ok", false => "FAILED", null => "running" };
}
