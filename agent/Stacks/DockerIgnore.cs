using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Agent.Stacks;

/// <summary>A build context's .dockerignore, matched as Docker does: one pattern a line (`#` comments), paths
/// relative to the context root (a leading `/` is dropped), `*` and `?` within one path segment, `**` across
/// segments, `[...]` classes, `!` re-includes; the last matching line wins, and a pattern that matches a directory
/// matches everything under it.</summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>True when some line re-includes paths (then an excluded directory still has to be walked).</summary>
    public bool HasExceptions => _rules.Any(r => r.Include);

    public static DockerIgnore Load(string contextDirectory)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(file) ? Parse(File.ReadAllText(file)) : Empty;
    }

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<(Regex, bool)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var include = line.StartsWith('!');
            var pattern = Clean(include ? line[1..].Trim() : line);
            if (pattern.Length == 0) continue;
            rules.Add((new Regex(ToRegex(pattern), RegexOptions.CultureInvariant), include));
        }
        return new DockerIgnore(rules);
    }

    /// <summary>Whether <paramref name="relativePath"/> (forward slashes, relative to the context) is left out.</summary>
    public bool IsExcluded(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, include) in _rules)
            if (MatchesSelfOrParent(pattern, relativePath)) excluded = !include;
        return excluded;
    }

    private static bool MatchesSelfOrParent(Regex pattern, string path)
    {
        if (pattern.IsMatch(path)) return true;
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (pattern.IsMatch(path[..slash])) return true;
        return false;
    }

    /// <summary>Path.Clean-like: no leading "/" or "./", no empty or "." segments, ".." folded.</summary>
    private static string Clean(string pattern)
    {
        var parts = new List<string>();
        foreach (var part in pattern.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") { parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/') { i++; regex.Append("(.*/)?"); }
                    else regex.Append(".*");
                    break;
                case '*': regex.Append("[^/]*"); break;
                case '?': regex.Append("[^/]"); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { regex.Append(@"\["); break; }
                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!') || body.StartsWith('^');
                    regex.Append('[').Append(negate ? "^" : "").Append(Regex.Escape(negate ? body[1..] : body)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < pattern.Length: regex.Append(Regex.Escape(pattern[++i].ToString())); break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return regex.Append('$').ToString();
    }
}
