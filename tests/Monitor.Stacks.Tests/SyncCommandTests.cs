using System.CommandLine;
using Monitor.Control.Cli;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

public sealed class SyncCommandTests
{
    private const string Toml = """
        [[servers]]
        name = "a"
        url = "ws://127.0.0.1:8120"

        [[servers]]
        name = "new-server"
        url = "ws://127.0.0.1:8121"

        [[stacks]]
        name = "web"
        image = "nginx:2"
        [stacks.deploy]
        targets = ["a"]

        [[stacks]]
        name = "fresh"
        image = "redis:7"
        """;

    private static async Task<(TempDirectory Dir, SqliteStateStore Store, StackService Stacks)> SeedAsync()
    {
        var dir = new TempDirectory();
        var store = new SqliteStateStore(dir.File("monitor.db"));
        await store.MigrateAsync();
        await store.UpsertServerAsync(new ServerInfo { Name = "a", Url = "ws://127.0.0.1:8120" });
        await store.UpsertServerAsync(new ServerInfo { Name = "gone", Url = "ws://127.0.0.1:8199" });
        var stacks = new StackService(store, new InProcessAgentFactory(new Dictionary<string, InProcessAgent>()), "tester", null);
        await stacks.SaveAsync(new StackConfig { Name = "web", Image = "nginx:1", Deploy = new StackDeployConfig { Targets = ["a"] } });
        await stacks.SaveAsync(new StackConfig { Name = "old", Image = "busybox:1" });
        await File.WriteAllTextAsync(dir.File("monitor.toml"), Toml);
        return (dir, store, stacks);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(StackService stacks, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var host = new StackCliHost(
            (_, _) => Task.FromResult<(IStackService, IAsyncDisposable)>((stacks, new NoScope())),
            (_, file) => TomlConfigLoader.Load<MonitorConfig>(file!), _ => false, stdout, stderr);
        var root = new RootCommand { SyncCommand.Build(host), StackCommands.Build(host) };
        var code = await root.Parse(args).InvokeAsync();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Sync_dry_run_prints_the_plan_and_changes_nothing()
    {
        var (dir, store, stacks) = await SeedAsync();
        using var _ = dir;
        await using var __ = store;

        var (code, output, error) = await RunAsync(stacks, "sync", dir.File("monitor.toml"), "--dry-run", "--prune");

        Assert.True(code == 0, error);
        Assert.Contains("+ server new-server", output);
        Assert.Contains("- server gone", output);
        Assert.Contains("~ stack web (image)", output);
        Assert.Contains("+ stack fresh", output);
        Assert.Contains("- stack old", output);
        Assert.Contains("plan: 2 to add, 1 to change, 2 to remove", output);
        Assert.Contains("dry run: nothing changed", output);
        Assert.Equal(["a", "gone"], (await store.ListServersAsync()).Select(s => s.Name).Order());
        Assert.Equal(["old", "web"], (await stacks.ListAsync()).Select(s => s.Name));
        Assert.Equal("nginx:1", (await stacks.ListAsync()).Single(s => s.Name == "web").Image);
        Assert.Empty(await store.QueryActionsAsync(new ActionQuery()));
    }

    [Fact]
    public async Task Without_prune_sync_keeps_what_monitor_toml_does_not_declare_and_says_so()
    {
        var (dir, store, stacks) = await SeedAsync();
        using var _ = dir;
        await using var __ = store;

        var (code, output, error) = await RunAsync(stacks, "sync", dir.File("monitor.toml"));
        Assert.True(code == 0, error);
        Assert.Contains("= server gone (not in monitor.toml; kept, --prune removes it)", output);
        Assert.Contains("= stack old (not in monitor.toml; kept, --prune removes it)", output);
        Assert.Contains("plan: 2 to add, 1 to change, 0 to remove, 2 kept (not in monitor.toml; --prune removes them)", output);
        Assert.Contains("applied 3 changes", output);
        Assert.Equal(["a", "gone", "new-server"], (await store.ListServersAsync()).Select(s => s.Name).Order());
        Assert.Equal(["fresh", "old", "web"], (await stacks.ListAsync()).Select(s => s.Name));
        var record = Assert.Single(await store.QueryActionsAsync(new ActionQuery { Type = StackActionTypes.Sync }));
        Assert.Equal(("2", "1", "0"), (record.Result["added"], record.Result["changed"], record.Result["removed"]));

        var again = await RunAsync(stacks, "sync", dir.File("monitor.toml"));
        Assert.Contains("nothing to change", again.Out);
    }

    [Fact]
    public async Task Sync_with_prune_applies_the_plan_and_records_it_then_has_nothing_left_to_do()
    {
        var (dir, store, stacks) = await SeedAsync();
        using var _ = dir;
        await using var __ = store;

        var (code, output, error) = await RunAsync(stacks, "sync", dir.File("monitor.toml"), "--prune");
        Assert.True(code == 0, error);
        Assert.Contains("applied 5 changes", output);
        Assert.Equal(["a", "new-server"], (await store.ListServersAsync()).Select(s => s.Name).Order());
        Assert.Equal(["fresh", "web"], (await stacks.ListAsync()).Select(s => s.Name));
        Assert.Equal("nginx:2", (await stacks.ListAsync()).Single(s => s.Name == "web").Image);
        var record = Assert.Single(await store.QueryActionsAsync(new ActionQuery { Type = StackActionTypes.Sync }));
        Assert.Equal(("2", "1", "2"), (record.Result["added"], record.Result["changed"], record.Result["removed"]));

        var again = await RunAsync(stacks, "sync", dir.File("monitor.toml"), "--dry-run", "--prune");
        Assert.Contains("nothing to change", again.Out);
    }

    [Fact]
    public async Task Deploying_an_undeployable_stack_from_the_cli_fails_with_a_usage_code_and_a_reason()
    {
        var (dir, store, stacks) = await SeedAsync();
        using var _ = dir;
        await using var __ = store;
        await stacks.SaveAsync(new StackConfig { Name = "empty", Deploy = new StackDeployConfig { Targets = ["a"] } });

        var (code, _, error) = await RunAsync(stacks, "stack", "deploy", "empty", "--wait");

        Assert.Equal(StackCliHost.Usage, code);
        Assert.Contains("cannot be deployed: it has neither a [build] nor an `image`", error);
        Assert.DoesNotContain("   at ", error);
    }

    private sealed class NoScope : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
