namespace Monitor.Shared.Config;

/// <summary>[stacks.build]: how the stack's image is built (auto-versioned NAME:MAJOR.MINOR.PATCH).</summary>
public sealed class StackBuildConfig
{
    /// <summary>Server whose agent clones and builds.</summary>
    public string Server { get; set; } = "";
    /// <summary>Build context, relative to the repo root.</summary>
    public string Path { get; set; } = ".";
    /// <summary>Dockerfile, relative to <see cref="Path"/>.</summary>
    public string Dockerfile { get; set; } = "Dockerfile";
    public Dictionary<string, string> Args { get; set; } = [];
    /// <summary>Run in the build path before the image build (sh -c).</summary>
    public List<string> Scripts { get; set; } = [];
    /// <summary>Repository name of the image in the registry; default the stack name.</summary>
    public string? ImageName { get; set; }
    /// <summary>MAJOR.MINOR of the version; the patch is increased on each build.</summary>
    public string Version { get; set; } = "0.0";
}
