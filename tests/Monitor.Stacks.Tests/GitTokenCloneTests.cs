using System.Diagnostics;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>git.sync of an http(s) repo behind a token, through the git CLI and its askpass hook.</summary>
public sealed class GitTokenCloneTests
{
    [Fact]
    public async Task A_repo_behind_basic_auth_clones_and_fetches_with_the_token_and_a_wrong_token_fails_without_showing_it()
    {
        using var repo = new GitRepoFixture();
        var first = repo.Commit("one", new Dictionary<string, string> { ["a.txt"] = "1" });
        using var served = new TempDirectory();
        var bare = served.File("app.git");
        Git("clone", "--quiet", "--bare", repo.Path, bare);
        Git("-C", bare, "update-server-info");
        await using var server = DumbHttpGitServer.Start(served.Path, "ci", "tok-right-123");

        using var work = new TempDirectory();
        var handler = new GitSyncHandler(work.Path);
        var cloned = await handler.SyncAsync(new GitSyncRequest("app", server.Url + "app.git", "main", Credentials: new GitCredentials("ci", "tok-right-123")), CancellationToken.None);
        Assert.True(cloned.Cloned);
        Assert.Equal(first, cloned.Commit);
        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(cloned.Path, "a.txt")));
        Assert.True(server.AuthorizedRequests > 0);

        var second = repo.Commit("two", new Dictionary<string, string> { ["a.txt"] = "2" });
        Git("-C", bare, "fetch", "--quiet", repo.Path, "main:main");
        Git("-C", bare, "update-server-info");
        var fetched = await handler.SyncAsync(new GitSyncRequest("app", server.Url + "app.git", "main", Credentials: new GitCredentials("ci", "tok-right-123")), CancellationToken.None);
        Assert.False(fetched.Cloned);
        Assert.Equal(second, fetched.Commit);
        Assert.Equal("two", fetched.Message);

        var refusedBefore = server.RefusedRequests;
        using var otherWork = new TempDirectory();
        var error = await Assert.ThrowsAsync<AgentRequestException>(() => new GitSyncHandler(otherWork.Path).SyncAsync(
            new GitSyncRequest("app", server.Url + "app.git", "main", Credentials: new GitCredentials("ci", "tok-wrong-456")), CancellationToken.None));
        Assert.True(server.RefusedRequests > refusedBefore);
        Assert.Contains("git clone", error.Message);
        Assert.DoesNotContain("tok-wrong-456", error.Message);
        // the token only lived in git's environment: nothing under either work dir holds it
        foreach (var file in Directory.EnumerateFiles(work.Path, "*", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(otherWork.Path, "*", SearchOption.AllDirectories)))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("tok-right-123", text);
            Assert.DoesNotContain("tok-wrong-456", text);
        }
    }

    private static void Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }
}
