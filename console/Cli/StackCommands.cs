using System.CommandLine;
using System.Globalization;
using Monitor.Control.Stacks;

namespace Monitor.Control.Cli;

/// <summary>`monitor stack list|show|pull|build|deploy|start|stop|restart|remove|logs NAME`. With --json, stdout holds
/// one JSON document (logs: one object per line) and live step output goes to stderr.</summary>
public static class StackCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var stack = new Command("stack", "Stacks: repo → build → registry → deploy, and their containers");

        var list = new Command("list", "List stacks");
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var stacks = await (await ctx.StacksAsync(ct)).ListAsync(ct);
            if (ctx.Json) Output.Json(ctx.Out, stacks.Select(s => new StackJson(s.Name, Kind(s), s.Deploy?.Targets ?? [], s.Description)).ToList());
            else Output.Table(ctx.Out, ["NAME", "KIND", "TARGETS", "DESCRIPTION"],
                stacks.Select(s => new[] { s.Name, Kind(s), string.Join(',', s.Deploy?.Targets ?? []), s.Description }));
            return ExitCodes.Ok;
        });
        stack.Add(list);

        var showName = NameArgument();
        var show = new Command("show", "Show a stack's definition, latest build and containers") { showName };
        CliAction.Set(show, output, error, async (ctx, ct) =>
        {
            var details = await (await ctx.StacksAsync(ct)).ShowAsync(ctx.Parse.GetValue(showName)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, details); return ExitCodes.Ok; }
            var s = details.Stack;
            ctx.Out.WriteLine($"stack:    {s.Name} ({Kind(s)})");
            if (s.Repo is { } repo) ctx.Out.WriteLine($"repo:     {repo.Url} @ {repo.Branch}{(repo.Remote ? " (cloned on each target)" : "")}");
            if (s.Build is { } build) ctx.Out.WriteLine($"build:    on {build.Server}, {build.Path}/{build.Dockerfile}");
            if (s.Image is { } image) ctx.Out.WriteLine($"image:    {image}{(s.UseLatest ? " (latest)" : "")}");
            if (details.LatestBuild is { } b) ctx.Out.WriteLine($"latest:   {b.Version} ({b.Commit[..Math.Min(12, b.Commit.Length)]}) {b.Image} at {b.Time:u}");
            foreach (var c in details.Containers)
                ctx.Out.WriteLine($"  {c.Server,-12} {c.Container,-28} {c.Service ?? "",-12} {c.State,-18} {c.Image} {c.Error}");
            return ExitCodes.Ok;
        });
        stack.Add(show);

        stack.Add(Operation(output, error, "pull", "Clone or fetch the stack's repo and run its repo scripts", async (ctx, stacks, name, _, live, ct) =>
        {
            var result = await stacks.PullAsync(name, live, ct);
            if (ctx.Json) Output.Json(ctx.Out, result);
            else ctx.Out.WriteLine($"{name}: {result.Branch} at {result.ShortCommit} ({result.Message})");
            return true;
        }, withCommit: false));
        stack.Add(Operation(output, error, "build", "Build the next version, tag it (latest, git commit) and push it", async (ctx, stacks, name, revision, live, ct) =>
        {
            var build = await stacks.BuildAsync(name, revision, live, ct);
            if (ctx.Json) Output.Json(ctx.Out, build);
            else ctx.Out.WriteLine($"{name}: built {build.Image} from {build.Commit[..Math.Min(12, build.Commit.Length)]}");
            return true;
        }));
        stack.Add(Operation(output, error, "deploy", "Pull, build, push, and replace the container on every target (rolls back on failure)", async (ctx, stacks, name, revision, live, ct) =>
        {
            var result = await stacks.DeployAsync(name, revision, live, ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return result.Success; }
            PrintTargets(ctx.Out, result.Targets);
            ctx.Out.WriteLine(result.Success
                ? $"{name}: deployed {result.Image}" + (result.Version is null ? "" : $" (version {result.Version})")
                : $"{name}: deploy failed (history #{result.ActionId.ToString(CultureInfo.InvariantCulture)})");
            return result.Success;
        }));
        stack.Add(TargetOperation(output, error, "start", "Start the stack on every target", (s, n, o, ct) => s.StartAsync(n, o, ct)));
        stack.Add(TargetOperation(output, error, "stop", "Stop the stack on every target", (s, n, o, ct) => s.StopAsync(n, o, ct)));
        stack.Add(StackRestartCommand.Build(output, error));
        stack.Add(TargetOperation(output, error, "remove", "Remove the stack's containers on every target", (s, n, o, ct) => s.RemoveAsync(n, o, ct)));

        var logsName = NameArgument();
        var server = new Option<string?>("--server", "-s") { Description = "Target server (default the first target)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep streaming new lines" };
        var logs = new Command("logs", "Show the stack container's log (tail per the stack's log_tail)") { logsName, server, follow };
        CliAction.Set(logs, output, error, async (ctx, ct) =>
        {
            var stacks = await ctx.StacksAsync(ct);
            try
            {
                await foreach (var batch in stacks.LogsAsync(ctx.Parse.GetValue(logsName)!, ctx.Parse.GetValue(server), ctx.Parse.GetValue(follow), ct))
                    foreach (var line in batch)
                    {
                        if (ctx.Json) ctx.Out.WriteLine(Output.JsonLine(line));
                        else (line.Stream == "stderr" ? ctx.Err : ctx.Out).WriteLine(line.Text.TrimEnd('\n'));
                    }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return ExitCodes.Ok;
        });
        stack.Add(logs);
        return stack;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "Stack name" };

    /// <summary>A state-changing operation on a stack; <paramref name="withCommit"/> adds `--commit` (else the branch head
    /// is used). The body returns whether it succeeded (exit 0) or not (exit 1).</summary>
    private static Command Operation(TextWriter output, TextWriter error, string verb, string description,
        Func<CliContext, IStackService, string, StackRevision, IProgress<StackOutput>?, CancellationToken, Task<bool>> body, bool withCommit = true)
    {
        var name = NameArgument();
        var wait = new Option<bool>("--wait") { Description = "Stream every step's output while waiting; the exit code tells success" };
        var commit = new Option<string?>("--commit") { Description = "Use this commit (full or abbreviated sha) instead of the branch head" };
        var command = new Command(verb, description) { name, wait };
        if (withCommit) command.Add(commit);
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable($"stack {verb}");
            var stacks = await ctx.StacksAsync(ct);
            var revision = StackRevision.At(withCommit ? ctx.Parse.GetValue(commit) : null);
            var success = await body(ctx, stacks, ctx.Parse.GetValue(name)!, revision, ctx.Parse.GetValue(wait) ? ctx.Live() : null, ct);
            return success ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static Command TargetOperation(TextWriter output, TextWriter error, string verb, string description,
        Func<IStackService, string, IProgress<StackOutput>?, CancellationToken, Task<IReadOnlyList<StackTargetResult>>> body) =>
        Operation(output, error, verb, description, async (ctx, stacks, name, _, live, ct) =>
        {
            var results = await body(stacks, name, live, ct);
            var success = results.All(r => r.Success);
            if (ctx.Json) Output.Json(ctx.Out, new TargetsJson(name, success, results));
            else PrintTargets(ctx.Out, results);
            return success;
        }, withCommit: false);

    private static void PrintTargets(TextWriter output, IReadOnlyList<StackTargetResult> targets)
    {
        foreach (var t in targets)
            output.WriteLine($"  {t.Server,-12} {(t.Success ? "ok" : t.RolledBack ? "rolled back" : "FAILED"),-12} {t.Container,-24} {t.Message}");
    }

    private static string Kind(Monitor.Shared.Config.StackConfig s) =>
        s.Compose is not null ? "compose" : s.Build is not null ? "build" : s.Image is not null ? "image" : "undeployable";

    /// <summary>A stack operation's --json result: {"stack","success","targets":[...]}.</summary>
    internal sealed record TargetsJson(string Stack, bool Success, IReadOnlyList<StackTargetResult> Targets);

    /// <summary>One row of `stack list --json`.</summary>
    internal sealed record StackJson(string Name, string Kind, List<string> Targets, string? Description);
}
