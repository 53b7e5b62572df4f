using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Monitor.Shared.Config;

/// <summary>Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in every string value of a TOML text (not in keys or
/// comments) from the environment, before the text is read into a model; <c>$${</c> stands for a literal <c>${</c>.
/// An unset (or empty) variable without a default is a <see cref="ConfigException"/> naming file:line:column.
/// Tomlyn has no hook for this, so the string tokens are rewritten here, on its own syntax tree.</summary>
public static class ConfigVariables
{
    public static string Expand(string text, string sourceName, Func<string, string?>? environment = null)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return text;
        environment ??= Environment.GetEnvironmentVariable;
        var document = SyntaxParser.Parse(text, sourceName, false);
        if (document.HasErrors) return text; // the deserializer reports syntax errors with their position
        var replacements = new List<(int Offset, int Length, string Text)>();
        foreach (var node in document.Descendants())
        {
            if (node is not StringValueSyntax { Token: { } token } value || value.Parent is KeySyntax or DottedKeyItemSyntax) continue;
            var raw = value.Value ?? "";
            if (!raw.Contains("${", StringComparison.Ordinal)) continue;
            var expanded = ExpandValue(raw, token, sourceName, environment);
            replacements.Add((token.Span.Offset, token.Span.Length, "\"" + JsonEncodedText.Encode(expanded, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\""));
        }
        var result = new StringBuilder(text);
        foreach (var (offset, length, replacement) in replacements.OrderByDescending(r => r.Offset))
            result.Remove(offset, length).Insert(offset, replacement);
        return result.ToString();
    }

    private static string ExpandValue(string raw, SyntaxToken token, string sourceName, Func<string, string?> environment)
    {
        var output = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '$' && i + 2 < raw.Length && raw[i + 1] == '$' && raw[i + 2] == '{')
            {
                output.Append("${");
                i += 3;
                continue;
            }
            if (raw[i] != '$' || i + 1 >= raw.Length || raw[i + 1] != '{')
            {
                output.Append(raw[i++]);
                continue;
            }
            var close = raw.IndexOf('}', i + 2);
            if (close < 0) throw Error(token, raw, i, sourceName, "`${` without a closing `}`; write ${NAME} or ${NAME:-default} (or $${ for a literal ${)");
            var body = raw[(i + 2)..close];
            var split = body.IndexOf(":-", StringComparison.Ordinal);
            var name = split < 0 ? body : body[..split];
            string? fallback = split < 0 ? null : body[(split + 2)..];
            if (!IsName(name)) throw Error(token, raw, i, sourceName, $"`${{{body}}}` is not a variable reference; a name is letters, digits and _ (not starting with a digit)");
            var found = environment(name);
            if (string.IsNullOrEmpty(found))
            {
                found = fallback ?? throw Error(token, raw, i, sourceName, $"environment variable {name} is not set; set it or give a default with ${{{name}:-value}}");
            }
            output.Append(found);
            i = close + 1;
        }
        return output.ToString();
    }

    private static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The position of the reference: exact in a one-line string written without escapes before it, else the
    /// start of the string.</summary>
    private static ConfigException Error(SyntaxToken token, string raw, int index, string sourceName, string problem)
    {
        var start = token.Span.Start;
        var text = token.Text ?? "";
        var reference = raw[index..Math.Min(raw.Length, raw.IndexOf('}', index) is var c && c >= 0 ? c + 1 : raw.Length)];
        var at = text.IndexOf(reference, StringComparison.Ordinal);
        var column = at >= 0 && !text[..at].Contains('\n') ? start.Column + at : start.Column;
        return new ConfigException(sourceName, start.Line + 1, column + 1, problem);
    }
}
