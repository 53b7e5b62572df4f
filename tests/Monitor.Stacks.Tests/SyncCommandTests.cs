using Monitor.Control.Cli;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>`monitor sync` and stack verbs through the real CLI start-up path (CliApp: --config, composition, store).</summary>
public sealed class SyncCommandTests : IDisposable
{
    private const string Declared = """

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

    private readonly TempDirectory _dir = new();
    private string Config => _dir.File("monitor.toml");

    /// <summary>`monitor init`, then servers a and gone, stacks web (nginx:1) and old in the store; monitor.toml
    /// declares a, new-server, web (nginx:2) and fresh.</summary>
    private async Task SeedAsync()
    {
        Assert.Equal(0, (await RunAsync("init")).Code);
        await using (var store = new SqliteStateStore(_dir.File("monitor.db")))
        {
            await store.MigrateAsync();
            var stacks = new StackService(store, new Monitor.Control.Agents.AgentClientFactory(Monitor.Shared.Security.ConsoleKeyPair.Generate(), "tester"), "tester", null);
            await store.UpsertServerAsync(new ServerInfo { Name = "a", Url = "ws://127.0.0.1:8120" });
            await store.UpsertServerAsync(new ServerInfo { Name = "gone", Url = "ws://127.0.0.1:8199" });
            await stacks.SaveAsync(new StackConfig { Name = "web", Image = "nginx:1", Deploy = new StackDeployConfig { Targets = ["a"] } });
            await stacks.SaveAsync(new StackConfig { Name = "old", Image = "busybox:1" });
        }
        await File.AppendAllTextAsync(Config, Declared);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["--config", Config, .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<T> WithStoreAsync<T>(Func<SqliteStateStore, StackService, Task<T>> read)
    {
        await using var store = new SqliteStateStore(_dir.File("monitor.db"));
        return await read(store, new StackService(store, new Monitor.Control.Agents.AgentClientFactory(Monitor.Shared.Security.ConsoleKeyPair.Generate(), "tester"), "tester", null));
    }

    [Fact]
    public async Task Sync_dry_run_prints_the_plan_and_changes_nothing()
    {
        await SeedAsync();

        var (code, output, error) = await RunAsync("sync", Config, "--dry-run", "--prune");

        Assert.True(code == 0, error);
        Assert.Contains("+ server new-server", output);
        Assert.Contains("- server gone", output);
        Assert.Contains("~ stack web (image)", output);
        Assert.Contains("+ stack fresh", output);
        Assert.Contains("- stack old", output);
        Assert.Contains("plan: 2 to add, 1 to change, 2 to remove", output);
        Assert.Contains("dry run: nothing changed", output);
        await WithStoreAsync(async (store, stacks) =>
        {
            Assert.Equal(["a", "gone"], (await store.ListServersAsync()).Select(s => s.Name).Order());
            Assert.Equal(["old", "web"], (await stacks.ListAsync()).Select(s => s.Name));
            Assert.Equal("nginx:1", (await stacks.ListAsync()).Single(s => s.Name == "web").Image);
            Assert.Empty(await store.QueryActionsAsync(new ActionQuery()));
            return 0;
        });
    }

    [Fact]
    public async Task Without_prune_sync_keeps_what_monitor_toml_does_not_declare_and_says_so()
    {
        await SeedAsync();

        var (code, output, error) = await RunAsync("sync");
        Assert.True(code == 0, error);
        Assert.Contains("= server gone (not in monitor.toml; kept, --prune removes it)", output);
        Assert.Contains("= stack old (not in monitor.toml; kept, --prune removes it)", output);
        Assert.Contains("plan: 2 to add, 1 to change, 0 to remove, 2 kept (not in monitor.toml; --prune removes them)", output);
        Assert.Contains("applied 3 changes", output);
        await WithStoreAsync(async (store, stacks) =>
        {
            Assert.Equal(["a", "gone", "new-server"], (await store.ListServersAsync()).Select(s => s.Name).Order());
            Assert.Equal(["fresh", "old", "web"], (await stacks.ListAsync()).Select(s => s.Name));
            var record = Assert.Single(await store.QueryActionsAsync(new ActionQuery { Type = StackActionTypes.Sync }));
            Assert.Equal(("2", "1", "0"), (record.Result["added"], record.Result["changed"], record.Result["removed"]));
            return 0;
        });

        var again = await RunAsync("sync");
        Assert.Contains("nothing to change", again.Out);
    }

    [Fact]
    public async Task Sync_with_prune_applies_the_plan_and_records_it_then_has_nothing_left_to_do()
    {
        await SeedAsync();

        var (code, output, error) = await RunAsync("sync", "--prune");
        Assert.True(code == 0, error);
        Assert.Contains("applied 5 changes", output);
        await WithStoreAsync(async (store, stacks) =>
        {
            Assert.Equal(["a", "new-server"], (await store.ListServersAsync()).Select(s => s.Name).Order());
            Assert.Equal(["fresh", "web"], (await stacks.ListAsync()).Select(s => s.Name));
            Assert.Equal("nginx:2", (await stacks.ListAsync()).Single(s => s.Name == "web").Image);
            var record = Assert.Single(await store.QueryActionsAsync(new ActionQuery { Type = StackActionTypes.Sync }));
            Assert.Equal(("2", "1", "2"), (record.Result["added"], record.Result["changed"], record.Result["removed"]));
            return 0;
        });

        var again = await RunAsync("sync", "--dry-run", "--prune");
        Assert.Contains("nothing to change", again.Out);
        var json = await RunAsync("--json", "sync", "--dry-run");
        using var plan = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Equal((true, false, 0), (plan.RootElement.GetProperty("dryRun").GetBoolean(), plan.RootElement.GetProperty("applied").GetBoolean(), plan.RootElement.GetProperty("added").GetInt32()));
    }

    [Fact]
    public async Task Deploying_an_undeployable_stack_from_the_cli_fails_with_a_usage_code_and_a_reason()
    {
        await SeedAsync();
        await WithStoreAsync(async (_, stacks) =>
        {
            await stacks.SaveAsync(new StackConfig { Name = "empty", Deploy = new StackDeployConfig { Targets = ["a"] } });
            return 0;
        });

        var (code, _, error) = await RunAsync("stack", "deploy", "empty", "--wait");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("monitor: ", error);
        Assert.Contains("cannot be deployed: it has neither a [build] nor an `image`", error);
        Assert.DoesNotContain("   at ", error);
    }

    public void Dispose() => _dir.Dispose();
}
