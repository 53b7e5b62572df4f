using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>Private repos over SSH: a real sshd of the test's own, a deploy key sent by the console, git on the agent.</summary>
public sealed class SshRepoTests
{
    private static Dictionary<string, string> File(string content) => new() { ["a.txt"] = content };

    [Fact]
    public async Task Git_sync_over_ssh_with_a_deploy_key_clones_fetches_and_pins_an_abbreviated_commit_then_deletes_the_key()
    {
        await using var sshd = await SshGitServer.StartAsync();
        using var work = new TempDirectory();
        using var repo = new GitRepoFixture();
        var first = repo.Commit("one", File("1"));
        var git = new GitSyncHandler(work.Path);
        var credentials = new GitCredentials(SshPrivateKey: await System.IO.File.ReadAllTextAsync(sshd.ClientKeyFile));
        var url = sshd.UrlOf(repo.Path);

        var cloned = await git.SyncAsync(new GitSyncRequest("app", url, "main", Credentials: credentials), CancellationToken.None);
        Assert.True(cloned.Cloned);
        Assert.Equal(first, cloned.Commit);

        var second = repo.Commit("two", File("2"));
        var fetched = await git.SyncAsync(new GitSyncRequest("app", url, "main", Credentials: credentials), CancellationToken.None);
        Assert.False(fetched.Cloned);
        Assert.Equal(second, fetched.Commit);
        Assert.Equal("2", await System.IO.File.ReadAllTextAsync(Path.Combine(fetched.Path, "a.txt")));

        var pinned = await git.SyncAsync(new GitSyncRequest("app", url, "main", first[..10], credentials), CancellationToken.None);
        Assert.Equal(first, pinned.Commit);
        Assert.Equal("1", await System.IO.File.ReadAllTextAsync(Path.Combine(pinned.Path, "a.txt")));

        // The host key was trusted on first use into the agent's own known_hosts; no key file outlives a request.
        var sshDir = Path.Combine(work.Path, "ssh");
        Assert.Equal(["known_hosts"], Directory.GetFiles(sshDir).Select(Path.GetFileName));
        Assert.Contains(await System.IO.File.ReadAllTextAsync(sshd.HostPublicKeyFile).ContinueWith(t => t.Result.Split(' ')[1]),
            await System.IO.File.ReadAllTextAsync(Path.Combine(sshDir, "known_hosts")));
    }

