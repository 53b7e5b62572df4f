using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Contexts;

/// <summary>Supervised apps appear in the Containers list beside containers, with state, uptime, CPU and memory.</summary>
public sealed class AppRowTests
{
    private static AppStatus App(string name, string state, int? pid, double? uptime) =>
        new(name, state, state == "running", pid, pid is null ? null : DateTimeOffset.UtcNow, uptime, 2, pid is null ? null : 12.5,
            pid is null ? null : 5 * 1024 * 1024, 64 * 1024 * 1024, pid is null ? "exit 1" : null, 0, ["python3", "worker.py"]);

    [Fact]
    public void An_app_row_shows_its_command_state_uptime_and_usage_in_the_container_columns()
    {
        var context = new ContainersContext();
        context.ScopeToServer("web-01");
        context.Apply([ContainerRow.ForApp("web-01", App("worker", "running", 4242, 125)), ContainerRow.ForApp("web-01", App("cron", "exited", null, null))]);

        var worker = context.List.Visible.Single(r => r.Name == "worker");
        Assert.True(worker.IsApp);
        var cells = context.List.Columns.ToDictionary(c => c.Header, c => c.Text(worker));
        Assert.Equal("app: python3 worker.py", cells["IMAGE"]);
        Assert.Equal("running", cells["STATE"]);
        Assert.Equal("2m", cells["UP"]);
        Assert.Equal("13%", cells["CPU"]); // 12.5 rounded
        Assert.NotEqual("-", cells["MEM"]);
        Assert.Contains("app: python3", context.List.RowText(worker, 120));
        Assert.Equal("web-01/worker", context.List.Visible.Select(r => r.Server + "/" + r.Name).First(n => n.EndsWith("worker")));

        var cron = context.List.Visible.Single(r => r.Name == "cron");
        Assert.Equal("-", cron.Uptime);
        Assert.Null(cron.Stats);

        context.List.SetFilter("exited");
        Assert.Equal(["cron"], context.List.Visible.Select(r => r.Name));
    }
}
