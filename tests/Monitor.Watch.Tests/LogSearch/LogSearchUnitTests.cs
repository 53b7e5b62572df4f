using Monitor.Control.LogSearch;
using Monitor.Shared.Config;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>The parts of log keeping without I/O: keep entries, the regex literal that narrows a search, level guessing,
/// the container cursor's dedupe at equal timestamps, sizes, and [logs] errors naming their line.</summary>
public sealed class LogSearchUnitTests
{
    [Theory]
    [InlineData("connection refused", "connection refused")]
    [InlineData(@"time.?out after \d+ ms", "out after ")]
    [InlineData(@"^ERROR: disk (full|gone)", "ERROR: disk ")]
    [InlineData(@"user=\w+ login failed", " login failed")]
    [InlineData(@"a|b", null)]
    [InlineData(@"(a|b)c\|d", "c|d")]
    [InlineData(@"colou?r scheme", "r scheme")]
    [InlineData(@"[abc]+x{2,3}yz", "yz")]
    [InlineData(@"file\.txt", "file.txt")]
    public void The_longest_literal_of_a_regex_must_occur_in_every_match(string regex, string? literal) =>
        Assert.Equal(literal, RegexLiteral.Longest(regex));

    [Theory]
    [InlineData("web", LogKeepKind.Container, "web")]
    [InlineData("app:demo", LogKeepKind.App, "demo")]
    [InlineData("logfile:/tmp/demo_log_*", LogKeepKind.LogFile, "/tmp/demo_log_*")]
    [InlineData("stack:shop", LogKeepKind.Stack, "shop")]
    public void Keep_entries_parse(string text, LogKeepKind kind, string value)
    {
        Assert.Equal(new LogKeepEntry(kind, value), LogKeepEntry.Parse(text));
        Assert.Equal(text, LogKeepEntry.Parse(text).ToString());
    }

    [Theory]
    [InlineData("bogus:x")]
    [InlineData("logfile:/tmp/../etc/*")]
    [InlineData("we b")]
    [InlineData("app:")]
    public void Bad_keep_entries_are_refused(string text) => Assert.Throws<FormatException>(() => LogKeepEntry.Parse(text));

    [Theory]
    [InlineData("2026-01-01 ERROR db down", "error")]
    [InlineData("level=warning msg=slow", "warn")]
    [InlineData("[info] started", "info")]
    [InlineData("all good", null)]
    [InlineData("terrorism is not a level", null)]
    public void Levels_are_guessed_from_the_first_level_word(string text, string? level) => Assert.Equal(level, LogLevels.Guess(text));

    [Fact]
    public void Least_level_lists_it_and_those_above() => Assert.Equal(["warn", "error"], LogLevels.AtLeast("WARNING"));

    [Fact]
    public void The_container_cursor_skips_exactly_the_lines_kept_at_its_timestamp()
    {
        var cursor = ContainerLogCursor.Parse(null);
        Assert.Null(cursor.Since);
        Assert.True(cursor.Accept("2026-12-02T01:00:00.5Z"));
        Assert.True(cursor.Accept("2026-12-02T01:00:01.000000007Z"));
        Assert.True(cursor.Accept("2026-12-02T01:00:01.000000007Z"));
        var stored = cursor.ToString();
        Assert.Equal("2026-12-02T01:00:01.000000007Z|2", stored);

        var resumed = ContainerLogCursor.Parse(stored);
        Assert.Equal("1796173201.000000006", resumed.Since);
        Assert.False(resumed.Accept("2026-12-02T01:00:01.000000007Z")); // kept before
        Assert.False(resumed.Accept("2026-12-02T01:00:01.000000007Z"));
        Assert.True(resumed.Accept("2026-12-02T01:00:01.000000007Z"));  // a third line at that time is new
        Assert.Equal("2026-12-02T01:00:01.000000007Z|3", resumed.ToString());
        Assert.Equal("1796173200.999999999", ContainerLogCursor.Parse("2026-12-02T01:00:01Z|1").Since);
    }

    [Theory]
    [InlineData("5GB", 5_000_000_000L)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("500 MB", 500_000_000L)]
    [InlineData("1.5kB", 1500L)]
    public void Sizes_parse(string text, long bytes) => Assert.Equal(bytes, LogsSettings.ParseSize(text, "max_size"));

    [Fact]
    public void A_bad_logs_setting_names_its_line()
    {
        var toml = "[logs]\nkeep = [\"web\", \"nope:x\"]\nretention = \"14d\"\n";
        var config = TomlConfigLoader.Parse<MonitorConfig>(toml, "monitor.toml");
        var e = Assert.Throws<ConfigException>(() => LogsConfigCheck.Validate(config, "monitor.toml", toml.Split('\n')));
        Assert.Equal(2, e.Line);
        Assert.Contains("nope:x", e.Message);

        toml = "[logs]\nkeep = [\"web\"]\nmax_size = \"lots\"\n[[servers]]\nname = \"a\"\nurl = \"ws://x:1\"\nkeep_logs = [\"app:demo\"]\n[[stacks]]\nname = \"shop\"\nkeep_logs = true\n";
        config = TomlConfigLoader.Parse<MonitorConfig>(toml, "monitor.toml");
        e = Assert.Throws<ConfigException>(() => LogsConfigCheck.Validate(config, "monitor.toml", toml.Split('\n')));
        Assert.Equal(3, e.Line);
        var plan = LogKeepPlan.From(config);
        Assert.Equal(["web", "stack:shop", "app:demo"], plan.For("a").Select(x => x.ToString()));
        Assert.Equal(["web", "stack:shop"], plan.For("b").Select(x => x.ToString()));
    }
}
