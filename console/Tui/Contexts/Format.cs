namespace Monitor.Control.Tui.Contexts;

/// <summary>Short, fixed-width friendly renderings of sizes, durations and times.</summary>
public static class Format
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "K", "M", "G", "T"];
        double value = bytes;
        var u = 0;
        while (value >= 1024 && u < units.Length - 1) { value /= 1024; u++; }
        return u == 0 ? $"{bytes}B" : $"{value:0.#}{units[u]}";
    }

    public static string Percent(double? value) => value is null ? "-" : $"{value:0}%";

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.#}s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s"
        : span.TotalHours < 48 ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
        : $"{(int)span.TotalDays}d{span.Hours:00}h";

    public static string Ago(DateTimeOffset? time, DateTimeOffset now) =>
        time is null ? "-" : Duration(now - time.Value) + " ago";

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("MM-dd HH:mm:ss");
}
