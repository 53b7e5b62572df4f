namespace Monitor.Shared.Text;

/// <summary>Checks for names and identifiers that enter from outside (config, CLI, requests): the whole value must
/// match, and no control character may pass (a trailing newline included — .NET's <c>$</c> matches before one).</summary>
public static class NameText
{
    /// <summary>A problem with <paramref name="value"/> as a name, or null when it has no control character.</summary>
    public static string? ControlProblem(string? value, string what) =>
        TerminalText.HasControl(value)
            ? $"{what} \"{TerminalText.Cell(value, 80)}\" contains a control character (newline, escape, NUL...); use printable characters only"
            : null;
}
