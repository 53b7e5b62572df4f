using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor registry deploy --server S`: runs the registry image from [registry] as the stack "registry".</summary>
public static class RegistryCommand
{
    public static Command Build(StackCliHost host)
    {
        var server = new Option<string>("--server") { Description = "Server to run the registry on", Required = true };
        var deploy = new Command("deploy", "Run a registry:2-compatible registry on a server (stack \"registry\")") { server };
        deploy.SetAction((parse, ct) => host.RunAsync(parse, "registry deploy", true, async stacks =>
        {
            var result = await stacks.DeployRegistryAsync(parse.GetValue(server)!, host.Live(), ct).ConfigureAwait(false);
            host.Out.WriteLine(result.Success ? $"registry runs on {parse.GetValue(server)} ({result.Image})" : "registry deploy failed; see the output above");
            return result.Success ? StackCliHost.Ok : StackCliHost.Failed;
        }, ct));
        return new Command("registry", "The image registry stacks push to") { deploy };
    }
}
