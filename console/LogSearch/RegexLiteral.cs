using System.Text;

namespace Monitor.Control.LogSearch;

/// <summary>The longest run of characters every match of a regex must contain, to narrow a search with the full-text
/// index before the regex filters. Conservative: top-level alternation gives none; groups, classes and escapes like \d end a
/// run; a quantified character is dropped.</summary>
public static class RegexLiteral
{
    public static string? Longest(string pattern)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        var depth = 0;
        void End() { if (run.Length > 0) runs.Add(run.ToString()); run.Clear(); }
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            char? literal = null;
            switch (c)
            {
                case '\\':
                    if (i + 1 < pattern.Length && !char.IsLetterOrDigit(pattern[i + 1])) literal = pattern[++i];
                    else { i++; End(); continue; }
                    break;
                case '[':
                    End();
                    for (i++; i < pattern.Length && pattern[i] != ']'; i++) if (pattern[i] == '\\') i++;
                    continue;
                case '(': depth++; End(); continue;
                case ')': depth = Math.Max(0, depth - 1); End(); continue;
                case '.' or '^' or '$': End(); continue;
                case '*' or '?':
                    if (run.Length > 0) run.Length--;
                    End(); continue;
                case '{':
                    if (run.Length > 0) run.Length--;
                    End();
                    while (i < pattern.Length && pattern[i] != '}') i++;
                    continue;
                case '+': End(); continue;
                case '|':
                    if (depth == 0) return null; // top-level alternation: no part is common to every match
                    continue;
                default: literal = c; break;
            }
            if (depth > 0) continue;
            // A literal followed by ?, * or {0,..} may be absent: the quantifier handling above drops it from the run.
            run.Append(literal);
        }
        End();
        return runs.Count == 0 ? null : runs.MaxBy(r => r.Length);
    }
}
