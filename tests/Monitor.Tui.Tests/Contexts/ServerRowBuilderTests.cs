using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Contexts;

/// <summary>The Servers pane's incremental row builder: a build changes only the rows of servers whose status
/// changed (the others stay the very same objects), keeps the servers' order, and the list keeps its selection.</summary>
public sealed class ServerRowBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private static ServerStatus Status(string name, double? cpu, int second = 0, AgentConnectionState state = AgentConnectionState.Online) =>
        new(new ServerInfo { Name = name, Url = $"ws://127.0.0.1:9/{name}" }, state, null, null,
            cpu is null ? null : new HostMetrics(T0.AddSeconds(second), cpu.Value, 0, 0, 0, 1000, 500, 500, 0, 0,
                [new DiskUsage("/", "/dev/sda1", "ext4", 100, 40, 60)], [], 1, [], 1));

    [Fact]
    public void Only_the_changed_server_gets_a_new_row_and_the_order_is_kept()
    {
        var builder = new ServerRowBuilder();
        var first = builder.Build([Status("a", 10), Status("b", 20), Status("c", 30)], null, T0);
        Assert.Equal(3, first.Changed);
        Assert.Equal(["a", "b", "c"], first.Rows.Select(r => r.Name));

        // b sends a new sample; a and c send nothing new (the same samples again, as new objects).
        var second = builder.Build([Status("a", 10), Status("b", 55, second: 10), Status("c", 30)], null, T0);
        Assert.Equal(1, second.Changed);
        Assert.Equal(["a", "b", "c"], second.Rows.Select(r => r.Name));
        Assert.Same(first.Rows[0], second.Rows[0]);
        Assert.NotSame(first.Rows[1], second.Rows[1]);
        Assert.Same(first.Rows[2], second.Rows[2]);
        Assert.Equal(55, second.Rows[1].CpuPercent);
        Assert.Equal([20.0, 55.0], second.Rows[1].CpuHistory);
        Assert.Equal(3, second.Online);
        Assert.Equal(3, second.Total);

        // A state change without a new sample is a change too, and adds no history point.
        var third = builder.Build([Status("a", 10, state: AgentConnectionState.Unreachable), Status("b", 55, second: 10), Status("c", 30)], null, T0);
        Assert.Equal(1, third.Changed);
        Assert.NotSame(second.Rows[0], third.Rows[0]);
        Assert.Same(second.Rows[1], third.Rows[1]);
        Assert.Equal([10.0], third.Rows[0].CpuHistory);
        Assert.Equal(2, third.Online);
    }

    [Fact]
    public void The_sparklines_are_rendered_into_the_row_once_per_sample()
    {
        var builder = new ServerRowBuilder();
        ServerRowSet set = builder.Build([Status("a", 0)], null, T0);
        for (var i = 1; i <= 12; i++) set = builder.Build([Status("a", i % 2 == 0 ? 100 : 0, second: i)], null, T0);
        var graph = set.Rows[0].Graph;
        Assert.Equal(2 * ServerRowBuilder.SparklineWidth + 1, graph.Length);
        Assert.Equal("▁█▁█▁█▁█▁█", graph[..ServerRowBuilder.SparklineWidth]); // the newest 10 of 13 samples, newest (100) right
        Assert.Equal(13, set.Rows[0].CpuHistory.Count);
    }

    [Fact]
    public void A_removed_server_drops_out_and_comes_back_without_its_old_history()
    {
        var builder = new ServerRowBuilder();
        builder.Build([Status("a", 10), Status("b", 20)], null, T0);
        var without = builder.Build([Status("a", 10)], null, T0);
        Assert.Equal(["a"], without.Rows.Select(r => r.Name));
        var back = builder.Build([Status("a", 10), Status("b", 70, second: 20)], null, T0);
        Assert.Equal([70.0], back.Rows[1].CpuHistory);
    }

    [Fact]
    public void The_list_keeps_its_sort_and_the_selected_server_when_rows_are_swapped_in()
    {
        var context = new ServersContext();
        context.Apply([Status("a", 10), Status("b", 20), Status("c", 30)]);
        context.List.SortBy(2, descending: true); // CPU, highest first: c b a
        Assert.True(context.List.SelectBy("b"));
        Assert.Equal(1, context.List.SelectedIndex);

        // Built off the UI thread for the current sort, then shown: b climbs to the top and stays selected.
        var update = context.Prepare([Status("a", 10), Status("b", 90, second: 10), Status("c", 30)]);
        context.Show(update);
        Assert.Equal(["b", "c", "a"], context.List.Visible.Select(r => r.Name));
        Assert.Equal("b", context.List.Selected?.Name);
        Assert.Equal(0, context.List.SelectedIndex);
    }

    [Fact]
    public void Rows_arranged_for_an_older_filter_are_arranged_again_when_shown()
    {
        var context = new ServersContext();
        context.Apply([Status("web-1", 10), Status("db-1", 20), Status("web-2", 30)]);
        var update = context.Prepare([Status("web-1", 11, second: 5), Status("db-1", 20), Status("web-2", 30)]);
        context.List.SetFilter("web"); // the operator filtered while the update was being built
        context.Show(update);
        Assert.Equal(["web-1", "web-2"], context.List.Visible.Select(r => r.Name));
        Assert.Equal(11, context.List.Visible[0].CpuPercent);
    }
}
