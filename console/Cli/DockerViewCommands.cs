using System.CommandLine;
using Monitor.Control.Services;

namespace Monitor.Control.Cli;

/// <summary>Adds the Docker views to the command tree: `container inspect|stats|top`, `events`, `system df`,
/// `image list|remove|prune`, `volume list|inspect|remove|prune`, `network list`.</summary>
public static class DockerViewCommands
{
    public static void AddTo(RootCommand root, TextWriter output, TextWriter error)
    {
        var container = root.Subcommands.First(c => c.Name == "container");
        container.Add(ContainerViewCommands.Inspect(output, error));
        container.Add(ContainerViewCommands.Stats(output, error));
        container.Add(ContainerViewCommands.Top(output, error));
        root.Add(EventsCommand.Build(output, error));
        root.Add(SystemCommands.Build(output, error));
        root.Add(ImageCommands.Build(output, error));
        root.Add(VolumeCommands.Build(output, error));
        root.Add(NetworkCommands.Build(output, error));
    }

    /// <summary>The Docker service over the console's server directory and action recorder.</summary>
    public static async Task<IDockerService> DockerAsync(CliContext ctx, CancellationToken ct)
    {
        var services = await ctx.ServicesAsync(ct);
        return services.Docker ?? new DockerService(services.Directory!, services.Recorder!);
    }

    public static string Server(CliContext ctx) => ctx.Parse.GetValue(GlobalOptions.Server)!;

    public static string ShortId(string id)
    {
        var bare = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return bare[..Math.Min(12, bare.Length)];
    }
}
