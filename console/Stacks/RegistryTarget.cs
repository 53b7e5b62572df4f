using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>The configured registry: image repository names and per-request credentials.</summary>
public sealed record RegistryTarget(string Address, RegistryAuth? Auth)
{
    public static RegistryTarget? From(RegistryConfig? config)
    {
        if (config is null || string.IsNullOrWhiteSpace(config.Address)) return null;
        var password = SecretSource.Read(config.PasswordEnv, config.PasswordFile, "registry password");
        var auth = config.Username is null && password is null ? null : new RegistryAuth(config.Username, password, config.Address);
        return new RegistryTarget(config.Address.TrimEnd('/'), auth);
    }

    public string Repository(string imageName) => $"{Address}/{imageName}";
}
