using System.CommandLine;
using System.Globalization;
using Monitor.Control.Stacks;

namespace Monitor.Control.Cli;

/// <summary>`monitor stack list|show|pull|build|deploy|start|stop|restart|remove|logs NAME`.</summary>
public static class StackCommands
{
    public static Command Build(StackCliHost host)
    {
        var stack = new Command("stack", "Stacks: repo → build → registry → deploy, and their containers");

        var list = new Command("list", "List stacks");
        list.SetAction((parse, ct) => host.RunAsync(parse, "stack list", false, async stacks =>
        {
            foreach (var s in await stacks.ListAsync(ct).ConfigureAwait(false))
                host.Out.WriteLine($"{s.Name,-24} {Kind(s),-9} {string.Join(',', s.Deploy?.Targets ?? []),-20} {s.Description}");
            return StackCliHost.Ok;
        }, ct));
        stack.Add(list);

        var showName = NameArgument();
        var show = new Command("show", "Show a stack's definition, latest build and containers") { showName };
        show.SetAction((parse, ct) => host.RunAsync(parse, "stack show", false, async stacks =>
        {
            var details = await stacks.ShowAsync(parse.GetValue(showName)!, ct).ConfigureAwait(false);
            var s = details.Stack;
            host.Out.WriteLine($"stack:    {s.Name} ({Kind(s)})");
            if (s.Repo is { } repo) host.Out.WriteLine($"repo:     {repo.Url} @ {repo.Branch}{(repo.Remote ? " (cloned on each target)" : "")}");
            if (s.Build is { } build) host.Out.WriteLine($"build:    on {build.Server}, {build.Path}/{build.Dockerfile}");
            if (s.Image is { } image) host.Out.WriteLine($"image:    {image}{(s.UseLatest ? " (latest)" : "")}");
            if (details.LatestBuild is { } b) host.Out.WriteLine($"latest:   {b.Version} ({b.Commit[..Math.Min(12, b.Commit.Length)]}) {b.Image} at {b.Time:u}");
            foreach (var c in details.Containers)
                host.Out.WriteLine($"  {c.Server,-12} {c.Container,-28} {c.Service ?? "",-12} {c.State,-18} {c.Image} {c.Error}");
            return StackCliHost.Ok;
        }, ct));
        stack.Add(show);

        stack.Add(Operation(host, "pull", "Clone or fetch the stack's repo and run its repo scripts", async (stacks, name, output, ct) =>
        {
            var result = await stacks.PullAsync(name, output, ct).ConfigureAwait(false);
            host.Out.WriteLine($"{name}: {result.Branch} at {result.ShortCommit} ({result.Message})");
            return true;
        }));
        stack.Add(Operation(host, "build", "Build the next version, tag it (latest, git commit) and push it", async (stacks, name, revision, output, ct) =>
        {
            var build = await stacks.BuildAsync(name, revision, output, ct).ConfigureAwait(false);
            host.Out.WriteLine($"{name}: built {build.Image} from {build.Commit[..Math.Min(12, build.Commit.Length)]}");
            return true;
        }));
        stack.Add(Operation(host, "deploy", "Pull, build, push, and replace the container on every target (rolls back on failure)", async (stacks, name, revision, output, ct) =>
        {
            var result = await stacks.DeployAsync(name, revision, output, ct).ConfigureAwait(false);
            PrintTargets(host, result.Targets);
            host.Out.WriteLine(result.Success
                ? $"{name}: deployed {result.Image}" + (result.Version is null ? "" : $" (version {result.Version})")
                : $"{name}: deploy failed (history #{result.ActionId.ToString(CultureInfo.InvariantCulture)})");
            return result.Success;
        }));
        stack.Add(TargetOperation(host, "start", "Start the stack on every target", (s, n, o, ct) => s.StartAsync(n, o, ct)));
        stack.Add(TargetOperation(host, "stop", "Stop the stack on every target", (s, n, o, ct) => s.StopAsync(n, o, ct)));
        stack.Add(StackRestartCommand.Build(host));
        stack.Add(TargetOperation(host, "remove", "Remove the stack's containers on every target", (s, n, o, ct) => s.RemoveAsync(n, o, ct)));

        var logsName = NameArgument();
        var server = new Option<string?>("--server") { Description = "Target server (default the first target)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep streaming new lines" };
        var logs = new Command("logs", "Show the stack container's log (tail per the stack's log_tail)") { logsName, server, follow };
        logs.SetAction((parse, ct) => host.RunAsync(parse, "stack logs", false, async stacks =>
        {
            await foreach (var batch in stacks.LogsAsync(parse.GetValue(logsName)!, parse.GetValue(server), parse.GetValue(follow), ct).ConfigureAwait(false))
                foreach (var line in batch) (line.Stream == "stderr" ? host.Error : host.Out).WriteLine(line.Text.TrimEnd('\n'));
            return StackCliHost.Ok;
        }, ct));
        stack.Add(logs);
        return stack;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "Stack name" };

    private static Command Operation(StackCliHost host, string verb, string description, Func<IStackService, string, IProgress<StackOutput>?, CancellationToken, Task<bool>> body) =>
        Operation(host, verb, description, (stacks, name, _, output, ct) => body(stacks, name, output, ct), withCommit: false);

    /// <summary>An operation on a stack; <paramref name="withCommit"/> adds `--commit` (else the branch head is used).</summary>
    private static Command Operation(StackCliHost host, string verb, string description,
        Func<IStackService, string, StackRevision, IProgress<StackOutput>?, CancellationToken, Task<bool>> body, bool withCommit = true)
    {
        var name = NameArgument();
        var wait = new Option<bool>("--wait") { Description = "Stream every step's output while waiting; the exit code tells success" };
        var commit = new Option<string?>("--commit") { Description = "Use this commit (full or abbreviated sha) instead of the branch head" };
        var command = new Command(verb, description) { name, wait };
        if (withCommit) command.Add(commit);
        command.SetAction((parse, ct) => host.RunAsync(parse, $"stack {verb}", true, async stacks =>
        {
            var revision = StackRevision.At(withCommit ? parse.GetValue(commit) : null);
            var success = await body(stacks, parse.GetValue(name)!, revision, parse.GetValue(wait) ? host.Live() : null, ct).ConfigureAwait(false);
            return success ? StackCliHost.Ok : StackCliHost.Failed;
        }, ct));
        return command;
    }

    private static Command TargetOperation(StackCliHost host, string verb, string description,
        Func<IStackService, string, IProgress<StackOutput>?, CancellationToken, Task<IReadOnlyList<StackTargetResult>>> body) =>
        Operation(host, verb, description, async (stacks, name, output, ct) =>
        {
            var results = await body(stacks, name, output, ct).ConfigureAwait(false);
            PrintTargets(host, results);
            return results.All(r => r.Success);
        });

    private static void PrintTargets(StackCliHost host, IReadOnlyList<StackTargetResult> targets)
    {
        foreach (var t in targets)
            host.Out.WriteLine($"  {t.Server,-12} {(t.Success ? "ok" : t.RolledBack ? "rolled back" : "FAILED"),-12} {t.Container,-24} {t.Message}");
    }

    private static string Kind(Monitor.Shared.Config.StackConfig s) =>
        s.Compose is not null ? "compose" : s.Build is not null ? "build" : s.Image is not null ? "image" : "undeployable";
}
