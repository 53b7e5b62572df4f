using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor registry deploy --server S`: runs the registry image from [registry] as the stack "registry".</summary>
public static class RegistryCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var server = new Option<string>("--server", "-s") { Description = "Server to run the registry on", Required = true };
        var deploy = new Command("deploy", "Run a registry:2-compatible registry on a server (stack \"registry\")") { server };
        CliAction.Set(deploy, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("registry deploy");
            var target = ctx.Parse.GetValue(server)!;
            var result = await (await ctx.StacksAsync(ct)).DeployRegistryAsync(target, ctx.Live(), ct);
            if (ctx.Json) Output.Json(ctx.Out, result);
            else ctx.Out.WriteLine(result.Success ? $"registry runs on {target} ({result.Image})" : "registry deploy failed; see the output above");
            return result.Success ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("registry", "The image registry stacks push to") { deploy };
    }
}
