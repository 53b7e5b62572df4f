using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

public sealed class AgentStackHandlerTests
{
    [Fact]
    public async Task Git_sync_clones_then_fetches_the_branch_head_and_can_check_out_an_older_commit()
    {
        using var work = new TempDirectory();
        using var repo = new GitRepoFixture();
        var first = repo.Commit("one", new Dictionary<string, string> { ["a.txt"] = "1" });
        var git = new GitSyncHandler(work.Path);

        var cloned = await git.SyncAsync(new GitSyncRequest("app", repo.Path, "main"), CancellationToken.None);
        Assert.True(cloned.Cloned);
        Assert.Equal(first, cloned.Commit);
        Assert.StartsWith(work.Path, cloned.Path);

        var second = repo.Commit("two", new Dictionary<string, string> { ["a.txt"] = "2" });
        var fetched = await git.SyncAsync(new GitSyncRequest("app", repo.Path, "main"), CancellationToken.None);
        Assert.False(fetched.Cloned);
        Assert.Equal(second, fetched.Commit);
        Assert.Equal("2", await File.ReadAllTextAsync(Path.Combine(fetched.Path, "a.txt")));

        var pinned = await git.SyncAsync(new GitSyncRequest("app", repo.Path, "main", first), CancellationToken.None);
        Assert.Equal(first, pinned.Commit);
        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(pinned.Path, "a.txt")));
    }

    [Fact]
    public async Task Git_sync_of_a_missing_branch_says_so()
    {
        using var work = new TempDirectory();
        using var repo = new GitRepoFixture();
        repo.Commit("one", new Dictionary<string, string> { ["a.txt"] = "1" });
        var error = await Assert.ThrowsAsync<AgentRequestException>(() => new GitSyncHandler(work.Path).SyncAsync(new GitSyncRequest("app", repo.Path, "nope"), CancellationToken.None));
        Assert.Contains("nope", error.Message);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/x")]
    [InlineData("-c")]
    public async Task Refs_starting_with_a_dash_are_refused(string url)
    {
        using var work = new TempDirectory();
        var error = await Assert.ThrowsAsync<AgentRequestException>(() => new GitSyncHandler(work.Path).SyncAsync(new GitSyncRequest("app", url), CancellationToken.None));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc")]
    public void Paths_outside_the_work_dir_are_refused(string path)
    {
        using var work = new TempDirectory();
        var error = Assert.Throws<AgentRequestException>(() => StackInputRules.PathInside(work.Path, work.Path, path, "build context"));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Fact]
    public void A_symlink_leading_out_of_the_work_dir_is_refused()
    {
        using var work = new TempDirectory();
        Directory.CreateSymbolicLink(work.File("escape"), "/etc");
        var error = Assert.Throws<AgentRequestException>(() => StackInputRules.PathInside(work.Path, work.Path, "escape", "build context"));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code); // a link leaving the work dir names the path (hardening fault 3)
        Assert.Contains("'escape'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-x")]
    [InlineData("a b")]
    [InlineData("")]
    public void Container_names_follow_the_compose_pattern(string name) =>
        Assert.Throws<AgentRequestException>(() => StackInputRules.Name(name, "container name"));

    [Fact]
    public async Task A_build_failure_reports_the_failing_step_through_the_stream()
    {
        await using var world = await StackWorld.StartAsync("bld", registry: false);
        var context = Directory.CreateDirectory(Path.Combine(world.WorkDirA, "ctx")).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {TestImages.Busybox}\nRUN echo about-to-fail && exit 7\n");
        var lines = new List<string>();
        var error = await Assert.ThrowsAsync<Monitor.Control.Agents.AgentException>(async () =>
        {
            await using var stream = await world.A.OpenStreamAsync(AgentMethods.ImageBuild,
                new ImageBuildRequest(context, "Dockerfile", [$"{world.Prefix}:1"]));
            await foreach (var batch in stream.ReadAllAsync()) lines.AddRange(batch.Chunks.Select(c => c.Text));
        });
        Assert.Equal(ErrorCodes.DockerError, error.Code);
        Assert.Contains("image build failed", error.Message);
        Assert.Contains(lines, l => l.Contains("about-to-fail", StringComparison.Ordinal));
    }
}
