using System.CommandLine;
using Monitor.Control.Stacks;

namespace Monitor.Control.Cli;

/// <summary>`monitor sync [FILE] [--dry-run] [--prune]`: prints the plan (added, changed, removed or kept), then applies
/// it. Sync is what puts monitor.toml's servers and stacks into the store; --dry-run writes nothing.</summary>
public static class SyncCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<string?>("file") { Description = "monitor.toml to apply (default the console's config)", Arity = ArgumentArity.ZeroOrOne };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing" };
        var prune = new Option<bool>("--prune") { Description = "Also remove servers and stacks that monitor.toml does not declare (kept otherwise)" };
        var command = new Command("sync", "Apply the servers and stacks declared in monitor.toml to the store") { file, dryRun, prune };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var (dry, pruning) = (ctx.Parse.GetValue(dryRun), ctx.Parse.GetValue(prune));
            if (!dry) ctx.RequireWritable("sync");
            var config = ctx.LoadConfig(ctx.Parse.GetValue(file));
            var stacks = await ctx.StacksAsync(ct);
            var plan = await stacks.SyncAsync(config, dryRun: true, pruning, ct);
            var applied = dry || plan.IsEmpty ? null : await stacks.SyncAsync(config, dryRun: false, pruning, ct);
            if (ctx.Json)
            {
                Output.Json(ctx.Out, new PlanJson(dry, applied?.Applied ?? false,
                    plan.Count(SyncChangeKind.Added), plan.Count(SyncChangeKind.Changed), plan.Count(SyncChangeKind.Removed), plan.Count(SyncChangeKind.Kept),
                    plan.Changes.Select(c => new ChangeJson(c.Kind, c.Area, c.Name, c.Fields)).ToList()));
                return await AppsAsync();
            }
            foreach (var change in plan.Changes) ctx.Out.WriteLine(change.ToString());
            if (plan.IsEmpty) { ctx.Out.WriteLine("sync: nothing to change"); return await AppsAsync(); }
            var kept = plan.Count(SyncChangeKind.Kept);
            ctx.Out.WriteLine($"plan: {plan.Count(SyncChangeKind.Added)} to add, {plan.Count(SyncChangeKind.Changed)} to change, {plan.Count(SyncChangeKind.Removed)} to remove" +
                (kept > 0 ? $", {kept} kept (not in monitor.toml; --prune removes them)" : ""));
            if (dry) { ctx.Out.WriteLine("dry run: nothing changed"); return await AppsAsync(); }
            ctx.Out.WriteLine($"applied {applied!.Changes.Count(c => c.ChangesStore)} changes");
            return await AppsAsync();

            // then [[apps]] (console/Cli/AppCommands.cs), once servers are in the store
            Task<int> AppsAsync() => AppCommands.SyncAfterStacksAsync(ctx.Parse, config, dry, pruning, ctx.Json ? ctx.Err : ctx.Out, ctx.Err, ct);
        });
        return command;
    }

    /// <summary>`sync --json`: the plan's counts and lines, and whether it was applied.</summary>
    internal sealed record PlanJson(bool DryRun, bool Applied, int Added, int Changed, int Removed, int Kept, List<ChangeJson> Changes);

    /// <summary>One line of <see cref="PlanJson"/>.</summary>
    internal sealed record ChangeJson(SyncChangeKind Kind, string Area, string Name, IReadOnlyList<string> Fields);
}
