using Monitor.Shared.Config;

namespace Monitor.Control.Stacks;

/// <summary>The secret values a stack operation may handle (secret_env values, the repo token and ssh key), for the
/// recorder to mask wherever they appear. A reference that cannot be read has no value to mask.</summary>
public static class StackSecrets
{
    public static IReadOnlyList<string> Values(StackConfig stack)
    {
        var values = ContainerSpecFactory.SecretValues(stack).ToList();
        if (stack.Repo is { } repo)
        {
            values.AddRange(Read(repo.TokenEnv, repo.TokenFile));
            values.AddRange(Read(repo.SshKeyEnv, repo.SshKeyFile));
        }
        return values;
    }

    /// <summary>The registry password, when [registry] names one.</summary>
    public static IEnumerable<string> Registry(RegistryConfig? registry) =>
        registry is null ? [] : Read(registry.PasswordEnv, registry.PasswordFile);

    private static IEnumerable<string> Read(string? env, string? file)
    {
        try { return SecretSource.Read(env, file, "secret") is { } value ? [value] : []; }
        catch (Services.OperationFailedException) { return []; }
    }
}