    [Fact]
    public async Task A_key_the_git_server_does_not_authorize_fails_with_the_reason_and_a_hint_and_no_key_material()
    {
        await using var sshd = await SshGitServer.StartAsync();
        using var work = new TempDirectory();
        using var repo = new GitRepoFixture();
        repo.Commit("one", File("1"));
        var stranger = await System.IO.File.ReadAllTextAsync(sshd.StrangerKeyFile);

        var error = await Assert.ThrowsAsync<AgentRequestException>(() => new GitSyncHandler(work.Path).SyncAsync(
            new GitSyncRequest("app", sshd.UrlOf(repo.Path), "main", Credentials: new GitCredentials(SshPrivateKey: stranger)), CancellationToken.None));
        Assert.True(error.Message.Contains("Permission denied", StringComparison.Ordinal), error.Message);
        Assert.Contains("ssh_key_file", error.Message);
        Assert.DoesNotContain("PRIVATE KEY", error.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(work.Path, "ssh"), "key-*"));
    }

    [Fact]
    public async Task A_pinned_host_key_is_checked_strictly_the_right_one_clones_a_wrong_one_is_refused_with_the_fix()
    {
        await using var sshd = await SshGitServer.StartAsync();
        using var work = new TempDirectory();
        using var repo = new GitRepoFixture();
        var commit = repo.Commit("one", File("1"));
        var credentials = new GitCredentials(SshPrivateKey: await System.IO.File.ReadAllTextAsync(sshd.ClientKeyFile));
        var hostKey = (await System.IO.File.ReadAllTextAsync(sshd.HostPublicKeyFile)).Split(' ');
        var right = $"[127.0.0.1]:{sshd.Port} {hostKey[0]} {hostKey[1]}";
        var stranger = (await System.IO.File.ReadAllTextAsync(sshd.StrangerKeyFile + ".pub")).Split(' ');
        var wrong = $"[127.0.0.1]:{sshd.Port} {stranger[0]} {stranger[1]}";
        var git = new GitSyncHandler(work.Path);

        var error = await Assert.ThrowsAsync<AgentRequestException>(() => git.SyncAsync(
            new GitSyncRequest("pinned", sshd.UrlOf(repo.Path), "main", Credentials: credentials, SshKnownHosts: wrong), CancellationToken.None));
        Assert.True(error.Message.Contains("Host key verification failed", StringComparison.Ordinal), error.Message);
        Assert.Contains("ssh_known_hosts", error.Message);

        var cloned = await git.SyncAsync(new GitSyncRequest("pinned", sshd.UrlOf(repo.Path), "main", Credentials: credentials, SshKnownHosts: right), CancellationToken.None);
        Assert.Equal(commit, cloned.Commit);
        // Pinned keys are used only for the request: nothing is added to the agent's trust-on-first-use file.
        Assert.False(System.IO.File.Exists(Path.Combine(work.Path, "ssh", "known_hosts")));
        Assert.Empty(Directory.GetFiles(Path.Combine(work.Path, "ssh"), "key-*"));
    }

    [Fact]
    public async Task A_stack_whose_repo_is_reached_over_ssh_deploys_through_real_agents_and_the_key_never_reaches_the_history()
    {
        await using var sshd = await SshGitServer.StartAsync();
        await using var world = await StackWorld.StartAsync("ssh");
        using var repo = new GitRepoFixture();
        var commit = repo.Commit("v1", SiteRepo.Files("served over ssh"));
        var port = FreePort.Next();
        await world.Stacks.SaveAsync(new StackConfig
        {
            Name = world.Prefix,
            Repo = new StackRepoConfig { Url = sshd.UrlOf(repo.Path), SshKeyFile = sshd.ClientKeyFile },
            Build = new StackBuildConfig { Server = "a" },
            Deploy = new StackDeployConfig { Targets = ["b"], Ports = [$"127.0.0.1:{port}:8080"], StartTimeoutSeconds = 30 },
        });

        var result = await world.Stacks.DeployAsync(world.Prefix);
        Assert.True(result.Success, string.Join("\n", result.Targets.Select(t => t.Message)));
        Assert.Equal(commit, result.Commit);
        Assert.Contains("served over ssh", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/", "served over ssh"));
        var key = await System.IO.File.ReadAllTextAsync(sshd.ClientKeyFile);
        var keyBody = key.Split('\n')[1];
        foreach (var action in await world.Store.QueryActionsAsync(new ActionQuery { Stack = world.Prefix }))
        {
            Assert.DoesNotContain(keyBody, action.Output ?? "");
            Assert.DoesNotContain(keyBody, string.Join(" ", action.Parameters.Values));
        }
    }

    [Fact]
    public void An_ssh_key_on_a_repo_that_is_not_reached_over_ssh_is_refused_with_the_fix()
    {
        var stack = new StackConfig
        {
            Name = "web", Repo = new StackRepoConfig { Url = "https://git.example.invalid/web.git", SshKeyFile = "/keys/deploy" },
            Build = new StackBuildConfig { Server = "a" },
        };
        var error = Assert.Throws<Monitor.Control.Services.OperationFailedException>(() => StackRules.Validate(stack));
        Assert.Contains("not an ssh URL", error.Message);
        Assert.Contains("token for https", error.Message);
    }

    [Theory]
    [InlineData("ssh://git@example.invalid/org/app.git", true)]
    [InlineData("git+ssh://git@example.invalid/org/app.git", true)]
    [InlineData("git@example.invalid:org/app.git", true)]
    [InlineData("example.invalid:app.git", true)]
    [InlineData("https://example.invalid/org/app.git", false)]
    [InlineData("/srv/git/app.git", false)]
    [InlineData("./relative/path:with-colon", false)]
    [InlineData("dir/with:colon", false)]
    public void Ssh_urls_are_told_from_https_and_local_paths(string url, bool ssh) => Assert.Equal(ssh, GitUrl.IsSsh(url));

    [Fact]
    public void Credentials_print_without_their_secrets()
    {
        var text = new GitCredentials("ci", "tok-123", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n").ToString();
        Assert.DoesNotContain("tok-123", text);
        Assert.DoesNotContain("abc", text);
        Assert.Contains("ci", text);
    }
}
