using System.CommandLine;
using Monitor.Control.Fleet;
using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor server clone SOURCE TARGET [--yes]`: prints the plan (SOURCE's stacks and standalone containers),
/// then with --yes (or a "y" at the prompt on a terminal) deploys each to TARGET. Exit 1 when any part failed.</summary>
public static class ServerCloneCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("source") { Description = "Server to copy from" };
        var target = new Argument<string>("target") { Description = "Server to deploy to" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Deploy without asking (without it: the plan, then a question on a terminal)" };
        var command = new Command("clone", "Deploy a server's stacks and standalone containers to another server (plan first)") { source, target, yes };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var stacks = services.Stacks as StackService ?? throw new OperationFailedException("server clone needs the stack service", ErrorCodes.Internal);
            var clone = new CloneService(services.Directory!, stacks, services.Recorder!);
            var plan = await clone.PlanAsync(ctx.Parse.GetValue(source)!, ctx.Parse.GetValue(target)!, ct);
            var view = ClonePlanView.Of(plan);
            if (!ctx.Json) Print(ctx.Out, view);
            if (plan.IsEmpty)
            {
                if (ctx.Json) Output.Json(ctx.Out, new CloneResult(view, false, []));
                else ctx.Out.WriteLine($"nothing to clone: {plan.Source} has no stacks and no standalone containers");
                return 0;
            }
            var go = ctx.Parse.GetValue(yes);
            if (!go && !ctx.Json && !Console.IsInputRedirected && !ctx.ReadOnly)
            {
                ctx.Out.Write($"deploy this to {plan.Target}? [y/N] ");
                go = Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
            }
            if (!go)
            {
                if (ctx.Json) Output.Json(ctx.Out, new CloneResult(view, false, []));
                else ctx.Out.WriteLine("nothing was deployed; run again with --yes to deploy");
                return 0;
            }
            ctx.RequireWritable("server clone");
            CloneResult result;
            try { result = await clone.ApplyAsync(plan, ctx.Live(), ct); }
            catch (OperationFailedException e) when (!ctx.Json) { ctx.Err.WriteLine($"monitor: {e.Message}"); return ExitCodes.Failed; }
            if (ctx.Json) Output.Json(ctx.Out, result);
            else foreach (var item in result.Items) ctx.Out.WriteLine($"{item.Kind} {item.Name}: {(item.Ok ? "ok" : "FAILED")} {item.Message}");
            return result.Ok ? 0 : ExitCodes.Failed;
        });
        return command;
    }

    private static void Print(TextWriter output, ClonePlanView plan)
    {
        output.WriteLine($"plan: {plan.Source} -> {plan.Target}");
        foreach (var stack in plan.Stacks) output.WriteLine($"  stack {stack}");
        foreach (var c in plan.Containers)
        {
            var parts = new List<string> { c.Image };
            if (c.Ports.Count > 0) parts.Add("ports " + string.Join(",", c.Ports));
            if (c.Volumes.Count > 0) parts.Add("volumes " + string.Join(",", c.Volumes));
            if (c.Network is not null) parts.Add("network " + c.Network);
            if (c.Restart is not null) parts.Add("restart " + c.Restart);
            if (c.EnvNames.Count > 0) parts.Add("env " + string.Join(",", c.EnvNames));
            if (c.MemoryBytes is { } m) parts.Add($"memory {m}");
            if (c.Cpus is { } cpus) parts.Add($"cpus {cpus}");
            if (c.Args.Count > 0) parts.Add("args " + string.Join(' ', c.Args));
            output.WriteLine($"  container {c.Name}: {string.Join("; ", parts)}");
        }
        foreach (var warning in plan.Warnings) output.WriteLine($"  warning: {warning}");
    }
}
