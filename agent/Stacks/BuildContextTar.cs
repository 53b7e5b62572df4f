using System.Formats.Tar;

namespace Monitor.Agent.Stacks;

/// <summary>A build context as a tar stream (a temp file, so large contexts do not sit in memory). Skips .git and
/// what the context's .dockerignore excludes — except the Dockerfile, which the engine always needs.</summary>
public static class BuildContextTar
{
    public static async Task<Stream> CreateAsync(string directory, string dockerfile, CancellationToken ct)
    {
        var ignore = DockerIgnore.Load(directory);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, relative) in Entries(directory, "", ignore, dockerfile.Replace(Path.DirectorySeparatorChar, '/')))
                await writer.WriteEntryAsync(path, relative, ct).ConfigureAwait(false);
        }
        file.Position = 0;
        return file;
    }

    /// <summary>The files and directories to send, walking into excluded directories only when a `!` line could
    /// bring something inside them back.</summary>
    private static IEnumerable<(string Path, string Relative)> Entries(string root, string prefix, DockerIgnore ignore, string dockerfile)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
        foreach (var path in Directory.EnumerateFileSystemEntries(Path.Combine(root, prefix), "*", options).Order(StringComparer.Ordinal))
        {
            var relative = prefix.Length == 0 ? Path.GetFileName(path) : $"{prefix}/{Path.GetFileName(path)}";
            if (prefix.Length == 0 && relative == ".git") continue;
            var excluded = ignore.IsExcluded(relative) && relative != dockerfile;
            var info = new FileInfo(path);
            var isDirectory = info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null;
            if (!excluded && info.LinkTarget is not null) ConfinedPath.RequireLinkInside(root, path, relative, "build context");
            if (!excluded) yield return (path, relative);
            if (isDirectory && (!excluded || ignore.HasExceptions || dockerfile.StartsWith(relative + "/", StringComparison.Ordinal)))
                foreach (var entry in Entries(root, relative, ignore, dockerfile)) yield return entry;
        }
    }
}
