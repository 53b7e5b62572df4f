using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Shared.Models;

namespace Monitor.Tui.Tests.Contexts;

public sealed class ListContextTests
{
    private static ListContext<(string Name, int Size)> Make() => new(
        [new("NAME", 6, x => x.Name), new("SIZE", 0, x => x.Size.ToString(), x => x.Size)], x => x.Name);

    [Fact]
    public void Sort_cycles_columns_and_keeps_the_selection()
    {
        var list = Make();
        list.SetItems([("b", 10), ("a", 2), ("c", 1)]);
        list.Select(0); // b
        list.CycleSortColumn(); // by name
        Assert.Equal(["a", "b", "c"], list.Visible.Select(x => x.Name));
        Assert.Equal("b", list.Selected.Name);
        list.CycleSortColumn(); // by size (numeric)
        Assert.Equal(["c", "a", "b"], list.Visible.Select(x => x.Name));
        list.ToggleSortOrder();
        Assert.Equal(["b", "a", "c"], list.Visible.Select(x => x.Name));
        Assert.Contains("SIZE↓", list.HeaderText(20));
    }

    [Fact]
    public void Filter_matches_any_column_case_insensitively()
    {
        var list = Make();
        list.SetItems([("Alpha", 1), ("beta", 22), ("gamma", 3)]);
        list.SetFilter("ALP");
        Assert.Equal(["Alpha"], list.Visible.Select(x => x.Name));
        list.SetFilter("22");
        Assert.Equal(["beta"], list.Visible.Select(x => x.Name));
    }

    [Fact]
    public void Command_line_parses_jumps_and_reports_unknown_commands()
    {
        Assert.Equal(new Jump(PaneId.Servers, "web-01"), CommandLine.Parse(":server web-01"));
        Assert.Equal(new Jump(PaneId.Stacks), CommandLine.Parse("stacks"));
        Assert.Equal(new Jump(PaneId.History, "type=deploy"), CommandLine.Parse(":history type=deploy"));
        Assert.True(CommandLine.Parse(":q").Quit);
        Assert.NotNull(CommandLine.Parse(":nope").Error);
        Assert.Equal(["echo", "a b", "c"], CommandLine.SplitArguments("echo 'a b' c"));
    }

    [Fact]
    public void History_filter_builds_the_query_and_rejects_unknown_keys()
    {
        var h = new HistoryContext();
        Assert.Null(h.ApplyFilter("type=deploy server=web-01 user=bob success=false"));
        Assert.Equal("stack.deploy", h.Query.Type);
        Assert.Equal("web-01", h.Query.Server);
        Assert.Equal("bob", h.Query.User);
        Assert.False(h.Query.Success);
        Assert.NotNull(h.ApplyFilter("success=maybe"));
        Assert.Null(h.ApplyFilter("clear"));
        Assert.Null(h.Query.Type);
        h.CycleSort();
        Assert.Equal(ActionSortField.Type, h.Query.Sort);
    }

    [Fact]
    public void Read_only_tables_hide_and_refuse_state_changing_keys()
    {
        var ran = 0;
        var table = new KeyBindingTable(readOnly: true)
            .Add("r", "Restart", () => ran++, changesState: true)
            .Add("i", "Inspect", () => ran += 10);
        Assert.False(table.TryHandle("r"));
        Assert.True(table.TryHandle("i"));
        Assert.Equal(10, ran);
        Assert.DoesNotContain("Restart", table.StatusText());
    }
}
