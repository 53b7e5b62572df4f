using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor sync [FILE] [--dry-run] [--prune]`: prints the plan (added, changed, removed or kept), then applies it.</summary>
public static class SyncCommand
{
    public static Command Build(StackCliHost host, TextWriter? output = null, TextWriter? error = null)
    {
        var file = new Argument<string?>("file") { Description = "monitor.toml to apply (default the console's config)", Arity = ArgumentArity.ZeroOrOne };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing" };
        var prune = new Option<bool>("--prune") { Description = "Also remove servers and stacks that monitor.toml does not declare (kept otherwise)" };
        var command = new Command("sync", "Apply the servers and stacks declared in monitor.toml to the store") { file, dryRun, prune };
        command.SetAction(async (parse, ct) => await host.RunAsync(parse, "sync", !parse.GetValue(dryRun), async stacks =>
        {
            var config = host.LoadConfig(parse, parse.GetValue(file));
            var (dry, pruning) = (parse.GetValue(dryRun), parse.GetValue(prune));
            var plan = await stacks.SyncAsync(config, dryRun: true, pruning, ct).ConfigureAwait(false);
            foreach (var change in plan.Changes) host.Out.WriteLine(change.ToString());
            if (plan.IsEmpty) { host.Out.WriteLine("sync: nothing to change"); return StackCliHost.Ok; }
            var kept = plan.Count(Stacks.SyncChangeKind.Kept);
            host.Out.WriteLine($"plan: {plan.Count(Stacks.SyncChangeKind.Added)} to add, {plan.Count(Stacks.SyncChangeKind.Changed)} to change, {plan.Count(Stacks.SyncChangeKind.Removed)} to remove" +
                (kept > 0 ? $", {kept} kept (not in monitor.toml; --prune removes them)" : ""));
            if (dry) { host.Out.WriteLine("dry run: nothing changed"); return StackCliHost.Ok; }
            var applied = await stacks.SyncAsync(config, dryRun: false, pruning, ct).ConfigureAwait(false);
            host.Out.WriteLine($"applied {applied.Changes.Count(c => c.ChangesStore)} changes");
            return StackCliHost.Ok;
        }, ct) is var code && code != StackCliHost.Ok ? code // then [[apps]] (console/Cli/AppCommands.cs), once servers are in the store
            : await AppCommands.SyncAfterStacksAsync(parse, host.LoadConfig(parse, parse.GetValue(file)), parse.GetValue(dryRun), parse.GetValue(prune), output ?? host.Out, error ?? host.Error, ct));
        return command;
    }
}
