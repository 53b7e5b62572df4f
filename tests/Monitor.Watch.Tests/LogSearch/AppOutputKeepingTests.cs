using Monitor.Control.LogSearch;
using Monitor.Control.Store;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>A supervised app's captured output (work_dir/apps/NAME/output.log, appended by the app itself and rotated by
/// renaming) kept through a real agent's logship.app: across a rotation and an agent restart, nothing lost or repeated.</summary>
public sealed class AppOutputKeepingTests
{
    [Fact]
    public async Task App_output_is_kept_across_rotation_and_an_agent_restart()
    {
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        await using var fixture = new LogKeeperFixture();
        await using var agent = await TestAgent.StartAsync();
        await fixture.RegisterAsync(store, "mt-ls-a", agent);
        var dir = Directory.CreateDirectory(Path.Combine(agent.WorkDir, "apps", "mt-ls-demo")).FullName;
        var log = Path.Combine(dir, "output.log");
        async Task WriteAsync(int from, int to)
        {
            for (var i = from; i < to; i++) await File.AppendAllTextAsync(log, $"demo line {i}\n");
        }
        await WriteAsync(0, 30);
        await File.AppendAllTextAsync(log, "partial "); // not a line yet

        fixture.Keeper(store, agent, new LogKeepPlan([LogKeepEntry.Parse("app:mt-ls-demo")], new Dictionary<string, IReadOnlyList<LogKeepEntry>>()), "keeper");
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", "app:mt-ls-demo")).Count == 30, "30 lines kept");

        await File.AppendAllTextAsync(log, "tail 30\n");
        await WriteAsync(31, 50);
        File.Move(log, log + ".1"); // rotation: the rest of the old file is read before the new one
        await WriteAsync(50, 60);
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", "app:mt-ls-demo")).Count == 60, "60 lines kept");

        await agent.StopAsync();
        await WriteAsync(60, 80);
        await agent.StartAgainAsync();
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", "app:mt-ls-demo")).Count >= 80, "80 lines kept");
        LogKeeperFixture.AssertComplete(await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", "app:mt-ls-demo"), 79);
        var line30 = await ((ILogArchive)store).SearchLogLinesAsync(new LogSearchQuery("partial tail 30"));
        Assert.Equal("app:mt-ls-demo", Assert.Single(line30).Source);
    }
}
