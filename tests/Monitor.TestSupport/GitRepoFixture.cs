using LibGit2Sharp;

namespace Monitor.TestSupport;

/// <summary>A real local git repository (branch main) the tests commit files into.</summary>
public sealed class GitRepoFixture : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Repository _repo;

    public GitRepoFixture()
    {
        Repository.Init(_dir.Path);
        _repo = new Repository(_dir.Path);
        _repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
    }

    public string Path => _dir.Path;

    public string Commit(string message, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, content) in files)
        {
            var full = System.IO.Path.Combine(_dir.Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            Commands.Stage(_repo, name);
        }
        var who = new Signature("Test", "test@example.invalid", DateTimeOffset.UtcNow);
        return _repo.Commit(message, who, who).Sha;
    }

    public void Dispose()
    {
        _repo.Dispose();
        _dir.Dispose();
    }
}
