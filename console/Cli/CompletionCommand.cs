using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor completion bash|zsh`: prints a shell script that asks monitor itself for completions through
/// System.CommandLine's `[suggest:POSITION]` directive, so verbs, options and arguments complete as they are defined.
/// System.CommandLine offers every candidate that contains the word; the scripts keep those that start with it (bash:
/// compgen, zsh: compadd). Install: `eval "$(monitor completion bash)"` in ~/.bashrc, or `eval "$(monitor completion zsh)"` in ~/.zshrc.</summary>
public static class CompletionCommand
{
    public const string Bash = """
        # bash completion for monitor: eval "$(monitor completion bash)"
        _monitor_complete() {
            local IFS=$'\n' cur="${COMP_WORDS[COMP_CWORD]}"
            COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${cur}"))
        }
        complete -o default -F _monitor_complete monitor
        """;

    public const string Zsh = """
        # zsh completion for monitor: eval "$(monitor completion zsh)" (after compinit)
        _monitor_complete() {
            local line="${(j: :)words}"
            local before="${(j: :)words[1,CURRENT]}"
            local -a items
            items=("${(@f)$("${words[1]}" "[suggest:${#before}]" "$line" 2>/dev/null)}")
            compadd -a items
        }
        compdef _monitor_complete monitor
        """;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print the shell completion script (bash or zsh)") { shell };
        CliAction.Set(command, output, error, (ctx, _) =>
        {
            var name = ctx.Parse.GetValue(shell)!;
            var script = name == "bash" ? Bash : Zsh;
            if (ctx.Json) Output.Json(ctx.Out, new ScriptJson(name, script + "\n"));
            else ctx.Out.WriteLine(script);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>`completion --json`.</summary>
    internal sealed record ScriptJson(string Shell, string Script);
}
