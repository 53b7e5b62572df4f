namespace Monitor.Control.Stacks;

/// <summary>One piece of live output of a stack operation: which step, on which server, which stream, the text.</summary>
public sealed record StackOutput(string Step, string? Server, string Stream, string Text)
{
    public override string ToString() => Server is null ? $"[{Step}] {Text}" : $"[{Step} {Server}] {Text}";
}
