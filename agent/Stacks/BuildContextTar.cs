using System.Formats.Tar;

namespace Monitor.Agent.Stacks;

/// <summary>A build context as a tar stream (a temp file, so large contexts do not sit in memory). Skips .git.</summary>
public static class BuildContextTar
{
    public static async Task<Stream> CreateAsync(string directory, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
                if (relative == ".git" || relative.StartsWith(".git/", StringComparison.Ordinal)) continue;
                await writer.WriteEntryAsync(path, relative, ct).ConfigureAwait(false);
            }
        }
        file.Position = 0;
        return file;
    }
}
