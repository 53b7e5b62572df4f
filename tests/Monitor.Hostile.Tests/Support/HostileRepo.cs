using System.Diagnostics;
using Monitor.TestSupport;

namespace Monitor.Hostile.Tests.Support;

/// <summary>A real git repo that commits a symbolic link (<c>out -&gt; a directory outside the agent's work dir</c>)
/// next to ordinary files, with that outside directory holding a Dockerfile, a compose file and a "secret".</summary>
public sealed class HostileRepo : IDisposable
{
    private readonly GitRepoFixture _repo = new();
    private readonly TempDirectory _outside = new();

    public HostileRepo()
    {
        Directory.CreateDirectory(_outside.File("sub"));
        File.WriteAllText(_outside.File("sub/Dockerfile"), "FROM local/busybox:latest\nCOPY . /stolen\n");
        File.WriteAllText(_outside.File("sub/secret.txt"), "outside the work dir");
        File.WriteAllText(_outside.File("docker-compose.yml"), "services:\n  x:\n    image: local/busybox:latest\n");
        _repo.Commit("files", new Dictionary<string, string> { ["Dockerfile"] = "FROM local/busybox:latest\nCOPY . /app\n", ["a.txt"] = "inside" });
        File.CreateSymbolicLink(System.IO.Path.Combine(_repo.Path, "out"), _outside.Path);
        Head = Git("add", "out") is var _ && Git("commit", "-q", "-m", "link out") is var _ ? Git("rev-parse", "HEAD").Trim() : "";
    }

    public string Path => _repo.Path;
    public string Outside => _outside.Path;
    public string Head { get; }

    /// <summary>Adds a link inside the repo (e.g. <c>leak -&gt; /etc/hostname</c>) and commits it.</summary>
    public string CommitLink(string name, string target)
    {
        File.CreateSymbolicLink(System.IO.Path.Combine(_repo.Path, name), target);
        Git("add", name);
        Git("commit", "-q", "-m", "link " + name);
        return Git("rev-parse", "HEAD").Trim();
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _repo.Path };
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@example.invalid" }.Concat(args)) start.ArgumentList.Add(a);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
        return output;
    }

    public void Dispose()
    {
        _repo.Dispose();
        _outside.Dispose();
    }
}
