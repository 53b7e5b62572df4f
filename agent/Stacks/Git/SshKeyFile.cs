namespace Monitor.Agent.Stacks.Git;

/// <summary>Key material for ssh (a private key, or pinned known_hosts lines) in a file only its owner can read (ssh
/// refuses others), deleted on dispose.</summary>
public sealed class SshKeyFile : IDisposable
{
    private SshKeyFile(string path) => Path = path;

    public string Path { get; }

    public static SshKeyFile Write(string directory, string privateKey)
    {
        var path = System.IO.Path.Combine(directory, $"key-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(privateKey.ReplaceLineEndings("\n").TrimEnd() + "\n"); // ssh needs the final newline
        return new SshKeyFile(path);
    }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { }
    }
}
