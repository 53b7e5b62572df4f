namespace Monitor.Control.Tui.Contexts;

/// <summary>Parses the <c>:</c> command line: <c>:servers</c>, <c>:server web-01</c>, <c>:stacks</c>, <c>:stack api</c>,
/// <c>:containers</c>, <c>:logs</c>, <c>:history type=deploy</c>, <c>:q</c>.</summary>
public static class CommandLine
{
    public const string Usage = ":servers  :server NAME  :stacks  :stack NAME  :containers  :logs  :history [key=value…]  :search TEXT  :q";

    public static Jump Parse(string text)
    {
        var trimmed = text.Trim().TrimStart(':').Trim();
        if (trimmed.Length == 0) return new Jump(null, Error: "Empty command. Try " + Usage);
        var space = trimmed.IndexOf(' ');
        var verb = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        var arg = space < 0 ? null : trimmed[(space + 1)..].Trim();
        if (arg == "") arg = null;
        return verb switch
        {
            "q" or "quit" or "exit" => new Jump(null, Quit: true),
            "servers" or "srv" or "server" => new Jump(PaneId.Servers, arg),
            "stacks" or "stack" or "st" => new Jump(PaneId.Stacks, arg),
            "containers" or "container" or "co" or "ps" => new Jump(PaneId.Containers, arg),
            "logs" or "log" => new Jump(PaneId.Logs, arg),
            "history" or "hist" or "h" => new Jump(PaneId.History, arg),
            "search" or "grep" => new Jump(PaneId.Search, arg),
            _ => new Jump(null, Error: $"Unknown command ':{verb}'. Try " + Usage),
        };
    }

    /// <summary>Splits a command typed by the operator into program and arguments (quotes group words; no shell).</summary>
    public static IReadOnlyList<string> SplitArguments(string text)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        var inToken = false;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote) quote = null; else current.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inToken = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken) { args.Add(current.ToString()); current.Clear(); inToken = false; }
            }
            else { current.Append(c); inToken = true; }
        }
        if (inToken) args.Add(current.ToString());
        return args;
    }
}
