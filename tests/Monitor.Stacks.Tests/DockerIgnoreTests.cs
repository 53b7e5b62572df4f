using System.Formats.Tar;
using Monitor.Agent.Stacks;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>.dockerignore: Docker's matching rules, the tar the agent sends, and a real build that cannot see an
/// ignored file.</summary>
public sealed class DockerIgnoreTests
{
    [Theory]
    [InlineData("secret.env", "secret.env", true)]
    [InlineData("/secret.env", "secret.env", true)]
    [InlineData("./secret.env", "secret.env", true)]
    [InlineData("secret.env", "sub/secret.env", false)]
    [InlineData("**/secret.env", "sub/deep/secret.env", true)]
    [InlineData("**/secret.env", "secret.env", true)]
    [InlineData("*.log", "a.log", true)]
    [InlineData("*.log", "logs/a.log", false)]
    [InlineData("*/*.log", "logs/a.log", true)]
    [InlineData("node_modules", "node_modules/pkg/index.js", true)]
    [InlineData("docs/**", "docs/a/b.md", true)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("file[0-9].txt", "file7.txt", true)]
    [InlineData("file[!0-9].txt", "file7.txt", false)]
    [InlineData("# comment", "# comment", false)]
    public void A_single_pattern_matches_as_docker_does(string pattern, string path, bool excluded) =>
        Assert.Equal(excluded, DockerIgnore.Parse(pattern).IsExcluded(path));

    [Fact]
    public void The_last_matching_line_wins_and_exceptions_bring_files_back()
    {
        var ignore = DockerIgnore.Parse("logs/*.log\n!logs/keep.log\n\n# tmp files anywhere\n**/*.tmp\n");
        Assert.True(ignore.IsExcluded("logs/a.log"));
        Assert.False(ignore.IsExcluded("logs/keep.log"));
        Assert.True(ignore.IsExcluded("src/x/cache.tmp"));
        Assert.False(ignore.IsExcluded("src/x/main.c"));
        Assert.True(ignore.HasExceptions);
    }

    [Fact]
    public async Task The_build_context_tar_leaves_out_ignored_paths_but_keeps_the_dockerfile_and_exceptions()
    {
        using var dir = new TempDirectory();
        foreach (var file in new[] { "Dockerfile", "app/main.sh", "secret.env", "node_modules/pkg/index.js", "logs/a.log", "logs/keep.log", "src/cache.tmp", ".git/HEAD" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir.File(file))!);
            await File.WriteAllTextAsync(dir.File(file), file);
        }
        await File.WriteAllTextAsync(dir.File(".dockerignore"), "Dockerfile\nsecret.env\nnode_modules\nlogs\n!logs/keep.log\n**/*.tmp\n");

        await using var tar = await BuildContextTar.CreateAsync(dir.Path, "Dockerfile", CancellationToken.None);
        var names = new List<string>();
        await using (var reader = new TarReader(tar))
            while (await reader.GetNextEntryAsync() is { } entry)
                if (entry.EntryType != TarEntryType.Directory) names.Add(entry.Name);

        Assert.Equal([".dockerignore", "Dockerfile", "app/main.sh", "logs/keep.log"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_real_build_cannot_copy_an_ignored_file()
    {
        await using var world = await StackWorld.StartAsync("dign", registry: false);
        var context = Directory.CreateDirectory(Path.Combine(world.WorkDirA, "ctx")).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"),
            $"FROM {TestImages.Busybox}\nCOPY . /ctx\nRUN test -e /ctx/kept.txt && test ! -e /ctx/secret.env && echo context-checked\n");
        await File.WriteAllTextAsync(Path.Combine(context, "kept.txt"), "kept");
        await File.WriteAllTextAsync(Path.Combine(context, "secret.env"), "PASSWORD=hunter2");
        await File.WriteAllTextAsync(Path.Combine(context, ".dockerignore"), "secret.env\n");

        var lines = new List<string>();
        await using (var stream = await world.A.OpenStreamAsync(AgentMethods.ImageBuild,
            new ImageBuildRequest(context, "Dockerfile", [$"{world.Prefix}:1"])))
        {
            await foreach (var batch in stream.ReadAllAsync()) lines.AddRange(batch.Chunks.Select(c => c.Text));
        }
        Assert.Contains(lines, l => l.Contains("context-checked", StringComparison.Ordinal));
    }
}
