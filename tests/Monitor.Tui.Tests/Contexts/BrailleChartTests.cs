using Monitor.Control.Tui.Contexts;

namespace Monitor.Tui.Tests.Contexts;

/// <summary>The pure braille renderer: dot positions, scaling, joined lines, gaps, and the titled chart with its scale.</summary>
public sealed class BrailleChartTests
{
    [Fact]
    public void A_value_at_the_bottom_lights_the_bottom_dots_and_at_the_top_the_top_dots()
    {
        // 1 cell = 2 columns × 4 rows; the bottom row is dots 7 and 8 (0x40, 0x80), the top row dots 1 and 4 (0x01, 0x08).
        Assert.Equal(["⣀"], BrailleChart.Render([0.0, 0.0], 1, 1, 0, 100));
        Assert.Equal(["⠉"], BrailleChart.Render([100.0, 100.0], 1, 1, 0, 100));
        Assert.Equal(["⠀⠀", "⣀⣀"], BrailleChart.Render([0.0, 0.0, 0.0, 0.0], 2, 2, 0, 100).Select(l => l.Replace(' ', '⠀')).ToArray());
    }

    [Fact]
    public void A_rising_value_draws_a_joined_line_from_bottom_left_to_top_right()
    {
        var lines = BrailleChart.Render([0.0, 100.0], 1, 2, 0, 100);
        // Column 0 at the bottom (row 7), column 1 joined from row 7 up to row 0: every dot of the right column.
        Assert.Equal(["⢸", "⣸"], lines);
    }

    [Fact]
    public void Missing_values_leave_a_gap_and_values_outside_the_scale_are_clamped()
    {
        var lines = BrailleChart.Render([50.0, null, null, 500.0], 2, 1, 0, 100);
        Assert.Single(lines);
        Assert.Equal(2, lines[0].Length);
        Assert.NotEqual(' ', lines[0][0]);   // 50 in the left cell
        Assert.Equal('⠈', lines[0][1]);      // the gap, then 500 clamped to the top right dot (no line joined across the gap)
        Assert.All(BrailleChart.Render([], 3, 2, 0, 1), l => Assert.Equal("   ", l));
    }

    [Fact]
    public void Many_values_are_resampled_to_the_width_and_the_titled_chart_shows_its_scale_and_summary()
    {
        var values = Enumerable.Range(0, 500).Select(i => (double?)(i % 100)).ToList();
        var plot = BrailleChart.Render(values, 30, 4, 0, 100);
        Assert.Equal(4, plot.Count);
        Assert.All(plot, l => Assert.Equal(30, l.Length));
        Assert.All(plot, l => Assert.All(l, ch => Assert.True(ch == ' ' || ch is >= '\u2800' and <= '\u28FF')));

        var titled = BrailleChart.Titled("CPU %", [10.0, 20.0, 95.0, 40.0], 40, 3, 0, 100, v => $"{v:0}%");
        Assert.Equal("CPU %  now 40%  max 95%", titled[0]);
        Assert.StartsWith("100%┤", titled[1]);
        Assert.StartsWith("    │", titled[2]);
        Assert.StartsWith("  0%┤", titled[3]);
        Assert.All(titled.Skip(1), l => Assert.Equal(40, l.Length));
        Assert.Equal(50, BrailleChart.NiceMax([3.0, 42.0], 1));
        Assert.Equal(1, BrailleChart.NiceMax([0.2, null], 1));
    }
}
