using System.CommandLine;
using System.Globalization;
using Monitor.Shared.Models;

namespace Monitor.Control.Cli;

/// <summary>`monitor history [filters]` and `monitor history show ID`.</summary>
public static class HistoryCommands
{
    public static Command Create(GlobalOptions global, CliSettings settings)
    {
        var server = new Option<string?>("--server", "-s") { Description = "Only actions on this server" };
        var stack = new Option<string?>("--stack") { Description = "Only actions on this stack" };
        var type = new Option<string?>("--type") { Description = "Only this action type, e.g. container.restart" };
        var user = new Option<string?>("--user") { Description = "Only actions by this user" };
        var since = new Option<string?>("--since") { Description = "Only actions started after: ISO time or a duration ago (10m, 2h, 7d)" };
        var failed = new Option<bool>("--failed") { Description = "Only failed actions" };
        var sort = new Option<string?>("--sort") { Description = $"Sort by: {string.Join(", ", Enum.GetNames<ActionSortField>().Select(n => n.ToLowerInvariant()))} (default start, newest first)" };
        var desc = new Option<bool>("--desc") { Description = "Sort descending" };
        var limit = new Option<int>("--limit") { Description = "At most this many actions", DefaultValueFactory = _ => 50 };
        var history = new Command("history", "Show the action history") { server, stack, type, user, since, failed, sort, desc, limit };
        history.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            var p = context.Parse;
            var sortText = p.GetValue(sort);
            var sortField = ActionSortField.Start;
            if (sortText is not null && !Enum.TryParse(sortText, ignoreCase: true, out sortField))
                throw new UsageException($"cannot sort by '{sortText}': use one of {string.Join(", ", Enum.GetNames<ActionSortField>().Select(n => n.ToLowerInvariant()))}");
            if (p.GetValue(limit) is < 1 or > 10000) throw new UsageException("--limit must be between 1 and 10000");
            var query = new ActionQuery
            {
                Server = p.GetValue(server),
                Stack = p.GetValue(stack),
                Type = p.GetValue(type),
                User = p.GetValue(user),
                Success = p.GetValue(failed) ? false : null,
                Since = p.GetValue(since) is { } s ? TimeArgument.Parse(s, DateTimeOffset.UtcNow) : null,
                Sort = sortField,
                Descending = p.GetValue(desc) || sortText is null,
                Limit = p.GetValue(limit),
            };
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var records = await services.History.QueryAsync(query, ct).ConfigureAwait(false);
            if (context.Json)
            {
                context.Output.WriteJson(records.Select(r => new
                {
                    id = r.Id, start = r.Start, end = r.End, user = r.User, type = r.Type, server = r.Server,
                    stack = r.Stack, target = r.Target, success = r.Success, error = r.Error,
                    parameters = r.Parameters, result = r.Result,
                }));
                return ExitCodes.Ok;
            }
            context.Output.WriteTable(["ID", "START", "DURATION", "USER", "TYPE", "SERVER", "STACK", "TARGET", "RESULT"],
                records.Select(r => (IReadOnlyList<string?>)[
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Start.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Duration(r), r.User, r.Type, r.Server, r.Stack, r.Target, Outcome(r)]));
            return ExitCodes.Ok;
        }));

        var id = new Argument<long>("id") { Description = "Action id (see `monitor history`)" };
        var show = new Command("show", "Show one action with its whole output") { id };
        show.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var actionId = context.Parse.GetValue(id);
            var record = await services.History.GetAsync(actionId, ct).ConfigureAwait(false)
                ?? throw new Services.OperationFailedException($"action {actionId} does not exist; list actions with `monitor history`", "not_found");
            if (context.Json)
            {
                context.Output.WriteJson(record);
                return ExitCodes.Ok;
            }
            var o = context.Output;
            o.WriteLine($"id:         {record.Id}");
            o.WriteLine($"type:       {record.Type}");
            o.WriteLine($"user:       {record.User}");
            o.WriteLine($"server:     {record.Server ?? "-"}");
            if (record.Stack is not null) o.WriteLine($"stack:      {record.Stack}");
            o.WriteLine($"target:     {record.Target ?? "-"}");
            o.WriteLine($"start:      {record.Start.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
            o.WriteLine($"end:        {(record.End is { } end ? end.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "(running)")}");
            o.WriteLine($"result:     {Outcome(record)}");
            if (record.Error is not null) o.WriteLine($"error:      {record.Error}");
            foreach (var (k, v) in record.Parameters) o.WriteLine($"param:      {k} = {v}");
            foreach (var (k, v) in record.Result) o.WriteLine($"fact:       {k} = {v}");
            if (record.Output.Length > 0)
            {
                o.WriteLine("output:");
                o.Writer.Write(record.Output);
                if (!record.Output.EndsWith('\n')) o.WriteLine("");
            }
            return ExitCodes.Ok;
        }));
        history.Add(show);
        return history;
    }

    private static string Outcome(ActionRecord r) => r.Success switch { true => "ok", false => "failed", null => "running" };

    private static string Duration(ActionRecord r) =>
        r.End is { } end ? ((end - r.Start).TotalSeconds).ToString("0.0s", CultureInfo.InvariantCulture) : "-";
}
