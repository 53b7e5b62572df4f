using Monitor.Shared.Text;

namespace Monitor.Shared.Tests.Text;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("web-01", "web-01")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("x\u001b]0;owned\u0007", "x\\x1B]0;owned\\x07")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("nul\0", "nul\\0")]
    [InlineData("c1\u009b31m", "c1\\x9B31m")]
    [InlineData("rtl\u202Eevil", "rtl\\u202Eevil")]
    [InlineData("ünïcödé ✓", "ünïcödé ✓")]
    public void Escape_makes_control_characters_visible_and_leaves_plain_text_alone(string input, string expected) =>
        Assert.Equal(expected, TerminalText.Escape(input));

    [Fact]
    public void Cell_cuts_long_values_with_an_ellipsis_after_escaping()
    {
        var cell = TerminalText.Cell(new string('x', 10_000), 20);
        Assert.Equal(20, cell.Length);
        Assert.EndsWith("…", cell, StringComparison.Ordinal);
        Assert.Equal("short", TerminalText.Cell("short", 20));
        Assert.Equal("a\\nb", TerminalText.Cell("a\nb", 20));
    }

    [Fact]
    public void Escape_keeping_lines_keeps_line_breaks_and_tabs_but_escapes_the_rest()
    {
        Assert.Equal("one\n\ttwo \\x1B[2J", TerminalText.EscapeKeepingLines("one\r\n\ttwo \u001b[2J"));
    }

    [Theory]
    [InlineData("name\n", true)]
    [InlineData("name", false)]
    [InlineData("na\u0085me", true)]
    public void Has_control_finds_what_names_must_not_hold(string value, bool expected) =>
        Assert.Equal(expected, TerminalText.HasControl(value));
}
